"""The store, on SQLite and on a real PostgreSQL: versions kept byte for byte, a broken file
refused with nothing stored, answers that refuse a stale save, share links of which only a
hash is kept, members and their roles, and a schema the migrations make exactly."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

from dayserv.read.reader import UnreadableError
from dayserv.store import access, areas, links, records
from dayserv.store.database import StoreUnavailable, engine_for, transaction
from dayserv.store.schema import Base, Record, ShareLink, Version, VersionFile
from tests.workbooks import SERVICES_HEADER, xlsx

DAY_CENTRE = ["Day centre", "Mind", "2024/25", "Voluntary", "No", "North", 50000]
PEER_CAFE = ["Peer café", "Hearing Voices", "2024/25", "User-led", "Yes", "South", 20000]
SHARES = [100, 0, 0, 100, 0, 100, 0]  # all building-based, social and group
SAMPLE = ("sample.xlsx", xlsx({"Services": [SERVICES_HEADER, DAY_CENTRE + SHARES]}))
LATER = (
    "later.xlsx",
    xlsx({"Services": [SERVICES_HEADER, DAY_CENTRE + SHARES, PEER_CAFE + SHARES]}),
)


@pytest.fixture
def engine(database_url):
    return engine_for(database_url)


def test_the_migrations_make_the_schema_the_models_describe(engine):
    with engine.connect() as connection:
        assert compare_metadata(MigrationContext.configure(connection), Base.metadata) == []


def test_a_version_keeps_its_file_byte_for_byte_with_who_and_when(engine):
    saved = areas.save_version(engine, "  Eastbrook  ", [SAMPLE], "ann@example.org", "Q1")
    assert (saved.area, saved.number, saved.files) == ("Eastbrook", 1, ("sample.xlsx",))
    assert saved.size == len(SAMPLE[1]) and saved.note == "Q1"
    assert saved.problems["error"] == 0 and saved.problems["left_out"] == {}
    info, files = areas.version_files(engine, "eastbrook")
    assert files == [SAMPLE] and info == saved
    with transaction(engine) as session:
        stored = session.scalar(select(VersionFile))
        assert stored.sha256 == hashlib.sha256(SAMPLE[1]).hexdigest()


def test_versions_number_on_and_the_history_lists_them_latest_first(engine):
    areas.save_version(engine, "Eastbrook", [SAMPLE], "ann@example.org")
    areas.save_version(engine, "EASTBROOK", [LATER], "bob@example.org", "Q2")
    areas.save_version(engine, "Westmere", [SAMPLE], "ann@example.org")
    assert [v.number for v in areas.history(engine, "Eastbrook")] == [2, 1]
    assert areas.version_files(engine, "Eastbrook", 1)[1] == [SAMPLE]
    assert areas.version_files(engine, "Eastbrook")[1] == [LATER]
    listed = areas.list_areas(engine)
    assert [(a.name, a.versions, a.latest, a.saved_by) for a in listed] == [
        ("Eastbrook", 2, 2, "bob@example.org"),
        ("Westmere", 1, 1, "ann@example.org"),
    ]
    assert [a.name for a in areas.list_areas(engine, {"westmere"})] == ["Westmere"]
    with pytest.raises(areas.AreaError, match="Eastbrook has no version 7"):
        areas.version_files(engine, "Eastbrook", 7)


def test_a_file_that_cannot_be_read_is_refused_and_nothing_is_stored(engine):
    with pytest.raises(UnreadableError):
        areas.save_version(engine, "Eastbrook", [("notes.xlsx", b"not a workbook")], "ann")
    assert areas.list_areas(engine) == []
    assert areas.find_area(engine, "Eastbrook") is None


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, "a@b", "tab\x07"])
def test_an_area_needs_a_plain_name(engine, name):
    with pytest.raises(areas.AreaError):
        areas.save_version(engine, name, [SAMPLE], "ann")


def test_deleting_an_area_deletes_all_it_holds(engine):
    areas.save_version(engine, "Eastbrook", [SAMPLE], "ann@example.org")
    areas.save_version(engine, "Westmere", [SAMPLE], "ann@example.org")
    records.save_record(engine, "Eastbrook", "checklist", {"a": 1}, 0, "ann@example.org")
    links.create_link(engine, "Eastbrook", "ann@example.org")
    assert areas.delete_area(engine, "eastbrook") == "Eastbrook"
    assert [a.name for a in areas.list_areas(engine)] == ["Westmere"]
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(Version)) == 1
        assert session.scalar(select(func.count()).select_from(VersionFile)) == 1
        assert session.scalar(select(func.count()).select_from(Record)) == 0
        assert session.scalar(select(func.count()).select_from(ShareLink)) == 0
    with pytest.raises(areas.AreaError, match="no saved area called 'Eastbrook'"):
        areas.history(engine, "Eastbrook")


def test_a_save_made_on_an_old_revision_is_refused_and_names_who_saved(engine):
    areas.save_version(engine, "Eastbrook", [SAMPLE], "ann@example.org")
    assert records.read_record(engine, "Eastbrook", "checklist") == records.Saved({})
    first = records.save_record(engine, "Eastbrook", "checklist", {"q1": "Yes"}, 0, "ann")
    assert first.revision == 1
    # Ann and Bob both opened revision 1; Bob saves first.
    bob = records.save_record(engine, "Eastbrook", "checklist", {"q1": "No"}, 1, "bob")
    assert bob.revision == 2
    with pytest.raises(records.Conflict, match="bob saved these since you opened them") as err:
        records.save_record(engine, "Eastbrook", "checklist", {"q1": "Partly"}, 1, "ann")
    assert err.value.latest.body == {"q1": "No"} and err.value.latest.revision == 2
    assert records.read_record(engine, "Eastbrook", "checklist").body == {"q1": "No"}
    # A second "first" save is refused too.
    with pytest.raises(records.Conflict):
        records.save_record(engine, "Eastbrook", "checklist", {"q1": "Yes"}, 0, "cat")


def test_a_share_link_keeps_only_its_hash_and_grants_what_it_names(engine):
    areas.save_version(engine, "Eastbrook", [SAMPLE], "ann@example.org")
    areas.save_version(engine, "Eastbrook", [LATER], "ann@example.org")
    with pytest.raises(ValueError, match="needs its threshold"):
        links.create_link(engine, "Eastbrook", "ann", publication=True)
    made = links.create_link(engine, "Eastbrook", "ann", version=1, publication=True, threshold=7)
    token = links.token_from(made.path)
    assert made.path == f"/?share={token}" and len(token) == 43  # 256 bits, base64url
    with engine.connect() as connection:
        dumped = str(connection.execute(text("SELECT * FROM share_links")).all())
    assert token not in dumped and hashlib.sha256(token.encode()).hexdigest() in dumped
    opened = links.open_link(engine, token)
    assert (opened.area, opened.version, opened.publication, opened.threshold) == (
        "Eastbrook",
        1,
        True,
        7,
    )
    assert opened.words() == ("Eastbrook, version 1, in publication mode (counts under 7 hidden)")
    assert (
        links.open_link(
            engine, links.token_from(links.create_link(engine, "Eastbrook", "ann").path)
        ).version
        is None
    )  # the latest, whatever it is then
    assert links.revoke_link(engine, f"http://x.org{made.path}")[1]
    assert not links.revoke_link(engine, made.path)[1]  # withdrawn already
    with pytest.raises(links.LinkRefused, match="withdrawn"):
        links.open_link(engine, token)
    with pytest.raises(links.LinkRefused, match="not known"):
        links.open_link(engine, token[:-1] + ("A" if token[-1] != "A" else "B"))
    with pytest.raises(links.LinkRefused, match="not complete"):
        links.open_link(engine, token[:20])
    with pytest.raises(areas.AreaError, match="no version 9"):
        links.create_link(engine, "Eastbrook", "ann", version=9)


def test_an_expired_link_is_refused_and_no_longer_listed(engine, monkeypatch):
    areas.save_version(engine, "Eastbrook", [SAMPLE], "ann@example.org")
    made = links.create_link(engine, "Eastbrook", "ann", expires_days=1)
    assert [link.path for _, link in links.area_links(engine, "Eastbrook")] == [""]
    later = links.now() + timedelta(days=2)
    monkeypatch.setattr(links, "now", lambda: later)
    with pytest.raises(links.LinkRefused, match="expired"):
        links.open_link(engine, links.token_from(made.path))
    assert links.area_links(engine, "Eastbrook") == []


def test_the_maker_owns_an_area_and_owners_invite_by_address(engine):
    areas.save_version(engine, "Eastbrook", [SAMPLE], "Ann@Example.org")
    assert access.role_of(engine, "Eastbrook", "ann@example.org") == "owner"
    access.add_member(engine, "Eastbrook", " Bob@Example.org ", "viewer", "ann@example.org")
    access.add_member(engine, "Eastbrook", "bob@example.org", "editor", "ann@example.org")
    assert [(m.email, m.role) for m in access.members(engine, "Eastbrook")] == [
        ("ann@example.org", "owner"),
        ("bob@example.org", "editor"),
    ]
    assert access.areas_of(engine, "BOB@example.org") == {"eastbrook": "editor"}
    assert access.may("editor", "viewer") and not access.may("editor", "owner")
    assert not access.may(None, "viewer")
    with pytest.raises(areas.AreaError, match="needs an owner"):
        access.remove_member(engine, "Eastbrook", "ann@example.org")
    access.remove_member(engine, "Eastbrook", "bob@example.org")
    assert access.role_of(engine, "Eastbrook", "bob@example.org") is None
    with pytest.raises(areas.AreaError, match="not an e-mail address"):
        access.add_member(engine, "Eastbrook", "bob", "viewer", "ann")


def test_a_save_that_fails_half_way_stores_nothing_and_loses_nothing(engine, monkeypatch):
    areas.save_version(engine, "Eastbrook", [SAMPLE], "ann@example.org")
    # The version's row cannot be written (its summary is not JSON): the new area and the
    # files written before it in the same transaction must go too.
    monkeypatch.setattr(areas, "problems_summary", lambda portfolio: {"odd": object()})
    for name in ("Eastbrook", "Westmere"):
        with pytest.raises((StoreUnavailable, TypeError)):  # as each driver reports it
            areas.save_version(engine, name, [LATER], "ann@example.org")
    assert [(a.name, a.versions) for a in areas.list_areas(engine)] == [("Eastbrook", 1)]
    assert areas.version_files(engine, "Eastbrook")[1] == [SAMPLE]
    with transaction(engine) as session:
        assert session.scalar(select(func.count()).select_from(VersionFile)) == 1

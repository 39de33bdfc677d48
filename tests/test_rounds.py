"""Rounds of returns by link, on SQLite and on a real PostgreSQL: a link per provider of
which only a hash is kept, a holder who reaches only its own provider's part, every
submission kept with the latest in force, links withdrawn, renewed and expired, a closed
round that takes nothing, and rounds gone with their area; the migrations make the schema
exactly (0002 upgrades a store at 0001 with its areas kept)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, select, text

from dayserv.store import areas, links, rounds
from dayserv.store.areas import AreaError
from dayserv.store.database import MIGRATIONS, engine_for, now, transaction
from dayserv.store.links import LinkRefused
from dayserv.store.schema import RoundLink, Submission
from tests.test_store import SAMPLE

TOMORROW = date.today() + timedelta(days=1)
PROVIDERS = [("Mind", None, None), ("Hearing Voices", None, None)]


@pytest.fixture
def engine(database_url):
    engine = engine_for(database_url)
    areas.save_version(engine, "Eastbrook", [SAMPLE], "ann@example.org")
    return engine


def opened(engine, holders=PROVIDERS, quarter="Q1"):
    return rounds.open_round(
        engine, "Eastbrook", "returns", "2025/26", quarter, holders, "ann@example.org", TOMORROW
    )


def tokens(made) -> dict[str, str]:
    return {link.provider: rounds.token_from(link.path) for link in made}


def test_a_round_makes_a_link_per_provider_of_which_only_a_hash_is_kept(engine):
    round_, made = opened(engine)
    assert (round_.area, round_.kind, round_.label, round_.is_open) == (
        "Eastbrook",
        "returns",
        "2025/26 Q1",
        True,
    )
    assert round_.closes_at == datetime.combine(TOMORROW, time(23, 59, 59))
    assert sorted(link.provider for link in made) == ["Hearing Voices", "Mind"]
    for link in made:
        assert link.path.startswith("/?submit=") and len(rounds.token_from(link.path)) == 43
        assert link.expires_at == round_.closes_at + timedelta(days=rounds.LATE_DAYS)
    with transaction(engine) as session:
        kept = set(session.scalars(select(RoundLink.token_sha256)))
    assert kept == {links.token_hash(token) for token in tokens(made).values()}
    assert not any(token in hashed for token in tokens(made).values() for hashed in kept)
    listed = rounds.links_of(engine, "Eastbrook", round_.id)
    assert [link.provider for link in listed] == ["Hearing Voices", "Mind"]
    assert all(link.path == "" for link in listed)  # the token is not kept
    assert rounds.rounds_of(engine, "eastbrook") == [round_]


@pytest.mark.parametrize(
    ("kind", "year", "quarter", "holders", "closes", "words"),
    [
        ("plans", "2025/26", "Q1", PROVIDERS, TOMORROW, "returns or benchmark"),
        ("returns", "2025", "Q1", PROVIDERS, TOMORROW, "2025/26"),
        ("returns", "2025/26", "Q5", PROVIDERS, TOMORROW, "Q1 to Q4"),
        ("returns", "2025/26", "Q1", [], TOMORROW, "at least one provider"),
        ("returns", "2025/26", "Q1", PROVIDERS, date(2020, 1, 1), "in the future"),
    ],
)
def test_a_round_needs_a_kind_year_quarter_providers_and_a_future_close(
    engine, kind, year, quarter, holders, closes, words
):
    with pytest.raises(AreaError, match=words):
        rounds.open_round(engine, "Eastbrook", kind, year, quarter, holders, "ann", closes)
    assert rounds.rounds_of(engine, "Eastbrook") == []


def test_one_open_round_a_quarter_and_none_for_an_area_not_saved(engine):
    opened(engine)
    with pytest.raises(AreaError, match="open already"):
        opened(engine)
    opened(engine, quarter="Q2")
    with pytest.raises(AreaError, match="no saved area"):
        rounds.open_round(engine, "Westmere", "returns", "2025/26", "Q1", PROVIDERS, "a", TOMORROW)


def test_a_holder_reaches_its_own_part_and_every_submission_is_kept(engine):
    round_, made = opened(engine)
    mind, voices = tokens(made)["Mind"], tokens(made)["Hearing Voices"]
    grant = rounds.holder(engine, mind)
    assert (grant.link.provider, grant.round.label, grant.round.area) == (
        "Mind",
        "2025/26 Q1",
        "Eastbrook",
    )
    first = rounds.submit(engine, mind, {"R1": 80.0}, "form")
    rounds.submit(engine, voices, {"R1": 90.0}, "upload")
    second = rounds.submit(engine, mind, {"R1": 85.0, "R2": 70.0}, "form")
    assert (first.provider, first.year, first.quarter, first.how) == (
        "Mind",
        "2025/26",
        "Q1",
        "form",
    )
    assert [s.body for s in rounds.own_submissions(engine, mind)] == [
        {"R1": 80.0},
        {"R1": 85.0, "R2": 70.0},
    ]
    assert [s.provider for s in rounds.own_submissions(engine, voices)] == ["Hearing Voices"]
    every = rounds.submissions(engine, "Eastbrook", "returns")
    assert [(s.provider, s.body.get("R1")) for s in every] == [
        ("Mind", 80.0),
        ("Hearing Voices", 90.0),
        ("Mind", 85.0),
    ]
    assert every[-1] == second and rounds.submissions(engine, "Eastbrook", "benchmark") == []


def test_a_new_link_withdraws_the_old_and_the_holder_keeps_its_history(engine):
    round_, made = opened(engine)
    old = tokens(made)["Mind"]
    rounds.submit(engine, old, {"R1": 80.0}, "form")
    (renewed,) = rounds.new_links(engine, "Eastbrook", round_.id, [("Mind", None, None)], "ann")
    new = rounds.token_from(renewed.path)
    with pytest.raises(LinkRefused, match="withdrawn"):
        rounds.holder(engine, old)
    with pytest.raises(LinkRefused, match="withdrawn"):
        rounds.submit(engine, old, {"R1": 1.0}, "form")
    assert [s.body for s in rounds.own_submissions(engine, new)] == [{"R1": 80.0}]
    states = [
        (link.provider, link.revoked_at is None)
        for link in rounds.links_of(engine, "Eastbrook", round_.id)
    ]
    assert states == [("Hearing Voices", True), ("Mind", False), ("Mind", True)]


def test_withdrawn_expired_closed_unknown_and_partial_links_are_refused(engine):
    round_, made = opened(engine)
    mind, voices = tokens(made)["Mind"], tokens(made)["Hearing Voices"]
    listed = {link.provider: link for link in rounds.links_of(engine, "Eastbrook", round_.id)}
    assert rounds.revoke(engine, "Eastbrook", listed["Mind"].id).revoked_at is not None
    with pytest.raises(LinkRefused, match="withdrawn by the commissioner"):
        rounds.submit(engine, mind, {"R1": 1.0})
    with pytest.raises(LinkRefused, match="not complete"):
        rounds.holder(engine, voices[:20])
    with pytest.raises(LinkRefused, match="not known"):
        rounds.holder(engine, links.new_token())
    with transaction(engine) as session:
        session.get(RoundLink, listed["Hearing Voices"].id).expires_at = now() - timedelta(hours=1)
    with pytest.raises(LinkRefused, match="expired"):
        rounds.holder(engine, voices)
    with transaction(engine) as session:
        session.get(RoundLink, listed["Hearing Voices"].id).expires_at = now() + timedelta(days=1)
    rounds.holder(engine, voices)
    closed = rounds.close_round(engine, "Eastbrook", round_.id, "ann")
    assert not closed.is_open
    with pytest.raises(LinkRefused, match="closed on"):
        rounds.submit(engine, voices, {"R1": 1.0})
    with pytest.raises(AreaError, match="closed"):
        rounds.new_links(engine, "Eastbrook", round_.id, PROVIDERS, "ann")
    with transaction(engine) as session:
        assert session.scalar(select(Submission.id)) is None


def test_another_areas_owner_cannot_touch_a_round(engine):
    areas.save_version(engine, "Westmere", [SAMPLE], "bob@example.org")
    round_, made = opened(engine)
    link_id = rounds.links_of(engine, "Eastbrook", round_.id)[0].id
    with pytest.raises(AreaError, match="no such round"):
        rounds.links_of(engine, "Westmere", round_.id)
    with pytest.raises(AreaError, match="no such round"):
        rounds.close_round(engine, "Westmere", round_.id, "bob")
    with pytest.raises(AreaError, match="no such round"):
        rounds.revoke(engine, "Westmere", link_id)
    assert rounds.rounds_of(engine, "Westmere") == []


def test_rounds_go_with_their_area(engine):
    _, made = opened(engine)
    rounds.submit(engine, tokens(made)["Mind"], {"R1": 80.0})
    areas.delete_area(engine, "Eastbrook")
    with transaction(engine) as session:
        for table in ("rounds", "round_links", "submissions"):
            assert session.scalar(text(f"SELECT count(*) FROM {table}")) == 0


def test_migration_0002_upgrades_a_store_at_0001_keeping_its_areas(database_url):
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    plain = create_engine(database_url)
    with plain.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with plain.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO areas (name, key, created_by, created_at) "
                "VALUES ('Eastbrook', 'eastbrook', 'ann', '2026-01-01 00:00:00')"
            )
        )
    plain.dispose()
    engine = engine_for(database_url)  # migrates to the latest
    round_, _ = rounds.open_round(
        engine, "Eastbrook", "returns", "2025/26", "Q1", PROVIDERS, "ann", TOMORROW
    )
    assert rounds.rounds_of(engine, "Eastbrook") == [round_]
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "0002"

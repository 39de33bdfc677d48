"""The Saved areas page as a commissioner meets it: AppTest runs app.py, uploads through the
sidebar, saves, opens, compares, downloads, shares and deletes, each test with a store of
its own (conftest.py's own_store)."""

from __future__ import annotations

import hashlib

import pytest
from streamlit.testing.v1 import AppTest

from dayserv.app import areas_page, saved
from dayserv.app.area_access import LOCAL_LINKS
from dayserv.app.sidebar import SIDEBAR_SAMPLE_NOTICE
from dayserv.app.state import SAMPLE_PATH
from dayserv.figures.publication import THRESHOLD
from dayserv.show import safe_text
from dayserv.store import access, areas, links
from dayserv.store.database import URL_VARIABLE, store
from tests.test_pages import APP, XLSX, two_years
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

PAGE = "pages/areas.py"
FUNDING = b"Service,Year,Source,Amount\r\nAlpha,2025/26,Lottery,5000\r\n"


GAMMA = {"funding": 60000, "building": 50, "outreach": 50}  # as two_years() has it in 2024/25


def later_year() -> bytes:
    """two_years() a year on: Beta ended, Delta added, Alpha's funding up."""
    return xlsx(
        {
            "Services": [
                SERVICES_HEADER,
                service_row("Alpha", "Peer Co", "2024/25", "User-led", "Yes", funding=20000),
                service_row("Gamma", "Care Ltd", "2024/25", "Independent", "No", **GAMMA),
                service_row("Alpha", "Peer Co", "2025/26", "User-led", "Yes", funding=25000),
                service_row("Gamma", "Care Ltd", "2025/26", "Independent", "No", **GAMMA),
                service_row("Delta", "Hub", "2025/26", "Voluntary", "Yes", funding=15000),
            ]
        }
    )


def areas_page_with(upload: tuple[str, bytes] | None = None, **params) -> AppTest:
    """The app opened (with these address parameters), the upload given, on this page."""
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if upload is not None:
        at.sidebar.file_uploader[0].upload(*upload, XLSX)
        at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at.sidebar.file_uploader[0].upload(name, data, XLSX)
    at.run()
    assert not at.exception
    return at


AREA_BOX = "Area"  # the save form's choice of area
NAME_BOX = "The new area's name"
NOTE_BOX = "Note (optional)"
SAVE = "Save as the next version"


def widget(elements, label: str):
    """The one element of these with this label."""
    (found,) = [element for element in elements if element.label == label]
    return found


def _has(elements, label: str) -> bool:
    return any(element.label == label for element in elements)


def save(at: AppTest, area: str | None = None, note: str = "") -> AppTest:
    """Save what is shown: to the area called ``area`` (chosen, or typed as a new one), or
    to the one the page offers."""
    if area is not None:
        if _has(at.main.selectbox, AREA_BOX):
            box = widget(at.main.selectbox, AREA_BOX)
            box.set_value(area if area in box.options else areas_page.NEW_AREA).run()
        if _has(at.main.text_input, NAME_BOX):
            widget(at.main.text_input, NAME_BOX).set_value(area)
    widget(at.main.text_input, NOTE_BOX).set_value(note)
    widget(at.main.button, SAVE).click().run()
    assert not at.exception
    return at


def texts(elements) -> list[str]:
    """The elements' text as a reader sees it: without the escapes and word joiners that
    keep names from being read as markdown."""
    return [
        element.value.replace("\\", "").replace(safe_text.WORD_JOINER, "") for element in elements
    ]


def sidebar_area(at: AppTest) -> str:
    """What the sidebar says is shown, when it is a saved area."""
    return " ".join(texts(at.sidebar.success) + texts(at.sidebar.info))


def history(at: AppTest):
    (table,) = [frame.value for frame in at.dataframe if "Left out" in frame.value.columns]
    return table


def test_an_upload_saved_as_a_new_area_is_version_1_and_the_sidebar_shows_it():
    at = areas_page_with(("Westford.xlsx", two_years()))
    assert "Shown: Westford.xlsx." in " ".join(texts(at.markdown))
    save(at, "Westford", "First go")

    assert "Saved Westford version 1." in texts(at.success)
    assert at.query_params["area"] == "Westford"
    assert "**Westford**, version 1 of 1 (the latest)" in sidebar_area(at)
    table = history(at)
    assert list(table["Version"]) == [1]
    assert list(table["Files"]) == ["Westford.xlsx"]
    assert list(table["Note"]) == ["First go"]
    assert list(table["By"]) == [saved.LOCAL_USER]
    assert "Westford version 1 is shown, as saved." in " ".join(texts(at.markdown))
    # Its row in the list of areas, and the role of the one local user.
    listed = next(frame.value for frame in at.dataframe if "Your role" in frame.value.columns)
    assert listed.iloc[0][["Area", "Versions", "Latest", "Your role"]].tolist() == [
        "Westford",
        1,
        1,
        "Owner",
    ]


def test_saving_again_makes_version_2_with_both_in_the_history_and_what_changed():
    at = areas_page_with(("Westford.xlsx", two_years()))
    save(at, "Westford")
    upload(at, "Westford-2025.xlsx", later_year())
    # The new upload is shown instead of the area, and the area is offered to save to.
    assert "area" not in at.query_params
    assert widget(at.main.selectbox, AREA_BOX).value == "Westford"
    assert "It will be version 2 of Westford." in texts(at.caption)
    save(at, note="With 2025/26")

    assert "Saved Westford version 2." in texts(at.success)
    assert "version 2 of 2 (the latest)" in sidebar_area(at)
    table = history(at)
    assert list(table["Version"]) == [2, 1]
    assert list(table["Shown"]) == [True, False]
    assert list(table["Files"]) == ["Westford-2025.xlsx", "Westford.xlsx"]
    assert list(table["Note"]) == ["With 2025/26", ""]

    shown = " ".join(texts(at.markdown))
    assert "Version 2 against version 1: 1 service added, 1 ended, 1 changed" in shown
    services = next(frame.value for frame in at.dataframe if "What changed" in frame.value)
    changed = dict(zip(services["Service"], services["Change"], strict=True))
    assert changed == {"Delta": "Added", "Beta": "Ended", "Alpha": "Changed"}
    what = services.loc[services["Service"].eq("Alpha"), "What changed"].iloc[0]
    assert what == "Annual funding £20,000 → £25,000"
    measures = next(frame.value for frame in at.dataframe if "Direction" in frame.value)
    assert set(measures["Year"]) == {"2024/25", "2025/26"}

    # Two versions chosen the other way round.
    widget(at.main.selectbox, "From").set_value(2).run()
    widget(at.main.selectbox, "To").set_value(1).run()
    assert "Version 1 against version 2: 1 service added, 1 ended, 1 changed" in " ".join(
        texts(at.markdown)
    )


def test_version_1_opens_through_the_address_and_from_the_history():
    engine = store()
    areas.save_version(engine, "Westford", [("one.xlsx", two_years())], "ann@example.org")
    areas.save_version(engine, "Westford", [("two.xlsx", later_year())], "ann@example.org")

    at = areas_page_with(area="Westford", version="1")
    assert "**Westford**, version 1 of 2, saved" in sidebar_area(at)
    assert list(history(at)["Shown"]) == [False, True]
    assert "Westford version 1 is shown, as saved." in " ".join(texts(at.markdown))
    assert at.button(key="areas_open_version").disabled  # version 1 is shown

    version = next(s for s in at.selectbox if s.key.startswith("areas_version_"))
    version.set_value(2).run()
    at.button(key="areas_open_version").click().run()
    assert at.query_params["area"] == "Westford" and "version" not in at.query_params
    assert "version 2 of 2 (the latest)" in sidebar_area(at)


def test_a_versions_files_download_byte_for_byte(downloads):
    first, second = two_years(), later_year()
    engine = store()
    areas.save_version(engine, "Westford", [("one.xlsx", first)], "ann@example.org")
    areas.save_version(engine, "Westford", [("two.xlsx", second), ("funding.csv", FUNDING)], "ann")

    at = areas_page_with(area="Westford")
    labels = [button.label for button in at.get("download_button")]
    assert "funding.csv" in labels and "two.xlsx" in labels
    assert downloads["two.xlsx"]() == second
    assert downloads["funding.csv"]() == FUNDING
    assert downloads["funding.csv"].mimetype == "text/csv"
    digests = [hashlib.sha256(data).hexdigest() for data in (second, FUNDING)]
    assert f"two.xlsx: sha256 {digests[0]}; funding.csv: sha256 {digests[1]}" in texts(at.caption)

    version = next(s for s in at.selectbox if s.key.startswith("areas_version_"))
    version.set_value(1).run()
    assert [b.label for b in at.get("download_button")].count("one.xlsx") == 1
    assert downloads["one.xlsx"]() == first


def test_deleting_needs_the_areas_name_typed():
    at = areas_page_with(("Westford.xlsx", two_years()))
    save(at, "Westford")
    save_again = upload(at, "Westford.xlsx", later_year())
    save(save_again)
    box = next(t for t in at.text_input if t.key.startswith("areas_delete_"))
    assert (
        box.label == "Type the area's name to delete Westford and its 2 versions, answers and links"
    )
    confirm = next(b for b in at.button if b.key.startswith("areas_delete_"))
    assert confirm.disabled
    box.set_value("Eastford").run()
    assert next(b for b in at.button if b.key.startswith("areas_delete_")).disabled

    next(t for t in at.text_input if t.key.startswith("areas_delete_")).set_value(" westford ")
    at.run()
    confirm = next(b for b in at.button if b.key.startswith("areas_delete_"))
    assert not confirm.disabled
    confirm.click().run()

    assert not at.exception
    assert any("Deleted Westford, with its 2 versions" in s for s in texts(at.success))
    assert "area" not in at.query_params
    assert areas.find_area(store(), "Westford") is None
    assert "No area has been saved yet" in " ".join(texts(at.markdown))


def make_link(at: AppTest, *, pinned: bool = False, publication: bool = True) -> str:
    """Make a share link on the page; returns its address as shown."""
    key = "areas_link_" + areas.area_key(at.query_params["area"])
    if pinned:
        at.radio(key=f"{key}_which").set_value("shown").run()
    if not publication:
        at.toggle(key=f"{key}_publication").set_value(False).run()
    at.button(key=f"{key}_make").click().run()
    assert not at.exception
    (code,) = at.code
    return code.value


def test_a_share_link_is_shown_once_listed_and_withdrawn():
    at = areas_page_with(("Westford.xlsx", two_years()))
    save(at, "Westford")
    address = make_link(at)

    assert address.startswith("/?share=") and len(links.token_from(address)) == 43
    assert any("Link made: it opens Westford, its latest version" in s for s in texts(at.success))
    assert any("shown only this once" in c for c in texts(at.caption))
    assert LOCAL_LINKS in texts(at.warning)  # without sign-in the link is no lock
    listed = [m for m in texts(at.markdown) if m.startswith("Westford, its latest version")]
    assert listed == ["Westford, its latest version, in publication mode (counts under 5 hidden)"]
    assert any(c.startswith("Made by local user, ") for c in texts(at.caption))
    ((_, link),) = links.area_links(store(), "Westford")
    assert link.publication and link.threshold == 5 and link.version is None

    at.run()  # shown only once
    assert not at.code
    withdraw = next(b for b in at.button if b.label == "Withdraw")
    withdraw.click().run()
    assert not at.exception
    assert any("Withdrawn: the link to Westford" in s for s in texts(at.success))
    assert links.area_links(store(), "Westford") == []
    assert not [b for b in at.button if b.label == "Withdraw"]
    assert "None: no link opens this area." in texts(at.caption)


def test_a_pinned_link_with_an_expiry():
    at = areas_page_with(("Westford.xlsx", two_years()))
    save(at, "Westford")
    key = "areas_link_westford"
    at.number_input(key=f"{key}_days").set_value(7)
    at.number_input(key=f"{key}_threshold").set_value(10)
    make_link(at, pinned=True)
    ((_, link),) = links.area_links(store(), "Westford")
    assert (link.version, link.threshold, link.expires_at is not None) == (1, 10, True)
    assert any(
        m.startswith("Westford, version 1, in publication mode (counts under 10")
        for m in texts(at.markdown)
    )


def shared_link(publication: bool = True) -> str:
    engine = store()
    areas.save_version(engine, "Westford", [("one.xlsx", two_years())], "ann@example.org")
    return links.token_from(
        links.create_link(
            engine,
            "Westford",
            "ann@example.org",
            publication=publication,
            threshold=THRESHOLD if publication else None,
        ).path
    )


@pytest.mark.parametrize("publish", [None, "false"])
def test_a_publication_link_holds_publication_mode_on(publish):
    token = shared_link()
    params = {"share": token} if publish is None else {"share": token, "publish": publish}
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in params.items():
        at.query_params[name] = value
    at.run()

    assert not at.exception
    assert "Shared with you, read-only: **Westford**" in sidebar_area(at)
    (toggle,) = [t for t in at.sidebar.toggle if t.label == "Publication mode"]
    assert toggle.value is True and toggle.disabled
    at.switch_page(PAGE).run()
    assert not at.exception
    (toggle,) = [t for t in at.sidebar.toggle if t.label == "Publication mode"]
    assert toggle.value is True and toggle.disabled
    # The page: read-only, the version's line, nothing to save, share or delete.
    assert any("A read-only view shared with you by a link" in i for i in texts(at.main.info))
    assert list(history(at)["Version"]) == [1]
    assert not at.get("download_button")[1:]  # only the sidebar's template
    assert not at.main.button and not at.main.text_input


def test_a_withdrawn_links_address_says_so_and_shows_the_sample():
    token = shared_link()
    links.revoke_link(store(), token)
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["share"] = token
    at.run()

    assert not at.exception
    assert "This share link has been withdrawn by the person who made it." in texts(
        at.sidebar.warning
    )
    assert SIDEBAR_SAMPLE_NOTICE in texts(at.sidebar.caption)


def test_the_sample_can_be_saved_to_try_it(downloads):
    at = areas_page_with()
    assert widget(at.main.text_input, NAME_BOX).value == areas_page.SAMPLE_AREA
    save(at)

    assert "Saved Eastbrook (sample) version 1." in texts(at.success)
    assert downloads[SAMPLE_PATH.name]() == SAMPLE_PATH.read_bytes()
    assert "Only one version is saved so far" in " ".join(texts(at.markdown))


def test_a_name_that_will_not_do_is_said_plainly_and_nothing_is_lost():
    at = areas_page_with(("Westford.xlsx", two_years()))
    save(at, "someone@example.org", note="Keep me")

    assert not at.exception
    assert "An area's name cannot hold '@' or control characters." in texts(at.error)
    assert widget(at.main.text_input, NOTE_BOX).value == "Keep me"
    assert areas.list_areas(store()) == []


def test_a_store_that_cannot_be_reached_is_one_sentence(monkeypatch, tmp_path):
    monkeypatch.setenv(URL_VARIABLE, f"sqlite:///{tmp_path / 'no' / 'such' / 'folder.db'}")
    at = areas_page_with(("Westford.xlsx", two_years()))

    assert not at.exception
    (warning,) = at.main.warning
    assert warning.value.startswith("The saved areas cannot be reached just now")
    assert not at.main.button and not at.main.dataframe
    at.switch_page("pages/overview.py").run()
    assert not at.exception and len(at.metric) == 6


# ---------------------------------------------------------------- with sign-in on


@pytest.fixture
def signed_in(monkeypatch):
    """Sign-in on, and this person signed in ('' for nobody)."""

    def as_(email: str) -> None:
        who = saved.User(email, signed_in=bool(email))
        monkeypatch.setattr(saved, "signin_on", lambda: True)
        monkeypatch.setattr(saved, "user", lambda: who)

    return as_


def test_someone_not_signed_in_is_asked_to_sign_in(signed_in):
    signed_in("")
    at = areas_page_with(("Westford.xlsx", two_years()))

    infos = texts(at.main.info)
    assert "Sign in (at the top of the sidebar) to save what is shown to an area." in infos
    assert "Sign in to see the areas you may open." in infos
    assert not _has(at.main.button, SAVE)


def test_a_viewer_opens_the_area_but_cannot_save_share_or_delete_it(signed_in):
    engine = store()
    areas.save_version(engine, "Westford", [("one.xlsx", two_years())], "ann@example.org")
    access.add_member(engine, "Westford", "vic@example.org", "viewer", "ann@example.org")
    signed_in("vic@example.org")
    at = areas_page_with(("later.xlsx", later_year()))

    assert not _has(at.main.selectbox, AREA_BOX)  # Westford is not offered to save to
    save(at, "westford")
    assert "You may open Westford but not save to it: ask its owner to make you an editor." in (
        texts(at.error)
    )
    assert len(areas.history(engine, "Westford")) == 1

    at.button(key="areas_open").click().run()
    assert "version 1 of 1 (the latest)" in sidebar_area(at)
    captions = texts(at.caption)
    assert "Only the area's owners can share it by a link." in captions
    assert "Only the area's owners can delete it." in captions
    assert "Only the area's owners invite and remove members." in captions
    members = next(f.value for f in at.dataframe if "E-mail address" in f.value)
    assert list(members["E-mail address"]) == ["ann@example.org", "vic@example.org"]


def test_an_owner_invites_and_removes_members(signed_in):
    signed_in("ann@example.org")
    at = areas_page_with(("Westford.xlsx", two_years()))
    save(at, "Westford")
    assert LOCAL_LINKS not in texts(at.warning)  # with sign-in, a link is all its visitor has
    key = "areas_members_westford"

    at.text_input(key=f"{key}_email").set_value("not an address")
    at.button(key=f"{key}_invite").click().run()
    assert "'not an address' is not an e-mail address." in texts(at.error)

    at.text_input(key=f"{key}_email").set_value("Ed@Example.org")
    at.selectbox(key=f"{key}_role").set_value("editor")
    at.button(key=f"{key}_invite").click().run()
    assert "ed@example.org is now a member of Westford: editor." in texts(at.success)
    assert access.role_of(store(), "Westford", "ed@example.org") == "editor"

    at.selectbox(key=f"{key}_remove_who").set_value("ann@example.org")
    at.button(key=f"{key}_remove").click().run()
    assert "An area needs an owner: invite another owner first." in texts(at.error)
    at.selectbox(key=f"{key}_remove_who").set_value("ed@example.org")
    at.button(key=f"{key}_remove").click().run()
    assert "ed@example.org is no longer a member of Westford." in texts(at.success)
    assert access.role_of(store(), "Westford", "ed@example.org") is None


def test_an_area_of_someone_elses_is_not_saved_to(signed_in):
    engine = store()
    areas.save_version(engine, "Westford", [("one.xlsx", two_years())], "ann@example.org")
    signed_in("eve@example.org")
    at = areas_page_with(("mine.xlsx", later_year()))
    save(at, "Westford")

    assert any("There is already an area called Westford" in e for e in texts(at.error))
    assert len(areas.history(engine, "Westford")) == 1


def test_names_from_files_and_areas_are_shown_as_written():
    name = "**Big** [x](http://e.example/t.png) :red[y]"
    file_name = "![t](http://e.example/t.png).xlsx"
    at = areas_page_with((file_name, two_years()))
    save(at, name)

    assert not at.exception
    (header,) = at.main.header
    assert header.value == safe_text.markdown(name)
    assert f"Saved {safe_text.markdown(name)} version 1." in [s.value for s in at.success]
    labels = [button.label for button in at.get("download_button")]
    assert safe_text.markdown(file_name) in labels
    box = next(t for t in at.text_input if t.key.startswith("areas_delete_"))
    assert safe_text.markdown(name) in box.label

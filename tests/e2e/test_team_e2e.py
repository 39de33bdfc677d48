"""In a real browser, the app as a team runs it: servers sharing one PostgreSQL database,
share links, and sign-in with roles (through the local OpenID Connect provider).

Everything is done through the app's own pages (the sidebar's upload, the Saved areas page);
the test process only reads the database to check what was stored.
"""

from __future__ import annotations

import re
from contextlib import ExitStack

import pytest
from playwright.sync_api import expect

from dayserv.store import access, areas
from dayserv.store.database import URL_VARIABLE, engine_for
from tests.e2e.conftest import ROOT, choose, select_box, settled, start_server, stop_server
from tests.servers import drop_database, free_port, fresh_database, sign_in
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

pytestmark = pytest.mark.postgresql

SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
SAMPLE_NOTICE = "Showing the sample portfolio (Eastbrook, a fictional area)."
AREA = "Westford"


@pytest.fixture
def team_database(postgres_admin_url):
    """A fresh PostgreSQL database for the test's servers, dropped afterwards."""
    url = fresh_database(postgres_admin_url)
    yield url
    engine_for.cache_clear()  # the test process's own engine, if it made one
    drop_database(postgres_admin_url, url)


def _shown(text: str) -> re.Pattern:
    """The text as the app shows it: safe_text puts a word joiner (U+2060) into an e-mail
    address, so that Streamlit does not make a link of it."""
    return re.compile("\u2060?".join(re.escape(char) for char in text))


def _new_page(browser, stack: ExitStack):
    """A page in a browser context of its own (its own cookies: another person), closed
    when the stack is."""
    context = browser.new_context(viewport={"width": 1280, "height": 720}, accept_downloads=True)
    stack.callback(context.close)
    page = context.new_page()
    page.set_default_timeout(30_000)
    return page


def _server(stack: ExitStack, env, args=(), port=None) -> str:
    """Start `streamlit run app.py` (tests/e2e/conftest.py), stopped when the stack is."""
    process, url = start_server(env, args, port)
    stack.callback(stop_server, process)
    return url


def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def _open(page, url: str) -> None:
    """Go to url and wait for the app's own sidebar (not the old navigation a server's first
    session flashes)."""
    page.goto(url)
    _sidebar(page).locator('[data-testid="stFileUploader"]').wait_for()
    settled(page)


def _upload(page, path) -> None:
    _sidebar(page).locator('input[type="file"]').set_input_files(str(path))
    expect(_sidebar(page).get_by_text(f"Showing {path.name}")).to_be_visible()
    settled(page)


def _to_areas_page(page) -> None:
    page.get_by_role("link", name="Saved areas", exact=True).click()
    expect(page.get_by_role("heading", name="Save what is shown")).to_be_visible()
    settled(page)


def _fill(page, label: str, text: str) -> None:
    """Type into a text box and press Enter, so the app has the value before a click."""
    box = page.get_by_label(label, exact=True)
    box.fill(text)
    box.press("Enter")
    settled(page)


def _save_as_new_area(page, name: str) -> None:
    _fill(page, "The new area's name", name)
    page.get_by_role("button", name="Save as the next version").click()


def _area_notice(page):
    """The sidebar's line saying which saved version is shown."""
    return _sidebar(page).locator('[data-testid="stAlert"]').first


def _small_workbook(tmp_path):
    path = tmp_path / "westford_q2.xlsx"
    rows = [
        SERVICES_HEADER,
        service_row("Peer café", "Harbour Peers", "2024/25", "User-led", "Yes", funding=5000),
        service_row("Garden", "Grow", "2024/25", "Voluntary", "No", funding=7000),
    ]
    path.write_bytes(xlsx({"Services": rows}))
    return path


def _publication_toggle(page):
    return _sidebar(page).get_by_role("switch", name="Publication mode")


def test_two_servers_share_one_database_and_a_share_link(browser, team_database, shot, tmp_path):
    with ExitStack() as stack:
        env = {URL_VARIABLE: team_database}
        server_a, server_b = _server(stack, env), _server(stack, env)
        page_a, page_b = _new_page(browser, stack), _new_page(browser, stack)

        # On A: upload the sample workbook and save it as a new area.
        _open(page_a, server_a)
        _upload(page_a, SAMPLE)
        _to_areas_page(page_a)
        _save_as_new_area(page_a, AREA)
        expect(page_a.get_by_text(f"Saved {AREA} version 1.")).to_be_visible()
        expect(_area_notice(page_a)).to_contain_text(f"{AREA}, version 1 of 1 (the latest)")
        assert f"area={AREA}" in page_a.url

        # On B, by the address: the same area and version, saved by A's local user; it
        # stays open on another page.
        _open(page_b, f"{server_b}/?area={AREA}")
        notice = _area_notice(page_b)
        expect(notice).to_contain_text(f"{AREA}, version 1 of 1 (the latest)")
        expect(notice).to_contain_text("by local user")
        _to_areas_page(page_b)
        expect(page_b.get_by_text(f"{AREA} version 1 is shown, as saved.")).to_be_visible()
        expect(_area_notice(page_b)).to_contain_text(f"{AREA}, version 1 of 1 (the latest)")
        assert f"area={AREA}" in page_b.url

        # On B: upload another workbook (shown instead) and save it as the area's version 2.
        workbook = _small_workbook(tmp_path)
        _upload(page_b, workbook)
        choose(page_b, select_box(page_b, "Area"), AREA)
        settled(page_b)
        expect(page_b.get_by_text(f"It will be version 2 of {AREA}.")).to_be_visible()
        page_b.get_by_role("button", name="Save as the next version").click()
        expect(page_b.get_by_text(f"Saved {AREA} version 2.")).to_be_visible()
        expect(_area_notice(page_b)).to_contain_text(f"{AREA}, version 2 of 2 (the latest)")
        stored = engine_for(team_database)
        saved_files = [list(version.files) for version in areas.history(stored, AREA)]
        assert saved_files == [[workbook.name], [SAMPLE.name]]

        # A, reloaded, shows version 2, and its history lists both versions.
        page_a.reload()
        _sidebar(page_a).locator('[data-testid="stFileUploader"]').wait_for()
        expect(_area_notice(page_a)).to_contain_text(f"{AREA}, version 2 of 2 (the latest)")
        history = page_a.locator('[data-testid="stDataFrame"]').filter(has_text=workbook.name)
        expect(history).to_contain_text(SAMPLE.name)
        settled(page_a)
        page_a.get_by_role("heading", name="History").scroll_into_view_if_needed()
        _area_notice(page_a).scroll_into_view_if_needed()
        shot(page_a, "team_two_servers")

        # On B: a share link in publication mode (the page's default), shown once.
        page_b.get_by_role("button", name="Make the link").click()
        code = page_b.locator('[data-testid="stCode"]')
        expect(code).to_contain_text("?share=")
        link = code.inner_text().strip()
        assert link.startswith(f"{server_b}/?share="), link
        on_a = server_a + link.removeprefix(server_b)

        # Opened on A by someone else: shared, read-only, publication mode on and held on,
        # on another page too, and whatever the address says.
        visitor = _new_page(browser, stack)
        _open(visitor, on_a)
        _shared_in_publication_mode(visitor)
        held = _sidebar(visitor).get_by_text("as the share link requires")
        held.evaluate("caption => caption.scrollIntoView({block: 'end'})")
        shot(visitor, "team_shared_publication")
        visitor.get_by_role("link", name="Data tables", exact=True).click()
        expect(visitor.get_by_role("heading", name="Data tables")).to_be_visible()
        settled(visitor)
        _shared_in_publication_mode(visitor)
        assert "share=" in visitor.url
        _open(visitor, on_a + "&publish=false")
        _shared_in_publication_mode(visitor)

        # Withdrawn on B: the same address on A now says so, and shows the sample.
        page_b.get_by_role("button", name="Withdraw").click()
        expect(page_b.get_by_text("Withdrawn: the link to")).to_be_visible()
        expect(page_b.get_by_text("None: no link opens this area.")).to_be_visible()
        _open(visitor, on_a)
        withdrawn = "This share link has been withdrawn by the person who made it."
        expect(_sidebar(visitor).get_by_text(withdrawn)).to_be_visible()
        expect(_sidebar(visitor).get_by_text(SAMPLE_NOTICE)).to_be_visible()
        expect(_sidebar(visitor).get_by_text("Shared with you")).to_have_count(0)
        expect(_publication_toggle(visitor)).to_be_enabled()


def _shared_in_publication_mode(page) -> None:
    """The sidebar shows version 2 by a share link, publication mode on and not to be
    turned off."""
    expect(_area_notice(page)).to_contain_text(
        f"Shared with you, read-only: {AREA}, version 2 of 2"
    )
    toggle = _publication_toggle(page)
    expect(toggle).to_be_checked()
    expect(toggle).to_be_disabled()
    expect(_sidebar(page).get_by_text("as the share link requires")).to_be_visible()


def _signin_server(stack: ExitStack, oidc, database_url: str, folder) -> str:
    """A server that signs in with the oidc provider. The secrets name the server's port, so
    the port is picked first (another is tried if the server exits before it answers)."""
    for _ in range(3):
        port = free_port()
        secrets = oidc.write_secrets(folder / "secrets.toml", f"http://127.0.0.1:{port}")
        try:
            return _server(
                stack, {URL_VARIABLE: database_url}, ["--secrets.files", str(secrets)], port
            )
        except RuntimeError as error:
            if "exited" not in str(error):
                raise
    raise RuntimeError("the sign-in server exited before it answered, three times")


def _signed_in(browser, stack: ExitStack, server: str, email: str):
    """A new person's page on the app, signed in as email through the provider."""
    page = _new_page(browser, stack)
    _open(page, server)
    sign_in(page, server, email)
    expect(_signed_in_line(page, email)).to_be_visible()
    settled(page)
    return page


def _signed_in_line(page, email: str):
    return _sidebar(page).get_by_text(_shown(f"Signed in as {email}"))


def test_sign_in_and_roles(browser, oidc, team_database, shot, tmp_path):
    area = "Northmoor"
    with ExitStack() as stack:
        server = _signin_server(stack, oidc, team_database, tmp_path)
        stored = engine_for(team_database)

        # Ann signs in, saves an area (so owns it) and invites Bob as a viewer.
        ann = _signed_in(browser, stack, server, "ann@example.org")
        _upload(ann, SAMPLE)
        _to_areas_page(ann)
        _save_as_new_area(ann, area)
        expect(ann.get_by_text(f"Saved {area} version 1.")).to_be_visible()
        expect(_area_notice(ann)).to_contain_text(_shown("by ann@example.org"))
        expect(ann.get_by_text("Your role: Owner")).to_be_visible()
        _fill(ann, "E-mail address", "bob@example.org")
        ann.get_by_role("button", name="Invite").click()
        invited = _shown(f"bob@example.org is now a member of {area}: viewer.")
        expect(ann.get_by_text(invited)).to_be_visible()
        assert access.role_of(stored, area, "ann@example.org") == "owner"
        assert access.role_of(stored, area, "bob@example.org") == "viewer"

        # Bob signs in, finds the area in his list and opens it, read-only.
        bob = _signed_in(browser, stack, server, "bob@example.org")
        _to_areas_page(bob)
        listed = bob.locator('[data-testid="stDataFrame"]').first
        expect(listed).to_contain_text(area)
        expect(listed).to_contain_text("Viewer")
        bob.get_by_role("button", name="Open its latest version").click()
        expect(_area_notice(bob)).to_contain_text(f"{area}, version 1 of 1 (the latest)")
        expect(bob.get_by_text("Your role: Viewer: opens")).to_be_visible()
        expect(bob.get_by_text("Only the area's owners can share it by a link.")).to_be_visible()
        expect(bob.get_by_text("Only the area's owners can delete it.")).to_be_visible()
        for owners_only in ("Make the link", "Invite", "Withdraw"):
            expect(bob.get_by_role("button", name=owners_only)).to_have_count(0)
        # He may not save to it: it is not offered, and saving under its name is refused.
        _upload(bob, _small_workbook(tmp_path))
        expect(bob.get_by_role("button", name="Save as the next version")).to_be_visible()
        named = bob.locator('[data-testid="stWidgetLabel"]').get_by_text("Area", exact=True)
        expect(bob.locator('[data-testid="stSelectbox"]').filter(has=named)).to_have_count(0)
        _save_as_new_area(bob, area)
        refused = f"You may open {area} but not save to it: ask its owner to make you an editor."
        expect(bob.get_by_text(refused)).to_be_visible()
        assert len(areas.history(stored, area)) == 1
        bob.get_by_text(refused).scroll_into_view_if_needed()
        _signed_in_line(bob, "bob@example.org").scroll_into_view_if_needed()
        shot(bob, "team_signed_in")

        # Carol, signed in but no member, sees no areas and is refused the address.
        carol = _signed_in(browser, stack, server, "carol@example.org")
        _to_areas_page(carol)
        expect(
            carol.get_by_text(_shown("You are not a member of any saved area yet"))
        ).to_be_visible()
        _open(carol, f"{server}/?area={area}")
        refusal = f"There is no saved area called '{area}' that carol@example.org may open."
        expect(_sidebar(carol).get_by_text(_shown(refusal))).to_be_visible()
        expect(_sidebar(carol).get_by_text(SAMPLE_NOTICE)).to_be_visible()
        expect(_sidebar(carol).locator('[data-testid="stAlert"]')).to_have_count(1)

        # Someone not signed in is asked to sign in.
        stranger = _new_page(browser, stack)
        _open(stranger, f"{server}/?area={area}")
        asked = f"Sign in to open the saved area '{area}'."
        expect(_sidebar(stranger).get_by_text(asked)).to_be_visible()
        expect(_sidebar(stranger).get_by_role("button", name="Sign in")).to_be_visible()
        expect(_sidebar(stranger).get_by_text(SAMPLE_NOTICE)).to_be_visible()

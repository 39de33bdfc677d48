"""In a real browser: the owner opens a quarter's round of returns on the Performance page
and copies a link per provider; two providers follow their links side by side, in browsers
of their own on a phone's width, each seeing only its own services and nothing of the
app's; one uses the keyboard alone, is answered beside a field out of range with what it
typed kept, and sends; the other sends by the form; the owner's open page shows both
returned without a reload, and the owner adds them in as the area's next version, which the
Data tables page then shows."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from dayserv import frameworks
from dayserv.app.state import sample_portfolio
from dayserv.store import rounds
from dayserv.store.areas import save_version
from dayserv.store.database import URL_VARIABLE, engine_for, now
from tests.e2e.conftest import ROOT, choose, settled, start_server, stop_server

SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
AREA = "Eastbrook"
MIND, HARBOUR = "Eastbrook Mind", "Harbour Peer Network"
PHONE = {"width": 390, "height": 844}
LIVE_MS = 90_000  # the owner's page looks for returns every 20 s, on two busy cores


@pytest.fixture(scope="module")
def area_server(browser, tmp_path_factory):
    """A server and its store, named to it outright, with the sample saved as Eastbrook."""
    url = f"sqlite:///{tmp_path_factory.mktemp('collect') / 'dayserv.db'}"
    save_version(engine_for(url), AREA, [(SAMPLE.name, SAMPLE.read_bytes())], "local user")
    process, address = start_server(env={URL_VARIABLE: url})
    yield address, url
    stop_server(process)


def _choose(page, key: str, option: str) -> None:
    choose(page, page.locator(f".st-key-{key}"), option)


def _open_round(page, address: str) -> dict[str, str]:
    """Open 2025/26 Q4 for the two providers on the page; provider -> its link."""
    page.goto(f"{address}/performance?area={AREA}")
    expander = page.get_by_text("Collect this quarter's returns by link")
    expander.click()
    settled(page)  # each change reruns the page: the next waits for it, on two busy cores
    year = page.locator(".st-key-collect_year input")
    year.fill("2025/26")
    year.press("Tab")
    settled(page)
    _choose(page, "collect_quarter", "Q4")
    settled(page)
    providers = page.locator(".st-key-collect_providers")
    providers.get_by_role("button", name="Clear all").click()
    settled(page)
    for name in (MIND, HARBOUR):
        page.keyboard.press("Escape")  # the list may still be open from the one before
        providers.locator("input").fill(name)
        page.get_by_role("option", name=name, exact=True).click()
        settled(page)
    page.keyboard.press("Escape")
    expect(providers).to_contain_text(MIND)
    expect(providers).to_contain_text(HARBOUR)
    page.get_by_role("button", name="Open the round and make the links").click()
    expect(page.get_by_text("The 2025/26 Q4 round is open, with 2 links")).to_be_visible()
    settled(page)
    codes = page.locator('[data-testid="stCode"] code')
    expect(codes).to_have_count(2)
    found = {}
    for text in codes.all_inner_texts():
        link = text.strip()
        assert re.fullmatch(rf"{re.escape(address)}/\?submit=[A-Za-z0-9_-]{{43}}", link), link
        found[link] = link
    return found


def _others(provider: str) -> tuple[set[str], set[str]]:
    """The services and providers a provider's page must not name."""
    services = sample_portfolio().services
    mine = set(services.loc[services["provider"].eq(provider), "service"])
    return set(services["service"]) - mine, set(services["provider"]) - {provider}


def _field(page, kpi: str):
    return page.locator(f".st-key-submit_{kpi} input")


def test_two_providers_send_returns_by_link_and_the_owner_sees_both(
    area_server, page, browser, shot
):
    address, url = area_server
    links = list(_open_round(page, address))
    page.get_by_text("0 of 2 returned; 2 not returned yet").wait_for()

    phones = [browser.new_context(viewport=PHONE) for _ in links]
    try:
        pages = [context.new_page() for context in phones]
        held = {}
        for provider_page, link in zip(pages, links, strict=True):
            provider_page.set_default_timeout(30_000)
            provider_page.goto(link)
            title = provider_page.locator("h1").first
            expect(title).to_contain_text("your return for 2025/26 Q4")
            held[title.inner_text().split(":")[0].strip()] = provider_page
        assert set(held) == {MIND, HARBOUR}
        for provider, provider_page in held.items():
            settled(provider_page)
            body = provider_page.locator('[data-testid="stMain"]').inner_text()
            services, providers = _others(provider)
            assert not [name for name in services | providers if name in body]
            mine = sample_portfolio().services
            for name in set(mine.loc[mine["provider"].eq(provider), "service"]):
                assert name in body
            assert provider_page.locator('[data-testid="stSidebar"]').count() == 0
            assert provider_page.locator('[data-testid="stSidebarNav"]').count() == 0

        mind = held[MIND]  # the keyboard alone: type, Tab to the next field, Enter sends
        _field(mind, "R1").focus()
        mind.keyboard.type("150")
        mind.keyboard.press("Tab")
        mind.keyboard.type("88")
        mind.keyboard.press("Enter")
        beside = mind.locator(".st-key-submit_R1 + div, .st-key-submit_R1 ~ div").filter(
            has_text="150 is out of range"
        )
        expect(
            mind.get_by_text("150 is out of range: R1 is a percentage, 0 to 100.")
        ).to_be_visible()
        expect(
            mind.get_by_text(re.compile(r"Nothing was sent: 1 value to put right"))
        ).to_be_visible()
        expect(_field(mind, "R2")).to_have_value("88")
        expect(_field(mind, "R1")).to_have_value("150")
        assert beside.count() >= 1
        settled(mind)
        mind.get_by_text("150 is out of range").evaluate(
            "element => element.scrollIntoView({block: 'center'})"
        )
        mind.wait_for_timeout(300)
        shot(mind, "collect_provider_form")
        _field(mind, "R1").focus()
        mind.keyboard.press("Control+A")
        mind.keyboard.type("91")
        mind.keyboard.press("Enter")
        expect(
            mind.get_by_text(re.compile(r"Thank you: your return for 2025/26 Q4 \(2 of 12"))
        ).to_be_visible()

        harbour = held[HARBOUR]
        _field(harbour, "R1").fill("77")
        _field(harbour, "R10").fill("41")
        harbour.get_by_role("button", name="Send the return for 2025/26 Q4").click()
        expect(
            harbour.get_by_text(re.compile(r"Thank you: your return for 2025/26 Q4"))
        ).to_be_visible()
        body = harbour.locator('[data-testid="stMain"]').inner_text()
        assert MIND not in body
    finally:
        for context in phones:
            context.close()

    # The owner's page, left open, finds both returns by itself.
    expect(page.get_by_text("2 of 2 returned")).to_be_visible(timeout=LIVE_MS)
    settled(page)
    sent = {s.provider: s.body for s in rounds.submissions(engine_for(url), AREA)}
    assert sent == {MIND: {"R1": 91.0, "R2": 88.0}, HARBOUR: {"R1": 77.0, "R10": 41.0}}
    assert page.locator('[data-testid="stException"]').count() == 0
    page.get_by_text(re.compile(r"opened .* by local user; closes")).evaluate(
        "element => element.scrollIntoView({block: 'start'})"
    )
    page.evaluate("window.scrollBy(0, -80)")
    page.wait_for_timeout(300)
    shot(page, "collect_owner_round")

    # The owner adds them in as the next version: the sidebar moves to it, the page says the
    # version holds them, and the Data tables page (another page altogether) has them.
    expect(
        page.get_by_text(re.compile(r"Only collected, not in Eastbrook version 1 yet"))
    ).to_be_visible()
    page.get_by_role("button", name="Add the returns in to Eastbrook as version 2").click()
    expect(
        page.get_by_text(
            "Saved Eastbrook version 2: 2025/26 Q4 returns from 2 providers added by link by "
            "local user.",
            exact=False,
        )
    ).to_be_visible()
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(re.compile(r"version 2 of 2 \(the latest\)"))).to_be_visible()
    expect(
        page.get_by_text(
            re.compile(r"Already in Eastbrook version 2: 2025/26 Q4 returns from Eastbrook Mind")
        )
    ).to_be_visible()
    assert page.get_by_role("button", name=re.compile("Add the returns in")).count() == 0
    settled(page)
    shot(page, "collect_added_in")
    sidebar.locator('[data-testid="stSidebarNav"] a', has_text="Data tables").click()
    page.get_by_role("heading", name="Data tables").wait_for()
    settled(page)
    table_box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Table")
    choose(page, table_box, "Performance returns (KPIs)")
    settled(page)
    expect(sidebar.get_by_text(re.compile(r"version 2 of 2"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    table = list(csv.DictReader(io.StringIO(download.value.path().read_text("utf-8-sig"))))
    q4 = {
        (row["Provider"], row["KPI"]): float(row["Value"])
        for row in table
        if row["Year"] == "2025/26" and row["Quarter"] == "Q4"
    }
    assert {key: value for key, value in q4.items() if key[0] in (MIND, HARBOUR)} == {
        (MIND, "R1"): 91.0,
        (MIND, "R2"): 88.0,
        (HARBOUR, "R1"): 77.0,
        (HARBOUR, "R10"): 41.0,
    }


def test_a_benchmark_group_answers_a_section_by_keyboard_on_a_phone(area_server, browser, shot):
    """A service's staff answer section 1 with the keyboard alone (Tab into a statement's
    answers, arrows to choose, Tab on), save it, and find their answers on coming back."""
    address, url = area_server
    engine = engine_for(url)
    service = "Riverside Recovery College"
    services = sample_portfolio().services
    provider = services.loc[services["service"].eq(service), "provider"].iloc[0]
    _, made = rounds.open_round(
        engine,
        AREA,
        "benchmark",
        "2025/26",
        None,
        [(provider, service, "Staff"), (provider, "Harbour Crisis Café", "Staff")],
        "local user",
        now().date() + timedelta(days=5),
    )
    link = address + next(m.path for m in made if m.service == service)
    section = [s for s in frameworks.STATEMENTS if s.section == 1]
    context = browser.new_context(viewport=PHONE)
    try:
        phone = context.new_page()
        phone.set_default_timeout(30_000)
        phone.goto(link)
        expect(phone.locator("h1").first).to_contain_text(f"{service}: Where are you at?")
        settled(phone)
        assert "Harbour Crisis Café" not in phone.locator('[data-testid="stMain"]').inner_text()
        assert phone.locator('[data-testid="stSidebar"]').count() == 0
        phone.get_by_role("radiogroup").first.get_by_role("radio").first.focus()
        phone.keyboard.press("Space")  # YD
        for _ in section[1:]:
            phone.keyboard.press("Tab")  # the next statement's answers, at its first (YD)
            phone.keyboard.press("ArrowRight")  # YAB, chosen
        phone.keyboard.press("Tab")
        save = phone.get_by_role("button", name=re.compile("Save, and go on to section 2"))
        expect(save).to_be_focused()
        phone.keyboard.press("Enter")
        expect(phone.get_by_text(re.compile(r"Section 1 Recovery saved: 7 of 7"))).to_be_visible()
        phone.goto(link)  # comes back on the same link: at section 2, section 1 answered
        expect(phone.get_by_text("7 of 65 statements answered")).to_be_visible()
        expect(phone.get_by_role("heading", name="2 Community Participation")).to_be_visible()
        settled(phone)
        phone.get_by_role("combobox", name="Section").focus()  # the keyboard again
        phone.keyboard.type("1 Recovery")
        phone.keyboard.press("Enter")
        expect(phone.get_by_role("heading", name="1 Recovery")).to_be_visible()
        settled(phone)
        phone.get_by_role("radiogroup").first.evaluate(
            "element => element.scrollIntoView({block: 'center'})"
        )
        phone.wait_for_timeout(300)
        shot(phone, "collect_benchmark_form")
    finally:
        context.close()
    (saved,) = rounds.submissions(engine, AREA, "benchmark")
    assert saved.body[section[0].id] == "YD"
    assert {saved.body[s.id] for s in section[1:]} == {"YAB"}


def test_a_link_reaches_no_other_page_whatever_the_address_asks(area_server, browser):
    """A return link put after another page's address, or with an area asked for too,
    still opens the return's page alone."""
    address, url = area_server
    _, made = rounds.open_round(
        engine_for(url),
        AREA,
        "returns",
        "2024/25",
        "Q1",
        [(MIND, None, None)],
        "local user",
        now().date() + timedelta(days=5),
    )
    token = rounds.token_from(made[0].path)
    context = browser.new_context(viewport=PHONE)
    try:
        phone = context.new_page()
        phone.set_default_timeout(30_000)
        for asked in (f"/data?submit={token}", f"/?submit={token}&area={AREA}&share=x"):
            phone.goto(address + asked)
            expect(phone.locator("h1").first).to_contain_text(f"{MIND}: your return for 2024/25 Q1")
            settled(phone)
            body = phone.locator("body").inner_text()
            assert "Data tables" not in body and "Filters" not in body
            assert phone.locator('[data-testid="stSidebar"]').count() == 0
            assert "Your portfolio" not in body  # the sidebar's upload
            assert "Eastbrook Council" not in body  # another provider of the area
    finally:
        context.close()

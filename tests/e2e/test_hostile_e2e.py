"""In a real browser: a workbook with hostile names (a Locality that is a markdown image of
an address that tracks, a Provider in bold, HTML, maths and colour, a Service that is an HTML
link), uploaded as **evil**.xlsx, walked through every page of the app and every slide of
/present. The browser asks nothing of any origin but the server's (no tracking image, no
icon from a font CDN), nothing from the data is drawn as an image, a link, bold, maths or
colour, and the names are there as literal text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.e2e.conftest import choose, settled, start_server
from tests.test_hostile_pages import (
    FILE_NAME,
    LOCALITY,
    PROVIDER,
    SERVICE,
    hostile_workbook,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
WORD_JOINER = "\N{WORD JOINER}"  # invisible; safe_text puts it inside "http://" and the like
# The sidebar's pages, as app.py names them, with the words each page shows once drawn.
PAGES = {
    "Overview": "Anticipated outcomes",
    "1 Range of providers": "Outcome 1",
    "2 User-run services": "Outcome 2",
    "3 Funding sources": "Outcome 3",
    "4 Social to vocational": "Outcome 4",
    "5 Buildings to outreach": "Outcome 5",
    "6 Group to individual": "Outcome 6",
    "Benchmark": "Where are you at? Benchmark",
    "Good practice": "Good practice",
    "Commissioners' checklist": "Commissioners' checklist",
    "Access and opening hours": "Access and opening hours",
    "Diverse groups": "Diverse groups",
    "Performance returns (KPIs)": "Performance returns (KPIs)",
    "Data tables": "Data tables",
    "Data quality": "Data quality",
}
# A long service name is cut on a chart's axis (whole in the hover): its first 27 letters.
SERVICE_CUT = SERVICE[:27] + "…"
# Which hostile names each page draws, as text, in its page text or its charts.
SHOWN = {
    "Overview": [FILE_NAME],
    "1 Range of providers": [FILE_NAME, PROVIDER],
    "4 Social to vocational": [SERVICE_CUT],
    "Access and opening hours": [LOCALITY],
    "Performance returns (KPIs)": [PROVIDER],
    "Data quality": [FILE_NAME],
}
# Pages screenshot, scrolled to what shows a hostile name: (element, its text).
SHOT = {
    "1 Range of providers": ('[data-testid="stPlotlyChart"]', PROVIDER),
    "4 Social to vocational": ('[data-testid="stPlotlyChart"]', SERVICE_CUT),
    "Access and opening hours": ('[data-testid="stMarkdown"]', "no service open"),
    "Performance returns (KPIs)": ('[data-testid="stPlotlyChart"]', PROVIDER),
}
# Markup drawn from the data: what none of the hostile names may become.
MARKUP_FROM_DATA = """() => {
    const found = [];
    const text = e => (e.textContent || "").trim();
    const hostile = /track\\.png|127\\.0\\.0\\.1:9|example\\.invalid/;
    for (const e of document.querySelectorAll("img, image, source, video, audio")) {
        const src = e.getAttribute("src") || e.getAttribute("href") || "";
        if (hostile.test(src)) found.push("image " + src);
    }
    for (const e of document.querySelectorAll("a")) {
        const href = e.getAttribute("href") || e.getAttribute("xlink:href") || "";
        if (hostile.test(href)) found.push("link " + href);
        if (e.closest(".main-svg")) found.push("chart link " + text(e));
    }
    for (const e of document.querySelectorAll("strong, b, em, i, del, code")) {
        if (/^(bold|evil|x|t|link)$/.test(text(e))) found.push(e.tagName + " " + text(e));
    }
    for (const e of document.querySelectorAll(".katex, math, mjx-container")) {
        found.push("maths " + text(e));
    }
    for (const e of document.querySelectorAll(".stMarkdownColoredText, .stMarkdownBadge")) {
        if (text(e) === "red") found.push("colour " + text(e));
    }
    for (const e of document.querySelectorAll(".main-svg tspan")) {
        const style = e.getAttribute("style") || "";
        // The chart's own titles are bold; a name's <b>x</b> would be a bold "x".
        const bold = /font-weight:\\s*(bold|700)/.test(style);
        if (bold && /^(bold|evil|x|t|link)$/.test(text(e))) found.push("chart bold " + text(e));
    }
    return found;
}"""


@pytest.fixture(scope="module")
def hostile_server():
    """A server of this module's own: its first browser session is the hostile upload."""
    process, url = start_server()
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture
def outside(page, hostile_server):
    """Every request the page makes to an origin other than the server's, refused and listed
    (a tracking image, a favicon or font from a CDN, a websocket elsewhere)."""
    server = urlsplit(hostile_server)
    asked: list[str] = []

    def other_origin(url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme not in ("data", "blob") and parts.netloc != server.netloc

    def route(route):
        if other_origin(route.request.url):
            asked.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.context.route("**/*", route)
    page.on("request", lambda r: other_origin(r.url) and asked.append(r.url))
    page.on("websocket", lambda ws: other_origin(ws.url) and asked.append(ws.url))
    return asked


SHOWN_TEXT = """() => [document.body.innerText,
    ...[...document.querySelectorAll(".main-svg")].map(svg => svg.textContent)]
    .join("\\n").replaceAll("\\u2060", "")"""


def _literal_text(page) -> str:
    """The words on the page, page and charts, as a reader sees them (word joiners, which
    no one sees, aside)."""
    return page.evaluate(SHOWN_TEXT)


def _wait_for_text(page, words: str) -> None:
    """Wait until the page or a chart on it shows ``words`` as written."""
    page.wait_for_function(f"words => ({SHOWN_TEXT})().includes(words)", arg=words)


def _check(page, where: str, outside: list[str], names: list[str]) -> None:
    assert not outside, f"{where}: asked another origin for {outside}"
    assert page.locator('[data-testid="stException"]').count() == 0, where
    assert page.evaluate(MARKUP_FROM_DATA) == [], where
    for name in names:
        try:
            _wait_for_text(page, name)
        except PlaywrightTimeout:
            pytest.fail(f"{where}: {name!r} not shown as written in {_literal_text(page)!r}")


def _upload(page, server: str) -> None:
    page.goto(server)
    settled(page)
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
        files=[{"name": FILE_NAME, "mimeType": XLSX, "buffer": hostile_workbook()}]
    )
    page.get_by_text(f"Showing {FILE_NAME}").first.wait_for(timeout=60_000)
    settled(page)


def test_every_page_and_slide_shows_hostile_names_as_text(hostile_server, page, outside, shot):
    _upload(page, hostile_server)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert f"Showing {FILE_NAME}" in sidebar.inner_text()  # the upload's status, as text

    for title, heading in PAGES.items():
        sidebar.get_by_role("link", name=title, exact=True).click()
        page.locator('[data-testid="stMain"] h1', has_text=heading).first.wait_for()
        settled(page)
        _check(page, title, outside, SHOWN.get(title, []))
        if title in SHOT:  # the hostile names in view, for a person to look at
            page.locator(SHOT[title][0], has_text=SHOT[title][1]).first.scroll_into_view_if_needed()
            shot(page, f"hostile_{re.sub(r'[^a-z0-9]+', '_', title.lower()).strip('_')}")

    # A locality chosen in the sidebar: the captions name it, as text.
    sidebar.get_by_role("link", name="Access and opening hours", exact=True).click()
    settled(page)
    chooser = sidebar.locator('[data-testid="stMultiSelect"]', has_text="Locality")
    choose(page, chooser, LOCALITY)
    page.keyboard.press("Escape")
    _wait_for_text(page, f"(locality {LOCALITY})")
    settled(page)
    _check(page, "Access, filtered", outside, [f"(locality {LOCALITY})"])
    shot(page, "hostile_access_filtered")

    sidebar.get_by_role("link", name="Present to a forum", exact=True).click()
    counter = page.locator(".st-key-slide_counter")
    expect(counter).to_have_text(re.compile(r"^1 / \d+$"))
    total = int(counter.inner_text().split("/")[1])
    for number in range(1, total + 1):
        expect(counter).to_have_text(f"{number} / {total}")
        settled(page)
        names = {1: [FILE_NAME, f"locality {LOCALITY}"], 2: [LOCALITY]}.get(number, [])
        _check(page, f"slide {number}", outside, names)
        if number in (1, 2):
            shot(page, f"hostile_slide_{number}")
        if number < total:
            page.locator(".st-key-slide_next button").click()
    page.get_by_role("link", name="Leave presentation").click()
    page.locator('[data-testid="stMain"] h1', has_text="Anticipated outcomes").wait_for()
    settled(page)
    _check(page, "back from the slides", outside, [FILE_NAME])


def test_an_unreadable_file_is_named_as_text_in_its_error(hostile_server, page, outside):
    page.goto(hostile_server)
    settled(page)
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
        files=[{"name": FILE_NAME, "mimeType": XLSX, "buffer": bytes(range(256)) * 8}]
    )
    page.locator('[data-testid="stAlert"]', has_text="could not be").first.wait_for(timeout=60_000)
    _wait_for_text(page, f"{FILE_NAME} could not be")
    settled(page)
    _check(page, "unreadable upload", outside, [f"Could not read {FILE_NAME}"])

"""In a real browser: presentation mode walked from the first slide to the last with the Next
button, every slide screenshot at 1280x720 (present_01.png …) without the sidebar, the
outcome slides without scrolling; at 1920x1080 the type grows; the copied address reopens
the same slide; the arrow keys turn the slides; leaving brings the sidebar back."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

MIN_TITLE_PX = 40  # the finding, at 1280x720
CHARTED = ("Anticipated outcome", "Where are you at?")  # the headings of slides with a chart


def _counter(page):
    return page.locator(".st-key-slide_counter")


def _title(page):
    return page.locator(".st-key-slide_title h1")


def _settled(page, number: int, total: int | None = None) -> None:
    """Wait until slide ``number`` is drawn: the counter shows it, nothing is left over from
    the previous slide, and a chart (drawn progressively) has its plot."""
    count = str(total) if total else r"\d+"
    expect(_counter(page)).to_have_text(re.compile(rf"^{number} / {count}$"))
    page.wait_for_function('document.querySelectorAll("[data-stale=true]").length === 0')
    if page.locator(".st-key-slide_heading").inner_text().startswith(CHARTED):
        page.locator('[data-testid="stPlotlyChart"] .main-svg').first.wait_for()
        page.wait_for_timeout(600)  # plotly's last layout pass before the screenshot


def _px(page, locator) -> float:
    return locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")


def _fits_the_window(page) -> bool:
    """Nothing to scroll, and the chart (if any) ends above the navigation bar."""
    scroll = page.locator('[data-testid="stMain"]').evaluate(
        "e => e.scrollHeight <= e.clientHeight + 1"
    )
    chart = page.locator('[data-testid="stPlotlyChart"]')
    if not chart.count():
        return scroll
    bottom = chart.first.bounding_box()
    bar = page.locator(".st-key-slide_nav").bounding_box()
    return scroll and bottom["y"] + bottom["height"] <= bar["y"] + 1


def test_walk_the_presentation_from_first_to_last_slide(server, page, browser, shot):
    page.goto(f"{server}/present")
    _settled(page, 1)
    total = int(_counter(page).inner_text().split("/")[1])
    assert total == 12
    expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
    expect(page.locator('[data-testid="stHeader"]')).to_be_hidden()
    expect(_title(page)).to_have_text("Eastbrook (sample): where our day services stand")
    assert _px(page, _title(page)) >= MIN_TITLE_PX
    expect(page.locator(".st-key-slide_previous button")).to_be_disabled()
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "present_01")

    for number in range(2, total + 1):
        before = _title(page).inner_text()
        page.locator(".st-key-slide_next button").click()
        _settled(page, number, total)
        expect(_title(page)).not_to_have_text(before)
        assert page.locator('[data-testid="stException"]').count() == 0
        expect(page.locator('[data-testid="stSidebar"]')).to_be_hidden()
        assert _px(page, _title(page)) >= MIN_TITLE_PX
        heading = page.locator(".st-key-slide_heading").inner_text()
        if heading.startswith("Anticipated outcome"):
            assert _fits_the_window(page), f"slide {number} scrolls or hides its chart"
            expect(page.locator(".st-key-slide_status")).to_contain_text(
                re.compile(r"(Right|Wrong) direction|Little change|Not enough data")
            )
        assert page.url.endswith(f"slide={number}") or f"slide={number}&" in page.url
        shot(page, f"present_{number:02d}")
    expect(page.locator(".st-key-slide_next button")).to_be_disabled()

    # The arrow keys turn the slides too.
    page.keyboard.press("ArrowLeft")
    _settled(page, total - 1, total)

    # The copied address, opened afresh, shows the same slide.
    copied = page.url
    title = _title(page).inner_text()
    other = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    other.goto(copied)
    _settled(other, total - 1, total)
    expect(_title(other)).to_have_text(title)
    expect(other.locator('[data-testid="stSidebar"]')).to_be_hidden()
    other.context.close()


@pytest.mark.first_session
def test_at_1920x1080_with_a_filter_and_leaving(server, browser, shot):
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.set_default_timeout(30_000)
    # A link straight to a slide, as the server's first session, opens that slide.
    page.goto(f"{server}/present?slide=5&locality=North")
    _settled(page, 5)
    expect(page.locator(".st-key-slide_heading")).to_contain_text("Anticipated outcome 2")
    expect(page.locator(".st-key-slide_provenance")).to_contain_text("locality North")
    assert _fits_the_window(page)
    shot(page, "present_1920_05")

    page.goto(f"{server}/present?locality=North")
    _settled(page, 1)
    expect(page.locator(".st-key-slide_table_title")).to_contain_text("locality North")
    assert _px(page, _title(page)) >= 1.4 * MIN_TITLE_PX  # the type grows with the screen
    shot(page, "present_1920_01")

    # Leaving goes back to the Overview, with its sidebar and the filter still chosen.
    page.locator(".st-key-slide_next button").click()
    _settled(page, 2)
    page.get_by_role("link", name="Leave presentation").click()
    page.locator('[data-testid="stMetric"]').first.wait_for()
    expect(page.locator('[data-testid="stSidebar"]')).to_be_visible()
    expect(page.get_by_text(re.compile(r"\(locality North\)")).first).to_be_visible()
    assert "slide=" not in page.url
    page.context.close()

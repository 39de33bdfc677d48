"""In a real browser at 1920x1080, the size of a meeting room's screen: the Overview and an
outcome page fill it without sideways scrolling, the six tiles sit three to a row with their
measures, and a chart keeps its labelled axes (screenshots wide_overview.png, wide_user_run.png)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import settled


def _no_sideways_scroll(page) -> bool:
    return page.locator('[data-testid="stMain"]').evaluate(
        "e => e.scrollWidth <= e.clientWidth + 1"
    )


def test_the_overview_and_an_outcome_page_at_1920x1080(server, browser, shot):
    page = browser.new_context(viewport={"width": 1920, "height": 1080}).new_page()
    page.set_default_timeout(30_000)
    page.goto(server)
    metrics = page.locator('[data-testid="stMetric"]')
    expect(metrics).to_have_count(6)
    settled(page)
    assert _no_sideways_scroll(page)
    tops = [round(metrics.nth(i).bounding_box()["y"]) for i in range(6)]
    assert len(set(tops[:3])) <= 2 and min(tops[3:]) > max(tops[:3])  # three to a row
    shot(page, "wide_overview")

    page.get_by_role("link", name="Open outcome 2: its charts and figures").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("User-run")
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for()
    settled(page)
    assert _no_sideways_scroll(page)
    expect(chart.locator(".xtitle")).to_have_text("Financial year")
    box = chart.bounding_box()
    assert box["width"] >= 900  # the chart uses the wider screen
    chart.scroll_into_view_if_needed()
    shot(page, "wide_user_run")
    page.context.close()

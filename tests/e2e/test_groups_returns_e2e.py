"""In a real browser at 1280x720: the Diverse groups and Performance returns pages draw
their charts, each screenshot where a reader would look."""

from __future__ import annotations

import pytest

PAGES = {
    "diverse_groups": ("Diverse groups", 2),
    "performance": ("Performance returns (KPIs)", 3),  # the fourth sits in a hidden tab
}


@pytest.mark.parametrize("name", list(PAGES))
def test_page_draws_its_charts_and_is_screenshot(server, page, shot, name):
    title, drawn = PAGES[name]
    page.goto(f"{server}/{name}")
    page.get_by_role("heading", name=title).first.wait_for()
    charts = page.locator('[data-testid="stPlotlyChart"]')
    charts.first.wait_for()
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    visible = charts.locator(".main-svg")
    assert visible.count() >= drawn
    assert page.locator('[data-testid="stException"]').count() == 0
    page.wait_for_timeout(1000)  # let plotly finish drawing
    shot(page, f"page_{name}")
    for i in range(min(drawn, charts.count())):
        charts.nth(i).scroll_into_view_if_needed()
        page.wait_for_timeout(500)
        shot(page, f"page_{name}_chart{i + 1}")

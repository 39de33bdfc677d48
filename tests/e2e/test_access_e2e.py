"""In a real browser: the Access page draws its week-by-hour heatmap at 1280x720."""

from __future__ import annotations


def test_access_page_draws_the_heatmap(server, page, shot):
    page.goto(f"{server}/access")
    charts = page.locator('[data-testid="stPlotlyChart"]')
    charts.first.wait_for()
    heatmap = charts.first
    heatmap.locator("g.heatmaplayer").wait_for()
    assert "something is open in" in heatmap.inner_text()
    heatmap.scroll_into_view_if_needed()
    page.wait_for_timeout(1000)  # let plotly finish drawing before the screenshot
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "access_heatmap")

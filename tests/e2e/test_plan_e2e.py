"""In a real browser at 1280x720: upload the sample's plan workbook on the Plan the changes
page, pick a plan, and read its trends, money and gaps (screenshots plan_trends.png,
plan_money.png and plan_gaps.png)."""

from __future__ import annotations

from playwright.sync_api import expect

from dayserv.sample_plan import BUILD_FIRST, CLOSE_FIRST, PLANS_FILE
from tests.e2e.conftest import choose, select_box, settled

UPLOAD = "Or upload a plan workbook"


def _chart(page, title: str):
    """The plotly chart whose title begins with ``title``."""
    return page.locator('[data-testid="stPlotlyChart"]').filter(
        has=page.locator(".gtitle", has_text=title)
    )


def _headline(page, text: str):
    """The plan's headline sentence (a heading above the tabs)."""
    return page.get_by_role("heading").filter(has_text=text)


def _shoot(page, shot, chart, name: str) -> None:
    expect(chart).to_be_visible()
    settled(page)
    chart.scroll_into_view_if_needed()
    page.mouse.move(0, 0)  # no hover label over the chart
    page.wait_for_timeout(300)
    shot(page, name)


def test_upload_a_plan_pick_one_and_read_it(server, page, shot):
    page.goto(f"{server}/plan")
    expect(page.get_by_text("No change in the plan can be used yet")).to_be_visible()
    uploader = page.locator('[data-testid="stFileUploader"]').filter(
        has=page.get_by_text(UPLOAD, exact=True)
    )
    uploader.locator('input[type="file"]').set_input_files(str(PLANS_FILE))
    expect(_headline(page, f"{CLOSE_FIRST}: not ring-fenced")).to_be_visible()
    settled(page)

    choose(page, select_box(page, "Plan shown"), BUILD_FIRST)
    expect(_headline(page, f"{BUILD_FIRST}: ring-fenced in every year")).to_be_visible()
    settled(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    trend = _chart(page, f"Under {BUILD_FIRST}:").filter(has_text="User-run share of services")
    expect(trend.get_by_text(f"Projected (plan: {BUILD_FIRST})")).to_be_visible()
    _shoot(page, shot, trend, "plan_trends")

    page.get_by_role("tab", name="Money").click()
    money = _chart(page, "Ring-fenced in every year:")
    expect(money.get_by_text("✓ Ring-fenced").first).to_be_visible()
    _shoot(page, shot, money, "plan_money")

    choose(page, select_box(page, "Plan shown"), CLOSE_FIRST)
    expect(_headline(page, f"{CLOSE_FIRST}: not ring-fenced")).to_be_visible()
    settled(page)
    page.get_by_role("tab", name="Continuity of provision").click()
    expect(
        page.get_by_text("Harcourt House Day Centre closes in 2026/27; its replacement").first
    ).to_be_visible()
    gaps = _chart(page, "A gap in provision in Central in 2026/27:")
    expect(gaps.get_by_text("Gap", exact=True)).to_be_visible()
    _shoot(page, shot, gaps, "plan_gaps")
    assert page.locator('[data-testid="stException"]').count() == 0

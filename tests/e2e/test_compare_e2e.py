"""In a real browser at 1280x720: the Compare areas page opens on the sample region, the
chosen area is changed, and the spine charts and the tartan rug are drawn for it
(screenshots compare_spines.png and compare_rug.png)."""

from __future__ import annotations

from playwright.sync_api import expect

from dayserv.app.compare_page import SAMPLE_REGION_NOTICE
from tests.e2e.conftest import choose, select_box, settled
from tests.test_compare_page import area_workbook


def _chart(page, title: str):
    """The plotly chart whose title begins with ``title``."""
    return page.locator('[data-testid="stPlotlyChart"]').filter(
        has=page.locator(".gtitle", has_text=title)
    )


def test_compare_the_sample_region_and_change_the_area(server, page, shot):
    page.goto(f"{server}/compare")
    expect(page.get_by_text(SAMPLE_REGION_NOTICE)).to_be_visible()
    expect(_chart(page, "Eastbrook, 2025/26:")).to_be_visible()
    expect(page.get_by_text("Fenwick has no figures for 2025/26")).to_be_visible()
    settled(page)

    choose(page, select_box(page, "Your area"), "Northmoor")
    spines = _chart(page, "Northmoor, 2025/26:")
    expect(spines).to_be_visible()
    settled(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    expect(spines.get_by_text("User-run services", exact=True)).to_be_visible()
    expect(spines.get_by_text("46% Better")).to_be_visible()  # Northmoor's user-run share
    spines.scroll_into_view_if_needed()
    page.mouse.move(0, 0)  # no hover label over the chart
    shot(page, "compare_spines")

    page.get_by_role("tab", name="Tartan rug").click()
    rug = _chart(page, "Where each area stands:")
    expect(rug).to_be_visible()
    settled(page)
    assert "compare_tab=Tartan" in page.url  # a copied link opens the same tab
    expect(rug.get_by_text("(your area)")).to_be_visible()
    rug.scroll_into_view_if_needed()
    page.mouse.move(0, 0)
    shot(page, "compare_rug")


def test_two_workbooks_uploaded_on_the_page_are_compared(server, page, shot, tmp_path):
    files = []
    for area in ("Northmoor", "Kingsport"):
        name, _ = area_workbook(tmp_path, area)
        files.append(tmp_path / name)
    page.goto(f"{server}/compare")
    expect(page.get_by_text(SAMPLE_REGION_NOTICE)).to_be_visible()
    main = page.locator('[data-testid="stMain"]')
    main.locator('input[type="file"]').set_input_files([str(path) for path in files])
    expect(
        page.get_by_text("2 areas, from northmoor-2026.xlsx, kingsport-2026.xlsx")
    ).to_be_visible()
    expect(page.get_by_text(SAMPLE_REGION_NOTICE)).to_have_count(0)
    spines = _chart(page, "Northmoor, 2025/26:")
    expect(spines).to_be_visible()
    settled(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    choose(page, select_box(page, "Your area"), "Kingsport")
    expect(_chart(page, "Kingsport, 2025/26:")).to_be_visible()
    settled(page)
    page.mouse.move(0, 0)
    shot(page, "compare_uploads")

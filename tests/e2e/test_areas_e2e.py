"""In a real browser: upload the sample workbook, save it as an area on the Saved areas page,
reload (the address keeps the area), make a share link in publication mode, and open it in
a browser of someone else's: shared, read-only, publication mode on and held on."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import ROOT, settled

SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
AREA = "Eastbrook"


def _sidebar(page):
    return page.locator('[data-testid="stSidebar"]')


def _area_notice(page):
    """The sidebar's line saying which saved version is shown."""
    return _sidebar(page).locator('[data-testid="stAlert"]').first


def test_save_reload_and_open_a_publication_link(server, page, browser, shot):
    page.goto(server)
    _sidebar(page).locator('[data-testid="stFileUploader"]').wait_for()
    settled(page)
    _sidebar(page).locator('input[type="file"]').set_input_files(str(SAMPLE))
    expect(_sidebar(page).get_by_text(f"Showing {SAMPLE.name}")).to_be_visible()
    settled(page)

    page.get_by_role("link", name="Saved areas", exact=True).click()
    expect(page.get_by_role("heading", name="Save what is shown")).to_be_visible()
    settled(page)
    expect(page.get_by_text(f"Shown: {SAMPLE.name}.")).to_be_visible()
    box = page.get_by_label("The new area's name", exact=True)
    box.fill(AREA)
    box.press("Enter")
    settled(page)
    page.get_by_label("Note (optional)", exact=True).fill("The sample, to try it out")
    page.get_by_role("button", name="Save as the next version").click()
    expect(page.get_by_text(re.compile(rf"Saved {AREA} version \d+\."))).to_be_visible()
    expect(_area_notice(page)).to_contain_text(f"{AREA}, version")
    expect(_area_notice(page)).to_contain_text("(the latest)")
    page.wait_for_url(re.compile(rf"area={AREA}"))
    history = page.locator('[data-testid="stDataFrame"]').filter(has_text="The sample, to try")
    expect(history).to_be_visible()
    settled(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    _area_notice(page).scroll_into_view_if_needed()  # the sidebar's notice, under the pages
    shot(page, "areas_saved")

    # A reload keeps the area: the address names it.
    page.reload()
    _sidebar(page).locator('[data-testid="stFileUploader"]').wait_for()
    expect(_area_notice(page)).to_contain_text(f"{AREA}, version")
    expect(page.get_by_role("heading", name="History")).to_be_visible()
    assert f"area={AREA}" in page.url
    settled(page)

    # A link in publication mode (the page's default), shown once, with the whole address.
    page.get_by_role("button", name="Make the link").click()
    code = page.locator('[data-testid="stCode"]')
    expect(code).to_contain_text("?share=")
    link = code.inner_text().strip()
    assert re.fullmatch(re.escape(server) + r"/\?share=[A-Za-z0-9_-]{43}", link), link
    expect(page.get_by_text(re.compile(r"^Link made: .* in publication mode"))).to_be_visible()
    expect(page.get_by_role("button", name="Withdraw").first).to_be_visible()

    # Someone else's browser: shared, read-only, publication mode on and held on.
    visitor = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    visitor.set_default_timeout(30_000)
    try:
        visitor.goto(link)
        _sidebar(visitor).locator('[data-testid="stFileUploader"]').wait_for()
        expect(_area_notice(visitor)).to_contain_text("Shared with you")
        expect(_area_notice(visitor)).to_contain_text(f"{AREA}, version")
        toggle = _sidebar(visitor).get_by_role("switch", name="Publication mode")
        expect(toggle).to_be_checked()
        expect(toggle).to_be_disabled()
        expect(_sidebar(visitor).get_by_text("as the share link requires")).to_be_visible()
        expect(visitor.get_by_text("Anticipated outcomes").first).to_be_visible()
        settled(visitor)
        assert visitor.locator('[data-testid="stException"]').count() == 0
        toggle.scroll_into_view_if_needed()  # under the filters, with the link's rule
        visitor.wait_for_timeout(300)
        shot(visitor, "areas_shared_view")

        # The Saved areas page offers the visitor nothing to save, share or delete.
        visitor.get_by_role("link", name="Saved areas", exact=True).click()
        expect(visitor.get_by_text("A read-only view shared with you by a link")).to_be_visible()
        settled(visitor)
        assert visitor.get_by_role("button", name="Make the link").count() == 0
        assert visitor.get_by_role("button", name="Save as the next version").count() == 0
        _area_notice(visitor).scroll_into_view_if_needed()
        visitor.wait_for_timeout(300)
        shot(visitor, "areas_shared_page")
    finally:
        visitor.context.close()

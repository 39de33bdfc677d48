"""In a real browser: download the meeting pack from the Overview as a PowerPoint deck and as
an HTML report, read the deck back, and open the report with the network cut off."""

from __future__ import annotations

import io

from playwright.sync_api import expect
from pptx import Presentation

from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import deck_layout, pack
from dayserv.share.provenance import SAMPLE_AREA
from tests.e2e.conftest import ROOT, settled

SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"


def _download(page, label: str, tmp_path):
    with page.expect_download(timeout=60_000) as download:
        page.get_by_role("button", name=label).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def test_the_meeting_pack_downloads_and_the_report_opens_offline(
    server, page, browser, shot, tmp_path
):
    expected = pack.build(load(sources_from_paths([SAMPLE])), area=SAMPLE_AREA)
    page.goto(server)
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(6)
    settled(page)
    expect(page.get_by_role("button", name="Meeting pack (HTML report)")).to_be_visible()
    shot(page, "pack_overview_buttons")

    deck_file = _download(page, "Meeting pack (PowerPoint)", tmp_path)
    assert deck_file.name == expected.file_name("pptx")
    presentation = Presentation(io.BytesIO(deck_file.read_bytes()))
    titles = [slide.shapes.title.text for slide in presentation.slides]
    assert [t for t in titles if not t.endswith(deck_layout.CONTINUED)] == expected.titles
    assert len(presentation.slides) == len(deck_layout.pages(expected))

    report_file = _download(page, "Meeting pack (HTML report)", tmp_path)
    assert report_file.name == expected.file_name("html")

    offline = browser.new_context(viewport={"width": 1280, "height": 720}, offline=True)
    try:
        asked = []

        def only_the_file(route):
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                asked.append(route.request.url)
                route.abort()

        report = offline.new_page()
        report.route("**/*", only_the_file)
        errors = []
        report.on("pageerror", lambda error: errors.append(str(error)))
        report.goto(report_file.as_uri())
        plots = report.locator(".js-plotly-plot")
        expect(plots).to_have_count(7)  # six outcomes and the benchmark
        expect(report.locator(".js-plotly-plot .main-svg").first).to_be_visible()
        for n in range(7):
            plots.nth(n).locator("svg.main-svg").first.wait_for()
        assert report.locator("section.slide").count() == len(expected.slides)
        assert report.locator("h1, h2").all_inner_texts() == expected.titles
        assert asked == [] and errors == []
        report.wait_for_timeout(500)
        shot(report, "pack_report_top")
        report.locator("#slide-5").scroll_into_view_if_needed()
        report.wait_for_timeout(300)
        shot(report, "pack_report_outcome")
        report.locator("#slide-10").scroll_into_view_if_needed()
        report.wait_for_timeout(300)
        shot(report, "pack_report_benchmark")
    finally:
        offline.close()

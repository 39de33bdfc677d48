"""In a real browser: the app opens on the sample, takes an upload in the first session, and
shows the problems of an untidy workbook, downloadably."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import settled, start_server, stop_server
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

SAMPLE_WORDS = "sample portfolio of a fictional area"


def _upload_workbook(tmp_path, rows, name="my_portfolio.xlsx"):
    path = tmp_path / name
    path.write_bytes(xlsx({"Services": rows}))
    return path


def _six_tiles(page):
    """Wait (the page draws progressively) until all six outcome tiles are there."""
    expect(page.locator('[data-testid="stMetric"]')).to_have_count(6)


def _tile_text(page, words: str) -> str:
    return page.locator('[data-testid="stMetric"]', has_text=words).first.inner_text()


@pytest.mark.first_session
def test_upload_in_the_first_session_changes_the_overview(server, page, shot, tmp_path):
    page.goto(server)
    _six_tiles(page)
    page.get_by_text(SAMPLE_WORDS).first.wait_for()
    before = _tile_text(page, "User-run")
    shot(page, "overview_sample")

    # Every service user-run in the first year, none in the second: 100% then 0%.
    rows = [
        SERVICES_HEADER,
        service_row("Peer café", "Harbour Peers", "2023/24", "User-led", "Yes", funding=5000),
        service_row("Peer café", "Harbour Peers", "2024/25", "User-led", "No", funding=5000),
        service_row("Garden", "Grow", "2024/25", "Voluntary", "No", funding=5000),
    ]
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
        str(_upload_workbook(tmp_path, rows))
    )
    page.get_by_text(SAMPLE_WORDS).first.wait_for(state="detached")
    page.get_by_text("my_portfolio.xlsx").first.wait_for()
    user_run = page.locator('[data-testid="stMetric"]', has_text="User-run").first
    expect(user_run).to_contain_text("0%")  # waits for the rerun to draw the new figure
    assert user_run.inner_text() != before
    _six_tiles(page)
    shot(page, "overview_upload")


def test_data_quality_lists_the_bad_rows_and_downloads_them(server, page, shot, tmp_path):
    page.goto(server)
    _six_tiles(page)
    rows = [
        ["Day services, our own list"],
        SERVICES_HEADER,
        service_row("Drop-in", "Mind", "2024/25", "Charity"),
        service_row("Clubhouse", "Council", "2024/25", "Spaceship"),
        service_row("Allotment", "Grow", "2024/26", "Voluntary"),
    ]
    page.locator('[data-testid="stSidebar"] input[type="file"]').set_input_files(
        str(_upload_workbook(tmp_path, rows, "untidy.xlsx"))
    )
    page.get_by_text("Showing untidy.xlsx").first.wait_for(timeout=60_000)  # read, not only sent
    settled(page)
    page.get_by_role("link", name="Data quality", exact=True).click()
    page.locator('[data-testid="stMain"] h1', has_text="Data quality").wait_for()
    settled(page)
    page.get_by_text("Every problem, row by row").click()  # the expander of every row
    table = page.locator('[data-testid="stDataFrame"]').last
    table.wait_for()
    shot(page, "data_quality")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download the problems shown").click()
    text = download.value.path().read_bytes().decode("utf-8-sig")
    records = list(csv.DictReader(io.StringIO(text)))
    found = {(r["Sheet"], r["Row"], r["Column"]) for r in records}
    assert ("Services", "4", "Sector") in found
    assert ("Services", "5", "Year") in found


def test_an_outcome_tile_opens_its_page(server, page, shot):
    page.goto(server)
    _six_tiles(page)
    page.locator('[data-testid="stMetric"]').first.scroll_into_view_if_needed()
    shot(page, "overview_tiles")
    # Each tile's measure follows its words, with no empty band between (a tile that says
    # less below its measure keeps the space at its foot, above its link).
    tile_words = '[data-testid="stMarkdownContainer"]'
    words = page.locator(tile_words, has_text="An increasing range of providers").first
    words = words.bounding_box()
    measure = page.locator('[data-testid="stMetric"]').first.bounding_box()
    assert 0 <= measure["y"] - (words["y"] + words["height"]) < 40, (words, measure)
    page.get_by_role("link", name="Open outcome 5: its charts and figures").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Buildings")
    assert page.url.split("?")[0].endswith("/buildings")


def _inotify_watches(pid: int) -> int:
    """How many files and folders the process watches (each inotify descriptor's fdinfo
    lists its watches, a line each)."""
    watches = 0
    for info in Path(f"/proc/{pid}/fdinfo").iterdir():
        try:
            lines = info.read_text().splitlines()
        except OSError:  # a descriptor closed meanwhile
            continue
        watches += sum(line.startswith("inotify wd:") for line in lines)
    return watches


def test_a_session_sets_no_watch_on_the_source_files(page):
    """With Streamlit's file watching on, a session's start set a watch on each of 2,728
    source files and folders and doubled its CPU on the server (scripts/session_times.py);
    the app's config.toml turns watching off."""
    process, url = start_server()
    try:
        page.goto(url)
        _six_tiles(page)
        settled(page)
        assert _inotify_watches(process.pid) == 0
    finally:
        stop_server(process)

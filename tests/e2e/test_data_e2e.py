"""In a real browser: the Data tables page opened from a link with a filter, a table picked
and searched, and the CSV and Excel downloads checked against what the screen says."""

from __future__ import annotations

import csv
import io
import re

import openpyxl

from dayserv.share.export import FORMULA_STARTS

COUNT = re.compile(r"(\d[\d,]*) of (\d[\d,]*) rows")


def _settled(page) -> None:
    """Wait until the app has finished running (a button drawn by a run that was then
    replaced would not download)."""
    page.wait_for_timeout(200)
    page.locator('[data-testid="stApp"][data-test-script-state="notRunning"]').wait_for()
    page.wait_for_timeout(200)


def _pick_table(page, label: str) -> None:
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Table").click()
    page.get_by_role("option", name=label, exact=True).click()
    _settled(page)


def _shown_rows(page) -> int:
    text = page.get_by_text(COUNT).first.inner_text()
    return int(COUNT.search(text).group(1).replace(",", ""))


def _download(page, label: str, tmp_path):
    with page.expect_download() as download:
        page.get_by_role("button", name=label).click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    return saved


def test_pick_search_and_download_what_is_shown(server, page, shot, tmp_path):
    page.goto(server + "/data?locality=North")
    page.get_by_role("heading", name="Data tables").wait_for()
    page.get_by_text("29 of 148 rows, after the sidebar's filters").wait_for()
    _settled(page)
    # The page's address is the file's name, as Streamlit gives it.
    link = page.locator('[data-testid="stSidebarNav"] a', has_text="Data tables")
    assert link.get_attribute("href").endswith("/data")

    _pick_table(page, "Funding")
    page.get_by_text(re.compile(r"of 320 rows, after the sidebar's filters")).wait_for()
    page.wait_for_url(re.compile(r"data_table=Funding"))  # a copied link reopens the table
    assert "locality=North" in page.url
    _settled(page)
    shot(page, "data_tables_funding")
    _pick_table(page, "Services")
    page.get_by_text("29 of 148 rows, after the sidebar's filters").wait_for()

    search = page.locator('[data-testid="stTextInput"] input')
    search.fill("Employment")
    search.press("Enter")
    page.get_by_text('of them containing "Employment"').wait_for()
    _settled(page)
    shown = _shown_rows(page)
    assert 0 < shown < 29
    assert page.locator('[data-testid="stException"]').count() == 0
    shot(page, "data_tables_search")

    saved = _download(page, "Download CSV", tmp_path)
    assert saved.name.startswith("dayserv_sample-portfolio_services_") and "north" in saved.name
    data = saved.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == shown
    assert {row["Locality"] for row in rows} == {"North"}
    assert all("employment" in " ".join(row.values()).lower() for row in rows)
    assert not [v for row in rows for v in row.values() if v.startswith(FORMULA_STARTS)]

    saved = _download(page, "Download Excel", tmp_path)
    assert saved.suffix == ".xlsx"
    book = openpyxl.load_workbook(saved)
    assert book.sheetnames == ["Services", "About this export"]
    table = list(book["Services"].iter_rows(values_only=True))
    assert len(table) - 1 == shown
    locality = table[0].index("Locality")
    assert {row[locality] for row in table[1:]} == {"North"}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                assert not (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS))
    about = dict(book["About this export"].iter_rows(max_col=2, values_only=True))
    assert about["Filters"] == "locality North"
    assert about["Rows"] == str(shown)
    assert about["Search"] == 'rows containing "Employment" in any column'

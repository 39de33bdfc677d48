"""In a real browser: the Data tables page opened from a link with a filter, a table picked
and searched, and the CSV and Excel downloads checked against what the screen says; a link
that reopens a view (table, search, columns), its zip of the CSV and its About file, and
the table's toolbar clear of the download buttons."""

from __future__ import annotations

import csv
import io
import re
import zipfile

import openpyxl
from playwright.sync_api import expect

from dayserv.share.export import FORMULA_STARTS
from tests.e2e.conftest import choose, settled

COUNT = re.compile(r"(\d[\d,]*) of (\d[\d,]*) rows")


def _pick_table(page, label: str) -> None:
    choose(page, page.locator('[data-testid="stSelectbox"]').filter(has_text="Table"), label)
    settled(page)


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
    settled(page)
    # The page's address is the file's name, as Streamlit gives it.
    link = page.locator('[data-testid="stSidebarNav"] a', has_text="Data tables")
    assert link.get_attribute("href").endswith("/data")

    _pick_table(page, "Funding")
    page.get_by_text(re.compile(r"of 320 rows, after the sidebar's filters")).wait_for()
    page.wait_for_url(re.compile(r"data_table=funding"))  # a copied link reopens the table
    assert "locality=North" in page.url
    settled(page)
    shot(page, "data_tables_funding")
    _pick_table(page, "Services")
    page.get_by_text("29 of 148 rows, after the sidebar's filters").wait_for()

    search = page.locator('[data-testid="stTextInput"] input')
    search.fill("Employment")
    search.press("Enter")
    page.get_by_text('of them containing "Employment"').wait_for()
    settled(page)
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


def _boxes_overlap(one: dict, other: dict) -> bool:
    return not (
        one["x"] + one["width"] <= other["x"]
        or other["x"] + other["width"] <= one["x"]
        or one["y"] + one["height"] <= other["y"]
        or other["y"] + other["height"] <= one["y"]
    )


def test_a_link_reopens_the_view_and_its_zip_says_where_the_csv_came_from(
    server, page, shot, tmp_path
):
    query = (
        "?locality=North&data_table=funding&data_search=Northgate"
        "&data_columns=Service&data_columns=Amount%20(%C2%A3)&data_columns=Salary"
    )
    page.goto(server + "/data" + query)
    page.get_by_role("heading", name="Data tables").wait_for()
    page.get_by_text('of them containing "Northgate"').wait_for()
    settled(page)
    page.get_by_text('does not have ("Salary"): they are left out').wait_for()
    expect(page.locator('[data-testid="stTextInput"] input')).to_have_value("Northgate")
    headings = page.locator('[data-testid="stDataFrame"] [role="columnheader"]')
    expect(headings).to_have_text(["Service", "Amount (£)"])
    assert "data_columns=Salary" not in page.url  # the address says what is shown
    assert "data_table=funding" in page.url and "locality=North" in page.url
    shown = _shown_rows(page)

    # The table's own toolbar (shown on hover, above its top edge) is clear of the buttons.
    for width, height in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": width, "height": height})
        settled(page)
        table = page.locator('[data-testid="stDataFrame"]')
        table.scroll_into_view_if_needed()
        table.hover()
        toolbar = page.locator('[data-testid="stElementToolbar"]').first
        toolbar.wait_for()
        for label in ("Download CSV", "CSV + About (zip)", "Download Excel"):
            button = page.get_by_role("button", name=label)
            assert not _boxes_overlap(toolbar.bounding_box(), button.bounding_box()), (
                label,
                width,
            )
        if width == 1280:
            shot(page, "data_tables_link_view")
    page.set_viewport_size({"width": 1280, "height": 720})
    settled(page)

    saved = _download(page, "CSV + About (zip)", tmp_path)
    assert saved.name.startswith("dayserv_sample-portfolio_funding_search-northgate_2-columns_")
    assert saved.name.endswith("_locality-north.zip")
    with zipfile.ZipFile(saved) as archive:
        csv_name, about_name = archive.namelist()
        assert csv_name == saved.name.replace(".zip", ".csv")
        assert about_name == saved.name.replace(".zip", "_about.txt")
        rows = list(csv.DictReader(io.StringIO(archive.read(csv_name).decode("utf-8-sig"))))
        about = archive.read(about_name).decode()
    assert len(rows) == shown and list(rows[0]) == ["Service", "Amount (£)"]
    assert "Filters: locality North" in about
    assert 'Search: rows containing "Northgate" in any column' in about
    assert "Columns: 2 of 5 chosen: Service, Amount (£)" in about
    link = next(line for line in about.splitlines() if line.startswith("Link to this view: "))
    reopened = link.removeprefix("Link to this view: ")
    assert reopened.startswith(server + "/data?") and "data_search=Northgate" in reopened

    # The link in the About file reopens the same view.
    page.goto(reopened)
    page.get_by_text('of them containing "Northgate"').wait_for()
    settled(page)
    assert _shown_rows(page) == shown
    expect(headings).to_have_text(["Service", "Amount (£)"])

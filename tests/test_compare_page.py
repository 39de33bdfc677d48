"""The Compare areas page as a forum meets it: AppTest runs app.py, opens the page on the
bundled sample region, uploads a region through the sidebar, changes the year and the area,
picks saved areas, downloads the figures and the slide; and the sidebar's Area filter,
which a region's workbook brings, narrows the Overview."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dayserv import catalogue
from dayserv.app import compare_page
from dayserv.figures import compare
from dayserv.region import sample_region
from dayserv.store import areas
from dayserv.store.database import store
from dayserv.synthetic import write_workbook
from tests.test_areas_page import later_year
from tests.test_hostile_pages import PROVIDER, chart_labels, chart_leaks, leaks, markdown_shown
from tests.test_pages import APP, XLSX, two_years
from tests.test_pages import open_tab as open_compare_tab

PAGE = "pages/compare.py"
FIGURES = "dayserv_sample-region_compare-figures_2025-26"
SUMMARY = "dayserv_sample-region_compare-summary"
REGION = compare_page.REGION_PATH
SAMPLE_AREAS = [
    "Ashdale",
    "Eastbrook",
    "Fenwick",
    "Harrowfield",
    "Kingsport",
    "Northmoor",
    "Riversmeet",
]


def compare_with(upload: tuple[str, bytes] | None = None) -> AppTest:
    """The app, the upload given through the sidebar, on the Compare areas page."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if upload is not None:
        at.sidebar.file_uploader[0].upload(*upload, XLSX)
        at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_tab(at: AppTest, label: str) -> AppTest:
    return open_compare_tab(at, "compare_tab", label)


def widget(at: AppTest, kind: str, label: str):
    return next(w for w in getattr(at, kind) if w.label == label)


def chart_titles(at: AppTest) -> list[str]:
    return [chart.proto.spec and _title(chart) for chart in at.get("plotly_chart")]


def _title(chart) -> str:
    import json

    return json.loads(chart.proto.spec)["layout"]["title"]["text"]


def texts(at: AppTest, kind: str) -> str:
    return "\n".join(element.value for element in getattr(at, kind))


def test_opens_on_the_sample_region_without_an_upload():
    at = compare_with()
    assert compare_page.SAMPLE_REGION_NOTICE in texts(at, "info")
    assert widget(at, "selectbox", "Your area").options == SAMPLE_AREAS
    assert widget(at, "selectbox", "Your area").value == "Eastbrook"
    assert widget(at, "selectbox", "Year").value == "2025/26"  # the latest any area has
    # Fenwick sent nothing for 2025/26: named, and left out.
    assert "Fenwick has no figures for 2025/26" in texts(at, "warning")
    titles = chart_titles(at)
    assert titles[0].startswith("Eastbrook, 2025/26: better than most areas on")
    assert any(t.startswith("User-run share of services:<br>Eastbrook 25%") for t in titles)
    assert not _rug_columns(at)  # another tab's chart: not drawn until it is opened
    assert any("your area" in tick for tick in _rug_columns(open_tab(at, "Tartan rug")))


def _rug_columns(at: AppTest) -> list[str]:
    import json

    for chart in at.get("plotly_chart"):
        data = json.loads(chart.proto.spec)["data"]
        if data and data[0].get("type") == "heatmap":
            return data[0]["x"]
    return []


def test_an_uploaded_region_is_compared_area_by_area():
    at = compare_with((REGION.name, REGION.read_bytes()))
    assert compare_page.SAMPLE_REGION_NOTICE not in texts(at, "info")
    assert "7 areas, from the Area column of sample_region.xlsx" in texts(at, "caption")
    assert widget(at, "selectbox", "Your area").options == SAMPLE_AREAS
    assert widget(at, "selectbox", "Your area").value == "Ashdale"  # the first, unasked
    table = open_tab(at, "The figures").dataframe[-1].value
    assert table["Area"].tolist() == SAMPLE_AREAS
    assert table.loc[table["Area"].eq("Fenwick"), "Figures for the year"].item() == "No"


def test_changing_the_year_and_the_area():
    at = compare_with()
    widget(at, "selectbox", "Year").select("2021/22").run()
    assert not at.exception
    # In 2021/22 Eastbrook had not started its returns, nor had Harrowfield.
    warnings = texts(at, "warning")
    assert "Eastbrook and Harrowfield have no figures for 2021/22" in warnings
    assert "Eastbrook has no figures for 2021/22: choose another year" in warnings
    widget(at, "selectbox", "Your area").select("Northmoor").run()
    assert not at.exception
    assert chart_titles(at)[0].startswith("Northmoor, 2021/22:")
    assert "choose another year" not in texts(at, "warning")
    summary = open_tab(at, "Peer summary").dataframe[0].value
    assert "Where Northmoor stands" in summary.columns


def test_a_peer_group_is_what_the_area_is_compared_with():
    at = compare_with()
    widget(at, "multiselect", "Peer group").select("Kingsport").select("Fenwick").run()
    widget(at, "selectbox", "Year").select("2024/25").run()
    assert not at.exception
    assert "compared with a peer group of 2 areas: Fenwick and Kingsport" in texts(at, "markdown")
    assert chart_titles(at)[0].startswith("Eastbrook, 2024/25: better than most peers")
    summary = open_tab(at, "Peer summary").dataframe[0].value
    assert summary["Areas"].max() == 2


def test_the_figures_and_the_slide_download(downloads):
    at = compare_with()
    open_tab(at, "Peer summary")
    open_tab(at, "The figures")
    names = list(downloads)
    (excel,) = [
        n
        for n in names
        if n.startswith("dayserv_sample-region_compare-figures") and n[-4:] == "xlsx"
    ]
    book = openpyxl.load_workbook(io.BytesIO(downloads[excel]()))
    assert book.sheetnames[0] == "Table"
    sheet = book["Table"]
    assert [cell.value for cell in sheet[1]][:3] == ["Area", "Year", "Figures for the year"]
    assert sheet.max_row == 8  # a heading and 7 areas
    about = {row[0].value: row[1].value for row in book.worksheets[-1].iter_rows()}
    assert about["Source file"] == "sample_region.xlsx"
    (csv,) = [
        n
        for n in names
        if n.startswith("dayserv_sample-region_compare-summary") and n[-3:] == "csv"
    ]
    assert "Where Eastbrook stands" in downloads[csv]().decode("utf-8-sig")
    (slide,) = [n for n in names if "how-we-compare" in n and n.endswith(".pptx")]
    deck = Presentation(io.BytesIO(downloads[slide]()))
    (only,) = deck.slides
    words = [shape.text_frame.text for shape in only.shapes if shape.has_text_frame]
    assert "How we compare, 2025/26" in words
    assert any(w.startswith("Eastbrook: better than most areas on") for w in words)
    (table,) = [shape.table for shape in only.shapes if shape.has_table]
    assert len(table.rows) == 13  # a heading and the 12 outcome measures
    assert not at.exception


@pytest.fixture
def two_saved_areas():
    engine = store()
    areas.save_version(engine, "Westford", [("westford.xlsx", two_years())], "a@council.gov.uk")
    areas.save_version(engine, "Eastmere", [("eastmere.xlsx", later_year())], "a@council.gov.uk")


def test_saved_areas_are_compared_with_the_portfolio_shown(two_saved_areas):
    at = compare_with()
    picker = widget(at, "multiselect", "Saved areas to compare with")
    assert picker.options == ["Eastmere", "Westford"]
    picker.select("Westford").run()  # one saved area, and the sample: still the region
    assert compare_page.SAMPLE_REGION_NOTICE in texts(at, "info")
    widget(at, "multiselect", "Saved areas to compare with").select("Eastmere").run()
    assert not at.exception
    assert compare_page.SAMPLE_REGION_NOTICE not in texts(at, "info")
    assert widget(at, "selectbox", "Your area").options == ["Westford", "Eastmere"]
    assert widget(at, "selectbox", "Year").options == ["2023/24", "2024/25", "2025/26"]
    assert "Westford has no figures for 2025/26" in texts(at, "warning")


def test_the_area_filter_appears_for_a_region_and_narrows_the_overview():
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not [m for m in at.sidebar.multiselect if m.label == "Area"]  # not for the sample
    at.sidebar.file_uploader[0].upload(REGION.name, REGION.read_bytes(), XLSX)
    at.run()
    area = at.sidebar.multiselect(key="in_area")
    assert area.options == SAMPLE_AREAS
    area.select("Fenwick").run()
    assert not at.exception
    shown = texts(at, "caption")
    # Fenwick's 42 service-years, within the years the slider shows.
    assert re.search(r"Showing (\d+) of 789 service-years \(.*area Fenwick\)", shown)
    assert int(re.search(r"Showing (\d+) of 789", shown).group(1)) <= 42
    at.switch_page(PAGE).run()
    assert widget(at, "selectbox", "Your area").value == "Fenwick"  # the filter's one area


def test_a_hostile_area_name_is_shown_as_written(tmp_path):
    sheets = sample_region()
    for frame in sheets.values():
        if "Area" in frame:
            frame["Area"] = frame["Area"].replace({"Kingsport": PROVIDER})
    path = tmp_path / "region.xlsx"
    write_workbook(sheets, path)
    at = compare_with((path.name, path.read_bytes()))
    assert PROVIDER in widget(at, "selectbox", "Your area").options
    widget(at, "selectbox", "Your area").select(PROVIDER).run()
    assert not at.exception
    for tab in ("Spine charts", "Tartan rug", "Trends", "Peer summary", "The figures"):
        open_tab(at, tab)
        assert not leaks(markdown_shown(at)), tab
        assert not chart_leaks(chart_labels(at)), tab


def area_workbook(tmp_path, area: str, keep_area: bool = True) -> tuple[str, bytes]:
    """One area of the sample region as a workbook of its own, named after the area (with
    its Area column, or without it)."""
    sheets = sample_region()
    services = sheets["Services"][sheets["Services"]["Area"].eq(area)]
    funding = sheets["Funding"][sheets["Funding"]["Service"].isin(services["Service"])]
    if not keep_area:
        services = services.drop(columns="Area")
    path = tmp_path / f"{area.lower()}-2026.xlsx"
    write_workbook({"Services": services, "Funding": funding}, path)
    return path.name, path.read_bytes()


def page_uploader(at: AppTest):
    return widget(at, "file_uploader", "Workbooks to compare, one area each")


def test_workbooks_uploaded_on_the_page_are_an_area_each(tmp_path):
    at = compare_with()
    uploader = page_uploader(at)
    uploader.upload(*area_workbook(tmp_path, "Northmoor"), XLSX)
    uploader.upload(*area_workbook(tmp_path, "Ashdale", keep_area=False), XLSX).run()
    assert not at.exception
    assert compare_page.SAMPLE_REGION_NOTICE not in texts(at, "info")
    # Northmoor's Area column names it; Ashdale's file has none, so its file's name does.
    assert widget(at, "selectbox", "Your area").options == ["Northmoor", "ashdale-2026"]
    assert "2 areas, from northmoor-2026.xlsx, ashdale-2026.xlsx" in texts(at, "caption")
    assert "compared with both areas with figures for 2025/26" in texts(at, "markdown")
    table = open_tab(at, "The figures").dataframe[-1].value
    assert table["Area"].tolist() == ["Northmoor", "ashdale-2026"]
    # Northmoor on its own gives the figures it has in the region's one workbook.
    region = open_tab(compare_with((REGION.name, REGION.read_bytes())), "The figures")
    region = region.dataframe[-1].value
    mine = table.set_index("Area").loc["Northmoor"]
    theirs = region.set_index("Area").loc["Northmoor"]
    measures = [catalogue.BY_ID[m].label for m in compare.MEASURES]
    measures = [label for label in measures if label in mine.index]
    assert len(measures) >= 10
    assert mine[measures].tolist() == theirs[measures].tolist()


def test_an_unreadable_upload_is_named_and_the_others_compared(tmp_path):
    at = compare_with()
    uploader = page_uploader(at)
    uploader.upload(*area_workbook(tmp_path, "Northmoor"), XLSX)
    uploader.upload("minutes.xlsx", b"These are the forum's minutes, not a workbook.", XLSX)
    uploader.upload(*area_workbook(tmp_path, "Kingsport"), XLSX).run()
    assert not at.exception
    assert "minutes.xlsx is not compared:" in texts(at, "warning")
    assert widget(at, "selectbox", "Your area").options == ["Northmoor", "Kingsport"]


def test_a_region_uploaded_on_the_page_is_one_area_and_says_so(tmp_path):
    at = compare_with((REGION.name, REGION.read_bytes()))  # the sidebar: area by area
    assert "Workbooks to compare, one area each" not in [w.label for w in at.file_uploader]
    at = compare_with()
    uploader = page_uploader(at)
    uploader.upload(REGION.name, REGION.read_bytes(), XLSX)
    uploader.upload(*area_workbook(tmp_path, "Northmoor"), XLSX).run()
    assert not at.exception
    said = "sample_region.xlsx names 7 areas in its Area column; here it is one area."
    assert said in texts(at, "warning")
    assert widget(at, "selectbox", "Your area").options == ["sample_region", "Northmoor"]

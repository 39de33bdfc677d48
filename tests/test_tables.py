"""The analyst tables: the catalogue, readable headings, search, counts and the About rows."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dayserv import contract
from dayserv.figures.filters import Filter
from dayserv.figures.measures import MEASURE_ORDER, yearly_measures
from dayserv.figures.publication import Publication
from dayserv.share import tables
from dayserv.share.provenance import Provenance, of_view
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row


@pytest.fixture(scope="module")
def portfolio():
    header = [*SERVICES_HEADER, "People supported"]
    return load_sheets(
        {
            "Services": [
                header,
                [*service_row("Alpha Peer Hub", "Peer Co", "2023/24", "User-led", "Yes"), 3],
                [*service_row("Beta", "Trust", "2023/24", "NHS", funding=20000), 40],
                [*service_row("Alpha Peer Hub", "Peer Co", "2024/25", "User-led", "Yes"), 4],
                [*service_row("Gamma", "Care Ltd", "2024/25", "Independent", locality="South")],
            ],
            "Funding": [
                ["Service", "Year", "Source", "Amount"],
                ["Alpha Peer Hub", "2024/25", "Lottery", 2500.5],
                ["Gamma", "2024/25", "Core", 10000],
            ],
            "Checklist": [["Question", "Answer"], ["P1.1", "Yes"]],
        }
    )


def test_the_catalogue_holds_every_tidy_table_and_the_measures():
    assert list(tables.CATALOGUE) == [*contract.TABLES, "measures"]
    for name, table in tables.CATALOGUE.items():
        assert table.label and table.description and table.filter_note, name
    assert not tables.CATALOGUE["checklist"].filtered
    assert not tables.CATALOGUE["targets"].filtered
    assert "do not narrow" in tables.CATALOGUE["checklist"].filter_note


@pytest.mark.parametrize("name", list(contract.TABLES))
def test_each_table_keeps_every_row_with_readable_headings_and_the_spreadsheet_row_last(
    portfolio, name
):
    frame = tables.analyst_table(portfolio.tables, name)
    assert len(frame) == len(portfolio.tables[name])
    assert list(frame.columns)[-1] == "Spreadsheet row"
    assert all("_" not in str(column) for column in frame.columns)


def test_services_headings_are_the_workbooks_own_with_money_marked(portfolio):
    frame = tables.analyst_table(portfolio.tables, "services")
    assert list(frame.columns)[:7] == [
        "Service",
        "Provider",
        "Year",
        "Sector",
        "User run",
        "Locality",
        "Annual funding (£)",
    ]
    assert frame["Spreadsheet row"].tolist() == [2, 3, 4, 5]
    # Whole numbers are integers (12500, not 12500.0); pence stay.
    assert frame["Annual funding (£)"].tolist() == [10000, 20000, 10000, 10000]
    funding = tables.analyst_table(portfolio.tables, "funding")
    assert funding["Amount (£)"].tolist() == [2500.5, 10000.0]


def test_the_measures_table_is_yearly_measures_with_the_year_as_a_column(portfolio):
    frame = tables.analyst_table(portfolio.tables, "measures")
    expected = yearly_measures(portfolio.services, portfolio.tables["funding"])
    assert frame["Year"].tolist() == list(expected.index)
    assert len(frame.columns) == len(MEASURE_ORDER) + 1
    assert frame["User-run share of services"].tolist() == pytest.approx(
        expected["user_run_share"].tolist()
    )
    assert frame["Shares weighted by"].tolist() == expected["weighting"].tolist()
    assert frame["Services"].tolist() == expected["services"].tolist()


def test_the_measures_table_follows_the_filter(portfolio):
    chosen = Filter(localities=("North",))
    filtered = chosen.tables(portfolio.tables)
    frame = tables.analyst_table(filtered, "measures")
    expected = yearly_measures(filtered["services"], filtered["funding"])
    assert frame["Services"].tolist() == expected["services"].tolist() == [2, 1]
    assert tables.total_rows(portfolio.tables, "measures") == 2


def test_an_unknown_table_is_refused(portfolio):
    with pytest.raises(KeyError):
        tables.analyst_table(portfolio.tables, "nope")


def test_search_finds_text_in_any_column_ignoring_case():
    frame = pd.DataFrame(
        {
            "Service": pd.array(["Alpha Peer Hub", "Beta", None], dtype="string"),
            "Provider": pd.Categorical(["Trust", "peer co", "Trust"]),
            "Annual funding (£)": pd.array([12500, 20000, None], dtype="Int64"),
            "Share": [0.5, 0.25, 1.0],
        }
    )
    assert tables.search(frame, "PEER").index.tolist() == [0, 1]
    assert tables.search(frame, "trust").index.tolist() == [0, 2]
    assert tables.search(frame, "12500").index.tolist() == [0]
    assert tables.search(frame, "0.25").index.tolist() == [1]
    assert tables.search(frame, "  ").index.tolist() == [0, 1, 2]
    assert tables.search(frame, "").equals(frame)
    assert tables.search(frame, "(£)").empty  # the text, not a pattern; headings not searched


def test_search_reads_whole_numbers_as_written_in_a_mixed_column():
    frame = pd.DataFrame({"People supported": pd.Series(["<5", 120.0, 7.0], dtype=object)})
    assert tables.search(frame, "<5").index.tolist() == [0]
    assert tables.search(frame, "120").index.tolist() == [1]
    assert tables.search(frame, "7.0").empty


def test_publication_hides_small_counts_before_anything_is_shown(portfolio):
    frame = tables.published(portfolio.tables, "services", Publication(on=True))
    assert frame["People supported"].tolist()[:3] == ["<5", 40, "<5"]
    # Searched after hiding, so a hidden count cannot be found by searching for it.
    assert tables.search(frame[["Service", "People supported"]], "3").empty
    off = tables.published(portfolio.tables, "services", Publication())
    assert off["People supported"].tolist()[:3] == [3, 40, 4]


def test_narrow_keeps_the_chosen_columns_in_the_tables_order(portfolio):
    frame = tables.analyst_table(portfolio.tables, "services")
    shown = tables.narrow(frame, ["Locality", "Service"], "south")
    assert list(shown.columns) == ["Service", "Locality"]
    assert shown["Service"].tolist() == ["Gamma"]
    assert tables.narrow(frame, None, "").equals(frame)
    assert tables.match_columns(frame, ["locality", "SERVICE"]) == ["Service", "Locality"]
    assert tables.unknown_columns(frame, ["Service", "Colour"]) == ["Colour"]


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        ((148, 148, 148, "", True), "148 of 148 rows"),
        ((29, 29, 148, "", True), "29 of 148 rows, after the sidebar's filters"),
        (
            (2, 29, 148, "peer", True),
            '2 of 148 rows: 29 after the sidebar\'s filters, 2 of them containing "peer"',
        ),
        ((3, 148, 148, " peer ", True), '3 of 148 rows containing "peer"'),
        ((97, 97, 97, "", False), "97 of 97 rows"),
        ((1_234, 1_234, 10_000, "", True), "1,234 of 10,000 rows, after the sidebar's filters"),
    ],
)
def test_rows_words(counts, expected):
    assert tables.rows_words(*counts) == expected


def _provenance() -> Provenance:
    return Provenance(
        source="=evil.xlsx",
        filters="locality North",
        years="2023/24 to 2024/25 (2 years)",
        produced=datetime(2026, 1, 2, 3, 4),
    )


def test_about_rows_say_what_the_table_is_where_it_came_from_and_what_measures_mean(portfolio):
    frame = tables.analyst_table(portfolio.tables, "checklist")
    about = dict(tables.about_rows("checklist", frame, _provenance(), "peer"))
    assert about["Table"] == "Commissioners' checklist"
    assert about["Source file"] == "=evil.xlsx"  # made safe when written, not here
    assert about["Filters"] == "locality North"
    assert about["Produced"] == "2026-01-02 03:04"
    assert about["Publication mode"].startswith("Off")
    assert about["Rows"] == "1"
    assert "do not narrow" in about["Filters applied to this table"]
    assert about["Search"] == 'rows containing "peer" in any column'
    assert about["User-run share of services"].startswith(
        "Share of services with User run = Yes, each service counted once"
    )
    assert about["Weighting"].startswith("Diversity and the activity shares are weighted by Annual")


def test_the_export_provenance_is_the_pages(portfolio):
    chosen = Filter(localities=("North",))
    filtered = chosen.tables(portfolio.tables)
    provenance = of_view(
        "test.xlsx", chosen, filtered["services"], Publication(on=True, threshold=10)
    )
    assert provenance.filters == "locality North"
    assert provenance.years == "2023/24 to 2024/25 (2 years)"
    assert tables.file_name("good_practice", "xlsx", provenance) == (
        "dayserv_test_good-practice_2023-24-to-2024-25_locality-north_public.xlsx"
    )
    assert dict(provenance.rows())["Publication mode"].startswith("On: counts of people under 10")


def test_export_bytes_in_both_formats(portfolio):
    frame = tables.published(portfolio.tables, "funding", Publication())
    csv = tables.export_bytes("funding", frame, "csv", _provenance())
    assert csv.startswith(b"\xef\xbb\xbf")
    assert pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")["Amount (£)"].tolist() == [
        2500.5,
        10000.0,
    ]
    book = openpyxl.load_workbook(
        io.BytesIO(tables.export_bytes("funding", frame, "xlsx", _provenance()))
    )
    assert book.sheetnames == ["Funding", "About this export"]
    assert book["Funding"]["D2"].value == 2500.5
    assert book["Funding"]["D2"].number_format == tables.MONEY_FORMAT
    with pytest.raises(ValueError):
        tables.export_bytes("funding", frame, "pdf", _provenance())


def test_the_measures_workbook_shows_shares_as_percentages(portfolio):
    frame = tables.analyst_table(portfolio.tables, "measures")
    formats = tables.number_formats("measures", frame)
    assert formats["User-run share of services"] == tables.SHARE_FORMAT
    assert "Number of providers" not in formats
    assert tables.screen_formats("measures", frame)["User-run share of services"] == "percent"


def test_the_screen_gets_mixed_columns_as_text_and_at_most_screen_rows(monkeypatch):
    frame = pd.DataFrame(
        {"People supported": pd.Series(["<5", 40], dtype=object), "Places": [1, 2]}
    )
    screen = tables.for_screen(frame)
    assert screen["People supported"].tolist() == ["<5", "40"]
    assert screen["Places"].tolist() == [1, 2]
    monkeypatch.setattr(tables, "SCREEN_ROWS", 1)
    assert len(tables.for_screen(frame)) == 1


def test_empty_columns_are_the_ones_blank_in_every_row_shown():
    frame = pd.DataFrame(
        {
            "Service": ["Hope", "Mind"],
            "Notes": [None, "  "],
            "Places": pd.array([None, None], dtype="Int64"),
            "Zero": [0, 0],
            "Open": [False, False],
        }
    )
    assert tables.empty_columns(frame) == ["Notes", "Places"]
    assert tables.empty_columns(frame.iloc[:0]) == []  # no rows: every heading is kept
    assert tables.empty_columns(frame[["Notes"]]) == []  # never every column


CELLS = st.one_of(st.none(), st.sampled_from(["", " ", "\t", " x ", "Hope", "0"]), st.floats(0, 9))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.lists(CELLS, min_size=2, max_size=2), min_size=1, max_size=12))
def test_empty_columns_agree_with_every_cell_stripped(rows):
    frame = pd.DataFrame(rows, columns=["A", "B"]).assign(Service="Hope")
    for text in ("A", "B"):
        if frame[text].map(lambda v: isinstance(v, str)).any():
            frame[text] = frame[text].astype("string")
    plain = [
        column
        for column in frame.columns
        if frame[column].isna().all()
        or (
            not pd.api.types.is_numeric_dtype(frame[column])
            and frame[column].astype("string").str.strip().fillna("").eq("").all()
        )
    ]
    assert tables.empty_columns(frame) == plain


def test_an_export_leaves_out_empty_columns_and_says_so(portfolio):
    frame = tables.published(portfolio.tables, "funding", Publication())
    frame = frame.assign(Notes=None)
    view = [("Columns", "all 6 of the table's columns"), ("Link to this view", "/data")]
    csv = pd.read_csv(
        io.BytesIO(tables.export_bytes("funding", frame, "csv", _provenance())),
        encoding="utf-8-sig",
    )
    assert "Notes" not in csv.columns and "Source" in csv.columns
    book = openpyxl.load_workbook(
        io.BytesIO(tables.export_bytes("funding", frame, "xlsx", _provenance(), view=view))
    )
    assert "Notes" not in [c.value for c in book["Funding"][1]]
    about = dict(book["About this export"].iter_rows(max_col=2, values_only=True))
    assert about["Columns left out because they are empty"] == "Notes"
    assert about["Columns"] == "all 6 of the table's columns"
    assert about["Link to this view"] == "/data"


def test_the_zip_holds_the_plain_csv_and_the_about_sheet_as_text(portfolio):
    frame = tables.published(portfolio.tables, "funding", Publication())
    plain = tables.export_bytes("funding", frame, "csv", _provenance(), "lottery")
    zipped = tables.export_bytes(
        "funding", frame, "zip", _provenance(), "lottery", csv_name="dayserv_x_funding.csv"
    )
    with zipfile.ZipFile(io.BytesIO(zipped)) as archive:
        assert archive.namelist() == ["dayserv_x_funding.csv", "dayserv_x_funding_about.txt"]
        assert archive.read("dayserv_x_funding.csv") == plain  # the same CSV, byte for byte
        text = archive.read("dayserv_x_funding_about.txt").decode()
    about = tables.about_rows("funding", frame, _provenance(), "lottery")
    for label, value in about[:8]:
        assert f"{label}: {value}" in text.splitlines()
    assert "'=evil.xlsx" not in text and "Source file: =evil.xlsx" in text
    assert tables.export_what("funding", "zip") == (
        "The Funding table (CSV with its About file, zipped)"
    )


def test_the_file_name_carries_the_view(portfolio):
    provenance = _provenance()
    assert tables.file_name("services", "zip", provenance, ["search Peer/Hub", "3 columns"]) == (
        "dayserv_evil_services_search-peer-hub_3-columns_2023-24-to-2024-25_locality-north.zip"
    )

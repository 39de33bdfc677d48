"""The Data tables page's view as data: read from an address and checked, written back,
said in words for the About sheet and in a few words for the file name."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dayserv.share import tables
from dayserv.share.table_view import SEARCH_MAX, TableView, chosen, from_params, table_named

COLUMNS = {
    "services": ["Service", "Provider", "Year", "Locality", "Spreadsheet row"],
    "funding": ["Service", "Year", "Source", "Amount (£)", "Spreadsheet row"],
}


def columns_of(name: str) -> list[str]:
    return COLUMNS.get(name, ["Year"])


def test_an_address_without_a_view_opens_the_services_table_whole():
    assert from_params({}, columns_of) == (TableView(), [])
    assert TableView().params() == {}
    assert TableView().query() == ""


def test_a_view_goes_into_the_address_and_comes_back_the_same():
    view = TableView("funding", "lottery", ("Service", "Amount (£)"))
    params = view.params()
    assert params == {
        "data_table": "funding",
        "data_search": "lottery",
        "data_columns": ["Service", "Amount (£)"],
    }
    query = view.query({"locality": ["North"]})
    assert query.startswith("?locality=North&data_table=funding&")
    read = {key: values for key, values in parse_qs(urlsplit(query).query).items()}
    assert from_params(read, columns_of) == (view, [])


@pytest.mark.parametrize(
    ("asked", "name"),
    [
        ("funding", "funding"),
        ("Funding", "funding"),
        ("good-practice", "good_practice"),
        ("Good practice", "good_practice"),
        ("Performance returns (KPIs)", "kpis"),
        ("  MEASURES ", "measures"),
    ],
)
def test_a_table_is_found_by_its_name_or_its_label_in_any_case(asked, name):
    assert table_named(asked) == name
    assert from_params({"data_table": [asked]}, columns_of)[0].table == name


def test_an_unknown_table_is_left_out_with_a_note():
    view, notes = from_params({"data_table": ["payroll"], "data_search": ["peer"]}, columns_of)
    assert view == TableView("services", "peer")
    assert notes == [
        'The link asks for a table called "payroll", which is not one of the tables here, '
        "so the Services table is shown."
    ]


def test_a_very_long_or_hostile_value_is_quoted_short_and_searched_cut():
    view, notes = from_params(
        {"data_table": ["x" * 5000], "data_search": ["peer\x00\u202e" + "y" * 500]}, columns_of
    )
    assert view.table == "services"
    assert len(view.search) == SEARCH_MAX and view.search.startswith("peery")  # no controls
    assert '"' + "x" * 60 + '…"' in notes[0]
    assert (
        notes[1]
        == f"The link's search was 504 characters long; its first {SEARCH_MAX} are searched for."
    )


def test_columns_are_matched_in_any_case_in_the_tables_order_and_unknown_ones_noted():
    view, notes = from_params(
        {
            "data_table": ["funding"],
            "data_columns": ["amount (£)", "Bogus", "SERVICE", "Service", "", "Bogus"],
        },
        columns_of,
    )
    assert view.columns == ("Service", "Amount (£)")
    assert notes == [
        'The link names columns the Funding table does not have ("Bogus"): they are left out.'
    ]


def test_only_unknown_columns_show_every_column_with_a_note():
    view, notes = from_params({"data_columns": ["Nope", "Nor this"]}, columns_of)
    assert view.columns is None
    assert notes == [
        'The link names columns the Services table does not have ("Nope", "Nor this"), so '
        "every column is shown."
    ]


def test_every_column_named_is_the_same_as_none_named():
    every = {"data_columns": COLUMNS["services"]}
    assert from_params(every, columns_of) == (TableView(), [])
    assert chosen("services", " peer ", COLUMNS["services"], COLUMNS["services"]) == (
        TableView("services", "peer")
    )
    assert chosen("services", "", ["Year", "Service"], COLUMNS["services"]).columns == (
        "Service",
        "Year",
    )


def test_no_column_chosen_is_not_put_in_the_address():
    view = chosen("services", "", [], COLUMNS["services"])
    assert view.columns == ()
    assert view.params() == {}


def test_the_about_rows_and_file_name_say_which_columns_and_search():
    every = TableView()
    assert every.about_rows(COLUMNS["services"]) == [("Columns", "all 5 of the table's columns")]
    assert every.file_parts() == []
    some = TableView("services", "Peer support groups everywhere", ("Service", "Year"))
    assert some.about_rows(COLUMNS["services"]) == [("Columns", "2 of 5 chosen: Service, Year")]
    assert some.file_parts() == ["search Peer support groups ever", "2 columns"]
    many = TableView("services", "", tuple(f"C{i}" for i in range(10)))
    assert many.about_rows(range(12))[0][1].endswith("C7 and 2 more")


def test_the_catalogue_tables_all_have_a_name_the_address_finds():
    for name, table in tables.CATALOGUE.items():
        assert table_named(name) == name
        assert table_named(table.label) == name

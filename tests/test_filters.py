"""The shared filter: what it keeps, how it narrows every table, and its words."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dayserv.__main__ import main
from dayserv.figures.filters import Filter, choices, main_setting, of_services
from dayserv.figures.measures import measures_json
from tests.test_measures import BENCHMARK, FUNDING, ROWS
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row, xlsx


@pytest.fixture(scope="module")
def portfolio():
    return load_sheets({"Services": ROWS, "Funding": FUNDING, "Benchmark": BENCHMARK})


def test_main_setting_is_where_most_activity_happens(portfolio):
    settings = main_setting(portfolio.services).tolist()
    assert settings == [
        "Building-based",
        "Building-based",
        "Building-based",
        "Mainstream",
        "Building-based",
    ]


def test_filter_keeps_services_and_narrows_the_other_tables(portfolio):
    chosen = Filter(years=("2024/25", "2024/25"), providers=("P2",))
    tables = chosen.tables(portfolio.tables)
    assert tables["services"]["service"].tolist() == ["B", "C"]
    assert set(tables["funding"]["service"]) == {"C"}
    assert tables["benchmark"]["service"].astype(str).unique().tolist() == ["B"]
    assert chosen.describe() == "year 2024/25; provider P2"
    assert (
        chosen.summary(portfolio.services) == "Showing 2 of 5 service-years (year 2024/25; "
        "provider P2)"
    )


def test_each_table_is_narrowed_only_when_first_read(portfolio):
    chosen = Filter(providers=("P2",))
    tables = chosen.tables(portfolio.tables)
    assert tables["services"]["provider"].eq("P2").all()
    assert "benchmark" not in tables._done  # a page without a benchmark never narrows it
    assert tables["benchmark"] is tables["benchmark"]  # once, then kept
    assert set(tables) == set(portfolio.tables) and len(tables) == len(portfolio.tables)
    assert tables["targets"] is portfolio.tables["targets"]  # follows no service


def test_no_filter_keeps_everything(portfolio):
    assert not Filter().active
    assert len(Filter().services(portfolio.services)) == 5
    assert Filter().describe() == "all services"


def test_setting_and_user_run_filters(portfolio):
    mainstream = Filter(settings=("Mainstream",)).services(portfolio.services)
    assert mainstream["service"].tolist() == ["B"]
    partly_or_yes = Filter(user_run=("Yes", "Partly")).services(portfolio.services)
    assert len(partly_or_yes) == 4


def test_choices_in_contract_order(portfolio):
    options = choices(portfolio.services)
    assert options["years"] == ["2023/24", "2024/25"]
    assert options["sectors"] == ["NHS", "Voluntary", "User-led"]
    assert options["user_run"] == ["Yes", "Partly", "No"]


def test_command_line_filter_gives_the_same_figures_as_the_function(portfolio, tmp_path, capsys):
    path = tmp_path / "p.xlsx"
    path.write_bytes(xlsx({"Services": ROWS, "Funding": FUNDING, "Benchmark": BENCHMARK}))
    assert main(["measures", str(path), "--json", "--provider", "P2", "--year", "2024"]) == 0
    printed = json.loads(capsys.readouterr().out)
    tables = Filter(years=("2024/25", "2024/25"), providers=("P2",)).tables(portfolio.tables)
    expected = measures_json(tables["services"], tables["funding"], tables["benchmark"])
    # The figures are the function's; what was left out is said beside them.
    assert printed.pop("rows_left_out") == {}
    assert printed.pop("problems") == {"error": 0, "warning": 0, "note": 0}
    assert printed == json.loads(json.dumps(expected))
    assert list(printed["years"]) == ["2024/25"]


@pytest.fixture(scope="module")
def region():
    """Two areas (North Vale: A and B; South Vale: C, its Area written with spaces round it)
    and a service with no Area; Funding rows for A, C and D."""
    rows = [
        [*SERVICES_HEADER, "Area"],
        [*service_row("A", "P1", "2024/25", "NHS"), "North Vale"],
        [*service_row("B", "P2", "2024/25", "Voluntary"), "North Vale"],
        [*service_row("C", "P3", "2024/25", "NHS"), "  South Vale "],
        [*service_row("D", "P3", "2024/25", "NHS"), None],
    ]
    funding = [
        ["Service", "Year", "Source", "Amount"],
        ["A", "2024/25", "Core commissioning", 100],
        ["C", "2024/25", "Lottery", 50],
        ["D", "2024/25", "Lottery", 20],
    ]
    return load_sheets({"Services": rows, "Funding": funding})


def test_an_area_keeps_its_services_and_their_funding(region):
    chosen = Filter(areas=("North Vale",))
    tables = chosen.tables(region.tables)
    assert tables["services"]["service"].tolist() == ["A", "B"]
    assert tables["funding"]["service"].tolist() == ["A"]
    assert chosen.describe() == "area North Vale"
    assert chosen.summary(region.services) == "Showing 2 of 4 service-years (area North Vale)"
    south = Filter(areas=("South Vale",), sectors=("NHS",)).services(region.services)
    assert south["service"].tolist() == ["C"]  # matched as written, without its spaces


def test_the_areas_to_choose_leave_out_blanks(region, portfolio):
    assert choices(region.services)["areas"] == ["North Vale", "South Vale"]
    assert choices(portfolio.services)["areas"] == []  # a workbook without an Area column
    assert Filter(areas=("North Vale",)).services(portfolio.services).empty


BLANK_LOCALITY = [
    SERVICES_HEADER,
    service_row("Hub", "P1", "2024/25", "Voluntary", locality="North"),
    service_row("Café", "P2", "2024/25", "Voluntary", locality=None),
    service_row("Works", "P3", "2024/25", None, locality="South"),
]


def test_a_blank_value_is_a_choice_called_not_stated():
    services = load_sheets({"Services": BLANK_LOCALITY}).services
    options = choices(services)
    assert options["localities"] == ["North", "South", "Not stated"]
    assert options["sectors"] == ["Voluntary", "Not stated"]
    assert options["providers"] == ["P1", "P2", "P3"]  # never blank: no such choice
    only_blank = Filter(localities=("Not stated",)).services(services)
    assert only_blank["service"].tolist() == ["Café"]
    both = Filter(localities=("North", "Not stated")).services(services)
    assert both["service"].tolist() == ["Hub", "Café"]
    assert Filter(sectors=("Not stated",)).services(services)["service"].tolist() == ["Works"]
    assert Filter(localities=("Not stated",)).describe() == "locality Not stated"


def test_not_stated_is_typed_on_the_command_line_in_any_case(tmp_path, capsys):
    path = tmp_path / "blank.xlsx"
    path.write_bytes(xlsx({"Services": BLANK_LOCALITY}))
    assert main(["measures", str(path), "--json", "--locality", "not stated"]) == 0
    measured = json.loads(capsys.readouterr().out)
    assert measured["years"]["2024/25"]["services"] == 1


PAIRS = st.tuples(
    st.sampled_from([None, "Hope", "Mind", "Grow"]), st.sampled_from([None, "2024/25", "2025/26"])
)


@settings(max_examples=80, deadline=None)
@given(st.lists(PAIRS, max_size=12), st.lists(PAIRS, max_size=8), st.booleans())
def test_the_rows_of_services_are_those_a_join_on_service_and_year_keeps(rows, kept, category):
    """of_services (pair numbers looked up) keeps what an inner join on Service and Year
    keeps, in the table's order, whether the table's columns are text or categories."""
    table = pd.DataFrame(rows, columns=["service", "year"], dtype="string")
    table["row"] = range(len(table))
    if category:
        table = table.astype({"service": "category", "year": "category"})
    services = pd.DataFrame(kept, columns=["service", "year"], dtype="string")
    joined = table.astype({"service": "string", "year": "string"}).merge(
        services.dropna().drop_duplicates(), on=["service", "year"]
    )
    assert of_services(table, services)["row"].tolist() == sorted(joined["row"])

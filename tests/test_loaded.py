"""dayserv.figures.loaded: what the Data quality page and the sidebar say was loaded, on
workbooks built in code, with hand-counted figures."""

from __future__ import annotations

from dayserv import contract
from dayserv.figures import loaded
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

BENCHMARK_LONG = [
    ["Service", "Year", "Statement", "Response"],
    ["A", "2024/25", "1.1", "YD"],
    ["A", "2024/25", "1.3", "NP"],
]
BENCHMARK_WIDE = [["Service", "Year", "1.1", "1.3"], ["A", "2024/25", "YD", "NP"]]


def _portfolio(**sheets):
    """Four service rows in two years, one with no Year (left out), and ``sheets``."""
    rows = [
        SERVICES_HEADER,
        service_row("A", "P", 2024, "NHS"),
        service_row("B", "P", "2023/24", "Voluntary"),
        service_row("C", "P", "2024/25", "Unknown sector"),  # kept, the sector blanked
        service_row("D", "P", None, "NHS"),
    ]
    return load_sheets({"Services": rows, **sheets})


def test_the_sidebars_line_on_what_was_read():
    portfolio = _portfolio()
    assert loaded.load_summary(portfolio) == "3 service rows, 1 error, 1 warning."


def test_the_years_of_the_services_sheet_in_order():
    assert loaded.years_found(_portfolio()) == ["2023/24", "2024/25"]


def test_the_benchmark_sheets_form():
    assert loaded.benchmark_form(_portfolio()) is None
    assert loaded.benchmark_form(_portfolio(Benchmark=BENCHMARK_LONG)) == "long"
    assert loaded.benchmark_form(_portfolio(Benchmark=BENCHMARK_WIDE)) == "wide"
    assert set(loaded.BENCHMARK_FORMS) == {"long", "wide"}


def test_a_row_per_sheet_of_the_format():
    table = loaded.loaded_tables(_portfolio(Benchmark=BENCHMARK_WIDE)).set_index(
        "Sheet of the format"
    )
    assert list(table.index) == [sheet.name for sheet in contract.COUNTED.values()]
    services = table.loc[contract.SERVICES.name]
    assert services["Read from"] == "Services"
    assert (services["Rows in the sheet"], services["Rows used"], services["Table rows"]) == (
        4,
        3,
        3,
    )
    assert services["Years"] == "2023/24, 2024/25"
    benchmark = table.loc[contract.TABLES["benchmark"].name]
    # One spreadsheet row of the wide form gives a tidy row per answer.
    assert (benchmark["Rows used"], benchmark["Table rows"]) == (1, 2)
    funding = table.loc[contract.FUNDING.name]
    assert funding["Read from"] == "not in the workbook"
    assert (funding["Rows in the sheet"], funding["Rows used"], funding["Years"]) == (0, 0, "")


def test_problems_narrowed_by_severity_and_sheet():
    problems = _portfolio().problems
    assert loaded.problem_sheets(problems) == ["Services"]
    assert len(loaded.filter_problems(problems, [], [])) == len(problems)
    errors = loaded.filter_problems(problems, ["error"], [])
    assert errors["severity"].astype(str).unique().tolist() == ["error"]
    assert len(errors) == 1
    assert loaded.filter_problems(problems, [], ["Funding"]).empty


def test_problems_with_headings_for_people():
    problems = _portfolio().problems
    table = loaded.problems_table(problems)
    assert list(table.columns) == list(loaded.PROBLEM_HEADINGS.values())
    assert list(table.index) == list(range(len(problems)))
    assert table["Severity"].tolist() == ["error", "warning"]
    assert table["Row"].tolist() == [5, 4]
    grouped = loaded.grouped_problems_table(problems)
    assert list(grouped.columns)[-2:] == ["How many", "Rows"]
    assert grouped["How many"].tolist() == [1, 1]
    assert grouped["Severity"].tolist() == ["error", "warning"]

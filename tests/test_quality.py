"""What was left out, counted and said the same way everywhere, and problems grouped."""

from __future__ import annotations

import json

import pandas as pd

from dayserv.__main__ import main
from dayserv.figures import quality
from dayserv.read import left_out
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row, xlsx


def _rows() -> list[list]:
    """Five service rows: one with no Year (left out), one repeating another (left out), two
    with a group the contract does not know (kept, the value blanked)."""
    good = [service_row(f"S{i}", "P", "2024/25", "Voluntary") for i in range(3)]
    no_year = service_row("S9", "P", None, "Voluntary")
    header = [*SERVICES_HEADER, "Groups served"]
    rows = [r + ["Mental Health"] for r in good[:2]] + [good[2] + [""]]
    return [header, *rows, no_year + [""], good[0] + [""]]


def test_rows_left_out_and_the_words_for_them():
    portfolio = load_sheets({"Services": _rows()})
    assert portfolio.rows_read["services"] == 5
    assert left_out.rows_used(portfolio, "services") == 3
    assert left_out.rows_left_out(portfolio) == {"Services": 2}
    assert left_out.problem_counts(portfolio.problems) == {"error": 2, "warning": 2, "note": 0}
    assert quality.left_out_words(portfolio) == "3 of 5 rows used: 2 left out, 2 values blanked"
    assert quality.anything_left_out(portfolio)


def test_a_clean_workbook_says_every_row_was_used():
    rows = [SERVICES_HEADER, service_row("A", "P", 2024, "NHS")]
    portfolio = load_sheets({"Services": rows})
    assert left_out.rows_left_out(portfolio) == {}
    assert quality.left_out_words(portfolio) == "The one row of Services used"
    assert not quality.anything_left_out(portfolio)


def test_other_sheets_rows_left_out_are_counted_by_the_contracts_sheet_name():
    funding = [
        ["Service", "Year", "Source", "Amount"],
        ["S0", "2024/25", "Lottery", 100],
        ["S0", "", "Lottery", 100],  # no year: left out
    ]
    rows = [SERVICES_HEADER, service_row("S0", "P", "2024/25", "NHS")]
    portfolio = load_sheets({"Services": rows, "Income": funding})
    assert left_out.rows_left_out(portfolio) == {"Funding": 1}
    assert quality.left_out_words(portfolio) == "The one row used: 1 Funding row left out"


def test_identical_problems_are_one_line_with_their_rows():
    portfolio = load_sheets({"Services": _rows()})
    grouped = quality.grouped(portfolio.problems)
    groups = grouped.set_index("column")
    assert groups.loc["Groups served", "count"] == 2
    assert groups.loc["Groups served", "rows"] == "2-3"
    assert groups.loc["Groups served", "value"] == "Mental Health"
    assert len(grouped) == 3  # the blank year, the repeat and the unknown group
    assert grouped["severity"].astype(str).tolist()[:2] == ["error", "error"]


def test_identical_problems_are_grouped_by_the_wrong_item_not_the_whole_cell():
    header = [*SERVICES_HEADER, "Groups served"]
    cells = ["Mental Health", "BME communities, Mental Health", "Refugees; Mental Health", ""]
    rows = [service_row(f"S{i}", "P", "2024/25", "NHS") + [c] for i, c in enumerate(cells)]
    grouped = quality.grouped(load_sheets({"Services": [header, *rows]}).problems)
    assert grouped[["value", "count", "rows"]].values.tolist() == [
        ["Mental Health", 3, "2-4"],
        ["Refugees", 1, "4"],
    ]
    assert grouped["problem"].iloc[0] == (
        "'Mental Health' is not one of the groups the dashboard knows; it was left out."
    )


def test_an_unknown_setting_is_one_problem_and_one_value_blanked():
    header = [*SERVICES_HEADER, "Delivery setting"]
    rows = [header, service_row("A", "P", "2024/25", "NHS") + ["Hybrid"]]
    portfolio = load_sheets({"Services": rows})
    grouped = quality.grouped(portfolio.problems)
    assert grouped[["column", "value", "count", "rows"]].values.tolist() == [
        ["Delivery setting", "Hybrid", 1, "2"]
    ]
    assert quality.left_out_words(portfolio) == "The one row used: 1 value blanked"


def test_rows_words_join_runs_and_cut_long_lists():
    rows = pd.Series([str(n) for n in (2, 3, 4, 9, 11, 12)])
    assert quality._rows_words(rows) == "2-4, 9, 11-12"
    many = pd.Series([str(n) for n in range(2, 60, 2)])
    assert quality._rows_words(many, shown=3) == "2, 4, 6 and 26 more"


def test_measures_json_says_what_was_left_out(tmp_path, capsys):
    path = tmp_path / "left_out.xlsx"
    path.write_bytes(xlsx({"Services": _rows()}))
    assert main(["measures", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["rows_left_out"] == {"Services": 2}
    assert result["problems"] == {"error": 2, "warning": 2, "note": 0}
    assert result["years"]["2024/25"]["services"] == 3


def test_measures_table_is_for_people_and_says_what_was_left_out(tmp_path, capsys):
    path = tmp_path / "left_out.xlsx"
    path.write_bytes(xlsx({"Services": _rows()}))
    assert main(["measures", str(path)]) == 0
    out = capsys.readouterr().out
    assert "User-run share of services" in out and "2024/25" in out
    assert "3 of 5 rows used: 2 left out, 2 values blanked" in out
    assert "Empty DataFrame" not in out and "NaN" not in out


def test_the_pack_title_slide_and_the_export_about_sheet_say_what_was_left_out():
    from dayserv.figures.filters import Filter
    from dayserv.share import pack, tables

    portfolio = load_sheets({"Services": _rows()})
    built = pack.build(portfolio)
    facts = dict(built.slides[0].table.itertuples(index=False, name=None))
    assert facts["Rows used"] == "3 of 5 rows used: 2 left out, 2 values blanked"
    appendix = next(s for s in built.slides if s.heading == "Appendix: data quality")
    assert appendix.text.startswith("3 of 5 rows used: 2 left out, 2 values blanked. ")
    frame = tables.analyst_table(portfolio.tables, "services")
    about = dict(tables.about_rows("services", frame, built.provenance))
    assert about["Rows used"] == "3 of 5 rows used: 2 left out, 2 values blanked"
    assert Filter().describe() == about["Filters"]


def test_providers_page_words_for_services_with_no_known_sector():
    from dayserv.figures import findings
    from dayserv.figures.measures import yearly_measures

    rows = [
        SERVICES_HEADER,
        service_row("A", "P", 2024, "Martian"),
        service_row("B", "Q", 2024, "NHS"),
    ]
    portfolio = load_sheets({"Services": rows})
    table = yearly_measures(portfolio.services, portfolio.funding)
    assert findings.without_sector_words(table) == (
        "Diversity leaves out the services with no known Sector: 1 in 2024/25."
    )
    clean = load_sheets({"Services": [SERVICES_HEADER, service_row("B", "Q", 2024, "NHS")]})
    assert findings.without_sector_words(yearly_measures(clean.services, clean.funding)) is None


# ---------------------------------------------------------------- the Plan sheet's rows

PLAN_HEADER = ["Plan", "Change", "Service", "From", "Provider", "Sector"]


def _plan_rows() -> list[list]:
    """Four changes to a portfolio of S0 in 2024/25: three left out (a service it does not
    have, a Commission with no Provider, a Change it does not know), one kept."""
    return [
        PLAN_HEADER,
        ["Cuts", "Decommission", "Nowhere", "2025/26"],
        ["Cuts", "Commission", "New Hub", "2025/26", None, "Voluntary"],
        ["Cuts", "Frobnicate", "S0", "2025/26"],
        ["Cuts", "Decommission", "S0", "2025/26"],
    ]


def _with_plan() -> dict[str, list[list]]:
    return {
        "Services": [SERVICES_HEADER, service_row("S0", "P", "2024/25", "NHS")],
        "Plan": _plan_rows(),
    }


def test_plan_rows_left_out_are_counted_as_the_other_sheets_are():
    portfolio = load_sheets(_with_plan())
    assert portfolio.rows_read["plan"] == 4
    assert left_out.rows_used(portfolio, "plan") == 1
    assert left_out.left_out_of(portfolio, "plan") == 3
    assert left_out.rows_left_out(portfolio) == {"Plan": 3}
    assert left_out.problem_counts(portfolio.problems)["error"] == 3
    assert quality.left_out_words(portfolio) == "The one row used: 3 Plan rows left out"
    assert quality.anything_left_out(portfolio)


def test_a_plan_sheet_without_its_headings_leaves_every_row_out():
    broken = {**_with_plan(), "Plan": [["Change", "Service"], ["Close", "S0"], ["Close", "S1"]]}
    portfolio = load_sheets(broken)
    assert left_out.rows_left_out(portfolio) == {"Plan": 3}  # the headings row too: none found


def test_a_separate_plan_file_replaces_the_plans_counts():
    from dayserv.read.plan_sheet import with_plan_file
    from dayserv.read.reader import Source

    portfolio = load_sheets(_with_plan())
    good = [PLAN_HEADER, ["Cuts", "Decommission", "S0", "2025/26"]]
    planned = with_plan_file(portfolio, [Source("plan.xlsx", xlsx({"Plan": good}))])
    assert planned.plan_sheet == "Plan" and planned.rows_read["plan"] == 1
    assert left_out.rows_left_out(planned) == {}
    worse = [*_plan_rows(), ["Cuts", "Commission", "Other", "2025/26", "Q"]]
    planned = with_plan_file(portfolio, [Source("plan.xlsx", xlsx({"Scenarios": worse}))])
    assert planned.plan_sheet == "Scenarios" and left_out.rows_left_out(planned) == {"Plan": 4}


def test_measures_json_and_validate_count_the_plans_rows_left_out(tmp_path, capsys):
    path = tmp_path / "planned.xlsx"
    path.write_bytes(xlsx(_with_plan()))
    assert main(["measures", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["rows_left_out"] == {"Plan": 3}
    assert result["problems"] == {"error": 3, "warning": 0, "note": 0}
    assert main(["validate", str(path)]) == 0
    loaded = capsys.readouterr().out.splitlines()[-1]
    assert loaded.startswith("Loaded planned.xlsx: services 1 rows, plan 1 rows (3 left out). ")
    assert "3 errors (rows left out)" in loaded


def test_validate_names_a_plan_whose_every_row_was_left_out(tmp_path, capsys):
    path = tmp_path / "planned.xlsx"
    path.write_bytes(xlsx({**_with_plan(), "Plan": _plan_rows()[:-1]}))
    assert main(["validate", str(path)]) == 0
    loaded = capsys.readouterr().out.splitlines()[-1]
    assert loaded.startswith("Loaded planned.xlsx: services 1 rows, plan 0 rows (3 left out). ")


def test_the_pack_and_the_export_about_sheet_count_the_plans_rows_left_out():
    from dayserv.share import pack, tables

    portfolio = load_sheets(_with_plan())
    built = pack.build(portfolio)
    facts = dict(built.slides[0].table.itertuples(index=False, name=None))
    assert facts["Rows used"] == "The one row used: 3 Plan rows left out"
    frame = tables.analyst_table(portfolio.tables, "services")
    about = dict(tables.about_rows("services", frame, built.provenance))
    assert about["Rows used"] == "The one row used: 3 Plan rows left out"

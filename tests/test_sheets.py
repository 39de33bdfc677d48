"""The Services sheet's own cleaning: a set of shares that add up to 100, said cell by cell
in the column as headed, and the groups served, each unknown group said on its own."""

from __future__ import annotations

import pandas as pd

from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

ODD_HEADER = [
    "Service",
    "Provider",
    "Year",
    "Sector",
    "Building based (%)",
    "Outreach (%)",
    "Mainstream (%)",
    "Social & leisure %",
    "Vocational %",
]


def _load(*rows):
    return load_sheets({"Services": [ODD_HEADER, *rows]})


def test_a_share_above_100_is_said_in_its_own_column_as_written_and_only_it_is_blanked():
    portfolio = _load(["A", "P", "2024/25", "NHS", 5000, 0, 0, 100, "5,000%"])
    problems = portfolio.problems
    assert problems[["column", "cell", "value"]].values.tolist() == [
        ["Building based (%)", "E2", "5000"],
        ["Vocational %", "I2", "5,000%"],
    ]
    assert problems["problem"].iloc[1] == (
        "A share cannot be below 0 or above 100, and this one is above 100; it was left blank."
    )
    row = portfolio.services.iloc[0]
    assert pd.isna(row["building_pct"]) and pd.isna(row["vocational_pct"])
    assert (row["outreach_pct"], row["mainstream_pct"], row["social_pct"]) == (0, 0, 100)


def test_a_share_that_cannot_be_read_blanks_only_itself():
    portfolio = _load(["A", "P", "2024/25", "NHS", "about half", 60, 40, 30, 70])
    problem = portfolio.problems.set_index("cell").loc["E2"]
    assert (problem["column"], problem["value"]) == ("Building based (%)", "about half")
    assert problem["problem"] == "This is not a percentage; it was left blank."
    row = portfolio.services.iloc[0]
    assert pd.isna(row["building_pct"])
    assert (row["outreach_pct"], row["mainstream_pct"]) == (60, 40)
    assert (row["social_pct"], row["vocational_pct"]) == (30, 70)


def test_shares_left_that_add_up_to_more_than_100_are_said_once_for_the_row():
    portfolio = _load(["A", "P", "2024/25", "NHS", 5000, 80, 70, 30, 70])
    problems = portfolio.problems
    assert len(problems) == 2
    total = problems.iloc[1]
    assert total["column"] == "Outreach (%) / Mainstream (%)"
    assert total["value"] == "80 + 70"
    assert total["problem"] == (
        "Outreach (%) and Mainstream (%) add up to 150, more than 100; "
        "these shares were left out of the figures."
    )
    assert total["fix"] == (
        "Make Building based (%) + Outreach (%) + Mainstream (%) add up to 100."
    )
    assert (
        portfolio.services[["building_pct", "outreach_pct", "mainstream_pct"]]
        .isna()
        .to_numpy()
        .all()
    )


def test_shares_that_do_not_add_up_name_the_headings_and_the_cells_as_written():
    portfolio = _load(["A", "P", "2024/25", "NHS", "50%", 20, 10, 30, 70])
    (problem,) = portfolio.problems.itertuples()
    assert problem.column == "Building based (%) / Outreach (%) / Mainstream (%)"
    assert problem.value == "50% + 20 + 10"
    assert problem.problem.startswith(
        "Building based (%), Outreach (%) and Mainstream (%) add up to 80, not 100; "
    )


def test_a_blank_share_taken_as_the_rest_of_100_is_said_in_its_column():
    portfolio = _load(["A", "P", "2024/25", "NHS", 50, None, 20, 30, 70])
    (problem,) = portfolio.problems.itertuples()
    assert (problem.column, problem.cell, problem.value) == ("Outreach (%)", "F2", "")
    assert problem.problem == (
        "This share was blank; it was taken as 30, what is left of 100 after the row's other "
        "shares."
    )
    assert portfolio.services["outreach_pct"].tolist() == [30]


def test_a_blank_share_is_not_guessed_beside_a_share_left_blank_for_being_wrong():
    portfolio = _load(["A", "P", "2024/25", "NHS", 5000, None, 20, 30, 70])
    assert portfolio.problems["cell"].tolist() == ["E2"]
    assert portfolio.services[["building_pct", "outreach_pct"]].isna().to_numpy().all()


def test_each_unknown_group_is_said_on_its_own_with_the_cell_as_it_stands():
    rows = [
        [*SERVICES_HEADER, "Target groups"],
        service_row("A", "P", "2024/25", "NHS") + ["Refugees/Asylum Seekers; Women"],
        service_row("B", "P", "2024/25", "NHS") + ["Refugees, refugees"],
    ]
    portfolio = load_sheets({"Services": rows})
    problems = portfolio.problems
    assert problems[["row", "column", "value", "part"]].values.tolist() == [
        [2, "Target groups", "Refugees/Asylum Seekers; Women", "Refugees"],
        [2, "Target groups", "Refugees/Asylum Seekers; Women", "Asylum Seekers"],
        [3, "Target groups", "Refugees, refugees", "Refugees"],
    ]
    assert problems["problem"].iloc[1] == (
        "'Asylum Seekers' is not one of the groups the dashboard knows; it was left out."
    )
    assert portfolio.services["groups_served"].tolist()[0] == "Women"

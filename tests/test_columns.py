"""The generic column cleaner's messages: the column as headed in the file, the cell as it
stands, sentences that read well whatever the heading."""

from __future__ import annotations

from tests.workbooks import load_sheets


def _problems(header: list, row: list):
    return load_sheets({"Services": [header, row]}).problems.set_index("cell")


def test_an_unknown_category_names_the_value_the_column_and_its_heading():
    problems = _problems(
        ["Service", "Provider", "Year", "Sector", "User-led?", "Setting"],
        ["A", "P", "2024/25", "NHS", "maybe", "Hybrid"],
    )
    user_run, setting = problems.loc["E2"], problems.loc["F2"]
    assert user_run["column"] == "User-led?" and user_run["value"] == "maybe"
    assert user_run["problem"] == (
        "'maybe' is not a value the dashboard knows for User run "
        "(the column headed 'User-led?'); it was left blank."
    )
    assert setting["problem"] == (
        "'Hybrid' is not a value the dashboard knows for Setting; it was left blank."
    )
    for message in problems.itertuples():  # "Use one of" once: in the fix
        assert "Use one of" not in message.problem
    assert setting["fix"] == "Use one of: Building-based, Outreach, Mainstream."


def test_an_unknown_required_category_says_the_row_was_left_out():
    problems = _problems(
        ["Name", "Organisation", "Financial year", "Organisation type"],
        ["A", "P", "2024/25", "Legal entity"],
    )
    sector = problems.loc["D2"]
    assert sector["problem"].startswith(
        "'Legal entity' is not a value the dashboard knows for Sector "
        "(the column headed 'Organisation type'); "
    )


def test_a_blank_cell_asks_for_its_column_as_headed():
    header = ["Name", "Organisation", "Financial year", "Sector"]
    problems = load_sheets(
        {"Services": [header, ["A", "P", "2024/25", "NHS"], ["", "P", "2024/25", "NHS"]]}
    ).problems
    blank = problems.set_index("cell").loc["A3"]
    assert blank["column"] == "Name"
    assert blank["problem"] == "This is blank; the row was left out."
    assert blank["fix"] == "Fill in the 'Name' column."

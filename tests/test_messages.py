"""Messages as a user reads them: each problem said once, over the hostile corpus and over
workbooks whose columns two cleaners might both look at (a share set's category column,
the Plan sheet's Services columns)."""

from __future__ import annotations

import pytest

from dayserv.read.clean import load
from dayserv.read.reader import Source, UnreadableError
from tests.hostile import corpus
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

# What makes two problems the same: the place, what in the cell is wrong, and the words.
SAME = ["severity", "sheet", "row", "column", "part", "problem", "fix"]


def _odd_categories() -> list[Source]:
    """Every category column of a share set, and a yes/no one, holding a value not known."""
    header = [*SERVICES_HEADER, "Delivery setting", "Activity focus", "Support model", "Drop-in"]
    rows = [
        service_row("A", "P", "2024/25", "NHS") + ["Hybrid", "Sports", "Both", "Sometimes"],
        service_row("B", "P", "2024/25", "NHS") + ["Hybrid", "", "", ""],
    ]
    return [Source("categories.xlsx", xlsx({"Services": [header, *rows]}))]


def _plan_with_odd_setting() -> list[Source]:
    services = [SERVICES_HEADER, service_row("A", "P", "2024/25", "NHS")]
    plan = [
        ["Plan", "Change", "Service", "From", "Provider", "Sector", "Setting"],
        ["B", "Commission", "New", "2026/27", "Q", "NHS", "Hybrid"],
    ]
    return [Source("plan.xlsx", xlsx({"Services": services, "Plan": plan}))]


CASES = {
    **corpus(),
    "odd categories": _odd_categories(),
    "plan with odd setting": _plan_with_odd_setting(),
}


def _problems(sources):
    return load(sources).problems


@pytest.mark.parametrize("name", list(CASES))
def test_no_problem_is_said_twice_for_the_same_cell(name):
    try:
        problems = _problems(CASES[name]).astype({k: str for k in SAME})
    except UnreadableError as refused:  # a file that cannot be used at all: one sentence
        assert str(refused).strip() and "\n" not in str(refused).strip()
        return
    repeated = problems[problems.duplicated(SAME, keep=False)]
    assert repeated.empty, repeated[SAME].to_string()


def test_an_unknown_setting_is_said_once_in_the_services_and_the_plan_sheet():
    services = _problems(_odd_categories())
    setting = services[services["column"] == "Delivery setting"]
    assert setting["row"].tolist() == [2, 3]
    plan = _problems(_plan_with_odd_setting())
    assert (plan["value"] == "Hybrid").sum() == 1

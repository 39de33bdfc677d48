"""share/collected_version.py: the area's next version made from what was collected by link.
The workbook holds the whole portfolio, its KPIs (or Benchmark) sheet the merged table, and
reads back with the workbook's reader to the same merged figures, the other sheets as they
were; merging the submissions into it again changes nothing; the page's words say what is
held and what is only collected; the note says what was added and by whom; and each reason
for refusing is a sentence."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from dayserv.app.state import sample_portfolio
from dayserv.figures import collect, collect_benchmark, returns
from dayserv.figures.measures import section_scores, yearly_measures
from dayserv.read.clean import load
from dayserv.read.reader import Source
from dayserv.share import collected_version as cv
from dayserv.store.rounds import Submitted
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

T0 = datetime(2026, 4, 10, 9, 0)
MIND, HARBOUR = "Eastbrook Mind", "Harbour Peer Network"
COLLEGE, HUB = "Riverside Recovery College", "Eastbrook Mind Wellbeing Hub"
KPI_COLUMNS = ["provider", "year", "quarter", "kpi", "value"]
BENCHMARK_COLUMNS = ["service", "year", "respondent", "statement", "response", "points"]


def returned(id_, provider, body, quarter="Q4", year="2025/26") -> Submitted:
    return Submitted(id_, id_, 1, provider, None, None, year, quarter, T0, "form", body)


def answered(id_, service, group, body, year="2025/26") -> Submitted:
    return Submitted(id_, id_, 2, "Mind", service, group, year, None, T0, "answers", body)


RETURNED = [
    returned(1, MIND, {"R1": 91.0, "R2": 88.0}),
    returned(2, HARBOUR, {"R1": 77.0, "R10": 41.0, "R3": 0.1 + 0.2}),
    returned(3, MIND, {"R1": 93.5}, quarter="Q1", year="2026/27"),
]
ANSWERED = [
    answered(4, COLLEGE, "Staff", {"1.1": "YD", "2.1": "NP", "2.10": "YAB", "2.11": "N/A"}),
    answered(5, HUB, "Carer", {"1.1": "NAA", "7.10": "YD"}),
]


def rows(frame: pd.DataFrame, columns: list[str]) -> list[list]:
    """A table's rows as values, in order, wherever they came from (the row numbers aside;
    a value to 12 places: a spreadsheet keeps 15 digits, so 0.1 + 0.2 reads back as 0.3)."""
    shown = frame[columns].astype(object)
    if "value" in columns:
        shown["value"] = frame["value"].round(12)
    return sorted(shown.where(shown.notna(), None).values.tolist(), key=str)


def scores(benchmark: pd.DataFrame) -> pd.DataFrame:
    """The section scores, in one order, their names as plain text."""
    table = section_scores(benchmark)
    table = table.astype({c: object for c in table.columns if table[c].dtype == "category"})
    return table.sort_values(list(table.columns)).reset_index(drop=True)


def answers_of(frame: pd.DataFrame) -> list[list]:
    """A Benchmark table's answers (a wide sheet's blank cells, not answered, left out)."""
    return rows(frame.loc[frame["response"].notna()], BENCHMARK_COLUMNS)


def test_the_returns_read_back_from_the_next_version_to_the_same_figures():
    sample = sample_portfolio()
    merged = collect.merged_kpis(sample.tables["kpis"], RETURNED)
    data, back = cv.next_version(sample.tables, cv.RETURNS, RETURNED, "Eastbrook version 1")
    again = load([Source("eastbrook-version-2.xlsx", data)])  # the saved file, read alone
    for portfolio in (back, again):
        kpis = portfolio.tables["kpis"]
        assert rows(kpis, KPI_COLUMNS) == rows(merged, KPI_COLUMNS)
        pd.testing.assert_frame_equal(returns.completeness(kpis), returns.completeness(merged))
        for kpi in ("R1", "R3", "R10"):
            pd.testing.assert_frame_equal(
                returns.kpi_table(kpis, kpi), returns.kpi_table(merged, kpi)
            )
    kpis = back.tables["kpis"]
    q4 = kpis.loc[kpis["provider"].eq(HARBOUR) & kpis["year"].eq("2025/26")]
    q4 = q4.loc[q4["quarter"].eq("Q4")]
    assert dict(zip(q4["kpi"], q4["value"], strict=True)) == {"R1": 77.0, "R10": 41.0, "R3": 0.3}
    # the rest of the portfolio is as it was
    for table, columns in (("benchmark", BENCHMARK_COLUMNS), ("checklist", ["question", "answer"])):
        assert rows(back.tables[table], columns) == rows(sample.tables[table], columns)
    pd.testing.assert_frame_equal(
        yearly_measures(back.services, back.tables["funding"]),
        yearly_measures(sample.services, sample.tables["funding"]),
    )
    assert not back.problems["severity"].isin(["error", "warning"]).any()


def test_merging_the_returns_into_the_next_version_again_changes_nothing():
    sample = sample_portfolio()
    _, back = cv.next_version(sample.tables, cv.RETURNS, RETURNED, "Eastbrook version 1")
    kpis = back.tables["kpis"]
    states = cv.RETURNS.states(kpis, RETURNED)
    assert states["saved"].all() and len(states) == 3
    assert rows(collect.merged_kpis(kpis, RETURNED), KPI_COLUMNS) == rows(kpis, KPI_COLUMNS)
    assert cv.state_words(states, cv.RETURNS, "Eastbrook version 2") == [
        "Already in Eastbrook version 2: 2025/26 Q4 returns from Eastbrook Mind and Harbour "
        "Peer Network; 2026/27 Q1 returns from Eastbrook Mind. They are counted once: adding "
        "them in again would change nothing."
    ]
    pending = cv.only_collected(states)
    assert cv.refusal("Eastbrook", 2, 2, "owner", False, pending) == (
        "Every one of the returns collected is in Eastbrook version 2 already."
    )


def test_the_benchmark_answers_read_back_in_the_form_the_workbook_was_read():
    sample = sample_portfolio()  # long: a row per answer
    merged = collect_benchmark.merged_benchmark(sample.tables["benchmark"], ANSWERED)
    _, back = cv.next_version(sample.tables, cv.BENCHMARK, ANSWERED, "Eastbrook version 1")
    benchmark = back.tables["benchmark"]
    assert rows(benchmark, BENCHMARK_COLUMNS) == rows(merged, BENCHMARK_COLUMNS)
    pd.testing.assert_frame_equal(scores(benchmark), scores(merged))
    assert cv.BENCHMARK.states(benchmark, ANSWERED)["saved"].all()
    assert rows(back.tables["kpis"], KPI_COLUMNS) == rows(sample.tables["kpis"], KPI_COLUMNS)
    college = benchmark.loc[
        benchmark["service"].eq(COLLEGE)
        & benchmark["year"].eq("2025/26")
        & benchmark["respondent"].eq("Staff")
    ]
    assert sorted(college["statement"].astype(str)) == ["1.1", "2.1", "2.10", "2.11"]


def test_answers_into_a_wide_benchmark_sheet_stay_each_groups_own():
    header = ["Service", "Year", "Respondent", "1.1", "2.1", "2.10"]
    portfolio = load(
        [
            Source(
                "wide.xlsx",
                xlsx(
                    {
                        "Services": [
                            SERVICES_HEADER,
                            service_row("Hub", "Mind", "2025/26", "Voluntary"),
                            service_row("Café", "Mind", "2025/26", "Voluntary"),
                        ],
                        "Benchmark": [
                            header,
                            ["Hub", "2025/26", "Staff", "YD", "YAB", "NP"],
                            ["Hub", "2025/26", "Service user", "YAB", "YAB", "NAA"],
                        ],
                    }
                ),
            )
        ]
    )
    given = [
        answered(1, "Hub", "Staff", {"1.1": "NP", "2.10": "YD"}),
        answered(2, "Café", "Carer", {"2.1": "YD", "1.1": "YAB"}),
        answered(3, "Café", "Staff", {"2.10": "NAA"}),
    ]
    merged = collect_benchmark.merged_benchmark(portfolio.tables["benchmark"], given)
    _, back = cv.next_version(portfolio.tables, cv.BENCHMARK, given, "wide.xlsx")
    benchmark = back.tables["benchmark"]
    assert answers_of(benchmark) == answers_of(merged)
    assert benchmark["row"].nunique() == 4  # still a row per group: Hub's two, Café's two
    assert cv.BENCHMARK.states(benchmark, given)["saved"].all()
    pd.testing.assert_frame_equal(scores(benchmark), scores(merged))
    again = collect_benchmark.merged_benchmark(benchmark, given)
    assert answers_of(again) == answers_of(benchmark)


def test_a_workbook_that_would_not_read_back_is_refused():
    sample = sample_portfolio()
    forgetful = cv.Collected(
        "returns", "kpis", "returns", "provider", lambda kpis, _: kpis, collect.return_states
    )
    with pytest.raises(cv.CannotAdd) as refused:
        cv.next_version(sample.tables, forgetful, RETURNED[:1], "Eastbrook version 1")
    assert str(refused.value) == (
        "The workbook made for the next version did not read back with 2025/26 Q4 returns "
        "from Eastbrook Mind, so nothing was saved."
    )


def test_the_words_say_what_is_held_and_what_is_only_collected():
    kpis = collect.merged_kpis(sample_portfolio().tables["kpis"], RETURNED[:1])
    states = cv.RETURNS.states(kpis, RETURNED)
    assert states[["holder", "saved"]].values.tolist() == [
        [MIND, True],
        [HARBOUR, False],
        [MIND, False],
    ]
    assert cv.state_words(states, cv.RETURNS, "Eastbrook version 3") == [
        "Already in Eastbrook version 3: 2025/26 Q4 returns from Eastbrook Mind. They are "
        "counted once: adding them in again would change nothing.",
        "Only collected, not in Eastbrook version 3 yet: 2025/26 Q4 returns from Harbour Peer "
        "Network; 2026/27 Q1 returns from Eastbrook Mind. The figures on this page include "
        "them; the Data tables page, the exports, the meeting pack and the command line do "
        "not, until they are added in as the area's next version.",
    ]
    pending = cv.only_collected(states)
    assert cv.added_note(pending, cv.RETURNS, "ann@example.org") == (
        "2025/26 Q4 returns from 1 provider and 2026/27 Q1 returns from 1 provider added by "
        "link by ann@example.org"
    )
    many = pd.DataFrame(
        {
            "holder": [f"Service {n}, Staff" for n in range(7)],
            "period": "2025/26",
            "given": 65,
            "saved": False,
        }
    )
    assert cv.state_words(many, cv.BENCHMARK, "Eastbrook version 1")[0].startswith(
        "Only collected, not in Eastbrook version 1 yet: 2025/26 benchmark answers from 7 "
        "service groups."
    )
    assert cv.added_note(many.iloc[:1], cv.BENCHMARK, "ann") == (
        "2025/26 benchmark answers from 1 service group added by link by ann"
    )
    assert cv.state_words(states.iloc[0:0], cv.RETURNS, "Eastbrook version 3") == []


@pytest.mark.parametrize(
    ("shown", "latest", "role", "shared", "refused"),
    [
        (3, 3, "owner", False, None),
        (3, 3, "editor", False, None),
        (
            3,
            3,
            "viewer",
            False,
            "You may view Eastbrook but not save to it, so the returns cannot be added in from "
            "here: ask its owner to add them in, or to make you an editor.",
        ),
        (
            3,
            3,
            None,
            False,
            "You may view Eastbrook but not save to it, so the returns cannot be added in from "
            "here: ask its owner to add them in, or to make you an editor.",
        ),
        (
            3,
            3,
            None,
            True,
            "This page was opened by a share link, which shows Eastbrook read-only: the returns "
            "can be added in only by the area's owners and editors.",
        ),
        (
            3,
            4,
            "owner",
            False,
            "Eastbrook version 4 has been saved since this page showed version 3: open the "
            "latest version and look again at what it holds before adding the returns in.",
        ),
    ],
)
def test_each_reason_for_refusing_is_a_sentence(shown, latest, role, shared, refused):
    pending = cv.RETURNS.states(sample_portfolio().tables["kpis"], RETURNED)
    assert cv.refusal("Eastbrook", shown, latest, role, shared, pending) == refused


def test_the_next_versions_file_is_named_after_the_area():
    assert cv.file_name("Eastbrook", 4) == "eastbrook-version-4.xlsx"
    assert cv.file_name("North & West Shire", 12) == "north-west-shire-version-12.xlsx"

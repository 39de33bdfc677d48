"""figures/collect_benchmark.py by hand: answers kept to the 65 statements and the key,
each section's progress, the answers in force as Benchmark rows (the latest of a service's
group in a year replacing the workbook's rows for that group, other groups and years kept,
the table's types kept), and a round's completion by service and group."""

from __future__ import annotations

from datetime import datetime, timedelta

import pandas as pd

from dayserv import frameworks
from dayserv.figures import collect_benchmark as cb
from dayserv.read.clean import load
from dayserv.read.reader import Source
from dayserv.store.rounds import RoundInfo, RoundLinkInfo, Submitted
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

T0 = datetime(2026, 1, 10, 9, 0)
ROUND = RoundInfo(1, "Eastbrook", "benchmark", "2025/26", None, "ann", T0, T0 + timedelta(days=9))


def sub(id_, service, group, body, at=T0, link_id=None, year="2025/26") -> Submitted:
    return Submitted(
        id_, link_id or id_, 1, "Mind", service, group, year, None, at, "answers", body
    )


def link(id_, service, group, revoked=None) -> RoundLinkInfo:
    return RoundLinkInfo(id_, 1, "Mind", service, group, T0 + timedelta(days=30), revoked)


def workbook_benchmark() -> pd.DataFrame:
    """Hub: Staff answered 1.1 YAB and 1.3 NP in 2025/26, Service users 1.1 YD; 2024/25
    Staff 1.1 NAA."""
    header = ["Service", "Year", "Respondent", "Statement", "Response"]
    return load(
        [
            Source(
                "b.xlsx",
                xlsx(
                    {
                        "Services": [
                            SERVICES_HEADER,
                            service_row("Hub", "Mind", "2025/26", "Voluntary"),
                        ],
                        "Benchmark": [
                            header,
                            ["Hub", "2025/26", "Staff", "1.1", "YAB"],
                            ["Hub", "2025/26", "Staff", "1.3", "NP"],
                            ["Hub", "2025/26", "Service user", "1.1", "YD"],
                            ["Hub", "2024/25", "Staff", "1.1", "NAA"],
                        ],
                    }
                ),
            )
        ]
    ).benchmark


def test_answers_are_kept_to_the_statements_and_the_key():
    body = {"1.1": "YD", "1.2a": "N/A", "9.9": "YD", "1.3": "Maybe", "2.10": "NP"}
    assert cb.clean_answers(body) == {"1.1": "YD", "1.2a": "N/A", "2.10": "NP"}
    progress = cb.section_progress({"1.1": "YD", "2.10": "NP"})
    assert progress[1] == (1, 7) and progress[2] == (1, 11) and progress[8] == (0, 3)
    assert sum(total for _, total in progress.values()) == cb.STATEMENTS == 65
    assert cb.response_words("NAA") == "NAA: Not At All"
    assert cb.group_of(" service USER ") == "Service user"


def test_the_latest_answers_of_a_group_replace_its_workbook_rows():
    benchmark = workbook_benchmark()
    subs = [
        sub(1, "Hub", "Staff", {"1.1": "NP"}),
        sub(2, "hub", "staff", {"1.1": "YD", "1.2a": "N/A"}, T0 + timedelta(hours=1)),
        sub(3, "Café", "Carer", {"8.3": "YAB"}),
    ]
    merged = cb.merged_benchmark(benchmark, subs)
    shown = merged[["service", "year", "respondent", "statement", "response", "points"]]
    shown = shown.astype(object).where(shown.notna(), None)  # N/A scores nothing
    assert sorted(shown.itertuples(index=False, name=None), key=str) == sorted(
        [
            ("hub", "2025/26", "Staff", "1.2a", "N/A", None),
            ("hub", "2025/26", "Staff", "1.1", "YD", 3.0),
            ("Hub", "2025/26", "Service user", "1.1", "YD", 3.0),
            ("Hub", "2024/25", "Staff", "1.1", "NAA", 0.0),
            ("Café", "2025/26", "Carer", "8.3", "YAB", 2.0),
        ],
        key=str,
    )
    assert list(merged.columns) == cb.COLUMNS
    assert merged["respondent"].cat.categories.tolist() == list(cb.GROUPS)
    assert merged["statement"].cat.categories.tolist() == list(frameworks.STATEMENT_IDS)
    assert merged.loc[merged["statement"].eq("8.3"), "section"].item() == 8
    assert cb.merged_benchmark(benchmark, []) is benchmark


def test_answers_held_as_they_are_are_said_to_be_and_merging_again_changes_nothing():
    benchmark = workbook_benchmark()
    subs = [
        sub(1, "Hub", "Staff", {"1.1": "YAB", "1.3": "NP"}),  # as the workbook has them
        sub(2, "Hub", "Service user", {"1.1": "YD", "1.2a": "YAB"}),  # one more answer
        sub(3, "Hub", "Staff", {"1.1": "YD"}, year="2024/25"),  # another answer
        sub(4, "Café", "carer", {"8.3": "YAB"}),  # a group new to the workbook
    ]
    states = cb.answer_states(benchmark, subs)
    assert states.values.tolist() == [
        ["Hub, Staff", "2024/25", 1, False],
        ["Café, Carer", "2025/26", 1, False],
        ["Hub, Service user", "2025/26", 2, False],
        ["Hub, Staff", "2025/26", 2, True],
    ]
    merged = cb.merged_benchmark(benchmark, subs)
    assert cb.answer_states(merged, subs)["saved"].all()
    again = cb.merged_benchmark(merged, subs)
    columns = ["service", "year", "respondent", "statement", "response"]

    def rows(frame):
        return sorted(frame[columns].astype(str).values.tolist())

    assert rows(again) == rows(merged)


def test_answers_to_save_are_numbered_in_the_form_the_workbook_was_read():
    long = workbook_benchmark()  # a row per answer: rows 2 to 5
    subs = [
        sub(1, "Hub", "Staff", {"1.1": "YD", "1.2a": "N/A"}),
        sub(2, "Café", "Carer", {"8.3": "YAB", "8.1": "YD"}),
    ]
    saved = cb.answers_to_save(long, subs)
    fresh = saved.loc[saved["service"].eq("Café") | saved["respondent"].eq("Staff")]
    fresh = fresh.loc[fresh["year"].eq("2025/26")]
    assert sorted(fresh["row"]) == [6, 7, 8, 9]  # a row each, after the workbook's
    assert not saved["row"].duplicated().any()
    wide = long.assign(row=[2, 2, 3, 4])  # Hub's staff on one spreadsheet row
    saved = cb.answers_to_save(wide, subs)
    cafe = saved.loc[saved["service"].eq("Café"), "row"]
    hub = saved.loc[saved["respondent"].eq("Staff") & saved["year"].eq("2025/26"), "row"]
    assert set(cafe) | set(hub) == {5, 6} and cafe.nunique() == hub.nunique() == 1
    assert set(cafe) != set(hub)
    alone = cb.answers_to_save(long.iloc[0:0], subs)
    assert alone["row"].nunique() == 2 and alone["row"].min() == 2
    assert cb.answers_to_save(long, []) is long


def test_completion_by_service_and_group():
    links = [
        link(1, "Hub", "Staff"),
        link(2, "Hub", "Carer"),
        link(3, "Café", "Staff", revoked=T0),
        link(4, "Café", "Staff"),
    ]
    every = dict.fromkeys(frameworks.STATEMENT_IDS, "YD")
    subs = [
        sub(1, "Hub", "Staff", {"1.1": "YD"}, link_id=1),
        sub(2, "Hub", "Staff", every, T0 + timedelta(hours=2), link_id=1),
        sub(3, "Café", "Staff", {"1.1": "YD", "1.3": "NP"}, link_id=3),
    ]
    table = cb.completion(ROUND, links, subs, T0 + timedelta(days=1))
    assert table[["service", "group", "answered", "status", "link"]].values.tolist() == [
        ["Café", "Staff", 2, "Started", "in force"],
        ["Hub", "Carer", 0, "Not started", "in force"],
        ["Hub", "Staff", 65, "Finished", "in force"],
    ]
    assert table["saved_at"].tolist()[2] == T0 + timedelta(hours=2)
    assert cb.completion_words(table) == "1 of 3 finished, 1 started, 1 not started"

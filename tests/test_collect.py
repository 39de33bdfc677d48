"""figures/collect.py by hand: a value typed for a KPI checked (blank, a percentage, a
count, text, out of range, a fraction of a count), a provider's sheet read by the reader and
refused for other providers' or quarters' rows, submissions over the workbook's KPIs (the
latest of a provider's quarter replacing its workbook rows wholly), completion, reminders
due, what a resubmission changed, and the links' CSV."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pandas as pd
import pytest

from dayserv.figures import collect
from dayserv.share import collect_files
from dayserv.store.rounds import RoundInfo, RoundLinkInfo, Submitted
from tests.workbooks import xlsx

T0 = datetime(2026, 1, 10, 9, 0)
CLOSES = datetime(2026, 1, 31, 23, 59, 59)
ROUND = RoundInfo(1, "Eastbrook", "returns", "2025/26", "Q3", "ann", T0, CLOSES)
HEADER = ["Provider", "Year", "Quarter", "KPI", "Value"]


def sub(id_, provider, body, at, link_id=None, quarter="Q3", round_id=1) -> Submitted:
    return Submitted(
        id_, link_id or id_, round_id, provider, None, None, "2025/26", quarter, at, "form", body
    )


def link(id_, provider, revoked=None, expires=CLOSES + timedelta(days=28)) -> RoundLinkInfo:
    return RoundLinkInfo(id_, 1, provider, None, None, expires, revoked, f"/?submit=t{id_}")


def kpis(rows) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["provider", "year", "quarter", "kpi", "value"])
    for column in ("provider", "year", "quarter", "kpi"):
        frame[column] = frame[column].astype("string")
    return frame.assign(value=frame["value"].astype("float64"), row=range(2, 2 + len(frame)))


@pytest.mark.parametrize(
    ("kpi", "typed", "value", "problem"),
    [
        ("R1", "", None, None),
        ("R1", "  ", None, None),
        ("R1", "87.5", 87.5, None),
        ("R1", "87.5%", 87.5, None),
        ("R1", "0", 0.0, None),
        ("R1", "100", 100.0, None),
        ("R1", "100.1", None, "100.1 is out of range: R1 is a percentage, 0 to 100."),
        ("R1", "-1", None, "-1 is out of range: R1 is a percentage, 0 to 100."),
        ("R1", "about 80", None, "'about 80' is not a number: write a percentage, 0 to 100."),
        ("R1", "nan", None, "'nan' is not a number: write a percentage, 0 to 100."),
        ("R9", "1,250", 1250.0, None),
        ("R9", "12.5", None, "R9 is a count: write a whole number, not 12.5."),
        ("R9", "50%", None, "R9 is a count, not a percentage: write a whole number, 0 or more."),
        ("R10", "-3", None, "-3 is out of range: R10 is a whole number, 0 or more."),
        ("R12", "2", 2.0, None),
    ],
)
def test_a_typed_value_is_checked_by_its_kpis_unit(kpi, typed, value, problem):
    assert collect.check_value(kpi, typed) == (value, problem)


def test_the_form_gives_the_values_and_a_message_per_field_wrong():
    values, wrong = collect.check_form({"R1": "90", "R2": "x", "R9": "", "R10": "7"})
    assert values == {"R1": 90.0, "R10": 7.0}
    assert list(wrong) == ["R2"]
    assert [collect.shown(v) for v in (12.0, 87.5, None)] == ["12", "87.5", ""]


def test_percentages_and_counts():
    percent = [k for k, unit in collect.UNITS.items() if unit is collect.PERCENT]
    assert percent == ["R1", "R2", "R3", "R4", "R5", "R7"]


# ---------------------------------------------------------------- a provider's sheet


def read(rows) -> tuple[pd.DataFrame, pd.DataFrame]:
    return collect.read_kpis_sheet("kpis.xlsx", xlsx({"KPIs": [HEADER, *rows]}))


def test_a_providers_own_sheet_goes_through():
    frame, problems = read(
        [["Mind", "2025-26", "Q3", "R1", 80], ["mind ", "2025/26", "Q3", "R9", 9]]
    )
    assert collect.sheet_values(frame, problems, "Mind", "2025/26", "Q3") == (
        {"R1": 80.0, "R9": 9.0},
        [],
        [],
    )


def test_another_providers_or_quarters_rows_a_bad_value_and_a_repeat_are_refused():
    frame, problems = read(
        [
            ["Mind", "2025/26", "Q3", "R1", 80],
            ["Trust", "2025/26", "Q3", "R1", 10],
            ["Mind", "2025/26", "Q2", "R2", 10],
            ["Mind", "2025/26", "Q3", "R3", "high"],
            ["Mind", "2025/26", "Q3", "R4", 180],
            ["Mind", "2025/26", "Q3", "R1", 81],
            ["Mind", "2025/26", "Q3", "R77", 1],
        ]
    )
    values, refusals, blank = collect.sheet_values(frame, problems, "Mind", "2025/26", "Q3")
    assert blank == []
    assert refusals == [
        "Row 5, Value: This is not a number; the row was left out. Write a plain number, "
        "e.g. 12500 or £12,500.",
        "Row 8, KPI: Not one of the KPIs R1 to R12; the row was left out. Use the KPI "
        "reference, R1 to R12.",
        "The sheet has rows for Trust: this link takes Mind's returns only. Take the other "
        "rows out and upload it again.",
        "The sheet has rows for 2025/26 Q2: this link takes 2025/26 Q3 only. Take the other "
        "rows out and upload it again.",
        "Row 6, Value: 180 is out of range: R4 is a percentage, 0 to 100.",
        "Row 7: R1 is given twice; keep one row of it.",
    ]
    assert values == {"R1": 80.0}  # what was read; nothing is sent with refusals


def test_the_downloaded_sheet_reads_back_its_blanks_as_not_returned():
    data = collect_files.provider_sheet("Mind", "2025/26", "Q3", {"R1": 80, "R10": 45})
    frame, problems = collect.read_kpis_sheet("kpis-mind.xlsx", data)
    values, refusals, blank = collect.sheet_values(frame, problems, "Mind", "2025/26", "Q3")
    assert (values, refusals) == ({"R1": 80.0, "R10": 45.0}, [])
    assert blank == ["Value left blank in rows 3, 4, 5, 6, 7, 8, 9, 10, 12, 13: not returned."]


def test_a_csv_file_and_a_file_without_the_sheet():
    frame, _ = collect.read_kpis_sheet(
        "returns.csv", b"Provider,Year,Quarter,KPI,Value\nMind,2025/26,Q3,R2,70\n"
    )
    assert frame[["provider", "kpi", "value"]].values.tolist() == [["Mind", "R2", 70.0]]
    with pytest.raises(collect.UnreadableError, match="No KPIs sheet was found in other.xlsx"):
        collect.read_kpis_sheet("other.xlsx", xlsx({"Notes": [["Hello"], ["there"]]}))
    values, refusals, _ = collect.sheet_values(*read([]), "Mind", "2025/26", "Q3")
    assert values == {} and refusals == [
        "The sheet has no returns in it: fill in a Value for each KPI returned."
    ]


# ---------------------------------------------------------------- over the workbook's KPIs


def test_the_latest_submission_of_a_providers_quarter_replaces_its_workbook_rows():
    workbook = kpis(
        [
            ("Mind", "2025/26", "Q3", "R1", 50),
            ("Mind", "2025/26", "Q3", "R2", 55),
            ("Mind", "2025/26", "Q2", "R1", 40),
            ("Trust", "2025/26", "Q3", "R1", 70),
        ]
    )
    subs = [
        sub(1, "Mind", {"R1": 60.0}, T0),
        sub(2, "MIND", {"R1": 65.0, "R9": 100.0}, T0 + timedelta(hours=1)),
        sub(3, "Peer Co", {"R1": 90.0}, T0),
    ]
    merged = collect.merged_kpis(workbook, subs)
    got = sorted(merged[["provider", "quarter", "kpi", "value"]].itertuples(index=False, name=None))
    assert got == [
        ("MIND", "Q3", "R1", 65.0),
        ("MIND", "Q3", "R9", 100.0),
        ("Mind", "Q2", "R1", 40.0),
        ("Peer Co", "Q3", "R1", 90.0),
        ("Trust", "Q3", "R1", 70.0),
    ]
    assert list(merged.columns) == list(workbook.columns)
    assert collect.merged_kpis(workbook, []) is workbook


def test_a_return_held_as_it_is_is_said_to_be_and_merging_again_changes_nothing():
    workbook = kpis(
        [
            ("Mind", "2025/26", "Q3", "R1", 65.0),
            ("Mind", "2025/26", "Q3", "R9", 100.0),
            ("Trust", "2025/26", "Q3", "R1", 70.0),
            ("Trust", "2025/26", "Q3", "R2", 50.0),
            ("Hestia", "2025/26", "Q3", "R1", 12.0),
            ("HOPE", "2025/26", "Q3", "R1", 5.0),
        ]
    )
    subs = [
        sub(1, "Mind", {"R1": 65.0, "R9": 100.0}, T0),  # as the workbook has it
        sub(2, "Trust", {"R1": 70.0}, T0),  # the workbook has R2 too
        sub(3, "Hestia", {"R1": 13.0}, T0),  # another value
        sub(4, "Hope", {"R1": 5.0}, T0),  # the workbook spells it otherwise
        sub(5, "Peer Co", {"R1": 90.0, "R2": None}, T0),  # not in the workbook
        sub(6, "Mind", {"R1": 1.0}, T0, quarter="Q2"),
    ]
    states = collect.return_states(workbook, subs)
    assert states.values.tolist() == [
        ["Mind", "2025/26 Q2", 1, False],
        ["Hestia", "2025/26 Q3", 1, False],
        ["Hope", "2025/26 Q3", 1, False],
        ["Mind", "2025/26 Q3", 2, True],
        ["Peer Co", "2025/26 Q3", 1, False],
        ["Trust", "2025/26 Q3", 1, False],
    ]
    merged = collect.merged_kpis(workbook, subs)
    assert collect.return_states(merged, subs)["saved"].all()
    again = collect.merged_kpis(merged, subs)

    def rows(frame):
        return sorted(frame[["provider", "year", "quarter", "kpi", "value"]].values.tolist())

    assert rows(again) == rows(merged)
    assert len(again) == len(merged)
    assert collect.return_states(workbook, []).empty


# ---------------------------------------------------------------- the owner's view


def test_completion_late_returns_and_link_states():
    links = [link(1, "Mind"), link(2, "Trust"), link(3, "Peer Co", revoked=T0), link(4, "Peer Co")]
    subs = [
        sub(1, "Mind", {"R1": 1.0}, T0, link_id=1),
        sub(2, "Mind", {"R1": 2.0, "R2": 3.0}, T0 + timedelta(days=1), link_id=1),
        sub(3, "Peer Co", {"R1": 9.0}, CLOSES + timedelta(hours=2), link_id=4),
        sub(4, "Trust", {"R1": 9.0}, T0, link_id=2, round_id=2),  # another round's
    ]
    table = collect.completion(ROUND, links, subs, T0 + timedelta(days=2))
    assert table[["holder", "status", "submissions", "kpis", "link"]].values.tolist() == [
        ["Mind", "Returned", 2, 2, "in force"],
        ["Peer Co", "Returned late", 1, 1, "in force"],
        ["Trust", "Not returned", 0, 0, "in force"],
    ]
    assert table["returned_at"].tolist()[0] == T0 + timedelta(days=1)
    assert collect.completion_words(table) == "2 of 3 returned (1 late); 1 not returned yet"
    gone = collect.completion(ROUND, [link(2, "Trust", expires=T0)], [], T0 + timedelta(days=1))
    assert gone["link"].tolist() == ["expired"]


def test_reminders_are_due_a_week_before_the_close_and_after_it():
    table = collect.completion(
        ROUND, [link(1, "Mind"), link(2, "Trust")], [sub(1, "Mind", {}, T0)], T0
    )
    assert collect.reminders_due(ROUND, table, CLOSES - timedelta(days=8)).empty
    due = collect.reminders_due(ROUND, table, CLOSES - timedelta(days=7))
    assert due.values.tolist() == [["Trust", "closes in 7 days"]]
    due = collect.reminders_due(ROUND, table, CLOSES - timedelta(days=1))
    assert due.values.tolist() == [["Trust", "closes in 1 day"]]
    assert collect.reminders_due(ROUND, table, CLOSES - timedelta(hours=3)).values.tolist() == [
        ["Trust", "closes today"]
    ]
    late = collect.reminders_due(ROUND, table, CLOSES + timedelta(days=2))
    assert late.values.tolist() == [["Trust", "overdue: closed for returns on 31 Jan 2026"]]
    closed = RoundInfo(1, "Eastbrook", "returns", "2025/26", "Q3", "ann", T0, CLOSES, CLOSES)
    assert collect.reminders_due(closed, table, CLOSES + timedelta(days=2)).empty


def test_what_each_resubmission_changed():
    subs = [
        sub(1, "Mind", {"R1": 60.0, "R2": 5.0}, T0),
        sub(2, "Trust", {"R1": 70.0}, T0 + timedelta(minutes=1)),
        sub(3, "Mind", {"R1": 65.0, "R9": 12.0}, T0 + timedelta(hours=1)),
        sub(4, "Mind", {"R1": 65.0, "R9": 12.0}, T0 + timedelta(hours=2)),
    ]
    changed = collect.changes(subs)
    listed = changed[["holder", "kpi", "before", "after"]].astype(object)
    assert listed.where(listed.notna(), None).values.tolist() == [
        ["Mind", "R1", 60.0, 65.0],
        ["Mind", "R2", 5.0, None],
        ["Mind", "R9", None, 12.0],
    ]
    assert (changed["submitted_at"] == T0 + timedelta(hours=1)).all()
    history = collect.history(subs[:1] + subs[2:3])
    assert history["R1"].tolist() == [65.0, 60.0] and history["how"].tolist() == ["form"] * 2


def test_the_links_csv_to_mail_merge():
    data = collect_files.links_csv(
        [link(1, "Mind"), link(2, "=cmd|Trust")], "https://dayserv.example/"
    )
    frame = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert frame.values.tolist() == [
        ["Mind", "https://dayserv.example/?submit=t1", "2026-02-28 23:59"],
        ["'=cmd|Trust", "https://dayserv.example/?submit=t2", "2026-02-28 23:59"],
    ]

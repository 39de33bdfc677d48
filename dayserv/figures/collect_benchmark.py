"""Benchmark answers collected by link (a round of kind 'benchmark'): a link per service and
respondent group answers seed 001's 'Where are you at?' statements with its key, a section
at a time, each save kept as a submission holding every answer so far. Here: the answers
in force as rows of the Benchmark table (the latest of a service's group in a year
replacing the workbook's rows for it), numbered to be written as a sheet, which groups'
answers a workbook holds already (merging them again changes nothing) and which are only
collected, each section's progress, and a round's completion by service and group.

Pure: no Streamlit, no store (submissions come in as ``rounds.Submitted``)."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from dayserv import contract, frameworks
from dayserv.store.rounds import RoundInfo, RoundLinkInfo, Submitted, holder_key

GROUPS = contract.RESPONDENTS  # Service user, Staff, Carer, Commissioner
ASKED = ("Staff", "Service user", "Carer")  # the groups asked unless the owner chooses
STATEMENTS = len(frameworks.STATEMENT_IDS)
COLUMNS = ["service", "year", "respondent", "statement", "section", "response", "points", "row"]
_POINTS = {response.code: response.points for response in frameworks.RESPONSES}
_WORDS = {response.code: response.words for response in frameworks.RESPONSES}


def response_words(code: str) -> str:
    """'YD: Yes Definitely'."""
    return f"{code}: {_WORDS[code]}"


def clean_answers(body: dict) -> dict[str, str]:
    """A submission's answers: statement ID -> response code, anything else left out."""
    return {
        statement: code
        for statement, code in body.items()
        if statement in frameworks.STATEMENT_IDS and code in contract.RESPONSES
    }


def section_progress(answers: dict[str, str]) -> dict[int, tuple[int, int]]:
    """Section number -> (statements answered, statements in it)."""
    progress = {}
    for section in frameworks.SECTIONS:
        ids = [s.id for s in frameworks.STATEMENTS if s.section == section.number]
        progress[section.number] = (sum(i in answers for i in ids), len(ids))
    return progress


def group_of(respondent: str | None) -> str | None:
    """The Benchmark table's respondent group for a link's (case and spacing aside)."""
    key = holder_key(respondent)
    return next((group for group in GROUPS if holder_key(group) == key), respondent)


def latest_answers(submissions: list[Submitted]) -> dict[tuple, Submitted]:
    """The submission in force per service, year and respondent group: the latest saved."""
    found: dict[tuple, Submitted] = {}
    for sub in sorted(submissions, key=lambda s: (s.submitted_at, s.id)):
        found[(holder_key(sub.service), sub.year, holder_key(sub.respondent))] = sub
    return found


def submitted_benchmark(submissions: list[Submitted]) -> pd.DataFrame:
    """The answers in force as rows of the Benchmark table (row 0: not from the workbook)."""
    rows = [
        (
            sub.service,
            sub.year,
            group_of(sub.respondent),
            statement,
            frameworks.statement_section(statement),
            code,
            _POINTS[code],
            0,
        )
        for sub in latest_answers(submissions).values()
        for statement, code in clean_answers(sub.body).items()
    ]
    return _typed(pd.DataFrame(rows, columns=COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The Benchmark table's types: categories for the names, the key and the statements."""
    out = frame.copy()
    out["service"] = pd.Categorical(out["service"].astype(object))
    out["year"] = pd.Categorical(out["year"].astype(object))
    out["respondent"] = pd.Categorical(out["respondent"].astype(object), categories=GROUPS)
    out["statement"] = pd.Categorical(
        out["statement"].astype(object), categories=frameworks.STATEMENT_IDS
    )
    out["response"] = pd.Categorical(out["response"].astype(object), categories=contract.RESPONSES)
    return out.astype({"section": "int64", "points": "float64", "row": "int64"})


def merged_benchmark(benchmark: pd.DataFrame, submissions: list[Submitted]) -> pd.DataFrame:
    """The workbook's Benchmark table with the answers in force: a service's group in a
    year that answered by link is the link's answers, wholly."""
    submitted = submitted_benchmark(submissions)
    if submitted.empty:
        return benchmark
    replaced = set(latest_answers(submissions))
    keys = zip(
        benchmark["service"].astype(object).map(holder_key),
        benchmark["year"].astype(str),
        benchmark["respondent"].astype(object).map(holder_key),
        strict=True,
    )
    kept = benchmark.loc[[key not in replaced for key in keys]]
    merged = pd.concat(
        [kept[COLUMNS].astype(object), submitted[COLUMNS].astype(object)], ignore_index=True
    )
    return _typed(merged)


def answers_to_save(benchmark: pd.DataFrame, submissions: list[Submitted]) -> pd.DataFrame:
    """The merged Benchmark table to write as a sheet: the answers' rows numbered after the
    workbook's, in the form it was read (a row each in long form; a row per service's
    group in wide form, or when the workbook had no answers), so that each group's answers
    stay its own when the sheet is written and read again."""
    merged = merged_benchmark(benchmark, submissions)
    fresh = merged["row"].eq(0).to_numpy(bool)  # row 0: an answer by link
    if not fresh.any():
        return merged
    read = benchmark["row"]
    start = int(read.max()) + 1 if len(read) else 2
    if read.empty or read.duplicated().any():
        groups = merged.loc[fresh, ["service", "year", "respondent"]].astype(object)
        numbers = pd.MultiIndex.from_frame(groups.fillna("")).factorize()[0]
    else:
        numbers = range(int(fresh.sum()))
    merged.loc[fresh, "row"] = [start + number for number in numbers]
    return merged


def answer_states(benchmark: pd.DataFrame, submissions: list[Submitted]) -> pd.DataFrame:
    """A row per service's group answering in a year by link: how many statements its
    answers in force give, and whether ``benchmark`` already holds them as they are,
    statement for statement (saved: merging them again changes no answer), or they are only
    collected. A statement the table has blank (a wide sheet's empty cell) is not answered.

    Columns: holder ('Riverside Recovery College, Staff'), period (the year), given, saved."""
    answered = latest_answers(submissions)
    services = {service for service, _, _ in answered}
    theirs = benchmark.loc[
        benchmark["service"].astype(object).map(holder_key).isin(services).to_numpy(bool)
    ]
    held: dict[tuple, list[tuple]] = {}
    for service, year, respondent, statement, response in zip(
        theirs["service"].astype(object),
        theirs["year"].astype(str),
        theirs["respondent"].astype(object),
        theirs["statement"].astype(str),
        theirs["response"].astype(object),
        strict=True,
    ):
        if pd.isna(response):  # a blank cell of a wide sheet: not answered
            continue
        key = (holder_key(service), year, holder_key(respondent))
        held.setdefault(key, []).append((service, respondent, statement, response))
    rows = []
    for key, sub in answered.items():
        given = clean_answers(sub.body)
        group = group_of(sub.respondent)
        rows_held = held.get(key, [])
        saved = (
            len(rows_held) == len(given)
            and {statement: code for _, _, statement, code in rows_held} == given
            and all(s == sub.service and r == group for s, r, _, _ in rows_held)
        )
        rows.append((f"{sub.service}, {group}", sub.year, len(given), saved))
    rows.sort(key=lambda row: (row[1], holder_key(row[0])))
    return pd.DataFrame(rows, columns=["holder", "period", "given", "saved"])


def completion(
    round_: RoundInfo, links: list[RoundLinkInfo], submissions: list[Submitted], when: datetime
) -> pd.DataFrame:
    """A row per service and group asked: how many of the 65 statements it has answered,
    whether it has started or finished, when it last saved, and its link's state.

    Columns: service, group, answered, status, saved_at, link."""
    mine = [sub for sub in submissions if sub.round_id == round_.id]
    groups: dict[tuple, list[RoundLinkInfo]] = {}
    for link in links:
        groups.setdefault((holder_key(link.service), holder_key(link.respondent)), []).append(link)
    rows = []
    for group in groups.values():
        ids = {link.id for link in group}
        saved = sorted((s for s in mine if s.link_id in ids), key=lambda s: (s.submitted_at, s.id))
        newest = max(group, key=lambda link: link.id)
        answered = len(clean_answers(saved[-1].body)) if saved else 0
        status = (
            "Not started" if not saved else ("Finished" if answered == STATEMENTS else "Started")
        )
        state = (
            "in force"
            if newest.in_force(when)
            else ("withdrawn" if newest.revoked_at else "expired")
        )
        at = saved[-1].submitted_at if saved else None
        rows.append((newest.service, newest.respondent, answered, status, at, state))
    table = pd.DataFrame(
        rows, columns=["service", "group", "answered", "status", "saved_at", "link"]
    )
    order = table["service"].map(holder_key) + "|" + table["group"].map(holder_key)
    return table.iloc[order.argsort(kind="stable")].reset_index(drop=True)


def completion_words(table: pd.DataFrame) -> str:
    """'2 of 6 finished, 1 started, 3 not started'."""
    counts = table["status"].value_counts()
    return (
        f"{counts.get('Finished', 0)} of {len(table)} finished, "
        f"{counts.get('Started', 0)} started, {counts.get('Not started', 0)} not started"
    )

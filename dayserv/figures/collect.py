"""Returns collected by link (``dayserv.store.rounds``): each KPI's unit and the check of a
value typed on the form, a provider's KPIs sheet read by the workbook's reader, the
submissions as KPI rows over the workbook's (the latest submission of a provider's quarter
replaces the workbook's rows for it), which returns a workbook holds already (merging them
again changes nothing) and which are only collected, a round's completion, the reminders
due, and what changed between a provider's submissions (the files a round hands out are
``share.collect_files``').

Pure: no Streamlit, no store (submissions come in as ``rounds.Submitted``)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from dayserv import contract
from dayserv.contract import KPI_IDS
from dayserv.figures.returns import MEASURES, quarter_key
from dayserv.read.clean import empty_table
from dayserv.read.columns import find_header
from dayserv.read.parse import heading_key
from dayserv.read.problems import Problems
from dayserv.read.reader import Source, UnreadableError, read_sources, sheet_meant
from dayserv.read.sheets import clean_kpis
from dayserv.store.database import day
from dayserv.store.rounds import RoundInfo, RoundLinkInfo, Submitted, holder_key

REMIND_DAYS = 7  # providers not returned are due a reminder this close to the closing date
KPI_COLUMNS = ["provider", "year", "quarter", "kpi", "value", "row"]


@dataclass(frozen=True)
class Unit:
    words: str
    high: float | None
    whole: bool


PERCENT = Unit("a percentage, 0 to 100", 100.0, False)
COUNT = Unit("a whole number, 0 or more", None, True)
UNITS = {kpi: PERCENT if kpi in ("R1", "R2", "R3", "R4", "R5", "R7") else COUNT for kpi in KPI_IDS}


def check_value(kpi: str, text: str | None) -> tuple[float | None, str | None]:
    """A value typed for a KPI: (the number, None), (None, None) for a blank (not
    returned), or (None, what is wrong, in a sentence, to show beside the field)."""
    written = str(text or "").strip()
    if not written:
        return None, None
    unit = UNITS[kpi]
    plain = written.replace(",", "").replace(" ", "")
    if plain.endswith("%"):
        if unit is not PERCENT:
            return None, f"{kpi} is a count, not a percentage: write {unit.words}."
        plain = plain[:-1]
    try:
        number = float(plain)
    except ValueError:
        return None, f"{written!r} is not a number: write {unit.words}."
    if math.isnan(number) or math.isinf(number):
        return None, f"{written!r} is not a number: write {unit.words}."
    if number < 0 or (unit.high is not None and number > unit.high):
        return None, f"{written} is out of range: {kpi} is {unit.words}."
    if unit.whole and not number.is_integer():
        return None, f"{kpi} is a count: write a whole number, not {written}."
    return number, None


def check_form(texts: dict[str, str]) -> tuple[dict[str, float], dict[str, str]]:
    """The form's fields (KPI -> text): the values given, and a message per field wrong."""
    values, wrong = {}, {}
    for kpi in KPI_IDS:
        number, problem = check_value(kpi, texts.get(kpi))
        if problem:
            wrong[kpi] = problem
        elif number is not None:
            values[kpi] = number
    return values, wrong


def shown(value: float | None) -> str:
    """A value as the form shows it: 87.5, 12 (not 12.0), blank for none."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return f"{value:g}" if float(value).is_integer() else f"{value}"


# ---------------------------------------------------------------- a provider's sheet


def read_kpis_sheet(name: str, data: bytes) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The KPIs sheet of an upload (a workbook's, found by name or headings, or a CSV file)
    as the workbook's reader reads it: its rows and its problems. UnreadableError if the
    file cannot be read or has no such sheet."""
    raw_sheets = read_sources([Source(name, data)])
    lookup = contract.column_lookup(contract.KPIS)
    chosen = next((n for n in raw_sheets if sheet_meant(n) is contract.KPIS), None)
    if chosen is None:
        chosen = next(
            (n for n, raw in raw_sheets.items() if find_header(raw, lookup, False)[1] >= 4), None
        )
    if chosen is None:
        found = ", ".join(repr(n) for n in raw_sheets)
        raise UnreadableError(
            f"No KPIs sheet was found in {name} (sheets found: {found}): it needs the "
            "columns Provider, Year, Quarter, KPI and Value, as in your KPIs sheet."
        )
    problems = Problems()
    frame = clean_kpis(raw_sheets[chosen], problems, chosen)
    return (frame if frame is not None else empty_table("kpis")), problems.frame()


def sheet_values(
    kpis: pd.DataFrame, problems: pd.DataFrame, provider: str, year: str, quarter: str
) -> tuple[dict[str, float], list[str], list[str]]:
    """A KPIs sheet as the reader read it (its rows, its problems): the values for this
    provider's quarter, why nothing may be taken from it (empty: it may), and the rows
    whose Value was left blank (not returned, as on the form)."""
    lookup = contract.column_lookup(contract.KPIS)
    errors = problems.loc[problems["severity"].astype(str).eq("error")]
    blank = pd.Series(
        [
            str(value) == "" and lookup.get(heading_key(column)) == "value"
            for value, column in zip(errors["value"], errors["column"], strict=True)
        ],
        index=errors.index,
        dtype=bool,
    )
    blank_rows = [_row(row) for row in errors.loc[blank, "row"]]
    rows = f"row{'s' * (len(blank_rows) > 1)} {', '.join(blank_rows)}"
    left_blank = [f"Value left blank in {rows}: not returned."] if blank_rows else []
    refusals = [
        f"Row {_row(p['row'])}, {p['column'] or 'the sheet'}: {p['problem']} {p['fix']}".strip()
        for _, p in errors.loc[~blank].iterrows()
    ]
    theirs = kpis["provider"].map(holder_key).ne(holder_key(provider)).to_numpy(bool)
    others = sorted(set(kpis.loc[theirs, "provider"].astype(str)))
    if others:
        refusals.append(
            f"The sheet has rows for {', '.join(others)}: this link takes {provider}'s "
            "returns only. Take the other rows out and upload it again."
        )
    elsewhere = (
        kpis["year"].astype(str).ne(year) | kpis["quarter"].astype(str).ne(quarter)
    ).to_numpy(bool)
    if elsewhere.any():
        periods = kpis.loc[elsewhere, "year"].astype(str) + " " + kpis.loc[elsewhere, "quarter"]
        refusals.append(
            f"The sheet has rows for {', '.join(sorted(set(periods)))}: this link takes "
            f"{year} {quarter} only. Take the other rows out and upload it again."
        )
    values: dict[str, float] = {}
    for _, row in kpis.loc[~(elsewhere | theirs)].iterrows():
        kpi = str(row["kpi"])
        number, problem = check_value(kpi, shown(float(row["value"])))
        if problem:
            refusals.append(f"Row {_row(row['row'])}, Value: {problem}")
        elif kpi in values:
            refusals.append(f"Row {_row(row['row'])}: {kpi} is given twice; keep one row of it.")
        else:
            values[kpi] = number
    if not values and not refusals:
        refusals.append("The sheet has no returns in it: fill in a Value for each KPI returned.")
    return values, refusals, left_blank


def _row(row) -> str:
    return "?" if row is None or pd.isna(row) else str(int(row))


# ---------------------------------------------------------------- submissions as KPI rows


def latest(submissions: list[Submitted]) -> dict[tuple, Submitted]:
    """The submission in force per holder and period: the latest sent."""
    found: dict[tuple, Submitted] = {}
    for sub in sorted(submissions, key=lambda s: (s.submitted_at, s.id)):
        found[(holder_key(sub.provider), sub.year, sub.quarter)] = sub
    return found


def submitted_kpis(submissions: list[Submitted]) -> pd.DataFrame:
    """The returns in force as rows of the KPIs table (row 0: not from the workbook)."""
    rows = [
        (sub.provider, sub.year, sub.quarter, kpi, float(value), 0)
        for sub in latest(submissions).values()
        for kpi, value in sub.body.items()
        if kpi in KPI_IDS and value is not None
    ]
    frame = pd.DataFrame(rows, columns=KPI_COLUMNS)
    for column in ("provider", "year", "quarter", "kpi"):
        frame[column] = frame[column].astype("string")
    return frame.astype({"value": "float64", "row": "int64"})


def merged_kpis(kpis: pd.DataFrame, submissions: list[Submitted]) -> pd.DataFrame:
    """The workbook's KPIs with the submitted returns in force: a provider's quarter that
    was submitted is the submission's, wholly (its workbook rows for it are left out)."""
    submitted = submitted_kpis(submissions)
    if submitted.empty:
        return kpis
    replaced = set(latest(submissions))
    keys = list(
        zip(
            kpis["provider"].map(holder_key),
            kpis["year"].astype(str),
            kpis["quarter"].astype(str),
            strict=True,
        )
    )
    kept = kpis.loc[[key not in replaced for key in keys]]
    return pd.concat([kept, submitted[list(kpis.columns)]], ignore_index=True)


def return_states(kpis: pd.DataFrame, submissions: list[Submitted]) -> pd.DataFrame:
    """A row per return in force (a provider's quarter): how many KPIs it gives, and whether
    ``kpis`` already holds it as it is, KPI for KPI (saved: merging it again changes
    nothing), or it is only collected.

    Columns: holder, period, given, saved."""
    returned = latest(submissions)
    asked = {provider for provider, _, _ in returned}
    theirs = kpis.loc[kpis["provider"].map(holder_key).isin(asked).to_numpy(bool)]
    held: dict[tuple, list[tuple]] = {}
    for provider, year, quarter, kpi, value in zip(
        theirs["provider"],
        theirs["year"],
        theirs["quarter"],
        theirs["kpi"],
        theirs["value"],
        strict=True,
    ):
        key = (holder_key(provider), str(year), str(quarter))
        held.setdefault(key, []).append((str(provider), str(kpi), float(value)))
    rows = []
    for key, sub in returned.items():
        given = {
            kpi: float(value)
            for kpi, value in sub.body.items()
            if kpi in KPI_IDS and value is not None
        }
        rows_held = held.get(key, [])
        values = {kpi: value for _, kpi, value in rows_held}
        saved = (
            len(rows_held) == len(given)
            and values.keys() == given.keys()
            and all(provider == sub.provider for provider, _, _ in rows_held)
            and all(math.isclose(values[kpi], given[kpi], rel_tol=1e-12) for kpi in given)
        )
        rows.append((sub.provider, f"{sub.year} {sub.quarter}", len(given), saved))
    rows.sort(key=lambda row: (quarter_key(row[1]), holder_key(row[0])))
    return pd.DataFrame(rows, columns=["holder", "period", "given", "saved"])


# ---------------------------------------------------------------- the owner's view


def completion(
    round_: RoundInfo, links: list[RoundLinkInfo], submissions: list[Submitted], when: datetime
) -> pd.DataFrame:
    """A row per holder of the round: returned, returned late or not returned, when, how
    many submissions, how many KPIs the latest gives, and its link's state.

    Columns: holder, status, returned_at, submissions, kpis, link."""
    mine = [sub for sub in submissions if sub.round_id == round_.id]
    rows = []
    by_holder: dict[str, list[RoundLinkInfo]] = {}
    for link in links:
        by_holder.setdefault(holder_key(link.holder), []).append(link)
    for group in by_holder.values():
        ids = {link.id for link in group}
        sent = sorted((s for s in mine if s.link_id in ids), key=lambda s: (s.submitted_at, s.id))
        newest = max(group, key=lambda link: link.id)
        state = (
            "in force"
            if newest.in_force(when)
            else ("withdrawn" if newest.revoked_at else "expired")
        )
        if not sent:
            status, at, given = "Not returned", None, 0
        else:
            late = sent[0].submitted_at > round_.closes_at
            status, at, given = (
                "Returned late" if late else "Returned",
                sent[-1].submitted_at,
                len(sent[-1].body),
            )
        rows.append((newest.holder, status, at, len(sent), given, state))
    table = pd.DataFrame(
        rows, columns=["holder", "status", "returned_at", "submissions", "kpis", "link"]
    )
    return table.sort_values("holder", key=lambda c: c.map(holder_key), ignore_index=True)


def completion_words(table: pd.DataFrame) -> str:
    """'3 of 5 returned (1 late); 2 not returned yet'."""
    done = int(table["status"].ne("Not returned").sum())
    late = int(table["status"].eq("Returned late").sum())
    words = f"{done} of {len(table)} returned" + (f" ({late} late)" if late else "")
    waiting = len(table) - done
    return words + (f"; {waiting} not returned yet" if waiting else "")


def reminders_due(
    round_: RoundInfo, table: pd.DataFrame, when: datetime, days: int = REMIND_DAYS
) -> pd.DataFrame:
    """The holders not returned, once the closing date is ``days`` days away or past (none
    for a closed round). Columns: holder, due (in words)."""
    left = (round_.closes_at.date() - when.date()).days
    if not round_.is_open or left > days:
        return pd.DataFrame(columns=["holder", "due"])
    waiting = table.loc[table["status"].eq("Not returned"), ["holder"]].copy()
    if round_.closes_at < when:
        due = f"overdue: closed for returns on {day(round_.closes_at)}"
    elif left == 0:
        due = "closes today"
    else:
        due = f"closes in {left} day{'s' if left != 1 else ''}"
    waiting["due"] = due
    return waiting.reset_index(drop=True)


def changes(submissions: list[Submitted]) -> pd.DataFrame:
    """What each resubmission changed from the one before it, holder by holder: a row per
    KPI whose value changed (blank: not given). Columns: holder, submitted_at, kpi,
    measure, before, after."""
    rows = []
    earlier: dict[tuple, Submitted] = {}
    for sub in sorted(submissions, key=lambda s: (s.submitted_at, s.id)):
        key = (holder_key(sub.provider), sub.year, sub.quarter)
        before = earlier.get(key)
        earlier[key] = sub
        if before is None:
            continue
        for kpi in KPI_IDS:
            old, new = before.body.get(kpi), sub.body.get(kpi)
            if old != new:
                rows.append((sub.provider, sub.submitted_at, kpi, MEASURES[kpi], old, new))
    return pd.DataFrame(
        rows, columns=["holder", "submitted_at", "kpi", "measure", "before", "after"]
    )


def history(submissions: list[Submitted]) -> pd.DataFrame:
    """Submissions as a table, the latest first: when, the quarter, how, and R1 to R12."""
    rows = [
        {
            "submitted_at": sub.submitted_at,
            "quarter": f"{sub.year} {sub.quarter}",
            "how": sub.how,
            **{kpi: sub.body.get(kpi) for kpi in KPI_IDS},
        }
        for sub in sorted(submissions, key=lambda s: (s.submitted_at, s.id), reverse=True)
    ]
    return pd.DataFrame(rows, columns=["submitted_at", "quarter", "how", *KPI_IDS])

"""A plan as rows of cells under the Plan sheet's headings: what the Plan the changes page's
editor shows, what an area saves (record "plan") and what the workbook download writes.

Rows are read back by the Plan sheet's own reader (``clean_plan``), so a plan typed in the
app is checked exactly as a Plan sheet is: a bad row is named and left out, the rest of the
plan runs. In the editor the service changed or closed is picked from the baseline's
services, and a new service's name is typed in a column of its own; a row's Service is
whichever its Change calls for.
"""

from __future__ import annotations

import dataclasses
import math

import pandas as pd

from dayserv import contract
from dayserv.read.plan_sheet import clean_plan
from dayserv.read.problems import Problems

SHEET = "Plan"  # the sheet the editor's rows stand for, in their problems
NEW_SERVICE = "new_service"  # the editor's column for a Commission's new name
NEW_SERVICE_HEADING = "New service"
# The editor's columns (tidy names), in order; any other Plan column a plan gives follows.
EDITOR_COLUMNS = (
    "plan",
    "change",
    "service",
    NEW_SERVICE,
    "from_year",
    "provider",
    "sector",
    "user_run",
    "locality",
    "funding",
    "places",
    "building_pct",
    "outreach_pct",
    "mainstream_pct",
    "social_pct",
    "vocational_pct",
    "group_pct",
    "individual_pct",
    "source",
    "replaces",
    "note",
)
COLUMNS = {c.name: c for c in contract.PLAN.columns}
NUMBERS = {c.name for c in contract.PLAN.columns if c.kind in ("money", "number", "percent")}
_HEADINGS = {c.heading: c.name for c in contract.PLAN.columns}


def _blank(value) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _cell(name: str, value):
    """A value as a row holds it: a number for a number column, else text; None if blank."""
    if _blank(value):
        return None
    if name in NUMBERS:
        try:
            number = float(value)
        except (TypeError, ValueError):
            return str(value).strip()
        return int(number) if number.is_integer() else number
    return str(value).strip()


def rows_of_table(plan_table: pd.DataFrame) -> list[dict]:
    """A tidy plan table (as read) as rows: {heading: value}, blank cells left out."""
    rows = []
    for record in plan_table.to_dict("records"):
        row = {}
        for name, column in COLUMNS.items():
            value = _cell(name, record.get(name))
            if value is not None:
                row[column.heading] = value
        rows.append(row)
    return rows


def rows_of_body(body: dict) -> list[dict]:
    """The rows an area's saved plan holds (none for a body that is not one)."""
    rows = body.get("rows") if isinstance(body, dict) else None
    if not isinstance(rows, list):
        return []
    return [
        {str(k): v for k, v in row.items() if not _blank(v)}
        for row in rows
        if isinstance(row, dict)
    ]


def plan_body(rows: list[dict]) -> dict:
    """What an area saves for a plan."""
    return {"rows": rows}


def editor_columns(rows: list[dict]) -> list[str]:
    """The editor's columns for these rows: the usual ones, then any other the rows give."""
    given = {_HEADINGS[h] for row in rows for h in row if h in _HEADINGS}
    others = [c for c in COLUMNS if c in given and c not in EDITOR_COLUMNS]
    return [*EDITOR_COLUMNS, *others]


def editor_frame(rows: list[dict]) -> pd.DataFrame:
    """Rows as the editor shows them: a column per tidy name, a Commission's name under
    New service and any other row's under Service; numbers as floats, text as objects."""
    columns = editor_columns(rows)
    records = []
    for row in rows:
        record = {_HEADINGS.get(h, h): v for h, v in row.items()}
        if str(record.get("change", "")).strip().lower() == "commission":
            record[NEW_SERVICE] = record.pop("service", None)
        records.append({c: record.get(c) for c in columns})
    frame = pd.DataFrame(records, columns=columns)
    for column in columns:
        if column in NUMBERS:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        else:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
    return frame.reset_index(drop=True)


def rows_of_editor(frame: pd.DataFrame) -> list[dict]:
    """The editor's rows as rows under the Plan sheet's headings (a row left wholly blank
    is dropped): Service is the new name for a Commission, the picked service otherwise,
    each falling back on the other when it alone is given."""
    rows = []
    for record in frame.to_dict("records"):
        new, existing = record.pop(NEW_SERVICE, None), record.get("service")
        commission = str(record.get("change") or "").strip().lower() == "commission"
        first, second = (new, existing) if commission else (existing, new)
        record["service"] = second if _blank(first) else first
        row = {}
        for name, value in record.items():
            value = _cell(name, value)
            if value is not None and name in COLUMNS:
                row[COLUMNS[name].heading] = value
        if row:
            rows.append(row)
    return rows


def same_rows(these: list[dict], those: list[dict]) -> bool:
    """Whether two plans' rows say the same (the order of a row's cells aside)."""
    return [sorted(r.items()) for r in these] == [sorted(r.items()) for r in those]


def raw_sheet(rows: list[dict]) -> pd.DataFrame:
    """Rows as the reader gives a sheet: the headings in row 0, row n the n-th row of the
    plan, cells as objects ('' when empty)."""
    headings = list(dict.fromkeys(h for row in rows for h in row))
    for heading in ("Plan", "Change", "Service", "From"):
        if heading not in headings:
            headings.append(heading)
    cells = [headings, *([row.get(h, "") for h in headings] for row in rows)]
    return pd.DataFrame(cells, dtype=object)


def clean_rows(rows: list[dict], services: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows read as a Plan sheet against ``services`` (the portfolio's): the tidy plan
    table of the rows that can be used, and the problems (row n is the n-th row)."""
    problems = Problems()
    table = clean_plan(raw_sheet(rows), problems, SHEET, services)
    return table, problems.frame()


def with_plan(portfolio, plan_table: pd.DataFrame):
    """The portfolio with ``plan_table`` as its plan."""
    return dataclasses.replace(portfolio, tables={**portfolio.tables, "plan": plan_table})


def row_name(row: dict) -> str:
    """A row in a few words, to find it by: "Build before closing: Commission Central
    Recovery Hub from 2026/27"."""
    what = " ".join(str(row[h]) for h in ("Change", "Service") if row.get(h))
    when = f" from {row['From']}" if row.get("From") else ""
    name = f"{row['Plan']}: " if row.get("Plan") else ""
    return f"{name}{what or 'a row with no Change or Service'}{when}"


def problem_lines(problems: pd.DataFrame, rows: list[dict]) -> list[tuple[str, str]]:
    """Each problem of the rows as (severity, sentence): "Row 3 (Build before closing:
    Commission Central Recovery Hub from 2026/27), Sector: A new service needs a Sector
    ... Fix: ...". An error's row is left out of the plan; a warning's is kept."""
    lines = []
    for record in problems.itertuples(index=False):
        row = None if pd.isna(record.row) else int(record.row)
        where = "The plan"
        if row is not None and 1 <= row <= len(rows):
            where = f"Row {row} ({row_name(rows[row - 1])})"
        column = f", {record.column}" if str(record.column or "").strip() else ""
        fix = f" Fix: {record.fix}" if str(record.fix or "").strip() else ""
        lines.append((str(record.severity), f"{where}{column}: {record.problem}{fix}"))
    return lines


def sheet_problems(portfolio) -> pd.DataFrame:
    """The problems of the portfolio's Plan sheet as it was read (none without one)."""
    problems = portfolio.problems
    if portfolio.plan_sheet is None or problems.empty:
        return problems.iloc[0:0]
    return problems.loc[problems["sheet"].astype(str) == portfolio.plan_sheet]


def sheet_problem_lines(problems: pd.DataFrame) -> list[tuple[str, str]]:
    """The Plan sheet's problems as (severity, sentence), naming the spreadsheet row."""
    lines = []
    for record in problems.itertuples(index=False):
        row = "" if pd.isna(record.row) else f"row {int(record.row)}, "
        fix = f" Fix: {record.fix}" if str(record.fix or "").strip() else ""
        text = f"{record.sheet} {row}{record.column}: {record.problem}{fix}"
        lines.append((str(record.severity), text))
    return lines

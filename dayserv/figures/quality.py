"""What the loader left out, said wherever figures appear, and the problems grouped for people.

Every view of figures says how many rows were left out (the caption under each page title,
the meeting pack's title slide, the exports' About sheet, ``measures --json``): the same
counts, from these functions, for every sheet the loader counts (``contract.COUNTED``: the
tables of figures and the Plan sheet).
"""

from __future__ import annotations

import pandas as pd

from dayserv import contract
from dayserv.read.clean import Portfolio
from dayserv.read.left_out import problem_counts, rows_left_out, rows_used
from dayserv.read.problems import SEVERITIES


def left_out_words(portfolio: Portfolio) -> str:
    """'138 of 142 rows used: 4 left out, 58 values blanked' for the Services sheet, with the
    other sheets' rows left out after it; 'All 142 rows used' when nothing was."""
    read = portfolio.rows_read.get("services", len(portfolio.services))
    used = rows_used(portfolio, "services")
    blanked = problem_counts(portfolio.problems)["warning"]
    others = [
        f"{n:,} {sheet} row{'s' if n != 1 else ''}"
        for sheet, n in rows_left_out(portfolio).items()
        if sheet != contract.SERVICES.name
    ]
    every = f"All {read:,} rows" if read != 1 else "The one row"
    if used == read and not others and not blanked:
        return f"{every} of {portfolio.sheets.get('services', 'Services')} used"
    parts = [f"{read - used:,} left out"] if used < read else []
    if others:
        parts.append(" and ".join(others) + " left out")
    if blanked:
        parts.append(f"{blanked:,} value{'s' if blanked != 1 else ''} blanked")
    head = f"{used:,} of {read:,} rows used" if used < read else f"{every} used"
    return f"{head}: {', '.join(parts)}"


def anything_left_out(portfolio: Portfolio) -> bool:
    """Whether any row was left out or any value blanked."""
    return bool(rows_left_out(portfolio)) or problem_counts(portfolio.problems)["warning"] > 0


def grouped(problems: pd.DataFrame) -> pd.DataFrame:
    """Identical problems as one line each: how many rows, and which, in reading order.

    Problems are identical when severity, sheet, column, what is wrong (the value found, or
    the one item of a list cell that is wrong), the problem and the fix are all the same:
    "57 rows: Groups served 'Mental Health' is not a group", whether a cell held only
    'Mental Health' or 'BME communities, Mental Health'. ``value`` is what is wrong."""
    keys = ["severity", "sheet", "column", "value", "problem", "fix"]
    if problems.empty:
        return pd.DataFrame(columns=[*keys, "count", "rows"])
    wrong = problems["part"] if "part" in problems else problems["value"]
    frame = problems.assign(value=wrong)
    frame = frame.assign(**{k: frame[k].astype(str) for k in keys if k != "severity"})
    rows = frame["row"].astype("Int64")
    groups = frame.assign(row_text=rows.astype(str).where(rows.notna(), "")).groupby(
        keys, sort=False, observed=True
    )
    out = groups.agg(count=("row_text", "size"), rows=("row_text", _rows_words)).reset_index()
    out["severity"] = pd.Categorical(out["severity"], SEVERITIES, ordered=True)
    return out.sort_values(["severity", "count"], ascending=[True, False], kind="stable")[
        [*keys, "count", "rows"]
    ].reset_index(drop=True)


def _rows_words(rows: pd.Series, shown: int = 12) -> str:
    """'2, 5, 9-14, 20' (runs joined), cut after ``shown`` pieces with 'and N more'."""
    numbers = sorted({int(r) for r in rows if r})
    pieces: list[str] = []
    start = previous = None
    for number in [*numbers, None]:
        if start is not None and number == previous + 1:
            previous = number
            continue
        if start is not None:
            pieces.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = number
    if len(pieces) > shown:
        return ", ".join(pieces[:shown]) + f" and {len(pieces) - shown:,} more"
    return ", ".join(pieces)

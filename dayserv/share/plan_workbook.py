"""The whole portfolio as a workbook in the contract's format with a plan on its Plan sheet:
the Plan the changes page's download, which uploads again to the same figures and the same
plan (rows with problems included, as they were typed, so they can be put right).

The sheets are written as the checklist's workbook writes them (years as text, drop-downs
for the vocabularies, text a spreadsheet would run as a formula kept as text); the Plan
sheet has the editor's columns under the contract's headings.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dayserv import contract
from dayserv.share import workbook
from dayserv.share.checklist_workbook import plan_columns, table_columns, write_about, write_sheet


def _about(book: workbook.Book, source_name: str, plans: list[str], produced) -> None:
    """The first sheet: where the workbook came from, when, and what it is for."""
    named = "; ".join(plans) if plans else "none yet"
    lines = [
        "Mental-health day services portfolio, with a re-commissioning plan",
        f"Made from: {source_name}",
        f"Produced by the day services dashboard on {produced:%d %B %Y}.",
        "It holds the portfolio as the dashboard read it, in the template's format, and on "
        f"its Plan sheet the plan as it was on the Plan the changes page (plans: {named}). "
        "A plan is PROPOSED, not decided: its figures are projections.",
        "Upload this workbook in the dashboard's sidebar, or the Plan sheet alone on the Plan "
        "the changes page, to carry on where you left off.",
        "Rows the dashboard could not read when the portfolio was loaded are not in it; Plan "
        "rows with a problem are, as they were typed, so they can be put right.",
    ]
    write_about(book, lines)


def plan_workbook(
    tables: dict[str, pd.DataFrame],
    rows: list[dict],
    source_name: str,
    produced: dt.date | None = None,
) -> bytes:
    """The portfolio's tidy tables (unfiltered) as their sheets, each that has rows, then
    ``rows`` ({Plan heading: value}, as plan_rows gives them) as the Plan sheet."""
    book = workbook.Book()
    plans = list(dict.fromkeys(str(r["Plan"]) for r in rows if r.get("Plan")))
    _about(book, source_name, plans, produced or dt.date.today())
    for table, sheet in contract.TABLES.items():
        frame = tables.get(table)
        if frame is not None and not frame.empty:
            write_sheet(book, sheet.name, table_columns(table, frame))
    write_sheet(book, contract.PLAN.name, plan_columns(rows))
    return book.close()

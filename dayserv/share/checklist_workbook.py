"""The whole portfolio as a workbook in the contract's format, with the checklist's answers
on its Checklist sheet: the Commissioners' checklist page's download, which uploads again
to the same figures and the same answers.

A note on formula safety: a spreadsheet runs text beginning with = + - @ (a tab or a
carriage return) as a formula. ``dayserv.share.export`` guards CSV files by putting an
apostrophe into such text. In an .xlsx file the same guard is Excel's own leading
apostrophe: the cell is written as text and marked "quote prefix", which Excel shows as
plain text and never evaluates, while the value itself stays as typed, so the workbook
re-uploads unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dayserv import contract
from dayserv.contract import Column
from dayserv.figures.checklist import GivenAnswers, answers_to_save, answers_year
from dayserv.share import workbook
from dayserv.share.export import CannotExport

ABOUT_SHEET = "About this export"
TEXT = workbook.TEXT
EXTRA_ROWS = 1000  # drop-downs reach this far below the last row
MAX_ROWS = workbook.MAX_ROWS


# ---------------------------------------------------------------- the workbook


@dataclass(frozen=True)
class _Column:
    """One column to write: its heading, its values, and how to write them."""

    heading: str
    values: Sequence
    kind: str = "text"  # text; id (text kept as typed: years, statement IDs); number
    width: float = 14
    wrap: bool = False
    choices: tuple[str, ...] = ()


# Headings as text too: a statement ID heading a column stays "2.10".
HEADER: workbook.Style = {"bold": True, "bg_color": "#DDEBF7", "num_format": TEXT}
WRAP: workbook.Style = {"text_wrap": True, "valign": "top"}
TITLE: workbook.Style = {"bold": True, "font_size": 14, "text_wrap": True}


def _style(column: _Column) -> workbook.Style | None:
    """How a column's text shows: as text (years, IDs), wrapped, or plain (None)."""
    style: dict[str, object] = {}
    if column.kind == "id":
        style["num_format"] = TEXT
    if column.wrap:
        style.update(WRAP)
    return style or None


def _lines(text, width: float) -> int:
    return max(1, math.ceil(len(str(text)) / max(width - 2, 1)))


def _cells(column: _Column) -> pd.Series:
    """A column's values as its cells hold them: numbers for a number column; otherwise
    text without the characters a workbook cannot hold, blank (NA) when only spaces."""
    values = pd.Series(column.values, dtype=object)
    if column.kind == "number":
        return pd.to_numeric(values, errors="coerce").astype("float64")
    text = values.where(values.notna()).astype("string")
    text = text.str.replace(workbook.ILLEGAL_CHARACTERS.pattern, "", regex=True)
    return text.mask(text.str.strip().eq(""))


def write_sheet(book: workbook.Book, title: str, columns: list[_Column]) -> None:
    """A sheet: bold headings in row 1 (frozen), then a row per value, with drop-downs."""
    sheet = book.sheet(title)
    rows = len(columns[0].values)
    for position, column in enumerate(columns):
        style = _style(column)
        sheet.column(position, column.width, style)
        sheet.write(0, position, column.heading, HEADER)
        sheet.write_column(position, _cells(column), style)
        if column.choices:
            sheet.drop_down(position, 1, rows + EXTRA_ROWS - 1, column.choices, column.heading)
    wrapped = [c for c in columns if c.wrap]
    for row in range(rows) if wrapped else ():
        lines = max(_lines(c.values[row], c.width) for c in wrapped)
        if lines > 1:
            sheet.height(row + 1, 15.0 * lines)
    sheet.freeze()


def _contract_column(column: Column, values: Sequence) -> _Column:
    """A column of the contract, written under its heading."""
    wide = column.kind == "question" or column.name in ("notes", "evidence")
    return _Column(
        column.heading,
        values,
        kind="number"
        if column.kind in ("money", "number", "percent", "target")
        else "id"
        if column.kind in ("year", "statement")
        else "text",
        width=90 if column.kind == "question" else 60 if wide else max(len(column.heading) + 4, 12),
        wrap=wide,
        choices=column.values if column.kind.startswith("category:") else (),
    )


def _values(frame: pd.DataFrame, name: str) -> Sequence:
    if name in frame:
        return frame[name].astype(object).to_numpy()
    return [None] * len(frame)


_AMBIGUOUS = {"2.1", "6.1", "7.1"}  # what a spreadsheet makes of 2.10, 6.10 and 7.10


def _label(statement: str, before, after) -> str:
    """A statement ID as written: 2.1 next to 2.9 or 2.11 would be read back as 2.10 (the
    loader's guard against spreadsheets turning 2.10 into 2.1), so there it says so."""
    section = statement.split(".")[0]
    if statement in _AMBIGUOUS and (before == f"{section}.9" or after == f"{section}.11"):
        return f"{statement} (not {statement}0)"
    return statement


def _benchmark_columns(frame: pd.DataFrame) -> list[_Column]:
    """The Benchmark in the form it was read: wide (a column per statement) when each
    spreadsheet row held many answers, or when a row per answer would not fit on a sheet
    (then a row per service, year and respondent, where a statement answered twice keeps
    its later answer); long (a row per answer) otherwise."""
    sheet = contract.BENCHMARK
    by_name = {c.name: c for c in sheet.columns}
    statements = frame["statement"].astype(str)
    wide = frame["row"].duplicated().any() if "row" in frame else False
    if not wide and len(frame) < MAX_ROWS:
        keys = [frame[c].astype(object).fillna("") for c in ("service", "year", "respondent")]
        group = pd.MultiIndex.from_arrays(keys).factorize()[0]
        grouped = statements.groupby(group, sort=False)
        labels = [
            _label(s, b, a)
            for s, b, a in zip(statements, grouped.shift(1), grouped.shift(-1), strict=True)
        ]
        return [
            _contract_column(by_name[name], labels if name == "statement" else _values(frame, name))
            for name in ("service", "year", "respondent", "statement", "response")
        ]
    # One row per spreadsheet row (or per service, year and respondent), a column per statement.
    if wide:
        key = frame["row"].to_numpy()
    else:
        key = pd.MultiIndex.from_arrays(
            [frame[c].astype(object).fillna("") for c in ("service", "year", "respondent")]
        ).to_numpy()
    row_of, _ = pd.factorize(key)
    order = list(dict.fromkeys(statements))
    column_of = pd.Series(range(len(order)), index=order)[statements].to_numpy()
    grid = np.full((row_of.max() + 1 if len(row_of) else 0, len(order)), None, dtype=object)
    grid[row_of, column_of] = frame["response"].astype(object).where(frame["response"].notna())
    firsts = frame.loc[~pd.Series(row_of).duplicated().to_numpy()]
    columns = [
        _contract_column(by_name[n], _values(firsts, n)) for n in ("service", "year", "respondent")
    ]
    for position, statement in enumerate(order):
        before = order[position - 1] if position else None
        after = order[position + 1] if position + 1 < len(order) else None
        columns.append(
            _Column(
                _label(statement, before, after),
                grid[:, position],
                width=8,
                choices=contract.RESPONSES,
            )
        )
    return columns


def table_columns(table: str, frame: pd.DataFrame) -> list[_Column]:
    """A tidy table as the columns of its sheet, under the contract's headings."""
    if table == "benchmark":
        return _benchmark_columns(frame)
    columns = [_contract_column(c, _values(frame, c.name)) for c in contract.TABLES[table].columns]
    if table == "checklist":
        # As in the template: the question's ID first, for reference; the reader ignores it.
        columns.insert(0, _Column("ID", _values(frame, "question_id"), width=8))
    return columns


def write_about(book: workbook.Book, lines: list[str]) -> None:
    """The About sheet: a line per row, the first as its title."""
    sheet = book.sheet(ABOUT_SHEET)
    sheet.column(0, 110)
    for row, text in enumerate(lines):
        clean = workbook.ILLEGAL_CHARACTERS.sub("", text)
        sheet.write(row, 0, clean, TITLE if row == 0 else WRAP)
        sheet.height(row, 15.0 * _lines(text, 107) + (6 if row == 0 else 0))


def _about(book: workbook.Book, source_name: str, written: list[str], produced) -> None:
    """The first sheet: where the workbook came from, when, and what it is for."""
    lines = [
        "Mental-health day services portfolio, with the commissioners' checklist",
        f"Made from: {source_name}",
        f"Produced by the day services dashboard on {produced:%d %B %Y}.",
        "It holds the portfolio as the dashboard read it, in the template's format ("
        + ", ".join(written)
        + "), with the answers to the commissioners' key questions on the Checklist sheet, "
        "including those given or changed in the dashboard.",
        "Upload this workbook in the dashboard's sidebar to carry on where you left off: it "
        "reads back to the same figures and the same answers.",
        "Rows the dashboard could not read when the portfolio was loaded are not in it, and "
        "values it could not read are blank: the Data quality page lists them.",
    ]
    write_about(book, lines)


def plan_columns(rows: list[dict]):
    """The Plan sheet's columns: every heading the rows give, in the contract's order, and
    at least Plan, Change, Service and From."""
    given = {h for row in rows for h in row}
    columns = [
        c for c in contract.PLAN.columns if c.heading in given or c.required or c.name == "plan"
    ]
    return [_contract_column(c, [row.get(c.heading) for row in rows]) for c in columns]


def _workbook(
    sheets: list[tuple[str, pd.DataFrame]],
    source_name: str,
    produced: dt.date | None,
    plan: pd.DataFrame | None = None,
) -> bytes:
    """The sheets, and the portfolio's plan (if it has one) on its Plan sheet, so that a
    download for the checklist's answers does not lose it."""
    from dayserv.figures.plan_rows import rows_of_table

    book = workbook.Book()
    has_plan = plan is not None and not plan.empty
    written = [contract.TABLES[table].name for table, _ in sheets]
    _about(
        book, source_name, written + [contract.PLAN.name] * has_plan, produced or dt.date.today()
    )
    for table, frame in sheets:
        write_sheet(book, contract.TABLES[table].name, table_columns(table, frame))
    if has_plan:
        write_sheet(book, contract.PLAN.name, plan_columns(rows_of_table(plan)))
    return book.close()


def portfolio_workbook(
    tables: dict[str, pd.DataFrame],
    checklist: pd.DataFrame,
    source_name: str,
    produced: dt.date | None = None,
) -> bytes:
    """The whole portfolio as an .xlsx in the contract's format, with ``checklist`` as its
    Checklist sheet, so that uploading it again replaces the portfolio with itself.

    ``tables`` are the portfolio's tidy tables, unfiltered (``portfolio.tables``); each
    table with rows is written to its sheet under the contract's headings (the Benchmark in
    the form it was read), ``checklist`` (rows with question_id, question, answer, notes
    and optionally year: ``answers_to_save`` or a ``checklist_table``) to the Checklist
    sheet. Years and statement IDs are written as text, category columns get drop-downs,
    and text that a spreadsheet would run as a formula is written as plain text.
    """
    sheets = []
    for table in contract.TABLES:
        frame = checklist if table == "checklist" else tables.get(table)
        if frame is not None and (table == "checklist" or not frame.empty):
            sheets.append((table, frame))
    return _workbook(sheets, source_name, produced, tables.get("plan"))


def answers_workbook(answers: GivenAnswers, year: str | None = None) -> bytes:
    """The whole portfolio's workbook with the answers given in the app (``answers_to_save``
    for ``year``, by default the sheet's latest), counted from now as downloaded."""
    portfolio = answers.portfolio()
    if portfolio is None:
        raise CannotExport(
            f"{answers.source_label} is no longer loaded; upload it again to get these answers back"
        )
    held = dict(answers.edits)  # the edits as they are now, whatever the page does next
    rows = answers_to_save(answers.checklist, held, year or answers_year(answers.checklist))
    data = portfolio_workbook(portfolio.tables, rows, answers.source_label)
    answers.saved, answers.downloaded = held, True
    return data

"""What every sheet goes through: its header row found in the top rows, its headings mapped
to the contract's columns (by their synonyms), totals rows left out, and each column parsed
by its kind (text, year, category, money, number), with a problem record for each cell
that could not be used."""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from dayserv import contract
from dayserv.contract import Column, Sheet, norm_key
from dayserv.read.parse import (
    Distinct,
    blank_among,
    cell_text,
    heading_key,
    parse_money,
    parse_number,
    parse_year,
    statement_id,
)
from dayserv.read.problems import Problems, column_letter
from dayserv.read.reader import UnreadableError

HEADER_SCAN_ROWS = 30
_TOTALS = re.compile(r"^\s*(?:grand\s+|sub\s*-?\s*)?totals?\b|^\s*(?:sum|all services)\s*$", re.I)


def find_header(raw: pd.DataFrame, lookup: dict[str, str], statements: bool):
    """The header row (spreadsheet number) and its match count, searching the top rows."""
    top = raw.head(HEADER_SCAN_ROWS)
    best_row, best_score = None, 0
    seen: dict[str, tuple] = {}  # text -> (column name, statement ID): rows repeat their words

    def read(cell) -> tuple:
        if isinstance(cell, str) and cell in seen:
            return seen[cell]
        found = (
            lookup.get(heading_key(cell)) if str(cell).strip() else None,
            statement_id(cell) if statements else None,
        )
        if isinstance(cell, str):
            seen[cell] = found
        return found

    for row_number, cells in zip(top.index, top.to_numpy(object), strict=True):  # 30 rows
        found = [read(c) for c in cells]
        names = {name for name, _ in found} - {None}
        score = len(names)
        if statements:
            score += min(sum(sid is not None for _, sid in found), 10)
        if score > best_score:
            best_row, best_score = row_number, score
    return best_row, best_score


def table_of(sheet: Sheet) -> str:
    return next(t for t, s in contract.TABLES.items() if s is sheet)


def is_filled(cells: np.ndarray) -> np.ndarray:
    """Cells holding anything: not empty text, None or NaN."""
    return ~(pd.isna(cells) | (cells == ""))


def drop_blank(raw: pd.DataFrame) -> pd.DataFrame:
    """The sheet without its wholly blank rows and columns.

    Column by column, only the rows not yet seen filled are looked at, and a column is
    looked at whole only if its first rows are blank: a wide benchmark of a million cells
    is read in about two passes of its rows, not a pass of every cell."""
    cells = raw.to_numpy(object)
    rows = np.zeros(cells.shape[0], dtype=bool)
    columns = np.zeros(cells.shape[1], dtype=bool)
    for j in range(cells.shape[1]):
        columns[j] = is_filled(cells[:HEADER_SCAN_ROWS, j]).any()
        unseen = np.flatnonzero(~rows)
        if unseen.size:
            filled = is_filled(cells[unseen, j])
            rows[unseen] = filled
            columns[j] |= filled.any()
        if not columns[j]:  # blank at the top: filled further down, if at all
            columns[j] = is_filled(cells[:, j]).any()
    if rows.all() and columns.all():
        return raw  # nothing to drop: no copy of a big sheet
    return raw.loc[rows, columns]


def _columns(raw, sheet: Sheet, header_row, problems: Problems):
    """Map header cells to tidy names; returns {tidy name: raw column position}."""
    lookup = contract.column_lookup(sheet)
    found: dict[str, int] = {}
    ignored = []
    for position, cell in raw.loc[header_row].items():
        if not str(cell).strip():
            continue
        name = lookup.get(heading_key(cell))
        if name is None:
            ignored.append(str(cell).strip())
        elif name in found:
            problems.add(
                "warning",
                sheet.name,
                [header_row],
                str(cell).strip(),
                cell,
                f"A second column is headed like {contract.heading(table_of(sheet), name)!r}; "
                "only the first was read.",
                "Rename or delete one of the two columns.",
                column_letter(position),
            )
        else:
            found[name] = position
    return found, ignored


# ---------------------------------------------------------------- the generic column cleaners


# Values no service's figures can hold: they are typing slips (a year in the funding column,
# a figure in pence), not facts, so they are blanked and said.
IMPLAUSIBLE = {"funding": 1e9, "amount": 1e9, "places": 1e6, "people": 1e6}


def clean_column(
    col: Column, cells: pd.Series | Distinct, sheet, letter, problems, bad, label=None
):
    """Parse one column; record problems; mark rows to leave out in ``bad``.

    ``cells`` may come already read as a ``Distinct``. ``label`` is the column's heading as
    the file has it, for the messages."""
    label = label or col.heading
    distinct = cells if isinstance(cells, Distinct) else None
    cells = distinct.cells if distinct is not None else cells
    numeric = col.kind in ("money", "number")
    parsed_here = numeric or col.kind in ("text", "year") or col.kind.startswith("category:")
    if numeric:
        out = parse_money(cells) if col.kind == "money" else parse_number(cells)
        blank = blank_among(cells, out.isna())  # a cell read as a number is not blank
    elif parsed_here or col.required or col.expected:
        if distinct is None:
            distinct = Distinct(cells)  # each parse below reads its distinct values once
        blank = distinct.blank
    if col.kind == "text":
        out = distinct.strings(distinct.text)
        out = out.mask(blank)
    elif col.kind == "year":
        out = parse_year(distinct)
        wrong = out.isna() & ~blank
        problems.add(
            "error" if col.required else "warning",
            sheet,
            cells.index[wrong],
            label,
            cells[wrong],
            "This is not a year the dashboard can read; "
            + ("the row was left out." if col.required else "it was left blank."),
            "Write the year as 2024 or a financial year such as 2024/25.",
            letter,
        )
        if col.required:
            bad |= wrong
    elif col.kind.startswith("category:"):
        vocab = col.kind.split(":", 1)[1]
        out = distinct.read(lambda v: contract.canonical(vocab, v))
        wrong = out.isna() & ~blank
        allowed = ", ".join(contract.vocabulary(vocab))
        what = "the row was left out" if col.required else "it was left blank"
        for_column = named_for(col, label)
        problems.add(
            "error" if col.required else "warning",
            sheet,
            cells.index[wrong],
            label,
            cells[wrong],
            distinct.spread(
                [
                    f"{quoted(t)} is not a value the dashboard knows for {for_column}; {what}."
                    for t in distinct.text
                ]
            )[wrong].to_numpy(),
            f"Use one of: {allowed}.",
            letter,
        )
        if col.required:
            bad |= wrong
    elif numeric:
        wrong = out.isna() & ~blank
        negative = out.lt(0).fillna(False)
        huge = out.gt(IMPLAUSIBLE.get(col.name, np.inf)).fillna(False)
        problems.add(
            "error" if col.required else "warning",
            sheet,
            cells.index[wrong],
            label,
            cells[wrong],
            "This is not a number"
            + ("; the row was left out." if col.required else "; it was left blank."),
            "Write a plain number, e.g. 12500 or £12,500.",
            letter,
        )
        problems.add(
            "warning",
            sheet,
            cells.index[negative],
            label,
            cells[negative],
            "This is negative; it was left blank.",
            "Write a number of 0 or more.",
            letter,
        )
        limit = f"£{IMPLAUSIBLE['funding']:,.0f}" if col.kind == "money" else "a million"
        problems.add(
            "error" if col.required else "warning",
            sheet,
            cells.index[huge],
            label,
            cells[huge],
            f"This is more than {limit} for one service in a year, which cannot be right; "
            + ("the row was left out." if col.required else "it was left blank."),
            "Check the figure: in pounds for money, a count for places and people.",
            letter,
        )
        out = out.mask(negative | huge)
        if col.required:
            bad |= wrong | huge
    else:  # percent, list, statement, feature ... parsed by their sheet's own cleaner
        out = cells
    if col.required or col.expected:
        missing = blank
        left_out = (
            "the row was left out"
            if col.required
            else ("the row was kept, but left out of the figures that need it")
        )
        problems.add(
            "error" if col.required else "warning",
            sheet,
            cells.index[missing],
            label,
            "",
            f"This is blank; {left_out}.",
            f"Fill in {for_column_of(col, label)}.",
            letter,
        )
        if col.required:
            bad |= missing
    return out


def quoted(text: str | None) -> str:
    """A cell's text in quotes, for a sentence: 'Hybrid'."""
    return f"'{text}'"


def named_for(col: Column, label: str) -> str:
    """The column in a sentence: 'Setting', or "Setting (the column headed 'Type of
    setting')" when the file heads it otherwise."""
    if norm_key(label) == norm_key(col.heading):
        return col.heading
    return f"{col.heading} (the column headed {quoted(label)})"


def for_column_of(col: Column, label: str) -> str:
    """What to fill in, in a sentence: "the Service column", "the 'Name' column"."""
    if norm_key(label) == norm_key(col.heading):
        return f"the {col.heading} column"
    return f"the {quoted(label)} column"


def _read_sheet(raw: pd.DataFrame, table: str, problems: Problems):
    """Find the header in a sheet without blank rows and columns, map its columns. Returns
    (sheet, header row, positions, ignored headings, body, header), None without a header."""
    sheet = contract.TABLES[table]
    if raw.empty:
        return None
    header_row, score = find_header(raw, contract.column_lookup(sheet), table == "benchmark")
    if header_row is None or score < 2:
        return None
    positions, ignored = _columns(raw, sheet, header_row, problems)
    if raw.index.is_monotonic_increasing:  # as read: the rows below are a view, not a copy
        body = raw.iloc[raw.index.searchsorted(header_row, side="right") :]
    else:
        body = raw.loc[raw.index > header_row]
    return sheet, header_row, positions, ignored, body, raw.loc[header_row]


class Parsed(NamedTuple):
    """A sheet with its generic columns parsed, before its own cleaner finishes it."""

    frame: pd.DataFrame  # parsed columns, indexed by spreadsheet row
    bad: pd.Series  # rows to leave out
    body: pd.DataFrame  # the raw cells below the header
    positions: dict[str, int]  # tidy column -> raw column position
    header: pd.Series  # the header row's cells
    header_row: int


def clean_table(raw, table, problems: Problems, sheet_name=None) -> Parsed | None:
    sheet = contract.TABLES[table]
    sheet_name = sheet_name or sheet.name
    raw = drop_blank(raw)  # once: on a wide benchmark it is a pass over a million cells
    found = _read_sheet(raw, table, problems)
    # Until a header is found, every filled row counts as a row of the sheet not used.
    problems.rows_read[table] = len(raw)
    if found is None:
        if table != "services":  # load() says this for Services in its own words
            headings = ", ".join(c.heading for c in sheet.columns if c.required)
            problems.add(
                "error",
                sheet_name,
                [None],
                "",
                "",
                f"No header row with {headings} was found in the top {HEADER_SCAN_ROWS} rows, "
                "so the sheet was not read.",
                "Put the column headings in one row above the data, as in the template.",
            )
        return None
    sheet, header_row, positions, ignored, body, header = found
    problems.rows_read[table] = len(body)
    if ignored and table != "benchmark":
        problems.add(
            "note",
            sheet_name,
            [header_row],
            ", ".join(ignored),
            "",
            "These columns are not part of the format and were not read.",
            "Nothing to do, unless one of them was meant to be a column of the format: "
            "then use the heading the template gives it.",
        )
    missing = [c for c in sheet.columns if c.required and c.name not in positions]
    if table == "benchmark":
        missing = [c for c in missing if c.name in ("service", "year")]
    absent = [c.heading for c in sheet.columns if c.expected and c.name not in positions]
    if absent:
        problems.add(
            "warning",
            sheet_name,
            [header_row],
            ", ".join(absent),
            "",
            f"The sheet has no {', '.join(absent)} column, so the figures that need it "
            "cannot be worked out.",
            "Add the column, using the heading the template gives it.",
        )
    if missing:
        names = ", ".join(c.heading for c in missing)
        if table == "services":
            raise UnreadableError(
                f"The {sheet_name} sheet has no {names} column (looked for in the top "
                f"{HEADER_SCAN_ROWS} rows); add it, using the headings of the template."
            )
        problems.add(
            "error",
            sheet_name,
            [header_row],
            names,
            "",
            f"The sheet has no {names} column, so it was not read.",
            "Add the column, using the heading the template gives it.",
        )
        return None
    frame = pd.DataFrame(index=body.index)
    bad = pd.Series(False, index=body.index)
    read: dict[int, Distinct] = {}  # raw column position -> its distinct values, read once
    # Totals and notes rows at the foot of a list are left out quietly but said.
    key_cols = [positions[c] for c in ("service", "provider") if c in positions]
    if key_cols and table in ("services", "funding"):
        totals = pd.Series(False, index=body.index)
        unlabelled = pd.Series(True, index=body.index)
        for position in key_cols:  # column by column: also right for a sheet of no rows
            label = read[position] = Distinct(body[position])
            totals |= label.spread(
                [t is not None and bool(_TOTALS.search(t)) for t in label.text], False
            ).astype(bool)
            unlabelled &= label.spread([t is None for t in label.text], True).to_numpy(bool)
        last_labelled = body.index[~unlabelled].max() if (~unlabelled).any() else 0
        totals |= unlabelled & (body.index > last_labelled)
        problems.add(
            "note",
            sheet_name,
            body.index[totals],
            "",
            body.loc[totals, key_cols[0]],
            "This looks like a totals or notes row, so it was left out.",
            "Nothing to do: totals are worked out by the dashboard.",
        )
        if totals.any():
            body, frame, bad = without(body, totals), without(frame, totals), without(bad, totals)
            read = {}  # read again, without the rows left out
    problems.rows_read[table] = len(body)
    for col in sheet.columns:
        if col.name in positions and not col.kind.startswith(("percent", "statement")):
            position = positions[col.name]
            frame[col.name] = clean_column(
                col,
                read.get(position, body[position]),
                sheet_name,
                column_letter(positions[col.name]),
                problems,
                bad,
                headed(header, positions, col.name),
            )
    return Parsed(frame, bad, body, positions, header, header_row)


def headed(header: pd.Series, positions: dict[str, int], name: str) -> str:
    """A column's heading as the file has it ('Provider type'), for the messages."""
    if name in positions:
        text = cell_text(header[positions[name]])
        if text:
            return text
    return next(c.heading for s in contract.SHEETS for c in s.columns if c.name == name)


def without(frame: pd.DataFrame | pd.Series, left_out: pd.Series):
    """The rows not ``left_out``: the frame itself when none is (a big sheet is not copied)."""
    return frame.loc[~left_out] if left_out.any() else frame


def finish(frame: pd.DataFrame, sheet: Sheet) -> pd.DataFrame:
    """Every column of the sheet present, in contract order, plus the source row number."""
    names = [c.name for c in sheet.columns]
    out = frame.reindex(columns=[n for n in names if n not in ("statement",)])
    for col in sheet.columns:
        if col.name not in out:
            continue
        if col.kind in ("money", "number", "percent", "target"):
            out[col.name] = out[col.name].astype("float64")
        elif out[col.name].dtype != "string":  # also columns absent from the sheet (all NA)
            out[col.name] = out[col.name].astype("string")
    out.insert(len(out.columns), "row", out.index.astype("int64"))
    return out.reset_index(drop=True)


def identified(
    found: Parsed, column: str, identify, problems, sheet_name, severity, problem, fix
) -> tuple[pd.Series, pd.Series]:
    """Read a column of IDs with ``identify`` (cell text -> ID or None); report the cells it
    cannot place. Returns the IDs and the mask of unplaced cells."""
    cells = found.body[found.positions[column]]
    distinct = Distinct(cells)
    ids = distinct.read(identify)
    wrong = ids.isna() & ~distinct.blank
    heading = headed(found.header, found.positions, column)
    problems.add(
        severity,
        sheet_name,
        cells.index[wrong],
        heading,
        cells[wrong],
        problem,
        fix,
        column_letter(found.positions[column]),
    )
    return ids, wrong

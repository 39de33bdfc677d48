"""Raw sheets -> tidy, typed tables with canonical vocabularies, and a table of problems.

Every problem is a record naming the sheet, the spreadsheet row, the column and the value
found, saying what is wrong and how to fix it. A bad row is left out (severity "error") or
kept with the bad value blanked (severity "warning"); nothing stops the rest loading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import pandas as pd

from dayserv import contract, frameworks
from dayserv.contract import Column, Sheet, norm_key
from dayserv.figures import access
from dayserv.read.reader import DEFAULT_LIMITS, Limits, Source, UnreadableError, read_sources

PROBLEM_COLUMNS = ["severity", "sheet", "row", "column", "cell", "value", "problem", "fix"]
SEVERITIES = ("error", "warning", "note")
HEADER_SCAN_ROWS = 30
_TOTALS = re.compile(r"^\s*(?:grand\s+|sub\s*-?\s*)?totals?\b|^\s*(?:sum|all services)\s*$", re.I)
_YEAR = re.compile(r"^(?:fy)?\s*(\d{4}|\d{2})(?:\s*[/\-–_]\s*(\d{4}|\d{2}))?$")
_STATEMENT = re.compile(r"(?<![\d.])([1-8])\s*\.\s*(\d{1,2})\s*([abc]?)(?![\d])", re.I)
# Heading words that say nothing about which column it is.
_HEADING_NOISE = ("yesno", "gbp", "pounds", "percent", "pct", "perannum", "peryear", "number")


@dataclass
class Portfolio:
    """A loaded portfolio: tidy tables, the problems met, and where they came from."""

    tables: dict[str, pd.DataFrame]
    problems: pd.DataFrame
    sources: tuple[str, ...]
    sheets: dict[str, str] = field(default_factory=dict)  # table -> sheet name as found
    rows_read: dict[str, int] = field(default_factory=dict)  # table -> data rows in its sheet

    @property
    def services(self) -> pd.DataFrame:
        return self.tables["services"]

    @property
    def funding(self) -> pd.DataFrame:
        return self.tables["funding"]

    @property
    def benchmark(self) -> pd.DataFrame:
        return self.tables["benchmark"]

    def has(self, table: str) -> bool:
        """Whether the workbook had this sheet (even if none of its rows could be used)."""
        return table in self.sheets

    @property
    def source_label(self) -> str:
        return ", ".join(self.sources)


# ---------------------------------------------------------------- problem records


def _letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class _Problems:
    """Collects problem records for one load, and how many data rows each sheet had."""

    def __init__(self) -> None:
        self.frames: list[pd.DataFrame] = []
        self.rows_read: dict[str, int] = {}

    def add(self, severity, sheet, rows, column, values, problem, fix, cell_letter=None):
        """Record one problem per row in ``rows`` (vectorised: rows and values align)."""
        rows = pd.Index(rows)
        if len(rows) == 0:
            return
        values = pd.Series(values, index=rows) if not np.isscalar(values) else values
        if not isinstance(problem, str):  # a message per row, aligned with the rows
            problem = np.asarray(problem, dtype=object)
        cells = ""
        if cell_letter is not None:
            letters = pd.Series(np.broadcast_to(np.asarray(cell_letter, dtype=object), len(rows)))
            cells = (letters + pd.Series(rows.astype(str))).to_numpy()
        self.frames.append(
            pd.DataFrame(
                {
                    "severity": severity,
                    "sheet": sheet,
                    "row": np.asarray(rows, dtype="float"),
                    "column": column,
                    "cell": cells,
                    "value": _map_unique(pd.Series(values, index=rows), _as_in_cell, "").to_numpy()
                    if not np.isscalar(values)
                    else _as_in_cell(values),
                    "problem": problem,
                    "fix": fix,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self.frames:
            return empty_problems()
        out = pd.concat(self.frames, ignore_index=True)
        out["row"] = out["row"].astype("Int64")
        out["severity"] = pd.Categorical(out["severity"], SEVERITIES, ordered=True)
        return out.sort_values(["severity", "sheet", "row"], kind="stable", ignore_index=True)


def _as_in_cell(value) -> str:
    """A cell's value as the spreadsheet shows it: 12 not 12.0, a date as 2024-04-01."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat().removesuffix("T00:00:00")
    return str(value)


def empty_problems() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="string") for c in PROBLEM_COLUMNS})
    out["row"] = out["row"].astype("Int64")
    return out


# ---------------------------------------------------------------- cell parsing


def _map_unique(values: pd.Series, parse, missing=None) -> pd.Series:
    """Apply ``parse`` once per distinct cell value (most columns repeat a few values)."""
    codes, uniques = pd.factorize(values.to_numpy(object))
    parsed = np.empty(len(uniques) + 1, dtype=object)
    parsed[:-1] = [parse(u) for u in uniques]
    parsed[-1] = missing
    return pd.Series(parsed[codes], index=values.index, dtype=object)


def _cell_text(value) -> str | None:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = " ".join(str(value).split())
    return text or None


def _text(values: pd.Series) -> pd.Series:
    """Cells as trimmed text with inner spaces collapsed; NA for empty cells."""
    return _map_unique(values, _cell_text).astype("string")


def _year_label(value: str) -> str | None:
    match = _YEAR.match(value.lower().replace(" ", "")) or _YEAR.match(value.lower())
    if not match:
        return None
    start_text, end_text = match.groups()
    start = int(start_text) + (2000 if len(start_text) == 2 else 0)
    if end_text is not None:
        end = int(end_text)
        if (len(end_text) == 2 and end != (start + 1) % 100) or (
            len(end_text) == 4 and end != start + 1
        ):
            return None
    if not 1990 <= start <= 2100:
        return None
    return f"{start}/{(start + 1) % 100:02d}"


def _year_of(value) -> str | None:
    if hasattr(value, "year") and hasattr(value, "month"):
        # A date stands for the financial year (April to March) that contains it.
        start = value.year - (value.month < 4)
        return f"{start}/{(start + 1) % 100:02d}"
    text = _cell_text(value)
    return _year_label(text) if text else None


def parse_year(values: pd.Series) -> pd.Series:
    """Year cells -> financial-year labels like '2024/25' (NA where unreadable)."""
    return _map_unique(values, _year_of).astype("string")


def _numbers(values: pd.Series, parse_text) -> pd.Series:
    """Numeric cells as they are; only cells holding text go through ``parse_text``."""
    number = pd.to_numeric(values, errors="coerce").astype("float64")
    if number.isna().any():
        text = values[number.isna() & ~_blank(values)]
        number[text.index] = parse_text(text.astype("string").str.lower())
    return number


def _money_text(text: pd.Series) -> pd.Series:
    text = text.str.replace(r"[£,\s]|gbp", "", regex=True)
    scale = np.where(
        text.str.endswith("k").fillna(False),
        1e3,
        np.where(text.str.endswith("m").fillna(False), 1e6, 1.0),
    )
    return pd.to_numeric(text.str.rstrip("km"), errors="coerce").astype("float64") * scale


def parse_money(values: pd.Series) -> pd.Series:
    """£12,500, 12,500.00, 12500, £12.5k, £1.2m -> pounds as float (NaN where unreadable)."""
    return _numbers(values, _money_text)


def parse_number(values: pd.Series) -> pd.Series:
    """Plain numbers, also written with commas or a trailing %; NaN where unreadable."""
    return _numbers(
        values,
        lambda text: pd.to_numeric(
            text.str.replace(r"[,\s%]", "", regex=True), errors="coerce"
        ).astype("float64"),
    )


def _blank(values: pd.Series) -> pd.Series:
    """Empty cells (also a lone dash, as people write for 'nothing')."""
    return _map_unique(values, lambda v: _cell_text(v) in (None, "-", "–"), True).astype(bool)


# ---------------------------------------------------------------- sheets and headers


def _heading_key(cell: object) -> str:
    key = norm_key(cell)
    for noise in _HEADING_NOISE:
        if key.endswith(noise) and len(key) > len(noise):
            key = key[: -len(noise)]
    return key


def statement_id(cell: object) -> str | None:
    """A statement ID found in a cell ('2.10', 'Statement 1.2a', 2.1 as a number)."""
    if isinstance(cell, float):
        cell = repr(cell)
    match = _STATEMENT.search(str(cell))
    if not match:
        return None
    section, number, letter = match.groups()
    candidate = f"{section}.{int(number)}{letter.lower()}"
    return candidate if candidate in frameworks.STATEMENT_IDS else None


def _ambiguous_ten(cell: object) -> bool:
    """A cell reading 2.1, 6.1 or 7.1 that a spreadsheet may have made of 2.10, 6.10, 7.10."""
    if isinstance(cell, str):
        text = cell.strip()
        return bool(re.fullmatch(r"[267]\.1", text))
    return isinstance(cell, float) and cell in (2.1, 6.1, 7.1)


def _find_header(raw: pd.DataFrame, lookup: dict[str, str], statements: bool):
    """The header row (spreadsheet number) and its match count, searching the top rows."""
    top = raw.head(HEADER_SCAN_ROWS)
    best_row, best_score = None, 0
    for row_number, cells in top.iterrows():  # at most 30 rows
        names = {lookup.get(_heading_key(c)) for c in cells if str(c).strip()} - {None}
        score = len(names)
        if statements:
            score += min(sum(statement_id(c) is not None for c in cells), 10)
        if score > best_score:
            best_row, best_score = row_number, score
    return best_row, best_score


def _match_sheets(raw_sheets: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Table name -> raw sheet name: by sheet name first, then by the headers inside."""
    by_name = contract.sheet_lookup()
    matched: dict[str, str] = {}
    unmatched = []
    for name in raw_sheets:
        key = norm_key(name)
        sheet = by_name.get(key)
        if sheet is None:
            sheet = next(
                (
                    s
                    for k, s in sorted(by_name.items(), key=lambda kv: -len(kv[0]))
                    if len(k) >= 5 and k in key
                ),
                None,
            )
        table = _table_of(sheet) if sheet else None
        if table and table not in matched:
            matched[table] = name
        else:
            unmatched.append(name)
    for name in unmatched:
        for table, sheet in contract.TABLES.items():
            if table in matched:
                continue
            lookup = contract.column_lookup(sheet)
            _, score = _find_header(raw_sheets[name], lookup, table == "benchmark")
            required = sum(c.required for c in sheet.columns)
            if score >= max(required, 2):
                matched[table] = name
                break
    return matched


def _table_of(sheet: Sheet) -> str:
    return next(t for t, s in contract.TABLES.items() if s is sheet)


def _drop_blank(raw: pd.DataFrame) -> pd.DataFrame:
    cells = raw.to_numpy(object)
    filled = ~(pd.isna(cells) | (cells == ""))
    return raw.loc[filled.any(axis=1), filled.any(axis=0)]


def _columns(raw, sheet: Sheet, header_row, problems: _Problems):
    """Map header cells to tidy names; returns {tidy name: raw column position}."""
    lookup = contract.column_lookup(sheet)
    found: dict[str, int] = {}
    ignored = []
    for position, cell in raw.loc[header_row].items():
        if not str(cell).strip():
            continue
        name = lookup.get(_heading_key(cell))
        if name is None:
            ignored.append(str(cell).strip())
        elif name in found:
            problems.add(
                "warning",
                sheet.name,
                [header_row],
                str(cell).strip(),
                cell,
                f"A second column is headed like {contract.heading(_table_of(sheet), name)!r}; "
                "only the first was read.",
                "Rename or delete one of the two columns.",
                _letter(position),
            )
        else:
            found[name] = position
    return found, ignored


# ---------------------------------------------------------------- the generic column cleaners


# Values no service's figures can hold: they are typing slips (a year in the funding column,
# a figure in pence), not facts, so they are blanked and said.
IMPLAUSIBLE = {"funding": 1e9, "amount": 1e9, "places": 1e6, "people": 1e6}


def _clean_column(col: Column, cells: pd.Series, sheet, letter, problems, bad, label=None):
    """Parse one column; record problems; mark rows to leave out in ``bad``.

    ``label`` is the column's heading as the file has it, for the messages."""
    blank = _blank(cells)
    label = label or col.heading
    if col.kind == "text":
        out = _text(cells)
        out = out.mask(blank)
    elif col.kind == "year":
        out = parse_year(cells)
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
        out = _map_unique(_text(cells), lambda v: contract.canonical(vocab, v))
        out = out.astype("string")
        wrong = out.isna() & ~blank
        allowed = ", ".join(contract.vocabulary(vocab))
        what = "the row was left out" if col.required else "the value was left blank"
        problems.add(
            "error" if col.required else "warning",
            sheet,
            cells.index[wrong],
            label,
            cells[wrong],
            f"Not a {label} the dashboard knows; {what}.",
            f"Use one of: {allowed}.",
            letter,
        )
        if col.required:
            bad |= wrong
    elif col.kind in ("money", "number"):
        out = parse_money(cells) if col.kind == "money" else parse_number(cells)
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
            f"Fill in {label}.",
            letter,
        )
        if col.required:
            bad |= missing
    return out


def _read_sheet(raw: pd.DataFrame, table: str, problems: _Problems):
    """Find the header, map columns, parse generic columns. Returns (frame, positions, letters)."""
    sheet = contract.TABLES[table]
    raw = _drop_blank(raw)
    if raw.empty:
        return None
    header_row, score = _find_header(raw, contract.column_lookup(sheet), table == "benchmark")
    if header_row is None or score < 2:
        return None
    positions, ignored = _columns(raw, sheet, header_row, problems)
    body = raw.loc[raw.index > header_row]
    return sheet, header_row, positions, ignored, body, raw.loc[header_row]


# ---------------------------------------------------------------- per-sheet cleaning


def _shares_text(values: pd.DataFrame) -> pd.Series:
    """A row's set of shares as found, e.g. '5000 / blank / 0', for a message."""
    text = values.round(1).astype(object).map(lambda v: "blank" if pd.isna(v) else f"{v:g}")
    return text.agg(" / ".join, axis=1) if len(text) else pd.Series(dtype=object)


def _percent_group(frame, names, category, mapping, found, sheet, problems):
    """Parse a set of share columns that must add up to 100 (or their category alternative)."""
    body, positions = found.body, found.positions
    present_cols = [n for n in names if n in positions]
    values = pd.DataFrame(index=body.index, columns=names, dtype="float64")
    marked = pd.DataFrame(False, index=body.index, columns=names)
    unreadable = pd.Series(False, index=body.index)
    headings = [headed(found.header, positions, n) for n in names]
    for name in present_cols:
        cells = body[positions[name]]
        text = cells.astype("string").str.strip()
        marked[name] = text.str.endswith("%").fillna(False)
        number = parse_number(cells)
        wrong = number.isna() & ~_blank(cells)
        problems.add(
            "warning",
            sheet,
            cells.index[wrong],
            headed(found.header, positions, name),
            cells[wrong],
            "This is not a percentage; the row's "
            + " / ".join(headings)
            + " were left out of the figures.",
            "Write a number from 0 to 100, e.g. 40 or 40%.",
            _letter(positions[name]),
        )
        unreadable |= wrong
        values[name] = number
    n_present = values.notna().sum(axis=1)
    total = values.sum(axis=1, min_count=1)
    no_marks = ~marked.any(axis=1)
    col_fractional = {n: values[n].where(~marked[n]).max() <= 1 for n in present_cols}
    single_fraction = pd.Series(False, index=body.index)
    for n in present_cols:
        single_fraction |= values[n].notna() & bool(col_fractional[n])
    # Fractions (0.4 for 40%, or cells formatted as percentages) are scaled to 0-100.
    fractions = (
        no_marks & values.max(axis=1).le(1) & total.le(1.011) & (n_present.ge(2) | single_fraction)
    )
    values = values.mul(np.where(fractions, 100.0, 1.0), axis=0)
    total = values.sum(axis=1, min_count=1)
    missing = values.isna()
    # Where some are blank, the blanks take what is left of 100 (0 when the rest add to 100).
    fill_one = n_present.eq(len(names) - 1) & total.le(100.5)
    fill_zero = n_present.between(1, len(names) - 1) & (total - 100).abs().le(0.5)
    remainder = (100 - total).clip(lower=0)
    for name in names:
        values.loc[missing[name] & fill_zero, name] = 0.0
        values.loc[missing[name] & fill_one & ~fill_zero, name] = remainder
    # Said only where the user left a cell blank, not where the sheet lacks the column.
    blank_cell = missing[present_cols].any(axis=1) if present_cols else False
    inferred = fill_one & ~fill_zero & (remainder > 0.5) & blank_cell
    problems.add(
        "warning",
        sheet,
        body.index[inferred],
        " / ".join(headings),
        _shares_text(values.loc[inferred]),
        "One share was blank; it was taken as what is left of 100.",
        "Fill in every share so that they add up to 100.",
    )
    total = values.sum(axis=1, min_count=1)
    out_of_range = (values.lt(0) | values.gt(100)).any(axis=1) & ~unreadable
    problems.add(
        "warning",
        sheet,
        body.index[out_of_range],
        " / ".join(headings),
        _shares_text(values.loc[out_of_range]),
        "A share is below 0 or above 100; these shares were left out of the figures.",
        "Write each share as a number from 0 to 100.",
    )
    # The total is checked only where every share of the set is known.
    wrong_total = values.notna().all(axis=1) & ((total - 100).abs() > 1)
    wrong_total &= ~unreadable & ~out_of_range
    problems.add(
        "warning",
        sheet,
        body.index[wrong_total],
        " / ".join(headings),
        total[wrong_total].round(1).astype(str),
        "These shares add up to "
        + total[wrong_total].round(1).astype(str)
        + ", not 100; they were left out of the figures.",
        "Make " + " + ".join(headings) + " add up to 100.",
    )
    bad = wrong_total | out_of_range
    values[bad | unreadable] = np.nan
    # Rows with no shares may give the single category column instead.
    if category in positions:
        cells = body[positions[category]]
        col = next(c for c in contract.SERVICES.columns if c.name == category)
        cats = _clean_column(
            col,
            cells,
            sheet,
            _letter(positions[category]),
            problems,
            pd.Series(False, index=body.index),
            headed(found.header, positions, category),
        )
        use = values.isna().all(axis=1) & ~(bad | unreadable) & cats.notna()
        for value, index in mapping.items():
            rows = use & cats.eq(value).fillna(False)
            if index is None:
                values.loc[rows, list(names)] = 100.0 / len(names)
            else:
                values.loc[rows, list(names)] = 0.0
                values.loc[rows, names[index]] = 100.0
        frame[category] = cats
    for name in names:
        frame[name] = values[name]


class _Parsed(NamedTuple):
    """A sheet with its generic columns parsed, before its own cleaner finishes it."""

    frame: pd.DataFrame  # parsed columns, indexed by spreadsheet row
    bad: pd.Series  # rows to leave out
    body: pd.DataFrame  # the raw cells below the header
    positions: dict[str, int]  # tidy column -> raw column position
    header: pd.Series  # the header row's cells
    header_row: int


def _clean_table(raw, table, problems: _Problems, sheet_name=None) -> _Parsed | None:
    sheet = contract.TABLES[table]
    sheet_name = sheet_name or sheet.name
    found = _read_sheet(raw, table, problems)
    # Until a header is found, every filled row counts as a row of the sheet not used.
    problems.rows_read[table] = len(_drop_blank(raw))
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
    # Totals and notes rows at the foot of a list are left out quietly but said.
    key_cols = [positions[c] for c in ("service", "provider") if c in positions]
    if key_cols and table in ("services", "funding"):
        totals = pd.Series(False, index=body.index)
        unlabelled = pd.Series(True, index=body.index)
        for position in key_cols:  # column by column: also right for a sheet of no rows
            label = _text(body[position])
            totals |= label.str.contains(_TOTALS).fillna(False).astype(bool)
            unlabelled &= label.isna().to_numpy()
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
        body = body.loc[~totals]
        frame = frame.loc[body.index]
        bad = bad.loc[body.index]
    problems.rows_read[table] = len(body)
    for col in sheet.columns:
        if col.name in positions and not col.kind.startswith(("percent", "statement")):
            cells = body[positions[col.name]]
            frame[col.name] = _clean_column(
                col,
                cells,
                sheet_name,
                _letter(positions[col.name]),
                problems,
                bad,
                headed(header, positions, col.name),
            )
    return _Parsed(frame, bad, body, positions, header, header_row)


def headed(header: pd.Series, positions: dict[str, int], name: str) -> str:
    """A column's heading as the file has it ('Provider type'), for the messages."""
    if name in positions:
        text = _cell_text(header[positions[name]])
        if text:
            return text
    return next(c.heading for s in contract.SHEETS for c in s.columns if c.name == name)


def _services(raw, problems, sheet_name) -> pd.DataFrame:
    found = _clean_table(raw, "services", problems, sheet_name)
    if found is None:  # pragma: no cover - load() only passes a sheet whose header matched
        raise UnreadableError(
            f"The {sheet_name} sheet has no header row with Service, Provider, Year and Sector "
            f"in its top {HEADER_SCAN_ROWS} rows; add one, using the headings of the template."
        )
    frame, bad, body, positions = found[:4]
    for names, category, mapping in contract.SHARE_GROUPS:
        _percent_group(frame, names, category, mapping, found, sheet_name, problems)
    if "groups_served" in positions:
        frame["groups_served"] = _groups(
            body[positions["groups_served"]],
            sheet_name,
            _letter(positions["groups_served"]),
            problems,
            headed(found.header, positions, "groups_served"),
        )
    for col in contract.SERVICES.columns:
        if col.kind == "hours" and col.name in positions:
            frame[col.name] = _hours(
                body[positions[col.name]],
                col,
                sheet_name,
                _letter(positions[col.name]),
                problems,
                headed(found.header, positions, col.name),
            )
    frame = frame.loc[~bad]
    _repeats(frame, ["service", "provider", "year"], found, sheet_name, problems)
    frame = frame.loc[~frame.duplicated(["service", "provider", "year"], keep="first")]
    return _finish(frame, contract.SERVICES)


def _repeats(frame, keys: list[str], found: _Parsed, sheet_name: str, problems) -> None:
    """Say, for each row repeating an earlier row's ``keys``, which row it repeats."""
    duplicate = frame.duplicated(keys, keep="first")
    if not duplicate.any():
        return
    first_row = (
        pd.Series(frame.index, index=frame.index)
        .groupby([frame[k].fillna("") for k in keys], sort=False)
        .transform("first")
    )
    rows = frame.index[duplicate]
    headings = [headed(found.header, found.positions, k) for k in keys]
    words = ", ".join(headings[:-1]) + " and " + headings[-1]
    problems.add(
        "error",
        sheet_name,
        rows,
        headed(found.header, found.positions, keys[0]),
        frame.loc[duplicate, keys[0]],
        "This row repeats row "
        + first_row[duplicate].astype(str)
        + f" (the same {words} again); it was left out.",
        "Delete the repeated row, or give the two services different names.",
    )


def _groups(cells, sheet, letter, problems, label) -> pd.Series:
    synonyms = contract.VALUE_SYNONYMS["group"]
    order = {g: i for i, g in enumerate(contract.GROUPS)}

    def parts(text):
        return [p.strip() for p in re.split(r"[;,/\n]|\band\b", str(text)) if p.strip()]

    def known(text):
        found = {synonyms[norm_key(p)] for p in parts(text) if norm_key(p) in synonyms}
        return "; ".join(sorted(found, key=order.get)) or None

    text = _text(cells)
    unknown = _map_unique(
        text, lambda t: " and ".join(repr(p) for p in parts(t) if norm_key(p) not in synonyms), ""
    )
    has_unknown = unknown.ne("")
    problems.add(
        "warning",
        sheet,
        cells.index[has_unknown],
        label,
        cells[has_unknown],
        unknown[has_unknown]
        + " is not one of the groups the dashboard knows; it was left out of "
        + label
        + ".",
        "Use: " + "; ".join(contract.GROUPS) + ".",
        letter,
    )
    return _map_unique(text, known).astype("string")


def _hours(cells, col: Column, sheet, letter, problems, label) -> pd.Series:
    """A day's opening hours in their tidy form ('09:00-17:00, 18:00-21:00', 'Closed');
    NA where blank or unreadable (said as a warning)."""
    blank = _blank(cells)
    tidy = _map_unique(cells.where(~blank), access.tidy_hours).astype("string")
    tidy = tidy.mask(blank)
    wrong = tidy.isna() & ~blank
    day = access.DAY_NAMES[access.DAY_COLUMNS.index(col.name)]
    problems.add(
        "warning",
        sheet,
        cells.index[wrong],
        label,
        cells[wrong],
        f"These are not opening hours the dashboard can read; {day}'s hours were left blank.",
        "Write hours as 09:00-17:00 or 9am-5pm, several spans separated by commas "
        "(10:00-14:00, 18:00-21:00), 24 hours, or closed.",
        letter,
    )
    return tidy


def _finish(frame: pd.DataFrame, sheet: Sheet) -> pd.DataFrame:
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


def _funding(raw, problems, sheet_name):
    found = _clean_table(raw, "funding", problems, sheet_name)
    if found is None:
        return None
    frame, bad = found[:2]
    return _finish(frame.loc[~bad], contract.FUNDING)


def _identified(
    found: _Parsed, column: str, identify, problems, sheet_name, severity, problem, fix
) -> tuple[pd.Series, pd.Series]:
    """Read a column of IDs with ``identify`` (cell text -> ID or None); report the cells it
    cannot place. Returns the IDs and the mask of unplaced cells."""
    cells = found.body[found.positions[column]]
    ids = _map_unique(_text(cells), identify).astype("string")
    wrong = ids.isna() & ~_blank(cells)
    heading = headed(found.header, found.positions, column)
    problems.add(
        severity,
        sheet_name,
        cells.index[wrong],
        heading,
        cells[wrong],
        problem,
        fix,
        _letter(found.positions[column]),
    )
    return ids, wrong


def _good_practice(raw, problems, sheet_name):
    found = _clean_table(raw, "good_practice", problems, sheet_name)
    if found is None:
        return None
    frame, bad, body, positions = found[:4]
    features = {f.id: f.id for f in frameworks.FEATURES}
    features.update({norm_key(f.text): f.id for f in frameworks.FEATURES})
    features.update({norm_key(f.id): f.id for f in frameworks.FEATURES})
    features.update({str(i): f"A{i}" for i in range(1, 8)})
    features.update({"outcomes": "B", "outcome": "B"})

    def feature(text):
        key = norm_key(text)
        key = re.sub(r"^(keyfeature|feature)", "", key)
        return features.get(key) or features.get(key[:2].upper() if key[:1] == "a" else key)

    ids, wrong = _identified(
        found,
        "feature",
        feature,
        problems,
        sheet_name,
        "error",
        "Not one of the good-practice guide's features; the row was left out.",
        "Use A1 to A7 for the key features, or B for outcomes.",
    )
    frame["feature"] = ids
    return _finish(frame.loc[~(bad | wrong)], contract.GOOD_PRACTICE)


def _checklist(raw, problems, sheet_name):
    found = _clean_table(raw, "checklist", problems, sheet_name)
    if found is None:
        return None
    frame, bad, body, positions = found[:4]
    by_key = {norm_key(q.text): q.id for q in frameworks.KEY_QUESTIONS}
    by_key.update({norm_key(q.id): q.id for q in frameworks.KEY_QUESTIONS})

    def question(text):
        key = norm_key(text)
        if key in by_key:
            return by_key[key]
        match = re.match(r"^([pfco]\d{1,2}\.\d{1,2})", str(text).strip().lower())
        return by_key.get(norm_key(match.group(1))) if match else None

    ids, _ = _identified(
        found,
        "question",
        question,
        problems,
        sheet_name,
        "warning",
        "Not one of the checklist's key questions; kept, but not linked to a heading.",
        "Copy the question's words, or its ID (e.g. P1.1), from the template.",
    )
    frame["question_id"] = ids
    frame["question"] = _text(body[positions["question"]])
    out = _finish(frame.loc[~bad], contract.CHECKLIST)
    out.insert(0, "question_id", frame.loc[~bad, "question_id"].to_numpy())
    return out


def _kpis(raw, problems, sheet_name):
    found = _clean_table(raw, "kpis", problems, sheet_name)
    if found is None:
        return None
    frame, bad = found[:2]

    def kpi(text):
        match = re.fullmatch(r"r?(\d{1,2})", norm_key(text)) or re.match(
            r"^r(\d{1,2})", norm_key(text)
        )
        return f"R{int(match.group(1))}" if match and 1 <= int(match.group(1)) <= 12 else None

    ids, wrong = _identified(
        found,
        "kpi",
        kpi,
        problems,
        sheet_name,
        "error",
        "Not one of the KPIs R1 to R12; the row was left out.",
        "Use the KPI reference, R1 to R12.",
    )
    frame["kpi"] = ids
    return _finish(frame.loc[~(bad | wrong)], contract.KPIS)


def measure_of(text) -> str | None:
    """A Targets 'Outcome' cell -> the measure key it names."""
    key = norm_key(text)
    for measure in contract.MEASURES:
        if key == norm_key(measure):
            return measure
    for outcome in frameworks.OUTCOMES:
        spellings = (outcome.id, outcome.id[1:], outcome.text, outcome.label)
        if key in {norm_key(s) for s in spellings} or (
            key.startswith(norm_key(outcome.id)) and len(key) > 2 and not key[2].isdigit()
        ):
            return outcome.headline
    synonyms = {
        "userrun": "user_run_share",
        "userrunshare": "user_run_share",
        "vocational": "vocational_share",
        "building": "building_share",
        "buildingbased": "building_share",
        "individual": "individual_share",
        "noncore": "non_core_funding_share",
        "noncorefunding": "non_core_funding_share",
        "diversity": "provider_diversity",
        "outreach": "outreach_share",
        "mainstream": "mainstream_share",
        "numberofproviders": "providers",
    }
    return synonyms.get(key)


def _targets(raw, problems, sheet_name):
    found = _clean_table(raw, "targets", problems, sheet_name)
    if found is None:
        return None
    frame, bad, body, positions = found[:4]
    measures, wrong = _identified(
        found,
        "outcome",
        measure_of,
        problems,
        sheet_name,
        "error",
        "Not a measure the dashboard knows; the target was left out.",
        "Use a measure's name, e.g. " + ", ".join(contract.MEASURES[:4]) + ".",
    )
    target_cells = body[positions["target"]]
    number = parse_number(target_cells)
    marked = target_cells.astype("string").str.strip().str.endswith("%").fillna(False)
    is_share = measures.isin([m for m in contract.MEASURES if m.endswith(("_share", "diversity"))])
    as_fraction = is_share.to_numpy(bool) & (marked.to_numpy(bool) | number.gt(1).to_numpy(bool))
    number = number.where(~as_fraction, number / 100)
    unreadable = number.isna() & ~_blank(target_cells)
    problems.add(
        "error",
        sheet_name,
        target_cells.index[unreadable],
        headed(found.header, positions, "target"),
        target_cells[unreadable],
        "The target is not a number; it was left out.",
        "Write a number: a share as 20% or 0.2, a count as 20.",
        _letter(positions["target"]),
    )
    frame["outcome"] = measures
    frame["target"] = number
    return _finish(frame.loc[~(bad | wrong | unreadable)], contract.TARGETS)


_SECTION_LAST = {}
for _sid in frameworks.STATEMENT_IDS:
    _SECTION_LAST[int(_sid.split(".")[0])] = _sid


def _ten_or_one(ambiguous_id: str, before, after) -> str | None:
    """Resolve X.1 vs X.10 from the statements either side, or None when not certain."""
    section = int(ambiguous_id[0])
    if before == f"{section}.9" or after == f"{section}.11":
        return f"{section}.10"
    if before == _SECTION_LAST.get(section - 1) or after == f"{section}.2":
        return f"{section}.1"
    return None


def _responses(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Response cells -> codes into contract.RESPONSES (-1 blank), and unreadable cells."""
    synonyms = contract.VALUE_SYNONYMS["response"]
    position = {code: i for i, code in enumerate(contract.RESPONSES)}
    codes, uniques = pd.factorize(values.ravel())
    parsed, unknown = [], []
    for value in uniques:
        text = _cell_text(value)
        blank = text in (None, "-", "–")
        parsed.append(-1 if blank else position.get(synonyms.get(norm_key(text)), -2))
        unknown.append(parsed[-1] == -2)
    parsed_arr = np.array(parsed + [-1], dtype="int8")
    unknown_arr = np.array(unknown + [False])
    return (
        np.maximum(parsed_arr[codes], -1).reshape(values.shape),
        unknown_arr[codes].reshape(values.shape),
    )


def _categorical(values, categories=None) -> pd.Categorical:
    return pd.Categorical(values, categories=categories)


def _benchmark(raw, problems, sheet_name):
    found = _clean_table(raw, "benchmark", problems, sheet_name)
    if found is None:
        return None
    frame, bad, body, positions = found[:4]
    if "statement" in positions and "response" in positions:
        long = _long_benchmark(frame, bad, found, problems, sheet_name)
    else:
        long = _wide_benchmark(
            frame, bad, body, found.header, found.header_row, problems, sheet_name
        )
        if long is None:
            problems.add(
                "error",
                sheet_name,
                [found.header_row],
                "Statement",
                "",
                "The sheet has neither Statement and Response columns (long form) nor a "
                "column per statement ID (wide form), so it was not read.",
                "Use the template's Benchmark sheet.",
            )
            return None
    section = {s: frameworks.statement_section(s) for s in frameworks.STATEMENT_IDS}
    points = {r.code: r.points for r in frameworks.RESPONSES}
    long["section"] = long["statement"].map(section).astype("int64")
    long["points"] = long["response"].map(points).astype("float64")
    order = ["service", "year", "respondent", "statement", "section", "response", "points", "row"]
    return long[order]


def _unknown_responses(problems, sheet_name, cells, rows, letters, label):
    problems.add(
        "warning",
        sheet_name,
        rows,
        label,
        cells,
        "Not a response of the benchmark's key; it was left out of the scores.",
        "Use the benchmark's key: YD, YAB, NP, NAA or N/A.",
        letters,
    )


def _long_benchmark(frame, bad, found: _Parsed, problems, sheet_name):
    body, positions = found.body, found.positions
    label = headed(found.header, positions, "statement")
    cells = body[positions["statement"]]
    letter = _letter(positions["statement"])
    codes, uniques = pd.factorize(cells.to_numpy(object))
    ids = np.array([statement_id(u) for u in uniques] + [None], dtype=object)[codes]
    ambiguous = np.array([_ambiguous_ten(u) for u in uniques] + [False])[codes]
    wrong = pd.isna(ids) & ~_blank(cells).to_numpy()
    problems.add(
        "error",
        sheet_name,
        cells.index[wrong],
        label,
        cells[wrong],
        "Not one of the benchmark's 65 statement IDs; the row was left out.",
        "Use the statement's ID as the benchmark numbers it, e.g. 1.2a or 2.10.",
        letter,
    )
    statements = pd.Series(ids, index=body.index, dtype=object)
    if ambiguous.any():
        statements, uncertain = _resolve_tens(statements, ambiguous, frame)
        problems.add(
            "error",
            sheet_name,
            body.index[uncertain],
            label,
            cells[uncertain],
            "This reads 2.1 but may be 2.10 turned into a number by the spreadsheet (the same "
            "goes for 6.1/6.10 and 7.1/7.10); the row was left out rather than guessed.",
            "Format the Statement column as text and type the ID again, e.g. 2.10.",
            letter,
        )
    keep = ~bad & statements.notna()
    response_cells = body[positions["response"]]
    response, unknown = _responses(response_cells.to_numpy(object))
    _unknown_responses(
        problems,
        sheet_name,
        response_cells[unknown],
        body.index[unknown],
        _letter(positions["response"]),
        headed(found.header, positions, "response"),
    )
    keep = keep.to_numpy()
    respondent = (
        frame["respondent"] if "respondent" in frame else pd.Series(pd.NA, index=frame.index)
    )
    return pd.DataFrame(
        {
            "service": _categorical(frame["service"].to_numpy(object)[keep]),
            "year": _categorical(frame["year"].to_numpy(object)[keep]),
            "respondent": _categorical(respondent.to_numpy(object)[keep], contract.RESPONDENTS),
            "statement": _categorical(statements.to_numpy(object)[keep], frameworks.STATEMENT_IDS),
            "response": pd.Categorical.from_codes(response[keep], contract.RESPONSES),
            "row": body.index.to_numpy()[keep],
        }
    )


def _resolve_tens(statements: pd.Series, ambiguous: np.ndarray, frame: pd.DataFrame):
    """Decide X.1 or X.10 for cells reading X.1, from their neighbours in the same group."""
    keys = [
        frame[c].astype(object).fillna("") for c in ("service", "year", "respondent") if c in frame
    ]
    group = pd.Series(
        pd.MultiIndex.from_arrays(keys).factorize()[0] if keys else 0, index=statements.index
    )
    grouped = statements.groupby(group, sort=False)
    before, after = grouped.shift(1), grouped.shift(-1)
    resolved = statements.copy()
    rows = np.flatnonzero(ambiguous)  # only the few cells reading 2.1, 6.1 or 7.1
    for row in rows:
        resolved.iloc[row] = _ten_or_one(statements.iloc[row], before.iloc[row], after.iloc[row])
    uncertain = np.zeros(len(statements), dtype=bool)
    left = ambiguous & resolved.isna().to_numpy()
    for row in np.flatnonzero(left):
        # Without order to go by: X.1 is certain only if its group already has X.10, or if
        # it is the group's only cell reading X.1 that is still undecided.
        sid = statements.iloc[row]
        same = (group == group.iloc[row]).to_numpy()
        has_ten = (resolved[same] == sid + "0").any()
        twins = (left & same & (statements == sid).to_numpy()).sum()
        choice = sid if has_ten or twins == 1 else None
        resolved.iloc[row] = choice
        uncertain[row] = choice is None
    return resolved, uncertain


def _wide_benchmark(frame, bad, body, header, header_row, problems, sheet_name):
    columns = [(pos, statement_id(c), _ambiguous_ten(c), c) for pos, c in header.items()]
    columns = [c for c in columns if c[1] is not None]
    if not columns:
        return None
    ids = [c[1] for c in columns]
    chosen: list[tuple[int, str]] = []
    for k, (pos, sid, ambiguous, cell) in enumerate(columns):
        if ambiguous:
            before = ids[k - 1] if k else None
            after = ids[k + 1] if k + 1 < len(ids) else None
            resolved = _ten_or_one(sid, before, after)
            if resolved is None and sum(c[2] and c[1] == sid for c in columns) == 1:
                resolved = sid
            if resolved is None:
                problems.add(
                    "error",
                    sheet_name,
                    [header_row],
                    str(cell),
                    cell,
                    "This column is headed 2.1 but may be 2.10 turned into a number by the "
                    "spreadsheet; it was left out rather than guessed.",
                    "Format the header row as text and type the ID again, e.g. 2.10.",
                    _letter(pos),
                )
                continue
            sid = resolved
        if sid in {c[1] for c in chosen}:
            problems.add(
                "warning",
                sheet_name,
                [header_row],
                str(cell),
                cell,
                f"A second column for statement {sid}; only the first was read.",
                "Delete or rename the repeated column.",
                _letter(pos),
            )
            continue
        chosen.append((pos, sid))
    keep = ~bad.to_numpy()
    block = body[[p for p, _ in chosen]].to_numpy(object)[keep]
    rows = body.index.to_numpy()[keep]
    response, unknown = _responses(block)
    if unknown.any():
        r, c = np.nonzero(unknown)
        letters = np.array([_letter(p) for p, _ in chosen], dtype=object)
        problems.add(
            "warning",
            sheet_name,
            rows[r],
            np.array([s for _, s in chosen], dtype=object)[c],
            block[r, c],
            "Not a response of the benchmark's key; it was left out of the scores.",
            "Use the benchmark's key: YD, YAB, NP, NAA or N/A.",
            letters[c],
        )
    n, k = block.shape
    statement_ids = [s for _, s in chosen]

    def repeated(column):
        codes, uniques = pd.factorize(frame[column].to_numpy(object)[keep])
        return pd.Categorical.from_codes(np.repeat(codes, k), uniques)

    statement_codes = [frameworks.STATEMENT_IDS.index(s) for s in statement_ids]
    respondent = (
        repeated("respondent")
        if "respondent" in frame
        else pd.Categorical.from_codes(np.full(n * k, -1), contract.RESPONDENTS)
    )
    return pd.DataFrame(
        {
            "service": repeated("service"),
            "year": repeated("year"),
            "respondent": respondent,
            "statement": pd.Categorical.from_codes(
                np.tile(np.array(statement_codes, dtype="int16"), n), frameworks.STATEMENT_IDS
            ),
            "response": pd.Categorical.from_codes(response.ravel(), contract.RESPONSES),
            "row": np.repeat(rows, k),
        }
    )


_CLEANERS = {
    "funding": _funding,
    "benchmark": _benchmark,
    "good_practice": _good_practice,
    "checklist": _checklist,
    "kpis": _kpis,
    "targets": _targets,
}


def empty_table(table: str) -> pd.DataFrame:
    """The tidy table with its columns and no rows (for a sheet the workbook lacks)."""
    sheet = contract.TABLES[table]
    columns = {}
    for col in sheet.columns:
        if col.kind in ("money", "number", "percent", "target"):
            columns[col.name] = pd.Series(dtype="float64")
        else:
            columns[col.name] = pd.Series(dtype="string")
    if table == "benchmark":
        columns.update(section=pd.Series(dtype="int64"), points=pd.Series(dtype="float64"))
    if table == "checklist":
        columns = {"question_id": pd.Series(dtype="string"), **columns}
    columns["row"] = pd.Series(dtype="int64")
    return pd.DataFrame(columns)


def _no_services(label: str, sheet: str, problems: _Problems) -> str:
    """Why a Services sheet gave no rows at all, in one sentence."""
    read = problems.rows_read.get("services", 0)
    if not read:
        return (
            f"The {sheet} sheet of {label} has its headings but no rows below them: add a "
            "row per service per year, as in the template."
        )
    errors = problems.frame().query("severity == 'error' and sheet == @sheet")
    first = errors.iloc[0] if len(errors) else None
    why = (
        f"; the first, row {first['row']}, because {first['column']}: "
        f"{first['problem'][0].lower()}{first['problem'][1:]}"
        if first is not None
        else "."
    )
    return f"None of the {read:,} rows of the {sheet} sheet of {label} could be used" + why


def load(sources: list[Source], limits: Limits = DEFAULT_LIMITS) -> Portfolio:
    """Read and clean a portfolio. Raises UnreadableError when it cannot be loaded at all."""
    raw_sheets = read_sources(sources, limits)
    label = ", ".join(s.name for s in sources)
    if not raw_sheets:
        raise UnreadableError(f"{label} has no sheets.")
    matched = _match_sheets(raw_sheets)
    problems = _Problems()
    if "services" not in matched:
        found = ", ".join(repr(n) for n in raw_sheets)
        raise UnreadableError(
            f"No Services sheet was found in {label} (sheets found: {found}); the Services "
            "sheet, with a row per service per year, is the one the dashboard needs."
        )
    for name in raw_sheets:
        if name not in matched.values():
            problems.add(
                "note",
                name,
                [None],  # about the whole sheet, not a row
                "",
                "",
                "This sheet is not part of the format and was not read.",
                "Nothing to do.",
            )
    try:
        services = _services(raw_sheets[matched["services"]], problems, matched["services"])
    except UnreadableError as exc:
        raise UnreadableError(f"In {label}: {exc}") from exc
    if services.empty:
        raise UnreadableError(_no_services(label, matched["services"], problems))
    tables = {"services": services}
    for table, cleaner in _CLEANERS.items():
        result = None
        if table in matched:
            result = cleaner(raw_sheets[matched[table]], problems, matched[table])
        tables[table] = result if result is not None else empty_table(table)
    return Portfolio(
        tables=tables,
        problems=problems.frame(),
        sources=tuple(s.name for s in sources),
        sheets=matched,
        rows_read=problems.rows_read,
    )

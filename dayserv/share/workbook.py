"""The one way dayserv writes an .xlsx workbook: the exports, the checklist workbook, the
template and the synthetic portfolios all go through ``Book``.

A spreadsheet runs text that begins with =, +, -, @, a tab or a carriage return as a
formula, and may turn text into a number or a link. A ``Book`` is xlsxwriter with those
conversions off (``SAFE_OPTIONS``): every text cell is written as a string, exactly as
typed, and formula-like text is marked with Excel's own hidden quote prefix, so Excel shows
it as plain text, never runs it, and it reads back unchanged. Formats are made once each, a
formula-like cell getting its format's quote-prefixed twin.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from numbers import Number
from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
SAFE_OPTIONS: dict[str, bool] = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
TEXT = "@"  # Excel's number format for text: what is typed there stays as typed
MAX_ROWS = 1_048_576  # rows on a spreadsheet's sheet
# Characters an .xlsx file cannot hold in a cell (XML 1.0 forbids them).
ILLEGAL_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")

Style = Mapping[str, object]
"""A cell format as xlsxwriter's properties, e.g. {"bold": True, "num_format": "@"}."""


def formula_like(value) -> bool:
    """Whether ``value`` is text a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def cell_value(value):
    """A value as a cell holds it: None for a blank (None, NA, NaN, infinity), True or
    False, a number, or text (anything else, as its text)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | str):
        return value
    if isinstance(value, Number):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return None
        return value if isinstance(value, int | float) else number
    return str(value)


def column_values(values: pd.Series | Sequence) -> list:
    """A column's cells as ``cell_value`` gives them, a whole numeric column at once."""
    values = values if isinstance(values, pd.Series) else pd.Series(values, dtype=object)
    if pd.api.types.is_bool_dtype(values) and not values.hasnans:
        return values.astype(bool).tolist()
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        numbers = values.astype("float64").to_numpy()
        return [None if math.isnan(v) or math.isinf(v) else v for v in numbers.tolist()]
    return [cell_value(v) for v in values.astype(object).tolist()]


def list_range(sheet: str, column: int, first_row: int, last_row: int) -> str:
    """A drop-down's source held in a column of a sheet, e.g. "Lists!$A$2:$A$66" (rows and
    columns counted from 0)."""
    from xlsxwriter.utility import quote_sheetname, xl_col_to_name

    letter = xl_col_to_name(column)
    return f"{quote_sheetname(sheet)}!${letter}${first_row + 1}:${letter}${last_row + 1}"


class Book:
    """An .xlsx being written with ``SAFE_OPTIONS``: to ``path``, or to bytes that
    ``close`` returns. ``constant_memory`` streams each sheet row by row (rows must then be
    written in order); ``properties`` are the document's (title, created ...)."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        constant_memory: bool = False,
        properties: Mapping[str, object] | None = None,
    ) -> None:
        import xlsxwriter  # only when a workbook is asked for

        self._buffer = io.BytesIO() if path is None else None
        # Bytes are made in memory; a streamed sheet, or a file, goes through temporary files.
        memory = {
            "constant_memory": constant_memory,
            "in_memory": path is None and not constant_memory,
        }
        target = self._buffer if path is None else str(path)
        self.book = xlsxwriter.Workbook(target, {**memory, **SAFE_OPTIONS})
        if properties:
            self.book.set_properties(dict(properties))
        self._formats: dict[tuple, object] = {}

    def format(self, style: Style | None, quoted: bool = False):
        """The workbook's format for ``style``, with Excel's quote prefix if ``quoted``
        (None: no format). Each is made once: xlsxwriter wants formats shared."""
        properties = {**(style or {}), **({"quote_prefix": True} if quoted else {})}
        if not properties:
            return None
        key = tuple(sorted((name, str(value)) for name, value in properties.items()))
        if key not in self._formats:
            self._formats[key] = self.book.add_format(properties)
        return self._formats[key]

    def sheet(self, name: str, *, hidden: bool = False) -> Sheet:
        """A new sheet at the end (``hidden``: not shown among the tabs)."""
        worksheet = self.book.add_worksheet(name)
        if hidden:
            worksheet.hide()
        return Sheet(self, worksheet)

    def close(self) -> bytes:
        """Finish the file: its bytes when written to memory (b"" when written to a path)."""
        self.book.close()
        return self._buffer.getvalue() if self._buffer is not None else b""


class Sheet:
    """One sheet of a ``Book``. Rows and columns count from 0, as xlsxwriter's do."""

    def __init__(self, book: Book, worksheet) -> None:
        self.book = book
        self.worksheet = worksheet
        self._column_styles: dict[int, Style] = {}

    def write(self, row: int, column: int, value, style: Style | None = None) -> None:
        """One cell: blank, true or false, a number, or text as typed (never a formula or a
        link; formula-like text quote-prefixed). Without a ``style`` the cell shows in its
        column's; a blank ("" too) holds nothing but its ``style``."""
        value = cell_value(value)
        if value is None or value == "":
            if style:
                self.worksheet.write_blank(row, column, None, self.book.format(style))
            return
        if isinstance(value, bool):
            self.worksheet.write_boolean(row, column, value, self.book.format(style))
        elif isinstance(value, int | float):
            self.worksheet.write_number(row, column, value, self.book.format(style))
        elif formula_like(value):
            quoted = style if style is not None else self._column_styles.get(column)
            self.worksheet.write_string(row, column, value, self.book.format(quoted, True))
        else:
            self.worksheet.write_string(row, column, value, self.book.format(style))

    def write_row(
        self, row: int, values: Iterable, style: Style | None = None, first_column: int = 0
    ) -> None:
        """Cells along a row, from ``first_column``."""
        for column, value in enumerate(values, start=first_column):
            self.write(row, column, value, style)

    def write_column(
        self,
        column: int,
        values: pd.Series | Sequence,
        style: Style | None = None,
        first_row: int = 1,
    ) -> None:
        """Cells down a column, from ``first_row`` (below the heading): blanks (None, NaN)
        left empty, showing the column's format; text as given, "" an empty text cell."""
        # As ``write`` does, with the format looked up once: a big sheet stays quick.
        worksheet, plain = self.worksheet, self.book.format(style)
        for row, value in enumerate(column_values(values), start=first_row):
            if value is None:
                continue
            if isinstance(value, str):
                if value.startswith(FORMULA_STARTS):
                    self.write(row, column, value, style)
                else:
                    worksheet.write_string(row, column, value, plain)
            elif isinstance(value, bool):
                worksheet.write_boolean(row, column, value, plain)
            else:
                worksheet.write_number(row, column, value, plain)

    def header(self, headings: Iterable, style: Style, row: int = 0) -> None:
        """A row of headings (a heading taken from an upload is guarded as any text is)."""
        self.write_row(row, [str(heading) for heading in headings], style)

    def column(
        self, column: int, width: float, style: Style | None = None, last: int | None = None
    ) -> None:
        """The width (in characters) of a column, or of those to ``last``, and the format of
        their cells written without one (set it before writing them)."""
        last = column if last is None else last
        self.worksheet.set_column(column, last, width, self.book.format(style))
        if style:
            self._column_styles.update(dict.fromkeys(range(column, last + 1), style))

    def height(self, row: int, points: float) -> None:
        """A row's height: wrapped text needs it set, as Excel does not fit it on opening."""
        self.worksheet.set_row(row, points)

    def merge(self, row: int, first_column: int, last_column: int, value, style: Style) -> None:
        """One value across several cells of a row."""
        value = cell_value(value)
        text = "" if value is None else value
        format_ = self.book.format(style, formula_like(text))
        self.worksheet.merge_range(row, first_column, row, last_column, text, format_)

    def drop_down(
        self,
        column: int,
        first_row: int,
        last_row: int,
        choices: Sequence[str] | str,
        heading: str,
        *,
        warn: bool = True,
    ) -> None:
        """A drop-down list on a column's cells: ``choices`` listed, or a ``list_range``
        holding them. With ``warn``, a value not in the list asks before it is kept (the
        dashboard also reads common spellings, so it never refuses one)."""
        source = list(choices) if not isinstance(choices, str) else f"={choices}"
        self.worksheet.data_validation(
            first_row,
            column,
            min(last_row, MAX_ROWS - 1),
            column,
            {
                "validate": "list",
                "source": source,
                "show_error": warn,
                "error_type": "warning",
                "error_title": heading[:32],
                "error_message": f"{heading} is usually one of the drop-down's values; the "
                "dashboard also reads common spellings. Keep this value?",
            },
        )

    def freeze(self, rows: int = 1) -> None:
        """Keep the top ``rows`` (the headings) in view."""
        self.worksheet.freeze_panes(rows, 0)

    def autofilter(self, last_row: int, last_column: int) -> None:
        """A filter on every column of the table from the heading row to ``last_row``."""
        self.worksheet.autofilter(0, 0, last_row, last_column)

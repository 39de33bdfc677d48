"""Tables -> files people open in Excel, safe to open.

A spreadsheet treats a cell that begins with =, +, -, @, a tab or a carriage return as a
formula, so text from an uploaded workbook could run in the reader's Excel ("CSV
injection"). In a CSV file such text gets a leading apostrophe (OWASP's advice), which
Excel shows as plain text. In an .xlsx workbook every text cell is written as a string,
never as a formula or a link, and formula-like text is marked with Excel's own hidden
quote prefix instead, so the value stays exactly as typed ("-2+3", not "'-2+3").
"""

from __future__ import annotations

import io
import math
import re
from numbers import Number

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_ROWS = 1_048_575  # an Excel sheet's rows, less the heading
ABOUT_SHEET = "About this export"
MONEY_FORMAT = "£#,##0.00"
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_WIDTH_SAMPLE = 500  # rows looked at to size a column


class CannotExport(ValueError):
    """A file that cannot be made, for a reason its message gives in one plain sentence."""


def failure_sentence(what: str, error: BaseException) -> str:
    """Why ``what`` (e.g. "The meeting pack (PowerPoint)") could not be made, in one
    sentence for the person who asked for it: the reason a ``CannotExport`` gives, or a
    plain word for anything else (whose details belong in the log, not on the screen)."""
    if isinstance(error, CannotExport):
        reason = str(error).strip().rstrip(".")
        return f"{what} could not be made: {reason[:1].lower()}{reason[1:]}."
    if isinstance(error, MemoryError):
        return f"{what} could not be made: it needs more memory than the server has free."
    return (
        f"{what} could not be made because of a fault in dayserv, not in your data; "
        "the details have been logged."
    )


def formula_like(value) -> bool:
    """Whether ``value`` is text a spreadsheet would run as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """The value, with a leading apostrophe if it is text a spreadsheet would run as a formula
    (the CSV guard; an .xlsx cell keeps its value and gets Excel's quote prefix)."""
    if formula_like(value):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell and column heading made safe; numbers are untouched."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if not pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            out[column] = values.astype(object).map(safe_cell)
    out.columns = [safe_cell(column) for column in out.columns]
    return out


def csv_bytes(frame: pd.DataFrame, *, index: bool = False) -> bytes:
    """CSV in UTF-8 with a byte-order mark, so Excel shows £ and accents; cells made safe."""
    if index:
        frame = frame.reset_index()
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def _xlsx_value(value):
    """A cell as xlsxwriter should write it: None for blanks, numbers as numbers, text as
    it is (``_write_cell`` marks formula-like text)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, Number):
        number = float(value)
        if math.isnan(number) or math.isinf(number):
            return None
        return value if isinstance(value, int | float) else number
    return str(value)


def _column_values(values: pd.Series) -> list:
    """A column's cells as Python values ready to write."""
    if pd.api.types.is_bool_dtype(values) and not values.hasnans:
        return values.astype(bool).tolist()
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype("float64").to_numpy()
        return [None if math.isnan(v) or math.isinf(v) else v for v in numbers.tolist()]
    return [_xlsx_value(v) for v in values.astype(object).tolist()]


def _width(heading: str, cells: list) -> float:
    """A column width (in characters) that shows the heading and most values, within reason."""
    lengths = [len(heading)]
    for cell in cells[:_WIDTH_SAMPLE]:
        if isinstance(cell, float):
            lengths.append(len(f"{cell:,.2f}"))
        elif cell is not None:
            lengths.append(len(str(cell)))
    return float(min(max(max(lengths) + 2, 8), 60))


def excel_sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: no []:*?/\\, at most 31 characters."""
    cleaned = _SHEET_NAME_BAD.sub(" ", str(name)).strip().strip("'")[:31].strip()
    return cleaned or "Table"


class _Quoted:
    """A workbook's formats, each with a quote-prefixed twin for formula-like text."""

    def __init__(self, book) -> None:
        self.book = book
        self.made: dict[tuple[str, ...], object] = {}

    def get(self, properties: dict | None, value: str):
        """The format to write ``value`` with: ``properties`` as given, plus Excel's quote
        prefix when the text would otherwise run as a formula (None: no format)."""
        if not formula_like(value):
            return self._made(properties) if properties else None
        return self._made({**(properties or {}), "quote_prefix": True})

    def _made(self, properties: dict):
        key = tuple(sorted(f"{k}={v}" for k, v in properties.items()))
        if key not in self.made:
            self.made[key] = self.book.add_format(properties)
        return self.made[key]


def _write_cell(sheet, row: int, column: int, value, formats: _Quoted) -> None:
    """One cell of a table: blank, true or false, a number, or text kept as typed (never a
    formula or a link; formula-like text quote-prefixed)."""
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, value, formats.get(None, value))


def xlsx_bytes(
    frame: pd.DataFrame,
    about: list[tuple[str, str]],
    sheet_name: str = "Table",
    *,
    number_formats: dict[str, str] | None = None,
) -> bytes:
    """An Excel workbook: the table on its own sheet (heading frozen, filter on every
    column) and an "About this export" sheet of (label, value) rows.

    Numbers stay numbers; a heading with "£" in it is shown as money unless
    ``number_formats`` (heading -> Excel number format) says otherwise. Every text cell and
    heading is written as a string, as typed; text a spreadsheet would run as a formula is
    marked with Excel's quote prefix, so it shows and reads back as plain text.
    """
    import xlsxwriter  # only when a workbook is asked for

    if len(frame) > XLSX_MAX_ROWS:
        raise CannotExport(
            f"{len(frame):,} rows are more than an Excel sheet holds ({XLSX_MAX_ROWS:,}), "
            "so download the CSV instead"
        )
    formats_by_heading = dict(number_formats or {})
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            # Rows are written in order and streamed, so a big table does not sit in memory.
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    formats = _Quoted(book)
    bold = {"bold": True, "bg_color": "#F2F2F2", "bottom": 1}
    table_sheet = book.add_worksheet(excel_sheet_name(sheet_name))
    headings = [str(column) for column in frame.columns]
    columns = [_column_values(frame[column]) for column in frame.columns]
    for number, (heading, cells) in enumerate(zip(headings, columns, strict=True)):
        number_format = formats_by_heading.get(heading)
        if number_format is None and "£" in heading:
            number_format = MONEY_FORMAT
        cell_format = formats.get({"num_format": number_format}, "") if number_format else None
        # A column's format is the format of the cells written without one.
        table_sheet.set_column(number, number, _width(heading, cells), cell_format)
    for number, heading in enumerate(headings):
        table_sheet.write_string(0, number, heading, formats.get(bold, heading))
    for row, cells in enumerate(zip(*columns, strict=True), start=1):
        for number, value in enumerate(cells):
            _write_cell(table_sheet, row, number, value, formats)
    table_sheet.freeze_panes(1, 0)
    if headings:
        table_sheet.autofilter(0, 0, max(len(frame), 1), len(headings) - 1)

    about_sheet = book.add_worksheet(ABOUT_SHEET)
    wrap = {"text_wrap": True, "valign": "top"}
    label_format = {"bold": True, "valign": "top"}
    about_sheet.set_column(0, 0, 34)
    about_sheet.set_column(1, 1, 100)
    for row, (label, value) in enumerate(about):
        if label:
            label = str(label)
            about_sheet.write_string(row, 0, label, formats.get(label_format, label))
        if value:
            value = str(value)
            about_sheet.write_string(row, 1, value, formats.get(wrap, value))
    book.close()
    return buffer.getvalue()

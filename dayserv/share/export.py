"""Tables -> files people open in Excel, safe to open.

A spreadsheet treats a cell that begins with =, +, -, @, a tab or a carriage return as a
formula, so text from an uploaded workbook could run in the reader's Excel ("CSV
injection"). In a CSV file such text gets a leading apostrophe (OWASP's advice), which
Excel shows as plain text. In an .xlsx workbook (written by ``dayserv.share.workbook``, as every
workbook dayserv makes) every text cell is written as a string, never as a formula or a
link, and formula-like text is marked with Excel's own hidden quote prefix instead, so the
value stays exactly as typed ("-2+3", not "'-2+3").
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping, Sequence
from datetime import datetime

import pandas as pd

from dayserv.share import workbook
from dayserv.share.workbook import formula_like

FORMULA_STARTS = workbook.FORMULA_STARTS  # the CSV guard and the workbook's quote prefix agree
XLSX_MAX_ROWS = 1_048_575  # an Excel sheet's rows, less the heading
ABOUT_SHEET = "About this export"
MONEY_FORMAT = "£#,##0.00"
HEADER = {"bold": True, "bg_color": "#F2F2F2", "bottom": 1}
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


def about_text(about: Sequence[tuple[str, str]]) -> str:
    """The "About this export" rows as plain text, to sit beside a CSV: one "Label: value"
    line a row (not wrapped, so a link stays whole), a blank row kept."""
    lines = [ABOUT_SHEET, ""]
    for label, value in about:
        label, value = " ".join(str(label or "").split()), " ".join(str(value or "").split())
        line = f"{label}: {value}" if label and value else label or value
        lines.append(safe_cell(line))  # safe, should a spreadsheet open it
    return "\n".join(lines) + "\n"


def zip_bytes(files: Mapping[str, bytes], produced: datetime | None = None) -> bytes:
    """A zip archive of ``files`` (name -> contents), each dated ``produced`` (now)."""
    stamp = (produced or datetime.now()).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=stamp), data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


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
    if len(frame) > XLSX_MAX_ROWS:
        raise CannotExport(
            f"{len(frame):,} rows are more than an Excel sheet holds ({XLSX_MAX_ROWS:,}), "
            "so download the CSV instead"
        )
    formats_by_heading = dict(number_formats or {})
    # Rows are written in order and streamed, so a big table does not sit in memory.
    book = workbook.Book(constant_memory=True)
    table_sheet = book.sheet(excel_sheet_name(sheet_name))
    headings = [str(column) for column in frame.columns]
    columns = [workbook.column_values(frame[column]) for column in frame.columns]
    for number, (heading, cells) in enumerate(zip(headings, columns, strict=True)):
        number_format = formats_by_heading.get(heading)
        if number_format is None and "£" in heading:
            number_format = MONEY_FORMAT
        style = {"num_format": number_format} if number_format else None
        table_sheet.column(number, _width(heading, cells), style)
    table_sheet.header(headings, HEADER)
    for row, cells in enumerate(zip(*columns, strict=True), start=1):
        table_sheet.write_row(row, cells)
    table_sheet.freeze()
    if headings:
        table_sheet.autofilter(max(len(frame), 1), len(headings) - 1)

    about_sheet = book.sheet(ABOUT_SHEET)
    about_sheet.column(0, 34)
    about_sheet.column(1, 100)
    for row, (label, value) in enumerate(about):
        if label:
            about_sheet.write(row, 0, str(label), {"bold": True, "valign": "top"})
        if value:
            about_sheet.write(row, 1, str(value), {"text_wrap": True, "valign": "top"})
    return book.close()

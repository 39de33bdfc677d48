"""Tables -> files people open in Excel, safe to open.

A spreadsheet treats a cell that begins with =, +, -, @, a tab or a carriage return as a
formula, so text from an uploaded workbook could run in the reader's Excel ("CSV
injection"). Such text gets a leading apostrophe, which Excel shows as plain text.
"""

from __future__ import annotations

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value, with a leading apostrophe if it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
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

"""Files -> raw sheets: every cell as found, indexed by the spreadsheet's own row numbers.

Workbooks (.xlsx, .xlsm, .xls, .ods) are read with python-calamine; CSV files (one per
sheet, the file name naming the sheet) with the csv module, in UTF-8 (with or without a
byte-order mark) or Windows-1252 as Excel saves them.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import python_calamine

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


class UnreadableError(Exception):
    """The portfolio cannot be read at all; the message is one plain sentence for the user."""


@dataclass(frozen=True)
class Source:
    """One uploaded or named file: its name and its bytes."""

    name: str
    data: bytes


def sources_from_paths(paths: list[str | Path]) -> list[Source]:
    """Files named on the command line; a folder stands for the spreadsheet files inside it."""
    sources = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in WORKBOOK_SUFFIXES + CSV_SUFFIXES
                and not p.name.startswith("~$")
            )
            if not files:
                raise UnreadableError(f"The folder {path} has no workbook or CSV files in it.")
            sources += [Source(p.name, p.read_bytes()) for p in files]
        elif path.is_file():
            sources.append(Source(path.name, path.read_bytes()))
        else:
            raise UnreadableError(f"There is no file or folder called {path}.")
    return sources


def read_sources(sources: list[Source]) -> dict[str, pd.DataFrame]:
    """Sheet name -> raw cells (object values, '' for empty), index = spreadsheet row number."""
    if not sources:
        raise UnreadableError("No file was given.")
    sheets: dict[str, pd.DataFrame] = {}
    for source in sources:
        suffix = Path(source.name).suffix.lower()
        if suffix in CSV_SUFFIXES:
            sheets[Path(source.name).stem] = _read_csv(source)
        elif suffix in WORKBOOK_SUFFIXES or _looks_like_workbook(source.data):
            sheets.update(_read_workbook(source))
        else:
            raise UnreadableError(
                f"{source.name} is not a spreadsheet: upload an Excel workbook (.xlsx, .xlsm), "
                "a LibreOffice workbook (.ods) or CSV files."
            )
    return sheets


def _looks_like_workbook(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


def _frame(rows: list[list], first_row: int = 1) -> pd.DataFrame:
    frame = pd.DataFrame(rows, dtype=object)
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    return frame


def _read_workbook(source: Source) -> dict[str, pd.DataFrame]:
    if not source.data:
        raise UnreadableError(f"{source.name} is empty.")
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(source.data))
    except python_calamine.PasswordError as exc:
        raise UnreadableError(
            f"{source.name} is protected by a password: save a copy without the password "
            "(in Excel: File > Info > Protect Workbook > Encrypt with Password) and upload that."
        ) from exc
    except Exception as exc:  # calamine raises several kinds for a file it cannot parse
        if source.data[:4] == b"\xd0\xcf\x11\xe0":
            raise UnreadableError(
                f"{source.name} could not be opened: it is either protected by a password or "
                "an old or damaged Excel file. Save it again as .xlsx without a password."
            ) from exc
        raise UnreadableError(
            f"{source.name} could not be opened as a spreadsheet: it may be damaged or in "
            "another format. Save it again as .xlsx and upload it."
        ) from exc
    sheets = {}
    for meta in book.sheets_metadata:
        if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
            continue
        try:
            rows = book.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
        except Exception as exc:
            raise UnreadableError(
                f"The sheet {meta.name!r} in {source.name} could not be read: save the "
                "workbook again as .xlsx and upload it."
            ) from exc
        sheets[meta.name] = _frame(rows)
    return sheets


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_csv(source: Source) -> pd.DataFrame:
    if b"\x00" in source.data[:2048] and not source.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableError(f"{source.name} is not a text CSV file.")
    text = _decode(source.data)
    # The delimiter is the candidate seen most often: title lines above the header have none.
    sample = text[:8192]
    delimiter = max(",;\t|", key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, numbers = [], []
    for row in reader:
        rows.append(row)
        numbers.append(reader.line_num)
    if not rows:
        return _frame([])
    width = max(map(len, rows))
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    # A quoted cell can span lines: the row number is where the row starts in the file.
    starts = [1] + [n + 1 for n in numbers[:-1]]
    frame.index = pd.Index(starts)
    return frame

"""Files -> raw sheets: every cell as found, indexed by the spreadsheet's own row numbers.

Workbooks (.xlsx, .xlsm, .xls, .ods) are read with python-calamine; CSV files (one per
sheet, the file name naming the sheet) with the csv module, in UTF-8 (with or without a
byte-order mark) or Windows-1252 as Excel saves them.

Several files are one portfolio: CSV files, one per sheet, or one workbook with CSV files
for the sheets it lacks, each CSV file named for its sheet. Before anything is parsed the
files are held to `Limits`: a file too big, a workbook that would unpack too far or too
steeply (a zip bomb), a sheet with too many rows or a portfolio with too many cells (counted
in its XML as it unpacks) is refused in one plain sentence (see ``limits``).
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import python_calamine

from dayserv import contract
from dayserv.contract import norm_key
from dayserv.read.limits import (
    DEFAULT_LIMITS,
    CellCount,
    Limits,
    check_archive,
    check_file_size,
)
from dayserv.read.problems import UnreadableError

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")


@dataclass(frozen=True)
class Source:
    """One uploaded or named file: its name and its bytes."""

    name: str
    data: bytes


def is_clutter(name: str) -> bool:
    """Whether a file is one an editor or the system leaves beside a portfolio, not a sheet.

    Lock files (Excel's ``~$book.xlsx``, LibreOffice's ``.~lock.services.csv#``) and hidden
    files (``.DS_Store``, the ``._services.csv`` a Mac writes on a USB stick).
    """
    return name.startswith((".", "~$")) or name.endswith("#")


def sources_from_paths(paths: list[str | Path]) -> list[Source]:
    """Files named on the command line; a folder stands for the spreadsheet files inside it."""
    sources = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(
                p
                for p in path.iterdir()
                if p.suffix.lower() in WORKBOOK_SUFFIXES + CSV_SUFFIXES
                and not is_clutter(p.name)
                and p.is_file()
            )
            if not files:
                raise UnreadableError(f"The folder {path} has no workbook or CSV files in it.")
            sources += [Source(p.name, p.read_bytes()) for p in files]
        elif path.is_file():
            sources.append(Source(path.name, path.read_bytes()))
        else:
            raise UnreadableError(f"There is no file or folder called {path}.")
    return sources


def read_sources(sources: list[Source], limits: Limits = DEFAULT_LIMITS) -> dict[str, pd.DataFrame]:
    """Sheet name -> raw cells (object values, '' for empty), index = spreadsheet row number.

    Several files are combined when they are the sheets of one portfolio: CSV files, one
    per sheet, or one workbook with CSV files for sheets it lacks. Two workbooks, or two
    files giving the same sheet, are refused: which one was meant cannot be told; so is a
    CSV file among others not named for a sheet (a single one is matched by its headings).
    """
    if not sources:
        raise UnreadableError("No file was given.")
    for source in sources:
        check_file_size(source, limits)
    workbooks, csv_files = [], []
    for source in sources:
        (workbooks if _is_workbook(source) else csv_files).append(source)
    if len(workbooks) > 1:
        raise UnreadableError(
            f"{_listed(s.name for s in workbooks)} were given together, but a portfolio is "
            "one workbook (with CSV files for sheets it lacks, if need be): load them one "
            "at a time."
        )
    given: dict[object, str] = {}  # the sheet a name stands for -> the file giving it
    for source in csv_files:
        _claim_csv(given, source)
    if len(sources) > 1:
        _check_named(csv_files, sources)
    cells = CellCount(limits)
    sheets: dict[str, pd.DataFrame] = {}
    with _collector_paused():
        if workbooks:
            sheets.update(_read_workbook(workbooks[0], limits, cells, given))
        for source in csv_files:
            sheets[Path(source.name).stem] = _read_csv(source, limits, cells)
    return sheets


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector held off while the cells are made: a list per row,
    no cycles among them, which it would walk again and again (a tenth of a big read)."""
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_running:  # another thread's read may have paused it first: that one resumes it
            gc.enable()


def sheet_meant(name: str) -> object:
    """What a sheet or file name stands for: the contract's sheet, else the name folded.

    A name is the sheet it spells (in any case or spacing, or a synonym), or one whose
    spelling holds it (``Services 2024``), as clean's matching reads names.
    """
    by_name = contract.sheet_lookup()
    key = norm_key(name)
    if key in by_name:
        return by_name[key]
    held = [k for k in by_name if len(k) >= 5 and k in key]
    return by_name[max(held, key=len)] if held else key


def _claim_csv(given: dict[object, str], source: Source) -> None:
    """Record the sheet a CSV file gives; refuse a second file giving the same sheet."""
    sheet = Path(source.name).stem
    meant = sheet_meant(sheet)
    if meant not in given:
        given[meant] = source.name
    elif given[meant] == source.name:
        raise UnreadableError(f"Two files called {source.name} were given: leave out one.")
    else:
        raise UnreadableError(
            f"{given[meant]} and {source.name} both give the {_title(meant, sheet)} sheet: "
            "leave out one of them, since which one is meant cannot be told."
        )


_PLAN_NAMES = {norm_key(name) for name in (contract.PLAN.name, *contract.PLAN.synonyms)}


def _names_a_sheet(name: str) -> bool:
    """Whether a sheet or file name names a sheet of the format (the Plan sheet too)."""
    return isinstance(sheet_meant(name), contract.Sheet) or norm_key(name) in _PLAN_NAMES


def _is_notes(source: Source) -> bool:
    """Whether a file is prose kept beside the sheets (README.txt, notes.txt): a .txt file
    with no tab in its first line, where Excel's Text (Tab delimited) has one."""
    if Path(source.name).suffix.lower() != ".txt":
        return False
    line_end = source.data.find(b"\n")
    return source.data.find(b"\t", 0, line_end if line_end >= 0 else len(source.data)) < 0


def _check_named(csv_files: list[Source], sources: list[Source]) -> None:
    """Refuse CSV files given with others that are not named for the sheets they hold.

    Its name is all that says which sheet a CSV file is: one not named for a sheet would
    be matched by its headings, and a second Services sheet so matched is left out.
    """
    unnamed = [
        s.name for s in csv_files if not _names_a_sheet(Path(s.name).stem) and not _is_notes(s)
    ]
    if not unnamed:
        return
    others = [s.name for s in sources if s.name not in unnamed]
    sheets = ", ".join(s.name for s in (*contract.SHEETS, contract.PLAN))
    if len(unnamed) == 1:
        refused = f"{unnamed[0]} is not named for a sheet of the format ({sheets}), so it"
        alone = "load it alone"
    else:
        refused = f"{_listed(unnamed)} are not named for sheets of the format ({sheets}), so they"
        alone = "load them one at a time"
    together = f" with {_listed(others)}" if others else ""
    raise UnreadableError(
        f"{refused} cannot be combined{together}: name each CSV file for the sheet it holds "
        f"(services.csv, funding.csv ...), or {alone}."
    )


def _title(meant: object, sheet: str) -> str:
    return meant.name if isinstance(meant, contract.Sheet) else repr(sheet)


def _listed(names) -> str:
    names = list(names)
    return ", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0]


def _is_workbook(source: Source) -> bool:
    """Whether a file is a workbook (True) or a CSV file (False); refuse anything else."""
    suffix = Path(source.name).suffix.lower()
    if suffix in CSV_SUFFIXES:
        return False
    if suffix in WORKBOOK_SUFFIXES or _looks_like_workbook(source.data):
        return True
    raise UnreadableError(
        f"{source.name} is not a spreadsheet: upload an Excel workbook (.xlsx, .xlsm), "
        "a LibreOffice workbook (.ods) or CSV files."
    )


def _looks_like_workbook(data: bytes) -> bool:
    return data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")


# ---------------------------------------------------------------- workbooks and CSV


def _frame(rows: list[list], first_row: int = 1) -> pd.DataFrame:
    frame = pd.DataFrame(rows, dtype=object)
    frame.index = pd.RangeIndex(first_row, first_row + len(frame))
    return frame


def _open_workbook(source: Source) -> python_calamine.CalamineWorkbook:
    if not source.data:
        raise UnreadableError(f"{source.name} is empty.")
    try:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(source.data))
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


def _read_workbook(
    source: Source, limits: Limits, cells: CellCount, given: dict[object, str]
) -> dict[str, pd.DataFrame]:
    """Every worksheet, hidden or not, as raw cells; refusing one that CSV files give too."""
    if source.data:
        check_archive(source, limits)
    book = _open_workbook(source)
    # Hidden and very hidden sheets are read like any other: hiding is not deleting.
    worksheet = python_calamine.SheetTypeEnum.WorkSheet
    names = [meta.name for meta in book.sheets_metadata if meta.typ == worksheet]
    for name in names:
        meant = sheet_meant(name)
        if meant in given:
            raise UnreadableError(
                f"{source.name} has a {_title(meant, name)} sheet ({name!r}) and "
                f"{given[meant]} gives it again: leave out one of them, since which one is "
                "meant cannot be told."
            )
    return {name: _frame(_sheet_rows(book, name, source.name, cells)) for name in names}


def _sheet_rows(
    book: python_calamine.CalamineWorkbook, name: str, file: str, cells: CellCount
) -> list[list]:
    """A sheet's cells from A1, once its size is within the limits.

    calamine's own copy of the sheet is let go on return, before the frame is built.
    """
    where = f"The sheet {name!r} in {file}"
    try:
        sheet = book.get_sheet_by_name(name)
        # Rows and columns from A1, as to_python(skip_empty_area=False) gives them.
        height, width = (sheet.end[0] + 1, sheet.end[1] + 1) if sheet.end else (0, 0)
        cells.add(where, height, width)
        return sheet.to_python(skip_empty_area=False)
    except UnreadableError:
        raise
    except Exception as exc:
        raise UnreadableError(
            f"{where} could not be read: save the workbook again as .xlsx and upload it."
        ) from exc


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _read_csv(source: Source, limits: Limits, cells: CellCount) -> pd.DataFrame:
    if b"\x00" in source.data[:2048] and not source.data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableError(f"{source.name} is not a text CSV file.")
    text = _decode(source.data)
    # The delimiter is the candidate seen most often: title lines above the header have none.
    sample = text[:8192]
    delimiter = max(",;\t|", key=sample.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows, numbers, width = [], [], 0
    budget = limits.max_cells - cells.total  # held to the limits as it is read: stops early
    try:
        for row in reader:
            rows.append(row)
            numbers.append(reader.line_num)
            width = max(width, len(row))
            if len(rows) > limits.max_rows or len(rows) * width > budget:
                cells.check(source.name, len(rows), width, more=True)
    except csv.Error as exc:
        raise UnreadableError(
            f"{source.name} could not be read as CSV at line {reader.line_num:,} ({exc}): "
            "save it again from Excel as CSV (UTF-8) and upload it."
        ) from exc
    cells.add(source.name, len(rows), width)
    if not rows:
        return _frame([])
    frame = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    # A quoted cell can span lines: the row number is where the row starts in the file.
    starts = [1] + [n + 1 for n in numbers[:-1]]
    frame.index = pd.Index(starts)
    return frame

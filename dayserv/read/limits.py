"""The most a portfolio may hold, checked before anything is parsed: a file too big, a
workbook that would unpack too far or too steeply (a zip bomb), a sheet with too many rows or
a portfolio with too many cells (counted in its XML as it unpacks) is refused in one plain
sentence that names the option raising the limit."""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, BinaryIO
from xml.etree import ElementTree

import numpy as np

from dayserv.read.problems import UnreadableError

if TYPE_CHECKING:
    from dayserv.read.reader import Source

MB = 1024 * 1024  # a megabyte as Streamlit's server.maxUploadSize counts it


@dataclass(frozen=True)
class Limits:
    """The most a portfolio may hold: anything bigger is refused before it is parsed.

    The defaults are sized for the largest real portfolio: a regional forum's 150 areas of
    50 services over 10 years (75,000 service-years), with a wide benchmark answered by the
    four perspectives the dashboard compares (staff, service users, carers, commissioners)
    for every service-year:

    - Services: 75,001 rows by about 30 columns, 2.3 million cells;
    - Benchmark (wide): 300,001 rows by 68 columns (Service, Year, Respondent and the 65
      statements), 20.4 million cells, the largest sheet;
    - Funding: about 225,000 rows (three sources a service-year) by 4, 0.9 million cells;

    23.6 million cells in all. Written as .xlsx with inline strings (xlsxwriter's
    constant-memory mode, the least compact way a writer stores text) that is an 80 MB file
    unpacking to 1,190 MB of XML, the Benchmark sheet 1,070 MB of it, 16 times its packed
    size. It loaded in 38 s at a 3.1 GB peak, the checks on its zip directory taking 2 ms of
    it; counting its rows and cells in its XML adds about 6 s (5 ms a MB of sheet XML, as
    measured on a 68 MB and a 600 MB one).
    """

    # The file as uploaded or named: 1.5 times the largest real one (80 MB).
    max_file_mb: int = field(
        default=120,
        metadata={
            "option": "--max-file-size",
            "metavar": "MB",
            "help": "the most each file may be, in MB",
        },
    )
    # A workbook's parts unpacked, each and all together: 1.5 times the largest real 1,190 MB.
    max_unpacked_mb: int = field(
        default=1_800,
        metadata={
            "option": "--max-unpacked-size",
            "metavar": "MB",
            "help": "the most a workbook may unpack to (its zip parts), in MB",
        },
    )
    # Unpacked over packed size: real parts are 3 to 20 times, zip bombs hundreds or more;
    # Apache POI refuses above 100 times too (ZipSecureFile's minimum inflate ratio 0.01).
    max_ratio: int = field(
        default=100,
        metadata={
            "option": "--max-ratio",
            "metavar": "N",
            "help": "the most times its packed size a workbook may unpack to",
        },
    )
    # A sheet's rows: Excel's own maximum, so every sheet Excel can hold is read.
    max_rows: int = field(
        default=1_048_576,
        metadata={"option": "--max-rows", "metavar": "N", "help": "the most rows a sheet may have"},
    )
    # Rows by columns, every sheet together: 1.27 times the 23.6 million above (room for a
    # fifth respondent, or a KPIs sheet), about 4 GB at the peak of a load.
    max_cells: int = field(
        default=30_000_000,
        metadata={
            "option": "--max-cells",
            "metavar": "N",
            "help": "the most cells (rows by columns) a portfolio may hold, every sheet together",
        },
    )


DEFAULT_LIMITS = Limits()

# A part smaller than this cannot hurt, however steeply it unpacks (tiny XML parts do).
RATIO_GRACE = 1 * MB


def limits_of(args) -> Limits:
    """The limits a command was given (its ``--max-...`` options, each a ``Limits`` field)."""
    return Limits(**{limit.name: getattr(args, limit.name) for limit in fields(Limits)})


def _raise_hint(option: str) -> str:
    return (
        "split it into smaller files (by area or by years), or raise the limit with "
        f"{option} on the command line."
    )


def _option(name: str) -> str:
    return Limits.__dataclass_fields__[name].metadata["option"]


def _mb(size: int) -> str:
    """A size in words: "1.4 MB", "312 MB"."""
    return f"{size / MB:,.1f} MB" if size < 10 * MB else f"{size / MB:,.0f} MB"


def check_file_size(source: Source, limits: Limits) -> None:
    if len(source.data) > limits.max_file_mb * MB:
        raise UnreadableError(
            f"{source.name} is {_mb(len(source.data))}, more than the "
            f"{limits.max_file_mb:,} MB a file may be: {_raise_hint(_option('max_file_mb'))}"
        )


class CellCount:
    """The cells read so far, every sheet together, held to the rows and cells limits."""

    def __init__(self, limits: Limits):
        self.limits, self.total = limits, 0

    def check(self, where: str, rows: int, columns: int, more: bool = False) -> None:
        """Refuse a sheet (``where`` names it) of ``rows`` by ``columns`` past the limits.

        ``more``: the sheet is still being read, so it has at least that many.
        """
        limits, cells = self.limits, rows * columns
        if rows > limits.max_rows:
            counted = "more than the" if more else f"{rows:,} rows, more than the"
            raise UnreadableError(
                f"{where} has {counted} {limits.max_rows:,} rows a sheet may have: "
                f"{_raise_hint(_option('max_rows'))}"
            )
        at_least = "at least " if more else ""
        if cells > limits.max_cells:
            raise UnreadableError(
                f"{where} has {at_least}{rows:,} rows by {columns:,} columns, {cells:,} "
                f"cells, more than the {limits.max_cells:,} cells a portfolio may hold: "
                f"{_raise_hint(_option('max_cells'))}"
            )
        if self.total + cells > limits.max_cells:
            raise UnreadableError(
                f"{where} ({at_least}{rows:,} rows by {columns:,} columns) brings the "
                f"portfolio to {self.total + cells:,} cells, every sheet together, more than "
                f"the {limits.max_cells:,} it may hold: {_raise_hint(_option('max_cells'))}"
            )

    def add(self, where: str, rows: int, columns: int) -> None:
        self.check(where, rows, columns)
        self.total += rows * columns


def check_archive(source: Source, limits: Limits) -> None:
    """Refuse a workbook whose parts would unpack past the limits, read from its zip directory.

    .xlsx, .xlsm, .xlsb and .ods files are zip archives whose central directory says how
    big each part is packed and unpacked, so a zip bomb is refused before it is opened; a
    sheet whose own dimension (``<dimension ref="A1:XFD1048576">``) is past the rows or
    cells limit is refused too, since calamine sets aside memory for every cell in it, and
    so is one whose rows and cells, counted in its XML, are past them (the dimension is
    optional, may be wrong, and an .ods has none).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(source.data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return  # an .xls, or a damaged file: calamine says which
    with archive:
        parts = [info for info in archive.infolist() if not info.is_dir()]
        if not parts:
            return
        sheets = _sheet_parts(archive)
        unpacked = sum(p.file_size for p in parts)
        packed = sum(p.compress_size for p in parts)
        biggest = max(parts, key=lambda p: p.file_size)
        if unpacked > limits.max_unpacked_mb * MB:
            raise UnreadableError(
                f"{source.name} unpacks to {_mb(unpacked)} ({_part(biggest, sheets)} "
                f"{_mb(biggest.file_size)} of it), more than the "
                f"{limits.max_unpacked_mb:,} MB a workbook may unpack to: "
                f"{_raise_hint(_option('max_unpacked_mb'))}"
            )
        steep = [p for p in parts if p.file_size > RATIO_GRACE and _ratio(p) > limits.max_ratio]
        if steep or (unpacked > RATIO_GRACE and unpacked > limits.max_ratio * max(packed, 1)):
            part = max(steep, key=_ratio) if steep else None
            what = source.name
            if part:  # "The sheet 'Services' in bomb.xlsx"
                phrase = _part(part, sheets)
                what = f"{phrase[0].upper()}{phrase[1:]} in {source.name}"
            size, ratio = (
                (part.file_size, _ratio(part)) if part else (unpacked, unpacked / max(packed, 1))
            )
            raise UnreadableError(
                f"{what} unpacks to {_mb(size)}, {ratio:,.0f} times "
                f"its packed size, where real workbooks unpack at most {limits.max_ratio:,} "
                "times: it may be damaged or built to exhaust the server, so it was not "
                "opened; save it again from Excel or LibreOffice, or raise the limit with "
                f"{_option('max_ratio')} on the command line."
            )
        for part, sheet in sheets.items():
            _check_dimension(archive, part, f"The sheet {sheet!r} in {source.name}", limits)
        _check_counted(archive, source.name, sheets, limits)


def _ratio(part: zipfile.ZipInfo) -> float:
    return part.file_size / max(part.compress_size, 1)


def _part(part: zipfile.ZipInfo, sheets: dict[str, str]) -> str:
    """A part of the archive in words: the sheet it holds, where that is known."""
    if part.filename in sheets:
        return f"the sheet {sheets[part.filename]!r}"
    if part.filename == "content.xml":
        return "the sheets (content.xml)"
    if part.filename.endswith("sharedStrings.xml"):
        return f"the text of the sheets ({part.filename})"
    return f"the part {part.filename}"


_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Part path -> sheet name, for an .xlsx or .xlsm (empty for any other archive)."""
    try:
        workbook = archive.getinfo("xl/workbook.xml")
        rels = archive.getinfo("xl/_rels/workbook.xml.rels")
        if workbook.file_size > 4 * MB or rels.file_size > 4 * MB:
            return {}  # no real workbook lists its sheets in so much XML
        targets = {
            rel.get("Id"): rel.get("Target", "")
            for rel in ElementTree.fromstring(archive.read(rels)).iter()
            if rel.tag.endswith("}Relationship")
        }
        names = {}
        for sheet in ElementTree.fromstring(archive.read(workbook)).iter():
            if sheet.tag.endswith("}sheet") and sheet.get(_RELATIONSHIP_ID) in targets:
                target = targets[sheet.get(_RELATIONSHIP_ID)]
                path = target[1:] if target.startswith("/") else posixpath.join("xl", target)
                names[posixpath.normpath(path)] = sheet.get("name", "")
        return names
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile, NotImplementedError,
            RuntimeError, ValueError, OSError, EOFError):  # fmt: skip
        return {}  # calamine reports a workbook it cannot open


_DIMENSION = re.compile(rb"<(?:[\w.-]+:)?dimension\b[^>]*?\bref=\"([^\"]*)\"")
_CELL_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?([0-9]{1,9})")


def _check_dimension(archive: zipfile.ZipFile, part: str, where: str, limits: Limits) -> None:
    """Refuse a sheet whose dimension, near the start of its XML, is past the limits."""
    try:
        with archive.open(part) as xml:
            head = xml.read(64 * 1024)
    except (KeyError, zipfile.BadZipFile, NotImplementedError, RuntimeError, OSError,
            EOFError, ValueError):  # fmt: skip
        return
    found = _DIMENSION.search(head)
    span = found.group(1).decode("ascii", "replace") if found else ""
    corner = _CELL_REF.fullmatch(span.split(":")[-1])
    if corner is None:
        return  # no dimension (it is optional): the sheet's size is checked once it is read
    rows, columns = int(corner.group(2)), _column_number(corner.group(1))
    if rows > limits.max_rows:
        size, limit = f"{rows:,} rows", f"{limits.max_rows:,} rows a sheet may have"
        option = "max_rows"
    elif rows * columns > limits.max_cells:
        size = f"{rows:,} rows by {columns:,} columns ({rows * columns:,} cells)"
        limit, option = f"{limits.max_cells:,} cells a portfolio may hold", "max_cells"
    else:
        return
    raise UnreadableError(
        f"{where} spans {span}, {size}, more than the {limit}: if the data is smaller, "
        "delete the empty rows and columns beyond it and save again; otherwise "
        + _raise_hint(_option(option))
    )


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


# What streaming a part may raise; calamine then says what is wrong with the file.
_UNPACK_ERRORS = (
    KeyError, zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, OSError,
    EOFError, ValueError,
)  # fmt: skip


def _check_counted(
    archive: zipfile.ZipFile, file: str, sheets: dict[str, str], limits: Limits
) -> None:
    """Refuse a workbook whose sheets hold more rows or cells than the limits, counted in
    their XML as it unpacks (a megabyte at a time, stopping at the first sheet past them).

    The counts are of the rows and cells written out, which calamine's rows by columns,
    checked once it has read a sheet, is at least (empty rows and cells written in full
    aside): what is refused here would be refused then, after the cost of parsing it.
    """
    counted: dict[str, list[int]] = {}  # sheet -> [rows, cells, furthest row, column]
    total = 0
    try:
        for sheet, rows, cells, (row, column) in _sheet_counts(archive, sheets):
            sheet_count = counted.setdefault(sheet, [0, 0, 0, 0])
            sheet_count[0] += rows
            sheet_count[1] += cells
            sheet_count[2], sheet_count[3] = max(sheet_count[2], row), max(sheet_count[3], column)
            total += cells
            where = f"The sheet {sheet!r} in {file}"
            if sheet_count[0] > limits.max_rows:
                raise UnreadableError(
                    f"{where} has more than the {limits.max_rows:,} rows a sheet may have: "
                    f"{_raise_hint(_option('max_rows'))}"
                )
            if sheet_count[1] > limits.max_cells:
                raise UnreadableError(
                    f"{where} has more than the {limits.max_cells:,} cells a portfolio may "
                    f"hold: {_raise_hint(_option('max_cells'))}"
                )
            if sheet_count[2] * sheet_count[3] > limits.max_cells:  # calamine's grid, if read
                raise UnreadableError(
                    f"{where} has a cell as far as row {sheet_count[2]:,}, column "
                    f"{sheet_count[3]:,}: reading it would take a grid of more than the "
                    f"{limits.max_cells:,} cells a portfolio may hold: "
                    f"{_raise_hint(_option('max_cells'))}"
                )
            if total > limits.max_cells:
                raise UnreadableError(
                    f"{where} brings the portfolio to more than the {limits.max_cells:,} "
                    f"cells it may hold, every sheet together: {_raise_hint(_option('max_cells'))}"
                )
    except _UNPACK_ERRORS:
        return


def _sheet_counts(
    archive: zipfile.ZipFile, sheets: dict[str, str]
) -> Iterator[tuple[str, int, int, tuple[int, int]]]:
    """(sheet, rows, cells, (furthest row, column)) for each piece of the sheets' XML as it
    unpacks, in order (an .ods sheet's cells have no references: its reach is (0, 0))."""
    if sheets:  # .xlsx, .xlsm: a part a sheet
        for part, sheet in sheets.items():
            if part.endswith(".xml"):  # not an .xlsb's binary parts
                with archive.open(part) as xml:
                    for rows, cells, reach in _xlsx_counts(xml):
                        yield sheet, rows, cells, reach
    elif "content.xml" in archive.namelist():  # .ods: every sheet in one part
        with archive.open("content.xml") as xml:
            for sheet, rows, cells in _ods_counts(xml):
                yield sheet, rows, cells, (0, 0)


def _pieces(xml: BinaryIO, cut_before: bytes) -> Iterator[bytes]:
    """The XML as it unpacks, about a megabyte at a time, each piece ending just before the
    last ``cut_before`` in it, so that what starts there is never split between two pieces."""
    carry = b""
    while chunk := xml.read(MB):
        buffer = carry + chunk
        cut = buffer.rfind(cut_before)
        if cut <= 0:  # nothing to hold back, or a megabyte inside one element
            cut = len(buffer)
        yield buffer[:cut]
        carry = buffer[cut:]
    if carry:
        yield carry


_ROOT_PREFIX = re.compile(rb"<(?:([\w.-]+):)?worksheet\b")


def _xlsx_counts(xml: BinaryIO) -> Iterator[tuple[int, int, tuple[int, int]]]:
    """(rows, cells, reach) in each piece of an .xlsx sheet's XML: the rows and cells closed
    in it (``</row>``, ``</c>``; an empty ``<c r="B2"/>`` is no cell calamine keeps), and
    the furthest row and column its cells name (``_reach``)."""
    row_end = cell_end = None
    for piece in _pieces(xml, b"<"):
        if row_end is None:  # SpreadsheetML as .NET writes it: <x:worksheet>, <x:row>, <x:c>
            root = _ROOT_PREFIX.search(piece)
            prefix = root.group(1) + b":" if root and root.group(1) else b""
            row_end, cell_end = b"</" + prefix + b"row>", b"</" + prefix + b"c>"
        yield piece.count(row_end), piece.count(cell_end), _reach(piece)


_REF = np.frombuffer(b' r="', np.uint8)  # where a cell's (or a row's) reference begins


def _upper(codes: np.ndarray) -> np.ndarray:
    return (codes >= ord("A")) & (codes <= ord("Z"))


def _reach(piece: bytes) -> tuple[int, int]:
    """The furthest row and column the piece's references name (``r="XFD1048576"``).

    Calamine lays a sheet out as one grid, from its first cell to its furthest, so two
    cells at A1 and XFD1048576 would take 17 billion (it aborts the whole process, asking
    for half a terabyte). Worked out in numpy, every reference at once: the longest
    column letters and the longest row numbers hold the furthest (a regular expression
    over the two million references of a 20,000-service portfolio took a second and a half).
    """
    text = np.frombuffer(piece + b" " * 12, np.uint8)  # room to look past the end
    end = len(piece) - len(_REF) + 1
    if end <= 0:
        return 0, 0
    found = text[:end] == _REF[0]
    for k in range(1, len(_REF)):
        found &= text[k : end + k] == _REF[k]
    starts = np.flatnonzero(found) + len(_REF)
    if not len(starts):
        return 0, 0
    first = _upper(text[starts])
    second = first & _upper(text[starts + 1])
    letters = first.astype(np.int64) + second + (second & _upper(text[starts + 2]))
    at = starts + letters  # where each row number begins
    digits = np.zeros(len(starts), np.int64)  # its length, up to 8 (a longer one is as far)
    going = np.ones(len(starts), bool)
    for k in range(8):
        code = text[at + k]
        going &= (code >= ord("0")) & (code <= ord("9"))
        digits += going
    row = column = 0
    if (widest := int(letters.max())) > 0:
        named = starts[letters == widest]
        number = np.zeros(len(named), np.int64)
        for k in range(widest):
            number = number * 26 + text[named + k].astype(np.int64) - ord("A") + 1
        column = int(number.max())
    if (longest := int(digits.max())) > 0:
        begins = at[digits == longest]
        number = np.zeros(len(begins), np.int64)
        for k in range(longest):
            number = number * 10 + text[begins + k].astype(np.int64) - ord("0")
        row = int(number.max())
    return row, column


_ODS_SHEET = re.compile(rb'<table:table\s[^>]*?table:name="([^"]*)"')
_ODS_REPEATED = re.compile(rb'-repeated="([0-9]+)"')
_ODS_ROW_END, _ODS_CELL_END = b"</table:table-row>", b"</table:table-cell>"


def _ods_counts(xml: BinaryIO) -> Iterator[tuple[str, int, int]]:
    """(sheet, rows, cells) in each piece of an .ods content.xml, a piece holding whole
    rows of one sheet."""
    sheet = ""
    for piece in _pieces(xml, b"<table:table-row"):
        start = 0
        for found in _ODS_SHEET.finditer(piece):
            yield sheet, *_ods_rows(piece[start : found.start()])
            sheet, start = html.unescape(found.group(1).decode("utf-8", "replace")), found.start()
        yield sheet, *_ods_rows(piece[start:])


def _ods_rows(piece: bytes) -> tuple[int, int]:
    """The rows and cells in whole rows of an .ods sheet, repeats counted.

    A cell or row repeated (``table:number-columns-repeated="3"``) is counted that many
    times, unless it is empty: LibreOffice pads every sheet out to its last column and row
    with an empty cell and row repeated a thousand and a million times, which calamine skips.
    """
    rows, cells = piece.count(_ODS_ROW_END), piece.count(_ODS_CELL_END)
    for found in _ODS_REPEATED.finditer(piece):
        tag_start = piece.rfind(b"<", 0, found.start())
        tag_end = piece.find(b">", found.end())
        if tag_end < 0 or piece[tag_end - 1 : tag_end] == b"/":
            continue  # an empty cell or row (or a column's style)
        digits = found.group(1)  # past 15 digits no real repeat, and too long for int()
        more = max(int(digits) if len(digits) < 16 else 10**15, 1) - 1
        if piece.startswith(b"<table:table-cell", tag_start):
            cells += more
        elif piece.startswith(b"<table:table-row", tag_start):
            row_end = piece.find(_ODS_ROW_END, tag_end)
            _, row_cells = _ods_rows(piece[tag_end : row_end if row_end >= 0 else len(piece)])
            if row_cells:
                rows += more
                cells += more * row_cells
    return rows, cells

"""Limits: a portfolio too big, or built to exhaust the server, is refused before it is parsed."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dayserv.__main__ import main
from dayserv.read import limits, reader
from dayserv.read.clean import load
from dayserv.read.limits import MB, Limits
from dayserv.read.reader import Source, UnreadableError, read_sources
from dayserv.synthetic import big_portfolio, write_workbook
from tests.workbooks import xlsx

ROOT = Path(__file__).resolve().parent.parent
SHEET_PART = "xl/worksheets/sheet1.xml"  # openpyxl's part for the first sheet

# `python -m dayserv ARGS...`, printing its own peak memory (kB) as the last line of stderr.
# The peak of this process's own memory since it started: VmHWM belongs to the program
# being run (ru_maxrss would carry over the forking test worker's size through exec).
RUN_WITH_PEAK = (
    "import atexit, re, runpy, sys\n"
    "atexit.register(lambda: print(re.search(r'VmHWM:\\s+(\\d+)',"
    " open('/proc/self/status').read()).group(1), file=sys.stderr))\n"
    "sys.argv[0] = 'dayserv'\n"
    "runpy.run_module('dayserv', run_name='__main__', alter_sys=True)\n"
)


def _dayserv(*args: str) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run the command line; its result, wall seconds and peak memory in MB."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", RUN_WITH_PEAK, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.perf_counter() - start
    *message, peak = done.stderr.strip().splitlines()
    done.stderr = "\n".join(message)
    return done, seconds, int(peak) / 1024


def _rewrite(data: bytes, part: str, write) -> bytes:
    """The workbook ``data`` with ``part`` replaced by what ``write(stream)`` writes to it."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as original,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten,
    ):
        for info in original.infolist():
            if info.filename == part:
                with rewritten.open(part, "w") as stream:
                    write(stream)
            else:
                rewritten.writestr(info.filename, original.read(info))
    return out.getvalue()


def _services_rows(n: int) -> list[list]:
    return [["Service", "Provider", "Year", "Sector"]] + [
        [f"Service {i}", "Mind", "2024/25", "Voluntary"] for i in range(n)
    ]


def _csv(name: str, rows: list[list]) -> Source:
    return Source(name, "\n".join(",".join(map(str, row)) for row in rows).encode())


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    """An .xlsx whose Services sheet unpacks to 300 MB of rows from under 1 MB packed.

    Written as a stream, so building it never holds more than one block of rows.
    """
    rows = b'<row><c t="inlineStr"><is><t>Drop-in</t></is></c></row>' * 2000

    def write(stream):
        stream.write(
            b'<?xml version="1.0" encoding="UTF-8"?>'
            b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b"<sheetData>"
        )
        for _ in range(300 * MB // len(rows)):
            stream.write(rows)
        stream.write(b"</sheetData></worksheet>")

    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    path.write_bytes(_rewrite(xlsx({"Services": [["Service"]]}), SHEET_PART, write))
    return path


# ---------------------------------------------------------------- zip bombs


def test_a_zip_bomb_is_refused_quickly_with_a_plain_sentence_and_little_memory(zip_bomb):
    data = zip_bomb.read_bytes()
    assert len(data) < MB
    tracemalloc.start()
    start = time.perf_counter()
    try:
        with pytest.raises(UnreadableError) as refused:
            load([Source(zip_bomb.name, data)])
        seconds = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert seconds < 2
    assert peak < 20 * MB  # nothing was unpacked: a parse would build millions of cells
    message = str(refused.value)
    assert message.startswith("The sheet 'Services' in bomb.xlsx unpacks to 300 MB, ")
    assert "times its packed size, where real workbooks unpack at most 100 times" in message
    assert message.endswith("raise the limit with --max-ratio on the command line.")


def test_the_command_line_refuses_a_zip_bomb_with_exit_2_and_no_traceback(zip_bomb):
    done, seconds, peak_mb = _dayserv("validate", str(zip_bomb))
    assert done.returncode == 2
    assert done.stderr.startswith("Could not load the portfolio: The sheet 'Services' in bomb.xlsx")
    assert "Traceback" not in done.stderr
    assert done.stdout == ""
    assert seconds < 10  # most of it is starting Python and importing pandas
    assert peak_mb < 400  # the bomb's 300 MB of XML was never unpacked


def test_a_workbook_past_the_unpacked_size_names_its_biggest_sheet(zip_bomb):
    with pytest.raises(UnreadableError) as refused:
        read_sources([Source("bomb.xlsx", zip_bomb.read_bytes())], Limits(max_unpacked_mb=200))
    assert str(refused.value).startswith(
        "bomb.xlsx unpacks to 300 MB (the sheet 'Services' 300 MB of it), more than the "
        "200 MB a workbook may unpack to: split it into smaller files"
    )
    assert "--max-unpacked-size" in str(refused.value)


def test_many_small_parts_that_each_unpack_steeply_are_refused_together():
    padded = io.BytesIO(xlsx({"Services": _services_rows(2)}))
    with zipfile.ZipFile(padded, "a", zipfile.ZIP_DEFLATED) as archive:
        for n in range(40):  # each under the 1 MB a single part may unpack to any ratio
            archive.writestr(f"xl/media/blank{n}.xml", b" " * (900 * 1024))
    with pytest.raises(UnreadableError, match=r"^padded\.xlsx unpacks to 35 MB, \d+ times"):
        read_sources([Source("padded.xlsx", padded.getvalue())])


def test_a_ratio_limit_raised_lets_a_steep_but_small_workbook_through():
    padded = io.BytesIO(xlsx({"Services": _services_rows(3)}))
    with zipfile.ZipFile(padded, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/blank.xml", b" " * (3 * MB))
    with pytest.raises(UnreadableError, match=r"^The part xl/media/blank\.xml in steep\.xlsx"):
        load([Source("steep.xlsx", padded.getvalue())])
    portfolio = load([Source("steep.xlsx", padded.getvalue())], Limits(max_ratio=10_000))
    assert portfolio.services["service"].tolist() == ["Service 0", "Service 1", "Service 2"]


# ---------------------------------------------------------------- a sheet's size


def test_two_cells_far_apart_are_refused_from_the_sheets_dimension_before_calamine_reads_it(
    tmp_path,
):
    # calamine sets aside every cell between A1 and XFD1048576 (512 GB): the process aborts.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Services"
    sheet["A1"], sheet["XFD1048576"] = "Service", "x"
    path = tmp_path / "far.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000
    done, _, peak_mb = _dayserv("validate", str(path))
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "Could not load the portfolio: The sheet 'Services' in far.xlsx spans A1:XFD1048576, "
        "1,048,576 rows by 16,384 columns (17,179,869,184 cells), more than the 30,000,000 "
        "cells a portfolio may hold: if the data is smaller, delete the empty rows and "
        "columns beyond it and save again; otherwise split it into smaller files (by area or "
        "by years), or raise the limit with --max-cells on the command line."
    )
    assert peak_mb < 400


def _without_dimension(data: bytes) -> bytes:
    """The workbook with its first sheet's dimension taken out (it is optional)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(SHEET_PART)
    stripped = re.sub(rb"<dimension [^>]*/>", b"", xml)
    assert stripped != xml
    return _rewrite(data, SHEET_PART, lambda stream: stream.write(stripped))


@pytest.fixture
def calamine_unused(monkeypatch):
    """calamine made to fail the test if it is asked to open a workbook."""

    def opened(source):
        raise AssertionError(f"calamine was asked to read {source.name}")

    monkeypatch.setattr(reader, "_open_workbook", opened)


@pytest.mark.parametrize("far", ["XFD1048576", "ZZ999999", "A99999999"])
def test_two_cells_far_apart_without_a_dimension_are_refused_before_calamine(far, calamine_unused):
    # Without the (optional) dimension, calamine would lay out every cell between them.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Services"
    sheet["A1"], sheet["B2"] = "Service", "x"  # B2 moved beyond where openpyxl may write
    buffer = io.BytesIO()
    book.save(buffer)
    data = _without_dimension(buffer.getvalue())
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(SHEET_PART).replace(b'r="B2"', f'r="{far}"'.encode())
    data = _rewrite(data, SHEET_PART, lambda stream: stream.write(xml))
    with pytest.raises(UnreadableError) as refused:
        load([Source("far.xlsx", data)])
    message = str(refused.value)
    assert message.startswith("The sheet 'Services' in far.xlsx has a cell as far as row ")
    assert "reading it would take a grid of more than the 30,000,000 cells" in message


def test_the_reach_of_a_sheets_references_is_its_furthest_row_and_column():
    assert limits._reach(b'<row r="7"><c r="A1"/><c r="AB12"></c><c r="C20001">') == (20001, 28)
    assert limits._reach(b'<c r="XFD1048576"><v>1</v></c><c r="A1">') == (1048576, 16384)
    assert limits._reach(b"<c><v>no reference</v></c>") == (0, 0)
    assert limits._reach(b'<c r="AB') == (0, 28)  # cut off: the next piece has the rest


@pytest.mark.parametrize(
    ("dimension", "said"),
    [(True, "spans A1:D10, 10 rows, "), (False, "has ")],
    ids=["from its dimension", "counted in its XML"],
)
def test_an_xlsx_sheet_with_too_many_rows_is_refused_before_calamine_reads_it(
    dimension, said, calamine_unused
):
    data = xlsx({"Services": _services_rows(9)})
    if not dimension:
        data = _without_dimension(data)
    with pytest.raises(UnreadableError) as refused:
        load([Source("tall.xlsx", data)], Limits(max_rows=5))
    message = str(refused.value)
    assert message.startswith(f"The sheet 'Services' in tall.xlsx {said}more than the 5 rows a ")
    assert message.endswith("raise the limit with --max-rows on the command line.")


def test_an_xlsx_sheet_without_a_dimension_past_the_cells_limit_is_refused_before_calamine(
    calamine_unused,
):
    data = _without_dimension(xlsx({"Services": _services_rows(9)}))  # 40 cells
    with pytest.raises(UnreadableError) as refused:
        load([Source("wide.xlsx", data)], Limits(max_cells=39))
    assert str(refused.value) == (
        "The sheet 'Services' in wide.xlsx has more than the 39 cells a portfolio may hold: "
        "split it into smaller files (by area or by years), or raise the limit with "
        "--max-cells on the command line."
    )


def test_a_sheet_just_within_the_limits_counted_in_its_xml_still_loads():
    data = _without_dimension(xlsx({"Services": _services_rows(9)}))  # 10 rows, 40 cells
    portfolio = load([Source("wide.xlsx", data)], Limits(max_rows=10, max_cells=40))
    assert len(portfolio.services) == 9


def test_a_dimension_that_understates_the_sheet_does_not_let_it_past_the_limits(
    calamine_unused,
):
    data = xlsx({"Services": _services_rows(9)})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(SHEET_PART)
    lying = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:B2"', xml)
    assert lying != xml
    data = _rewrite(data, SHEET_PART, lambda stream: stream.write(lying))
    with pytest.raises(UnreadableError, match="^The sheet 'Services' in lying.xlsx has more "):
        load([Source("lying.xlsx", data)], Limits(max_rows=5))


def test_the_cells_counted_in_each_sheet_add_up_to_the_portfolios_limit(calamine_unused):
    data = _without_dimension(
        xlsx({"Services": _services_rows(9), "Funding": [["Service", "Year"]] * 3})
    )  # the Services sheet's 40 cells, then the Funding sheet's 6
    with pytest.raises(UnreadableError) as refused:
        read_sources([Source("two.xlsx", data)], Limits(max_cells=45))
    assert str(refused.value).startswith(
        "The sheet 'Funding' in two.xlsx brings the portfolio to more than the 45 cells it may "
        "hold, every sheet together: split it"
    )


def test_a_sheet_of_several_megabytes_is_counted_exactly_across_the_megabytes():
    rows = 40_000  # about 3 MB of XML, so counted in several pieces
    data = _without_dimension(xlsx({"Services": _services_rows(rows - 1)}))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.getinfo(SHEET_PART).file_size > 2 * MB
    assert len(read_sources([Source("big.xlsx", data)], Limits(max_rows=rows))["Services"]) == rows
    with pytest.raises(
        UnreadableError,
        match=f"^The sheet 'Services' in big.xlsx has more than the {rows - 1:,} rows",
    ):
        read_sources([Source("big.xlsx", data)], Limits(max_rows=rows - 1))


def test_a_sheet_written_with_a_namespace_prefix_is_counted_too(calamine_unused):
    data = _without_dimension(xlsx({"Services": _services_rows(9)}))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(SHEET_PART).decode()
    # <x:worksheet xmlns:x="...">, <x:row>, <x:c>, as the Open XML SDK writes a sheet
    prefixed = re.sub(r"<(/?)(?!\?)", r"<\1x:", xml).replace("xmlns=", "xmlns:x=")
    data = _rewrite(data, SHEET_PART, lambda stream: stream.write(prefixed.encode()))
    with pytest.raises(
        UnreadableError, match="^The sheet 'Services' in x.xlsx has more than the 5 rows"
    ):
        read_sources([Source("x.xlsx", data)], Limits(max_rows=5))


def _ods(rows: list[list], rewrite=None) -> bytes:
    """An .ods with one sheet, Services, of ``rows``; its content.xml passed through ``rewrite``."""
    written = io.BytesIO()
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    frame.to_excel(written, sheet_name="Services", index=False, engine="odf")
    if rewrite is None:
        return written.getvalue()
    with zipfile.ZipFile(written) as archive:
        xml = rewrite(archive.read("content.xml").decode())
    return _rewrite(written.getvalue(), "content.xml", lambda stream: stream.write(xml.encode()))


def test_an_ods_sheet_past_the_rows_or_cells_limit_is_refused_before_calamine(calamine_unused):
    data = _ods(_services_rows(9))  # 10 rows by 4 columns, and an .ods has no dimension
    with pytest.raises(
        UnreadableError,
        match="^The sheet 'Services' in tall.ods has more than the 5 rows a sheet may have",
    ):
        read_sources([Source("tall.ods", data)], Limits(max_rows=5))
    with pytest.raises(
        UnreadableError, match="^The sheet 'Services' in wide.ods has more than the 39 cells"
    ):
        read_sources([Source("wide.ods", data)], Limits(max_cells=39))


def test_an_ods_sheet_just_within_the_limits_still_loads():
    data = _ods(_services_rows(9))
    portfolio = load([Source("fits.ods", data)], Limits(max_rows=10, max_cells=40))
    assert len(portfolio.services) == 9


@pytest.mark.parametrize(
    ("times", "past"),
    [
        ("100000", "30,000,000 cells a portfolio may hold"),
        ("9" * 5_000, "1,048,576 rows a sheet may have"),  # too long a number for int()
    ],
    ids=["100,000", "5,000 digits"],
)
def test_an_ods_row_repeated_past_the_limits_is_refused_from_a_tiny_file(
    times, past, calamine_unused
):
    # calamine would make every repeated cell: 100,000 rows by 1,003 cells, 12 GB of them.
    def repeat(xml: str) -> str:  # the first row below the headings, repeated
        row = '<table:table-row><table:table-cell office:value-type="string"'
        repeated = (
            f'<table:table-row table:number-rows-repeated="{times}">'
            '<table:table-cell table:number-columns-repeated="1000" office:value-type="string"'
        )
        first_row = xml.index(row, xml.index(row) + 1)
        return xml[:first_row] + repeated + xml[first_row + len(row) :]

    data = _ods(_services_rows(2), repeat)
    assert len(data) < 8_000
    with pytest.raises(UnreadableError) as refused:
        read_sources([Source("bomb.ods", data)])
    said = "The sheet 'Services' in bomb.ods has more than the "
    assert str(refused.value).startswith(said + past)


def test_an_ods_padded_with_empty_rows_and_cells_as_libreoffice_saves_it_still_loads():
    def pad(xml: str) -> str:  # LibreOffice's filler out to the last row and column
        filler = (
            '<table:table-row table:number-rows-repeated="1048566">'
            '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
        )
        return xml.replace("</table:table>", filler + "</table:table>")

    portfolio = load([Source("padded.ods", _ods(_services_rows(9), pad))], Limits(max_cells=40))
    assert len(portfolio.services) == 9


def test_a_csv_with_too_many_rows_stops_being_read_at_the_limit():
    source = _csv("services.csv", _services_rows(20))
    with pytest.raises(UnreadableError) as refused:
        read_sources([source], Limits(max_rows=5))
    assert str(refused.value) == (
        "services.csv has more than the 5 rows a sheet may have: split it into smaller files "
        "(by area or by years), or raise the limit with --max-rows on the command line."
    )
    assert read_sources([source], Limits(max_rows=21))["services"].shape == (21, 4)


def test_a_csv_with_too_many_cells_is_refused_and_one_very_wide_row_is_enough():
    wide = Source("services.csv", b"Service,Provider,Year,Sector\n" + b"," * 5_000 + b"\n")
    with pytest.raises(UnreadableError) as refused:
        read_sources([wide], Limits(max_cells=1_000))
    assert str(refused.value).startswith(
        "services.csv has at least 2 rows by 5,001 columns, 10,002 cells, more than the 1,000 "
        "cells a portfolio may hold"
    )


def test_the_cells_limit_counts_every_sheet_together():
    services = _csv("services.csv", _services_rows(3))  # 4 rows by 4 columns
    funding = _csv("funding.csv", [["Service", "Year", "Source", "Amount"]] * 3)
    assert len(read_sources([services, funding], Limits(max_cells=28))) == 2
    with pytest.raises(UnreadableError) as refused:
        read_sources([services, funding], Limits(max_cells=27))
    assert str(refused.value).startswith(
        "funding.csv (at least 3 rows by 4 columns) brings the portfolio to 28 cells, every sheet "
        "together, more than the 27 it may hold"
    )


def test_a_file_past_the_size_limit_is_refused_before_it_is_read():
    big = Source("services.csv", b"Service,Provider,Year,Sector\n" + b"A,P,2024,NHS\n" * 200_000)
    with pytest.raises(UnreadableError) as refused:
        read_sources([big], Limits(max_file_mb=1))
    assert str(refused.value) == (
        "services.csv is 2.5 MB, more than the 1 MB a file may be: split it into smaller files "
        "(by area or by years), or raise the limit with --max-file-size on the command line."
    )


# ---------------------------------------------------------------- the command line


def test_the_command_line_limits_can_be_lowered_and_raised(tmp_path):
    path = tmp_path / "services.csv"
    path.write_text("\n".join(",".join(row) for row in _services_rows(5)))
    done, _, _ = _dayserv("validate", str(path), "--max-rows", "3")
    assert done.returncode == 2
    assert "services.csv has more than the 3 rows a sheet may have" in done.stderr
    done, _, _ = _dayserv("measures", str(path), "--json", "--max-rows", "6", "--max-cells", "24")
    assert done.returncode == 0, done.stderr
    done, _, _ = _dayserv("validate", str(path), "--max-cells", "0")
    assert done.returncode == 2
    assert "--max-cells: '0' is not a whole number above 0" in done.stderr


@pytest.mark.parametrize("command", ["validate", "measures", "export", "pack"])
def test_the_limits_are_in_every_commands_help(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    shown = capsys.readouterr().out
    for option, default in (
        ("--max-file-size MB", "120"),
        ("--max-unpacked-size MB", "1,800"),
        ("--max-ratio N", "100"),
        ("--max-rows N", "1,048,576"),
        ("--max-cells N", "30,000,000"),
    ):
        assert option in shown
        assert f"(default {default})" in shown


# ---------------------------------------------------------------- real portfolios still load


def test_a_large_real_shaped_workbook_still_loads_within_the_default_limits(tmp_path):
    sheets = big_portfolio(4_000)
    path = tmp_path / "large.xlsx"
    write_workbook(sheets, path)
    with zipfile.ZipFile(path) as archive:
        steepest = max(i.file_size / i.compress_size for i in archive.infolist())
    assert steepest < 30  # real sheets unpack far less steeply than the 100 times allowed
    portfolio = load([Source(path.name, path.read_bytes())])
    assert len(portfolio.services) == 4_000
    assert len(portfolio.benchmark) == 4_000 * 65


def test_the_upload_limit_is_the_readers_file_limit():
    config = (ROOT / ".streamlit" / "config.toml").read_text()
    assert f"maxUploadSize = {Limits().max_file_mb}\n" in config

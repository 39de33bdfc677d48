"""`python -m dayserv export`: the Data tables page's files, from the command line."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from dayserv.__main__ import main
from dayserv.figures.filters import Filter
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import tables
from dayserv.share.export import FORMULA_STARTS
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
EVIL = '=HYPERLINK("http://evil.example","click")'


@pytest.fixture(scope="module")
def sample_tables():
    return load(sources_from_paths([SAMPLE])).tables


def _csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str, keep_default_na=False)


def test_xlsx_of_the_filtered_services_holds_the_pages_rows(tmp_path, capsys, sample_tables):
    out = tmp_path / "out.xlsx"
    argv = ["export", str(SAMPLE), "--table", "services", "--year", "2024/25"]
    argv += ["--locality", "North", "--format", "xlsx", "-o", str(out)]
    assert main(argv) == 0

    chosen = Filter(years=("2024/25", "2024/25"), localities=("North",))
    expected = tables.analyst_table(chosen.tables(sample_tables), "services")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Services", "About this export"]
    rows = list(book["Services"].iter_rows(values_only=True))
    empty = tables.empty_columns(expected)
    assert empty  # the North's services of 2024/25 leave some optional columns blank
    assert list(rows[0]) == [c for c in expected.columns if c not in empty]  # as the page
    assert len(rows) - 1 == len(expected) == 8
    got = pd.DataFrame(rows[1:], columns=rows[0])
    assert got["Service"].tolist() == expected["Service"].tolist()
    assert set(got["Locality"]) == {"North"} and set(got["Year"]) == {"2024/25"}
    assert got["Annual funding (£)"].tolist() == expected["Annual funding (£)"].tolist()
    assert got["Spreadsheet row"].tolist() == expected["Spreadsheet row"].tolist()
    about = dict(book["About this export"].iter_rows(max_col=2, values_only=True))
    assert about["Area"] == "Sample portfolio"  # its Services name no one area: its file's
    assert about["Source file"] == "sample_portfolio.xlsx"
    assert about["Filters"] == "year 2024/25; locality North"
    assert about["Rows"] == "8"
    assert about["Columns left out because they are empty"] == ", ".join(empty)
    assert about["Publication mode"].startswith("Off")
    assert "Wrote 8 rows of Services" in capsys.readouterr().err


def test_csv_goes_to_standard_output_with_a_bom(capsysbinary, sample_tables):
    assert main(["export", str(SAMPLE), "--table", "funding", "--locality", "North"]) == 0
    captured = capsysbinary.readouterr()
    assert captured.out.startswith(b"\xef\xbb\xbfService,Year,Source,Amount (\xc2\xa3)")
    frame = _csv(captured.out)
    expected = Filter(localities=("North",)).tables(sample_tables)["funding"]
    assert len(frame) == len(expected)
    assert b"rows of Funding" in captured.err


def test_dash_is_standard_output_and_o_xlsx_picks_the_format(tmp_path, capsysbinary):
    assert main(["export", str(SAMPLE), "--table", "targets", "-o", "-"]) == 0
    assert capsysbinary.readouterr().out.startswith(b"\xef\xbb\xbfOutcome,Target,Year")
    out = tmp_path / "targets.xlsx"
    assert main(["export", str(SAMPLE), "--table", "targets", "-o", str(out)]) == 0
    assert openpyxl.load_workbook(out).sheetnames == ["Targets", "About this export"]


def test_the_measures_table_is_the_measures_commands(capsysbinary):
    assert main(["export", str(SAMPLE), "--table", "measures", "--locality", "North"]) == 0
    frame = pd.read_csv(io.BytesIO(capsysbinary.readouterr().out), encoding="utf-8-sig")
    assert main(["measures", str(SAMPLE), "--json", "--locality", "North"]) == 0
    figures = json.loads(capsysbinary.readouterr().out)["years"]
    assert frame["Year"].tolist() == list(figures)
    for year, share in zip(frame["Year"], frame["User-run share of services"], strict=True):
        assert share == pytest.approx(figures[year]["user_run_share"], abs=1e-6)  # JSON rounds


def test_search_columns_and_publication(tmp_path, capsysbinary):
    workbook = tmp_path / "small.xlsx"
    header = [*SERVICES_HEADER, "People supported"]
    workbook.write_bytes(
        xlsx(
            {
                "Services": [
                    header,
                    [*service_row("Peer Hub", "Peer Co", "2024/25", "User-led", "Yes"), 3],
                    [*service_row("Day Centre", "Trust", "2024/25", "NHS"), 40],
                ]
            }
        )
    )
    argv = ["export", str(workbook), "--column", "service", "--column", "People supported"]
    assert main([*argv, "--publication"]) == 0
    assert _csv(capsysbinary.readouterr().out).values.tolist() == [
        ["Peer Hub", "<5"],
        ["Day Centre", "40"],
    ]
    assert main([*argv, "--threshold", "50", "--search", "CENTRE"]) == 0
    assert _csv(capsysbinary.readouterr().out).values.tolist() == [["Day Centre", "<50"]]
    assert main(argv) == 0
    assert _csv(capsysbinary.readouterr().out)["People supported"].tolist() == ["3", "40"]


def test_a_formula_looking_service_name_is_neutralised(tmp_path, capsysbinary):
    folder = tmp_path / "csvs"
    folder.mkdir()
    rows = [
        SERVICES_HEADER,
        service_row(EVIL, "@Provider", "2024/25", "NHS"),
        service_row("-Minus", "+Plus", "2024/25", "Voluntary"),
    ]
    frame = pd.DataFrame(rows[1:], columns=rows[0])
    frame.to_csv(folder / "services.csv", index=False)

    assert main(["export", str(folder)]) == 0
    text = capsysbinary.readouterr().out.decode("utf-8-sig")
    shown = _csv(text.encode("utf-8-sig"))
    assert shown["Service"].tolist() == ["'" + EVIL, "'-Minus"]
    assert shown["Provider"].tolist() == ["'@Provider", "'+Plus"]
    assert all(not cell.startswith(FORMULA_STARTS) for cell in shown.to_numpy().ravel() if cell)

    out = tmp_path / "evil.xlsx"
    assert main(["export", str(folder), "--format", "xlsx", "-o", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", cell.coordinate
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    assert cell.quotePrefix, cell.value  # Excel's hidden quote prefix
    assert book["Services"]["A2"].value == EVIL  # as typed, not with an apostrophe
    assert book["Services"]["A2"].data_type == "s"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--table", "nope"], "There is no table called 'nope': choose one of services"),
        (["--column", "Colour"], "The Services table has no column 'Colour'"),
        (["--threshold", "1"], "--threshold must be 2 or more."),
    ],
)
def test_bad_options_get_one_line_and_a_non_zero_exit(argv, message, capsys):
    assert main(["export", str(SAMPLE), *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith(message) and captured.err.count("\n") == 1


def test_an_unreadable_file_gets_one_line_and_a_non_zero_exit(tmp_path, capsys):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(bytes(range(256)) * 4)
    assert main(["export", str(bad)]) == 2
    assert main(["export", str(tmp_path / "missing.xlsx")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 2 and "Traceback" not in err
    assert "missing.xlsx" in err


def test_an_unwritable_output_is_said_plainly(tmp_path, capsys):
    out = tmp_path / "no" / "such" / "folder.csv"
    assert main(["export", str(SAMPLE), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"Could not write {out}") and err.count("\n") == 1


def test_as_a_process_no_traceback_and_the_bom_on_stdout():
    done = subprocess.run(
        [sys.executable, "-m", "dayserv", "export", str(SAMPLE), "--table", "nope"],
        cwd=ROOT,
        capture_output=True,
    )
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr and done.stderr.count(b"\n") == 1
    done = subprocess.run(
        [sys.executable, "-m", "dayserv", "export", str(SAMPLE), "--table", "checklist"],
        cwd=ROOT,
        capture_output=True,
    )
    assert done.returncode == 0
    assert done.stdout.startswith(b"\xef\xbb\xbfQuestion ID,Question,Answer")
    assert len(_csv(done.stdout)) == 97


def test_exported_services_and_funding_load_again_with_the_same_measures(tmp_path, capsys):
    folder = tmp_path / "again"
    folder.mkdir()
    for table in ("services", "funding"):
        assert (
            main(["export", str(SAMPLE), "--table", table, "-o", str(folder / f"{table}.csv")]) == 0
        )
    assert main(["measures", str(SAMPLE), "--json"]) == 0
    original = json.loads(capsys.readouterr().out)["years"]
    assert main(["measures", str(folder), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["years"] == original

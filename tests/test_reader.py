"""The reader: several files as one portfolio, hidden sheets, and a folder's clutter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from dayserv import contract
from dayserv.app import state
from dayserv.read.clean import load
from dayserv.read.reader import (
    Source,
    UnreadableError,
    is_clutter,
    read_sources,
    sheet_meant,
    sources_from_paths,
)
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

ROOT = Path(__file__).resolve().parent.parent

SERVICES_CSV = "Service,Provider,Year,Sector\nDrop-in,Mind,2024/25,Voluntary\n"
FUNDING_CSV = "Service,Year,Source,Amount\nDrop-in,2024/25,Lottery,£500\n"


def _text(name: str, text: str) -> Source:
    return Source(name, text.encode())


def _book(**sheets: list[list]) -> bytes:
    return xlsx({name.replace("_", " "): rows for name, rows in sheets.items()})


def _services() -> list[list]:
    return [SERVICES_HEADER, service_row("Drop-in", "Mind", "2024/25", "Voluntary")]


def _validate(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dayserv", "validate", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


# ---------------------------------------------------------------- several files


def test_csv_files_are_the_sheets_of_one_portfolio():
    sheets = read_sources([_text("services.csv", SERVICES_CSV), _text("Funding.csv", FUNDING_CSV)])
    assert list(sheets) == ["services", "Funding"]
    portfolio = load([_text("services.csv", SERVICES_CSV), _text("Funding.csv", FUNDING_CSV)])
    assert portfolio.funding["amount"].tolist() == [500.0]


def test_a_workbook_and_csv_files_for_the_sheets_it_lacks_are_combined():
    portfolio = load(
        [Source("book.xlsx", _book(Services=_services())), _text("funding.csv", FUNDING_CSV)]
    )
    assert portfolio.services["service"].tolist() == ["Drop-in"]
    assert portfolio.funding["source"].tolist() == ["Lottery"]


def test_two_workbooks_are_refused_naming_both():
    sources = [
        Source("north.xlsx", _book(Services=_services())),
        _text("funding.csv", FUNDING_CSV),
        Source("south.xlsx", _book(Services=_services())),
    ]
    with pytest.raises(UnreadableError) as refused:
        load(sources)
    assert str(refused.value) == (
        "north.xlsx and south.xlsx were given together, but a portfolio is one workbook "
        "(with CSV files for sheets it lacks, if need be): load them one at a time."
    )


def test_a_workbook_and_a_csv_file_giving_the_same_sheet_are_refused_naming_both():
    sources = [Source("book.xlsx", _book(Service_list=_services())), _text("services.csv", "")]
    with pytest.raises(UnreadableError) as refused:
        load(sources)
    assert str(refused.value) == (
        "book.xlsx has a Services sheet ('Service list') and services.csv gives it again: "
        "leave out one of them, since which one is meant cannot be told."
    )


@pytest.mark.parametrize(
    ("first", "second", "sheet"),
    [
        ("services.csv", "Services.CSV", "Services"),
        ("services.csv", "SERVICE LIST.csv", "Services"),
        ("Services 2023.csv", "Services 2024.csv", "Services"),
        ("funding.csv", "Funding sources.txt", "Funding"),
        ("good_practice.csv", "Good Practice.tsv", "GoodPractice"),
        ("notes.csv", "Notes.txt", "'Notes'"),
    ],
)
def test_two_csv_files_giving_the_same_sheet_are_refused_naming_both(first, second, sheet):
    with pytest.raises(UnreadableError) as refused:
        read_sources([_text(first, SERVICES_CSV), _text(second, SERVICES_CSV)])
    assert str(refused.value) == (
        f"{first} and {second} both give the {sheet} sheet: leave out one of them, since "
        "which one is meant cannot be told."
    )


def test_the_same_file_name_twice_is_refused():
    with pytest.raises(UnreadableError, match="^Two files called services.csv were given"):
        read_sources([_text("services.csv", SERVICES_CSV), _text("services.csv", SERVICES_CSV)])


def test_a_folder_with_a_workbook_and_a_csv_file_for_the_same_sheet_is_refused(tmp_path):
    (tmp_path / "book.xlsx").write_bytes(_book(Services=_services()))
    (tmp_path / "Services.csv").write_text(SERVICES_CSV)
    with pytest.raises(UnreadableError, match="^book.xlsx has a Services sheet"):
        load(sources_from_paths([tmp_path]))


SHEETS_NAMED = "Services, Funding, Benchmark, GoodPractice, Checklist, KPIs, Targets, Plan"


@pytest.mark.parametrize(
    ("names", "refused"),
    [
        (
            ["services.csv", "south.csv"],
            f"south.csv is not named for a sheet of the format ({SHEETS_NAMED}), so it cannot "
            "be combined with services.csv: name each CSV file for the sheet it holds "
            "(services.csv, funding.csv ...), or load it alone.",
        ),
        (
            ["book.xlsx", "south.csv"],
            f"south.csv is not named for a sheet of the format ({SHEETS_NAMED}), so it cannot "
            "be combined with book.xlsx: name each CSV file for the sheet it holds "
            "(services.csv, funding.csv ...), or load it alone.",
        ),
        (
            ["north.csv", "south.csv"],
            f"north.csv and south.csv are not named for sheets of the format ({SHEETS_NAMED}), "
            "so they cannot be combined: name each CSV file for the sheet it holds "
            "(services.csv, funding.csv ...), or load them one at a time.",
        ),
        (
            ["funding.csv", "north.txt"],  # tab-delimited text, as Excel saves it
            f"north.txt is not named for a sheet of the format ({SHEETS_NAMED}), so it cannot "
            "be combined with funding.csv: name each CSV file for the sheet it holds "
            "(services.csv, funding.csv ...), or load it alone.",
        ),
    ],
)
def test_a_csv_file_not_named_for_a_sheet_is_refused_beside_others_not_left_out(names, refused):
    files = {
        "services.csv": _text("services.csv", SERVICES_CSV),
        "funding.csv": _text("funding.csv", FUNDING_CSV),
        "book.xlsx": Source("book.xlsx", _book(Services=_services())),
        "north.csv": _text("north.csv", SERVICES_CSV),
        "south.csv": _text("south.csv", SERVICES_CSV),
        "north.txt": _text("north.txt", SERVICES_CSV.replace(",", "\t")),
    }
    sources = [files[name] for name in names]
    with pytest.raises(UnreadableError) as raised:
        load(sources)
    assert str(raised.value) == refused
    # The app's upload goes the same way and shows the same sentence.
    assert state.read_files(tuple((s.name, s.data) for s in sources)) == (None, refused)


def test_one_csv_file_is_read_whatever_its_name():
    portfolio = load([_text("north.csv", SERVICES_CSV)])
    assert portfolio.services["service"].tolist() == ["Drop-in"]


def test_the_command_line_refuses_two_csv_files_not_named_for_sheets(tmp_path):
    for name in ("north.csv", "south.csv"):
        (tmp_path / name).write_text(SERVICES_CSV)
    done = subprocess.run(
        [sys.executable, "-m", "dayserv", "validate", "north.csv", "south.csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(
        "Could not load the portfolio: north.csv and south.csv are not named for sheets"
    )
    assert "not part of the format" not in done.stdout


def test_a_plan_csv_file_is_named_for_a_sheet_and_combined():
    plan = "Plan,Change,Service,From\nPlan A,Decommission,Drop-in,2025/26\n"
    portfolio = load([_text("services.csv", SERVICES_CSV), _text("Plan.csv", plan)])
    assert portfolio.plan_sheet == "Plan"


def test_a_name_stands_for_the_sheet_it_spells_in_any_case_spacing_or_synonym():
    services = contract.sheet_lookup()["services"]
    for name in ("Services", " services ", "SERVICE-LIST", "Provider landscape", "Services 2024"):
        assert sheet_meant(name) is services
    assert sheet_meant("Budget notes") == "budgetnotes"


# ---------------------------------------------------------------- hidden sheets


@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_services_sheet_is_read_like_any_other(state, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Cover"
    book.active["A1"] = "Eastbrook day services"
    sheet = book.create_sheet("Services")
    for row in _services():
        sheet.append(row)
    sheet.sheet_state = state
    path = tmp_path / f"{state}.xlsx"
    book.save(path)
    portfolio = load(sources_from_paths([path]))
    assert portfolio.services["service"].tolist() == ["Drop-in"]
    done = _validate(path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "sheet Cover: This sheet is not part of the format and was not read." in done.stdout
    assert f"Loaded {state}.xlsx: services 1 rows." in done.stdout


# ---------------------------------------------------------------- a folder's clutter


@pytest.fixture
def cluttered_folder(tmp_path) -> Path:
    """A folder of CSV sheets as people keep them: lock files, notes and the system's files."""
    folder = tmp_path / "eastbrook"
    folder.mkdir()
    (folder / "services.csv").write_text(SERVICES_CSV)
    (folder / "funding.csv").write_text(FUNDING_CSV)
    (folder / ".~lock.services.csv#").write_text(",Sam Jones,LAPTOP,01.12.2025 09:14,file://;")
    (folder / "~$book.xlsx").write_bytes(b"\x08Sam Jones  \x00\x00\x00")
    (folder / "~$services.csv").write_bytes(b"\x08Sam Jones  \x00\x00\x00")
    (folder / "._services.csv").write_bytes(
        b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X" + b"\0" * 80
    )
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1" + b"\x00" * 64)
    (folder / "README.txt").write_text(
        'These are the sheets for Eastbrook, "as at December".\n\n'
        "Funding comes from the finance team; ask Sam if a figure looks wrong.\n"
    )
    (folder / "notes.txt").write_text("Meeting 3 Dec: agreed to add the KPIs next quarter.\n")
    (folder / "old versions").mkdir()
    return folder


def test_lock_files_and_hidden_files_in_a_folder_are_skipped(cluttered_folder):
    names = [source.name for source in sources_from_paths([cluttered_folder])]
    assert names == ["README.txt", "funding.csv", "notes.txt", "services.csv"]


def test_a_cluttered_folder_loads_and_prose_notes_become_sheets_that_were_not_read(
    cluttered_folder,
):
    portfolio = load(sources_from_paths([cluttered_folder]))
    assert portfolio.services["service"].tolist() == ["Drop-in"]
    assert portfolio.funding["amount"].tolist() == [500.0]
    notes = portfolio.problems.set_index("sheet")
    assert sorted(notes.index) == ["README", "notes"]
    assert set(notes["severity"]) == {"note"}
    assert set(notes["problem"]) == {"This sheet is not part of the format and was not read."}


def test_validate_on_a_cluttered_folder_lists_the_notes_and_exits_0(cluttered_folder):
    done = _validate(cluttered_folder)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    for sheet in ("README", "notes"):
        assert f"sheet {sheet}: This sheet is not part of the format and was not read." in (
            done.stdout
        )
    assert "Loaded README.txt, funding.csv, notes.txt, services.csv: " in done.stdout


@pytest.mark.parametrize(
    ("name", "clutter"),
    [
        ("~$book.xlsx", True),
        (".~lock.services.csv#", True),
        ("._services.csv", True),
        (".DS_Store", True),
        ("services.csv", False),
        ("Services ~ final.csv", False),
    ],
)
def test_clutter_is_told_by_its_name(name, clutter):
    assert is_clutter(name) is clutter


def test_a_csv_line_too_long_to_read_gets_a_plain_sentence_naming_the_file_and_line():
    source = _text("notes.txt", "A first line\n" + "x" * 200_000 + "\n")
    with pytest.raises(UnreadableError) as refused:
        read_sources([source])
    assert str(refused.value).startswith("notes.txt could not be read as CSV at line 2 (")
    assert str(refused.value).endswith("save it again from Excel as CSV (UTF-8) and upload it.")


def test_a_utf16_file_with_an_odd_byte_is_read_not_crashed_on():
    data = "Service\tProvider\tYear\tSector\nDrop-in\tMind\t2024\tNHS\n".encode("utf-16")
    sheets = read_sources([Source("services.txt", data + b"\x00")])
    assert sheets["services"].iloc[1, :4].tolist() == ["Drop-in", "Mind", "2024", "NHS"]


def test_an_empty_workbook_file_is_still_one_plain_sentence():
    with pytest.raises(UnreadableError, match="^book.xlsx is empty.$"):
        read_sources([Source("book.xlsx", b"")])


def test_a_workbook_that_is_not_a_zip_is_left_to_calamine_to_say_so():
    with pytest.raises(UnreadableError, match="could not be opened as a spreadsheet"):
        read_sources([Source("book.xlsx", b"PK\x03\x04 not really a zip")])

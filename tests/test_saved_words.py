"""What the Saved areas page says of areas and versions: the areas table, the history and
what loading each version left out."""

from __future__ import annotations

from datetime import datetime

from dayserv.figures.saved_words import (
    AREA_COLUMNS,
    HISTORY_COLUMNS,
    areas_table,
    history_table,
    problems_words,
)
from dayserv.store.areas import AreaSummary, VersionInfo

SAVED = datetime(2026, 12, 1, 14, 5)


def version(number: int, **changed) -> VersionInfo:
    values = {
        "area": "Westford",
        "number": number,
        "files": ("one.xlsx",),
        "size": 48_400,
        "sha256": "a" * 64,
        "file_sha256": ("b" * 64,),
        "saved_by": "ann@example.org",
        "saved_at": SAVED,
        "note": "",
        "problems": {},
        **changed,
    }
    return VersionInfo(**values)


def test_nothing_left_out_is_said_so():
    assert problems_words({}) == "Nothing left out"
    assert problems_words({"error": 0, "warning": 0, "note": 2, "left_out": {}}) == (
        "Nothing left out"
    )


def test_rows_left_out_by_sheet_then_values_blanked():
    problems = {"warning": 58, "left_out": {"Services": 4, "KPIs": 1}}
    assert problems_words(problems) == (
        "4 Services rows left out, 1 KPIs row left out, 58 values blanked"
    )
    assert problems_words({"warning": 1, "left_out": None}) == "1 value blanked"


def test_the_history_has_a_row_per_version_and_ticks_the_one_shown():
    versions = [
        version(2, files=("one.xlsx", "two.csv"), size=1_240_000, note="Quarter 2"),
        version(1, size=812, problems={"warning": 3, "left_out": {"Services": 2}}),
    ]
    table = history_table(versions, shown=1)
    assert list(table.columns) == HISTORY_COLUMNS
    assert table.values.tolist() == [
        [
            2,
            False,
            "1 Dec 2026, 14:05 UTC",
            "ann@example.org",
            "one.xlsx, two.csv",
            "1.2 MB",
            "Nothing left out",
            "Quarter 2",
        ],
        [
            1,
            True,
            "1 Dec 2026, 14:05 UTC",
            "ann@example.org",
            "one.xlsx",
            "812 bytes",
            "2 Services rows left out, 3 values blanked",
            "",
        ],
    ]


def test_no_versions_is_an_empty_history_with_its_columns():
    table = history_table([], shown=None)
    assert table.empty and list(table.columns) == HISTORY_COLUMNS


def test_the_areas_table_gives_each_area_and_the_persons_role():
    visible = [
        (AreaSummary("Westford", 3, 3, SAVED, "ann@example.org"), "owner"),
        (AreaSummary("Eastbrook", 1, 1, datetime(2025, 3, 9, 9, 30), "bob@example.org"), "viewer"),
    ]
    table = areas_table(visible)
    assert list(table.columns) == AREA_COLUMNS
    assert table.values.tolist() == [
        ["Westford", 3, 3, "1 Dec 2026, 14:05 UTC", "ann@example.org", "Owner"],
        ["Eastbrook", 1, 1, "9 Mar 2025, 09:30 UTC", "bob@example.org", "Viewer"],
    ]
    assert areas_table([]).empty

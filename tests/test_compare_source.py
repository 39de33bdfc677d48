"""The words under the Compare areas page's title: how many areas, from where, what their
files left out, and that the sidebar's filters do not narrow them."""

from __future__ import annotations

from dayserv.figures.compare_source import left_out_words, source_words
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

WHOLE = "Each area is compared whole: the sidebar's filters apply to the other pages."


def westford():
    rows = [SERVICES_HEADER, service_row("Alpha", "Peer Co", "2024/25", "NHS")]
    return load_sheets({"Services": rows}, "westford.xlsx")


def eastbrook():
    """Three rows: one with no service or provider (left out), one funding blanked."""
    rows = [
        SERVICES_HEADER,
        service_row("Alpha", "Peer Co", "2024/25", "NHS"),
        service_row(None, None, "2024/25", "NHS"),
        service_row("Beta", "Trust", "2024/25", "NHS", funding="lots"),
    ]
    return load_sheets({"Services": rows}, "eastbrook.xlsx")


def test_a_workbook_with_an_area_column():
    left_out = left_out_words([("region.xlsx", westford())])
    words = source_words(3, "workbook", "region.xlsx", left_out)
    assert words == (
        f"3 areas, from the Area column of region.xlsx · Every row of every area's file used. "
        f"{WHOLE}"
    )


def test_files_and_saved_areas_chosen_name_what_each_left_out():
    portfolios = [("westford.xlsx", westford()), ("eastbrook.xlsx", eastbrook())]
    words = source_words(2, "chosen", "westford.xlsx, eastbrook.xlsx", left_out_words(portfolios))
    assert words == (
        "2 areas, from westford.xlsx, eastbrook.xlsx · eastbrook.xlsx: 2 of 3 rows used: "
        f"1 left out, 1 value blanked. {WHOLE}"
    )


def test_the_sample_region():
    words = source_words(
        7, "sample", "sample_region.xlsx", left_out_words([("sample_region.xlsx", westford())])
    )
    assert words.startswith("7 areas, from the sample region · ")
    assert words.endswith(WHOLE)

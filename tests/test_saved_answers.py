"""What users enter, as it is saved to an area: checklist answers to a record's body and back,
the words that say who saved them, and targets set in the app taking the Targets sheet's
place in the one targets table every page, tile and the meeting pack measure against."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import pytest

from dayserv.figures import saved_answers as sa
from dayserv.figures import targets as tg
from dayserv.figures.measures import target_for, yearly_measures
from dayserv.figures.overview import outcome_tiles
from dayserv.read.clean import empty_table, load
from dayserv.read.reader import sources_from_paths
from dayserv.share import pack
from tests.test_pack import SAMPLE
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row


def test_answers_go_to_a_body_and_come_back_the_same():
    edits = {
        ("2025/26", "P1.2"): ("No", None),
        ("2025/26", "P1.1"): ("Yes", "Seen in May"),
        (None, "Our own question"): (None, "Asked at the forum"),
    }
    body = sa.body_from_edits(edits)
    assert body["answers"][0] == {
        "question": "Our own question",
        "year": None,
        "answer": None,
        "notes": "Asked at the forum",
    }
    assert [item["question"] for item in body["answers"][1:]] == ["P1.1", "P1.2"]
    assert sa.edits_from_body(body) == edits


def test_a_body_is_read_warily():
    body = {
        "answers": [
            {"question": "P1.1", "year": " 2025/26 ", "answer": "yes", "notes": "  "},
            {"question": "P1.2", "answer": "Perhaps", "notes": "Ask Ann"},
            {"question": "", "answer": "Yes"},
            "not an answer",
            {"answer": "No"},
        ]
    }
    assert sa.edits_from_body(body) == {
        ("2025/26", "P1.1"): ("Yes", None),
        (None, "P1.2"): (None, "Ask Ann"),  # an answer off the scale is no answer
    }
    assert sa.edits_from_body({}) == {} and sa.edits_from_body({"answers": "x"}) == {}


def test_the_words_say_who_saved_and_when():
    when = datetime(2026, 12, 1, 14, 5)
    assert sa.saved_words("Answers", "Eastbrook", 3, "ann@example.org", when) == (
        "Answers saved by ann@example.org on 1 Dec 2026, 14:05 UTC (revision 3)."
    )
    assert sa.saved_words("Targets", "Eastbrook", 0, "", None) == (
        "Targets have not been saved to Eastbrook yet: those shown are the workbook's."
    )
    assert sa.unsaved_area_words(1, "Eastbrook") == (
        "1 answer changed here and not saved yet: save it to Eastbrook to keep it."
    )
    assert sa.read_only_words("Eastbrook", shared=True).startswith(
        "This area is shared with you read-only: these are the answers saved to Eastbrook"
    )


def sheet_targets(*rows) -> pd.DataFrame:
    workbook = load_sheets(
        {
            "Services": [SERVICES_HEADER, service_row("Alpha", "Peer Co", "2024/25", "User-led")],
            "Targets": [["Outcome", "Target", "Year"], *rows],
        }
    )
    return workbook.tables["targets"]


def test_saved_targets_take_the_sheets_place():
    sheet = sheet_targets(
        ["user_run_share", "30%", "2024/25"],
        ["user_run_share", "35%", "2025/26"],
        ["building_share", "40%", "2025/26"],
        ["providers", "20", None],
    )
    saved = {
        "user_run_share": {"target": 0.5, "year": "2026/27"},
        "building_share": {"target": None, "year": None},  # taken away
        "individual_share": {"target": 0.6, "year": None},
    }
    merged = tg.merged_targets(sheet, saved)
    assert target_for(merged, "user_run_share") == 0.5
    assert target_for(merged, "building_share") is None
    assert target_for(merged, "individual_share") == 0.6
    assert target_for(merged, "providers") == 20  # the sheet's, untouched
    assert list(merged.columns) == list(sheet.columns)
    assert tg.merged_targets(sheet, {}) is sheet
    empty = tg.merged_targets(empty_table("targets"), {"providers": {"target": 12, "year": None}})
    assert target_for(empty, "providers") == 12


def test_the_editor_shows_the_sheets_target_and_the_one_in_force():
    sheet = sheet_targets(["user_run_share", "35%", "2025/26"], ["providers", "20", None])
    frame = tg.editor_frame(sheet, {"vocational_share": {"target": 0.25, "year": "2026/27"}})
    assert list(frame.index) == [*tg.HEADLINES, "providers"]
    assert frame.at["user_run_share", "workbook"] == "35% by 2025/26"
    assert frame.at["user_run_share", "target"] == 35.0  # a share in per cent
    assert frame.at["vocational_share", "workbook"] == "None"
    assert (frame.at["vocational_share", "target"], frame.at["vocational_share", "year"]) == (
        25.0,
        "2026/27",
    )
    assert frame.at["providers", "target"] == 20.0 and frame.at["providers", "unit"] == "number"
    assert frame.at["provider_diversity", "unit"] == "0 to 1"
    assert pd.isna(frame.at["building_share", "target"])


def test_only_targets_that_differ_from_the_sheet_are_kept():
    sheet = sheet_targets(["user_run_share", "35%", "2025/26"])
    frame = tg.editor_frame(sheet, {})
    assert tg.overrides_from(sheet, frame) == {}
    frame.at["user_run_share", "target"] = 40.0
    frame.at["building_share", "target"] = 30.0
    frame.at["building_share", "year"] = "2026-27"
    assert tg.overrides_from(sheet, frame) == {
        "user_run_share": {"target": 0.4, "year": "2025/26"},
        "building_share": {"target": 0.3, "year": "2026/27"},  # the year as the sheet's are
    }
    frame.at["user_run_share", "target"] = None
    assert tg.overrides_from(sheet, frame)["user_run_share"] == {"target": None, "year": None}
    frame.at["user_run_share", "target"] = 35.0
    assert "user_run_share" not in tg.overrides_from(sheet, frame)


def test_targets_go_to_a_body_and_come_back():
    overrides = {
        "user_run_share": {"target": 0.4, "year": "2025/26"},
        "building_share": {"target": None, "year": None},
    }
    body = tg.targets_body(overrides)
    assert tg.overrides_of(body) == overrides
    assert tg.same_overrides(tg.overrides_of(body), overrides)
    assert not tg.same_overrides(overrides, {"user_run_share": {"target": 0.4, "year": None}})
    assert tg.overrides_of({"targets": {"no_such_measure": {"target": 1}, "hhi": "x"}}) == {}
    assert tg.overrides_of({"targets": {"hhi": {"target": "1500", "year": "2026"}}}) == {
        "hhi": {"target": 1500.0, "year": "2026/27"}
    }


@pytest.fixture
def sample():
    return load(sources_from_paths([SAMPLE]))


def test_the_tiles_and_the_pack_measure_against_the_merged_targets(sample):
    merged = tg.merged_targets(
        sample.tables["targets"], {"user_run_share": {"target": 0.9, "year": None}}
    )
    table = yearly_measures(sample.services, sample.funding)
    (tile,) = [t for t in outcome_tiles(table, merged) if t.measure == "user_run_share"]
    assert "short of the 90% target" in tile.target_text
    slides = pack.build(sample, targets=merged).slides
    (slide,) = [s for s in slides if s.measure == "user_run_share"]
    assert slide.target_value == 0.9
    (unchanged,) = [s for s in pack.build(sample).slides if s.measure == "user_run_share"]
    assert unchanged.target_value == 0.3  # the sample's Targets sheet

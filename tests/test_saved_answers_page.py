"""Answers and targets saved to an area, as users meet them: AppTest opens a saved area
(``?area=Eastbrook``), gives answers and targets, saves them, and a new session sees them;
two people editing the same answers never overwrite each other; a read-only share link
shows what is saved but cannot change it."""

from __future__ import annotations

import pandas as pd
from streamlit.testing.v1 import AppTest

from dayserv.app.state import SAMPLE_PATH
from dayserv.store import areas, links, records
from dayserv.store.database import store
from tests.test_checklist_page import PAGE, edit, metrics
from tests.test_pages import APP
from tests.test_unsaved import leave_count, warnings

AREA = "Eastbrook"
SAVE = f"Save answers to {AREA}"
SAVE_TARGETS = f"Save targets to {AREA}"
OVERVIEW = "pages/overview.py"
USER_RUN_PAGE = "pages/user_run.py"


def save_area() -> None:
    areas.save_version(
        store(), AREA, [("sample_portfolio.xlsx", SAMPLE_PATH.read_bytes())], "local user"
    )


def open_page(page: str, **query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def buttons(at: AppTest) -> dict[str, object]:
    return {button.label: button for button in at.button}


def click(at: AppTest, label: str) -> AppTest:
    buttons(at)[label].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def captions(at: AppTest) -> list[str]:
    return [caption.value.replace("\N{WORD JOINER}", "") for caption in at.caption]


def p1(at: AppTest) -> pd.DataFrame:
    return next(e for e in at.data_editor if e.key.startswith("checklist_P1_")).value


def test_answers_saved_to_the_area_are_there_in_a_new_session():
    save_area()
    at = open_page(PAGE, area=AREA)
    assert f"Answers have not been saved to {AREA} yet: those shown are the workbook's." in (
        captions(at)
    )
    assert SAVE not in buttons(at)  # nothing to save yet

    edit(at, "P1", {0: {"answer": "Yes", "notes": "Checked in May"}})  # saved as given
    assert warnings(at) == [] and leave_count(at) == 0  # saved counts as kept
    assert SAVE not in buttons(at)
    assert [s.value for s in at.success if "Answers saved" in s.value] == [
        "Answers saved to Eastbrook."
    ]
    (line,) = [c for c in captions(at) if c.startswith("Answers saved by")]
    assert line.startswith("Answers saved by local user on ") and line.endswith("UTC (revision 1).")
    assert metrics(at)["Yes"] == "24"
    labels = [b.label for b in at.get("download_button")]
    assert "Download the workbook with these answers (.xlsx)" in labels  # still offered
    at.run()  # a further run (the browser's grid sends one): still saved, still said so
    assert [s.value for s in at.success if "Answers saved" in s.value] == [
        "Answers saved to Eastbrook."
    ]

    again = open_page(PAGE, area=AREA)
    assert (p1(again).at["P1.1", "answer"], p1(again).at["P1.1", "notes"]) == (
        "Yes",
        "Checked in May",
    )
    assert metrics(again)["Yes"] == "24"
    assert warnings(again) == [] and leave_count(again) == 0
    saved = records.read_record(store(), AREA, "checklist")
    assert saved.revision == 1 and saved.saved_by == "local user"
    assert saved.body["answers"] == [
        {"question": "P1.1", "year": "2025/26", "answer": "Yes", "notes": "Checked in May"}
    ]


def test_the_second_of_two_saves_is_refused_and_keeps_its_answers():
    save_area()
    ann, bob = open_page(PAGE, area=AREA), open_page(PAGE, area=AREA)
    edit(ann, "P1", {0: {"answer": "Yes"}})  # saved as given
    edit(bob, "P1", {0: {"answer": "No", "notes": "Bob's view"}})  # refused: Ann saved first

    (refusal,) = [e.value for e in bob.error]
    assert refusal.startswith("local user saved these since you opened them")
    assert "your changes are still on screen" in refusal
    assert (p1(bob).at["P1.1", "answer"], p1(bob).at["P1.1", "notes"]) == ("No", "Bob's view")
    assert leave_count(bob) == 1  # not kept: the browser still warns
    assert warnings(bob) == [
        "1 answer changed here and not saved yet: save it to Eastbrook to keep it."
    ]
    edit(bob, "P1", {1: {"notes": "More"}})  # refused once: not tried again unasked
    assert records.read_record(store(), AREA, "checklist").revision == 1
    stored = records.read_record(store(), AREA, "checklist")
    assert stored.revision == 1 and stored.body["answers"][0]["answer"] == "Yes"  # Ann's

    click(bob, SAVE)  # again: still refused, never written over
    assert records.read_record(store(), AREA, "checklist").revision == 1
    click(bob, "Load their answers (discarding mine)")
    assert [e.value for e in bob.error] == []
    assert p1(bob).at["P1.1", "answer"] == "Yes" and pd.isna(p1(bob).at["P1.1", "notes"])
    assert warnings(bob) == [] and leave_count(bob) == 0
    edit(bob, "P1", {1: {"answer": "No"}})  # saved as given, on Ann's revision now
    stored = records.read_record(store(), AREA, "checklist")
    assert stored.revision == 2
    assert {(a["question"], a["answer"]) for a in stored.body["answers"]} == {
        ("P1.1", "Yes"),
        ("P1.2", "No"),
    }


def test_a_share_link_shows_the_saved_answers_and_cannot_save():
    save_area()
    records.save_record(
        store(),
        AREA,
        "checklist",
        {"answers": [{"question": "P1.1", "year": "2025/26", "answer": "Yes", "notes": "Ann"}]},
        0,
        "ann@example.org",
    )
    token = links.token_from(links.create_link(store(), AREA, "ann@example.org").path)
    at = open_page(PAGE, share=token)

    assert p1(at).at["P1.1", "answer"] == "Yes"
    assert any(c.startswith("Answers saved by ann@example.org on ") for c in captions(at))
    assert any("shared with you read-only" in info.value for info in at.info)
    assert SAVE not in buttons(at)
    assert all(editor.proto.disabled for editor in at.data_editor)
    assert warnings(at) == [] and leave_count(at) == 0

    overview = open_page(OVERVIEW, share=token)
    assert SAVE_TARGETS not in buttons(overview)
    (editor,) = [e for e in overview.data_editor if e.key.startswith("overview_targets_")]
    assert editor.proto.disabled
    assert any("these targets cannot be changed or saved here" in c for c in captions(overview))


def set_targets(at: AppTest, rows: dict[int, dict]) -> AppTest:
    (editor,) = [e for e in at.data_editor if e.key.startswith("overview_targets_")]
    at.session_state[editor.key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def targets_of(at: AppTest) -> pd.DataFrame:
    (editor,) = [e for e in at.data_editor if e.key.startswith("overview_targets_")]
    return editor.value


def test_targets_saved_to_the_area_show_on_the_tiles_and_the_outcome_page():
    save_area()
    at = open_page(OVERVIEW, area=AREA)
    shown = targets_of(at)
    assert list(shown["measure"])[1] == "User-run share of services"
    assert shown["target"].iloc[1] == 30.0  # the sample's Targets sheet: 30%
    assert any("the 30% target" in text for text in captions(at))

    set_targets(at, {1: {"target": 90}})
    assert any("the 90% target" in text for text in captions(at))  # the tile, before saving
    assert [w.value for w in at.warning if "Targets changed" in w.value]
    click(at, SAVE_TARGETS)
    assert any(
        c.startswith("Targets saved by local user on ") and c.endswith("(revision 1).")
        for c in captions(at)
    )
    saved = records.read_record(store(), AREA, "targets")
    assert saved.body == {"targets": {"user_run_share": {"target": 0.9, "year": "2025/26"}}}
    # Said until a target changes, however many runs the browser's grid sends.
    said = f"Targets saved to {AREA}."
    assert said in [s.value for s in at.success]
    at.run()
    assert said in [s.value for s in at.success]
    set_targets(at, {1: {"target": 80}})
    assert said not in [s.value for s in at.success]

    later = open_page(OVERVIEW, area=AREA)
    assert targets_of(later)["target"].iloc[1] == 90.0
    assert any("the 90% target" in text for text in captions(later))
    page = open_page(USER_RUN_PAGE, area=AREA)
    text = "\n".join(m.value for m in page.markdown)
    assert "**Your target**  \n" in text and "short of the 90% target" in text


def test_a_second_save_of_targets_is_refused_and_can_load_theirs():
    save_area()
    ann, bob = open_page(OVERVIEW, area=AREA), open_page(OVERVIEW, area=AREA)
    set_targets(ann, {1: {"target": 40}})
    set_targets(bob, {1: {"target": 50}})
    click(ann, SAVE_TARGETS)
    click(bob, SAVE_TARGETS)
    (refusal,) = [e.value for e in bob.error]
    assert refusal.startswith("local user saved these since you opened them")
    assert targets_of(bob)["target"].iloc[1] == 50.0  # still bob's on screen
    click(bob, "Load their targets (discarding mine)")
    assert targets_of(bob)["target"].iloc[1] == 40.0
    assert records.read_record(store(), AREA, "targets").revision == 1


def test_without_an_area_targets_apply_for_the_visit_only():
    at = open_page(OVERVIEW)
    assert any("can be saved once the portfolio is saved as an area" in i.value for i in at.info)
    assert SAVE_TARGETS not in buttons(at)
    set_targets(at, {1: {"target": 90}})
    assert any("the 90% target" in text for text in captions(at))
    at.switch_page(USER_RUN_PAGE).run()
    shown = "\n".join(m.value for m in at.markdown)
    assert "**Your target**  \n" in shown and "short of the 90% target" in shown

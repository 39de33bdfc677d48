"""Answers given on the checklist page are not lost without warning: the page says how many
are not in a downloaded workbook, with the download beside it; the browser is asked to warn
before the tab is closed (the leave warning's count); and answers of a portfolio that
another file replaced are offered for download, or to discard."""

from __future__ import annotations

import gc
import io
import json

import openpyxl
import pandas as pd
import pytest

from dayserv.figures import checklist as cl
from dayserv.share import checklist_workbook, export
from tests.test_checklist_page import SERVICES, checklist_page, edit, metrics
from tests.test_pages import XLSX
from tests.workbooks import load_sheets, xlsx

WORKBOOK = "Download the workbook with these answers (.xlsx)"
THAT_WORKBOOK = "Download that workbook (.xlsx)"


def warnings(at) -> list[str]:
    """The page's warnings (the sidebar's, above the upload, are read apart)."""
    return [warning.value for warning in at.main.warning]


def leave_count(at) -> int:
    """What the page asks the browser's leave warning to guard: the unsaved answers."""
    (guard,) = [
        c for c in at.get("bidi_component") if c.proto.component_name == "dayserv.leave_warning"
    ]
    return json.loads(guard.proto.json)["unsaved"]


def sidebar_warnings(at) -> list[str]:
    return [warning.value for warning in at.sidebar.warning]


def button(at, label: str):
    return next(b for b in at.get("download_button") if b.label == label)


def download(at, downloads, label: str) -> bytes:
    """Click a download as the browser does: its file is built, then the page reruns."""
    data = downloads.of(button(at, label))()
    button(at, label).click().run()
    assert not at.exception
    return data


def test_answers_not_downloaded_are_counted_beside_the_download(downloads):
    at = checklist_page()
    assert warnings(at) == [] and leave_count(at) == 0

    edit(at, "P1", {0: {"answer": "Yes"}, 1: {"notes": "Seen in May"}, 2: {"answer": "No"}})
    assert warnings(at) == [
        "3 answers changed here and not downloaded yet: download the workbook to keep them."
    ]
    assert leave_count(at) == 3
    assert button(at, WORKBOOK).proto.deferred_file_id  # beside the sentence, built on click

    book = openpyxl.load_workbook(io.BytesIO(download(at, downloads, WORKBOOK)))
    assert "Seen in May" in [c.value for c in book["Checklist"]["D"]]
    assert warnings(at) == [] and leave_count(at) == 0

    edit(at, "P2", {0: {"answer": "Partly"}})
    assert warnings(at) == [
        "1 answer changed since you last downloaded it: download the workbook to keep it."
    ]
    assert leave_count(at) == 1


def test_an_answer_changed_back_is_not_unsaved():
    at = checklist_page()
    assert pd.isna(at.data_editor[0].value.at["P1.1", "answer"])  # the sample leaves it blank
    edit(at, "P1", {0: {"answer": "Yes"}})
    assert len(warnings(at)) == 1
    edit(at, "P1", {0: {"answer": None}})
    assert warnings(at) == [] and leave_count(at) == 0


def test_answers_of_a_replaced_portfolio_are_offered_for_download(downloads):
    at = checklist_page()
    edit(at, "P1", {0: {"answer": "Yes", "notes": "Checked in May"}})
    assert sidebar_warnings(at) == [  # said before another file replaces the portfolio
        "1 checklist answer is not saved or downloaded yet: a file uploaded here replaces this "
        "portfolio (the Checklist page keeps it to download until this tab is closed)."
    ]
    at.sidebar.file_uploader[0].upload("westford.xlsx", xlsx({"Services": SERVICES}), XLSX)
    at.run()

    assert metrics(at)["Yes"] == "0"  # the new file starts afresh
    assert warnings(at) == [
        "1 answer you gave on sample_portfolio.xlsx was not carried over to westford.xlsx: "
        "download it in that portfolio's workbook, or discard it."
    ]
    assert leave_count(at) == 1  # a reload would lose them too
    assert len(sidebar_warnings(at)) == 1  # on every page while they are not kept
    data = download(at, downloads, THAT_WORKBOOK)
    assert warnings(at) == [] and leave_count(at) == 0 and sidebar_warnings(at) == []

    at.sidebar.file_uploader[0].upload("sample_portfolio-checklist.xlsx", data, XLSX)
    at.run()
    p1 = at.data_editor[0].value
    assert (p1.at["P1.1", "answer"], p1.at["P1.1", "notes"]) == ("Yes", "Checked in May")


def test_answers_of_a_replaced_portfolio_can_be_discarded():
    at = checklist_page()
    edit(at, "P1", {0: {"answer": "Yes"}, 1: {"answer": "No"}})
    at.sidebar.file_uploader[0].upload("westford.xlsx", xlsx({"Services": SERVICES}), XLSX)
    at.run()
    assert warnings(at)[0].startswith("2 answers you gave on sample_portfolio.xlsx were not")
    assert sidebar_warnings(at)[0].startswith("2 checklist answers are not saved or downloaded")
    (discard,) = [b for b in at.button if b.label == "Discard them"]
    discard.click().run()
    assert warnings(at) == [] and leave_count(at) == 0


def test_unsaved_edits_words_and_counts():
    sheet = pd.DataFrame(
        {
            "question_id": ["P1.1", "P1.2"],
            "question": ["q1", "q2"],
            "answer": ["Yes", None],
            "notes": [None, "old"],
            "year": ["2024/25", "2024/25"],
        }
    )
    edits = {
        ("2024/25", "P1.1"): ("Yes", None),  # as the sheet has it
        ("2024/25", "P1.2"): ("No", "old"),
        ("2024/25", "P2.1"): ("Partly", None),  # a question the sheet does not list
    }
    assert cl.unsaved_edits(sheet, edits, {}) == [("2024/25", "P1.2"), ("2024/25", "P2.1")]
    saved = dict(edits)
    assert cl.unsaved_edits(sheet, edits, saved) == []
    edits[("2024/25", "P1.1")] = ("No", None)
    assert cl.unsaved_edits(sheet, edits, saved) == [("2024/25", "P1.1")]
    assert cl.unsaved_words(2, downloaded=True) == (
        "2 answers changed since you last downloaded them: download the workbook to keep them."
    )


def test_answers_outlive_their_portfolio_but_its_workbook_does_not():
    portfolio = load_sheets({"Services": SERVICES}, name="westford.xlsx")
    answers = cl.GivenAnswers.of(portfolio)
    answers.edits[(None, "P1.1")] = ("Yes", None)
    book = openpyxl.load_workbook(io.BytesIO(checklist_workbook.answers_workbook(answers)))
    assert "Yes" in [c.value for c in book["Checklist"]["C"]] and answers.unsaved() == []

    answers.edits[(None, "P1.2")] = ("No", None)
    del portfolio, book
    gc.collect()  # no session shows it any more: the app lets it go
    assert not answers.downloadable and answers.unsaved() == [(None, "P1.2")]
    with pytest.raises(export.CannotExport, match="westford.xlsx is no longer loaded"):
        checklist_workbook.answers_workbook(answers)
    assert cl.left_behind_words(1, "westford.xlsx", "eastbrook.xlsx", downloadable=False) == (
        "1 answer you gave on westford.xlsx was not carried over to eastbrook.xlsx, and "
        "westford.xlsx is no longer loaded: upload it again to get it back, or discard it."
    )

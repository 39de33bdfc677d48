"""Checklist answers given in the app as they are saved to an area, and what the pages say
about what is saved.

The answers are the checklist page's edits (``figures.checklist.Edits``: (year, question
key) -> (answer, notes)); saved, they are the body of the area's record of kind
"checklist": ``{"answers": [{"question": "P1.1", "year": "2025/26", "answer": "Yes",
"notes": "Seen in May"}, ...]}``. On the page they are applied on top of the workbook's
Checklist sheet, so that a saved answer wins over the sheet's.
"""

from __future__ import annotations

import pandas as pd

from dayserv import contract
from dayserv.figures.checklist import Edits
from dayserv.store.database import when


def _text(value) -> str | None:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = " ".join(str(value).split())
    return text or None


def body_from_edits(edits: Edits) -> dict:
    """The record's body that keeps these answers (in question order within each year)."""
    ordered = sorted(edits.items(), key=lambda item: (item[0][0] or "", item[0][1]))
    return {
        "answers": [
            {"question": key, "year": year, "answer": answer, "notes": notes}
            for (year, key), (answer, notes) in ordered
        ]
    }


def edits_from_body(body: dict) -> Edits:
    """The answers a saved body holds, as edits. An entry with no question is left out; an
    answer that is not one of the checklist's (Yes, Partly, No, Not yet considered) is
    taken as no answer, and its notes kept."""
    found = body.get("answers") if isinstance(body, dict) else None
    edits: Edits = {}
    for item in found if isinstance(found, list) else []:
        if not isinstance(item, dict) or _text(item.get("question")) is None:
            continue
        answer = _text(item.get("answer"))
        if answer is not None:
            answer = contract.canonical("answer", answer)
        edits[(_text(item.get("year")), _text(item.get("question")))] = (
            answer,
            _text(item.get("notes")),
        )
    return edits


def saved_words(what: str, area: str, revision: int, saved_by: str, saved_at) -> str:
    """Who saved ``what`` ("Answers", "Targets") to the area and when, e.g. "Answers saved
    by ann@example.org on 1 Dec 2026, 14:05 UTC (revision 3)."; or that none are yet."""
    if revision == 0 or saved_at is None:
        return f"{what} have not been saved to {area} yet: those shown are the workbook's."
    return f"{what} saved by {saved_by} on {when(saved_at)} (revision {revision})."


def _answers(count: int) -> str:
    return f"{count} answer" if count == 1 else f"{count} answers"


def unsaved_area_words(count: int, area: str) -> str:
    """What the checklist page says while answers given here are not saved to the area, e.g.
    "2 answers changed here and not saved yet: save them to Eastbrook to keep them."."""
    them = "it" if count == 1 else "them"
    return (
        f"{_answers(count)} changed here and not saved yet: save {them} to {area} to keep {them}."
    )


def read_only_words(area: str, shared: bool) -> str:
    """What the checklist page says to someone who may read the area's answers only."""
    how = "This area is shared with you read-only" if shared else "You may read this area only"
    return (
        f"{how}: these are the answers saved to {area}, and they cannot be changed or saved here."
    )

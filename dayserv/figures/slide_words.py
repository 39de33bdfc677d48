"""The meeting pack's words for a forum (the outcomes' plain names are ``frameworks``', a
measure's the catalogue's), the direction of travel and the target said together so they
never contradict, and the speaker notes' lines. The figures are the pages' own
(``headline``, ``measures.trend``); only the words for a room of commissioners, providers,
service users and carers are here.

A measure's status is the pages' (``measures.trend``: "on track" means it moved the way the
outcome asks, whatever its target). On a slide that reads as "the target will be met", so
the pack says "Right direction" and says where the target stands beside it, at this pace.
"""

from __future__ import annotations

import pandas as pd

from dayserv import catalogue
from dayserv.figures import formats
from dayserv.figures.measures import DIRECTION, direction_kind
from dayserv.figures.targets import gap_words, target_words

CHECKLIST = "the commissioners' checklist"


# A measure's words are the catalogue's, already plain: a slide reads them from there.


def plain_name(measure: str) -> str:
    return catalogue.measure(measure).label


def axis_title(measure: str) -> str:
    """A chart's value axis title, short enough for the axis."""
    return catalogue.measure(measure).unit


def plain_definition(measure: str) -> str:
    """What a measure means, as a slide says it (its technical name is in the notes)."""
    return catalogue.measure(measure).definition


# ---------------------------------------------------------------- direction and target


def direction_words(found: dict) -> str:
    """'✓ Right direction', '✗ Wrong direction', '✗ Little change', '? Not enough data'."""
    return catalogue.status_text(direction_kind(found))


def target_short(found: dict, target: float | None, year: str | None) -> str:
    """The summary slide's target cell: "30% for 2025/26: 5 points short"."""
    if target is None:
        return "No target set"
    measure = found["measure"]
    wanted = formats.format_measure(measure, target) + (f" for {year}" if year else "")
    words = target_words(found, target, year)
    if words == "Target met":
        return f"{wanted}: met"
    latest = found["latest"]
    if latest is None:
        return f"{wanted}: no figures yet"
    gap = (float(target) - float(latest)) * DIRECTION.get(measure, 1)
    if words.startswith("At this pace") and words.endswith("is met"):
        return f"{wanted}: met at this pace"
    return f"{wanted}: {gap_words(measure, gap)} short"


# ---------------------------------------------------------------- speaker notes


def values_by_year(measure: str, data: pd.DataFrame) -> str:
    """An outcome slide's points in words: "2022/23 9%, 2023/24 12%, 2024/25 no point (only
    1 service in 2024/25)"."""
    words = []
    for year, value, note in zip(data["year"], data["value"], data["note"], strict=True):
        if note:
            words.append(f"{year} no point ({note})")
        elif value is None or pd.isna(value):
            words.append(f"{year} no figure")
        else:
            words.append(f"{year} {formats.format_measure(measure, value, precise=True)}")
    return ", ".join(words)


def table_lines(table: pd.DataFrame, texts: list[list[str]], rows=None) -> list[str]:
    """A slide's table as one line a row, each cell named by its column: "Locality: North;
    Services: 8; ..." (``texts`` is the table as the slide writes it)."""
    headings = [str(c) for c in table.columns]
    chosen = range(len(texts)) if rows is None else rows
    if len(headings) == 2 and not headings[0]:  # label and value: "Filters: all services."
        return [sentence(f"{texts[i][0]}: {texts[i][1]}") for i in chosen]
    lines = []
    for i in chosen:
        cells = [
            f"{heading}: {text}" if heading else text
            for heading, text in zip(headings, texts[i], strict=True)
            if text not in ("", "—")
        ]
        lines.append(sentence("; ".join(cells)))
    return lines


def sentence(text: str) -> str:
    """The text with one full stop at its end (a cell may end with its own)."""
    return text if text.endswith(".") else f"{text}."

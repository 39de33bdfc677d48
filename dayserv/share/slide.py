"""What one slide of the meeting pack holds: its kind, its words, its figures and its
notes, every text already written. ``pack`` builds the slides; the deck, the report and
the presentation mode draw them."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class Slide:
    """One slide, every text already written.

    ``kind``: "title", "outcomes" (the six on one slide), "glance", "outcome", "compare",
    "proposed", "benchmark" or "appendix". ``title`` is the finding (a sentence);
    ``heading`` says what the slide is about. An outcome slide has the headline ``value``
    with its ``value_label``, the ``change``, ``status`` (the pages' status: on track, not
    on track, no data), ``verdict`` (that status in a forum's words, "✓ Right direction"),
    ``direction`` and ``target`` (where the target stands, at this pace); its ``data`` is
    year, value, note (a year with too little data has no value and a note). A benchmark
    slide's ``data`` is section, score; the outcomes slide's is outcome, status, verdict,
    target words, one row per outcome. ``table`` is a table to show (title, outcomes,
    glance, compare, proposed and appendix slides). ``notes`` are the speaker notes: the
    slide's figures in words and its measures' exact definitions.
    """

    kind: str
    heading: str
    title: str
    text: str = ""
    measure: str | None = None
    value: str = ""
    value_label: str = ""
    change: str = ""
    status: str = ""
    direction: str = ""
    target: str = ""
    target_value: float | None = None
    data: pd.DataFrame = field(default_factory=pd.DataFrame)
    table: pd.DataFrame = field(default_factory=pd.DataFrame)
    verdict: str = ""
    notes: str = ""

"""An outcome's headline: where its measure stands, how it moved, whether that is the way the
outcome asks, and how it stands against the commissioner's target.

One record, built once, that the Overview's tile, the outcome page's header and the meeting
pack's slide (on screen, in the deck and in the report) all render, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dayserv import catalogue
from dayserv.figures import formats
from dayserv.figures.measures import direction_kind, target_for, trend
from dayserv.figures.targets import target_words, target_year


@dataclass(frozen=True)
class Headline:
    """A measure's headline, every text already written."""

    measure: str
    measure_name: str  # "User-run share of services"
    value: str  # "25%", "—" without a figure
    value_label: str  # "User-run share of services, 2025/26"
    change: str | None  # "+15.6 pts", None without two years
    since: str | None  # "since 2022/23"
    delta_arrow: str  # for st.metric: "up", "down" or "off"
    delta_colour: str  # for st.metric: "green", "red" or "gray"
    status: str  # catalogue.STATUSES: "on track", "not on track", "no data"
    wanted: str  # "up" or "down"
    direction: str  # "The outcome asks for user-run share of services to go up."
    target: float | None
    target_text: str  # "Target 30%: 5 pts to go", "Target met", "" without a target
    definition: str
    note: str | None  # what to add, or why there is no change to show
    sparkline: list[float] = field(default_factory=list)
    trend: dict = field(default_factory=dict)  # measures.trend, with the target

    @property
    def kind(self) -> str:
        """The status told apart: "on track", "wrong way", "stayed" or "no data"."""
        return direction_kind(self.trend)

    @property
    def status_text(self) -> str:
        """'✓ Right direction', '✗ Wrong direction', '✗ Little change', '? Not enough data'."""
        return catalogue.status_text(self.kind)


def headline(table: pd.DataFrame, measure: str, targets: pd.DataFrame) -> Headline:
    """The headline of ``measure`` in a yearly measures table, against the Targets sheet."""
    found = trend(table, measure)
    record = catalogue.measure(measure)
    target = target_for(targets, measure)
    found["target"] = target
    values = table[measure].dropna() if measure in table else pd.Series(dtype="float64")
    note = None
    if found["latest"] is None:
        note = record.no_data_hint
    elif found["first"] is None:
        note = f"Only {found['latest_year']} has a figure: add another year to see progress."
    wanted = "up" if record.direction > 0 else "down"
    return Headline(
        measure=measure,
        measure_name=record.label,
        value=formats.format_measure(measure, found["latest"]),
        value_label=f"{record.label}, {found['latest_year'] or 'no year'}",
        change=None if found["change"] is None else formats.format_change(measure, found["change"]),
        since=found["first_year"] and f"since {found['first_year']}",
        delta_arrow=formats.change_direction(measure, found["change"]),
        delta_colour=formats.change_colour(measure, found["change"]),
        status=found["status"],
        wanted=wanted,
        direction=f"The outcome asks for {record.label.lower()} to go {wanted}.",
        target=target,
        # A target of 0 is a target: only a missing one has no words.
        target_text=target_words(found, target, target_year(targets, measure)),
        definition=record.definition,
        note=note,
        sparkline=[float(v) for v in values],
        trend=found,
    )


def chart_tag(outcome_words: str, found: Headline, measure: str) -> str:
    """The line under a chart's title on an outcome page: the outcome it speaks to, and,
    only on the chart of the headline's own measure and only when it has figures, whether
    moved the right way ("Anticipated outcome 2: more user-run services · right direction
    (user-run share of services should go up)")."""
    if measure != found.measure or found.status not in ("on track", "not on track"):
        return outcome_words
    wanted = f"{found.measure_name.lower()} should go {found.wanted}"
    return f"{outcome_words} · {catalogue.DIRECTION_WORDS[found.kind].lower()} ({wanted})"

"""The Overview's figures: a tile per anticipated outcome (its number, its words and its
headline), the yearly measures as a table for reading, and each measure's plain name and
definition (the pack's and the Data tables page's too). The paragraph above the tiles is
``summary.portfolio_summary``, the meeting pack's too."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dayserv import catalogue, frameworks
from dayserv.figures import formats
from dayserv.figures.headline import Headline, headline
from dayserv.figures.measures import DEFINITIONS, MEASURE_ORDER
from dayserv.read.clean import empty_table


@dataclass(frozen=True)
class OutcomeTile:
    """One anticipated outcome as a tile shows it: its number and words, and its headline."""

    number: int
    text: str  # the outcome in seed 000's words
    headline: Headline

    def __getattr__(self, name):  # the headline's texts, as the tile's own
        return getattr(self.headline, name)

    @property
    def status_words(self) -> str:
        """'✓ Right direction': a symbol read aloud as a word, not an icon's name."""
        return self.headline.status_text

    @property
    def status_colour(self) -> str:
        return catalogue.STATUSES[self.headline.status].theme


def outcome_tiles(table: pd.DataFrame, targets: pd.DataFrame | None = None) -> list[OutcomeTile]:
    """A tile per anticipated outcome, from a yearly measures table (and the Targets sheet)."""
    targets = empty_table("targets") if targets is None else targets
    return [
        OutcomeTile(outcome.number, outcome.text, headline(table, outcome.headline, targets))
        for outcome in frameworks.OUTCOMES
    ]


def measures_table(table: pd.DataFrame) -> pd.DataFrame:
    """The yearly measures for reading: a row per measure, a column per year, formatted."""
    rows = []
    outcome_of = {m: o.number for o in frameworks.OUTCOMES for m in o.measures}
    for measure in MEASURE_ORDER:
        if measure == "weighting":
            continue
        row = {
            "Outcome": str(outcome_of.get(measure, "")),
            "Measure": formats.measure_name(measure),
        }
        for year, value in table[measure].items():
            row[str(year)] = formats.format_measure(measure, value, precise=True)
        rows.append(row)
    weighting = {"Outcome": "", "Measure": "Shares weighted by"}
    weighting.update({str(year): str(value) for year, value in table["weighting"].items()})
    rows.append(weighting)
    return pd.DataFrame(rows)


def definitions_table() -> pd.DataFrame:
    """Each measure's plain name and exact definition."""
    return pd.DataFrame(
        [
            {"Measure": formats.measure_name(m), "Definition": DEFINITIONS[m]}
            for m in MEASURE_ORDER
            if m in DEFINITIONS and m != "weighting"
        ]
    )

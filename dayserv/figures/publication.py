"""Publication mode: tables, charts and packs safe to show a public forum.

Counts of people below a threshold (5 by default) are shown as "<5", and figures worked out
from such a count are suppressed, so that nobody can be recognised from a small number.
The same rules apply on screen, in the meeting pack and in every export.

Counts of people are the Services sheet's People supported and the two KPIs of seed 004
that count people (R6, service users reporting improvement; R10, service users attending).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

THRESHOLD = 5
SUPPRESSED = "suppressed"
# Columns holding counts of people, as tidy tables and as people read them.
PEOPLE_COLUMNS = ("people", "People supported")
# Seed 004's KPIs that count people: their Value is a count of people.
PEOPLE_KPIS = ("R6", "R10")
# Columns worked out from a count of people: blanked wherever that count is small.
DERIVED_COLUMNS = ("people_per_service", "People per service", "people_per_place")


@dataclass(frozen=True)
class Publication:
    """Whether small numbers are hidden, and below what count."""

    on: bool = False
    threshold: int = THRESHOLD

    @property
    def small(self) -> str:
        """How a hidden count is shown: "<5"."""
        return f"<{self.threshold}"

    def words(self) -> str:
        """The rule in force, for captions, slides and the About sheet of an export."""
        if not self.on:
            return "Off: every figure shown as it is"
        return (
            f"On: counts of people under {self.threshold} shown as {self.small}, "
            "figures worked out from them suppressed"
        )

    def is_small(self, values: pd.Series) -> pd.Series:
        """True where a count is above 0 and below the threshold (0 is shown: nobody)."""
        numbers = pd.to_numeric(values, errors="coerce")
        return (numbers.gt(0) & numbers.lt(self.threshold)).fillna(False).astype(bool)

    def suppress(
        self,
        frame: pd.DataFrame,
        counts: list[str] | tuple[str, ...],
        derived: list[str] | tuple[str, ...] = (),
        rows: pd.Series | None = None,
    ) -> pd.DataFrame:
        """``frame`` with small ``counts`` shown as "<5" and, in those rows, the ``derived``
        columns suppressed. ``rows`` limits the rule to some rows (e.g. the KPIs that count
        people). Off, the frame is returned unchanged."""
        counts = [c for c in counts if c in frame.columns]
        if not self.on or not counts:
            return frame
        out = frame.copy()
        hidden_rows = pd.Series(False, index=frame.index)
        for column in counts:
            small = self.is_small(frame[column])
            if rows is not None:
                small &= rows.reindex(frame.index, fill_value=False).astype(bool)
            if small.any():
                out[column] = out[column].astype(object)
                out.loc[small, column] = self.small
            hidden_rows |= small
        for column in (c for c in derived if c in frame.columns):
            if hidden_rows.any():
                out[column] = out[column].astype(object)
                out.loc[hidden_rows, column] = SUPPRESSED
        return out

    def table(self, frame: pd.DataFrame) -> pd.DataFrame:
        """Any tidy or display table with its counts of people made safe: the People
        supported column, and the Value of the KPIs that count people."""
        if not self.on:
            return frame
        out = self.suppress(frame, PEOPLE_COLUMNS, DERIVED_COLUMNS)
        for kpi, value in (("kpi", "value"), ("KPI", "Value")):
            if kpi in out.columns and value in out.columns:
                out = self.suppress(out, [value], rows=out[kpi].astype(str).isin(PEOPLE_KPIS))
        return out

    def counts_people(self, kpi: str) -> bool:
        """Whether a KPI's values are counts of people (and so may be hidden)."""
        return self.on and kpi in PEOPLE_KPIS

    def drawable(self, frame: pd.DataFrame, value: str) -> pd.DataFrame:
        """The rows of a chart's data that may be drawn: small counts left out."""
        if not self.on:
            return frame
        return frame.loc[~self.is_small(frame[value])]

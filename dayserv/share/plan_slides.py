"""The meeting pack's "Proposed changes" slides for a plan: what it changes, the outcomes
under it, the money and the continuity of provision. Each says "PROPOSED — not decided" in
its heading and its title, so a slide seen on its own is not taken for a decision, and its
figures are called projections."""

from __future__ import annotations

import pandas as pd

from dayserv.figures import plan_view
from dayserv.figures.plan import Projection
from dayserv.figures.plan_view import PROPOSED
from dayserv.share.slide import Slide

KIND = "proposed"


def _slide(projection: Projection, what: str, title: str, text: str, table) -> Slide:
    return Slide(
        kind=KIND,
        heading=f"{PROPOSED} · Proposed changes, plan {projection.plan}: {what}",
        title=f"{PROPOSED}: {title}",
        text=text,
        table=table,
    )


def plan_slides(projection: Projection, targets: pd.DataFrame) -> list[Slide]:
    """The plan's slides: its changes with its headline, each outcome's headline measure
    under it (against ``targets``), the money year by year, and the gaps in provision."""
    base, last = projection.baseline, plan_view.last_year(projection)
    projected = f"Figures after {base} are projections of the plan, not records."
    outcomes = plan_view.outcome_table(projection, targets)
    on_track = int(outcomes["Direction of travel under the plan"].str.contains("✓").sum())
    gaps = plan_view.gaps_table(projection)
    return [
        _slide(
            projection,
            "what would change",
            plan_view.headline_words(projection),
            f"What the plan would change, year by year, from {base}. {projected}",
            plan_view.changes_table(projection),
        ),
        _slide(
            projection,
            "the outcomes",
            f"{on_track} of {len(outcomes)} outcome measures would move the way the outcomes "
            f"ask by {last}",
            f"Each anticipated outcome's headline measure in {base} and, under the plan, in "
            f"{last}. {projected}",
            outcomes,
        ),
        _slide(
            projection,
            "the money",
            plan_view.money_words(projection),
            "Each projected year against the year before. Lost to day services: "
            f"{base}'s total funding minus the year's, where positive. {projected}",
            plan_view.money_table(projection),
        ),
        _slide(
            projection,
            "continuity of provision",
            plan_view.continuity_words(projection),
            "A gap: a service closes before its replacement starts, or with no replacement "
            f"while its locality has fewer places than in {base}. {projected}",
            gaps.drop(columns=["What happens"]),
        ),
    ]

"""The Overview's figures: a line summing up the six anticipated outcomes, and each
measure's plain name and definition (the pack's and the Data tables page's too)."""

from __future__ import annotations

import pandas as pd

from dayserv.figures.measures import DEFINITIONS, MEASURE_ORDER, outcome_headlines
from dayserv.figures.outcomes import weighting_words
from dayserv.show import formats


def overview_summary(table: pd.DataFrame) -> str:
    """One line above the tiles, e.g. "3 of 6 anticipated outcomes on track, 2024/25 vs
    2021/22, 41 services, funding-weighted"."""
    if table.empty:
        return "No services could be read, so there are no figures."
    headlines = outcome_headlines(table)
    on_track = sum(h["status"] == "on track" for h in headlines)
    first, latest = str(table.index[0]), str(table.index[-1])
    services = int(table["services"].iloc[-1])
    years = f"{latest} vs {first}" if first != latest else f"{latest} only"
    return (
        f"{on_track} of {len(headlines)} anticipated outcomes on track, {years}, "
        f"{services} services, {weighting_words(table)}"
    )


def definitions_table() -> pd.DataFrame:
    """Each measure's plain name and exact definition."""
    return pd.DataFrame(
        [
            {"Measure": formats.measure_name(m), "Definition": DEFINITIONS[m]}
            for m in MEASURE_ORDER
            if m in DEFINITIONS and m != "weighting"
        ]
    )

"""What the Saved areas page says of the areas and their versions: the areas a person may
open, an area's history, and what loading each version left out."""

from __future__ import annotations

import pandas as pd

from dayserv.figures.words import plural, size_words
from dayserv.store.areas import AreaSummary, VersionInfo
from dayserv.store.database import when

HISTORY_COLUMNS = ["Version", "Shown", "Saved", "By", "Files", "Size", "Left out", "Note"]
AREA_COLUMNS = ["Area", "Versions", "Latest", "Saved", "By", "Your role"]


def problems_words(problems: dict) -> str:
    """What loading the version left out, as saved with it: '4 Services rows left out,
    58 values blanked'; 'Nothing left out'."""
    parts = [
        f"{plural(count, f'{sheet} row')} left out"
        for sheet, count in (problems.get("left_out") or {}).items()
    ]
    blanked = problems.get("warning", 0)
    if blanked:
        parts.append(f"{plural(blanked, 'value')} blanked")
    return ", ".join(parts) or "Nothing left out"


def history_table(versions: list[VersionInfo], shown: int | None) -> pd.DataFrame:
    """One row per version, as the History lists them."""
    rows = [
        (
            version.number,
            version.number == shown,
            when(version.saved_at),
            version.saved_by,
            ", ".join(version.files),
            size_words(version.size),
            problems_words(version.problems),
            version.note,
        )
        for version in versions
    ]
    return pd.DataFrame(rows, columns=HISTORY_COLUMNS)


def areas_table(visible: list[tuple[AreaSummary, str]]) -> pd.DataFrame:
    """The areas the person may open, a row each, with their role in it."""
    rows = [
        (
            summary.name,
            summary.versions,
            summary.latest,
            when(summary.saved_at),
            summary.saved_by,
            role.capitalize(),
        )
        for summary, role in visible
    ]
    return pd.DataFrame(rows, columns=AREA_COLUMNS)

"""Clicks on a chart narrow the table under it: the points selected, as fields and values,
and the rows that match them."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dayserv.figures.formats import is_missing

# ---------------------------------------------------------------- clicks narrow the table


def selected_points(event, fields: list[str]) -> list[dict]:
    """The points clicked or boxed on a chart, as {field: value} from each point's
    customdata, in order and without repeats; [] when nothing is selected.

    ``event`` is what ``st.plotly_chart(..., on_select="rerun")`` returns:
    ``event["selection"]["points"]``, each point with its "customdata". Points without
    customdata (a target line) are left out.
    """
    try:
        points = event["selection"]["points"] or []
    except (KeyError, TypeError, AttributeError):
        return []
    chosen: list[dict] = []
    for point in points:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if data is None:
            continue
        if isinstance(data, str) or not isinstance(data, list | tuple):
            data = [data]
        record = dict(zip(fields, data, strict=False))
        if record and record not in chosen:
            chosen.append(record)
    return chosen


def _matches(column: pd.Series, value) -> pd.Series:
    if is_missing(value):
        return column.isna()
    if isinstance(value, str) or not pd.api.types.is_numeric_dtype(column):
        return column.astype("string").eq(str(value)).fillna(False).astype(bool)
    return column.eq(value).fillna(False).astype(bool)


def narrow(frame: pd.DataFrame, points: list[dict]) -> pd.DataFrame:
    """The rows of ``frame`` matching any of the points on every field the point gives
    (fields the frame lacks are passed over); the frame unchanged when no point is given."""
    if not points:
        return frame
    kept = pd.Series(False, index=frame.index)
    for point in points:
        match = pd.Series(True, index=frame.index)
        for field, value in point.items():
            if field in frame:
                match &= _matches(frame[field], value)
        kept |= match
    return frame.loc[kept]

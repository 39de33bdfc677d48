"""The years and services a tidy table holds, and its rows of one year or one service (any
table with year and service columns; fast on categorical columns)."""

from __future__ import annotations

import numpy as np
import pandas as pd


def years_of(frame: pd.DataFrame) -> list[str]:
    """The financial years with rows in a table, in order."""
    if frame.empty:
        return []
    # The distinct values first, then as text: 1.3 million benchmark answers as text took 0.3 s.
    return sorted({str(year) for year in frame["year"].dropna().unique()})


def in_year(frame: pd.DataFrame, year: str | None) -> pd.DataFrame:
    """The rows of one year (of any table with a year column); every row when year is None."""
    if year is None:
        return frame
    return frame.loc[holds_value(frame["year"], year)]


def holds_value(column: pd.Series, value: str) -> np.ndarray:
    """Where a text or categorical column holds the value (compared as text, fast on
    categories)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = np.flatnonzero(column.cat.categories.astype(str) == str(value))
        return np.isin(column.cat.codes.to_numpy(), codes)
    return (column.astype("string") == str(value)).fillna(False).to_numpy(bool)


def for_service(frame: pd.DataFrame, service: str | None) -> pd.DataFrame:
    """The rows of one service; every row when service is None."""
    if service is None:
        return frame
    return frame.loc[holds_value(frame["service"], service)]


def services_of(frame: pd.DataFrame) -> list[str]:
    """The services with rows in a table, alphabetically."""
    # The distinct values first, then as text (in the order they come, for the sort's ties):
    # a year's 260,000 benchmark answers as text took 13 ms.
    names = dict.fromkeys(str(service) for service in frame["service"].dropna().unique())
    return sorted(names, key=str.lower)

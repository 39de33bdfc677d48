"""Areas compared, Fingertips-style: each area's measures for a year, the spread over all
areas (or a peer group) as quartiles and median, where each area stands given the measure's
desired direction, and each area's measure year by year.

Areas come from the portfolios loaded (``areas_of``): one workbook with an Area column is
one area per Area value; several workbooks are one area each. The measures are those of
``measures.yearly_measures``, computed in one pass over every area, with the area standing
in for the year, so comparing 150 areas costs about what one big portfolio does.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
import pandas as pd

from dayserv import catalogue
from dayserv.figures.measures import MEASURE_ORDER, yearly_measures
from dayserv.figures.measures import _json_value as json_value
from dayserv.read.clean import Portfolio

# Rows of a one-workbook region with a blank Area: an area of their own, named so that
# nobody takes it for a council or place.
NO_AREA = "(no area)"
# The measures compared: the catalogue's, the count of services first.
MEASURES: tuple[str, ...] = tuple(m.id for m in catalogue.MEASURES)
COUNTS = ("services", "providers", "services_without_sector")
STATS = ("n", "min", "q1", "median", "q3", "max")

BETTER = "Better than most"
WORSE = "Worse than most"
HIGHER = "Higher than most"
LOWER = "Lower than most"
MIDDLE = "Middle"
NO_DATA = "No data"

_SEPARATOR = "\x1f"  # joins area and year into one key; no cell holds it
# The columns the measures read (``yearly_measures``), so that only these are gathered.
_SERVICE_COLUMNS = ["service", "year", "provider", "sector", "user_run", "funding"] + [
    m.share_column for m in catalogue.MEASURES if m.share_column
]
_FUNDING_COLUMNS = ["service", "year", "source", "amount"]


class Area(NamedTuple):
    """One area's tidy tables: its services and the Funding rows of those services."""

    services: pd.DataFrame
    funding: pd.DataFrame


def areas_of(portfolios: list[tuple[str, Portfolio]]) -> dict[str, Area]:
    """Area name -> its tables, from the portfolios loaded, each with the name it was given
    (a file's name without its extension, a saved area's name).

    One portfolio: each distinct Area value is an area, in alphabetical order, and rows with
    a blank Area are the area ``NO_AREA`` (last); with no Area value at all it is one area,
    called by its name. Several portfolios: one area each, called by its Area value if its
    Area column holds exactly one, else by its name. A name met twice gets " (2)", " (3)".
    Funding rows go with the services they fund (Service and Year, the sheet's keys).
    """
    if len(portfolios) == 1:
        name, portfolio = portfolios[0]
        area = _area_column(portfolio.services)
        if area.isna().all():
            return {name: Area(portfolio.services, portfolio.funding)}
        return _split(portfolio, area.fillna(NO_AREA))
    areas: dict[str, Area] = {}
    for name, portfolio in portfolios:
        values = _area_column(portfolio.services).dropna().unique()
        found = str(values[0]) if len(values) == 1 else name
        areas[_unique(found, areas)] = Area(portfolio.services, portfolio.funding)
    return areas


def _area_column(services: pd.DataFrame) -> pd.Series:
    if "area" not in services:
        return pd.Series(pd.NA, index=services.index, dtype="string")
    area = services["area"].astype("string").str.strip()
    return area.where(area != "")


def _split(portfolio: Portfolio, area: pd.Series) -> dict[str, Area]:
    # Sorted by area once, each area is a slice: no copy of the table per area.
    names = sorted(set(area) - {NO_AREA}) + ([NO_AREA] if (area == NO_AREA).any() else [])
    code = pd.Categorical(area, categories=names).codes
    order = np.argsort(code, kind="stable")
    services = portfolio.services.take(order)
    starts = np.searchsorted(code[order], np.arange(len(names) + 1))
    keys = portfolio.services[["service", "year"]].assign(_area=code).drop_duplicates()
    funded = portfolio.funding.merge(keys, on=["service", "year"], how="inner")
    funded = funded.sort_values("_area", kind="stable")
    funding_starts = np.searchsorted(funded["_area"].to_numpy(), np.arange(len(names) + 1))
    funded = funded.drop(columns="_area")
    return {
        name: Area(
            services.iloc[starts[number] : starts[number + 1]],
            funded.iloc[funding_starts[number] : funding_starts[number + 1]],
        )
        for number, name in enumerate(names)
    }


def _unique(name: str, taken: dict) -> str:
    found, number = name, 1
    while found in taken:
        number += 1
        found = f"{name} ({number})"
    return found


def years_of(areas: dict[str, Area]) -> list[str]:
    """Every year any area has, in order."""
    years = set().union(*(area.services["year"].unique() for area in areas.values()))
    return sorted(str(year) for year in years if not pd.isna(year))


def unknown_year(year: str | None, areas: dict[str, Area]) -> str | None:
    """The sentence refusing a year no area has (None if some area has it); ``year`` is a
    financial-year label, None or '' if it could not be read."""
    years = years_of(areas)
    if year in years:
        return None
    return (
        f"No area has the year {year or 'written that way'}; the years there are: "
        f"{', '.join(years)}."
    )


def _keyed(areas: dict[str, Area], year: str | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Every area's services and funding (of ``year`` only, if given) in one table each,
    the year column holding the area (with the year too, when ``year`` is None)."""
    tables = []
    for table, columns in (("services", _SERVICE_COLUMNS), ("funding", _FUNDING_COLUMNS)):
        frames = [getattr(area, table) for area in areas.values()]
        names = np.repeat(np.array(list(areas), dtype=object), [len(f) for f in frames])
        # Whole frames concatenate far faster than a column selection of each.
        frame = pd.concat(frames, ignore_index=True)[columns]
        if year is None:
            key = names + _SEPARATOR + frame["year"].astype(str).to_numpy(dtype=object)
        else:
            kept = frame["year"].eq(year).fillna(False).to_numpy(dtype=bool)
            frame, key = frame.loc[kept], names[kept]
        tables.append(frame.assign(year=pd.array(key, dtype="string")))
    return tables[0], tables[1]


def area_measures(areas: dict[str, Area], year: str) -> pd.DataFrame:
    """One row per area (index ``area``, in the order of ``areas``) with the measures of
    ``year`` (the columns of ``yearly_measures``) and ``has_year``: False for an area with
    no services that year, whose measures are all blank."""
    services, funding = _keyed(areas, year)
    table = yearly_measures(services, funding).reindex(list(areas)).rename_axis("area")
    for column in COUNTS:
        table[column] = table[column].astype("Int64")
    table["has_year"] = table["services"].notna().to_numpy(dtype=bool)
    return table


def missing(table: pd.DataFrame) -> list[str]:
    """The areas of an ``area_measures`` table without figures for its year."""
    return [str(area) for area in table.index[~table["has_year"]]]


def summary(table: pd.DataFrame) -> dict[str, dict[str, float | int | None]]:
    """Per measure, over the areas that have it: n, min, q1, median, q3 and max, the
    quartiles as pandas' ``quantile`` gives them (linear interpolation); None with n 0."""
    values = table[list(MEASURES)].astype("float64")
    quartiles = values.quantile([0.25, 0.5, 0.75])
    counts, lowest, highest = values.count(), values.min(), values.max()
    out = {}
    for measure in MEASURES:
        n = int(counts[measure])
        stats = (lowest[measure], *quartiles[measure], highest[measure])
        out[measure] = {"n": n} | {
            key: (float(value) if n else None) for key, value in zip(STATS[1:], stats, strict=True)
        }
    return out


def peer_summary(table: pd.DataFrame, peers: list[str]) -> dict[str, dict]:
    """The same summary over a chosen peer group of areas. Raises ValueError naming an
    area that is not in the table."""
    unknown = [peer for peer in peers if peer not in table.index]
    if unknown:
        raise ValueError(
            f"There is no area called {unknown[0]!r}: the areas are "
            f"{', '.join(map(str, table.index))}."
        )
    return summary(table.loc[list(dict.fromkeys(peers))])


def quartile_of(value, spread: dict, direction: int) -> tuple[int | None, str]:
    """Where a value stands among the areas: its quartile (1 holds the lowest values, 4 the
    highest) and words for it given the measure's desired direction (+1 higher is better,
    -1 lower is better, 0 neither): (4, "Better than most (top quartile)"), (1, "Worse than
    most (bottom quartile)"); lower is better: (1, "Better than most (lowest quartile)"),
    (4, "Worse than most (highest quartile)"); neither: "Higher than most (top quartile)",
    "Lower than most (bottom quartile)".

    A value below q1 is quartile 1 and one above q3 quartile 4; from q1 to the median is 2,
    above the median to q3 is 3, and both are "Middle", so areas that all have the same
    value are all in the middle. (None, "No data") without a value or a spread."""
    if value is None or pd.isna(value) or not spread.get("n"):
        return None, NO_DATA
    if value < spread["q1"]:
        quartile = 1
    elif value > spread["q3"]:
        quartile = 4
    else:
        quartile = 2 if value <= spread["median"] else 3
    if quartile in (2, 3):
        return quartile, MIDDLE
    top = quartile == 4
    if direction == 0:
        return quartile, f"{HIGHER if top else LOWER} ({'top' if top else 'bottom'} quartile)"
    if direction > 0:
        return quartile, f"{BETTER} (top quartile)" if top else f"{WORSE} (bottom quartile)"
    return quartile, f"{WORSE} (highest quartile)" if top else f"{BETTER} (lowest quartile)"


def rug(table: pd.DataFrame, spread: dict[str, dict] | None = None) -> pd.DataFrame:
    """The tartan rug as a long table: a row per area and measure with its value, quartile
    and words (``quartile_of``), against ``spread`` (default: the table's own summary)."""
    spread = summary(table) if spread is None else spread
    rows = []
    for area, values in table[list(MEASURES)].iterrows():  # areas x 13 measures
        for measure in MEASURES:
            direction = catalogue.BY_ID[measure].direction
            quartile, words = quartile_of(values[measure], spread[measure], direction)
            rows.append((area, measure, values[measure], quartile, words))
    return pd.DataFrame(rows, columns=["area", "measure", "value", "quartile", "words"])


def compare_json(areas: dict[str, Area], year: str | None = None) -> dict:
    """The ``compare --json`` of the contract: the year (default: the latest any area has),
    each area's measures that year (null where not computable), the summary over the areas,
    and the areas without that year. Raises ValueError (``unknown_year``'s sentence) for a
    year no area has."""
    years = years_of(areas)
    year = year if year is not None else years[-1]
    if year not in years:
        raise ValueError(unknown_year(year, areas))
    table = area_measures(areas, year)
    shown = table.loc[table["has_year"], MEASURE_ORDER].astype(object)
    return {
        "year": year,
        "areas": {
            str(area): {key: json_value(value) for key, value in row.items()}
            for area, row in shown.to_dict("index").items()
        },
        "summary": {
            measure: {key: json_value(value) for key, value in stats.items()}
            for measure, stats in summary(table).items()
        },
        "missing": missing(table),
    }


def area_trends(areas: dict[str, Area], measure: str) -> pd.DataFrame:
    """A measure year by year in every area, for small multiples: columns area, year and
    value (NaN where it cannot be computed), a row per year each area has, in order."""
    if measure not in MEASURES:
        raise ValueError(f"There is no measure called {measure!r}.")
    services, funding = _keyed(areas, None)
    values = yearly_measures(services, funding)[measure]
    split = values.index.to_series().str.split(_SEPARATOR, n=1, expand=True)
    trends = pd.DataFrame(
        {"area": split[0].to_numpy(), "year": split[1].to_numpy(), "value": values.to_numpy()}
    )
    trends["order"] = trends["area"].map({name: number for number, name in enumerate(areas)})
    trends = trends.sort_values(["order", "year"]).drop(columns="order")
    return trends.reset_index(drop=True).astype({"value": "float64"})

"""Outcomes 4, 5 and 6 (seed 000): a shift between kinds of activity, from social to
vocational, from buildings to outreach and mainstream settings, from group to individual
support. Each is a Balance: its categories' % columns on Services, and their weighted
shares by year, by sector or locality, and service by service (weighted as
``measures.yearly_measures``, so the by-year shares are its figures), with the money in
building-based delivery and the words of the charts' titles."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dayserv import catalogue
from dayserv.figures.filters import SETTING_COLUMNS
from dayserv.figures.formats import format_measure
from dayserv.figures.outcomes import (
    ACTIVITY_COLUMNS,
    GROUPINGS,
    SUPPORT_COLUMNS,
    empty_frame,
    group_positions,
    grouped_services,
    latest_year_rows,
    year_is,
)

# ---------------------------------------------------------------- outcomes 4, 5, 6: balances


def _shares(
    services: pd.DataFrame, columns: dict[str, str], dimension: str, by: list[str]
) -> pd.DataFrame:
    """Weighted share of each category (``columns``: category -> its % column) per year and
    group, in long form: year, *by, <dimension>, share, services, weighting.

    A service without a figure for a category is left out of that category's share, as
    measures.yearly_measures does.
    """
    keys = ["year", *by]
    out_columns = [*keys, dimension, "share", "services", "weighting"]
    if services.empty:
        return empty_frame(out_columns)
    frame = grouped_services(services, keys)
    # Each row's group as a position, the groups in order; sums over positions (bincount),
    # not a groupby per column: 25 ms to a few a call at 4,000 services.
    group, labels = group_positions(frame, keys)
    groups = len(labels)
    # The contract's weights (measures.weights), within each group in place of the year: a
    # service's funding where every service of its group has one, else 1.
    funding = frame["funding"].to_numpy("float64", na_value=np.nan)
    funded = np.bincount(group, weights=np.isnan(funding), minlength=groups) == 0
    weight = np.where(funded[group], funding, 1.0)
    values = frame[list(columns.values())].to_numpy("float64", na_value=np.nan) / 100
    share = np.empty((groups, len(columns)))
    for i, column in enumerate(values.T):
        known = ~np.isnan(column)
        top = np.bincount(group[known], weights=(column * weight)[known], minlength=groups)
        bottom = np.bincount(group[known], weights=weight[known], minlength=groups)
        with np.errstate(invalid="ignore", divide="ignore"):
            share[:, i] = np.where(bottom == 0, np.nan, top / bottom)
    out = labels.loc[labels.index.repeat(len(columns))].reset_index(drop=True)
    out[dimension] = np.tile(list(columns), groups)
    out["share"] = share.ravel()
    out["services"] = np.bincount(group, minlength=groups).repeat(len(columns)).astype("int64")
    out["weighting"] = np.where(funded, "funding", "services").repeat(len(columns))
    return out[out_columns]


def _shares_by_service(services: pd.DataFrame, year: str, columns: dict[str, str]) -> pd.DataFrame:
    """Each service of ``year`` with its % columns and the money in the first category
    (funding x first % / 100), the most of that first category first."""
    first = next(iter(columns.values()))
    money = first.removesuffix("_pct") + "_funding"
    shown = ["service", "provider", "sector", "locality", "funding", *columns.values()]
    rows = services.loc[year_is(services, year), shown]
    rows = rows.assign(**{money: rows["funding"] * rows[first] / 100})
    rows = rows.sort_values(
        [first, "funding", "service"], ascending=[False, False, True], na_position="last"
    )
    return rows.reset_index(drop=True)


@dataclass(frozen=True)
class Balance:
    """An outcome that asks for a shift between categories of activity (outcomes 4, 5, 6),
    and its figures: the mix by year, by sector or locality, and service by service."""

    measure: str  # the headline measure
    dimension: str  # the palette's name for the categories
    category: str  # the column naming the category in the by-year and by-group tables
    columns: dict[str, str]  # category -> its % column on Services
    groups: tuple[str, ...]  # what the by-group view can split by
    wanted: str  # the category the outcome asks to grow or shrink, and how
    switch_on: str  # what to add to the workbook when there are no figures

    def by_year(self, services: pd.DataFrame) -> pd.DataFrame:
        """Per year, each category's weighted share (0 to 1), equal to yearly_measures'.

        Columns: year, <category>, share, services, weighting.
        """
        return _shares(services, self.columns, self.category, [])

    def by_group(self, services: pd.DataFrame, by: str) -> pd.DataFrame:
        """Per year and ``by`` (one of ``groups``), the shares weighted within it.

        Columns: year, <by>, <category>, share, services, weighting.
        """
        if by not in self.groups:
            raise ValueError(f"by must be one of {self.groups}, not {by!r}")
        return _shares(services, self.columns, self.category, [by])

    def by_service(self, services: pd.DataFrame, year: str) -> pd.DataFrame:
        """The services of ``year``, the most of the first category first, with the money in
        it (<first>_funding = funding x <first>_pct / 100)."""
        return _shares_by_service(services, year, self.columns)


ACTIVITY = Balance(
    "vocational_share",
    "activity",
    "activity",
    ACTIVITY_COLUMNS,
    GROUPINGS,
    "Vocational up",
    catalogue.BY_ID["vocational_share"].no_data_hint,
)
SETTING = Balance(
    "building_share",
    "setting",
    "setting",
    SETTING_COLUMNS,
    ("locality",),
    "Building-based down",
    catalogue.BY_ID["building_share"].no_data_hint,
)
SUPPORT = Balance(
    "individual_share",
    "support_model",
    "support",
    SUPPORT_COLUMNS,
    GROUPINGS,
    "Individual up",
    catalogue.BY_ID["individual_share"].no_data_hint,
)
BALANCES = {"O4": ACTIVITY, "O5": SETTING, "O6": SUPPORT}


def building_money(services: pd.DataFrame) -> pd.DataFrame:
    """Per year: the funding, the money in building-based delivery (funding x Building-based %
    over the services with both figures), and its share of the funding with a known setting.

    Columns: year, funding, funding_with_setting, building_funding, building_funding_share.
    """
    columns = ["year", "funding", "funding_with_setting", "building_funding"]
    columns += ["building_funding_share"]
    if services.empty:
        return empty_frame(columns)
    frame = grouped_services(services, ["year"])
    both = frame["funding"].notna() & frame["building_pct"].notna()
    known = frame["funding"].where(both)
    found = pd.DataFrame(
        {
            "funding": frame["funding"],
            "funding_with_setting": known,
            "building_funding": known * frame["building_pct"] / 100,
        }
    ).groupby(frame["year"])
    out = found.sum(min_count=1)
    out["building_funding_share"] = out["building_funding"] / out["funding_with_setting"].replace(
        0, np.nan
    )
    return out.reset_index()[columns]


def service_shares_long(
    by_service: pd.DataFrame, columns: dict[str, str], category: str
) -> pd.DataFrame:
    """A per-service table's % columns as rows: service, <category>, share (0 to 1), in the
    table's order (so a chart keeps its sorting)."""
    frame = by_service.assign(order=range(len(by_service)))
    long = frame.melt(
        id_vars=["order", "service", "provider", "funding"],
        value_vars=list(columns.values()),
        var_name=category,
        value_name="share",
    )
    long[category] = long[category].map({v: k for k, v in columns.items()})
    long["share"] = long["share"] / 100
    return long.sort_values(["order", category], kind="stable").drop(columns="order")


def building_money_words(money: pd.DataFrame) -> str:
    """How the money in building-based delivery moved, in words."""
    known = money.dropna(subset=["building_funding"])
    if known.empty:
        return "No funding figures with a setting."
    first, latest = known.iloc[0], known.iloc[-1]
    share = latest["building_funding_share"]
    text = (
        f"In {latest['year']}, {format_measure('building_share', share)} of the funding with a "
        f"known setting paid for building-based delivery"
    )
    if len(known) > 1:
        text += (
            f" ({format_measure('building_share', first['building_funding_share'])} in "
            f"{first['year']})"
        )
    return text + "."


def mix_words(by_year: pd.DataFrame, category: str) -> str:
    """The latest year's mix in words: '2025/26: 62% building-based, 17% outreach, 21% ...'."""
    latest = latest_year_rows(by_year).dropna(subset=["share"])
    if latest.empty:
        return "No figures for the mix"
    parts = [
        f"{share:.0%} {name.lower()}"
        for name, share in zip(latest[category], latest["share"], strict=True)
    ]
    return f"{latest['year'].iloc[0]}: " + ", ".join(parts)

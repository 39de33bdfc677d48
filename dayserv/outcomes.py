"""Tidy tables -> the figures behind the six outcome pages (seed 000's anticipated outcomes).

Every function is pure: it takes the tidy tables, already narrowed by the shared filter,
and returns a tidy DataFrame with snake_case columns that a page charts and shows as its
detail table. Shares are weighted by the contract's rule (``measures.weights``): by Annual
funding when every service in the year (or in the group within the year) has a funding
figure, otherwise each service counts once. So the by-year figures here are the figures of
``measures.yearly_measures``, and the chart, the table, the export and the command line agree.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dayserv import catalogue, contract
from dayserv.figures.filters import SETTING_COLUMNS
from dayserv.figures.measures import (
    DEFINITIONS,
    DIRECTION,
    MEASURE_ORDER,
    outcome_headlines,
    weights,
)
from dayserv.show import formats
from dayserv.show.formats import format_measure, is_share

ACTIVITY_COLUMNS = {"Social & leisure": "social_pct", "Vocational": "vocational_pct"}
SUPPORT_COLUMNS = {"Group": "group_pct", "Individual": "individual_pct"}
USER_RUN_YES = "Yes"
USER_RUN_PARTLY = "Partly"
CORE = "Core commissioning"
OTHER_PROVIDERS = "Other providers"
NOT_STATED = "Not stated"  # a locality (or other group) left blank in the workbook
GROUPINGS = ("sector", "locality")

# Herfindahl-Hirschman index bands (US DoJ/FTC 2010 merger guidelines): below 1,500
# unconcentrated, 1,500 to 2,500 moderately, above 2,500 highly concentrated.
# What each measure needs to be charted for a year: a year_coverage column, and the words
# for a year where that column is 0 (the catalogue's).
MEASURE_NEEDS = {m.id: m.needs for m in catalogue.MEASURES if m.needs}

# Short names for a chart title's finding, e.g. "User-run share rose from 7% to 15% ...".


# ---------------------------------------------------------------- shared pieces


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})


def _year_is(frame: pd.DataFrame, year: str) -> pd.Series:
    return frame["year"].astype("string").eq(str(year)).fillna(False).astype(bool)


def _grouped(services: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The services with the year as text and a blank group value as "Not stated"."""
    frame = services.assign(year=services["year"].astype("string"))
    for key in keys:
        if key != "year":
            frame[key] = frame[key].astype("string").fillna(NOT_STATED)
    return frame


def _weights_within(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    """The contract's weights (measures.weights), with each group in place of the year."""
    group = frame.groupby(keys, sort=False).ngroup()
    return weights(pd.DataFrame({"year": group, "funding": frame["funding"]}))


def _weighting(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    funded = frame["funding"].notna().groupby([frame[k] for k in keys]).all()
    return pd.Series(np.where(funded, "funding", "services"), index=funded.index)


def _sector_first(column: pd.Series) -> pd.Series:
    """Sort key: sectors in the contract's order (any other after them), the rest as is."""
    if column.name != "sector":
        return column
    others = sorted(set(column.dropna()) - set(contract.SECTORS))
    order = pd.Categorical(column, categories=[*contract.SECTORS, *others], ordered=True)
    return pd.Series(order, index=column.index)


def _in_filter(services: pd.DataFrame, funding: pd.DataFrame | None) -> pd.DataFrame:
    """Funding rows of the service-years in ``services`` (as measures.non_core_funding_share)."""
    columns = ["service", "year", "source", "amount"]
    if funding is None or funding.empty or services.empty:
        return _empty(columns)
    kept = services[["service", "year"]].astype("string").drop_duplicates()
    rows = funding[columns].astype({"service": "string", "year": "string"})
    return rows.merge(kept, on=["service", "year"], how="inner")


# ---------------------------------------------------------------- outcome 1: providers


def sector_mix(services: pd.DataFrame) -> pd.DataFrame:
    """Per year and sector (all five, in the contract's order): services and funding, and
    their shares of the year's totals.

    Columns: year, sector, services, funding (NaN where the sector has no funding figure),
    share_of_services, share_of_funding (of the funding figures there are; NaN in a year
    without any), weighted_share (the contract's weighted share of services, the p of
    provider_diversity = 1 - sum of p squared).
    """
    columns = ["year", "sector", "services", "funding", "share_of_services", "share_of_funding"]
    columns += ["weighted_share"]
    if services.empty:
        return _empty(columns)
    frame = _grouped(services, ["year"])
    found = frame.groupby(["year", "sector"])
    sectors = list(contract.SECTORS) + sorted(set(frame["sector"].dropna()) - set(contract.SECTORS))
    every = pd.MultiIndex.from_product(
        [sorted(frame["year"].unique()), sectors], names=["year", "sector"]
    )
    out = pd.DataFrame(
        {
            "services": found.size().reindex(every, fill_value=0).astype("int64"),
            "funding": found["funding"].sum(min_count=1).reindex(every),
            "weight": weights(frame).groupby([frame["year"], frame["sector"]]).sum().reindex(every),
        }
    )
    year_services = out["services"].groupby(level="year").transform("sum")
    year_funding = out["funding"].groupby(level="year").transform("sum").replace(0, np.nan)
    out["share_of_services"] = out["services"] / year_services
    out["share_of_funding"] = out["funding"].fillna(0) / year_funding
    weight = out["weight"].fillna(0)
    out["weighted_share"] = weight / weight.groupby(level="year").transform("sum").replace(
        0, np.nan
    )
    return out.reset_index()[columns]


def _provider_years(services: pd.DataFrame) -> pd.DataFrame:
    """Per year and provider: services, funding (NaN when none), share of the year's funding,
    and rank (1 = most funding; then most services; then by name)."""
    frame = _grouped(services, ["year"])
    found = frame.groupby(["year", "provider"])
    out = pd.DataFrame(
        {"services": found.size().astype("int64"), "funding": found["funding"].sum(min_count=1)}
    ).reset_index()
    year_funding = out.groupby("year")["funding"].transform("sum").replace(0, np.nan)
    out["share_of_funding"] = out["funding"] / year_funding
    out = out.sort_values(
        ["year", "funding", "services", "provider"],
        ascending=[True, False, False, True],
        na_position="last",
    )
    out["rank"] = (out.groupby("year").cumcount() + 1).astype("Int64")
    return out.reset_index(drop=True)


def provider_shares(services: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Per year, each provider's funding and share of the year's funding, ranked.

    With ``top``, the ``top`` largest providers of the latest year keep their own rows in
    every year and the rest are summed as "Other providers" (rank empty), so that a stacked
    chart keeps the same providers across the years.

    Columns: year, rank, provider, services, funding, share_of_funding.
    """
    columns = ["year", "rank", "provider", "services", "funding", "share_of_funding"]
    if services.empty:
        return _empty(columns)
    table = _provider_years(services)[columns]
    if top is None:
        return table
    latest = table["year"].max()
    kept = table.loc[table["year"].eq(latest) & table["rank"].le(top), "provider"]
    others = table.loc[~table["provider"].isin(kept)]
    other = others.groupby("year")[["services", "funding", "share_of_funding"]].sum(min_count=1)
    other = other.reset_index().assign(provider=OTHER_PROVIDERS, rank=pd.NA)
    other["rank"] = other["rank"].astype("Int64")
    shown = pd.concat([table.loc[table["provider"].isin(kept)], other[columns]])
    return shown.sort_values(["year", "rank"], na_position="last").reset_index(drop=True)


def largest_providers(services: pd.DataFrame, year: str, top: int = 5) -> pd.DataFrame:
    """The ``top`` providers with the most funding in ``year`` (columns as provider_shares)."""
    table = provider_shares(services)
    if table.empty:
        return table
    chosen = table.loc[_year_is(table, year) & table["rank"].le(top).fillna(False)]
    return chosen.reset_index(drop=True)


def provider_changes(services: pd.DataFrame) -> pd.DataFrame:
    """Providers entering and leaving between each pair of consecutive years present.

    A provider "entered" in a year when it has services that year and none the year before;
    it "left" in a year when it had services the year before and none that year. Services
    and funding are those of its year present (the new year for an entrant, the year before
    for a leaver).

    Columns: year, previous_year, provider, change, services, funding.
    """
    columns = ["year", "previous_year", "provider", "change", "services", "funding"]
    if services.empty:
        return _empty(columns)
    table = _provider_years(services)
    years = sorted(table["year"].unique())
    previous = table["year"].map(dict(zip(years[1:], years[:-1], strict=True)))
    following = table["year"].map(dict(zip(years[:-1], years[1:], strict=True)))
    present = pd.MultiIndex.from_frame(table[["year", "provider"]].astype(object))
    provider = table["provider"].astype(object)
    was_there = pd.MultiIndex.from_arrays([previous.astype(object), provider]).isin(present)
    stays = pd.MultiIndex.from_arrays([following.astype(object), provider]).isin(present)
    # Assign before selecting: a Series assigned to an empty frame would bring its own rows.
    entered = table.assign(previous_year=previous, change="entered")
    entered = entered.loc[previous.notna() & ~was_there]
    left = table.assign(previous_year=table["year"], year=following, change="left")
    left = left.loc[following.notna() & ~stays]
    out = pd.concat([entered, left])[columns]
    out = out.sort_values(
        ["year", "change", "funding", "provider"],
        ascending=[True, True, False, True],
        na_position="last",
    )
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- outcome 2: user-run services


def _user_run(services: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    keys = ["year", *by]
    columns = [*keys, "services", "user_run", "partly", "user_run_share"]
    columns += ["user_involved_share", "user_run_funding_share", "weighting"]
    if services.empty:
        return _empty(columns)
    frame = _grouped(services, keys)
    group = [frame[k] for k in keys]
    answer = frame["user_run"]
    yes = answer.eq(USER_RUN_YES).fillna(False).astype(bool)
    partly = answer.eq(USER_RUN_PARTLY).fillna(False).astype(bool)
    # Counted, as measures.yearly_measures counts them; the money has its own share.
    answered = answer.notna().groupby(group).sum().replace(0, np.nan)
    funding = frame["funding"].where(answer.notna())
    funded = frame["funding"].notna().groupby(group).all()
    money = funding.groupby(group).sum(min_count=1).replace(0, np.nan)
    out = pd.DataFrame(
        {
            "services": frame.groupby(keys).size().astype("int64"),
            "user_run": yes.groupby(group).sum().astype("int64"),
            "partly": partly.groupby(group).sum().astype("int64"),
            "user_run_share": yes.groupby(group).sum() / answered,
            "user_involved_share": (yes | partly).groupby(group).sum() / answered,
            "user_run_funding_share": (funding.where(yes, 0.0).groupby(group).sum() / money).where(
                funded
            ),
            "weighting": _weighting(frame, keys),
        }
    )
    out = out.reset_index()[columns]
    return out.sort_values(keys, key=_sector_first, kind="stable").reset_index(drop=True)


def user_run_by_year(services: pd.DataFrame) -> pd.DataFrame:
    """Per year: services, how many are user run (Yes) and partly user run, the counted
    shares user_run_share (Yes) and user_involved_share (Yes or Partly) of the services
    with an answer, and user_run_funding_share, as measures.yearly_measures computes them.

    Columns: year, services, user_run, partly, user_run_share, user_involved_share,
    user_run_funding_share, weighting.
    """
    return _user_run(services, [])


def user_run_by_locality(services: pd.DataFrame) -> pd.DataFrame:
    """As user_run_by_year, per year and locality, weighted within each locality-year.

    Columns: year, locality, services, user_run, partly, user_run_share,
    user_involved_share, user_run_funding_share, weighting.
    """
    return _user_run(services, ["locality"])


def user_run_services(services: pd.DataFrame) -> pd.DataFrame:
    """The services run, or partly run, by users: by year, then most funding first.

    Columns: service, provider, year, locality, sector, user_run, funding.
    """
    columns = ["service", "provider", "year", "locality", "sector", "user_run", "funding"]
    involved = services["user_run"].isin([USER_RUN_YES, USER_RUN_PARTLY]).fillna(False)
    rows = services.loc[involved.astype(bool), columns]
    rows = rows.sort_values(
        ["year", "funding", "service"], ascending=[True, False, True], na_position="last"
    )
    return rows.reset_index(drop=True)


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
        return _empty(out_columns)
    frame = _grouped(services, keys)
    group = [frame[k] for k in keys]
    values = frame[list(columns.values())].astype("float64") / 100
    values.columns = list(columns)
    known = values.notna()
    weight = _weights_within(frame, keys)
    weighted = values.mul(weight, axis=0).groupby(group).sum(min_count=1)
    known_weight = known.mul(weight, axis=0).where(known).groupby(group).sum(min_count=1)
    share = (weighted / known_weight.replace(0, np.nan)).astype("float64")
    out = share.rename_axis(columns=dimension).stack().rename("share").reset_index()
    counts = pd.DataFrame(
        {"services": frame.groupby(keys).size(), "weighting": _weighting(frame, keys)}
    )
    out = out.merge(counts.reset_index(), on=keys, how="left")[out_columns]
    out["services"] = out["services"].astype("int64")
    return out.sort_values(keys, key=_sector_first, kind="stable").reset_index(drop=True)


def _shares_by_service(services: pd.DataFrame, year: str, columns: dict[str, str]) -> pd.DataFrame:
    """Each service of ``year`` with its % columns and the money in the first category
    (funding x first % / 100), the most of that first category first."""
    first = next(iter(columns.values()))
    money = first.removesuffix("_pct") + "_funding"
    shown = ["service", "provider", "sector", "locality", "funding", *columns.values()]
    rows = services.loc[_year_is(services, year), shown]
    rows = rows.assign(**{money: rows["funding"] * rows[first] / 100})
    rows = rows.sort_values(
        [first, "funding", "service"], ascending=[False, False, True], na_position="last"
    )
    return rows.reset_index(drop=True)


def _check_grouping(by: str) -> None:
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {GROUPINGS}, not {by!r}")


def setting_by_year(services: pd.DataFrame) -> pd.DataFrame:
    """Per year, the weighted Building-based, Outreach and Mainstream shares (0 to 1), equal to
    yearly_measures' building_share, outreach_share and mainstream_share.

    Columns: year, setting, share, services, weighting.
    """
    return _shares(services, SETTING_COLUMNS, "setting", [])


def setting_by_locality(services: pd.DataFrame) -> pd.DataFrame:
    """Per year and locality, the weighted setting shares, weighted within the locality-year.

    Columns: year, locality, setting, share, services, weighting.
    """
    return _shares(services, SETTING_COLUMNS, "setting", ["locality"])


def setting_by_service(services: pd.DataFrame, year: str) -> pd.DataFrame:
    """The services of ``year``, the most building-based first, with the money that goes
    into building-based delivery (building_funding = funding x building_pct / 100).

    Columns: service, provider, sector, locality, funding, building_pct, outreach_pct,
    mainstream_pct, building_funding.
    """
    return _shares_by_service(services, year, SETTING_COLUMNS)


def building_money(services: pd.DataFrame) -> pd.DataFrame:
    """Per year: the funding, the money in building-based delivery (funding x Building-based %
    over the services with both figures), and its share of the funding with a known setting.

    Columns: year, funding, funding_with_setting, building_funding, building_funding_share.
    """
    columns = ["year", "funding", "funding_with_setting", "building_funding"]
    columns += ["building_funding_share"]
    if services.empty:
        return _empty(columns)
    frame = _grouped(services, ["year"])
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


def activity_by_year(services: pd.DataFrame) -> pd.DataFrame:
    """Per year, the weighted Social & leisure and Vocational shares (0 to 1); Vocational
    equals yearly_measures' vocational_share.

    Columns: year, activity, share, services, weighting.
    """
    return _shares(services, ACTIVITY_COLUMNS, "activity", [])


def activity_by_group(services: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per year and sector or locality (``by``), the activity shares weighted within it.

    Columns: year, <by>, activity, share, services, weighting.
    """
    _check_grouping(by)
    return _shares(services, ACTIVITY_COLUMNS, "activity", [by])


def activity_by_service(services: pd.DataFrame, year: str) -> pd.DataFrame:
    """The services of ``year``, the most social & leisure first, with social_funding
    (funding x social_pct / 100).

    Columns: service, provider, sector, locality, funding, social_pct, vocational_pct,
    social_funding.
    """
    return _shares_by_service(services, year, ACTIVITY_COLUMNS)


def support_by_year(services: pd.DataFrame) -> pd.DataFrame:
    """Per year, the weighted Group and Individual shares (0 to 1); Individual equals
    yearly_measures' individual_share.

    Columns: year, support, share, services, weighting.
    """
    return _shares(services, SUPPORT_COLUMNS, "support", [])


def support_by_group(services: pd.DataFrame, by: str) -> pd.DataFrame:
    """Per year and sector or locality (``by``), the support shares weighted within it.

    Columns: year, <by>, support, share, services, weighting.
    """
    _check_grouping(by)
    return _shares(services, SUPPORT_COLUMNS, "support", [by])


def support_by_service(services: pd.DataFrame, year: str) -> pd.DataFrame:
    """The services of ``year``, the most group-based first, with group_funding
    (funding x group_pct / 100).

    Columns: service, provider, sector, locality, funding, group_pct, individual_pct,
    group_funding.
    """
    return _shares_by_service(services, year, SUPPORT_COLUMNS)


# ---------------------------------------------------------------- outcome 3: funding sources


def funding_by_source(services: pd.DataFrame, funding: pd.DataFrame | None) -> pd.DataFrame:
    """Per year and source (all of the contract's, in its order): the Funding-sheet amount
    and its share of the year's total, over the service-years in ``services``.

    The non-core sources' shares add up to yearly_measures' non_core_funding_share.
    Columns: year, source, amount, share.
    """
    columns = ["year", "source", "amount", "share"]
    rows = _in_filter(services, funding)
    if rows.empty:
        return _empty(columns)
    found = rows.groupby(["year", "source"])["amount"].sum()
    sources = list(contract.FUNDING_SOURCES)
    sources += sorted(set(rows["source"].dropna()) - set(sources))
    every = pd.MultiIndex.from_product(
        [sorted(rows["year"].unique()), sources], names=["year", "source"]
    )
    out = found.reindex(every, fill_value=0.0).astype("float64").rename("amount").to_frame()
    total = out["amount"].groupby(level="year").transform("sum").replace(0, np.nan)
    out["share"] = out["amount"] / total
    return out.reset_index()[columns]


def funding_sources_by_service(
    services: pd.DataFrame, funding: pd.DataFrame | None, year: str
) -> pd.DataFrame:
    """Each service of ``year``: its Funding-sheet total, core and non-core amounts, the
    non-core share and how many sources it draws on (0, with empty amounts, when it has no
    Funding rows); annual_funding is its Services-sheet figure, for comparison.

    Columns: service, provider, annual_funding, total, core, non_core, non_core_share, sources.
    """
    columns = ["service", "provider", "annual_funding", "total", "core", "non_core"]
    columns += ["non_core_share", "sources"]
    listed = services.loc[_year_is(services, year), ["service", "provider", "funding"]]
    listed = listed.rename(columns={"funding": "annual_funding"}).drop_duplicates("service")
    if listed.empty:
        return _empty(columns)
    rows = _in_filter(services, funding)
    rows = rows.loc[_year_is(rows, year)]
    amount = rows["amount"].astype("float64")
    per_service = pd.DataFrame(
        {
            "service": rows["service"],
            "total": amount,
            "core": amount.where(rows["source"].eq(CORE).fillna(False).astype(bool), 0.0),
            "source": rows["source"],
        }
    ).groupby("service")
    found = per_service[["total", "core"]].sum(min_count=1)
    found["sources"] = per_service["source"].nunique()
    found["non_core"] = found["total"] - found["core"]
    found["non_core_share"] = found["non_core"] / found["total"].replace(0, np.nan)
    listed = listed.astype({"service": "string"})
    out = listed.merge(found.reset_index(), on="service", how="left")
    out["sources"] = out["sources"].fillna(0).astype("int64")
    out = out.sort_values(["total", "service"], ascending=[False, True], na_position="last")
    return out[columns].reset_index(drop=True)


# ---------------------------------------------------------------- too little data


def year_coverage(services: pd.DataFrame, funding: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per year: how many services have each kind of figure, the Funding rows of those
    services, and whether the year has too little data to chart at all (fewer than 2
    services), with the reason in words.

    Columns: year, services, services_with_funding, services_with_setting,
    services_with_activity, services_with_support, services_with_user_run, funding_rows,
    too_little, reason.
    """
    columns = ["year", "services", "services_with_funding", "services_with_setting"]
    columns += ["services_with_activity", "services_with_support", "services_with_user_run"]
    columns += ["funding_rows", "too_little", "reason"]
    if services.empty:
        return _empty(columns)
    frame = _grouped(services, ["year"])

    def has_any(named: dict[str, str]) -> pd.Series:
        return frame[list(named.values())].notna().any(axis=1)

    out = (
        pd.DataFrame(
            {
                "services": 1,
                "services_with_funding": frame["funding"].notna(),
                "services_with_setting": has_any(SETTING_COLUMNS),
                "services_with_activity": has_any(ACTIVITY_COLUMNS),
                "services_with_support": has_any(SUPPORT_COLUMNS),
                "services_with_user_run": frame["user_run"].notna(),
            },
            index=frame.index,
        )
        .groupby(frame["year"])
        .sum()
        .astype("int64")
    )
    rows = _in_filter(services, funding)
    out["funding_rows"] = rows.groupby("year").size().reindex(out.index, fill_value=0)
    out["funding_rows"] = out["funding_rows"].astype("int64")
    out["too_little"] = out["services"].lt(2)
    year = out.index.to_series()
    out["reason"] = ("only 1 service in " + year).where(out["too_little"], "")
    return out.reset_index()[columns]


def too_little_data(coverage: pd.DataFrame, measure: str) -> dict[str, str]:
    """{year: reason} for the years whose ``measure`` should not be charted as a figure,
    e.g. {"2025/26": "only 1 service in 2025/26", "2024/25": "no funding figures in 2024/25"}.
    """
    if coverage.empty:
        return {}
    year = coverage["year"].astype(str)
    reason = pd.Series("", index=coverage.index)
    if measure in MEASURE_NEEDS:
        column, words = MEASURE_NEEDS[measure]
        reason = reason.mask(coverage[column].eq(0), words + " in " + year)
    reason = reason.mask(coverage["too_little"].astype(bool), coverage["reason"])
    wanted = reason.ne("")
    return dict(zip(year[wanted], reason[wanted], strict=True))


# ---------------------------------------------------------------- findings in words


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _gap_words(measure: str, gap: float) -> str:
    if is_share(measure):
        points = gap * 100
        return f"{points:.0f} pts" if points >= 0.95 else f"{points:.1f} pts"
    return format_measure(measure, gap)


def target_words(measure: str, latest, target) -> str:
    """How the latest figure stands against the commissioner's target, in the measure's
    desired direction: "target 20%: 5 pts to go", "target met"; "" without a target."""
    if _missing(target):
        return ""
    wanted = format_measure(measure, target)
    if _missing(latest):
        return f"target {wanted}: no figures yet"
    gap = (float(target) - float(latest)) * DIRECTION.get(measure, 1)
    if gap <= 0:
        return "target met"
    return f"target {wanted}: {_gap_words(measure, gap)} to go"


# ---------------------------------------------------------------- page findings and shapes


def latest_year_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of the latest year in a per-year table."""
    if frame.empty:
        return frame
    return frame.loc[frame["year"] == frame["year"].max()].reset_index(drop=True)


def user_run_long(by_year: pd.DataFrame) -> pd.DataFrame:
    """user_run_by_year as lines to draw: year, user_run ("Yes" or "Partly"), share."""
    partly = by_year["user_involved_share"] - by_year["user_run_share"]
    yes = by_year[["year"]].assign(user_run="Yes", share=by_year["user_run_share"])
    part = by_year[["year"]].assign(user_run="Partly", share=partly)
    return pd.concat([yes, part], ignore_index=True)


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


def _share_words(value: float) -> str:
    return f"{value:.0%}"


def sector_finding(mix: pd.DataFrame, value: str) -> str:
    """The sector whose share moved most between the first and latest year, in words."""
    if mix.empty:
        return "No services to show"
    share = "share_of_services" if value == "services" else "share_of_funding"
    years = sorted(mix["year"].unique())
    what = "services" if value == "services" else "funding"
    wide = mix.pivot_table(index="sector", columns="year", values=share, observed=True)
    if len(years) < 2 or wide.empty:
        top = mix.loc[mix["year"] == years[-1]].sort_values(share, ascending=False).iloc[0]
        return f"{top['sector']} holds the largest share of {what} ({_share_words(top[share])})"
    change = (wide[years[-1]] - wide[years[0]]).dropna()
    if change.empty:
        return f"No {what} figures to compare"
    sector = change.abs().idxmax()
    verb = "grew" if change[sector] > 0 else "shrank"
    return (
        f"{sector}'s share of {what} {verb} from {_share_words(wide.loc[sector, years[0]])} "
        f"to {_share_words(wide.loc[sector, years[-1]])} since {years[0]}"
    )


def largest_finding(largest: pd.DataFrame, year: str) -> str:
    """'Eastbrook NHS FT holds 31% of 2025/26 funding; the largest 3 hold 62%'."""
    shares = largest["share_of_funding"].dropna()
    if shares.empty:
        return f"No funding figures for {year}"
    first = largest.iloc[0]
    top3 = shares.head(3).sum()
    return (
        f"{first['provider']} holds {_share_words(first['share_of_funding'])} of {year} funding;"
        f" the largest {min(3, len(shares))} hold {_share_words(top3)}"
    )


def changes_words(changes: pd.DataFrame) -> str:
    """'Between 2022/23 and 2025/26, 9 providers entered and 2 left.'"""
    entered = int(changes["change"].eq("entered").sum())
    left = int(changes["change"].eq("left").sum())
    first, last = changes["previous_year"].min(), changes["year"].max()
    return (
        f"Between {first} and {last}, **{entered}** provider{'s' if entered != 1 else ''} "
        f"entered and **{left}** left."
    )


def group_finding(frame: pd.DataFrame, by: str, share: str, what: str) -> str:
    """Where a share is highest and lowest across localities or sectors, in words."""
    known = frame.dropna(subset=[share])
    if known.empty:
        return f"No figures by {by}"
    ordered = known.sort_values(share, ascending=False)
    high, low = ordered.iloc[0], ordered.iloc[-1]
    if "year" in known and known["year"].nunique() == 1:
        what = f"In {known['year'].iloc[0]}, {what[0].lower()}{what[1:]}"
    if len(ordered) == 1 or high[share] == low[share]:
        return f"{what}: {_share_words(high[share])} in {high[by]}"
    return (
        f"{what} is highest in {high[by]} ({_share_words(high[share])}) and lowest in "
        f"{low[by]} ({_share_words(low[share])})"
    )


def locality_finding(frame: pd.DataFrame, share: str) -> str:
    """Where the user-run share is highest and lowest across localities, in words."""
    return group_finding(frame, "locality", share, "User-run share")


@dataclass(frozen=True)
class Balance:
    """An outcome that asks for a shift between categories of activity (outcomes 4, 5, 6)."""

    measure: str  # the headline measure
    dimension: str  # the palette's name for the categories
    category: str  # the column naming the category in the by-year and by-group tables
    columns: dict[str, str]  # category -> its % column on Services
    by_year: Callable[[pd.DataFrame], pd.DataFrame]
    by_group: Callable[[pd.DataFrame, str], pd.DataFrame]
    by_service: Callable[[pd.DataFrame, str], pd.DataFrame]
    groups: tuple[str, ...]  # what the by-group view can split by
    wanted: str  # the category the outcome asks to grow or shrink, and how
    switch_on: str  # what to add to the workbook when there are no figures


BALANCES = {
    "O4": Balance(
        "vocational_share",
        "activity",
        "activity",
        {"Social & leisure": "social_pct", "Vocational": "vocational_pct"},
        activity_by_year,
        activity_by_group,
        activity_by_service,
        ("sector", "locality"),
        "Vocational up",
        catalogue.BY_ID["vocational_share"].no_data_hint,
    ),
    "O5": Balance(
        "building_share",
        "setting",
        "setting",
        {
            "Building-based": "building_pct",
            "Outreach": "outreach_pct",
            "Mainstream": "mainstream_pct",
        },
        setting_by_year,
        lambda services, by: setting_by_locality(services),
        setting_by_service,
        ("locality",),
        "Building-based down",
        catalogue.BY_ID["building_share"].no_data_hint,
    ),
    "O6": Balance(
        "individual_share",
        "support_model",
        "support",
        {"Group": "group_pct", "Individual": "individual_pct"},
        support_by_year,
        support_by_group,
        support_by_service,
        ("sector", "locality"),
        "Individual up",
        catalogue.BY_ID["individual_share"].no_data_hint,
    ),
}


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


def source_finding(by_source: pd.DataFrame) -> str:
    """The source whose share grew most since the first year, in words."""
    known = by_source.dropna(subset=["share"])
    years = sorted(known["year"].unique())
    if not years:
        return "No Funding figures for the services shown"
    wide = known.pivot_table(index="source", columns="year", values="share", observed=True)
    if len(years) < 2:
        top = wide[years[0]].idxmax()
        share = wide.loc[top, years[0]]
        return f"{top} gives the largest share of funding in {years[0]} ({share:.0%})"
    non_core = wide.drop(index="Core commissioning", errors="ignore")
    change = (non_core[years[-1]] - non_core[years[0]]).dropna()
    if change.empty:
        return "No non-core funding to compare"
    source = change.idxmax() if change.max() > 0 else change.idxmin()
    verb = "grew" if change[source] > 0 else "shrank"
    return (
        f"{source} {verb} from {wide.loc[source, years[0]]:.0%} to "
        f"{wide.loc[source, years[-1]]:.0%} of funding since {years[0]}"
    )


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


def measure_by_year(table: pd.DataFrame, measure: str, too_little: dict[str, str]) -> pd.DataFrame:
    """The figures behind a measure's chart: year, the measure, the services it covers, the
    weighting, and a note for years with too little data."""
    if table.empty:
        return pd.DataFrame(columns=["year", measure, "services", "weighting", "note"])
    out = table[[measure, "services", "weighting"]].reset_index()
    out["note"] = [too_little.get(str(year), "") for year in out["year"]]  # a handful of years
    return out


def weighting_words(table: pd.DataFrame) -> str:
    """How the shares were weighted, in words."""
    used = set(table["weighting"].dropna())
    if used == {"funding"}:
        return "funding-weighted"
    if used == {"services"}:
        return "each service counted once"
    return "weighted by funding where every service has a figure (see the table)"


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


def years_words(years: list[str]) -> str:
    """The years in words: "2022/23 to 2025/26 (4 years)", or the one year."""
    if not years:
        return "no years"
    if len(years) == 1:
        return years[0]
    return f"{years[0]} to {years[-1]} ({len(years)} years)"


def definitions_table() -> pd.DataFrame:
    """Each measure's plain name and exact definition."""
    return pd.DataFrame(
        [
            {"Measure": formats.measure_name(m), "Definition": DEFINITIONS[m]}
            for m in MEASURE_ORDER
            if m in DEFINITIONS and m != "weighting"
        ]
    )


def without_sector_words(table: pd.DataFrame) -> str | None:
    """'Diversity leaves out the services with no known Sector: 2 in 2024/25, 1 in 2025/26.'
    None when every service has one."""
    counts = table.get("services_without_sector", pd.Series(dtype="int64"))
    counts = counts[counts.fillna(0) > 0]
    if counts.empty:
        return None
    years = ", ".join(f"{int(n):,} in {year}" for year, n in counts.items())
    return f"Diversity leaves out the services with no known Sector: {years}."

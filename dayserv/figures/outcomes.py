"""Tidy tables -> the figures behind the outcome pages (seed 000's anticipated outcomes):
outcome 1 (range of providers), 2 (user-run services) and 3 (funding sources), and what all
six pages share: the years with too little data and the bases their figures rest on.
Outcomes 4, 5 and 6 are in ``balances``; the findings in words in ``findings``.

Every function is pure: it takes the tidy tables, already narrowed by the shared filter,
and returns a tidy DataFrame with snake_case columns that a page charts and shows as its
detail table. Shares are weighted by the contract's rule (``measures.weights``): by Annual
funding when every service in the year (or in the group within the year) has a funding
figure, otherwise each service counts once. So the by-year figures here are the figures of
``measures.yearly_measures``, and the chart, the table, the export and the command line agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dayserv import catalogue, contract
from dayserv.figures.filters import SETTING_COLUMNS, of_services
from dayserv.figures.formats import is_missing
from dayserv.figures.measures import weights
from dayserv.figures.per_frame import per_frame

ACTIVITY_COLUMNS = {"Social & leisure": "social_pct", "Vocational": "vocational_pct"}
SUPPORT_COLUMNS = {"Group": "group_pct", "Individual": "individual_pct"}
USER_RUN_YES = "Yes"
USER_RUN_PARTLY = "Partly"
CORE = "Core commissioning"
OTHER_PROVIDERS = "Other providers"
NOT_STATED = catalogue.NOT_STATED  # a locality (or other group) left blank in the workbook
GROUPINGS = ("sector", "locality")

# Herfindahl-Hirschman index bands (US DoJ/FTC 2010 merger guidelines): below 1,500
# unconcentrated, 1,500 to 2,500 moderately, above 2,500 highly concentrated.
# What each measure needs to be charted for a year: a year_coverage column, and the words
# for a year where that column is 0 (the catalogue's).
MEASURE_NEEDS = {m.id: m.needs for m in catalogue.MEASURES if m.needs}

# Fewer services than this and a figure is marked as resting on a small base (Fingertips
# marks small numbers the same way): below 10, one service alone moves a share by more than
# 10 points, so a change can be one service opening or closing.
SMALL_BASE = 10

# ---------------------------------------------------------------- shared pieces


def empty_frame(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})


def year_is(frame: pd.DataFrame, year: str) -> pd.Series:
    return frame["year"].astype("string").eq(str(year)).fillna(False).astype(bool)


def grouped_services(services: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The services with the year as text and a blank group value as "Not stated"."""
    frame = services.assign(year=services["year"].astype("string"))
    for key in keys:
        if key != "year":
            frame[key] = frame[key].astype("string").fillna(NOT_STATED)
    return frame


def group_positions(frame: pd.DataFrame, keys: list[str]) -> tuple[np.ndarray, pd.DataFrame]:
    """Each row's group (its values of ``keys``, none missing) as a position, and the
    groups' keys, a row per group in that order: the keys' (text) order, with sectors in
    the contract's. Sums over a group are then bincounts of the positions, not a groupby
    per figure (a few ms each at 4,000 services)."""
    group = frame.groupby(keys, sort=True).ngroup().to_numpy()
    labels = frame[keys].iloc[np.unique(group, return_index=True)[1]].reset_index(drop=True)
    if "sector" in keys:  # a handful of groups: sorted as the tables were
        order = labels.sort_values(keys, key=sector_first, kind="stable").index.to_numpy()
        position = np.empty(len(order), dtype="int64")
        position[order] = np.arange(len(order))
        group, labels = position[group], labels.iloc[order].reset_index(drop=True)
    return group, labels


def sector_first(column: pd.Series) -> pd.Series:
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
        return empty_frame(columns)
    rows = of_services(funding, services)[columns].reset_index(drop=True)
    return rows.astype({"service": "string", "year": "string"})


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
        return empty_frame(columns)
    # Each row's year and sector as positions, every figure a bincount of its cell (the
    # groupbys and reindexes took 40 ms a change of filter at 20,000 service-years).
    labels = services["year"].astype("string")
    years = sorted(labels.unique())
    named = set(services["sector"].dropna())
    sectors = list(contract.SECTORS) + sorted(named - set(contract.SECTORS))
    year = pd.Index(years).get_indexer(labels)
    sector = pd.Index(sectors).get_indexer(services["sector"])
    known = sector >= 0
    cell = year[known] * len(sectors) + sector[known]
    size = len(years) * len(sectors)
    money = services["funding"].to_numpy("float64", na_value=np.nan)[known]
    paid = ~np.isnan(money)
    count = np.bincount(cell, minlength=size)
    funding = np.where(
        np.bincount(cell[paid], minlength=size) > 0,
        np.bincount(cell[paid], weights=money[paid], minlength=size),
        np.nan,
    )
    weight = np.bincount(cell, weights=weights(services).to_numpy()[known], minlength=size)

    def of_year(values: np.ndarray) -> np.ndarray:
        """Each cell's year total (NaN for 0)."""
        totals = np.nansum(values.reshape(len(years), len(sectors)), axis=1)
        return np.repeat(np.where(totals == 0, np.nan, totals), len(sectors))

    every = pd.MultiIndex.from_product([years, sectors], names=["year", "sector"])
    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame(
            {
                "services": count.astype("int64"),
                "funding": funding,
                "share_of_services": count / of_year(count),
                "share_of_funding": np.nan_to_num(funding) / of_year(funding),
                "weighted_share": weight / of_year(weight),
            },
            index=every,
        )
    return out.reset_index()[columns]


@per_frame
def _provider_years(services: pd.DataFrame) -> pd.DataFrame:
    """Per year and provider: services, funding (NaN when none), share of the year's funding,
    and rank (1 = most funding; then most services; then by name). Worked out once per
    ``services`` table (the providers page asks twice); shared, so not to be changed."""
    frame = grouped_services(services, ["year"])
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
        return empty_frame(columns)
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
    chosen = table.loc[year_is(table, year) & table["rank"].le(top).fillna(False)]
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
        return empty_frame(columns)
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
        return empty_frame(columns)
    frame = grouped_services(services, keys)
    group, out = group_positions(frame, keys)

    def per_group(weights: np.ndarray) -> np.ndarray:
        return np.bincount(group, weights=weights, minlength=len(out))

    answer = frame["user_run"]
    answered = answer.notna().to_numpy()
    yes = answer.eq(USER_RUN_YES).fillna(False).to_numpy(bool)
    partly = answer.eq(USER_RUN_PARTLY).fillna(False).to_numpy(bool)
    funding = frame["funding"].to_numpy("float64", na_value=np.nan)
    # Counted, as measures.yearly_measures counts them; the money has its own share.
    said = per_group(answered)
    said[said == 0] = np.nan
    funded = per_group(np.isnan(funding)) == 0
    money_known = per_group(answered & ~np.isnan(funding)) > 0
    money = np.where(money_known, per_group(np.where(answered, np.nan_to_num(funding), 0)), np.nan)
    money[money == 0] = np.nan
    yes_money = per_group(np.where(yes, np.nan_to_num(funding), 0))
    out["services"] = np.bincount(group, minlength=len(out)).astype("int64")
    out["user_run"] = per_group(yes).astype("int64")
    out["partly"] = per_group(partly).astype("int64")
    out["user_run_share"] = out["user_run"] / said
    out["user_involved_share"] = per_group(yes | partly) / said
    out["user_run_funding_share"] = np.where(funded, yes_money / money, np.nan)
    out["weighting"] = np.where(funded, "funding", "services")
    return out[columns]


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
        return empty_frame(columns)
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
    listed = services.loc[year_is(services, year), ["service", "provider", "funding"]]
    listed = listed.rename(columns={"funding": "annual_funding"}).drop_duplicates("service")
    if listed.empty:
        return empty_frame(columns)
    rows = _in_filter(services, funding)
    rows = rows.loc[year_is(rows, year)]
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
        return empty_frame(columns)
    labels = services["year"].astype("string")
    index = pd.Index(sorted(labels.unique()), name="year")
    year = index.get_indexer(labels)

    def count(has: np.ndarray) -> np.ndarray:
        return np.bincount(year, weights=has, minlength=len(index)).astype("int64")

    def has_any(named: dict[str, str]) -> np.ndarray:
        # Column by column: a selection of several columns copies them (1.5 ms a call).
        return np.logical_or.reduce([services[c].notna().to_numpy() for c in named.values()])

    out = pd.DataFrame(
        {
            "services": np.bincount(year, minlength=len(index)).astype("int64"),
            "services_with_funding": count(services["funding"].notna().to_numpy()),
            "services_with_setting": count(has_any(SETTING_COLUMNS)),
            "services_with_activity": count(has_any(ACTIVITY_COLUMNS)),
            "services_with_support": count(has_any(SUPPORT_COLUMNS)),
            "services_with_user_run": count(services["user_run"].notna().to_numpy()),
        },
        index=index,
    )
    # The Funding rows of these service-years, counted by year (their years are these).
    given = funding is not None and not funding.empty
    rows = of_services(funding, services)["year"] if given else pd.Series([], dtype=object)
    found = index.get_indexer(rows.astype("string"))
    out["funding_rows"] = np.bincount(found[found >= 0], minlength=len(index)).astype("int64")
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
    # Read row by row in Python: a coverage has a row a year, and each chart of a page and
    # slide of a pack asks (pandas' masks took 0.5 ms a call).
    column, words = MEASURE_NEEDS.get(measure, (None, ""))
    lacking = coverage[column].eq(0).tolist() if column else [False] * len(coverage)
    found = {}
    for year, little, reason, lacks in zip(
        coverage["year"].astype(str),
        coverage["too_little"].astype(bool),
        coverage["reason"],
        lacking,
        strict=True,
    ):
        said = reason if little else f"{words} in {year}" if lacks else ""
        if said:
            found[year] = said
    return found


# ---------------------------------------------------------------- page shapes


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


def measure_by_year(
    table: pd.DataFrame,
    measure: str,
    too_little: dict[str, str],
    bases: dict[str, int] | None = None,
) -> pd.DataFrame:
    """The figures behind a measure's chart: year, the measure, the services in the year,
    the services its figure rests on (``bases``, measure_bases'), the weighting, and a note
    for years with too little data or a small base."""
    columns = ["year", measure, "services", "services_counted", "weighting", "note"]
    if table.empty:
        return pd.DataFrame(columns=columns)
    out = table[[measure, "services", "weighting"]].reset_index()
    years = [str(year) for year in out["year"]]
    bases = bases or {}
    out["services_counted"] = pd.array([bases.get(year) for year in years], dtype="Int64")
    small = small_bases(bases, too_little, table[measure].set_axis(years))
    out["note"] = [  # a handful of years
        too_little.get(year)
        or (f"small base ({small[year]} services): read with care" if year in small else "")
        for year in years
    ]
    return out[columns]


# ---------------------------------------------------------------- small bases


def measure_bases(coverage: pd.DataFrame, measure: str) -> dict[str, int]:
    """{year: how many services the measure's figure rests on}: those with the figures it
    needs (the catalogue's ``needs``, e.g. a User run answer), else every service."""
    if coverage.empty:
        return {}
    column = MEASURE_NEEDS.get(measure, ("services", ""))[0]
    if not column.startswith("services"):  # Funding-sheet rows are not services
        column = "services"
    return dict(zip(coverage["year"].astype(str), coverage[column].astype(int), strict=True))


def small_bases(
    bases: dict[str, int],
    too_little: dict[str, str] | None = None,
    values: pd.Series | None = None,
) -> dict[str, int]:
    """{year: services} of the years drawn on fewer than SMALL_BASE services: not those
    with too little data (a gap, not a point), nor, given ``values``, those without a figure."""
    too_little = too_little or {}
    drawn = None if values is None else {str(y) for y, v in values.items() if not is_missing(v)}
    return {
        year: count
        for year, count in bases.items()
        if count < SMALL_BASE and year not in too_little and (drawn is None or year in drawn)
    }


def small_groups(frame: pd.DataFrame, by: str, count: str = "services") -> dict[str, int]:
    """{group: services} of the groups (localities, sectors) of a table resting on fewer
    than SMALL_BASE services, in the table's order."""
    if frame.empty or count not in frame:
        return {}
    counts = frame.drop_duplicates(by).set_index(by)[count]
    return {str(group): int(n) for group, n in counts.items() if n < SMALL_BASE}

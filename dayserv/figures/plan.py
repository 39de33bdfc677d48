"""A re-commissioning plan projected, as the contract defines it: the services and funding of
each year after the baseline, their measures, the money and the continuity of provision.

Seed 000 asks how a commissioner will make sure they "don't 'lose' any savings" and that
"money saved from buildings is 'ring fenced' for day service provision"; seed 003 asks
that "new services are put in place before old services are de-commissioned". The money
answers the first two, the gaps the third. Every function is pure.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dayserv import contract
from dayserv.contract import norm_key
from dayserv.figures.measures import measures_json, yearly_measures
from dayserv.read.clean import empty_table
from dayserv.read.plan_sheet import empty_plan, next_year

# The Services columns a plan row may give (everything but the service's name and year).
VALUE_COLUMNS = tuple(
    c.name for c in contract.SERVICES.columns if c.name not in ("service", "year")
)
MONEY_KEYS = (
    "released",
    "reinvested",
    "net",
    "total_funding",
    "building_money",
    "lost",
    "ring_fenced",
)
GAP_KEYS = (
    "year",
    "locality",
    "service",
    "replacement",
    "replacement_from",
    "places_baseline",
    "places",
)


@dataclass(frozen=True)
class Projection:
    """A plan projected from the baseline (the portfolio's latest year) to its last From.

    ``services`` and ``funding`` hold the baseline year and every projected year, in the
    tidy tables' columns (a commissioned service's ``row`` is its Plan row); ``measures`` is
    ``yearly_measures`` of them, a row per year; ``money`` is keyed by projected year, with
    MONEY_KEYS; ``gaps`` are dicts with GAP_KEYS."""

    plan: str
    baseline: str
    years: tuple[str, ...]  # the projected years, in order
    services: pd.DataFrame
    funding: pd.DataFrame
    measures: pd.DataFrame
    money: dict[str, dict]
    gaps: list[dict]


def plan_table(portfolio) -> pd.DataFrame:
    """The portfolio's tidy plan table (empty without a Plan sheet)."""
    table = portfolio.tables.get("plan")
    return empty_plan() if table is None else table


def plans(plan_table: pd.DataFrame) -> list[str]:
    """The plans' names, in the order the sheet first gives them."""
    return list(dict.fromkeys(plan_table["plan"].dropna().astype(str)))


def plan_named(plan_table: pd.DataFrame, name: str) -> str | None:
    """The plan a name means: exactly, else in any case and spacing; None if none."""
    names = plans(plan_table)
    if name in names:
        return name
    folded = [n for n in names if norm_key(n) == norm_key(name)]
    return folded[0] if len(folded) == 1 else None


def unknown_plan(plan_table: pd.DataFrame, name: str) -> str:
    """Why a plan name is refused, in a sentence naming the plans there are."""
    names = plans(plan_table)
    if not names:
        return (
            "The Plan sheet has no change that could be used: python -m dayserv validate lists why."
        )
    listed = "; ".join(names)
    return f"There is no plan called {name!r}: the plans are {listed}."


def project(portfolio, plan_name: str) -> Projection:
    """The plan ``plan_name`` of the portfolio's Plan sheet, projected year by year.

    Each year after the baseline starts from the year before and applies that year's
    changes in the sheet's order; a service nobody changes carries forward as it is.
    Raises ValueError (its message a sentence) for a plan the sheet does not have."""
    table = plan_table(portfolio)
    rows = table.loc[table["plan"] == plan_name]
    if rows.empty:
        raise ValueError(unknown_plan(table, plan_name))
    services, funding = portfolio.services, portfolio.funding
    baseline = str(services["year"].max())
    current = services.loc[services["year"] == baseline]
    current_funding = funding.loc[
        (funding["year"] == baseline) & funding["service"].isin(current["service"])
    ]
    years = []
    while not years or years[-1] < rows["from_year"].max():
        years.append(next_year(years[-1] if years else baseline))
    all_services, all_funding, money = [current], [current_funding], {}
    baseline_total = _total(current)
    for year in years:
        before = current
        current = current.assign(year=year).astype({"year": "string"})
        current_funding = current_funding.assign(year=year).astype({"year": "string"})
        for change in rows.loc[rows["from_year"] == year].to_dict("records"):
            current, current_funding = _apply(change, current, current_funding, year)
        money[year] = _money(before, current, baseline_total)
        all_services.append(current)
        all_funding.append(current_funding)
    projected = pd.concat(all_services, ignore_index=True)
    projected_funding = pd.concat(all_funding, ignore_index=True)
    return Projection(
        plan=plan_name,
        baseline=baseline,
        years=tuple(years),
        services=projected,
        funding=projected_funding,
        measures=yearly_measures(projected, projected_funding),
        money=money,
        gaps=_gaps(rows, projected, baseline),
    )


def _apply(change: dict, services, funding, year: str):
    """One plan row applied to a year's services and funding."""
    name = change["service"]
    if change["change"] == "Decommission":
        return services.loc[services["service"] != name], funding.loc[funding["service"] != name]
    if change["change"] == "Commission":
        new = {c: change[c] for c in VALUE_COLUMNS}
        new.update(service=name, year=year, row=change["row"])
        services = pd.concat([services, pd.DataFrame([new]).astype(services.dtypes)])
        if not pd.isna(change["funding"]):
            row = {"service": name, "year": year, "source": change["source"]}
            row.update(amount=change["funding"], row=change["row"])
            funding = pd.concat([funding, pd.DataFrame([row]).astype(funding.dtypes)])
        return services.reset_index(drop=True), funding.reset_index(drop=True)
    given = {c: change[c] for c in VALUE_COLUMNS if not pd.isna(change[c])}
    # A share given without its single category makes the category out of date.
    for names, category, _ in contract.SHARE_GROUPS:
        if any(n in given for n in names) and category not in given:
            given[category] = pd.NA
    mine = services["service"] == name
    if "funding" in given:
        funding = _scaled(funding, name, services.loc[mine, "funding"].sum(), given["funding"])
    services = services.copy()
    for column, value in given.items():
        services.loc[mine, column] = value
    return services, funding


def _scaled(funding: pd.DataFrame, name: str, old: float, new: float) -> pd.DataFrame:
    """The service's Funding rows scaled in proportion to its new Annual funding."""
    mine = funding["service"] == name
    total = funding.loc[mine, "amount"].sum()
    base = old if old > 0 else total
    if base <= 0:  # nothing to scale
        return funding
    funding = funding.copy()
    funding.loc[mine, "amount"] = funding.loc[mine, "amount"] * (new / base)
    return funding


def _total(services: pd.DataFrame) -> float:
    return float(services["funding"].sum())


def _money(before: pd.DataFrame, after: pd.DataFrame, baseline_total: float) -> dict:
    """The contract's money for a year, against the year before."""
    old = before.groupby("service")["funding"].sum()
    new = after.groupby("service")["funding"].sum()
    kept = old.index.intersection(new.index)
    moved = new[kept] - old[kept]
    released = old.drop(kept).sum() - moved[moved < 0].sum()
    reinvested = new.drop(kept).sum() + moved[moved > 0].sum()
    total = _total(after)
    lost = round(max(baseline_total - total, 0.0), 2)
    return {
        "released": _pounds(released),
        "reinvested": _pounds(reinvested),
        "net": _pounds(reinvested - released),
        "total_funding": _pounds(total),
        "building_money": _pounds((after["funding"] * after["building_pct"] / 100).sum()),
        "lost": _pounds(lost),
        "ring_fenced": lost == 0,
    }


def _pounds(value) -> float | int:
    """Money to the penny; a whole number of pounds as an int, for people and JSON."""
    value = round(float(value), 2) + 0.0  # no -0.0
    return int(value) if value.is_integer() else value


def _count(value) -> float | int:
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)


def _places(services: pd.DataFrame, year: str, locality) -> float:
    year_rows = services.loc[services["year"] == year]
    where = year_rows["locality"].isna() if locality is None else year_rows["locality"] == locality
    return float(year_rows.loc[where.fillna(False).astype(bool), "places"].sum())


def _gaps(rows: pd.DataFrame, services: pd.DataFrame, baseline: str) -> list[dict]:
    """The contract's continuity rule: a gap for each Decommission whose replacement starts
    in a later year, or that has none while its locality's Places that year are below the
    baseline's. The gap's year is the year the service closes."""
    commissions = rows.loc[rows["change"] == "Commission"].sort_values("from_year", kind="stable")
    gaps = []
    for closed in rows.loc[rows["change"] == "Decommission"].to_dict("records"):
        name, year = closed["service"], closed["from_year"]
        replaces = commissions["replaces"].fillna("").str.split("; ")
        replacements = commissions.loc[[name in names for names in replaces]]
        first = replacements.iloc[0] if len(replacements) else None
        at_baseline = services.loc[
            (services["year"] == baseline) & (services["service"] == name), "locality"
        ]
        locality = None if at_baseline.isna().all() else str(at_baseline.dropna().iloc[0])
        places_baseline = _places(services, baseline, locality)
        places = _places(services, year, locality)
        if first is not None and first["from_year"] <= year:
            continue
        if first is None and places >= places_baseline:
            continue
        gaps.append(
            {
                "year": year,
                "locality": locality,
                "service": name,
                "replacement": None if first is None else str(first["service"]),
                "replacement_from": None if first is None else str(first["from_year"]),
                "places_baseline": _count(places_baseline),
                "places": _count(places),
            }
        )
    return sorted(gaps, key=lambda gap: gap["year"])


def places_by_locality(projection: Projection) -> pd.DataFrame:
    """Places per locality and year, baseline and projected: locality, year, places,
    projected (False for the baseline)."""
    services = projection.services
    out = (
        services.groupby([services["locality"], services["year"]], dropna=False)["places"]
        .sum()
        .reset_index()
    )
    out["projected"] = out["year"] != projection.baseline
    return out.sort_values(["locality", "year"], kind="stable", ignore_index=True)


def _plural(count: float, word: str) -> str:
    count = _count(count)
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def gap_words(gap: dict, baseline: str | None = None) -> str:
    """A gap in one sentence, e.g. "Hillside Resource Centre closes in 2026/27; its
    replacement, Peer Hub, starts in 2027/28"; ``baseline`` names the year a fall in
    places is counted from."""
    closes = f"{gap['service']} closes in {gap['year']}"
    if gap["replacement"] is not None:
        replacement, starts = gap["replacement"], gap["replacement_from"]
        return f"{closes}; its replacement, {replacement}, starts in {starts}"
    where = gap["locality"] or "the services with no locality"
    fewer = _plural(gap["places_baseline"] - gap["places"], "place")
    since = baseline or "the baseline year"
    return f"{closes} with no replacement, and {where} has {fewer} fewer than in {since}"


def plan_json(portfolio, plan_name: str) -> dict:
    """The command line's JSON for a plan, exactly as the contract gives it."""
    projection = project(portfolio, plan_name)
    no_benchmark = empty_table("benchmark")
    figures = measures_json(projection.services, projection.funding, no_benchmark)["years"]
    return {
        "plan": projection.plan,
        "baseline": projection.baseline,
        "years": figures,
        "money": projection.money,
        "gaps": projection.gaps,
    }

"""Tidy tables -> the anticipated outcomes' measures, per year, exactly as the contract defines.

Every function is pure and works on any subset of the services (a filter), so the page,
the export and the command line compute the same figure.
"""

from __future__ import annotations

from itertools import repeat

import numpy as np
import pandas as pd

from dayserv import catalogue, contract, frameworks
from dayserv.figures.filters import of_services
from dayserv.figures.per_frame import per_frame

SHARE_COLUMNS = {m.id: m.share_column for m in catalogue.MEASURES if m.share_column}
# Measures that count each service once whatever its funding (the contract's rule).
COUNTED = tuple(m.id for m in catalogue.MEASURES if m.counted and m.outcome)
MEASURE_ORDER = ["services", *contract.MEASURES, "weighting", "services_without_sector"]
# Desired direction of each measure (seed 000's anticipated outcomes): +1 up, -1 down.
DIRECTION = {m.id: m.direction for m in catalogue.MEASURES if m.direction}
DEFINITIONS = {
    **{m.id: m.full_definition for m in catalogue.MEASURES},
    "weighting": catalogue.WEIGHTING,
    "services_without_sector": catalogue.SERVICES_WITHOUT_SECTOR,
}


def weights(services: pd.DataFrame) -> pd.Series:
    """Per-service weight: its funding where every service in its year has one, else 1."""
    funded = services["funding"].notna().groupby(services["year"]).transform("all")
    return services["funding"].where(funded, 1.0).astype("float64")


def _year_sums(year: np.ndarray, years: int, values: np.ndarray) -> np.ndarray:
    """Per year (``year``: each row's year as a position), the sum of the values known; NaN
    for a year with none, as a groupby's sum(min_count=1)."""
    known = ~np.isnan(values)
    total = np.bincount(year[known], weights=values[known], minlength=years)
    return np.where(np.bincount(year[known], minlength=years) > 0, total, np.nan)


def _ratio(top: np.ndarray, bottom: np.ndarray) -> np.ndarray:
    """top / bottom, NaN where bottom is 0 or missing."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(bottom == 0, np.nan, top / bottom)


def _weighted_mean(year, years: int, values: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Per year, the mean of the values known, each by its weight."""
    known = ~np.isnan(values)
    top = _year_sums(year, years, np.where(known, values * weight, np.nan))
    return _ratio(top, _year_sums(year, years, np.where(known, weight, np.nan)))


def _codes(values: pd.Series) -> tuple[np.ndarray, int]:
    """Each row's value as a position among the distinct values (-1 where missing), and how
    many there are."""
    codes, uniques = pd.factorize(values)
    return codes, len(uniques)


def yearly_measures(services: pd.DataFrame, funding: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per year (label index, in order) with every measure and the weighting used.

    Worked out on each row's year as a position and summed with bincount (the groupbys
    it replaced took 50 to 150 ms on a change of filter at 20,000 service-years)."""
    if services.empty:
        return pd.DataFrame(columns=MEASURE_ORDER).rename_axis("year")
    labels = services["year"].astype("string")
    index = pd.Index(sorted(labels.unique()), name="year")
    year, years = index.get_indexer(labels), len(index)
    money = services["funding"].to_numpy("float64", na_value=np.nan)
    funded = np.bincount(year, weights=np.isnan(money), minlength=years) == 0
    weight = np.where(funded[year], money, 1.0)  # ``weights``, from the years already found
    # The columns gathered, then made a frame at once (a column set at a time: 3 ms a call).
    out = {"services": np.bincount(year, minlength=years)}
    provider, providers = _codes(services["provider"])
    named = provider >= 0
    pairs = np.unique(year[named] * providers + provider[named])
    out["providers"] = np.bincount(pairs // max(providers, 1), minlength=years)

    # A service with no known sector is left out of diversity alone (the count says so).
    sector, sectors = _codes(services["sector"])
    known = sector >= 0
    by_sector = np.bincount(
        year[known] * sectors + sector[known], weights=weight[known], minlength=years * sectors
    ).reshape(years, sectors)
    share = _ratio(by_sector, by_sector.sum(axis=1, keepdims=True))
    has_sector = np.bincount(year[known], minlength=years) > 0
    out["provider_diversity"] = np.where(has_sector, 1 - np.nansum(share**2, axis=1), np.nan)
    out["services_without_sector"] = np.bincount(year, weights=~known, minlength=years).astype(
        "int64"
    )

    paid = named & ~np.isnan(money)
    cell = year[paid] * providers + provider[paid]
    size = years * providers
    by_provider = np.where(
        np.bincount(cell, minlength=size) > 0,
        np.bincount(cell, weights=money[paid], minlength=size),
        np.nan,
    ).reshape(years, providers)
    provider_share = _ratio(by_provider, np.nansum(by_provider, axis=1, keepdims=True))
    hhi = (provider_share * 100) ** 2
    out["hhi"] = np.where(np.isnan(hhi).all(axis=1), np.nan, np.nansum(hhi, axis=1))

    # Counted, never weighted: seed 000 asks for more user-run services, not more money.
    user_run = services["user_run"]
    stated = user_run.notna().to_numpy()
    yes = np.where(stated, user_run.eq("Yes").fillna(False).to_numpy(bool), np.nan)
    involved = np.where(
        stated, user_run.isin(["Yes", "Partly"]).fillna(False).to_numpy(bool), np.nan
    )
    counted = np.ones(len(services))
    out["user_run_share"] = _weighted_mean(year, years, yes, counted)
    out["user_involved_share"] = _weighted_mean(year, years, involved, counted)
    by_money = _weighted_mean(year, years, yes, money)
    out["user_run_funding_share"] = np.where(funded, by_money, np.nan)
    out["non_core_funding_share"] = non_core_funding_share(services, funding, index)
    for measure, column in SHARE_COLUMNS.items():
        shares = services[column].to_numpy("float64", na_value=np.nan) / 100
        out[measure] = _weighted_mean(year, years, shares, weight)
    out["weighting"] = np.where(funded, "funding", "services")
    return pd.DataFrame(out, index=index)[MEASURE_ORDER]


def non_core_funding_share(
    services: pd.DataFrame, funding: pd.DataFrame | None, years: pd.Index
) -> np.ndarray:
    """For each of ``years``: Funding amounts from sources other than Core commissioning, as a
    share (NaN for a year without Funding rows, or whose amounts sum to 0)."""
    if funding is None or funding.empty:
        return np.full(len(years), np.nan)
    rows = of_services(funding, services)
    year = years.get_indexer(rows["year"].astype("string"))
    amount = rows["amount"].to_numpy("float64", na_value=np.nan)
    # A source not stated counts as not core where it is text, as pandas' where takes it.
    core = ~rows["source"].ne("Core commissioning").fillna(False).to_numpy(bool)
    non_core = np.where(core, 0.0, amount)
    return _ratio(_year_sums(year, len(years), non_core), _year_sums(year, len(years), amount))


def section_scores(benchmark: pd.DataFrame) -> pd.DataFrame:
    """Score 0-100 per year, service and section: mean points / 3, all respondents pooled."""
    answered = benchmark.loc[benchmark["points"].notna()]
    scores = answered.groupby(["year", "service", "section"], observed=True)["points"].mean()
    return (scores / 3 * 100).rename("score").reset_index()


def benchmark_scores_json(benchmark: pd.DataFrame) -> dict:
    """{year: {service: {"1": score or None, ..., "8": ...}}} for the command line.

    The scores of ``section_scores`` (mean points / 3, all respondents pooled), rounded to
    two decimals; summed over codes, a million answers take a few passes and no copy.
    """
    sections = len(frameworks.SECTIONS)
    year, years = _sorted_codes(benchmark["year"])
    service, services = _sorted_codes(benchmark["service"])
    pair = year * len(services) + service
    # Services that answered only N/A or blanks still appear, with null scores.
    everyone = np.flatnonzero(np.bincount(pair))  # in order of year, then service, as text
    section = benchmark["section"].to_numpy()
    points = benchmark["points"].to_numpy("float64", na_value=np.nan)
    # As a groupby: no score for a missing year or service, nor for an unanswered section.
    scored = ~np.isnan(points) & (section >= 1) & (section <= sections)
    scored &= (year < len(years) - 1) & (service < len(services) - 1)
    cell = pair[scored] * sections + (section[scored] - 1)
    size = len(years) * len(services) * sections
    total = np.bincount(cell, weights=points[scored], minlength=size)
    count = np.bincount(cell, minlength=size)
    with np.errstate(invalid="ignore", divide="ignore"):
        score = np.round(total / count / 3 * 100, 2).reshape(-1, sections)[everyone]
    values = score.astype(object)
    values[np.isnan(score)] = None
    names = [str(s) for s in range(1, sections + 1)]
    year_codes, service_codes = np.divmod(everyone, len(services))
    # A dict per service-year (20,000 of them): made by map and zip, not statement by statement.
    rows = map(dict, map(zip, repeat(names), values.tolist()))
    out: dict = {}
    for year_label, service_label, row in zip(
        map(years.__getitem__, year_codes.tolist()),
        map(services.__getitem__, service_codes.tolist()),
        rows,
        strict=True,
    ):
        out.setdefault(year_label, {})[service_label] = row
    return out


def _sorted_codes(column: pd.Series) -> tuple[np.ndarray, list]:
    """A column's values as codes into its distinct values as text, sorted, and that list;
    its last entry (NaN) stands for a missing value."""
    if isinstance(column.dtype, pd.CategoricalDtype):  # as loaded: the codes are there
        codes, uniques = column.cat.codes.to_numpy(), column.cat.categories
    else:
        codes, uniques = pd.factorize(column)
    text = pd.Series(uniques).astype(str).tolist()
    order = sorted(range(len(text)), key=text.__getitem__)
    rank = np.empty(len(text) + 1, dtype="int64")
    rank[order] = np.arange(len(text))
    rank[-1] = len(text)  # code -1, a missing value, sorts last
    return rank[codes], [text[i] for i in order] + [np.nan]


def measures_json(services: pd.DataFrame, funding: pd.DataFrame, benchmark: pd.DataFrame) -> dict:
    """The command line's JSON: yearly measures (null where not computable) and benchmark."""
    table = yearly_measures(services, funding)
    years = {}
    for year, row in table.iterrows():  # one row per year, a handful
        years[str(year)] = {key: _json_value(row[key]) for key in MEASURE_ORDER}
    return {"years": years, "benchmark": benchmark_scores_json(benchmark)}


def _json_value(value):
    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return None
    if float(value).is_integer() and not isinstance(value, float | np.floating):
        return int(value)
    return round(float(value), 6)


# A move smaller than this is "stayed": half a percentage point for a share, 1% otherwise.
SHARE_STAYED = 0.005
RELATIVE_STAYED = 0.01


def stayed(measure: str, first: float, latest: float) -> bool:
    """Whether a measure moved too little between two years to call it a change."""
    change = abs(latest - first)
    if measure.endswith("_share"):
        return change < SHARE_STAYED
    return change < RELATIVE_STAYED * abs(first) or change == 0


def trend(table: pd.DataFrame, measure: str) -> dict:
    """First and latest year with a value, the change, and whether it goes the desired way.

    status: "on track" (moved the desired way), "not on track" (moved the other way, or too
    little to call a change: see ``stayed``), "no data" (fewer than two years with a value),
    or "no direction" (a count such as services, which the outcomes do not ask to move).
    """
    series = table[measure].dropna() if measure in table else pd.Series(dtype="float64")
    result = {
        "measure": measure,
        "first_year": None,
        "latest_year": None,
        "first": None,
        "latest": None,
        "change": None,
        "status": "no data",
    }
    if series.empty:
        return result
    result.update(latest_year=series.index[-1], latest=float(series.iloc[-1]))
    if len(series) < 2:
        return result
    change = float(series.iloc[-1] - series.iloc[0])
    result.update(first_year=series.index[0], first=float(series.iloc[0]), change=change)
    # Differences below 1e-9 are floating-point noise, not a change in the portfolio.
    change = 0.0 if abs(change) < 1e-9 else change
    result["change"] = change
    if measure in DIRECTION:
        # A measure that stayed where it was is not on track: the outcomes ask for change.
        moved_well = change * DIRECTION[measure] > 0 and not stayed(
            measure, result["first"], result["latest"]
        )
        result["status"] = "on track" if moved_well else "not on track"
    else:
        result["status"] = "no direction"
    return result


def direction_kind(found: dict) -> str:
    """A ``trend``'s status told apart where a forum needs it (``catalogue.DIRECTION_WORDS``):
    "on track", "wrong way" (moved against the outcome), "stayed" (too little to call a
    change) or "no data"."""
    status = found["status"]
    if status != "not on track":
        return status if status == "on track" else "no data"
    change = found["change"] or 0.0
    moved_badly = change * DIRECTION.get(found["measure"], 1) < 0
    if moved_badly and not stayed(found["measure"], found["first"], found["latest"]):
        return "wrong way"
    return "stayed"


@per_frame
def _targets_by_measure(targets: pd.DataFrame) -> dict[str, tuple[float, str | None]]:
    """Each measure's target and year as ``target_row`` picks them, in one plain pass over
    the sheet (worked out once per targets table: every headline asks)."""
    found: dict[str, tuple[str, float]] = {}
    columns = (targets["outcome"], targets["target"], targets["year"])
    for outcome, target, year in zip(*columns, strict=True):
        if not isinstance(outcome, str) or pd.isna(target):
            continue
        order = "" if pd.isna(year) else str(year)
        if outcome not in found or order >= found[outcome][0]:
            found[outcome] = (order, float(target))
    return {m: (target, order if order.strip() else None) for m, (order, target) in found.items()}


def target_row(targets: pd.DataFrame, measure: str) -> tuple[float, str | None] | None:
    """The commissioner's target for a measure from the Targets sheet and its year: the one
    for the latest year it names (the lowest in the sheet of that year), else one with no
    year; None when the sheet sets none."""
    return _targets_by_measure(targets).get(measure)


def target_for(targets: pd.DataFrame, measure: str) -> float | None:
    """The target ``target_row`` finds, None when the sheet sets none."""
    found = target_row(targets, measure)
    return None if found is None else found[0]

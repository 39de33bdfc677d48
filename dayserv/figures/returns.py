"""The quarterly performance returns of seed 004 section 10: measures R1 to R12 per provider
and quarter, which returns are missing, and how providers compare.

Pure functions of the tidy KPIs table (provider, year, quarter, kpi, value, row). A quarter
is named by its financial year and quarter, "2024/25 Q1", and ordered by both.
"""

from __future__ import annotations

import pandas as pd

from dayserv.contract import KPI_IDS, QUARTERS
from dayserv.figures.publication import Publication
from dayserv.frameworks import KPIS

MEASURES = {kpi.id: kpi.measure for kpi in KPIS}
EXPECTED = len(KPI_IDS)  # returns expected of a provider each quarter


def measure(kpi: str) -> str:
    """A KPI's wording in seed 004, e.g. "R1" -> "Referral enquiries receive responses ..."."""
    return MEASURES.get(kpi, kpi)


def quarter_label(year: str, quarter: str) -> str:
    """A quarter's name: ("2024/25", "Q1") -> "2024/25 Q1"."""
    return f"{year} {quarter}"


def quarter_key(label: str) -> tuple[str, int]:
    """The sort key of a quarter's name: by financial year, then Q1 to Q4."""
    year, _, quarter = str(label).rpartition(" ")
    return year, QUARTERS.index(quarter) if quarter in QUARTERS else len(QUARTERS)


def quarters(kpis: pd.DataFrame) -> list[str]:
    """Every quarter of each year present, in order ("2024/25 Q1" ... "2025/26 Q4")."""
    years = sorted(kpis["year"].dropna().astype(str).unique())
    return [quarter_label(year, quarter) for year in years for quarter in QUARTERS]


def _returned(kpis: pd.DataFrame) -> pd.DataFrame:
    """The returns with a value, a quarter name each, one per provider, quarter and KPI
    (the last given where a return was entered twice)."""
    rows = kpis.loc[
        kpis["value"].notna() & kpis["provider"].notna() & kpis["year"].notna(),
        ["provider", "year", "quarter", "kpi", "value"],
    ].copy()
    for column in ("provider", "year", "quarter", "kpi"):
        rows[column] = rows[column].astype(str)
    rows["period"] = rows["year"] + " " + rows["quarter"]
    return rows.drop_duplicates(["provider", "period", "kpi"], keep="last")


def providers(kpis: pd.DataFrame) -> list[str]:
    """The providers of the KPIs sheet, in alphabetical order."""
    return sorted(kpis["provider"].dropna().astype(str).unique())


def kpi_table(kpis: pd.DataFrame, kpi: str) -> pd.DataFrame:
    """One KPI as a table: a row per provider, a column per quarter (every quarter of each
    year present, in order), the value returned or blank. Columns: provider, then quarters."""
    rows = _returned(kpis)
    rows = rows.loc[rows["kpi"].eq(kpi)]
    table = rows.pivot(index="provider", columns="period", values="value")
    table = table.reindex(index=providers(kpis), columns=quarters(kpis)).astype("float64")
    table.index.name = "provider"
    table.columns.name = None
    return table.reset_index()


def completeness(kpis: pd.DataFrame) -> pd.DataFrame:
    """A row per provider and quarter expected (every provider in the sheet, every quarter of
    each year present): how many of the 12 KPIs were returned, and how many are missing.

    Columns: provider, year, quarter, period, returned, missing.
    """
    expected = pd.DataFrame(
        [
            (provider, *label.rsplit(" ", 1), label)
            for provider in providers(kpis)
            for label in quarters(kpis)
        ],
        columns=["provider", "year", "quarter", "period"],
    )
    returned = _returned(kpis)
    returned = returned.loc[returned["kpi"].isin(KPI_IDS)]
    counts = returned.groupby(["provider", "period"])["kpi"].nunique()
    expected["returned"] = (
        pd.Series(list(zip(expected["provider"], expected["period"], strict=True)))
        .map(counts.to_dict())
        .fillna(0)
        .astype(int)
        .to_numpy()
    )
    expected["missing"] = EXPECTED - expected["returned"]
    return expected


def completeness_grid(table: pd.DataFrame) -> pd.DataFrame:
    """``completeness`` as a grid: a row per provider, a column per quarter, KPIs returned."""
    grid = table.pivot(index="provider", columns="period", values="returned")
    grid = grid.reindex(columns=list(dict.fromkeys(table["period"])))
    grid.index.name = "provider"
    grid.columns.name = None
    return grid.reset_index()


def missing_returns(kpis: pd.DataFrame) -> pd.DataFrame:
    """Every return expected but not made: a row per provider, quarter and KPI, providers in
    alphabetical order, then quarters and KPIs in order.

    Columns: provider, period, kpi, measure.
    """
    periods = quarters(kpis)
    index = pd.MultiIndex.from_product(
        [providers(kpis), periods, list(KPI_IDS)], names=["provider", "period", "kpi"]
    )
    returned = _returned(kpis).set_index(["provider", "period", "kpi"]).index
    missing = index.difference(returned, sort=False).to_frame(index=False)
    missing["measure"] = missing["kpi"].map(MEASURES)
    return missing.reset_index(drop=True)


def kpi_trend(kpis: pd.DataFrame, kpi: str) -> pd.DataFrame:
    """One KPI over the quarters: a row per provider and quarter returned, in quarter order
    then provider. Columns: provider, period, value."""
    rows = _returned(kpis)
    rows = rows.loc[rows["kpi"].eq(kpi), ["provider", "period", "value"]]
    rows["order"] = rows["period"].map(quarter_key)
    rows = rows.sort_values(["order", "provider"], kind="stable")
    return rows.drop(columns="order").reset_index(drop=True)


def latest_comparison(kpis: pd.DataFrame, kpi: str) -> pd.DataFrame:
    """The providers on one KPI in the latest quarter any of them returned it, highest first.

    Columns: provider, period, value, rank (1 the highest; ties share a rank).
    """
    trend = kpi_trend(kpis, kpi)
    if trend.empty:
        return pd.DataFrame(columns=["provider", "period", "value", "rank"])
    latest = max(trend["period"], key=quarter_key)
    rows = trend.loc[trend["period"].eq(latest)].sort_values(
        ["value", "provider"], ascending=[False, True], kind="stable"
    )
    rows["rank"] = rows["value"].rank(method="min", ascending=False).astype(int)
    return rows.reset_index(drop=True)


# ---------------------------------------------------------------- publication mode

_NOT_VALUES = ("provider", "period", "rank")  # columns of the tables above that hold no value


def hidden_values(table: pd.DataFrame, kpi: str, publication: Publication) -> pd.DataFrame:
    """Which values of a ``kpi_table`` publication mode hides: True where the KPI counts
    people and its value is a small count (every cell False otherwise). Columns: quarters."""
    values = table.drop(columns=[c for c in _NOT_VALUES if c in table])
    if not publication.counts_people(kpi):
        return pd.DataFrame(False, index=values.index, columns=values.columns)
    return values.apply(publication.is_small)


def drawable(frame: pd.DataFrame, kpi: str, publication: Publication) -> pd.DataFrame:
    """The rows of a ``kpi_trend`` or ``latest_comparison`` that a chart may draw: a KPI
    that counts people loses its small counts in publication mode; any other KPI keeps all
    (a percentage under 5 is no count of people)."""
    if not publication.counts_people(kpi):
        return frame
    return publication.drawable(frame, "value")


def published(frame: pd.DataFrame, kpi: str, publication: Publication) -> pd.DataFrame:
    """A table of one KPI's values (``kpi_table``, ``kpi_trend``, ``latest_comparison``) as
    publication mode shows it: the small counts of people written "<5"."""
    if not publication.counts_people(kpi):
        return frame
    return publication.suppress(frame, [c for c in frame.columns if c not in _NOT_VALUES])


def hidden_words(count: int, publication: Publication) -> str | None:
    """Under a chart that left values out: "3 values under 5 not shown: publication mode"."""
    if not count:
        return None
    values = "value" if count == 1 else "values"
    return f"{count:,} {values} under {publication.threshold} not shown: publication mode"


# ---------------------------------------------------------------- findings, for titles


def completeness_finding(table: pd.DataFrame) -> str:
    """E.g. "372 of 576 returns made (65%); Eastbrook Mind missed the most (40)"."""
    expected = len(table) * EXPECTED
    if not expected:
        return "No returns expected"
    made = int(table["returned"].sum())
    words = f"{made:,} of {expected:,} returns made ({made / expected:.0%})"
    missed = table.groupby("provider")["missing"].sum().sort_values(ascending=False, kind="stable")
    if missed.iloc[0] > 0:
        words += f"; {missed.index[0]} missed the most ({int(missed.iloc[0])})"
    return words


def _all_hidden(kpi: str, hidden: int) -> str:
    return f"{kpi}: every value ({hidden:,}) is a small count, not shown in publication mode"


def comparison_finding(latest: pd.DataFrame, kpi: str, hidden: int = 0) -> str:
    """E.g. "R1 in 2025/26 Q4: Eastbrook Mind highest (96.4), Open Door lowest (80.1)".
    ``hidden``: values publication mode left out of ``latest``."""
    if latest.empty:
        return _all_hidden(kpi, hidden) if hidden else f"{kpi}: no provider has returned it"
    top, bottom = latest.iloc[0], latest.iloc[-1]
    words = f"{kpi} in {top['period']}: {top['provider']} highest ({top['value']:,.4g})"
    if len(latest) > 1:
        words += f", {bottom['provider']} lowest ({bottom['value']:,.4g})"
    return words


def trend_finding(trend: pd.DataFrame, kpi: str, hidden: int = 0) -> str:
    """E.g. "R1: providers' average 85.2 in 2024/25 Q1, 87 in 2025/26 Q4". ``hidden``: values
    publication mode left out of ``trend``."""
    if trend.empty:
        return _all_hidden(kpi, hidden) if hidden else f"{kpi}: no provider has returned it"
    average = trend.groupby("period", sort=False)["value"].mean()
    first, last = average.index[0], average.index[-1]
    if first == last:
        return f"{kpi}: providers' average {average.iloc[0]:,.4g} in {first}"
    return (
        f"{kpi}: providers' average {average.iloc[0]:,.4g} in {first}, "
        f"{average.iloc[-1]:,.4g} in {last}"
    )


def table_finding(table: pd.DataFrame, kpi: str) -> str:
    """E.g. "R1: 45 of 48 provider-quarters returned"."""
    values = table.drop(columns="provider")
    return f"{kpi}: {int(values.notna().sum().sum())} of {values.size} provider-quarters returned"

"""Principle 6, more appropriately meet the needs of diverse groups (seed 000), and key
feature A5, engaging with under-represented and diverse groups (seed 002): which services
specifically serve each group, where, and over the years.

Pure functions of the tidy Services table; its ``groups_served`` column holds the canonical
groups a service serves, joined by "; ", or nothing.
"""

from __future__ import annotations

import pandas as pd

from dayserv.catalogue import NOT_STATED
from dayserv.contract import GROUPS
from dayserv.figures.per_frame import per_frame, per_row
from dayserv.figures.slices import years_of

LONG_COLUMNS = ["service", "provider", "year", "locality", "group"]


def has_groups(services: pd.DataFrame) -> bool:
    """Whether any service says which groups it serves (the Groups served column is used)."""
    return "groups_served" in services and bool(services["groups_served"].notna().any())


@per_row
def _groups_of_rows(services: pd.DataFrame) -> pd.DataFrame:
    """Each service row's groups, a row per group under the service row's label (worked out
    once for the portfolio's rows, and cut for every filter: ``per_row``; shared, so not to
    be changed)."""
    rows = services.loc[services["groups_served"].notna(), LONG_COLUMNS[:-1] + ["groups_served"]]
    groups = rows["groups_served"].astype(str).str.split(r"[;,]")
    rows = rows.drop(columns="groups_served").assign(group=groups).explode("group")
    rows["group"] = rows["group"].str.strip()
    rows = rows.loc[rows["group"].ne("") & rows["group"].notna()]
    rows["locality"] = rows["locality"].astype(object).where(rows["locality"].notna(), NOT_STATED)
    return rows[LONG_COLUMNS]


@per_frame
def groups_long(services: pd.DataFrame) -> pd.DataFrame:
    """One row per service, year and group it serves: service, provider, year, locality, group.

    Services that serve no named group have no row; a group named twice counts once. Worked
    out once per table (``per_frame``): shared, so not to be changed.
    """
    if services.empty or "groups_served" not in services:
        return pd.DataFrame(columns=LONG_COLUMNS)
    rows = _groups_of_rows(services).drop_duplicates(["service", "year", "group"])
    return rows.reset_index(drop=True)


def _localities(services: pd.DataFrame) -> list[str]:
    """The localities of these services, in order, "Not stated" last."""
    found = services["locality"].dropna().astype(str).unique().tolist()
    named = sorted(found)
    return named + ([NOT_STATED] if services["locality"].isna().any() else [])


def group_matrix(services: pd.DataFrame, year: str) -> pd.DataFrame:
    """A row per locality with services in ``year``, a column per group (the contract's
    seven, in order): how many of the locality's services specifically serve the group.

    Columns: locality, then the groups.
    """
    in_year = services.loc[services["year"].astype(str).eq(str(year))]
    long = groups_long(services)
    long = long.loc[long["year"].astype(str).eq(str(year))]
    counts = (
        long.groupby(["locality", "group"])["service"].nunique().unstack("group", fill_value=0)
        if not long.empty
        else pd.DataFrame()
    )
    matrix = counts.reindex(index=_localities(in_year), columns=list(GROUPS), fill_value=0)
    matrix = matrix.fillna(0).astype(int)
    matrix.index.name = "locality"
    matrix.columns.name = None
    return matrix.reset_index()


def group_gaps(matrix: pd.DataFrame) -> pd.DataFrame:
    """The gaps of a ``group_matrix``: a row per locality and group with no service for it,
    localities in the matrix's order, groups in the contract's order."""
    groups = [column for column in matrix.columns if column != "locality"]
    long = matrix.melt(id_vars="locality", value_vars=groups, var_name="group", value_name="n")
    long["order"] = long["locality"].map({name: i for i, name in enumerate(matrix["locality"])})
    long["group_order"] = long["group"].map({name: i for i, name in enumerate(groups)})
    gaps = long.loc[long["n"].eq(0)].sort_values(["order", "group_order"])
    return gaps[["locality", "group"]].reset_index(drop=True)


def groups_by_year(services: pd.DataFrame) -> pd.DataFrame:
    """A row per year and group: how many services serve it, and their share of the year's
    services (every group every year, 0 where none).

    Columns: year, group, services, share.
    """
    years = years_of(services)
    if not years:
        return pd.DataFrame(columns=["year", "group", "services", "share"])
    long = groups_long(services)
    counts = long.groupby([long["year"].astype(str), "group"])["service"].nunique()
    index = pd.MultiIndex.from_product([years, list(GROUPS)], names=["year", "group"])
    table = counts.reindex(index, fill_value=0).rename("services").reset_index()
    table["services"] = table["services"].astype(int)
    totals = services.assign(year=services["year"].astype(str)).groupby("year")["service"]
    table["share"] = table["services"] / table["year"].map(totals.nunique())
    return table


def matrix_finding(matrix: pd.DataFrame, gaps: pd.DataFrame, year: str) -> str:
    """The matrix's title: how many gaps, and the group with the most."""
    cells = len(matrix) * (len(matrix.columns) - 1)
    if not cells:
        return f"{year}: no services to map"
    if gaps.empty:
        return f"{year}: every locality has a service for every group"
    worst = gaps["group"].value_counts()
    group, n = worst.index[0], int(worst.iloc[0])
    return (
        f"{year}: {len(gaps)} of {cells} locality–group pairs lack a service; "
        f"{group} have none in {n} of {len(matrix)}"
    )


def by_year_finding(table: pd.DataFrame) -> str:
    """The over-the-years chart's title: the groups served by most and fewest services now."""
    if table.empty:
        return "No services to count"
    latest = table.loc[table["year"].eq(table["year"].max())].sort_values(
        "services", ascending=False, kind="stable"
    )
    top, bottom = latest.iloc[0], latest.iloc[-1]
    return (
        f"{top['year']}: {top['group']} served by most services ({top['services']}), "
        f"{bottom['group']} by fewest ({bottom['services']})"
    )

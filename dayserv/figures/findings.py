"""The outcome pages' figures in words: the findings that title their charts, the notes on
small bases and on charts with nothing to draw, and how the shares were weighted.

Each turns a table of ``outcomes``, ``balances`` or ``measures`` into a sentence (None where
there is nothing to say); none works out a figure of its own.
"""

from __future__ import annotations

import pandas as pd

from dayserv import catalogue
from dayserv.figures.formats import finding, is_missing, measure_name
from dayserv.figures.outcomes import SMALL_BASE, USER_RUN_PARTLY, USER_RUN_YES

# ---------------------------------------------------------------- findings that title the charts


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


def changes_words(changes: pd.DataFrame, services: pd.DataFrame) -> str:
    """The providers' comings and goings with the bases they move between, e.g.
    "Between 2022/23 and 2025/26 the providers went from **9** to **15**: **7** entered and
    **1** left. Year by year: 2023/24, 3 entered and none left (10 providers); …"."""
    counts = services.groupby("year", observed=True)["provider"].nunique()
    moves = changes.groupby(["year", "change"], observed=True).size()
    first, last = changes["previous_year"].min(), changes["year"].max()
    entered, left = (int(changes["change"].eq(kind).sum()) for kind in ("entered", "left"))

    def providers(n: int) -> str:
        return f"{n} provider{'s' if n != 1 else ''}"

    def moved(n: int, verb: str) -> str:
        return f"{n if n else 'none'} {verb}"

    years = [
        f"{year}, {moved(int(moves.get((year, 'entered'), 0)), 'entered')} and "
        f"{moved(int(moves.get((year, 'left'), 0)), 'left')} ({providers(int(counts[year]))})"
        for year in sorted(counts.index)
        if year > first and year <= last
    ]
    return (
        f"Between {first} and {last} the providers went from **{int(counts[first])}** to "
        f"**{int(counts[last])}**: **{entered}** entered and **{left}** left. Year by year: "
        + "; ".join(years)
        + "."
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


# ---------------------------------------------------------------- small bases and empty charts


def _names_and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def small_base_words(small: dict[str, int]) -> str | None:
    """'2022/23 rests on 9 services: read its figure with care.' (or the several years, or
    localities, that do); None when none does."""
    if not small:
        return None
    if len(small) == 1:
        ((name, count),) = small.items()
        return (
            f"{name} rests on {count} service{'s' if count != 1 else ''}: "
            "read its figure with care."
        )
    names = [f"{name} ({count})" for name, count in small.items()]
    return (
        f"{_names_and(names)} rest on fewer than {SMALL_BASE} services each: "
        "read their figures with care."
    )


def baseline_words(table: pd.DataFrame, found: dict) -> str | None:
    """When the year a change is measured from (the first of the sidebar's Years, the
    baseline) rests on fewer than SMALL_BASE services: says so, and how to measure from a
    later year. None otherwise."""
    first = found.get("first_year")
    if first is None or "services" not in table or first not in table.index:
        return None
    count = table.at[first, "services"]
    if pd.isna(count) or count >= SMALL_BASE:
        return None
    return (
        f"Measured from {first}, which rests on {int(count)} service"
        f"{'s' if count != 1 else ''}: to measure from a later year, move the first handle "
        "of Years in the sidebar."
    )


def empty_trend_words(table: pd.DataFrame, measure: str, too_little: dict[str, str]) -> str | None:
    """Why a measure's trend has nothing to draw, and what would fill it (the catalogue's
    hint); None when at least one year has a figure to draw."""
    values = table[measure] if measure in table else pd.Series(dtype="float64")
    drawn = [year for year, value in values.items() if not is_missing(value)]
    if any(str(year) not in too_little for year in drawn):
        return None
    name = measure_name(measure)
    hint = catalogue.measure(measure).no_data_hint
    if drawn:
        reasons = "; ".join(too_little[str(year)] for year in drawn)
        return f"{name}: every year has too little data to draw ({reasons}). {hint}"
    return f"{name}: no figures in the services shown. {hint}"


def empty_chart_words(frame: pd.DataFrame, value: str, what: str, hint: str) -> str | None:
    """'<what>: no figures in the services shown. <hint>' for a chart whose ``value``
    column has no figure to draw; None when it has one."""
    if value in frame and frame[value].notna().any():
        return None
    return f"{what}: no figures in the services shown. {hint}"


# ---------------------------------------------------------------- user-run, weighting, years


def user_run_finding(shares: pd.DataFrame) -> str:
    """The title of the user-run lines, from the values drawn (user_run_long's rows with a
    share, in their order): "Fully user-run services rose from 7% to 15% since 2022/23;
    partly user-run 10% in 2022/23, 12% in 2025/26"."""
    rows = shares.dropna(subset=["share"])
    parts = []
    for answer, name in ((USER_RUN_YES, "Fully user-run services"), (USER_RUN_PARTLY, None)):
        line = rows.loc[rows["user_run"].eq(answer)]
        if line.empty:
            continue
        first, latest = line.iloc[0], line.iloc[-1]
        if name is None:
            before, after = _share_words(first["share"]), _share_words(latest["share"])
            parts.append(
                f"partly user-run {after} in {latest['year']}"
                if len(line) < 2
                else f"partly user-run {before} in {first['year']}, {after} in {latest['year']}"
            )
            continue
        several = len(line) > 1
        parts.append(
            finding(
                "user_run_share",
                first["year"] if several else None,
                first["share"] if several else None,
                latest["year"],
                latest["share"],
                name=name,
            )
        )
    return "; ".join(parts) or "No User run answers in the services shown"


def weighting_words(table: pd.DataFrame) -> str:
    """How the shares were weighted, in words."""
    used = set(table["weighting"].dropna())
    if used == {"funding"}:
        return "funding-weighted"
    if used == {"services"}:
        return "each service counted once"
    return "weighted by funding where every service has a figure (see the table)"


def years_words(years: list[str]) -> str:
    """The years in words: "2022/23 to 2025/26 (4 years)", or the one year."""
    if not years:
        return "no years"
    if len(years) == 1:
        return years[0]
    return f"{years[0]} to {years[-1]} ({len(years)} years)"


def without_sector_words(table: pd.DataFrame) -> str | None:
    """'Diversity leaves out the services with no known Sector: 2 in 2024/25, 1 in 2025/26.'
    None when every service has one."""
    counts = table.get("services_without_sector", pd.Series(dtype="int64"))
    counts = counts[counts.fillna(0) > 0]
    if counts.empty:
        return None
    years = ", ".join(f"{int(n):,} in {year}" for year, n in counts.items())
    return f"Diversity leaves out the services with no known Sector: {years}."

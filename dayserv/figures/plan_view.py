"""What the Plan the changes page and the meeting pack say about a projected plan: the
headline sentence, each measure's recorded and projected years, each outcome's direction of
travel and target under the plan, the money year by year, the gaps in provision, each
locality's places, and several plans side by side. Pure: projections in, tables and words
out. A projection is always called one: "would rise", "projected", never "rose".
"""

from __future__ import annotations

import pandas as pd

from dayserv import frameworks
from dayserv.figures.formats import first_upper, format_measure, format_money, measure_name
from dayserv.figures.headline import headline
from dayserv.figures.measures import stayed, yearly_measures
from dayserv.figures.plan import (
    Projection,
    gap_words,
    places_by_locality,
    plan_table,
    plans,
    project,
)

PROPOSED = "PROPOSED — not decided"
# The measures a plan is judged by: the counts, then each anticipated outcome's headline.
HEADLINE_MEASURES = list(
    dict.fromkeys(["services", "providers", *(o.headline for o in frameworks.OUTCOMES)])
)
# The measure the headline sentence follows: the first of these with figures.
SENTENCE_MEASURES = list(
    dict.fromkeys(["user_run_share", "building_share", *(o.headline for o in frameworks.OUTCOMES)])
)
MONEY_COLUMNS = {
    "released": "Released",
    "reinvested": "Reinvested",
    "net": "Net (reinvested − released)",
    "total_funding": "Total funding",
    "building_money": "Spent in buildings",
    "lost": "Lost to day services",
}


def projections(portfolio) -> dict[str, Projection]:
    """Every plan of the portfolio's plan table, projected, in the sheet's order."""
    return {name: project(portfolio, name) for name in plans(plan_table(portfolio))}


def last_year(projection: Projection) -> str:
    return projection.years[-1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


# ---------------------------------------------------------------- words


def projected_finding(measure: str, baseline: str, first, last: str, latest) -> str:
    """A projected measure's finding: "User-run share of services would rise from 25% to
    28% by 2027/28"; "would stay at 62%" for too small a move."""
    name = measure_name(measure)
    if first is None or latest is None or pd.isna(first) or pd.isna(latest):
        return f"{name}: no figures to project"
    before, after = format_measure(measure, first), format_measure(measure, latest)
    if stayed(measure, float(first), float(latest)):
        return f"{name} would stay at {after} by {last}"
    verb = "rise" if float(latest) > float(first) else "fall"
    return f"{name} would {verb} from {before} in {baseline} to {after} by {last}"


def trend_title(projection: Projection, table: pd.DataFrame, measure: str) -> str:
    """A projected trend chart's title: "Under Build before closing: User-run share of
    services would rise from 25% in 2025/26 to 28% by 2027/28"."""
    base, last = projection.baseline, last_year(projection)
    found = projected_finding(measure, base, table.at[base, measure], last, table.at[last, measure])
    return f"Under {projection.plan}: {found}"


def money_words(projection: Projection) -> str:
    """Whether the plan keeps the money in day services, in one sentence."""
    money = projection.money
    lost = {year: m["lost"] for year, m in money.items() if m["lost"] > 0}
    released = sum(m["released"] for m in money.values())
    if not lost:
        kept = (
            f"the {format_money(released)} released stays in day services"
            if released
            else ("nothing is released")
        )
        return (
            f"Ring-fenced in every year: {kept} (total funding never falls below "
            f"{projection.baseline}'s)"
        )
    worst = max(lost, key=lost.get)
    final = money[last_year(projection)]["lost"]
    still = (
        f", and {format_money(final)} is still lost in {last_year(projection)}"
        if final > 0 and worst != last_year(projection)
        else ""
    )
    return f"Not ring-fenced: {format_money(lost[worst])} leaves day services in {worst}{still}"


def continuity_words(projection: Projection) -> str:
    """Whether provision is continuous, in one sentence."""
    gaps = projection.gaps
    if not gaps:
        return (
            "No gap in provision: every service closed has its replacement in place by then, "
            f"or its locality keeps the places it had in {projection.baseline}"
        )
    if len(gaps) == 1:
        return f"A gap in provision: {gap_words(gaps[0], projection.baseline)}"
    where = ", ".join(f"{g['locality'] or 'no locality'} in {g['year']}" for g in gaps)
    return f"{len(gaps)} gaps in provision: {where}"


def headline_words(projection: Projection) -> str:
    """The plan in one sentence: "Build before closing: ring-fenced in every year, no gap
    in provision, user-run share of services 25% → 28% by 2027/28"."""
    money = projection.money
    lost = {year: m["lost"] for year, m in money.items() if m["lost"] > 0}
    if lost:
        worst = max(lost, key=lost.get)
        money_part = (
            f"not ring-fenced ({format_money(lost[worst])} lost to day services in {worst})"
        )
    else:
        money_part = "ring-fenced in every year"
    gaps = projection.gaps
    if not gaps:
        gap_part = "no gap in provision"
    elif len(gaps) == 1:
        gap = gaps[0]
        gap_part = f"a gap in provision in {gap['locality'] or 'no locality'} in {gap['year']}"
    else:
        gap_part = f"{len(gaps)} gaps in provision"
    measures, last = projection.measures, last_year(projection)
    parts = [f"{projection.plan}: {money_part}", gap_part]
    for measure in SENTENCE_MEASURES:
        first, latest = measures.at[projection.baseline, measure], measures.at[last, measure]
        if not (pd.isna(first) or pd.isna(latest)):
            parts.append(
                f"{_lower_first(measure_name(measure))} {format_measure(measure, first)} → "
                f"{format_measure(measure, latest)} by {last}"
            )
            break
    return ", ".join(parts)


# ---------------------------------------------------------------- tables


def measures_table(portfolio, projection: Projection) -> pd.DataFrame:
    """Each year's measures, the recorded years then the projected ones (index year), with
    ``projected`` True for a year of the plan."""
    recorded = yearly_measures(portfolio.services, portfolio.funding)
    projected = projection.measures.loc[list(projection.years)]
    table = pd.concat([recorded.assign(projected=False), projected.assign(projected=True)])
    table.index.name = "year"
    return table


def outcome_table(projection: Projection, targets: pd.DataFrame) -> pd.DataFrame:
    """Each anticipated outcome's headline measure under the plan: the baseline, the last
    projected year, the change, the direction of travel and the target, in the words the
    outcome pages use (measured from the baseline to the plan's last year)."""
    base, last = projection.baseline, last_year(projection)
    span = projection.measures.loc[[base, last]]
    rows = []
    for outcome in frameworks.OUTCOMES:
        found = headline(span, outcome.headline, targets)
        rows.append(
            {
                "Outcome": f"{outcome.number} {outcome.label}",
                "Measure": found.measure_name,
                f"{base} (recorded)": format_measure(
                    outcome.headline, span.at[base, found.measure]
                ),
                f"{last} (projected)": found.value,
                "Change": found.change or "—",
                "Direction of travel under the plan": found.status_text,
                "Target": found.target_text or "No target set",
            }
        )
    return pd.DataFrame(rows)


def _building_money(services: pd.DataFrame) -> float:
    return float((services["funding"] * services["building_pct"] / 100).sum())


def money_table(projection: Projection) -> pd.DataFrame:
    """The money a year, each projected year against the year before, in words: Year, the
    MONEY_COLUMNS as pounds, Ring-fenced ("Yes", or "No: £297,450 lost")."""
    rows = []
    for year, money in projection.money.items():
        row = {"Year": year}
        row.update({label: format_money(money[key]) for key, label in MONEY_COLUMNS.items()})
        row["Ring-fenced"] = (
            "Yes" if money["ring_fenced"] else f"No: {format_money(money['lost'])} lost"
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=["Year", *MONEY_COLUMNS.values(), "Ring-fenced"])


def money_frame(projection: Projection) -> pd.DataFrame:
    """The money as numbers, the baseline first (its flows none): year, the MONEY_COLUMNS'
    keys, ring_fenced and projected; for the charts."""
    services = projection.services
    base = services.loc[services["year"] == projection.baseline]
    rows = [
        {
            "year": projection.baseline,
            "released": 0.0,
            "reinvested": 0.0,
            "net": 0.0,
            "total_funding": float(base["funding"].sum()),
            "building_money": _building_money(base),
            "lost": 0.0,
            "ring_fenced": True,
            "projected": False,
        }
    ]
    for year, money in projection.money.items():
        rows.append({"year": year, **money, "projected": True})
    return pd.DataFrame(rows)


GAP_COLUMNS = [
    "Year",
    "Locality",
    "Service closing",
    "Replacement",
    "Replacement starts",
    "Places in the baseline",
    "Places that year",
    "What happens",
]


def gaps_table(projection: Projection) -> pd.DataFrame:
    """Each gap in provision: when, where, what closes, what replaces it, and in words."""
    rows = [
        [
            gap["year"],
            gap["locality"] or "Not stated",
            gap["service"],
            gap["replacement"] or "None",
            gap["replacement_from"] or "—",
            gap["places_baseline"],
            gap["places"],
            first_upper(gap_words(gap, projection.baseline)) + ".",
        ]
        for gap in projection.gaps
    ]
    return pd.DataFrame(rows, columns=GAP_COLUMNS)


def locality_places(portfolio, projection: Projection) -> pd.DataFrame:
    """Each locality's places by year, recorded and projected: locality ("Not stated" for
    none), year, places, projected."""
    services = portfolio.services
    earlier = services.loc[services["year"] < projection.baseline]
    recorded = (
        earlier.groupby([earlier["locality"], earlier["year"]], dropna=False)["places"]
        .sum()
        .reset_index()
        .assign(projected=False)
    )
    out = pd.concat([recorded, places_by_locality(projection)], ignore_index=True)
    out["locality"] = out["locality"].astype(object).where(out["locality"].notna(), "Not stated")
    out["year"] = out["year"].astype(str)
    return out.sort_values(["locality", "year"], kind="stable", ignore_index=True)


def side_by_side(projections: dict[str, Projection]) -> pd.DataFrame:
    """Plans side by side: a row per headline measure and money figure, the baseline, then
    each plan in its last projected year."""
    if not projections:
        return pd.DataFrame(columns=["Measure"])
    first = next(iter(projections.values()))
    base = first.baseline
    services = first.services.loc[first.services["year"] == base]
    labels = [measure_name(m) for m in HEADLINE_MEASURES]
    table = {"Measure": [*labels, "Total funding", "Spent in buildings"]}
    table[f"{base} (recorded)"] = [
        *(format_measure(m, first.measures.at[base, m]) for m in HEADLINE_MEASURES),
        format_money(services["funding"].sum()),
        format_money(_building_money(services)),
    ]
    table["Measure"] += ["Lost to day services", "Ring-fenced in every year", "Gaps in provision"]
    table[f"{base} (recorded)"] += ["—", "—", "—"]
    for name, projection in projections.items():
        last = last_year(projection)
        money = projection.money[last]
        every = all(m["ring_fenced"] for m in projection.money.values())
        table[f"{name} ({last}, projected)"] = [
            *(format_measure(m, projection.measures.at[last, m]) for m in HEADLINE_MEASURES),
            format_money(money["total_funding"]),
            format_money(money["building_money"]),
            format_money(money["lost"]),
            "Yes" if every else "No",
            str(len(projection.gaps)) if projection.gaps else "None",
        ]
    return pd.DataFrame(table)


def _service_words(row: dict) -> str:
    said = [str(row["locality"])] if not pd.isna(row["locality"]) else []
    if not pd.isna(row["funding"]):
        said.append(format_money(row["funding"]))
    if not pd.isna(row["places"]):
        said.append(f"{row['places']:,.0f} places")
    return ", ".join(said)


def _moved(before: dict, after: dict) -> str:
    said = []
    for column, what in (("funding", "Annual funding"), ("places", "Places")):
        old, new = before[column], after[column]
        if not (pd.isna(old) and pd.isna(new)) and (pd.isna(old) or pd.isna(new) or old != new):
            shown = format_money if column == "funding" else (lambda v: f"{v:,.0f}")
            said.append(f"{what} {shown(old)} → {shown(new)}")
    return ", ".join(said) or "Other figures change"


def changes_table(projection: Projection) -> pd.DataFrame:
    """What the plan changes, year by year, read from its projected services: each service
    that opens, closes, or whose figures change (Year, Change, Service, Details)."""
    services = projection.services
    rows = []
    years = [projection.baseline, *projection.years]
    for before_year, year in zip(years, years[1:], strict=False):
        before, after = (
            services.loc[services["year"] == y].drop_duplicates("service").set_index("service")
            for y in (before_year, year)
        )
        for name in after.index.difference(before.index, sort=False):
            record = after.loc[name].to_dict()
            details = f"{record['provider']}, {_service_words(record)}".rstrip(", ")
            rows.append([year, "Opens", name, details])
        for name in before.index.difference(after.index, sort=False):
            rows.append([year, "Closes", name, _service_words(before.loc[name].to_dict())])
        columns = [c for c in after.columns if c not in ("year", "row")]
        for name in after.index.intersection(before.index, sort=False):
            old, new = before.loc[name, columns], after.loc[name, columns]
            if not old.fillna("").astype(str).equals(new.fillna("").astype(str)):
                rows.append([year, "Changes", name, _moved(old.to_dict(), new.to_dict())])
    return pd.DataFrame(rows, columns=["Year", "Change", "Service", "Details"])


def places_finding(projection: Projection) -> str:
    """The continuity chart's title: where and when places would fall, or that none does."""
    gaps = projection.gaps
    if not gaps:
        return (
            "No gap in provision under the plan: each service closed is replaced in time, "
            "or its locality keeps its places"
        )
    gap = gaps[0]
    where = gap["locality"] or "The services with no locality"
    first = (
        f"A gap in provision in {where} in {gap['year']}: its places would fall from "
        f"{gap['places_baseline']:,} to {gap['places']:,}"
    )
    return first if len(gaps) == 1 else f"{len(gaps)} gaps in provision. {first}"


def funding_finding(projection: Projection) -> str:
    """The building money chart's title: building money and total funding, baseline to
    the plan's last year."""
    frame = money_frame(projection)
    base, last = frame.iloc[0], frame.iloc[-1]
    before, after = format_money(base["building_money"]), format_money(last["building_money"])
    if before == after:
        building = f"Spent in buildings would stay at {after}"
    else:
        verb = "fall" if last["building_money"] < base["building_money"] else "rise"
        building = f"Spent in buildings would {verb} from {before} to {after}"
    if last["total_funding"] >= base["total_funding"]:
        total = f"total funding would stay at {format_money(base['total_funding'])} or more"
    else:
        total = f"total funding would fall to {format_money(last['total_funding'])}"
    return f"{building} by {last['year']}; {total}"

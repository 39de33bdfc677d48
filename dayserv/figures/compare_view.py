"""What the Compare areas page says, in words and tables: the comparison of one year for a
chosen area against a peer group (all areas unless one is picked), each measure's finding,
where the area stands on every measure (the page's summary and the meeting pack's "How we
compare" slide), the figures to download, and the sentences naming the areas without the
year. Pure: the page, the charts and the pack read these."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dayserv import catalogue
from dayserv.figures import compare
from dayserv.figures.formats import finding, format_measure

# The outcome measures: the count of services is context, not something to be better at.
STANDING_MEASURES: tuple[str, ...] = tuple(m for m in compare.MEASURES if m != "services")
# The first word of ``compare.quartile_of``'s words -> the standing it names.
STANDINGS = {
    "Better": "better",
    "Worse": "worse",
    "Higher": "higher",
    "Lower": "lower",
    "Middle": "middle",
    "No": "no data",
}
SHORT_WORDS = {
    "better": "Better",
    "worse": "Worse",
    "higher": "Higher",
    "lower": "Lower",
    "middle": "Middle",
    "no data": "No data",
}


# Measure names short enough for a row or a column heading; the hover has the full name.
SHORT_LABELS = {
    "services": "Services",
    "providers": "Providers",
    "provider_diversity": "Diversity of sectors",
    "hhi": "Funding concentration",
    "user_run_share": "User-run services",
    "user_involved_share": "User-run or partly",
    "user_run_funding_share": "Funding to user-run",
    "non_core_funding_share": "Non-core funding",
    "vocational_share": "Vocational activity",
    "building_share": "Building-based activity",
    "outreach_share": "Outreach activity",
    "mainstream_share": "Mainstream settings",
    "individual_share": "Individual support",
}


SPINE_KEY = (
    "Each row is a measure's range of areas, from the lowest to the highest, turned round "
    "where lower is better so that better is always to the right. The dark band is the "
    "middle half of the areas (Q1 to Q3) and the black tick their median. Better or worse "
    "than most: above or below the middle half, the way the measure should go; a measure "
    "with no better way (the count of services) is higher or lower than most."
)
RUG_KEY = (
    "Each cell is an area's figure and where it stands among the areas compared: better "
    "or worse than most (outside the middle half, the way the measure should go), in the "
    "middle half, or higher or lower than most for the count of services."
)
FIGURES_NOTE = "Shares are written from 0 to 1 in the files (0.25 is 25%)."


def short_label(measure: str) -> str:
    return SHORT_LABELS.get(measure, catalogue.measure(measure).label)


def standing(words: str) -> str:
    """'better', 'worse', 'higher', 'lower', 'middle' or 'no data', from quartile words."""
    return STANDINGS.get(str(words).split(" ", 1)[0], "no data")


@dataclass(frozen=True)
class View:
    """One year's comparison: every area's measures, the chosen area, and the peers it is
    compared with (the areas with figures that year) with their summary."""

    year: str
    chosen: str
    table: pd.DataFrame  # compare.area_measures of the year: every area
    peers: tuple[str, ...]
    spread: dict[str, dict]
    whole: bool  # the peers are every area with figures (no peer group picked)

    @property
    def missing(self) -> list[str]:
        return compare.missing(self.table)

    @property
    def has_chosen(self) -> bool:
        return bool(self.chosen in self.table.index and self.table.loc[self.chosen, "has_year"])

    @property
    def shown(self) -> list[str]:
        """The areas drawn: the peers and the chosen area, in the table's order."""
        wanted = {*self.peers, *([self.chosen] if self.has_chosen else [])}
        return [str(area) for area in self.table.index if area in wanted]

    @property
    def group(self) -> str:
        """The word for those compared with: 'areas', or 'peers' for a picked group."""
        return "areas" if self.whole else "peers"

    def words(self, measure: str) -> str:
        """Where the chosen area stands on a measure (``compare.quartile_of``'s words)."""
        value = self.table.loc[self.chosen, measure] if self.has_chosen else None
        direction = catalogue.BY_ID[measure].direction
        return compare.quartile_of(value, self.spread[measure], direction)[1]


def make_view(table: pd.DataFrame, year: str, chosen: str, peers: list[str] | None) -> View:
    """The comparison of ``table`` (``compare.area_measures``) for ``chosen`` against
    ``peers`` (None or empty: every area)."""
    with_year = [str(area) for area in table.index[table["has_year"]]]
    picked = list(dict.fromkeys(peers or []))
    group = [area for area in with_year if area in picked] if picked else with_year
    whole = not picked or set(with_year) <= set(picked)
    return View(year, chosen, table, tuple(group), compare.peer_summary(table, group), whole)


def compared_with(view: View) -> str:
    """'all 7 areas with figures for 2025/26' ('both areas ...' for two) or 'a peer group of
    3 areas: A, B and C'."""
    if view.whole:
        every = "both" if len(view.peers) == 2 else f"all {len(view.peers)}"
        return f"{every} areas with figures for {view.year}"
    count = len(view.peers)
    return f"a peer group of {count} area{'s' if count != 1 else ''}: {_and(view.peers)}"


def _and(names) -> str:
    names = [str(name) for name in names]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _lower(words: str, group: str) -> str:
    """'Better than most (top quartile)' -> 'better than most areas (top quartile)'."""
    if standing(words) == "middle":
        return f"in the middle half of {group}"
    head, _, tail = words.partition(" (")
    return f"{head[:1].lower()}{head[1:]} {group}" + (f" ({tail}" if tail else "")


def spine_finding(view: View, measure: str) -> str:
    """A spine chart's title: 'User-run share of services: Eastbrook 25%, better than most
    areas (top quartile)'."""
    value = view.table.loc[view.chosen, measure] if view.has_chosen else None
    return measure_finding(measure, view.chosen, value, view.words(measure), view.group)


def measure_finding(measure: str, area: str, value, words: str, group: str = "areas") -> str:
    """'User-run share of services: Eastbrook 25%, better than most areas (top quartile)',
    from the area's value and its quartile words; 'no figure' without them."""
    label = catalogue.BY_ID[measure].label
    if standing(words) == "no data":
        return f"{label}: no figure for {area}"
    return f"{label}: {area} {format_measure(measure, value)}, {_lower(words, group)}"


def overall_finding(view: View, with_year: bool = True) -> str:
    """The spine rows' and the slide's title: 'Eastbrook, 2025/26: better than most areas
    on 4 measures, worse on 2' (without the year: 'Eastbrook: better ...')."""
    if not view.has_chosen:
        return f"{view.chosen} has no figures for {view.year}"
    counts = pd.Series([standing(view.words(m)) for m in STANDING_MEASURES]).value_counts()
    better, worse = int(counts.get("better", 0)), int(counts.get("worse", 0))
    parts = [f"better than most {view.group} on {_measures(better)}"] if better else []
    if worse:
        parts.append(
            f"worse on {worse}" if better else f"worse than most {view.group} on {_measures(worse)}"
        )
    said = ", ".join(parts) or f"in the middle of the {view.group} on every measure"
    return f"{view.chosen}{f', {view.year}' if with_year else ''}: {said}"


def _measures(count: int) -> str:
    return f"{count} measure{'' if count == 1 else 's'}"


def _range(measure: str, stats: dict) -> str:
    if not stats["n"]:
        return "—"
    return f"{format_measure(measure, stats['min'])} to {format_measure(measure, stats['max'])}"


def standing_table(view: View) -> pd.DataFrame:
    """For the chosen area, each outcome measure's value, the median and range of the
    peers, and where it stands in words: the "How we compare" slide's table."""
    rows = []
    for measure in STANDING_MEASURES:
        stats = view.spread[measure]
        value = view.table.loc[view.chosen, measure] if view.has_chosen else None
        rows.append(
            (
                catalogue.BY_ID[measure].label,
                format_measure(measure, value),
                format_measure(measure, stats["median"]),
                _range(measure, stats),
                view.words(measure),
            )
        )
    columns = ["Measure", view.chosen, "Median", "Range", f"Where {view.chosen} stands"]
    return pd.DataFrame(rows, columns=columns)


def peer_table(view: View) -> pd.DataFrame:
    """The summary over the peers, measure by measure (how many have it, lowest, quartiles,
    median, highest), with the chosen area's value and where it stands, as text."""
    rows = []
    for measure in compare.MEASURES:
        stats = view.spread[measure]
        value = view.table.loc[view.chosen, measure] if view.has_chosen else None
        shown = {key: format_measure(measure, stats[key]) for key in compare.STATS[1:]}
        rows.append(
            {
                "Measure": catalogue.BY_ID[measure].label,
                "Areas": stats["n"],
                "Lowest": shown["min"],
                "Q1": shown["q1"],
                "Median": shown["median"],
                "Q3": shown["q3"],
                "Highest": shown["max"],
                view.chosen: format_measure(measure, value),
                f"Where {view.chosen} stands": view.words(measure),
                "Desired direction": _direction(measure),
            }
        )
    return pd.DataFrame(rows)


def _direction(measure: str) -> str:
    return {1: "Higher is better", -1: "Lower is better"}.get(
        catalogue.BY_ID[measure].direction, "Neither"
    )


def figure_heading(measure: str) -> str:
    """A measure's column heading in the figures table, saying when it is a share (0 to 1,
    shown as %)."""
    label = catalogue.BY_ID[measure].label
    if catalogue.BY_ID[measure].kind == "share" and "share" not in label.lower():
        return f"{label} (share)"
    return label


def figures_table(view: View) -> pd.DataFrame:
    """Every area's measures in the year, as numbers (shares 0 to 1), with whether it has
    figures for the year and whether it is the chosen area or a peer."""
    table = view.table
    out = pd.DataFrame({"Area": [str(area) for area in table.index]})
    out["Year"] = view.year
    out["Figures for the year"] = ["Yes" if has else "No" for has in table["has_year"]]
    out["Compared as"] = [
        "Your area" if area == view.chosen else "Peer" if area in view.peers else "Not compared"
        for area in table.index
    ]
    for measure in compare.MEASURES:
        out[figure_heading(measure)] = table[measure].astype("float64").to_numpy()
    return out


def missing_words(view: View) -> str | None:
    """'Fenwick has no figures for 2025/26, so it is left out of this year's comparison.'"""
    missing = view.missing
    if not missing:
        return None
    verb, pronoun = ("has", "it is") if len(missing) == 1 else ("have", "they are")
    return (
        f"{_and(missing)} {verb} no figures for {view.year}, so {pronoun} left out of this "
        "year's comparison."
    )


def rug_table(view: View) -> pd.DataFrame:
    """The tartan rug of the areas shown against the peers' spread (``compare.rug``)."""
    return compare.rug(view.table.loc[view.shown], view.spread)


def trend_finding(trends: pd.DataFrame, measure: str, chosen: str) -> str:
    """The small multiples' title: 'User-run share of services in Eastbrook rose from 9%
    to 25% since 2022/23'."""
    own = trends.loc[trends["area"].eq(chosen)].dropna(subset=["value"])
    name = f"{catalogue.BY_ID[measure].label} in {chosen}"
    if own.empty:
        return f"{name}: no figures"
    first, last = own.iloc[0], own.iloc[-1]
    if len(own) == 1:
        return finding(measure, None, None, last["year"], last["value"], name=name)
    return finding(measure, first["year"], first["value"], last["year"], last["value"], name=name)


def rug_finding(rug_table: pd.DataFrame) -> str:
    """'Northmoor is better than most areas on the most measures (6 of 12)'."""
    better = rug_table.assign(where=rug_table["words"].map(standing))
    judged = better.loc[better["measure"].map(lambda m: catalogue.BY_ID[m].direction != 0)]
    counts = judged.loc[judged["where"].eq("better")].groupby("area").size()
    if counts.empty:
        return "Where each area stands: no area is better than most on any measure"
    top = counts.sort_values(ascending=False, kind="stable")
    measures = judged["measure"].nunique()
    return (
        f"Where each area stands: {top.index[0]} is better than most areas on the most "
        f"measures ({int(top.iloc[0])} of {measures})"
    )


MOST_PANELS = 24  # small multiples drawn at most: past this a panel is too small to read


def trend_areas(view: View, measure: str) -> tuple[list[str], str]:
    """The areas drawn as small multiples of ``measure``, in the table's order, and the
    sentence saying which when not every area is drawn: every area up to ``MOST_PANELS``;
    else the chosen area and its peer group when one is picked, else the chosen area and
    the areas nearest it on the measure in the view's year, ``MOST_PANELS`` in all."""
    areas = [str(area) for area in view.table.index]
    if len(areas) <= MOST_PANELS:
        return areas, ""
    label = catalogue.BY_ID[measure].label.lower()
    if not view.whole:
        wanted = list(dict.fromkeys([view.chosen, *view.peers]))[:MOST_PANELS]
        words = f"{view.chosen} and its peer group"
        if len(view.peers) + 1 > MOST_PANELS:
            words += f" (the first {MOST_PANELS - 1} peers)"
    else:
        values = view.table[measure].astype(float)
        mine = values.get(view.chosen)
        distance = (values - mine).abs() if mine is not None and pd.notna(mine) else values * 0
        distance[view.chosen] = -1.0  # the chosen area first, whatever its figure
        wanted = list(distance.sort_values(kind="stable", na_position="last").index[:MOST_PANELS])
        words = (
            f"{view.chosen} and the {MOST_PANELS - 1} areas nearest it on {label} in {view.year}"
        )
    chosen = set(map(str, wanted))
    return [area for area in areas if area in chosen], (
        f"{len(areas)} areas are too many to draw one by one: these are {words}. "
        "Pick a peer group to choose which."
    )

"""Access: opening hours, evenings and weekends, self-referral and drop-in.

Seed 000 asks "Is support available outside of Monday to Friday 9 to 5?"; seed 004 sets
day opportunities "seven days a week, 8am to 10pm". The optional Services columns Mon to
Sun give a service's opening hours, read into spans of minutes by ``read.hours``; this
module counts, for each hour of the week, the services (or places) open.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dayserv.catalogue import NOT_STATED
from dayserv.figures.per_frame import per_frame, per_row
from dayserv.read.hours import DAY_COLUMNS, DAY_NAMES, DAYS, parse_hours

WEEKDAYS = DAYS[:5]
WEEKEND = DAYS[5:]
STANDARD = (8, 22)  # seed 004: seven days a week, 8am to 10pm
OFFICE = (9, 17)  # seed 000: Monday to Friday, 9 to 5
EVENING_FROM = 17 * 60  # open after 17:00 on a weekday counts as evening opening


# ---------------------------------------------------------------- tables


def _day_columns(services: pd.DataFrame) -> list[str]:
    return [c for c in DAY_COLUMNS if c in services]


def has_hours(services: pd.DataFrame) -> bool:
    """Whether any service gives opening hours (the Mon to Sun columns)."""
    columns = _day_columns(services)
    return bool(columns) and bool(services[columns].notna().any(axis=None))


def gives_hours(services: pd.DataFrame) -> pd.Series:
    """Per service row: whether it gives hours for at least one day (then a blank day is
    a closed day); a row with no hours at all is not taken as closed all week."""
    columns = _day_columns(services)
    if not columns:
        return pd.Series(False, index=services.index)
    return services[columns].notna().any(axis=1)


@per_row
def hours_table(services: pd.DataFrame) -> pd.DataFrame:
    """One row per opening span, under its service row's label: service, provider, year,
    locality, places, day, start_minute, end_minute; only services that give hours, closed
    days left out (worked out once per ``services`` table, which the Access page asks for
    five times a run, and once for every filter of the portfolio's: ``per_row``)."""
    if not services.index.is_unique:  # rows told apart by position (a loaded table's are)
        return hours_table(services.reset_index(drop=True))
    keys = [c for c in ("service", "provider", "year", "locality", "places") if c in services]
    out_columns = keys + ["day", "start_minute", "end_minute"]
    given = services.loc[gives_hours(services)]
    if given.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in out_columns})
    # Column by column, each distinct cell parsed once and its spans repeated for its rows
    # (a melt and explode of every cell took 100 ms at 4,000 services).
    rows, days, spans = [], [], []
    for column in _day_columns(given):
        cells = given[column]
        filled = np.flatnonzero(cells.notna().to_numpy())
        codes, uniques = pd.factorize(cells.iloc[filled].astype(str))
        parsed = [np.array(parse_hours(u) or (), dtype="int64").reshape(-1, 2) for u in uniques]
        counts = np.array([len(p) for p in parsed], dtype="int64")[codes]
        rows.append(filled.repeat(counts))
        days.append(np.full(counts.sum(), DAYS[DAY_COLUMNS.index(column)], dtype=object))
        spans.extend(parsed[c] for c in codes)
    spans = np.concatenate(spans) if spans else np.empty((0, 2), dtype="int64")
    long = given[keys].iloc[np.concatenate(rows)]
    long["day"] = pd.Categorical(np.concatenate(days), DAYS, ordered=True)
    long["start_minute"], long["end_minute"] = spans[:, 0], spans[:, 1]
    # Stable, so that a filter's rows of the sorted spans are its own spans sorted.
    return long[out_columns].sort_values(keys[:3] + ["day", "start_minute"], kind="stable")


@per_row
def open_hours(services: pd.DataFrame) -> pd.DataFrame:
    """Per service row (that gives hours) and day, under the row's label, which of the 24
    hours it is open in for at least part of the hour: columns service, provider, year,
    locality, places, day, then 0..23 (booleans). Worked out once per ``services`` table
    and once for every filter of the portfolio's (``per_row``); shared, so not to be changed."""
    spans = hours_table(services)
    keys = [c for c in ("service", "provider", "year", "locality", "places") if c in spans]
    starts = np.arange(24) * 60
    if spans.empty:
        return pd.DataFrame(columns=keys + ["day", *range(24)])
    begin = spans["start_minute"].to_numpy(int)[:, None]
    finish = spans["end_minute"].to_numpy(int)[:, None]
    open_in = pd.DataFrame((begin < starts + 60) & (finish > starts))
    row, day = pd.Series(spans.index), spans["day"].reset_index(drop=True)
    opened = open_in.groupby([row, day], observed=True).any()
    labels = opened.index.get_level_values(0)
    out = spans.loc[~spans.index.duplicated(), keys].loc[labels].reset_index(drop=True)
    out["day"] = pd.Categorical(opened.index.get_level_values(1), DAYS, ordered=True)
    hours = pd.DataFrame(opened.to_numpy(), columns=range(24))
    return pd.concat([out, hours], axis=1).set_axis(labels, axis=0)


def _of_year(frame: pd.DataFrame, year: str | None) -> pd.DataFrame:
    return frame if year is None else frame.loc[frame["year"].eq(year).fillna(False)]


def week_grid(
    services: pd.DataFrame, weight: str = "services", year: str | None = None
) -> pd.DataFrame:
    """Day (Mon..Sun, rows) by hour (0..23, columns): how many services (or, with
    ``weight="places"``, how many places) are open in that hour, in ``year`` (or in every
    row given). The spans are those of the whole ``services``, worked out once for all its
    years and for the gaps."""
    hours = _of_year(open_hours(services), year)
    grid = pd.DataFrame(0.0, index=pd.Index(DAYS, name="day"), columns=range(24))
    if hours.empty:
        return grid
    values = hours[list(range(24))].astype(float)
    if weight == "places":
        values = values.mul(pd.to_numeric(hours["places"], errors="coerce").fillna(0), axis=0)
    summed = values.groupby(hours["day"].astype(str)).sum()
    return grid.add(summed.reindex(DAYS).fillna(0), fill_value=0)


def hour_label(hour: int) -> str:
    """0 -> '12am', 9 -> '9am', 12 -> '12pm', 22 -> '10pm', 24 -> '12am'."""
    hour %= 24
    return f"{(hour - 1) % 12 + 1}{'am' if hour < 12 else 'pm'}"


def standard_cover(grid: pd.DataFrame) -> tuple[int, int]:
    """Of the 98 hours of the 7-day 8am-10pm week, how many have a service open, and how many."""
    inside = grid.loc[:, list(range(*STANDARD))]
    return int(inside.gt(0).sum(axis=None)), int(inside.size)


def grid_finding(grid: pd.DataFrame, year: str, weight: str = "services") -> str:
    """The heatmap's title: how much of the 7-day 8am-10pm week has anything open."""
    covered, total = standard_cover(grid)
    office = grid.loc[list(WEEKDAYS), list(range(*OFFICE))].to_numpy().sum()
    outside = grid.to_numpy().sum() - office
    share = outside / grid.to_numpy().sum() if grid.to_numpy().sum() else 0
    what = "service-hours" if weight == "services" else "place-hours"
    return (
        f"In {year}, something is open in {covered} of the {total} hours of the 7-day 8am–10pm "
        f"week; {share:.0%} of {what} fall outside Monday–Friday 9 to 5"
    )


# ---------------------------------------------------------------- shares


def _yes(column: pd.Series) -> pd.Series:
    return column.map({"Yes": True, "No": False}).astype("boolean")


@per_row
def service_access(services: pd.DataFrame) -> pd.DataFrame:
    """Per service row: evenings, weekends, self-referral and drop-in as True/False/NA
    (worked out once per ``services`` table and once for every filter of the portfolio's:
    ``per_row``; shared, so not to be changed).
    Evenings (open after 17:00 on any weekday) and weekends come from the opening hours
    when the service gives them, else from its Evenings and Weekends Yes/No columns."""
    if not services.index.is_unique:  # rows told apart by position (a loaded table's are)
        return service_access(services.reset_index(drop=True)).set_axis(services.index)
    keys = [c for c in ("service", "provider", "year", "locality", "places") if c in services]
    out = services[keys].copy()
    given = gives_hours(services)
    spans = hours_table(services)  # under their rows' labels
    late = spans["day"].isin(WEEKDAYS) & (spans["end_minute"] > EVENING_FROM)
    evening = services.index.isin(spans.index[late])
    weekend = services.index.isin(spans.index[spans["day"].isin(WEEKEND)])
    for name, found in (("evenings", evening), ("weekends", weekend)):
        flags = _yes(services[name]) if name in services else pd.Series(pd.NA, index=out.index)
        out[name] = flags.astype("boolean").mask(given, pd.Series(found, index=services.index))
    for name in ("self_referral", "drop_in"):
        column = services[name] if name in services else pd.Series(pd.NA, index=out.index)
        out[name] = _yes(column.astype("string"))
    out["hours_basis"] = np.where(given, "Opening hours", "Evenings/Weekends columns")
    return out


ACCESS_FEATURES = ("evenings", "weekends", "self_referral", "drop_in")
FEATURE_NAMES = {
    "evenings": "Evenings",
    "weekends": "Weekends",
    "self_referral": "Self-referral",
    "drop_in": "Drop-in",
}


def access_shares(services: pd.DataFrame, by: tuple[str, ...] = ("year",)) -> pd.DataFrame:
    """Per group (year, or year and locality): services, services with hours, and for each
    feature the share of services (and of places) that have it, over those where it is
    known. Long form: one row per group and feature."""
    flags = service_access(services)
    groups = list(by)
    keys = flags[groups].astype(object).fillna(NOT_STATED)
    # Each row's group as a position, the groups in order, and every count a bincount of it
    # (a groupby per feature took 50 ms a call at 4,000 services).
    group = keys.groupby(groups, sort=True).ngroup().to_numpy()
    size = int(group.max()) + 1 if len(group) else 0
    labels = keys.iloc[np.unique(group, return_index=True)[1]].reset_index(drop=True)
    labels = labels.infer_objects()  # text as text, as a groupby's keys come out
    places = pd.to_numeric(flags["places"], errors="coerce") if "places" in flags else None
    places = np.zeros(len(flags)) if places is None else places.to_numpy("float64", na_value=0)

    def per_group(weights: np.ndarray) -> np.ndarray:
        """Each group's sum of each feature's weights: a row per group, a column per feature."""
        return np.column_stack(
            [np.bincount(group, weights=column, minlength=size) for column in weights.T]
        )

    known = np.column_stack([flags[f].notna().to_numpy() for f in ACCESS_FEATURES])
    has = np.column_stack([flags[f].fillna(False).astype(bool) for f in ACCESS_FEATURES]) & known
    services_known, services_with = per_group(known), per_group(has)
    known_places, has_places = per_group(known * places[:, None]), per_group(has * places[:, None])
    # A row per group and feature, the features in their order within each group, built at
    # once (a frame per feature, then concatenated, took 10 ms a call at 20,000 services).
    features = len(ACCESS_FEATURES)
    out = labels.loc[labels.index.repeat(features)].reset_index(drop=True)
    out["feature"] = np.tile([FEATURE_NAMES[f] for f in ACCESS_FEATURES], size)
    out["services"] = np.bincount(group, minlength=size).repeat(features)
    out["services_known"] = services_known.ravel().astype("int64")
    out["services_with"] = services_with.ravel().astype("int64")
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(services_known > 0, services_with / services_known, np.nan).ravel()
        out["places_share"] = np.where(known_places > 0, has_places / known_places, np.nan).ravel()
    return out.sort_values(groups, kind="stable", ignore_index=True)


def shares_finding(shares: pd.DataFrame, year: str, value: str = "share") -> str:
    """One sentence on a year's access shares (the chart's title)."""
    row = shares.loc[shares["year"].eq(year)].set_index("feature")[value]
    what = "services" if value == "share" else "places"
    if row.dropna().empty:
        return f"{year}: no service says whether it opens evenings or weekends"
    parts = [f"{row[name]:.0%} {name.lower()}" for name in row.index if pd.notna(row[name])]
    return f"{year}, share of {what}: " + ", ".join(parts)


@per_frame
def service_table(services: pd.DataFrame) -> pd.DataFrame:
    """Per service row: its access features and its week of opening hours, as text, by
    year and service (worked out once per ``services`` table, as a rerun of the page redraws
    it; shared, so not to be changed)."""
    return _service_rows(services).sort_values(["year", "service"], ignore_index=True)


@per_row
def _service_rows(services: pd.DataFrame) -> pd.DataFrame:
    """``service_table``'s rows under their service rows' labels, for the portfolio's rows
    once and cut for a filter's (``per_row``)."""
    flags = service_access(services)
    out = flags.copy()
    for name in ACCESS_FEATURES:
        out[name] = flags[name].map({True: "Yes", False: "No"}).astype("string")
    out = out.rename(columns=FEATURE_NAMES | {"hours_basis": "Evenings/weekends from"})
    for column, day in zip(DAY_COLUMNS, DAYS, strict=True):
        if column in services:
            out[day] = services[column]
    return out


def grid_table(grid: pd.DataFrame) -> pd.DataFrame:
    """The heatmap's figures as a table: a row per day, a column per hour."""
    out = grid.copy()
    out.columns = [hour_label(h) for h in grid.columns]
    return out.reset_index().rename(columns={"day": "Day"})


# ---------------------------------------------------------------- gaps by locality


def locality_gaps(
    services: pd.DataFrame, year: str | None = None, window: tuple[int, int] = STANDARD
) -> pd.DataFrame:
    """Per locality (among the services that give hours) and day: each run of hours within
    ``window`` (8am-10pm) with no service open, in ``year`` (or in every row given).
    Columns locality, day, from_hour, to_hour, hours, gap (e.g. 'Sunday 8am–10pm')."""
    columns = ["locality", "day", "from_hour", "to_hour", "hours", "gap"]
    given = _of_year(services.loc[gives_hours(services)], year)
    if given.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    hours = _of_year(open_hours(services), year)
    window_hours = list(range(*window))
    locality = hours["locality"].astype(object).fillna(NOT_STATED)
    opened = hours.groupby([locality, hours["day"].astype(str)])[window_hours].any()
    localities = sorted(given["locality"].astype(object).fillna(NOT_STATED).unique())
    full = pd.MultiIndex.from_product([localities, DAYS], names=["locality", "day"])
    closed = ~opened.reindex(full, fill_value=False).astype(bool)
    # Runs of closed hours: a run starts where an hour is closed and the one before is not.
    values = closed.to_numpy()
    padded = np.pad(values, ((0, 0), (1, 1)), constant_values=False).astype(int)
    edges = np.diff(padded, axis=1)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    out = pd.DataFrame(
        {
            "locality": full.get_level_values(0)[starts[:, 0]],
            "day": full.get_level_values(1)[starts[:, 0]],
            "from_hour": window[0] + starts[:, 1],
            "to_hour": window[0] + ends[:, 1],
        }
    )
    out["hours"] = out["to_hour"] - out["from_hour"]
    names = dict(zip(DAYS, DAY_NAMES, strict=True))
    out["gap"] = (
        out["day"].map(names)
        + " "
        + out["from_hour"].map(hour_label)
        + "–"
        + out["to_hour"].map(hour_label)
    )
    return out[columns]


def _day_range(days: list[str]) -> str:
    """['Mon', 'Tue', 'Wed'] -> 'Monday–Wednesday'; ['Mon', 'Thu'] -> 'Monday, Thursday'."""
    names = dict(zip(DAYS, DAY_NAMES, strict=True))
    numbers = [DAYS.index(d) for d in days]
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    return ", ".join(
        names[DAYS[r[0]]] if len(r) == 1 else f"{names[DAYS[r[0]]]}–{names[DAYS[r[-1]]]}"
        for r in runs
    )


def gap_sentences(gaps: pd.DataFrame, window: tuple[int, int] = STANDARD) -> list[str]:
    """One sentence per locality, the longest gaps first, days with the same gap together:
    'Rural West: no service open Saturday–Sunday 8am–10pm; Monday–Friday 5pm–10pm (45 of
    the 98 hours of 8am–10pm)'."""
    total = 7 * (window[1] - window[0])
    sentences = []
    for locality, part in gaps.groupby("locality", sort=True):
        spans = (
            part.groupby(["from_hour", "to_hour"], sort=False)["day"]
            .agg(list)
            .reset_index()
            .assign(length=lambda f: f["to_hour"] - f["from_hour"])
            .sort_values(["length", "from_hour"], ascending=[False, True], kind="stable")
        )
        words = "; ".join(
            f"{_day_range(days)} {hour_label(begin)}–{hour_label(end)}"
            for begin, end, days in zip(
                spans["from_hour"], spans["to_hour"], spans["day"], strict=True
            )
        )
        hours = int(part["hours"].sum())
        sentences.append(
            f"{locality}: no service open {words} ({hours} of the {total} hours of "
            f"{hour_label(window[0])}–{hour_label(window[1])})"
        )
    return sentences


def locality_finding(shares: pd.DataFrame, year: str) -> str:
    """The locality chart's title: where evening and weekend opening is thinnest."""
    rows = shares.loc[shares["year"].eq(year) & shares["feature"].isin(["Evenings", "Weekends"])]
    rows = rows.dropna(subset=["share"])
    if rows.empty:
        return f"{year}: no locality says whether its services open evenings or weekends"
    mean = rows.groupby("locality")["share"].mean().sort_values()
    return (
        f"{year}: evening and weekend opening is thinnest in {mean.index[0]} "
        f"and widest in {mean.index[-1]}"
    )

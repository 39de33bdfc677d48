"""What changed between two versions of a saved area: the services added, ended and changed,
the years covered, and how each measure moved.

A service is the same service in both versions when its name matches in any case and
spacing; each version's row for it is the one of the latest year it appears in.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dayserv import catalogue, contract
from dayserv.figures.formats import (
    change_direction,
    first_upper,
    format_change,
    format_measure,
    format_money,
    is_missing,
)
from dayserv.figures.measures import DIRECTION, yearly_measures
from dayserv.read.clean import Portfolio

SERVICE_COLUMNS = ["Service", "Change", "What changed", "Provider", "Year"]
MEASURE_COLUMNS = ["Measure", "Year", "Before", "After", "Change", "Direction"]
# The Setting, Activity focus and Support model columns are another way of writing the
# shares, which are compared instead.
_ALTERNATIVES = {category for _, category, _ in contract.SHARE_GROUPS}
FIELDS = [c for c in contract.SERVICES.columns if c.name != "year" and c.name not in _ALTERNATIVES]
CHANGE_ORDER = {"Added": 0, "Ended": 1, "Changed": 2}


def service_key(name: object) -> str:
    """A service's name folded for matching: any case, any spacing."""
    return " ".join(str(name).split()).casefold()


def _number(value: float) -> str:
    """12 -> '12', 12.5 -> '12.5', 1234 -> '1,234'."""
    return f"{value:,.1f}".removesuffix(".0")


def field_text(column: contract.Column, value) -> str:
    """A Services value written for people: '£40,000', '25%', '12', 'Voluntary'; '—' if blank."""
    if is_missing(value):
        return "—"
    if column.kind == "money":
        return format_money(value)
    if column.kind == "percent":
        return _number(float(value)) + "%"
    if column.kind == "number":
        return _number(float(value))
    return str(value)


def latest_rows(services: pd.DataFrame) -> pd.DataFrame:
    """Each service's row in the latest year it appears in, indexed by its folded name
    (the first in the sheet where a name has several rows that year)."""
    if services.empty:
        return services.iloc[0:0].set_index(pd.Index([], name="key", dtype=object))
    keyed = services.assign(key=services["service"].map(service_key))
    keyed = keyed.sort_values(["key", "year", "row"], ascending=[True, False, True])
    return keyed.drop_duplicates("key").set_index("key")


def field_changes(before: pd.Series, after: pd.Series) -> str:
    """Each field whose value differs as people would read it, from what to what:
    'Annual funding £40,000 → £52,000; Building-based 100% → 60%' ('' when none)."""
    words = []
    for column in FIELDS:
        old = field_text(column, before.get(column.name))
        new = field_text(column, after.get(column.name))
        if old != new:
            name = column.heading.removesuffix(" %")  # the value says "%" already
            words.append(f"{name} {old} → {new}")
    return "; ".join(words)


def service_changes(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """One row per service added (in ``after`` only), ended (in ``before`` only) or changed
    (in both, its fields differing), with what changed, its provider and the year(s) its rows
    describe; Added first, then Ended, then Changed, each by name."""
    old, new = latest_rows(before), latest_rows(after)
    records = []
    for key, row in new.iterrows():
        if key not in old.index:
            records.append((key, row["service"], "Added", "", row["provider"], row["year"]))
            continue
        what = field_changes(old.loc[key], row)
        if what:
            year = row["year"] if row["year"] == old.at[key, "year"] else None
            year = year or f"{old.at[key, 'year']} → {row['year']}"
            records.append((key, row["service"], "Changed", what, row["provider"], year))
    for key, row in old.iterrows():
        if key not in new.index:
            records.append((key, row["service"], "Ended", "", row["provider"], row["year"]))
    records.sort(key=lambda r: (CHANGE_ORDER[r[2]], r[0]))
    return pd.DataFrame([r[1:] for r in records], columns=SERVICE_COLUMNS, dtype=object)


def years_of(portfolio: Portfolio) -> list[str]:
    """The years a portfolio's Services sheet covers, in order."""
    return sorted(portfolio.services["year"].dropna().astype(str).unique())


def compared_years(before: Portfolio, after: Portfolio) -> list[str]:
    """The latest year both versions cover, and the later version's latest if different."""
    shared = sorted(set(years_of(before)) & set(years_of(after)))
    years = shared[-1:]
    if years_of(after) and years_of(after)[-1] not in years:
        years.append(years_of(after)[-1])
    return years


def direction_words(measure: str, before, after) -> str:
    """How a measure moved, in words: better / worse (against the outcome's desired
    direction), up / down (a measure no outcome asks to move), no change, newly computable,
    no longer computable."""
    if is_missing(before):
        return "newly computable"
    if is_missing(after):
        return "no longer computable"
    way = change_direction(measure, after - before)
    if way == "off":
        return "no change"
    if not DIRECTION.get(measure):
        return way
    return "better" if (way == "up") == (DIRECTION[measure] > 0) else "worse"


def _value(table: pd.DataFrame, year: str, measure: str):
    if year not in table.index or measure not in table:
        return None
    value = table.at[year, measure]
    return None if is_missing(value) else float(value)


def _shown(measure: str, before, after) -> tuple[str, str]:
    """Both values as people read them, one decimal more where rounding would hide a move."""
    old, new = format_measure(measure, before), format_measure(measure, after)
    if old == new and change_direction(measure, _difference(before, after)) != "off":
        old = format_measure(measure, before, precise=True)
        new = format_measure(measure, after, precise=True)
    return old, new


def _difference(before, after):
    return None if is_missing(before) or is_missing(after) else after - before


def measure_moves(before: Portfolio, after: Portfolio) -> pd.DataFrame:
    """For each compared year (``compared_years``), each catalogue measure that either
    version can compute: its label, the year, its value before and after and the change, as
    people read them, and which way it moved (``direction_words``)."""
    tables = [yearly_measures(p.services, p.funding) for p in (before, after)]
    records = []
    for year in compared_years(before, after):
        for measure in catalogue.MEASURES:
            old, new = (_value(t, year, measure.id) for t in tables)
            if old is None and new is None:
                continue
            shown_old, shown_new = _shown(measure.id, old, new)
            change = format_change(measure.id, _difference(old, new))
            direction = direction_words(measure.id, old, new)
            records.append((measure.label, year, shown_old, shown_new, change, direction))
    return pd.DataFrame(records, columns=MEASURE_COLUMNS, dtype=object)


def summary_words(
    services: pd.DataFrame,
    moves: pd.DataFrame,
    years_added: list[str],
    years_removed: list[str],
    before_label: str,
    after_label: str,
) -> str:
    """One sentence: 'Version 3 against version 2: 2 services added, 1 ended, 4 changed;
    year 2025/26 added; user-run share 20% → 25% in 2024/25.' ('…: No changes.' if none)."""
    counts = services["Change"].value_counts()
    said = [(counts[c], c.lower()) for c in CHANGE_ORDER if counts.get(c, 0)]
    parts = []
    if said:
        (n, word), rest = said[0], said[1:]
        first = f"{n} service{'' if n == 1 else 's'} {word}"
        parts.append(", ".join([first, *(f"{n} {word}" for n, word in rest)]))
    for years, verb in ((years_added, "added"), (years_removed, "removed")):
        if years:
            parts.append(f"year{'s' if len(years) > 1 else ''} {', '.join(years)} {verb}")
    # A year only the later version has has no earlier figures: its moves are not changes.
    moved = moves.loc[moves["Direction"].ne("no change") & ~moves["Year"].isin(years_added)]
    if len(moved):
        year = moved["Year"].iloc[0]
        user_run = moved.loc[moved["Measure"].eq(catalogue.BY_ID["user_run_share"].label)]
        if len(user_run):
            row = user_run.iloc[0]
            parts.append(f"user-run share {row['Before']} → {row['After']} in {year}")
        else:
            parts.append(f"{len(moved)} measure{'' if len(moved) == 1 else 's'} moved in {year}")
    said_all = "; ".join(parts) if parts else "No changes"
    return f"{first_upper(after_label)} against {before_label}: {said_all}."


@dataclass
class Changes:
    """What changed from one version of an area to the next."""

    before_label: str
    after_label: str
    services: pd.DataFrame  # service_changes
    measures: pd.DataFrame  # measure_moves
    years_added: list[str]
    years_removed: list[str]
    summary: str

    @property
    def none(self) -> bool:
        """Whether nothing changed: no service, year or measure moved."""
        return (
            self.services.empty
            and not (self.years_added or self.years_removed)
            and self.measures["Direction"].eq("no change").all()
        )


def changes(
    before: Portfolio,
    after: Portfolio,
    before_label: str = "the earlier version",
    after_label: str = "the later version",
) -> Changes:
    """Everything that changed from ``before`` to ``after``, with the summary sentence."""
    services = service_changes(before.services, after.services)
    moves = measure_moves(before, after)
    old, new = set(years_of(before)), set(years_of(after))
    added, removed = sorted(new - old), sorted(old - new)
    summary = summary_words(services, moves, added, removed, before_label, after_label)
    return Changes(before_label, after_label, services, moves, added, removed, summary)

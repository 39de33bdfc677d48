"""The shared filter: applies itself to the portfolio's tables and describes itself in words.

The same sentence is the provenance printed on every chart, export and slide, and the same
filter is applied by the pages and by the command line.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from dayserv import contract
from dayserv.catalogue import NOT_STATED
from dayserv.figures.per_frame import narrowed, per_frame

SETTING_COLUMNS = {
    "Building-based": "building_pct",
    "Outreach": "outreach_pct",
    "Mainstream": "mainstream_pct",
}
# Field -> (the services column it filters, the word for it in a sentence). The other
# tables follow the services kept (by Service and Year), so an Area narrows them too.
FIELDS = {
    "areas": ("area", "area"),
    "localities": ("locality", "locality"),
    "sectors": ("sector", "sector"),
    "providers": ("provider", "provider"),
    "user_run": ("user_run", "user run"),
    "settings": ("main_setting", "main setting"),
}
# What a page says when the filter leaves none of what it shows ({what}: "a benchmark").
FILTERED_OUT = (
    "None of the services in the sidebar's filter has {what}. Widen the filters to see it."
)


def main_setting(services: pd.DataFrame) -> pd.Series:
    """Where most of each service's activity happens: Building-based, Outreach or Mainstream."""
    shares = services[list(SETTING_COLUMNS.values())]
    known = shares.notna().any(axis=1)
    names = np.array(list(SETTING_COLUMNS), dtype=object)
    top = names[np.nan_to_num(shares.to_numpy(float), nan=-1).argmax(axis=1)]
    return pd.Series(np.where(known, top, None), index=services.index, dtype="string")


@dataclass(frozen=True)
class Filter:
    """What the user chose to look at. Empty choices mean everything."""

    years: tuple[str, str] | None = None  # first and last financial year, inclusive
    localities: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    providers: tuple[str, ...] = ()
    user_run: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()  # for a workbook whose Services name several areas

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def services(self, services: pd.DataFrame) -> pd.DataFrame:
        """The services rows the filter keeps."""
        keep = pd.Series(True, index=services.index)
        if self.years:
            first, last = self.years
            keep &= services["year"].between(first, last).fillna(False)
        for name, (column, _) in FIELDS.items():
            chosen = getattr(self, name)
            if chosen:
                values = _column(services, column)
                matched = values.isin(chosen).fillna(False)
                if NOT_STATED in chosen:  # the rows that leave it blank
                    matched |= values.isna()
                keep &= matched
        rows = services.loc[keep]
        narrowed(rows, services)  # what is worked out per service row is cut, not redone
        return rows

    def tables(self, tables: Mapping[str, pd.DataFrame]) -> Mapping[str, pd.DataFrame]:
        """Every table narrowed to the services (and their years) the filter keeps, each
        narrowed when first asked for: a page that shows no benchmark never narrows its 1.3
        million answers."""
        return Narrowed(self, tables) if self.active else dict(tables)

    def _narrowed(self, tables: Mapping[str, pd.DataFrame], name: str, services) -> pd.DataFrame:
        """One table narrowed to the ``services`` the filter kept."""
        table = tables[name]
        if name == "services":
            return services
        if name in ("funding", "benchmark", "good_practice"):
            return of_services(table, services)
        if name == "kpis":
            keep = pd.Series(True, index=table.index)
            if self.years:
                keep &= table["year"].between(*self.years).fillna(False)
            if any(getattr(self, field) for field in FIELDS):
                keep &= table["provider"].isin(services["provider"]).fillna(False)
            return table.loc[keep]
        return table  # a table that follows no service (the targets, the plan)

    def describe(self) -> str:
        """The filter in words, e.g. 'years 2023/24 to 2024/25; locality North or South'."""
        parts = []
        if self.years:
            first, last = self.years
            parts.append(f"year {first}" if first == last else f"years {first} to {last}")
        for name, (_, word) in FIELDS.items():
            chosen = getattr(self, name)
            if chosen:
                parts.append(f"{word} {' or '.join(chosen)}")
        return "; ".join(parts) if parts else "all services"

    def summary(self, services: pd.DataFrame, kept: pd.DataFrame | None = None) -> str:
        """'Showing 24 of 41 service-years (locality North)': what the filter leaves out
        (``kept``: the services it keeps, when already at hand)."""
        shown = len(self.services(services) if kept is None else kept)
        return f"Showing {shown:,} of {len(services):,} service-years ({self.describe()})"


class Narrowed(Mapping):
    """A portfolio's tables as a filter narrows them, each worked out once, when first read."""

    def __init__(self, chosen: Filter, tables: Mapping[str, pd.DataFrame]):
        self._filter, self._tables, self._done = chosen, tables, {}

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._done:
            if "services" not in self._done:
                self._done["services"] = self._filter.services(self._tables["services"])
            self._done[name] = self._filter._narrowed(self._tables, name, self._done["services"])
        return self._done[name]

    def __iter__(self):
        return iter(self._tables)

    def __len__(self) -> int:
        return len(self._tables)


def _column(services: pd.DataFrame, column: str) -> pd.Series:
    """The services' values for a filter: the main setting worked out, an Area stripped
    (blank when the table has none)."""
    if column == "main_setting":
        return main_setting(services)
    if column == "area":
        if column not in services:
            return pd.Series(pd.NA, index=services.index, dtype="string")
        return services[column].astype("string").str.strip()
    return services[column]


def choices(services: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter can take in this portfolio, in a sensible order."""

    def present(values, order=None, blank=True):
        """The values found, then NOT_STATED when some rows leave it blank (``blank``)."""
        found = {str(value) for value in values.dropna().unique()}  # unique first: fast
        shown = [v for v in order if v in found] if order else sorted(found, key=str.lower)
        return shown + [NOT_STATED] if blank and values.isna().any() else shown

    return {
        "years": present(services["year"], blank=False),
        "localities": present(services["locality"]),
        "sectors": present(services["sector"], contract.SECTORS),
        "providers": present(services["provider"], blank=False),
        "user_run": present(services["user_run"], contract.YES_PARTLY_NO),
        "settings": present(main_setting(services), contract.SETTINGS),
        "areas": present(_column(services, "area").replace("", pd.NA), blank=False),
    }


# Plural words for the values a filter can take, for the messages.
_PLURALS = {
    "localities": "localities",
    "sectors": "sectors",
    "providers": "providers",
    "user_run": "User run values",
    "settings": "main settings",
    "areas": "areas",
}


def of_services(table: pd.DataFrame, services: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` (Funding, Benchmark, Good practice: rows by Service and Year)
    whose service and year are a service-year of ``services``, in their order."""
    names, years, pairs = _pairs(table)
    wanted = np.zeros(len(names) * len(years) + 1, dtype=bool)  # the last place: no pair
    wanted[_pair_codes(services, names, years)] = True
    wanted[-1] = False
    kept = wanted[pairs]
    rows = table.loc[kept]
    _pairs.keep(rows, (names, years, pairs[kept]))  # narrowed again, it is looked up at once
    narrowed(rows, table)  # whole service-years: a service-year's figures can be cut
    return rows


@per_frame
def _pairs(table: pd.DataFrame) -> tuple[pd.Index, pd.Index, np.ndarray]:
    """A table's services and years, and each row's (service, year) as one number among
    them (worked out once per table: every change of filter narrows the same Funding and
    Benchmark, and looking up 1.3 million answers' names took 0.2 s)."""
    names = pd.Index(table["service"].astype("string").unique().dropna())
    years = pd.Index(table["year"].astype("string").unique().dropna())
    return names, years, _pair_codes(table, names, years)


def _pair_codes(table: pd.DataFrame, names: pd.Index, years: pd.Index) -> np.ndarray:
    """Each row's (service, year) as one number, -1 where either is not among ``names`` and
    ``years`` (a category column is looked up by its categories alone)."""
    service = names.get_indexer(table["service"])
    year = years.get_indexer(table["year"])
    return np.where((service >= 0) & (year >= 0), service * len(years) + year, -1)


def _fold(text: object) -> str:
    """A value for matching as people type it: any case, any spacing."""
    return " ".join(str(text).split()).casefold()


def resolve(asked: dict[str, tuple[str, ...]], services: pd.DataFrame):
    """Values typed for each filter field, matched in any case and spacing to the values the
    portfolio has. Returns (the field -> matched values, one sentence per value that matches
    nothing, listing the values there are)."""
    options = choices(services)
    chosen: dict[str, tuple[str, ...]] = {}
    unknown: list[str] = []
    for name, values in asked.items():
        folded = {_fold(v): v for v in options[name]}
        matched = []
        for value in values:
            hit = folded.get(_fold(value))
            if hit is None:
                there = ", ".join(options[name]) or "none"
                unknown.append(
                    f"No service has {FIELDS[name][1]} {value!r}; the portfolio's "
                    f"{_PLURALS[name]} are: {there}."
                )
            else:
                matched.append(hit)
        chosen[name] = tuple(dict.fromkeys(matched))
    return chosen, unknown


def unknown_years(years: tuple[str, ...], services: pd.DataFrame) -> list[str]:
    """One sentence per asked year (already a financial-year label, '' if unreadable) that
    the portfolio does not have."""
    there = choices(services)["years"]
    return [
        f"The portfolio has no year {year or 'written that way'}; its years are: "
        f"{', '.join(there)}."
        for year in dict.fromkeys(years)
        if year not in there
    ]

"""The Plan sheet: a re-commissioning plan, one row per change, read into a tidy table.

A row's Services columns are parsed by the Services sheet's own parsers. A row is left out
(an error naming the sheet, the spreadsheet row and the column as headed) when its Change
is not one the dashboard knows, when it names a service the portfolio's latest year does
not have (Decommission, Change), when its From is not after that year, when a Commission
has no Provider or Sector, or when it changes a service its plan has already closed; the
rest of the plan is kept. A plan may also come from a workbook of its own
(``with_plan_file``).
"""

from __future__ import annotations

import dataclasses

import pandas as pd

from dayserv import contract
from dayserv.contract import PLAN, norm_key
from dayserv.read.columns import Parsed, clean_column, drop_blank, find_header, finish, headed
from dayserv.read.limits import DEFAULT_LIMITS, Limits
from dayserv.read.parse import heading_key
from dayserv.read.problems import Problems, column_letter
from dayserv.read.reader import Source, UnreadableError, read_sources
from dayserv.read.sheets import clean_service_columns

DEFAULT_PLAN = "Plan"  # the plan a row with a blank Plan belongs to
_NAMES = {norm_key(name) for name in (PLAN.name, *PLAN.synonyms)}
_LOOKUP = contract.column_lookup(PLAN)
_REQUIRED = [c for c in PLAN.columns if c.required]
# The Services columns a row may give: all but the service's name and year.
VALUE_COLUMNS = tuple(
    c.name for c in contract.SERVICES.columns if c.name not in ("service", "year")
)


def empty_plan() -> pd.DataFrame:
    """The tidy plan table with its columns and no rows (for a workbook without a Plan)."""
    return finish(pd.DataFrame(index=pd.Index([], dtype="int64")), PLAN)


def _headings(raw: pd.DataFrame) -> tuple[int | None, dict[str, int]]:
    """The header row and {tidy column: position} of its first cell naming each column."""
    header_row, _ = find_header(raw, _LOOKUP, False)
    positions: dict[str, int] = {}
    if header_row is not None:
        for position, cell in raw.loc[header_row].items():
            name = _LOOKUP.get(heading_key(cell)) if str(cell).strip() else None
            if name is not None:
                positions.setdefault(name, position)
    return header_row, positions


def find_plan_sheet(raw_sheets: dict[str, pd.DataFrame], by_headings: bool = True) -> str | None:
    """The sheet holding the plan: one named Plan (or a synonym), else (``by_headings``) the
    first whose headings include Change, Service and From."""
    for name in raw_sheets:
        if norm_key(name) in _NAMES:
            return name
    for name, raw in raw_sheets.items() if by_headings else ():
        # Headings are looked for in the top rows as they stand, as for the other sheets.
        if not raw.empty and {c.name for c in _REQUIRED} <= set(_headings(raw)[1]):
            return name
    return None


def clean_plan(raw, problems: Problems, sheet_name: str, services: pd.DataFrame) -> pd.DataFrame:
    """The Plan sheet as a tidy table (a row per change, in the sheet's order), checked
    against ``services``: the portfolio's latest year is the baseline a plan starts from."""
    raw = drop_blank(raw)
    header_row, positions = _headings(raw) if not raw.empty else (None, {})
    missing = [c.heading for c in _REQUIRED if c.name not in positions]
    # Counted as the other sheets' rows are: without a header, every filled row is left out.
    problems.rows_read["plan"] = len(raw)
    if header_row is None or missing:
        names = ", ".join(missing or [c.heading for c in _REQUIRED])
        problems.add(
            "error",
            sheet_name,
            [header_row],
            names,
            "",
            f"The sheet has no {names} column, so the plan was not read.",
            "Put the headings Plan, Change, Service and From in one row above the changes, "
            "as in the template.",
        )
        return empty_plan()
    header = raw.loc[header_row]
    ignored = [str(c).strip() for c in header if str(c).strip() and heading_key(c) not in _LOOKUP]
    problems.add(
        "note",
        sheet_name,
        [header_row] if ignored else [],
        ", ".join(ignored),
        "",
        "These columns are not part of the format and were not read.",
        "Nothing to do, unless one of them was meant to be a column of the format (a "
        "Services column to change): then use the heading the template gives it.",
    )
    body = raw.loc[raw.index > header_row]
    problems.rows_read["plan"] = len(body)
    frame = pd.DataFrame(index=body.index)
    bad = pd.Series(False, index=body.index)
    for col in PLAN.columns:
        if col.name in positions and col.kind not in ("percent", "list", "hours"):
            cells = body[positions[col.name]]
            letter = column_letter(positions[col.name])
            label = headed(header, positions, col.name)
            frame[col.name] = clean_column(col, cells, sheet_name, letter, problems, bad, label)
    clean_service_columns(
        Parsed(frame, bad, body, positions, header, header_row), sheet_name, problems
    )
    frame = finish(frame.loc[~bad], PLAN)
    frame.index = frame["row"].to_numpy()
    frame["plan"] = frame["plan"].fillna(DEFAULT_PLAN)
    checks = _Checks(frame, problems, sheet_name, header, positions, services)
    keep = checks.run()
    return frame.loc[keep].reset_index(drop=True)


class _Checks:
    """The checks a plan row needs beyond its cells: against the baseline and its plan."""

    def __init__(self, frame, problems, sheet_name, header, positions, services) -> None:
        self.frame, self.problems, self.sheet = frame, problems, sheet_name
        self.header, self.positions = header, positions
        self.baseline = str(services["year"].max())
        names = services.loc[services["year"] == self.baseline, "service"].dropna().unique()
        self.known = {norm_key(n): str(n) for n in names}
        self.bad = pd.Series(False, index=frame.index)

    def error(self, rows, column: str, problem, fix: str) -> None:
        rows = pd.Index(rows)
        rows = rows[~self.bad.loc[rows].to_numpy(bool)] if len(rows) else rows
        if not len(rows):
            return
        cells = self.frame.loc[rows, column] if column in self.frame else ""
        if not isinstance(problem, str):
            problem = pd.Series(problem, index=self.frame.index).loc[rows].to_numpy()
        letter = column_letter(self.positions[column]) if column in self.positions else None
        label = headed(self.header, self.positions, column)
        self.problems.add("error", self.sheet, rows, label, cells, problem, fix, letter)
        self.bad.loc[rows] = True

    def run(self) -> pd.Series:
        frame, baseline = self.frame, self.baseline
        change = frame["change"]
        later = frame["from_year"] > baseline
        self.error(
            frame.index[~later],
            "from_year",
            f"A change must take effect after {baseline}, the portfolio's latest year (the "
            "baseline the plan starts from); the row was left out.",
            f"Give a later year, e.g. {next_year(baseline)}.",
        )
        # A service of the baseline named in any case and spacing is that service.
        named = frame["service"].map(lambda s: self.known.get(norm_key(s)))
        existing = change.isin(["Decommission", "Change"])
        self.error(
            frame.index[existing & named.isna()],
            "service",
            f"Not a service of {baseline}, the portfolio's latest year; the row was left out.",
            f"Use the service's name as the Services sheet gives it for {baseline}, or "
            "Commission it as a new service.",
        )
        frame.loc[existing & named.notna(), "service"] = named
        new = change.eq("Commission")
        self.error(
            frame.index[new & named.notna()],
            "service",
            f"This is already a service in {baseline}: a Commission starts a new service; "
            "the row was left out.",
            "Give the new service a name of its own, or use Change for this one.",
        )
        for column, what in (("provider", "Provider"), ("sector", "Sector the dashboard knows")):
            self.error(
                frame.index[new & frame[column].isna()],
                column,
                f"A new service needs a {what}; the row was left out.",
                f"Fill in the new service's {contract.heading('plan', column)}.",
            )
        self._repeats()
        idle = change.eq("Change") & frame[list(VALUE_COLUMNS)].isna().all(axis=1) & ~self.bad
        self.problems.add(
            "warning",
            self.sheet,
            frame.index[idle],
            headed(self.header, self.positions, "service"),
            frame.loc[idle, "service"],
            "This Change gives no Services column to change, so it changes nothing.",
            "Fill in the columns that change (e.g. Annual funding or Places), under the "
            "headings the Services sheet uses.",
            column_letter(self.positions["service"]),
        )
        frame.loc[new, "source"] = frame.loc[new, "source"].fillna("Core commissioning")
        frame["replaces"] = self._replaces()
        return ~self.bad

    def _repeats(self) -> None:
        """A row for a service its plan has already closed (or commissioned, for a second
        Commission): such a change cannot take effect."""
        frame = self.frame.loc[~self.bad].sort_values(["from_year", "row"], kind="stable")
        first: dict[tuple[str, str], tuple[str, str, int]] = {}
        problems = {}
        for row, plan, change, service, year in frame[
            ["row", "plan", "change", "service", "from_year"]
        ].itertuples(index=False):  # a plan has a handful of rows
            key = (plan, norm_key(service))
            if change in ("Decommission", "Commission") and key in first:
                earlier = first[key]
                problems[row] = (
                    f"This plan already {earlier[0].lower()}s {service} from {earlier[1]} "
                    f"(row {earlier[2]}); the row was left out."
                )
            elif key in first and first[key][0] == "Decommission" and year >= first[key][1]:
                problems[row] = (
                    f"This plan decommissions {service} from {first[key][1]} (row "
                    f"{first[key][2]}), so it cannot change after that; the row was left out."
                )
            elif change in ("Decommission", "Commission"):
                first[key] = (change, year, row)
        rows = list(problems)
        self.error(
            rows,
            "service",
            pd.Series(problems).reindex(self.frame.index, fill_value=""),
            "Keep one change of each kind per service and plan, or put the other changes "
            "before the year it closes.",
        )

    def _replaces(self) -> pd.Series:
        """Replaces as the baseline's service names, '; '-separated; names it lacks said."""
        out = pd.Series(pd.NA, index=self.frame.index, dtype="string")
        given = self.frame["replaces"].dropna()
        for row, text in given.items():  # a few Commission rows
            parts = [p.strip() for p in str(text).split(";") if p.strip()]
            known = [self.known[norm_key(p)] for p in parts if norm_key(p) in self.known]
            unknown = [p for p in parts if norm_key(p) not in self.known]
            if unknown and not self.bad.loc[row]:
                self.problems.add(
                    "warning",
                    self.sheet,
                    [row],
                    headed(self.header, self.positions, "replaces"),
                    text,
                    " and ".join(repr(p) for p in unknown)
                    + f" is not a service of {self.baseline}; it was left out of "
                    + headed(self.header, self.positions, "replaces")
                    + ".",
                    "Name the services it replaces as the Services sheet gives them, "
                    "separated by ;",
                    column_letter(self.positions["replaces"]),
                )
            out.loc[row] = "; ".join(known) or pd.NA
        return out


def next_year(year: str) -> str:
    """The financial year after ``year``: '2025/26' -> '2026/27'."""
    start = int(str(year)[:4]) + 1
    return f"{start}/{(start + 1) % 100:02d}"


def with_plan_file(portfolio, sources: list[Source], limits: Limits = DEFAULT_LIMITS):
    """The portfolio with its plan read from a workbook of its own (its Plan sheet, or the
    sheet headed like one), in place of any Plan sheet the portfolio had. Raises
    UnreadableError, in a sentence, when the file has no plan."""
    raw_sheets = read_sources(sources, limits)
    label = ", ".join(s.name for s in sources)
    name = find_plan_sheet(raw_sheets)
    if name is None:
        found = ", ".join(repr(n) for n in raw_sheets)
        raise UnreadableError(
            f"{label} has no Plan sheet (sheets found: {found}); a plan workbook needs a "
            "sheet named Plan with the headings Plan, Change, Service and From."
        )
    problems = Problems()
    kept = portfolio.problems
    if portfolio.plan_sheet is not None:  # the portfolio's own plan is replaced, and its problems
        kept = kept.loc[kept["sheet"].astype(str) != portfolio.plan_sheet]
    problems.frames.append(kept)
    plan = clean_plan(raw_sheets[name], problems, name, portfolio.services)
    return dataclasses.replace(
        portfolio,
        tables={**portfolio.tables, "plan": plan},
        problems=problems.frame(),
        sheets={**portfolio.sheets, "plan": name},
        rows_read={**portfolio.rows_read, "plan": problems.rows_read["plan"]},
    )

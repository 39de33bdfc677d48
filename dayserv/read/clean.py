"""Raw sheets -> tidy, typed tables with canonical vocabularies, and a table of problems.

``load`` matches each raw sheet to a sheet of the format (by its name, else by the headings
inside it), cleans each with its own cleaner (``sheets``, ``benchmark_sheet``) and returns
the Portfolio; a Plan sheet (a re-commissioning plan) is read by ``plan_sheet``. A bad row
is left out (severity "error") or kept with the bad value blanked (severity "warning");
nothing stops the rest loading (``problems``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from dayserv import contract
from dayserv.contract import norm_key
from dayserv.read.benchmark_sheet import clean_benchmark
from dayserv.read.columns import find_header, table_of
from dayserv.read.limits import DEFAULT_LIMITS, Limits
from dayserv.read.plan_sheet import clean_plan, empty_plan, find_plan_sheet
from dayserv.read.problems import Problems
from dayserv.read.reader import Source, UnreadableError, read_sources
from dayserv.read.sheets import (
    clean_checklist,
    clean_funding,
    clean_good_practice,
    clean_kpis,
    clean_services,
    clean_targets,
)


@dataclass
class Portfolio:
    """A loaded portfolio: tidy tables, the problems met, and where they came from."""

    tables: dict[str, pd.DataFrame]
    problems: pd.DataFrame
    sources: tuple[str, ...]
    # table -> sheet name as found, for each sheet read (the tables and the plan)
    sheets: dict[str, str] = field(default_factory=dict)
    rows_read: dict[str, int] = field(default_factory=dict)  # table -> data rows in its sheet

    @property
    def services(self) -> pd.DataFrame:
        return self.tables["services"]

    @property
    def funding(self) -> pd.DataFrame:
        return self.tables["funding"]

    @property
    def benchmark(self) -> pd.DataFrame:
        return self.tables["benchmark"]

    @property
    def plan_sheet(self) -> str | None:
        """The Plan sheet's name as found (tables["plan"] its rows), None without one."""
        return self.sheets.get("plan")

    def has(self, table: str) -> bool:
        """Whether the workbook had this sheet (even if none of its rows could be used)."""
        return table in self.sheets

    @property
    def source_label(self) -> str:
        return ", ".join(self.sources)


def _match_sheets(raw_sheets: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Table name -> raw sheet name: by sheet name first, then by the headers inside."""
    by_name = contract.sheet_lookup()
    matched: dict[str, str] = {}
    unmatched = []
    for name in raw_sheets:
        key = norm_key(name)
        sheet = by_name.get(key)
        if sheet is None:
            sheet = next(
                (
                    s
                    for k, s in sorted(by_name.items(), key=lambda kv: -len(kv[0]))
                    if len(k) >= 5 and k in key
                ),
                None,
            )
        table = table_of(sheet) if sheet else None
        if table and table not in matched:
            matched[table] = name
        else:
            unmatched.append(name)
    for name in unmatched:
        for table, sheet in contract.TABLES.items():
            if table in matched:
                continue
            lookup = contract.column_lookup(sheet)
            _, score = find_header(raw_sheets[name], lookup, table == "benchmark")
            required = sum(c.required for c in sheet.columns)
            if score >= max(required, 2):
                matched[table] = name
                break
    return matched


_CLEANERS = {
    "funding": clean_funding,
    "benchmark": clean_benchmark,
    "good_practice": clean_good_practice,
    "checklist": clean_checklist,
    "kpis": clean_kpis,
    "targets": clean_targets,
}


def empty_table(table: str) -> pd.DataFrame:
    """The tidy table with its columns and no rows (for a sheet the workbook lacks)."""
    sheet = contract.TABLES[table]
    columns = {}
    for col in sheet.columns:
        if col.kind in ("money", "number", "percent", "target"):
            columns[col.name] = pd.Series(dtype="float64")
        else:
            columns[col.name] = pd.Series(dtype="string")
    if table == "benchmark":
        columns.update(section=pd.Series(dtype="int64"), points=pd.Series(dtype="float64"))
    if table == "checklist":
        columns = {"question_id": pd.Series(dtype="string"), **columns}
    columns["row"] = pd.Series(dtype="int64")
    return pd.DataFrame(columns)


def _no_services(label: str, sheet: str, problems: Problems) -> str:
    """Why a Services sheet gave no rows at all, in one sentence."""
    read = problems.rows_read.get("services", 0)
    if not read:
        return (
            f"The {sheet} sheet of {label} has its headings but no rows below them: add a "
            "row per service per year, as in the template."
        )
    errors = problems.frame().query("severity == 'error' and sheet == @sheet")
    first = errors.iloc[0] if len(errors) else None
    why = (
        f"; the first, row {first['row']}, because {first['column']}: "
        f"{first['problem'][0].lower()}{first['problem'][1:]}"
        if first is not None
        else "."
    )
    return f"None of the {read:,} rows of the {sheet} sheet of {label} could be used" + why


def load(sources: list[Source], limits: Limits = DEFAULT_LIMITS) -> Portfolio:
    """Read and clean a portfolio. Raises UnreadableError when it cannot be loaded at all."""
    raw_sheets = read_sources(sources, limits)
    label = ", ".join(s.name for s in sources)
    if not raw_sheets:
        raise UnreadableError(f"{label} has no sheets.")
    named_plan = find_plan_sheet(raw_sheets, by_headings=False)
    matched = _match_sheets({n: r for n, r in raw_sheets.items() if n != named_plan})
    plan_sheet = find_plan_sheet({n: r for n, r in raw_sheets.items() if n not in matched.values()})
    problems = Problems()
    if "services" not in matched:
        found = ", ".join(repr(n) for n in raw_sheets)
        raise UnreadableError(
            f"No Services sheet was found in {label} (sheets found: {found}); the Services "
            "sheet, with a row per service per year, is the one the dashboard needs."
        )
    for name in raw_sheets:
        if name not in matched.values() and name != plan_sheet:
            problems.add(
                "note",
                name,
                [None],  # about the whole sheet, not a row
                "",
                "",
                "This sheet is not part of the format and was not read.",
                "Nothing to do.",
            )
    # Each sheet is handed over (popped) to be cleaned, so its cells can go once read.
    try:
        services = clean_services(
            raw_sheets.pop(matched["services"]), problems, matched["services"]
        )
    except UnreadableError as exc:
        raise UnreadableError(f"In {label}: {exc}") from exc
    if services.empty:
        raise UnreadableError(_no_services(label, matched["services"], problems))
    tables = {"services": services}
    for table, cleaner in _CLEANERS.items():
        result = None
        if table in matched:
            result = cleaner(raw_sheets.pop(matched[table]), problems, matched[table])
        tables[table] = result if result is not None else empty_table(table)
    tables["plan"] = (
        clean_plan(raw_sheets[plan_sheet], problems, plan_sheet, services)
        if plan_sheet is not None
        else empty_plan()
    )
    return Portfolio(
        tables=tables,
        problems=problems.frame(),
        sources=tuple(s.name for s in sources),
        sheets={**matched, "plan": plan_sheet} if plan_sheet is not None else matched,
        rows_read=problems.rows_read,
    )

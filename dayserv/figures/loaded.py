"""What was loaded, for the Data quality page and the sidebar: a line on the rows read and the
problems met, each sheet of the format with the sheet it was read from, its rows and its
years, the Benchmark sheet's layout, and the problems with headings for people, narrowed
and grouped."""

from __future__ import annotations

import pandas as pd

from dayserv import contract
from dayserv.figures import quality
from dayserv.figures.slices import years_of
from dayserv.read import left_out
from dayserv.read.clean import Portfolio

SEVERITY_MEANING = {
    "error": "rows left out",
    "warning": "values left blank, rows kept",
    "note": "for information",
}
BENCHMARK_FORMS = {"long": "a row per answer", "wide": "a column per statement"}
# The problems' columns for people, in reading order: where, what was found, what to do.
PROBLEM_HEADINGS = {
    "severity": "Severity",
    "sheet": "Sheet",
    "row": "Row",
    "column": "Column",
    "value": "Value found",
    "problem": "Problem",
    "fix": "How to fix it",
    "cell": "Cell",
}


def load_summary(portfolio: Portfolio) -> str:
    """One line: the service rows read and the problems met, e.g. "148 service rows, 2 errors"."""
    counts = left_out.problem_counts(portfolio.problems)
    parts = [f"{len(portfolio.services):,} service rows"]
    parts += [f"{n} {severity}{'s' if n != 1 else ''}" for severity, n in counts.items() if n]
    return ", ".join(parts) + "."


def years_found(portfolio: Portfolio) -> list[str]:
    """The financial years of the Services sheet, in order."""
    return years_of(portfolio.services)


def benchmark_form(portfolio: Portfolio) -> str | None:
    """How the Benchmark sheet was laid out: "long", "wide", or None without answers."""
    benchmark = portfolio.benchmark
    if benchmark.empty:
        return None
    # In wide form one spreadsheet row holds many statements, so its row number repeats.
    return "wide" if benchmark["row"].duplicated().any() else "long"


def loaded_tables(portfolio: Portfolio) -> pd.DataFrame:
    """A row per sheet of the format: the sheet it was read from, its rows and how many were
    used, the rows of the tidy table (a wide benchmark row gives one per answer), years."""
    rows = []
    for table, sheet in contract.COUNTED.items():
        frame = portfolio.tables.get(table, pd.DataFrame())
        years = []
        if "year" in frame:
            years = years_of(frame)
        rows.append(
            {
                "Sheet of the format": sheet.name,
                "Read from": portfolio.sheets.get(table, "not in the workbook"),
                "Rows in the sheet": portfolio.rows_read.get(table, 0),
                "Rows used": left_out.rows_used(portfolio, table),
                "Table rows": len(frame),
                "Years": ", ".join(years),
            }
        )
    return pd.DataFrame(rows)


def problem_sheets(problems: pd.DataFrame) -> list[str]:
    return sorted(problems["sheet"].dropna().astype(str).unique())


def filter_problems(
    problems: pd.DataFrame, severities: list[str], sheets: list[str]
) -> pd.DataFrame:
    """The problems of the chosen severities and sheets (all, when none is chosen)."""
    keep = pd.Series(True, index=problems.index)
    if severities:
        keep &= problems["severity"].astype(str).isin(severities)
    if sheets:
        keep &= problems["sheet"].astype(str).isin(sheets)
    return problems.loc[keep]


def problems_table(problems: pd.DataFrame) -> pd.DataFrame:
    """The problems with headings for people, for the screen and the CSV download."""
    out = problems[list(PROBLEM_HEADINGS)].rename(columns=PROBLEM_HEADINGS)
    out["Severity"] = out["Severity"].astype(str)
    return out.reset_index(drop=True)


def grouped_problems_table(problems: pd.DataFrame) -> pd.DataFrame:
    """Identical problems on one line (quality.grouped), with headings for people."""
    out = quality.grouped(problems).rename(
        columns={**PROBLEM_HEADINGS, "count": "How many", "rows": "Rows"}
    )
    out["Severity"] = out["Severity"].astype(str)
    return out

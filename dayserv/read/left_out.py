"""What loading a portfolio left out, counted: the rows of each sheet that reached its tidy
table, those read but left out, and the problems by severity. The saved version's record
(``store.areas``) and every view of figures (``figures.quality``) count them here."""

from __future__ import annotations

import pandas as pd

from dayserv import contract
from dayserv.read.clean import Portfolio
from dayserv.read.problems import SEVERITIES


def rows_used(portfolio: Portfolio, table: str) -> int:
    """Rows of a sheet that reached the tidy table (a wide benchmark row counts once)."""
    frame = portfolio.tables.get(table)
    if frame is None or frame.empty:
        return 0
    return int(frame["row"].nunique()) if "row" in frame else len(frame)


def left_out_of(portfolio: Portfolio, table: str) -> int:
    """Rows of a sheet read but left out (0 for a sheet the workbook lacks)."""
    if table not in portfolio.rows_read:
        return 0
    return max(portfolio.rows_read[table] - rows_used(portfolio, table), 0)


def rows_left_out(portfolio: Portfolio) -> dict[str, int]:
    """Sheet (as the contract names it) -> rows read but left out; sheets with none omitted."""
    left = {table: left_out_of(portfolio, table) for table in portfolio.rows_read}
    return {contract.COUNTED[table].name: n for table, n in left.items() if n}


def problem_counts(problems: pd.DataFrame) -> dict[str, int]:
    """{'error': n, 'warning': n, 'note': n}, every severity present."""
    counts = problems["severity"].astype(str).value_counts()
    return {severity: int(counts.get(severity, 0)) for severity in SEVERITIES}

"""Problem records: one per thing in the workbook that could not be used as it was, naming
the sheet, the spreadsheet row, the column and cell, the value found, what is wrong and how
to fix it, with its severity ("error": the row left out; "warning": the value blanked, the
row kept; "note": for information). ``value`` is the cell as it stands; ``part`` is what in
it the problem is about: the whole value, or one item of a cell that lists several (the
'Mental Health' of "BME communities, Mental Health"), so that Data quality can put
together the rows with the same wrong item."""

from __future__ import annotations

import numpy as np
import pandas as pd

from dayserv.read.parse import map_unique

PROBLEM_COLUMNS = ["severity", "sheet", "row", "column", "cell", "value", "part", "problem", "fix"]
SEVERITIES = ("error", "warning", "note")


class UnreadableError(Exception):
    """The portfolio cannot be read at all; the message is one plain sentence for the user."""


# ---------------------------------------------------------------- problem records


def column_letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rem = divmod(position - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Problems:
    """Collects problem records for one load, and how many data rows each sheet had."""

    def __init__(self) -> None:
        self.frames: list[pd.DataFrame] = []
        self.rows_read: dict[str, int] = {}

    def add(self, severity, sheet, rows, column, values, problem, fix, cell_letter=None, part=None):
        """Record one problem per row in ``rows`` (vectorised: rows and values align).

        ``part`` (aligned like ``values``) is what in the cell is wrong, when it is not the
        whole value."""
        rows = pd.Index(rows)
        if len(rows) == 0:
            return
        values = pd.Series(values, index=rows) if not np.isscalar(values) else values
        shown = _shown(values, rows)
        if not isinstance(problem, str):  # a message per row, aligned with the rows
            problem = np.asarray(problem, dtype=object)
        cells = ""
        if cell_letter is not None:
            letters = pd.Series(np.broadcast_to(np.asarray(cell_letter, dtype=object), len(rows)))
            cells = (letters + pd.Series(rows.astype(str))).to_numpy()
        self.frames.append(
            pd.DataFrame(
                {
                    "severity": severity,
                    "sheet": sheet,
                    "row": np.asarray(rows, dtype="float"),
                    "column": column,
                    "cell": cells,
                    "value": shown,
                    "part": shown if part is None else _shown(part, rows),
                    "problem": problem,
                    "fix": fix,
                }
            )
        )

    def frame(self) -> pd.DataFrame:
        if not self.frames:
            return empty_problems()
        out = pd.concat(self.frames, ignore_index=True)
        out["row"] = out["row"].astype("Int64")
        out["severity"] = pd.Categorical(out["severity"], SEVERITIES, ordered=True)
        return out.sort_values(["severity", "sheet", "row"], kind="stable", ignore_index=True)


def _shown(values, rows: pd.Index):
    """Values (one, or aligned with ``rows``) as the spreadsheet shows them."""
    if np.isscalar(values):
        return as_in_cell(values)
    return map_unique(pd.Series(values, index=rows), as_in_cell, "").to_numpy()


def as_in_cell(value) -> str:
    """A cell's value as the spreadsheet shows it: 12 not 12.0, a date as 2024-04-01."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat().removesuffix("T00:00:00")
    return str(value)


def empty_problems() -> pd.DataFrame:
    out = pd.DataFrame({c: pd.Series(dtype="string") for c in PROBLEM_COLUMNS})
    out["row"] = out["row"].astype("Int64")
    return out

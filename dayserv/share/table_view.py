"""What the Data tables page shows, as data: the table, the search and the chosen columns.

A view is read from the page's address (every value checked: a table or column the
portfolio does not have is left out with a note, never an error), written back to it so a
copied link reopens the same view, and said in words for the export's About sheet and in a
few words for its file name.

Pure: no Streamlit.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from dayserv.share import tables

TABLE_PARAM = "data_table"
SEARCH_PARAM = "data_search"
COLUMNS_PARAM = "data_columns"
PARAMS = (TABLE_PARAM, SEARCH_PARAM, COLUMNS_PARAM)
DEFAULT_TABLE = "services"
SEARCH_MAX = 200  # characters of a search kept from an address
_QUOTED_MAX = 60  # characters of an address's value quoted back in a note
_NAMED_MAX = 8  # columns named in a file's About rows before "and N more"


@dataclass(frozen=True)
class TableView:
    """One view of the Data tables page."""

    table: str = DEFAULT_TABLE
    search: str = ""
    columns: tuple[str, ...] | None = None  # the chosen columns; None: every column

    def params(self) -> dict[str, str | list[str]]:
        """The view in the page's address; what is as the page opens is left out."""
        params: dict[str, str | list[str]] = {}
        if self.table != DEFAULT_TABLE:
            params[TABLE_PARAM] = self.table
        if self.search:
            params[SEARCH_PARAM] = self.search
        if self.columns:  # none chosen shows no table: a link to it opens every column
            params[COLUMNS_PARAM] = list(self.columns)
        return params

    def query(self, others: Mapping[str, str | list[str]] | None = None) -> str:
        """The address's query for this view, after ``others`` (the sidebar's filters):
        "?locality=North&data_table=funding"."""
        params = {**(others or {}), **self.params()}
        return "?" + urlencode(params, doseq=True) if params else ""

    def about_rows(self, all_columns: Sequence[str]) -> list[tuple[str, str]]:
        """The view's columns for the "About this export" sheet (the table and the search
        have rows of their own)."""
        if self.columns is None:
            return [("Columns", f"all {len(all_columns):,} of the table's columns")]
        named = ", ".join(self.columns[:_NAMED_MAX])
        more = len(self.columns) - _NAMED_MAX
        if more > 0:
            named += f" and {more:,} more"
        return [("Columns", f"{len(self.columns):,} of {len(all_columns):,} chosen: {named}")]

    def file_parts(self) -> list[str]:
        """A few words for the file's name: the search and how many columns were chosen."""
        parts = []
        if self.search:
            parts.append(f"search {self.search[:24]}")
        if self.columns is not None:
            parts.append(f"{len(self.columns)} columns")
        return parts


def chosen(name: str, search: str, columns: Sequence[str], all_columns: Sequence[str]) -> TableView:
    """The view the page's widgets show (every column chosen is written as no choice)."""
    picked = [c for c in all_columns if c in set(columns)]
    every = len(picked) == len(all_columns)
    return TableView(name, (search or "").strip(), None if every else tuple(picked))


def _quoted(value: str) -> str:
    value = " ".join(value.split())
    return f"{value[:_QUOTED_MAX]}…" if len(value) > _QUOTED_MAX else value


def _clean(value: str) -> str:
    """Text from an address without control characters, its spaces made single."""
    kept = "".join(ch for ch in value if unicodedata.category(ch)[0] != "C")
    return " ".join(kept.split())


def _table_key(text: str) -> str:
    return re.sub(r"[\s-]+", "_", text.strip().lower())


def table_named(text: str) -> str | None:
    """The catalogue's table for ``text``: its name or its label, in any case
    ("good-practice", "Good practice", "KPIs" are not all one: "kpis" is)."""
    key = _table_key(text)
    for name, table in tables.CATALOGUE.items():
        if key in (name, _table_key(table.label)):
            return name
    return None


def from_params(
    params: Mapping[str, Sequence[str]], columns_of: Callable[[str], Sequence[str]]
) -> tuple[TableView, list[str]]:
    """The view an address asks for, and a note for each part of it that was left out.

    ``params`` maps each name to its values, as the address gives them;
    ``columns_of(table)`` gives the table's columns, to check the chosen ones against.
    """
    notes = []
    asked = [_clean(v) for v in params.get(TABLE_PARAM, ()) if _clean(v)]
    name = DEFAULT_TABLE
    if asked:
        found = table_named(asked[0])
        if found is None:
            notes.append(
                f'The link asks for a table called "{_quoted(asked[0])}", which is not one '
                f"of the tables here, so the {tables.label(DEFAULT_TABLE)} table is shown."
            )
        else:
            name = found

    search = next((_clean(v) for v in params.get(SEARCH_PARAM, ()) if _clean(v)), "")
    if len(search) > SEARCH_MAX:
        notes.append(
            f"The link's search was {len(search):,} characters long; its first "
            f"{SEARCH_MAX} are searched for."
        )
        search = search[:SEARCH_MAX].strip()

    all_columns = [str(c) for c in columns_of(name)]
    wanted = [_clean(v) for v in params.get(COLUMNS_PARAM, ()) if _clean(v)]
    columns = None
    if wanted:
        by_lower = {c.lower(): c for c in all_columns}
        unknown = list(dict.fromkeys(w for w in wanted if w.lower() not in by_lower))
        matched = {by_lower[w.lower()] for w in wanted if w.lower() in by_lower}
        if unknown:
            listed = ", ".join(f'"{_quoted(u)}"' for u in unknown[:5])
            if len(unknown) > 5:
                listed += f" and {len(unknown) - 5:,} more"
            label = tables.label(name)
            missing = f"The link names columns the {label} table does not have ({listed})"
            notes.append(
                f"{missing}: they are left out."
                if matched
                else f"{missing}, so every column is shown."
            )
        if matched:
            columns = chosen(name, search, sorted(matched), all_columns).columns
    return TableView(name, search, columns), notes

"""The Data tables page's Streamlit side: its view (table, search, chosen columns) kept in
the page's address, the column chooser, and the downloads of what is shown.

The address is read when it is not the one this page last wrote: a link opened, or the
page come back to. Its values are checked by ``table_view.from_params`` (a table or column
the portfolio does not have is left out, with a note on the page); from then on the
widgets hold the view, and each run writes it back, so a copied link reopens it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

import pandas as pd
import streamlit as st

from dayserv.app import state, widgets
from dayserv.app.downloads import Download, download_buttons
from dayserv.app.sidebar import AREA_WIDGET, FILTER_WIDGETS
from dayserv.figures.publication import Publication
from dayserv.share import table_view, tables
from dayserv.share.provenance import Provenance
from dayserv.share.table_view import COLUMNS_PARAM, PARAMS, SEARCH_PARAM, TABLE_PARAM, TableView

PAGE_PATH = "data"  # the address Streamlit gives pages/data.py
_WRITTEN = "data_view_written"  # session: the view's part of the address, as last written
_NOTES = "data_view_notes"  # session: (the view read from a link, what it left out)
# The sidebar's filters in the address, for the export's link to its view (not a share
# link's token, which is the viewer's own).
_FILTER_PARAMS = (
    "years",
    AREA_WIDGET[1][0],
    *(key for key, _, _ in FILTER_WIDGETS.values()),
    "publish",
    "threshold",
)


def table_of(name: str, publication: Publication) -> pd.DataFrame:
    """The table ``name`` of the portfolio shown, through the sidebar's filters, as it may
    be shown (counts of people hidden in publication mode)."""
    return tables.published(state.current_tables(), name, publication)


def columns_key(name: str) -> str:
    """The column chooser's key for the table ``name`` (each table keeps its own choice)."""
    return f"{COLUMNS_PARAM}_{name}"


def _address(keys: Sequence[str]) -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in keys if key in st.query_params}


def _as_lists(params: dict[str, str | list[str]]) -> dict[str, list[str]]:
    return {key: value if isinstance(value, list) else [value] for key, value in params.items()}


def open_view(columns_of: Callable[[str], Sequence[str]]) -> None:
    """Set the page's widgets to the view the address asks for, when it is not the view
    this page wrote there itself (``notes(view)`` then says what the address asked for that is
    not here)."""
    asked = _address(PARAMS)
    if st.session_state.get(_WRITTEN) == asked and TABLE_PARAM in st.session_state:
        return
    view, notes = table_view.from_params(asked, columns_of)
    st.session_state[TABLE_PARAM] = view.table
    st.session_state[SEARCH_PARAM] = view.search
    st.session_state[columns_key(view.table)] = list(view.columns or columns_of(view.table))
    st.session_state[_NOTES] = (view, notes)


def notes(view: TableView) -> list[str]:
    """What the link that opened this view asked for and is not here, while the view is
    still the one it opened."""
    read, left_out = st.session_state.get(_NOTES, (None, []))
    return left_out if read == view else []


def write_view(view: TableView) -> None:
    """Put the view in the page's address (what is as the page opens, left out)."""
    params = _as_lists(view.params())
    for key in PARAMS:
        if key in params:
            if st.query_params.get_all(key) != params[key]:
                st.query_params[key] = params[key]
        elif key in st.query_params:
            del st.query_params[key]
    st.session_state[_WRITTEN] = params


def link(view: TableView) -> str:
    """The address of this view with the sidebar's filters, to reopen it."""
    base = (st.context.url or "").rstrip("/")
    # The browser's address, without its query; it may or may not end with the page's path.
    page = base if base.endswith(f"/{PAGE_PATH}") else f"{base}/{PAGE_PATH}"
    return f"{page}{view.query(_address(_FILTER_PARAMS))}"


def _choose(key: str, columns: list[str]) -> None:
    st.session_state[key] = columns


def column_chooser(name: str, all_columns: list[str]) -> list[str]:
    """The columns chosen for the table ``name``, with a button to choose every column and
    one to clear the choice (then pick the few wanted)."""
    key = columns_key(name)
    held = st.session_state.get(key)
    # A choice kept from another portfolio may name columns this one does not have.
    st.session_state[key] = (
        all_columns if held is None else [c for c in held if c in set(all_columns)]
    )
    every, clear = st.columns(2)
    every.button(
        "All columns",
        icon=":material/select_all:",
        key=f"{key}_all",
        on_click=_choose,
        args=(key, all_columns),
        width="stretch",
    )
    clear.button(
        "Clear all",
        icon=":material/deselect:",
        key=f"{key}_clear",
        on_click=_choose,
        args=(key, []),
        width="stretch",
    )
    return st.multiselect(
        "Columns shown and downloaded",
        all_columns,
        key=key,
        placeholder="Choose the columns to show",
        persist_state="page",  # each table keeps its choice while another is looked at
    )


def download_row(
    shown: pd.DataFrame, view: TableView, all_columns: Sequence[str], provenance: Provenance
) -> None:
    """The downloads of what is shown: a plain CSV, the same CSV zipped with its About file,
    and Excel with its About sheet; each named for the table, the view and the filters."""
    name = view.table
    about_view = [*view.about_rows(all_columns), ("Link to this view", link(view))]
    parts = view.file_parts()
    csv_name = tables.file_name(name, "csv", provenance, parts)

    def build(fmt: str) -> Callable[[], bytes]:
        return partial(
            tables.export_now,
            name,
            shown,
            fmt,
            provenance,
            view.search,
            view=about_view,
            csv_name=csv_name,
        )

    too_big = tables.too_big_for_excel(shown)
    files = [
        Download(
            "Download CSV",
            build("csv"),
            csv_name,
            "text/csv",
            key="data_csv",
            what=tables.export_what(name, "csv"),
            help="The rows and columns shown, as a plain CSV (one heading row, then the "
            "rows) in UTF-8 for Excel. Where it came from is in its name, and in the About "
            "file of the zip beside it.",
        ),
        Download(
            "CSV + About (zip)",
            build("zip"),
            tables.file_name(name, "zip", provenance, parts),
            "application/zip",
            key="data_zip",
            what=tables.export_what(name, "zip"),
            icon=":material/folder_zip:",
            help="The same CSV, with a text file beside it saying what the Excel download's "
            "About sheet says: source, filters, search, columns, when it was produced and "
            "what each measure means.",
        ),
        Download(
            "Download Excel",
            build("xlsx"),
            tables.file_name(name, "xlsx", provenance, parts),
            widgets.XLSX_MIME,
            key="data_xlsx",
            what=tables.export_what(name, "xlsx"),
            disabled=too_big,
            help="More rows than an Excel sheet holds: download the CSV."
            if too_big
            else "The rows and columns shown, with an 'About this export' sheet: source, "
            "filters, search, columns, years, when it was produced and what each measure "
            "means.",
        ),
    ]
    download_buttons(files, key="data", align="right")

"""Data tables: every table of the portfolio for analysts, filtered, searchable, downloadable."""

from functools import partial

import streamlit as st

from dayserv.app import state, widgets
from dayserv.app.downloads import Download, download_buttons
from dayserv.share import tables
from dayserv.show import safe_text

st.title("Data tables")
widgets.page_notices()
widgets.filter_caption()
st.markdown(
    "Every table read from the workbook, and the measures worked out from it, to check, "
    "search and download. The command line writes the same files: "
    "`python -m dayserv export PATH --table services -o services.xlsx`."
)

picker, search_box, chooser = st.columns([2, 3, 1], vertical_alignment="bottom")
name = picker.selectbox(
    "Table",
    list(tables.CATALOGUE),
    format_func=tables.label,
    key="data_table",
    bind="query-params",
)
text = search_box.text_input(
    "Search",
    key="data_search",
    placeholder="Rows containing this text in any column",
    icon=":material/search:",
)
about = tables.CATALOGUE[name]
if about.filtered:
    st.caption(f"{about.description} {about.filter_note}")
else:
    st.caption(about.description)
    st.info(about.filter_note, icon=":material/filter_alt_off:")

publication = state.current_publication()
full = tables.published(state.current_tables(), name, publication)
with chooser.popover("Columns", icon=":material/view_column:", width="stretch"):
    columns = st.multiselect(
        "Columns shown and downloaded",
        list(full.columns),
        default=list(full.columns),
        key=f"data_columns_{name}",
    )
shown = tables.narrow(full, columns, text)
total = tables.total_rows(state.current_portfolio().tables, name)

count, buttons = st.columns([3, 2], vertical_alignment="center")
words = tables.rows_words(len(shown), len(full), total, text, about.filtered)
count.markdown(f"**{safe_text.markdown(words)}**")  # it quotes the search typed
if not columns:
    st.info("Choose at least one column to see the table.", icon=":material/view_column:")
    st.stop()

provenance = state.current_provenance()
csv = Download(
    "Download CSV",
    partial(tables.export_now, name, shown, "csv", provenance, text),
    tables.file_name(name, "csv", provenance),
    "text/csv",
    key="data_csv",
    what=tables.export_what(name, "csv"),
    help="The rows and columns shown, in UTF-8 for Excel.",
    width="stretch",
)
too_big = tables.too_big_for_excel(shown)
excel = Download(
    "Download Excel",
    partial(tables.export_now, name, shown, "xlsx", provenance, text),
    tables.file_name(name, "xlsx", provenance),
    widgets.XLSX_MIME,
    key="data_xlsx",
    what=tables.export_what(name, "xlsx"),
    disabled=too_big,
    help="More rows than an Excel sheet holds: download the CSV."
    if too_big
    else "The rows and columns shown, with an 'About this export' sheet: source, filters, "
    "years, when it was produced and what each measure means.",
    width="stretch",
)
with buttons:
    download_buttons([csv, excel], key="data")
if publication.on:
    st.caption(f"Publication mode {publication.words().lower()}, here and in the downloads.")
if len(shown) > tables.SCREEN_ROWS:
    st.caption(
        f"The first {tables.SCREEN_ROWS:,} rows are shown here; the downloads hold all "
        f"{len(shown):,}."
    )
st.dataframe(
    tables.for_screen(shown),
    hide_index=True,
    column_config={
        column: st.column_config.NumberColumn(format=fmt)
        for column, fmt in tables.screen_formats(name, shown).items()
    },
)

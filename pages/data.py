"""Data tables: every table of the portfolio for analysts, filtered, searchable, downloadable."""

from functools import partial

import streamlit as st

from dayserv import tables, ui

st.title("Data tables")
ui.page_notices()
ui.filter_caption()
st.markdown(
    "Every table the dashboard read from the workbook, and the measures it worked out, as "
    "tables to check, search and download. The command line gives the same files: "
    "`python -m dayserv export PATH --table services --format xlsx -o services.xlsx`."
)

picker, search_box = st.columns([1, 2], vertical_alignment="bottom")
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
    placeholder="Rows containing this text in any column, e.g. a service or provider",
    icon=":material/search:",
)
about = tables.CATALOGUE[name]
st.caption(about.description)
if about.filtered:
    st.caption(about.filter_note)
else:
    st.info(about.filter_note, icon=":material/filter_alt_off:")

filtered = ui.current_tables()
publication = ui.current_publication()
full = tables.published(filtered, name, publication)
with st.popover("Columns", icon=":material/view_column:"):
    columns = st.multiselect(
        "Columns shown and downloaded",
        list(full.columns),
        default=list(full.columns),
        key=f"data_columns_{name}",
    )
shown = tables.narrow(full, columns, text)
total = tables.total_rows(ui.current_portfolio().tables, name)
st.markdown(f"**{tables.rows_words(len(shown), len(full), total, text, about.filtered)}**")

if not columns:
    st.info("Choose at least one column to see the table.", icon=":material/view_column:")
    st.stop()
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

provenance = ui.current_provenance()
if publication.on:
    st.caption(f"Publication mode {publication.words().lower()}, here and in the downloads.")
csv_button, xlsx_button = st.columns(2)
csv_button.download_button(
    "Download CSV",
    data=partial(tables.export_now, name, shown, "csv", provenance, text),
    file_name=tables.file_name(name, "csv", provenance),
    mime="text/csv",
    on_click="ignore",
    icon=":material/download:",
    key="data_csv",
    help="The rows and columns shown, in UTF-8 for Excel.",
    width="stretch",
)
too_big = tables.too_big_for_excel(shown)
xlsx_button.download_button(
    "Download Excel (.xlsx)",
    data=partial(tables.export_now, name, shown, "xlsx", provenance, text),
    file_name=tables.file_name(name, "xlsx", provenance),
    mime=ui.XLSX_MIME,
    on_click="ignore",
    icon=":material/download:",
    key="data_xlsx",
    disabled=too_big,
    help="More rows than an Excel sheet holds: download the CSV."
    if too_big
    else "The rows and columns shown, with an 'About this export' sheet: source, filters, "
    "years, when it was produced and what each measure means.",
    width="stretch",
)

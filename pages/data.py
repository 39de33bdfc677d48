"""Data tables: every table of the portfolio for analysts, filtered, searchable, downloadable."""

import streamlit as st

from dayserv.app import data_page, state, widgets
from dayserv.catalogue import NOT_STATED
from dayserv.share import table_view, tables
from dayserv.show import safe_text

st.title("Data tables")
widgets.page_notices()
widgets.filter_caption()
st.markdown(
    "Every table read from the workbook, and the measures worked out from it, to check, "
    "search and download. The command line writes the same files: "
    "`python -m dayserv export PATH --table services -o services.xlsx`."
)
link_notes = st.container()

publication = state.current_publication()
data_page.open_view(lambda name: list(data_page.table_of(name, publication).columns))
picker, search_box, chooser = st.columns([2, 3, 1], vertical_alignment="bottom")
name = picker.selectbox(
    "Table", list(tables.CATALOGUE), format_func=tables.label, key=table_view.TABLE_PARAM
)
text = search_box.text_input(
    "Search",
    key=table_view.SEARCH_PARAM,
    placeholder="Rows containing this text in any column",
    icon=":material/search:",
)
about = tables.CATALOGUE[name]
if about.filtered:
    st.caption(f"{about.description} {about.filter_note}")
else:
    st.caption(about.description)
    st.info(about.filter_note, icon=":material/filter_alt_off:")

full = data_page.table_of(name, publication)
all_columns = list(full.columns)
with chooser.popover("Columns", icon=":material/view_column:", width="stretch"):
    columns = data_page.column_chooser(name, all_columns)
view = table_view.chosen(name, text, columns, all_columns)
data_page.write_view(view)
for note in data_page.notes(view):
    link_notes.warning(safe_text.markdown(note), icon=":material/link_off:")

shown = tables.narrow(full, columns, text)
total = tables.total_rows(state.current_portfolio().tables, name)

count, buttons = st.columns([2, 3], vertical_alignment="center")
words = tables.rows_words(len(shown), len(full), total, text, about.filtered)
count.markdown(f"**{safe_text.markdown(words)}**")  # it quotes the search typed
if not columns:
    st.info("Choose at least one column to see the table.", icon=":material/view_column:")
    st.stop()

with buttons:
    data_page.download_row(shown, view, all_columns, state.current_provenance())
empty = tables.empty_columns(shown)
if empty:
    st.caption(
        safe_text.markdown(
            f"Left out of the downloads because they are empty in these rows: {', '.join(empty)}."
        )
    )
if publication.on:
    st.caption(f"Publication mode {publication.words().lower()}, here and in the downloads.")
if len(shown) > tables.SCREEN_ROWS:
    st.caption(
        f"The first {tables.SCREEN_ROWS:,} rows are shown here; the downloads hold all "
        f"{len(shown):,}."
    )
st.space("small")  # room for the table's own toolbar, which shows above its top edge
st.dataframe(
    tables.for_screen(shown),
    hide_index=True,
    placeholder=NOT_STATED,  # a blank cell, named as the filters and charts name it
    column_config={
        column: st.column_config.NumberColumn(format=fmt)
        for column, fmt in tables.screen_formats(name, shown).items()
    },
)

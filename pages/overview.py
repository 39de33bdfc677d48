"""Overview: the six anticipated outcomes of seed 000, each with its headline measure."""

import streamlit as st

from dayserv import contract
from dayserv.app import state, widgets
from dayserv.app.targets_editor import targets_section
from dayserv.figures import formats, overview, summary
from dayserv.read import left_out
from dayserv.share.provenance import area_name, shown_area
from dayserv.show import line_charts, safe_text

portfolio = state.current_portfolio()
table = state.current_measures()

st.title("Anticipated outcomes")
widgets.page_notices()
paragraph = summary.portfolio_summary(
    table,
    state.current_targets(),
    state.current_tables()["services"],
    area=area_name(portfolio, shown_area(state.current())),
    chosen=state.current_filter(),
    left_out=left_out.left_out_of(portfolio, "services"),
)
st.markdown(safe_text.markdown(paragraph))
widgets.filter_caption()
widgets.meeting_pack_buttons("overview")

tiles = overview.outcome_tiles(table, state.current_targets())
for row in (tiles[:3], tiles[3:]):
    for column, tile in zip(st.columns(3, border=True), row, strict=True):
        with column:
            widgets.outcome_tile(tile)
targets_section()

st.subheader("Measures by year")
st.dataframe(
    overview.measures_table(table),
    hide_index=True,
    height="content",
    column_config={"Outcome": st.column_config.TextColumn(width="small")},
)
with st.expander("What the measures mean"):
    st.dataframe(overview.definitions_table(), hide_index=True, height="content")

st.subheader("One measure over the years")
measure = st.selectbox(
    "Measure",
    contract.MEASURES,
    index=contract.MEASURES.index("user_run_share"),
    format_func=formats.measure_name,
    key="overview_measure",
)
widgets.chart(line_charts.measure_line(table, measure), key="overview_trend", name=measure)

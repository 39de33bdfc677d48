"""Principle 6, more appropriately meet the needs of diverse groups (seed 000), and key
feature A5, engaging with under-represented and diverse groups (seed 002): which services
specifically serve each group, where the gaps are, and how that changed over the years."""

import streamlit as st

from dayserv import frameworks
from dayserv.app import state, widgets
from dayserv.contract import GROUPS
from dayserv.figures import groups, loaded
from dayserv.share.provenance import year_slug
from dayserv.show import heatmaps, line_charts

principle = frameworks.heading("P6")
feature = next(f for f in frameworks.FEATURES if f.id == "A5")

st.title("Diverse groups")
widgets.page_notices()
widgets.filter_caption()
st.markdown(
    f"##### Principle {principle.number}: *{principle.text}*  \n"
    f"Key feature {feature.id}: *{feature.text}*"
)
with st.expander("The key questions, and what good practice looks like"):
    st.markdown(
        f"**Principle {principle.number}: {principle.text}**\n"
        + "\n".join(f"- {q.text} ({q.id})" for q in frameworks.key_questions_for("P6"))
    )
    st.markdown(
        f"**Key feature {feature.id}: {feature.text}**: indicators\n"
        + "\n".join(f"- {indicator}" for indicator in feature.indicators)
    )

services = state.current_tables()["services"]
if not groups.has_groups(state.current_portfolio().services):
    widgets.no_sheet(
        "This page needs the **Groups served** column of the Services sheet: for each "
        "service, the diverse groups it specifically serves, separated by `;` ("
        + ", ".join(GROUPS)
        + "). Add it to your workbook (the blank template has it) and upload it again."
    )
    st.stop()
if services.empty:
    widgets.no_sheet("No services match the filters in the sidebar.")
    st.stop()

st.subheader("Where each group has a service")
shown_years = set(services["year"].astype(str).unique())
years = [year for year in loaded.years_found(state.current_portfolio()) if year in shown_years]
year = widgets.year_picker(years, "groups_year")
matrix = groups.group_matrix(services, year)
gaps = groups.group_gaps(matrix)
widgets.chart(
    heatmaps.marked_heatmap(
        matrix,
        row="locality",
        columns=list(GROUPS),
        title=groups.matrix_finding(matrix, gaps, year),
        x_title="Group served (number of services)",
        y_title="Locality",
        mark_text="gap",
    ),
    key="groups_matrix",
    name=f"groups-served-by-locality-{year}",
)
st.caption(
    "Each cell counts the services in the locality that specifically serve the group; "
    "**gap**: none does."
)
matrix_tab, gaps_tab = st.tabs(["Services per locality and group", f"Gaps ({len(gaps)})"])
with matrix_tab:
    widgets.detail_table(matrix, f"groups-by-locality-{year_slug(year)}", key="groups_matrix")
with gaps_tab:
    widgets.detail_table(gaps, f"group-gaps-{year_slug(year)}", key="groups_gaps")

st.subheader("Over the years")
by_year = groups.groups_by_year(services)
widgets.chart_with_table(
    line_charts.value_lines(
        by_year,
        x="year",
        category="group",
        value="services",
        dimension="group",
        title=groups.by_year_finding(by_year),
        y_title="Services serving the group",
        x_title="Financial year",
    ),
    by_year,
    ["year", "group"],
    key="groups_by_year",
    file_name="groups-by-year",
    folded=True,
)

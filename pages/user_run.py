"""Outcome 2, more user / ex-user run services (principle 4, key function 4)."""

import streamlit as st

from dayserv.app import outcome_page, state, widgets
from dayserv.figures import outcomes
from dayserv.show import bar_charts, formats, line_charts

view = outcome_page.outcome_view("O2", "user_run_share")
services, table, headline = view.services, view.table, view.headline
view.trend_chart("user_run_share", "user_run_trend", headline["target"])

st.subheader("The money going to user-run services")
st.caption(
    "The headline counts services, as the outcome asks for more of them. This is the share "
    "of Annual funding they receive: a year is drawn only where every service has a figure."
)
view.trend_chart(
    "user_run_funding_share", "user_run_funding_trend", state.target("user_run_funding_share")
)

st.subheader("User-run and partly user-run services")
by_year = outcomes.user_run_by_year(services)
shares = outcomes.user_run_long(by_year)
widgets.chart_with_table(
    line_charts.share_lines(
        shares,
        x="year",
        category="user_run",
        value="share",
        dimension="user_run",
        title=formats.trend_finding(table, "user_involved_share"),
        y_title="Share of services (%)",
    ),
    by_year,
    ["year"],
    key="user_run_lines",
    file_name="user-run-by-year",
    headline=headline,
)

st.subheader("By locality")
by_locality = outcomes.user_run_by_locality(services)
latest = outcomes.latest_year_rows(by_locality)
widgets.chart_with_table(
    bar_charts.ranked_bars(
        latest,
        label="locality",
        value="user_run_share",
        title=outcomes.locality_finding(latest, "user_run_share"),
        x_title="User-run share of services (%)",
        value_format=".0%",
    ),
    by_locality,
    ["locality"],
    key="user_run_locality",
    file_name="user-run-by-locality",
    headline=headline,
)

st.subheader("The user-run services")
widgets.detail_table(outcomes.user_run_services(services), "user-run-services", key="user_run_list")

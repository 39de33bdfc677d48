"""Outcome 2, more user / ex-user run services (principle 4, key function 4)."""

import streamlit as st

from dayserv import catalogue
from dayserv.app import outcome_page, state, widgets
from dayserv.figures import findings, outcomes
from dayserv.show import bar_charts, line_charts

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
hint = catalogue.measure("user_run_share").no_data_hint
by_year = outcomes.user_run_by_year(services)
shares = outcomes.user_run_long(by_year)
empty = findings.empty_chart_words(shares, "share", "User-run and partly user-run services", hint)
if empty:
    outcome_page.message_card(empty)
else:
    bases = outcomes.measure_bases(view.coverage, "user_run_share")
    widgets.chart_with_table(
        line_charts.share_lines(
            shares,
            x="year",
            category="user_run",
            value="share",
            dimension="user_run",
            title=findings.user_run_finding(shares),
            y_title="Share of services (%)",
            bases=bases,
        ),
        by_year,
        ["year"],
        key="user_run_lines",
        file_name="user-run-by-year",
        headline=headline,
    )
    outcome_page.small_base_caption(outcomes.small_bases(bases))

st.subheader("By locality")
by_locality = outcomes.user_run_by_locality(services)
latest = outcomes.latest_year_rows(by_locality)
empty = findings.empty_chart_words(latest, "user_run_share", "By locality", hint)
if empty:
    outcome_page.message_card(empty)
else:
    small = outcomes.small_groups(latest, "locality")
    widgets.chart_with_table(
        bar_charts.ranked_bars(
            latest,
            label="locality",
            value="user_run_share",
            title=findings.locality_finding(latest, "user_run_share"),
            x_title="User-run share of services (%)",
            value_format=".0%",
            small=small,
        ),
        by_locality,
        ["locality"],
        key="user_run_locality",
        file_name="user-run-by-locality",
        headline=headline,
    )
    outcome_page.small_base_caption(small)

st.subheader("The user-run services")
widgets.detail_table(outcomes.user_run_services(services), "user-run-services", key="user_run_list")

"""Outcome 5, from costly buildings to outreach and mainstream settings."""

import streamlit as st

from dayserv.app import outcome_page, state, widgets
from dayserv.figures import balances, formats

outcome_page.balance_page("O5")

money = balances.building_money(state.current_tables()["services"])
if not money.empty and money["building_funding"].notna().any():
    st.subheader("Money in building-based delivery")
    latest = money.iloc[-1]
    st.metric(
        f"Funding spent on building-based delivery, {latest['year']}",
        formats.format_money(latest["building_funding"]),
        help="Each service's Annual funding x its Building-based %, added up.",
        border=True,
    )
    st.markdown(balances.building_money_words(money))
    widgets.detail_table(money, "building-money", key="o5_money")

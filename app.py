"""dayserv: the entry point. Navigation and the sidebar every page shares; nothing else."""

import streamlit as st

from dayserv import ui

# First, before anything is drawn: Streamlit would take pages/ for its old page discovery.
ui.use_explicit_navigation()

st.set_page_config(page_title="dayserv", page_icon=":material/diversity_3:", layout="wide")

page = st.navigation(
    [
        st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
        st.Page("pages/data_quality.py", title="Data quality", icon=":material/fact_check:"),
    ]
)
loaded = ui.portfolio_sidebar()
ui.filter_sidebar(loaded.portfolio)
page.run()

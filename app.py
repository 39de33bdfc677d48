"""dayserv: the entry point. Navigation and the sidebar every page shares; nothing else."""

from pathlib import Path

import streamlit as st

from dayserv.app import sidebar, state, widgets
from dayserv.store import rounds

# A file of the app's own, which Streamlit inlines: a Material icon as page_icon would make
# every browser fetch it from a font CDN (fonts.gstatic.com), outside the council's network.
PAGE_ICON = Path(__file__).with_name("dayserv") / "app" / "favicon.svg"

# First, before anything is drawn: Streamlit would take pages/ for its old page discovery.
state.use_explicit_navigation()

# A provider's round link (?submit=TOKEN) opens its return's page alone: no sidebar, no
# portfolio, no other page to reach.
if rounds.PARAMETER in st.query_params:
    st.set_page_config(page_title="dayserv: send a return", page_icon=PAGE_ICON)
    st.navigation([st.Page("pages/submit.py", title="Send a return")], position="hidden").run()
    st.stop()

st.set_page_config(page_title="dayserv", page_icon=PAGE_ICON, layout="wide")

page = st.navigation(
    {
        "Portfolio": [
            st.Page(
                "pages/overview.py", title="Overview", icon=":material/dashboard:", default=True
            ),
            st.Page("pages/present.py", title="Present to a forum", icon=":material/co_present:"),
            st.Page("pages/areas.py", title="Saved areas", icon=":material/folder_open:"),
            st.Page("pages/compare.py", title="Compare areas", icon=":material/compare_arrows:"),
            st.Page("pages/plan.py", title="Plan the changes", icon=":material/timeline:"),
        ],
        "Anticipated outcomes": [
            st.Page(
                "pages/providers.py", title="1 Range of providers", icon=":material/diversity_3:"
            ),
            st.Page("pages/user_run.py", title="2 User-run services", icon=":material/groups:"),
            st.Page("pages/funding.py", title="3 Funding sources", icon=":material/payments:"),
            st.Page("pages/vocational.py", title="4 Social to vocational", icon=":material/work:"),
            st.Page(
                "pages/buildings.py", title="5 Buildings to outreach", icon=":material/home_work:"
            ),
            st.Page("pages/support.py", title="6 Group to individual", icon=":material/person:"),
        ],
        "Assessments": [
            st.Page("pages/benchmark.py", title="Benchmark", icon=":material/checklist:"),
            st.Page("pages/good_practice.py", title="Good practice", icon=":material/verified:"),
            st.Page("pages/checklist.py", title="Commissioners' checklist", icon=":material/quiz:"),
        ],
        "Access and returns": [
            st.Page(
                "pages/access.py", title="Access and opening hours", icon=":material/schedule:"
            ),
            st.Page(
                "pages/diverse_groups.py", title="Diverse groups", icon=":material/diversity_1:"
            ),
            st.Page(
                "pages/performance.py",
                title="Performance returns (KPIs)",
                icon=":material/monitoring:",
            ),
        ],
        "Data": [
            st.Page("pages/data.py", title="Data tables", icon=":material/table:"),
            st.Page("pages/data_quality.py", title="Data quality", icon=":material/fact_check:"),
        ],
    },
    expanded=True,  # every page in view: a forum should not have to hunt for one
)
# No module-level name for the portfolio: Streamlit keeps the last run's module as __main__,
# which would hold the last portfolio shown after its session has closed.
sidebar.filter_sidebar(sidebar.portfolio_sidebar().portfolio)
try:
    page.run()
except Exception:  # a fault of a page's shows a sentence, never a traceback; the log keeps it
    widgets.page_failed(page.title)

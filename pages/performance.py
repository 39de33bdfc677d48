"""The quarterly performance returns of seed 004 section 10: the measures R1 to R12 per
provider and quarter, which returns are missing, each measure's trend, and how providers
compare on it in the latest quarter."""

import streamlit as st

from dayserv.app import collect_view, state, widgets
from dayserv.contract import KPI_IDS
from dayserv.figures import returns
from dayserv.show import bar_charts, heatmaps, line_charts

st.title("Performance returns (KPIs)")
widgets.page_notices()
widgets.filter_caption()
st.markdown(
    "##### Performance monitoring: *the measures R1 to R12, submitted on a quarterly basis* "
    "(the day opportunities specification, section 10)"
)

portfolio = state.current_portfolio()
# Returns sent by link to the saved area shown replace the workbook's for their quarters.
returned = collect_view.area_submissions(state.current())
kpis = collect_view.kpis_shown(
    state.current(), state.current_filter(), state.current_tables()["kpis"], returned
)
collect_view.owner_section(state.current())
collect_view.record_section(state.current(), returned)
if (not portfolio.has("kpis") or portfolio.tables["kpis"].empty) and not returned:
    widgets.no_sheet(
        "This page needs a **KPIs** sheet: the quarterly performance returns, a row per "
        "provider, quarter and measure, with the columns `Provider`, `Year`, `Quarter` "
        "(`Q1` to `Q4`), `KPI` (`R1` to `R12`) and `Value`. The blank template has the "
        "sheet: fill it in and upload your workbook again."
    )
    st.stop()
if kpis.empty:
    widgets.no_sheet("No returns from the providers that match the filters in the sidebar.")
    st.stop()

st.subheader("Which returns are missing")
table = returns.completeness(kpis)
grid = returns.completeness_grid(table)
periods = returns.quarters(kpis)
widgets.chart(
    heatmaps.marked_heatmap(
        grid,
        row="provider",
        columns=periods,
        title=returns.completeness_finding(table),
        x_title=f"Quarter (KPIs returned, of {returns.EXPECTED})",
        y_title="Provider",
        zmax=returns.EXPECTED,
        mark_text="none",
    ),
    key="kpis_completeness",
    name="kpi-returns-made",
)
missing = returns.missing_returns(kpis)
with st.expander(f"The {len(missing):,} missing returns, listed"):
    widgets.detail_table(missing, "missing-returns", key="kpis_missing")

st.subheader("One measure, provider by provider")
kpi = st.selectbox(
    "Measure",
    list(KPI_IDS),
    format_func=lambda k: f"{k}: {returns.measure(k)}",
    key="kpis_measure",
)
st.markdown(f"**{kpi}**: *{returns.measure(kpi)}*")
publication = state.current_publication()
values = returns.kpi_table(kpis, kpi)
hidden = returns.hidden_values(values, kpi, publication)
widgets.chart(
    heatmaps.marked_heatmap(
        values,
        row="provider",
        columns=periods,
        title=returns.table_finding(values, kpi),
        x_title=f"Quarter ({kpi}, value returned)",
        y_title="Provider",
        mark="missing",
        mark_text="missing",
        hover_format=",.1f",
        hidden=hidden,
        hidden_text=publication.small,
    ),
    key="kpis_table",
    name=f"{kpi}-by-quarter",
)
if note := returns.hidden_words(int(hidden.sum().sum()), publication):
    st.caption(note)
widgets.detail_table(
    returns.published(values, kpi, publication), f"{kpi.lower()}-by-quarter", key="kpis_values"
)

trend_tab, compare_tab = st.tabs(["Trend over the quarters", "Providers compared, latest quarter"])
with trend_tab:
    trend = returns.kpi_trend(kpis, kpi)
    drawn = returns.drawable(trend, kpi, publication)
    left_out = len(trend) - len(drawn)
    if note := returns.hidden_words(left_out, publication):
        st.caption(note)
    widgets.chart_with_table(
        line_charts.value_lines(
            drawn,
            x="period",
            category="provider",
            value="value",
            title=returns.trend_finding(drawn, kpi, hidden=left_out),
            y_title=f"{kpi} (value returned)",
            x_title="Quarter",
            value_format=",.4g",
        ),
        returns.published(trend, kpi, publication),
        ["period", "provider"],
        key="kpis_trend",
        file_name=f"{kpi.lower()}-trend",
        folded=True,
    )
with compare_tab:
    latest = returns.latest_comparison(kpis, kpi)
    drawn = returns.drawable(latest, kpi, publication)
    left_out = len(latest) - len(drawn)
    if note := returns.hidden_words(left_out, publication):
        st.caption(note)
    widgets.chart_with_table(
        bar_charts.ranked_bars(
            drawn,
            label="provider",
            value="value",
            title=returns.comparison_finding(drawn, kpi, hidden=left_out),
            x_title=f"{kpi} (value returned)",
            value_format=",.4g",
            y_title="Provider",
        ),
        returns.published(latest, kpi, publication),
        ["provider"],
        key="kpis_latest",
        file_name=f"{kpi.lower()}-latest",
    )

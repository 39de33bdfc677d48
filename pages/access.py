"""Access and opening hours: is support there outside Monday to Friday 9 to 5?"""

import streamlit as st

from dayserv.app import state, widgets
from dayserv.figures import access
from dayserv.share.provenance import year_slug
from dayserv.show import bar_charts, heatmaps, line_charts, safe_text

st.title("Access and opening hours")
widgets.page_notices()
widgets.filter_caption()
st.caption(
    "The commissioners' checklist asks: “Is support available outside of Monday to Friday "
    "9 to 5?” The day opportunities specification sets seven days a week, 8am to 10pm."
)

services = state.current_tables()["services"]
years = sorted(services["year"].dropna().unique())
if not years:
    widgets.no_sheet("No services are left in the current filter.")
    st.stop()

st.subheader("When services are open")
if access.has_hours(services):
    left, right = st.columns(2)
    year = widgets.year_picker(years, "access_year", left)
    basis = right.segmented_control(
        "Count", ["Services", "Places"], default="Services", key="access_basis"
    )
    weight = "places" if basis == "Places" else "services"
    grid = access.week_grid(services, weight, year)
    widgets.chart(
        heatmaps.week_heatmap(grid, access.grid_finding(grid, year, weight), weight),
        key="access_heatmap",
        name=f"opening-hours-{weight}-{year}",
    )
    st.caption(
        "A service counts in an hour when it is open for any part of it. Services that give "
        "no hours are left out of this chart."
    )
    with st.expander("The figures behind this chart"):
        widgets.detail_table(
            access.grid_table(grid), f"open-hours-{year_slug(year)}", "access_grid"
        )

    st.subheader("Hours of 8am–10pm with no service open, by locality")
    gaps = access.locality_gaps(services, year)
    if gaps.empty:
        st.success("In every locality some service is open in every hour of 8am–10pm.")
    else:
        st.markdown(safe_text.markdown_list(access.gap_sentences(gaps)))
        widgets.detail_table(gaps, f"access-gaps-{year_slug(year)}", "access_gaps")
else:
    widgets.no_sheet(
        "This workbook gives no opening hours. Add columns Mon, Tue, Wed, Thu, Fri, Sat and "
        "Sun to the Services sheet, with hours such as 09:00-17:00, 9am-5pm or closed, to "
        "switch on the week-by-hour chart and the gaps in each locality's week."
    )

st.subheader("Evenings, weekends, self-referral and drop-in")
shares = access.access_shares(services)
if shares["services_known"].sum() == 0:
    widgets.no_sheet(
        "The workbook says nothing about access: add the Services columns Evenings, "
        "Weekends, Self-referral and Drop-in (Yes or No), or the opening hours Mon to Sun."
    )
    st.stop()
per = st.segmented_control(
    "Share of", ["Services", "Places"], default="Services", key="access_share_basis"
)
value = "places_share" if per == "Places" else "share"
latest = years[-1]
widgets.chart_with_table(
    line_charts.shares_chart(shares, access.shares_finding(shares, latest, value), value),
    shares,
    ["year", "feature"],
    key="access_shares",
    file_name="access-shares",
)
st.caption(
    "Evenings means open after 5pm on a weekday. Evenings and weekends come from the "
    "opening hours where a service gives them, otherwise from its Evenings and Weekends "
    "columns. Each share is over the services that say."
)

by_locality = access.access_shares(services, ("year", "locality"))
locality_year = widgets.year_picker(years, "access_locality_year")
widgets.chart_with_table(
    bar_charts.locality_chart(
        by_locality, locality_year, access.locality_finding(by_locality, locality_year)
    ),
    by_locality.loc[by_locality["year"].eq(locality_year)],
    ["locality", "feature"],
    key="access_localities",
    file_name=f"access-by-locality-{year_slug(locality_year)}",
)

st.subheader("Each service")
widgets.detail_table(access.service_table(services), "access-services", "access_services")

"""Outcome 1, an increasing range of providers: diversity, concentration, who enters and leaves."""

import streamlit as st

from dayserv import catalogue
from dayserv.app import outcome_page, state, widgets
from dayserv.figures import findings, outcomes
from dayserv.share.provenance import year_slug
from dayserv.show import bar_charts

view = outcome_page.outcome_view("O1", "provider_diversity")
services, table, headline = view.services, view.table, view.headline
without_sector = findings.without_sector_words(table)
if without_sector:
    st.caption(without_sector)
view.trend_chart("provider_diversity", "providers_diversity", headline["target"])
view.trend_chart("providers", "providers_count", state.target("providers"))

st.subheader("Services and funding by sector")
basis = st.segmented_control(
    "Count", ["Services", "Funding"], default="Services", key="providers_basis"
)
scale = st.segmented_control(
    "Show", ["Number", "Share (100%)"], default="Share (100%)", key="providers_scale"
)
mix = outcomes.sector_mix(services)
value = {"Services": "services", "Funding": "funding"}[basis or "Services"]
percent = scale == "Share (100%)"
empty = findings.empty_chart_words(
    mix,
    value,
    f"{basis or 'Services'} by sector",
    catalogue.measure("hhi" if value == "funding" else "provider_diversity").no_data_hint,
)
if empty:
    outcome_page.message_card(empty)
else:
    widgets.chart_with_table(
        bar_charts.stacked_bars(
            mix,
            x="year",
            category="sector",
            value=value,
            dimension="sector",
            percent=percent,
            title=findings.sector_finding(mix, value),
            y_title={"services": "Services", "funding": "Annual funding (£)"}[value],
            unit={"services": " services", "funding": "£"}[value],
            of=value,
        ),
        mix,
        ["year", "sector"],
        key="providers_sector_mix",
        file_name="sector-mix",
        headline=headline,
    )

st.subheader("Concentration of funding")
view.trend_chart("hhi", "providers_hhi", hhi=True)
years = list(table.index)
if years:
    year = widgets.year_picker(years, "providers_year")
    largest = outcomes.largest_providers(services, year, top=10)
    empty = findings.empty_chart_words(
        largest,
        "share_of_funding",
        f"The largest providers in {year}",
        catalogue.measure("hhi").no_data_hint,
    )
    if empty:
        outcome_page.message_card(empty)
    else:
        widgets.chart_with_table(
            bar_charts.ranked_bars(
                largest,
                label="provider",
                value="share_of_funding",
                title=findings.largest_finding(largest, year),
                x_title="Share of the year's funding (%)",
                value_format=".0%",
            ),
            largest,
            ["provider"],
            key="providers_largest",
            file_name=f"largest-providers-{year_slug(year)}",
            headline=headline,
        )

st.subheader("Providers entering and leaving")
changes = outcomes.provider_changes(services)
if changes.empty:
    st.caption("No provider entered or left between the years shown.")
else:
    st.markdown(findings.changes_words(changes, services))
    widgets.detail_table(changes, "provider-changes", key="providers_changes")

"""Outcome 3, wider use of additional funding sources."""

import streamlit as st

from dayserv import catalogue
from dayserv.app import outcome_page, widgets
from dayserv.figures import findings, outcomes
from dayserv.share.provenance import year_slug
from dayserv.show import bar_charts

view = outcome_page.outcome_view("O3", "non_core_funding_share")
services, funding, table, headline = view.services, view.funding, view.table, view.headline

if funding.empty:
    widgets.no_sheet(
        "This page needs a Funding sheet: one row per service, year and source (Service, "
        "Year, Source, Amount). The template has it; add it and upload the workbook again."
    )
else:
    view.trend_chart("non_core_funding_share", "funding_trend", headline["target"])
    st.subheader("Where the money comes from")
    scale = st.segmented_control(
        "Show", ["Amount (£)", "Share (100%)"], default="Share (100%)", key="funding_scale"
    )
    by_source = outcomes.funding_by_source(services, funding)
    empty = findings.empty_chart_words(
        by_source,
        "share",
        "Where the money comes from",
        catalogue.measure("non_core_funding_share").no_data_hint,
    )
    if empty:
        outcome_page.message_card(empty)
    else:
        widgets.chart_with_table(
            bar_charts.stacked_bars(
                by_source,
                x="year",
                category="source",
                value="share" if scale != "Amount (£)" else "amount",
                dimension="source",
                percent=scale != "Amount (£)",
                title=findings.source_finding(by_source),
                y_title="Share of funding (%)" if scale != "Amount (£)" else "Funding (£)",
                unit="£" if scale == "Amount (£)" else "",
                of="funding",
            ),
            by_source,
            ["year", "source"],
            key="funding_sources",
            file_name="funding-by-source",
            headline=headline,
        )
    st.subheader("Service by service")
    years = list(table.index)
    year = widgets.year_picker(years, "funding_year")
    widgets.detail_table(
        outcomes.funding_sources_by_service(services, funding, year),
        f"funding-by-service-{year_slug(year)}",
        key="funding_services",
    )

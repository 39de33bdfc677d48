"""Identifying good 'socially inclusive' practice (seed 002): each service's ratings on
the 7 key features and the outcomes item, with the guide's indicators and questions."""

import streamlit as st

from dayserv import frameworks
from dayserv.app import state, widgets
from dayserv.figures import filters, practice_ratings, slices
from dayserv.share.provenance import year_slug
from dayserv.show import bar_charts, heatmaps

st.title("Good practice: socially inclusive day services")
widgets.page_notices()
widgets.filter_caption()
st.markdown(
    f"> *{practice_ratings.GOOD_PRACTICE_INTRO}*  \n"
    f"> *{practice_ratings.GOOD_PRACTICE_CAUTION}*  \n"
    "> — *Identifying Good 'Socially Inclusive' Practice in Mental Health Day Services*"
)

good_practice = state.current_tables()["good_practice"]
if good_practice.empty:
    if state.current_portfolio().tables["good_practice"].empty:
        widgets.no_sheet(practice_ratings.NO_GOOD_PRACTICE)
    else:
        widgets.no_sheet(filters.FILTERED_OUT.format(what="good practice ratings"))
    st.stop()

years = slices.years_of(good_practice)
year = widgets.year_picker(years, "good_practice_year", st.columns(3)[0])
file_year = year_slug(year)
grid = practice_ratings.practice_grid(good_practice, year)
counts = practice_ratings.practice_counts(grid)

st.subheader("Ratings, service by service")
widgets.chart_with_table(
    heatmaps.rating_grid(
        grid,
        row="service",
        column="feature",
        rating="rating",
        column_labels=practice_ratings.FEATURE_AXIS_LABELS,
        hover="evidence",
        title=practice_ratings.grid_finding(grid),
        x_title="Key feature (A1–A7) and outcomes (B)",
        y_title="Service",
    ),
    grid,
    ["service", "feature"],
    key="good_practice_grid",
    file_name=f"good-practice-{file_year}",
)

st.subheader("How many services show each feature")
widgets.chart_with_table(
    bar_charts.stacked_bars(
        counts,
        x="label",
        category="rating",
        value="services",
        dimension="rating",
        horizontal=True,
        text="value",
        title=practice_ratings.practice_finding(counts),
        x_title="Key feature",
        y_title="Services (count)",
        unit="services",
    ),
    counts,
    ["label", "rating"],
    key="good_practice_counts",
    file_name=f"good-practice-counts-{file_year}",
    folded=True,
)

st.subheader("What to look for: the guide's indicators and questions")
for feature in frameworks.FEATURES:
    summary = practice_ratings.feature_summary(counts, feature.id)
    with st.expander(f"**{practice_ratings.feature_label(feature.id)}** — {summary}"):
        indicators, providers, users = st.columns(3)
        indicators.markdown(practice_ratings.bullet_list("Indicators", feature.indicators))
        providers.markdown(
            practice_ratings.bullet_list("Questions for providers", feature.provider_questions)
        )
        users.markdown(
            practice_ratings.bullet_list("Questions for service users", feature.user_questions)
        )
        widgets.detail_table(
            practice_ratings.feature_notes(grid, feature.id),
            f"good-practice-{feature.id}-{file_year}",
            key=f"good_practice_notes_{feature.id}",
        )

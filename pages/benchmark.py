"""Where are you at? The benchmark for modernising mental health day services (seed 001):
section scores, how services answered, the gaps, perspectives, peers and coverage."""

import streamlit as st

from dayserv.app import benchmark_rounds, state, widgets
from dayserv.figures import benchmarking, comparisons, filters, slices
from dayserv.figures.measures import section_scores
from dayserv.share.provenance import year_slug
from dayserv.show import bar_charts, benchmark_bars, heatmaps, safe_text

st.title("Where are you at? Benchmark")
widgets.page_notices()
widgets.filter_caption()
st.markdown(f"> *{benchmarking.SEED_QUOTE}*  \n> — *Where are you at?*")
st.markdown(f"Response key: {benchmarking.response_key()}")

# Answers saved by link to the saved area shown replace the workbook's for their groups.
answered = benchmark_rounds.area_answers(state.current())
benchmark = benchmark_rounds.answers_shown(
    state.current(), state.current_filter(), state.current_tables()["benchmark"], answered
)
benchmark_rounds.owner_section(state.current())
benchmark_rounds.record_section(state.current(), answered)
if benchmark.empty:
    if state.current_portfolio().benchmark.empty and not answered:
        widgets.no_sheet(benchmarking.NO_BENCHMARK)
    else:
        widgets.no_sheet(filters.FILTERED_OUT.format(what="benchmark answers"))
    st.stop()

years = slices.years_of(benchmark)
year = widgets.year_picker(years, "benchmark_year", st.columns(3)[0])
answers = slices.in_year(benchmark, year)
file_year = year_slug(year)

# Only the open tab is worked out and drawn (all six took 2.1 s a rerun at 20,000 services).
scores_tab, answers_tab, gaps_tab, views_tab, peers_tab, coverage_tab = widgets.lazy_tabs(
    ["Section scores", "Answers", "Gaps", "Perspectives", "Peers and change", "Coverage"],
    key="benchmark_tab",
    kept=(
        "benchmark_sort",
        "benchmark_section",
        "benchmark_gap_statement",
        "benchmark_views_service",
        "benchmark_peer_service",
    ),
)

if scores_tab.open:
    with scores_tab:
        sort_by = st.columns([2, 1])[0].selectbox(
            "Sort services by",
            [benchmarking.OVERALL, *benchmarking.SECTION_LABELS],
            key="benchmark_sort",
        )
        matrix = benchmarking.score_matrix(benchmark, year, sort_by)
        drawn, left_out = benchmarking.top_and_bottom(matrix, benchmarking.HEATMAP_SERVICES)
        if left_out:
            st.caption(
                f"The chart shows the {benchmarking.HEATMAP_SERVICES} highest and "
                f"{benchmarking.HEATMAP_SERVICES} lowest of {len(matrix):,} services by "
                f"{sort_by}; the table below has them all."
            )
        widgets.chart(
            heatmaps.heatmap(
                drawn,
                row="service",
                columns=[*benchmarking.SECTION_LABELS, benchmarking.OVERALL],
                title=benchmarking.score_finding(matrix),
                x_title="Benchmark section: score 0–100, darker is higher",
                y_title="Service",
                gap_after=benchmarking.HEATMAP_SERVICES if left_out else None,
                gap_label=f"… {left_out:,} more services …",
            ),
            key="benchmark_heatmap",
            name=f"benchmark-section-scores-{file_year}",
        )
        st.caption(benchmarking.SCORE_DEFINITION)
        widgets.detail_table(matrix, f"benchmark-scores-{file_year}", key="benchmark_scores")

if answers_tab.open:
    with answers_tab:
        by_section = benchmarking.response_distribution(answers)
        widgets.chart_with_table(
            benchmark_bars.diverging_bars(
                by_section,
                key="section",
                label="label",
                title=benchmarking.distribution_finding(by_section),
                y_title="Benchmark section",
            ),
            by_section,
            ["section", "response"],
            key="benchmark_answers",
            file_name=f"benchmark-answers-{file_year}",
            folded=True,
        )
        sections = benchmarking.sections_of(answers)
        worst = benchmarking.worst_section(by_section)
        section = st.selectbox(
            "Statement by statement, in section",
            sections,
            index=sections.index(worst) if worst in sections else 0,
            format_func=benchmarking.section_label,
            key="benchmark_section",
        )
        by_statement = benchmarking.response_distribution(answers, by="statement", section=section)
        widgets.chart_with_table(
            benchmark_bars.diverging_bars(
                by_statement,
                key="statement",
                label="label",
                hover="text",
                title=benchmarking.distribution_finding(by_statement),
                y_title="Statement",
            ),
            by_statement,
            ["statement", "response"],
            key="benchmark_statements",
            file_name=f"benchmark-answers-section-{section}-{file_year}",
            folded=True,
        )

if gaps_tab.open:
    with gaps_tab:
        top = benchmarking.gaps(answers, top=10)
        if top.empty:
            st.info(benchmarking.gaps_finding(top))
        else:
            widgets.chart_with_table(
                bar_charts.ranked_bars(
                    top,
                    label="label",
                    value="gap_answers",
                    title=benchmarking.gaps_finding(top),
                    x_title="'Not particularly' or 'not at all' answers (count)",
                    y_title="Statement",
                ),
                top,
                ["label"],
                key="benchmark_gaps",
                file_name=f"benchmark-gaps-{file_year}",
            )
            statement = st.selectbox(
                "Which services answered this statement 'not particularly' or 'not at all'?",
                top["statement"].to_list(),
                format_func=benchmarking.statement_label,
                key="benchmark_gap_statement",
            )
            st.markdown(f"**{statement}** {benchmarking.statement_text(statement)}")
            widgets.detail_table(
                benchmarking.gap_services(answers, statement),
                f"benchmark-gap-{statement}-{file_year}",
                key="benchmark_gap_services",
            )

if views_tab.open:
    with views_tab:
        if not benchmarking.has_respondents(answers):
            widgets.no_sheet(benchmarking.NO_RESPONDENTS)
        else:
            everyone = "All services shown"
            chosen = st.selectbox(
                "Whose answers",
                [everyone, *slices.services_of(answers)],
                key="benchmark_views_service",
            )
            views_of = slices.for_service(answers, None if chosen == everyone else chosen)
            views = comparisons.perspectives(views_of)
            widgets.chart_with_table(
                bar_charts.grouped_bars(
                    views,
                    key="section",
                    label="label",
                    category="respondent",
                    value="score",
                    dimension="respondent",
                    title=comparisons.perspective_finding(views),
                    x_title="Mean score of the group's answers (0–100)",
                    y_title="Benchmark section",
                ),
                benchmarking.for_display(views),
                ["section", "respondent"],
                key="benchmark_views",
                file_name=f"benchmark-perspectives-{file_year}",
                folded=True,
            )
            flags = comparisons.discussion_flags(views_of)
            st.subheader(comparisons.flags_heading(flags))
            st.caption(comparisons.FLAGS_DEFINITION)
            widgets.detail_table(
                flags, f"benchmark-for-discussion-{file_year}", key="benchmark_flags"
            )
            with st.expander("Every statement, group by group"):
                widgets.detail_table(
                    comparisons.discussion_flags(views_of, threshold=0),
                    f"benchmark-perspectives-statements-{file_year}",
                    key="benchmark_views_statements",
                )

if peers_tab.open:
    with peers_tab:
        peers = comparisons.peer_table(section_scores(benchmark), year)
        services = slices.services_of(peers)
        if not services:
            st.info("No service has a section score this year: every answer was N/A or blank.")
        else:
            service = st.selectbox("Service", services, key="benchmark_peer_service")
            widgets.chart_with_table(
                benchmark_bars.peer_chart(
                    peers, service, title=comparisons.peer_finding(peers, service)
                ),
                benchmarking.for_display(slices.for_service(peers, service)),
                ["label", "service"],
                key="benchmark_peer",
                file_name=f"benchmark-peers-{file_year}",
            )
            st.markdown(safe_text.markdown(comparisons.change_words(peers, service)))  # names it
            st.caption(comparisons.PEERS_DEFINITION)
            st.subheader("Every service against its peers, and change since its previous year")
            widgets.detail_table(
                benchmarking.for_display(peers),
                f"benchmark-peers-all-{file_year}",
                key="benchmark_peers_all",
            )

if coverage_tab.open:
    with coverage_tab:
        covered = benchmarking.coverage(answers)
        st.markdown(benchmarking.coverage_words(covered))
        widgets.detail_table(covered, f"benchmark-coverage-{file_year}", key="benchmark_coverage")

"""Compare areas, as a regional forum asks "how do we compare?": for a year, every measure's
spine chart (the range of areas, the middle half, the median, every area a dot and yours
labelled), the tartan rug of areas by measures, each area's trend, a peer group's summary,
the figures to download and the "How we compare" slide."""

import streamlit as st

from dayserv import catalogue
from dayserv.app import compare_page, widgets
from dayserv.app.downloads import Download, download_buttons
from dayserv.figures import compare, compare_view
from dayserv.show import compare_charts, safe_text

st.title("Compare areas")

picked: dict[str, int] = {}
uploads: list = []
problems: list[str] = []
if not compare_page.workbook_has_areas():
    upload_column, saved_column = st.columns(2)
    with upload_column:
        files = st.file_uploader(
            "Workbooks to compare, one area each",
            type=compare_page.UPLOAD_TYPES,
            accept_multiple_files=True,
            key="compare_uploads",
            help="Each workbook is one area, called by its Area column's value if it has one, "
            "else by its file's name. The portfolio shown in the sidebar is one more unless it "
            "is the sample.",
        )
        if files:
            with st.spinner(f"Reading {len(files)} workbook{'s' if len(files) != 1 else ''}…"):
                uploads, problems = compare_page.uploaded(files)
    with saved_column:
        options, store_error = compare_page.saved_choices()
        compare_page.store_problem(store_error)
        if options:
            names = st.multiselect(
                "Saved areas to compare with",
                list(options),
                key="compare_saved",
                placeholder="Choose two or more (or one, with the portfolio shown)",
                help="Each saved area's latest version, as one area; the portfolio shown in "
                "the sidebar is one more unless it is the sample.",
            )
            picked = {name: options[name] for name in names}
        elif not store_error:
            st.caption("Areas saved on the Saved areas page can be compared here too.")
source, unread = compare_page.gather(picked, uploads)
problems += unread
for problem in problems:
    st.warning(safe_text.markdown(problem), icon=":material/error:")
if source.kind == "sample":
    st.info(compare_page.SAMPLE_REGION_NOTICE, icon=":material/info:")
st.caption(safe_text.markdown(compare_page.source_words(source)))

years, names = source.years, source.names
if not years:
    widgets.no_sheet("None of these areas has a service with a year: nothing to compare.")
    st.stop()
year_column, area_column, peers_column = st.columns([1, 1, 2])
year = widgets.year_picker(years, f"compare_year_{source.key}", year_column)
home = compare_page.home(source)
chosen = area_column.selectbox(
    "Your area", names, index=names.index(home), key=f"compare_area_{source.key}"
)
peers = peers_column.multiselect(
    "Peer group",
    names,
    key=f"compare_peers_{source.key}",
    placeholder="All areas",
    help="The areas yours is compared with: the spread, the quartiles and the words are "
    "theirs. Leave it empty to compare with every area.",
)
view = compare_page.comparison(source, year, chosen, peers)
where = compare_page.provenance(source, [year])
file_words = chosen  # the provenance adds the year to every file's name
shown = (year, chosen, tuple(peers))

st.markdown(
    f"**{safe_text.markdown(chosen)}** in {year}, compared with "
    f"{safe_text.markdown(compare_view.compared_with(view))}."
)
missing = compare_view.missing_words(view)
if missing:
    st.warning(safe_text.markdown(missing), icon=":material/event_busy:")
if not view.has_chosen:
    st.warning(
        safe_text.markdown(
            f"{chosen} has no figures for {year}: choose another year, or another area."
        ),
        icon=":material/warning:",
    )

# Only the open tab is worked out and drawn, and the address names it: at 150 areas a
# change of area built every tab's charts (1.35 s).
spines_tab, rug_tab, trends_tab, summary_tab, figures_tab = widgets.lazy_tabs(
    ["Spine charts", "Tartan rug", "Trends", "Peer summary", "The figures"],
    key="compare_tab",
    kept=("compare_measure", "compare_trend_measure"),
)

if spines_tab.open:
    with spines_tab:
        widgets.chart(
            compare_page.figure(
                source,
                "spines",
                shown,
                lambda: compare_charts.spine_rows(
                    view.table,
                    view.spread,
                    chosen,
                    shown=view.shown,
                    group=view.group,
                    title=compare_view.overall_finding(view),
                ),
            ),
            key="compare_spines",
            name=f"how-we-compare-{file_words}",
            provenance=where,
        )
        st.caption(compare_view.SPINE_KEY)
        measure = st.selectbox(
            "One measure in its own units",
            compare.MEASURES,
            index=compare.MEASURES.index("user_run_share"),
            format_func=lambda m: catalogue.BY_ID[m].label,
            key="compare_measure",
        )
        widgets.chart(
            compare_page.figure(
                source,
                "spine",
                (*shown, measure),
                lambda: compare_charts.spine_chart(
                    view.table,
                    view.spread,
                    measure,
                    chosen,
                    shown=view.shown,
                    group=view.group,
                    title=compare_view.spine_finding(view, measure),
                ),
            ),
            key="compare_spine",
            name=f"spine-{measure}-{file_words}",
            provenance=where,
        )

if rug_tab.open:
    with rug_tab:
        widgets.chart(
            compare_page.figure(
                source,
                "rug",
                shown,
                lambda: compare_charts.rug_chart(compare_view.rug_table(view), chosen=chosen),
            ),
            key="compare_rug",
            name="tartan-rug",
            provenance=where,
        )
        st.caption(compare_view.RUG_KEY)

if trends_tab.open:
    with trends_tab:
        trend_measure = st.selectbox(
            "Measure",
            compare.MEASURES,
            index=compare.MEASURES.index("user_run_share"),
            format_func=lambda m: catalogue.BY_ID[m].label,
            key="compare_trend_measure",
        )
        trends = compare_page.trends(source, trend_measure)
        panels, panel_words = compare_view.trend_areas(view, trend_measure)
        if panel_words:
            st.caption(safe_text.markdown(panel_words))
        widgets.chart(
            compare_page.figure(
                source,
                "trends",
                (trend_measure, chosen, tuple(panels)),
                lambda: compare_charts.trend_multiples(
                    trends,
                    trend_measure,
                    chosen,
                    areas=panels,
                    title=compare_view.trend_finding(trends, trend_measure, chosen),
                ),
            ),
            key="compare_trends",
            name=f"trends-{trend_measure}",
            provenance=compare_page.provenance(source, years),
        )

if summary_tab.open:
    with summary_tab:
        st.subheader(
            f"The {view.group} measure by measure, and where {safe_text.markdown(chosen)} stands"
        )
        widgets.detail_table(
            compare_view.peer_table(view),
            f"compare-summary-{file_words}",
            key="compare_summary",
            provenance=where,
        )
        download_buttons(
            [
                Download(
                    "Download the 'How we compare' slide (.pptx)",
                    lambda: compare_page.slide_bytes(view, where),
                    where.file_name("how we compare", chosen, ext="pptx"),
                    widgets.PPTX_MIME,
                    key="compare_slide",
                    what="The 'How we compare' slide",
                    icon=":material/slideshow:",
                    help="One slide for the meeting pack: each outcome measure's value, the "
                    "median and range, and where your area stands. Built when clicked.",
                )
            ],
            key="compare_slide_group",
        )

if figures_tab.open:
    with figures_tab:
        widgets.detail_table(
            compare_view.figures_table(view),
            "compare-figures",
            key="compare_figures",
            provenance=where,
        )
        st.caption(compare_view.FIGURES_NOTE)

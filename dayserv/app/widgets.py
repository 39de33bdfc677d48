"""The parts the pages draw alike: the notices above a page and the caption under its title,
a chart with its provenance and its PNG and SVG downloads, a chart whose clicks narrow the
table under it, a table with its CSV and Excel downloads, the Year picker, an Overview
tile, the meeting pack's two buttons, and the sentence for a page that failed."""

from __future__ import annotations

import functools
import logging

import pandas as pd
import streamlit as st

from dayserv.app.downloads import Download, download_buttons
from dayserv.app.state import (
    current,
    current_area,
    current_filter,
    current_left_out,
    current_portfolio,
    current_provenance,
    current_publication,
    current_tables,
    current_targets,
)
from dayserv.catalogue import NOT_STATED
from dayserv.figures.formats import column_label
from dayserv.figures.overview import OutcomeTile
from dayserv.figures.publication import THRESHOLD
from dayserv.share import export, pack
from dayserv.share.provenance import Provenance, shown_area
from dayserv.share.tables import text_where_mixed
from dayserv.show import chart_clicks, chart_images, chart_style, safe_text

logger = logging.getLogger(__name__)

SAMPLE_NOTICE = (
    "You are looking at the sample portfolio of a fictional area, Eastbrook. "
    "Upload your own workbook in the sidebar."
)
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATA_QUALITY_PAGE = "pages/data_quality.py"


def page_failed(title: str) -> None:
    """Say, in one sentence, that a page could not be drawn; the traceback goes to the log."""
    source = current_portfolio().source_label
    logger.exception("The page %r failed on %s", title, source)
    st.error(
        safe_text.markdown(
            f"The {title} page could not be drawn for {source}: something unexpected went "
            "wrong, a fault of dayserv's rather than of the file. The other pages still work, "
            "and the Data quality page lists what was read."
        ),
        icon=":material/error:",
    )


def page_notices() -> None:
    """Above each page: the upload's problem, if any, and whether this is the sample."""
    loaded = current()
    if loaded.error:
        st.error(safe_text.markdown(loaded.error), icon=":material/error:")
    if loaded.is_sample:
        st.info(SAMPLE_NOTICE, icon=":material/info:")


# Each anticipated outcome's page, as app.py registers it, in the outcomes' order.
OUTCOME_PAGES = (
    "pages/providers.py",
    "pages/user_run.py",
    "pages/funding.py",
    "pages/vocational.py",
    "pages/buildings.py",
    "pages/support.py",
)


def outcome_tile(tile: OutcomeTile) -> None:
    """Draw one tile: the outcome's number, status and words, then its measure and sparkline.

    The measure follows the words directly; the space before the link stretches, so the
    links of a row of tiles line up however much each tile says.
    """
    # The status as a symbol and words (an icon's name would be read out: "check_circle").
    badge = f":{tile.status_colour}-badge[{tile.status_words}]"
    st.markdown(f"**Outcome {tile.number}** &nbsp; {badge}  \n{tile.text}")
    st.metric(
        tile.measure_name,
        tile.value,
        tile.change,
        delta_color=tile.delta_colour,
        delta_arrow=tile.delta_arrow,
        delta_description=tile.since,
        help=tile.definition,
        chart_data=tile.sparkline if len(tile.sparkline) > 1 else None,
        chart_type="line",
    )
    for words in (tile.note, tile.target_text):
        if words:
            st.caption(words)
    st.space("stretch")
    st.page_link(
        OUTCOME_PAGES[tile.number - 1],
        label=f"Open outcome {tile.number}: its charts and figures",
        icon=":material/arrow_forward:",
    )


def filter_caption(instead: str | None = None) -> None:
    """Under a page title: the area, what is shown, what the workbook's rows left out, the source
    (the provenance of every figure), with a link to Data quality when anything was. A page
    the sidebar's filters do not narrow says ``instead`` of what they show."""
    portfolio = current_portfolio()
    left_out, anything = current_left_out()
    words = [left_out, f"Source: {portfolio.source_label}"]
    if instead:
        words.append(instead)
    else:  # what the filters show, before the rest
        words.insert(0, current_filter().summary(portfolio.services, current_tables()["services"]))
    st.caption(safe_text.markdown(" · ".join([current_area(), *words])))
    if anything:
        st.page_link(
            DATA_QUALITY_PAGE,
            label="See what was left out, and why: Data quality",
            icon=":material/fact_check:",
        )


def lazy_tabs(labels: list[str], key: str, kept: tuple[str, ...] = ()):
    """Tabs of which only the open one is worked out and drawn (each tab's ``.open``), with
    the open one in the address so a copied link opens it. The widgets ``kept`` (their
    keys), inside the tabs, keep what was chosen while their tab is closed: a widget not
    drawn in a run would otherwise start again from its default."""
    for name in kept:
        if name in st.session_state:
            st.session_state[name] = st.session_state[name]
    return st.tabs(labels, key=key, on_change="rerun", bind="query-params")


def threshold_input(key: str, **options) -> int:
    """Publication mode's threshold: counts of people under it are hidden (``options``:
    the number input's others, its width or its place in the address)."""
    return int(
        st.number_input(
            "Hide counts of people under",
            min_value=2,
            max_value=100,
            value=THRESHOLD,
            step=1,
            key=key,
            **options,
        )
    )


def year_picker(years: list[str], key: str, where=st) -> str:
    """The Year a page's year-by-year view shows, the latest by default (``where`` is a
    column or container to put it in)."""
    return where.selectbox("Year", years, index=len(years) - 1, key=key)


def detail_table(
    frame: pd.DataFrame, file_name: str, key: str, provenance: Provenance | None = None
) -> None:
    """A table behind a chart, with readable headings, and its CSV download (``provenance``:
    where the table comes from, when not the portfolio shown)."""
    # The sheet's row numbers are for messages, not tables (a drop copies: only when there).
    shown = current_publication().table(frame.drop(columns="row") if "row" in frame else frame)
    config = {  # by the tidy name: a share's heading need not say "share"
        column_label(column): st.column_config.NumberColumn(format="percent")
        for column in shown.columns
        if "share" in str(column).lower()
    }
    shown = shown.rename(columns=column_label)
    st.dataframe(  # a blank cell has the one name a missing value has everywhere
        text_where_mixed(shown), hide_index=True, column_config=config, placeholder=NOT_STATED
    )
    provenance = provenance or current_provenance()
    csv = Download(
        "Download this table (CSV)",
        lambda: export.csv_bytes(shown),
        provenance.file_name(file_name, ext="csv"),
        "text/csv",
        key=f"{key}_download",
        what="This table's CSV file",
        help="The table as a plain CSV (UTF-8, opens in Excel): its name says the source file, "
        "what it shows, the years and the filters; the Excel file beside it also has an About "
        "sheet with where it came from in full.",
    )
    excel = Download(
        "Excel, with where it came from",
        lambda: export.xlsx_bytes(shown, provenance.now().rows(), sheet_name="Table"),
        provenance.file_name(file_name, ext="xlsx"),
        XLSX_MIME,
        key=f"{key}_download_xlsx",
        what="This table's Excel file",
        help="An Excel workbook: the table, and an About sheet naming the source file, the "
        "filters, the years and when it was made.",
    )
    download_buttons([csv, excel], key=f"{key}_table")


def chart(
    figure,
    key: str,
    headline: dict | None = None,
    name: str | None = None,
    provenance: Provenance | None = None,
    **kwargs,
):
    """Draw a chart; on an outcome page, tagged with the outcome and whether it is on track.

    Its foot says where it came from (source, filters, years, the day), and it can be taken
    away: the camera icon on the chart saves it as shown, as a PNG at twice its pixels; the
    buttons under it render a PNG or SVG with the full provenance when clicked. ``name``:
    what the chart shows, for the file names (the start of its title when not given);
    ``provenance``: where it comes from, when not the portfolio shown.
    """
    if headline is not None:
        chart_style.tag(figure, headline["tag"])
    provenance = provenance or current_provenance()
    words = chart_images.chart_name(figure, name)
    camera = {
        "format": "png",
        "scale": chart_images.IMAGE_SCALE,
        "filename": provenance.file_name(words, ext="png").removesuffix(".png"),
    }
    # The day, not the minute: a chart whose figure changed would be drawn afresh, and a
    # click on it lost, each time the minute turned.
    chart_images.add_provenance(figure, provenance.line(minute=False))
    event = st.plotly_chart(
        figure, key=key, config={"toImageButtonOptions": camera, "displaylogo": False}, **kwargs
    )
    chart_downloads(figure, provenance, words, key)
    return event


def chart_image(figure, provenance: Provenance, fmt: str) -> bytes:
    """A chart as a PNG or SVG file with its provenance at its foot, produced now (in place
    of the footer it has on screen)."""
    return chart_images.image_bytes(
        chart_images.with_provenance(figure, provenance.now().line()), fmt
    )


CHART_FORMATS = {"png": ("PNG (2x)", "image/png"), "svg": ("SVG", "image/svg+xml")}


def chart_downloads(figure, provenance: Provenance, words: str, key: str) -> None:
    """Under a chart: its PNG and SVG downloads, rendered only when clicked."""
    if not chart_images.images_available():
        st.caption(
            "The camera icon on the chart saves it as a PNG. The PNG and SVG downloads "
            "with the chart's provenance need Chromium (see the README's set-up)."
        )
        return
    with st.popover("Download chart", icon=":material/download:", type="tertiary"):
        images = [
            Download(
                label,
                functools.partial(chart_image, figure, provenance, fmt),
                provenance.file_name(words, ext=fmt),
                mime,
                key=f"{key}_{fmt}",
                what=f"The chart's {fmt.upper()} image",
                icon=":material/image:",
            )
            for fmt, (label, mime) in CHART_FORMATS.items()
        ]
        download_buttons(images, key=f"{key}_chart", horizontal=False)
        st.caption(
            "With the source, filters and date at the foot. The camera icon on the chart "
            "saves a PNG of it as shown."
        )


def chart_with_table(
    figure,
    detail: pd.DataFrame,
    fields: list[str],
    key: str,
    file_name: str,
    headline: dict | None = None,
    folded: bool = False,
) -> None:
    """A chart whose clicked bars or points narrow the detail table shown under it
    (``folded``: the table sits in an expander, for charts whose figures are on the chart)."""
    event = chart(figure, key, headline, name=file_name, on_select="rerun", selection_mode="points")
    points = chart_clicks.selected_points(event, fields)
    shown = chart_clicks.narrow(detail, points)
    with (
        st.expander("The figures behind this chart", expanded=bool(points))
        if folded
        else (st.container())
    ):
        if points:
            picked = "; ".join(", ".join(str(v) for v in p.values()) for p in points)
            st.caption(
                f"Showing the rows behind your selection ({safe_text.markdown(picked)}). "
                "Double-click the chart to clear it."
            )
        detail_table(shown, file_name, key)


def no_sheet(message: str) -> None:
    """What a page says when the workbook lacks what it needs, and how to switch it on."""
    st.info(message, icon=":material/table_view:")


# ---------------------------------------------------------------- the meeting pack

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


def meeting_pack_buttons(key: str) -> None:
    """The meeting pack of what is shown (portfolio, filter, publication rule) as two
    downloads: a PowerPoint deck and an HTML report that opens offline. Each is built only
    when its button is clicked, outside the page's run, so it is given what it needs now."""
    shown = (current_portfolio(), current_filter(), current_publication())
    targets = current_targets()  # the Targets sheet's, with those set in the app instead
    area = shown_area(current())  # the saved area's name or the sample's, for the title
    names = pack.Pack([], current_provenance())  # the pack's file names, unbuilt

    def deck() -> bytes:
        from dayserv.share.deck import deck_bytes

        return deck_bytes(pack.build(*shown, targets=targets, area=area))

    def report() -> bytes:
        from dayserv.share.report import report_html

        return report_html(pack.build(*shown, targets=targets, area=area)).encode("utf-8")

    slides = Download(
        "Meeting pack (PowerPoint)",
        deck,
        names.file_name("pptx"),
        PPTX_MIME,
        key=f"{key}_pack_pptx",
        what="The meeting pack (PowerPoint)",
        icon=":material/slideshow:",
        help="A slide per anticipated outcome, with the portfolio at a glance, the "
        "benchmark and the definitions, for a strategic forum. Built when clicked.",
    )
    page = Download(
        "Meeting pack (HTML report)",
        report,
        names.file_name("html"),
        "text/html",
        key=f"{key}_pack_html",
        what="The meeting pack (HTML report)",
        icon=":material/description:",
        help="The same pack as one web page that opens in any browser, offline, "
        "with interactive charts. Built when clicked.",
    )
    download_buttons([slides, page], key=f"{key}_pack")

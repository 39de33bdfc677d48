"""The meeting pack as one HTML file that opens anywhere, offline: the same slides as the
deck, one section each, with the dashboard's own interactive charts.

The page is ``templates/report.html.j2``, rendered by Jinja2 with autoescaping, and its
styles are ``templates/report.css``. Everything is inside the file: the styles, and
plotly.js once (the charts need nothing from the network). Every text from the user's
workbook (service, locality, provider, file names) is escaped, so a name that looks like
HTML is shown as written and never run. Printed, each section is a page carrying the
provenance line, as a slide does.
"""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from plotly.offline import get_plotlyjs

from dayserv.figures import formats
from dayserv.share import deck_layout
from dayserv.share import pack as meeting_pack
from dayserv.share.outcome_slides import chart_notes
from dayserv.share.pack import Pack
from dayserv.share.slide import Slide

CHART_CONFIG = {"displaylogo": False, "responsive": True}
CHART_TOP = 48  # px above a chart's plot: its title is the section's heading
TEMPLATES = Path(__file__).with_name("templates")
PAGE = "report.html.j2"


def _escaped(value) -> Markup:
    """Every value the page prints, escaped as ``html.escape`` writes it (&#x27;, &quot;),
    as the report always has; HTML already made (a chart's div, plotly.js) passes as it is."""
    if hasattr(value, "__html__"):
        return value
    return Markup(html.escape(str(value), quote=True))


ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=select_autoescape(enabled_extensions=("html", "html.j2"), default=True),
    finalize=_escaped,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def _table(table: pd.DataFrame, caption: str = "") -> dict:
    """A table's cells as the page shows them: headings and rows as (text, is a number)
    pairs, numbers set right as on the slides."""
    headings, rows, numeric = deck_layout.table_text(table)
    return {
        "caption": caption,
        "headings": list(zip(headings, numeric, strict=True)),
        "rows": [list(zip(row, numeric, strict=True)) for row in rows],
    }


def chart_html(slide: Slide, div_id: str) -> Markup:
    """A slide's chart, drawn by the dashboard's chart functions, as a plotly div (plotly.js
    itself is in the page's head); empty when the slide has no chart."""
    figure = meeting_pack.figure(slide)
    if figure is None:
        return Markup("")
    figure.update_layout(title_text="", margin_t=CHART_TOP)
    return Markup(
        figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            config=CHART_CONFIG,
            div_id=div_id,
            default_width="100%",
        )
    )


def _outcome(slide: Slide, number: int) -> dict:
    behind = pd.DataFrame(
        {
            "Year": slide.data["year"],
            formats.measure_name(slide.measure): [
                formats.format_measure(slide.measure, v, precise=True) for v in slide.data["value"]
            ],
            "Note": slide.data["note"],
        }
    )
    notes = chart_notes(slide.data)
    return {
        "status_class": slide.status.replace(" ", "-") or "no-data",
        "status_text": slide.verdict,  # as the deck
        "chart": chart_html(slide, f"chart-{number}"),
        "notes": notes,
        "table": _table(behind),
    }


def _benchmark(slide: Slide, number: int) -> dict:
    words, quote = deck_layout.benchmark_words(slide.text)
    view = {"words": words, "quote": quote, "table": None}
    if not slide.data.empty:
        scores = slide.data.rename(columns={"section": "Section", "score": "Median score (0-100)"})
        view.update(chart=chart_html(slide, f"chart-{number}"), table=_table(scores))
    return view


def _section(slide: Slide, number: int) -> dict:
    """What the page's section for one slide shows beside the slide's own words."""
    view: dict = {"slide": slide, "number": number, "table": None}
    if slide.kind == "outcome":
        view.update(_outcome(slide, number))
    elif slide.kind == "benchmark":
        view.update(_benchmark(slide, number))
    elif not slide.table.empty:
        view["table"] = _table(slide.table)
    return view


def report_html(pack: Pack) -> str:
    """The meeting pack as one self-contained HTML page: every slide a section, charts
    interactive, nothing fetched from the network."""
    title = f"Meeting pack: {pack.slides[0].title}" if pack.slides else "Meeting pack"
    return ENVIRONMENT.get_template(PAGE).render(
        title=title,
        line=pack.provenance.line(),
        plotly_js=Markup(get_plotlyjs()),
        sections=[_section(slide, n) for n, slide in enumerate(pack.slides, start=1)],
    )

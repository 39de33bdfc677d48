"""A chart taken away: its provenance at its foot, its file name, and its PNG or SVG image
rendered by kaleido in headless Chromium."""

from __future__ import annotations

import functools
import html
import importlib.util
import logging
import re
import textwrap
from typing import Literal

import plotly.graph_objects as go

from dayserv.show.chart_style import (
    CHART_HEIGHT,
    CHART_WIDTH,
    FONT_SIZE,
    GREY_TEXT,
    plotly_labels,
    resize_figure,
)

# ---------------------------------------------------------------- provenance and images

PROVENANCE_SIZE = 13  # px: small beside the 16 px labels, still readable on a projector
PROVENANCE_LINE = 17  # px per line of the provenance footer
PROVENANCE_GAP = 10  # px between what the chart had at its foot and the footer
PROVENANCE_CHARACTERS = 100  # one footer line in an ~820 px chart (about 7 px a character)
PROVENANCE_NAME = "provenance"
TICK_LINE = round(FONT_SIZE * 1.3)  # px a further line of an axis's tick labels takes
IMAGE_WIDTH = CHART_WIDTH  # px of a downloaded chart; its PNG is twice as wide
IMAGE_SCALE = 2  # a PNG at twice the pixels, sharp on a slide or a projector
NAME_CHARACTERS = 50  # at most this much of a chart's title goes into its file name
# Chromium's proxy for the images: nothing listens there (the discard port), so every
# request it would make, the page's or its own (updates, accounts, the time), stops on
# this machine, and no name is looked up.
NOWHERE = "http://127.0.0.1:9"
# What kaleido's error says when it ran its script in a page that had not yet loaded it.
NOT_READY = "kaleido_scopes is not defined"
logger = logging.getLogger(__name__)


def _footer_lines(line: str, width: int = PROVENANCE_CHARACTERS) -> list[str]:
    """The provenance line in lines of at most ``width`` characters, broken between its
    facts ("Source: … · Filters: …") where it can, inside a fact only when it is too long."""
    lines: list[str] = []
    for fact in line.split(" · "):
        pieces = textwrap.wrap(fact, width) or [""]
        if lines and len(lines[-1]) + 3 + len(pieces[0]) <= width:
            lines[-1] += " · " + pieces.pop(0)
        lines += pieces
    return lines


def with_provenance(figure: go.Figure, line: str) -> go.Figure:
    """A copy of ``figure`` with where it came from (``Provenance.line()``) in small grey
    type at its foot, under the axis title, so that a chart seen out of context (a saved
    image, a slide, a photo of the screen) still says its source, filters and date.

    The footer is anchored to the figure's right edge, which no axis label moves, and the
    figure grows by its height, so the plot keeps its size and the title and legend stay
    where they were. A footer the figure already had is replaced."""
    return add_provenance(go.Figure(figure), line)


def add_provenance(figure: go.Figure, line: str) -> go.Figure:
    """``with_provenance`` in place, for a figure built to be drawn once: copying a figure
    costs 10 to 25 ms, on every chart of every rerun. A figure kept from an earlier run
    with this very footer is left as it is (taking the footer off and on again costs as
    much, more with many labels)."""
    lines = _footer_lines(line)
    text = "<br>".join(plotly_labels(lines))
    footers = [a for a in figure.layout.annotations if a.name == PROVENANCE_NAME]
    if footers and footers[0].text == text:
        return figure
    _remove_provenance(figure)
    extra = PROVENANCE_GAP + PROVENANCE_LINE * len(lines) + 8
    bottom = _margin(figure, "b") + _tick_room(figure)
    right = _margin(figure, "r")
    resize_figure(figure, (figure.layout.height or CHART_HEIGHT) + extra)
    figure.layout.margin.b = bottom + extra
    footer = {
        "text": text,
        "xref": "paper",
        "x": 1,
        "xanchor": "right",
        "xshift": right - 12,
        "yref": "paper",
        "y": 0,
        "yanchor": "top",
        "yshift": -(bottom + PROVENANCE_GAP),
        "align": "right",
        "showarrow": False,
        "font": {"size": PROVENANCE_SIZE, "color": GREY_TEXT},
        "name": PROVENANCE_NAME,
    }
    figure.layout.annotations = (*figure.layout.annotations, footer)  # add_annotation: 4x
    return figure


def _margin(figure: go.Figure, side: str) -> float:
    """The figure's margin on ``side`` ("b", "r"), plotly's 80 px when it sets none."""
    given = figure.layout.margin[side]
    return given if given is not None else 80


def _tick_room(figure: go.Figure) -> int:
    """The px that further lines of the x-axis's tick labels ("2022/23<br>40 services")
    take under the bottom margin: plotly's automargin finds them by pushing the axis title
    down, into a footer placed by the margin alone."""
    ticks = figure.layout.xaxis.ticktext or ()
    return TICK_LINE * max((str(tick).count("<br>") for tick in ticks), default=0)


def _remove_provenance(figure: go.Figure) -> None:
    """Take a provenance footer off a figure, giving back the room it took."""
    footers = [a for a in figure.layout.annotations if a.name == PROVENANCE_NAME]
    if not footers:
        return
    foot = -footers[0].yshift - PROVENANCE_GAP  # the x-axis's room above the footer
    extra = figure.layout.margin.b - foot
    bottom = foot - _tick_room(figure)  # the margin the figure had before
    figure.layout.annotations = [a for a in figure.layout.annotations if a.name != PROVENANCE_NAME]
    resize_figure(figure, figure.layout.height - extra)
    figure.layout.margin.b = bottom


def chart_name(figure: go.Figure, name: str | None = None) -> str:
    """The words that say what a chart shows, for its file name: ``name`` if given (e.g.
    "user-run-share"), otherwise the start of its title, without the tag under it."""
    if name:
        return name
    title = str(figure.layout.title.text or "")
    title = re.sub(r"<span.*?</span>", "", title)  # the tag (outcome, on track) under the title
    words = html.unescape(re.sub(r"<[^>]+>", " ", title)).split()
    text = ""
    for word in words:
        if len(text) + 1 + len(word) > NAME_CHARACTERS:
            break
        text = f"{text} {word}".strip()
    return text or "chart"


def image_bytes(
    figure: go.Figure,
    fmt: Literal["png", "svg"],
    width: int = IMAGE_WIDTH,
    height: int | None = None,
) -> bytes:
    """The figure as an image, rendered by kaleido in headless Chromium: a PNG at twice
    ``width`` x ``height`` pixels, or an SVG of that size. Takes about 2 s (Chromium starts
    for each image), so call it when the image is asked for, not while drawing a page.

    Nothing is fetched from outside: plotly.js is the copy in the plotly package; MathJax,
    which kaleido would load from cdnjs, is left out (our labels have no LaTeX, and
    ``safe_text.plotly`` writes a ``$`` as an entity); Chromium's proxy is ``NOWHERE``.
    Not ``figure.to_image``: plotly passes ``plotly.io.defaults.mathjax`` on only when it
    is truthy, so cannot turn MathJax off."""
    import kaleido  # here, not at the top: ``images_available`` copes without it

    def render() -> bytes:
        return kaleido.calc_fig_sync(
            figure,
            opts={
                "format": fmt,
                "width": width,
                "height": height or figure.layout.height or CHART_HEIGHT,
                "scale": IMAGE_SCALE if fmt == "png" else 1,
            },
            kopts={"mathjax": False, "proxy_server": NOWHERE},
        )

    try:
        return render()
    except Exception as error:
        if NOT_READY not in str(error):
            raise
        # On a busy machine kaleido can run its script before Chromium's page has loaded
        # it: a fresh Chromium, once more, then any failure is the caller's.
        logger.warning("Chromium's page was not ready for the %s image: trying again", fmt)
        return render()


@functools.cache
def images_available() -> bool:
    """Whether ``image_bytes`` can work here: kaleido installed and a Chromium or Chrome
    found (Debian's chromium, or the one ``kaleido.get_chrome_sync()`` downloads)."""
    if importlib.util.find_spec("kaleido") is None:
        return False
    try:
        from choreographer.browsers.chromium import Chromium
    except ImportError:
        return False
    try:
        return Chromium.find_browser(skip_local=False) is not None
    except Exception:  # a search that fails is a Chromium not found
        return False

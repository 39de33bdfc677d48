"""The one style of every plotly chart: the finding as title, 16 px text, axis titles with
units, the legend in a row above the plot, fixed colours per category, labels escaped.

The chart modules (line_charts, bar_charts, heatmaps) build on these pieces.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from dayserv import catalogue
from dayserv.figures.formats import MINUS, is_missing, is_share
from dayserv.palette import BLACK, GREY, OKABE_ITO, PALETTE, colour
from dayserv.show import safe_text

FONT_SIZE = 16
TITLE_SIZE = 20


# ---------------------------------------------------------------- one chart style

# Sized for a ~900 px wide column on a 1280x720 screen, read from the back of a room.
CHART_HEIGHT = 420
BAR_PITCH = 40  # px per bar of a horizontal chart, so that 16 px labels stay apart
TITLE_CHARACTERS = 70  # one line of a 20 px bold title in a ~900 px column
NOTE_CHARACTERS = 18  # one line of a note standing in for a year's point
TEXT = "#1A1A1A"
NOTE = "#444444"
GRID = "#D9D9D9"
GREY_TEXT = "#555555"
CURRENCY = ("£", "$", "€")
# Each line of a multi-line chart has its own marker, so it is told by shape as well as colour.
MARKERS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "star", "hexagon")
# Lines and points seen on a projector from the back of a room (px): a trend's line is as
# thick as a 16 px letter's stroke is tall, a chart of several lines' a little thinner so
# they stay apart; a point on a small base is larger than the others and white inside.
LINE_WIDTH = 5
CATEGORY_LINE_WIDTH = 4
TARGET_WIDTH = 3
MARKER_SIZE = 14
SMALL_BASE_SIZE = 18
MARKER_EDGE = 3
NOT_STATED = catalogue.NOT_STATED  # the charts' name for a blank value


def plotly_label(text) -> str:
    """A name from the data as a plotly label, axis tick or hover line that shows it as
    written (plotly reads <b>, <a href> and entities in all of them)."""
    return safe_text.plotly(text)


def plotly_labels(values) -> list[str]:
    return [plotly_label(value) for value in values]


def rows_down_axis(labels, **more) -> dict:
    """The y axis of a chart's rows, one per label (as drawn: plotly labels), in the order
    given and the first at the top; ``more``: the axis's other settings."""
    return {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": list(labels),
        "autorange": "reversed",
        "rangemode": "normal",
        **more,
    }


def rows_down(figure: go.Figure, labels, **more) -> None:
    """``rows_down_axis`` set on every y axis of a figure already styled."""
    figure.update_yaxes(**rows_down_axis(labels, **more))


def _title_lines(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    head, colon, rest = text.partition(": ")
    if colon and len(head) < width:
        return [f"{head}:", *_title_lines(rest, width)]
    return textwrap.wrap(text, width)


def wrap_title(text: str, width: int = TITLE_CHARACTERS) -> str:
    """Text in lines of at most ``width`` characters, broken after a colon where it can,
    as a plotly label: a title names services and places, so each line is escaped."""
    return "<br>".join(plotly_label(line) for line in _title_lines(text, width))


def _legend_rows(figure: go.Figure, width: int = 800) -> int:
    """How many rows the horizontal legend takes: one if every entry fits, else a grid of
    the widest entry's width, as plotly lays it out (16 px text, about 9 px a character)."""
    names = [trace.name for trace in figure.data if trace.showlegend is not False and trace.name]
    items = [40 + 9 * len(name) for name in names]
    if sum(items) <= width:
        return 1 if items else 0
    return math.ceil(len(items) / max(1, width // max(items)))


# plotly_white, with the defaults of only the trace types and the flat plots drawn here:
# copied into every figure, the whole template (24 trace types) took 13 to 55 ms a figure on
# every rerun. It is plotly's default, so each figure takes it when made (plotly copies a
# default without validating it); set on a figure afterwards, even this one took 12 ms. Its
# colour scales, 3D scenes, maps, polar and ternary plots (half its layout, copied again
# each time a layout is read or set) are left out: every colour scale here is given.
FLAT = ("colorscale", "scene", "geo", "polar", "ternary")
TEMPLATE = go.layout.Template(
    layout={
        key: value
        for key, value in pio.templates["plotly_white"].layout.to_plotly_json().items()
        if key not in FLAT
    },
    data={kind: pio.templates["plotly_white"].data[kind] for kind in ("scatter", "bar", "heatmap")},
)
pio.templates["dayserv"] = TEMPLATE
pio.templates.default = "dayserv"


def merged(base: dict, extra: dict) -> dict:
    """``base`` with ``extra`` laid over it, key by key into nested dicts (as plotly's
    update_layout merges)."""
    out = dict(base)
    for key, value in extra.items():
        nested = isinstance(value, dict) and isinstance(out.get(key), dict)
        out[key] = merged(out[key], value) if nested else value
    return out


def with_marks(base: dict, extra: dict) -> dict:
    """``merged``, but the shapes and annotations of ``extra`` join those of ``base``."""
    out = merged(base, extra)
    for listed in ("shapes", "annotations"):
        if listed in extra:
            out[listed] = [*base.get(listed, []), *extra[listed]]
    return out


def set_layout(figure: go.Figure, layout: dict, base: dict | None = None) -> None:
    """Lay ``layout`` over the figure's (or over ``base``, the figure's layout as a dict
    already at hand) in one assignment, without plotly's validation. The template is left
    out of the assignment: plotly gives the figure its default (``TEMPLATE``) again at no cost.

    plotly's update_layout walks and validates every key path: 20 to 50 ms a figure, on every
    figure of every rerun, for a style of constants. The layout set (and what later updates
    add to it) is not validated here: every chart every page draws is validated in the
    tests instead (tests/test_chart_style.py)."""
    base = figure.layout.to_plotly_json() if base is None else base
    base.pop("template", None)
    validate, figure._validate = figure._validate, False
    try:
        figure.layout = merged(base, layout)
    finally:
        figure._validate = validate


def style_figure(
    figure: go.Figure,
    title: str,
    x_title: str,
    y_title: str,
    *,
    legend: bool = True,
    bars: list | None = None,
    layout: dict | None = None,
) -> go.Figure:
    """The one style of every figure: the finding as title, 16 px text, axis titles with
    units, legend in a row above the plot, white background, value axis from zero.

    ``bars``: the labels of a horizontal chart's bars; its height grows with their number,
    and they narrow the plot, so the legend wraps sooner. ``layout``: the chart's own layout
    (its axes' ranges and ticks, its shapes and notes), laid over the style in the same one
    assignment; its shapes and annotations join those the figure has.
    """
    title = wrap_title(title)
    labels_width = min(400, 8 * max((len(str(label)) for label in bars or []), default=0))
    legend_rows = _legend_rows(figure, 800 - labels_width) if legend else 0
    # Title, then legend, then plot, each placed in pixels from the top of the figure.
    title_bottom = 16 + 26 * (title.count("<br>") + 1) + 8
    top = title_bottom + 28 * legend_rows + 14
    bottom = 70
    height = max(CHART_HEIGHT, top + bottom + BAR_PITCH * len(bars or []))
    axis = {
        # Said outright: Streamlit's theme would draw tick labels in its grey (3.7:1 on white).
        "tickfont": {"size": FONT_SIZE, "color": GREY_TEXT},
        "gridcolor": GRID,
        "linecolor": GREY,
        "automargin": True,
    }
    title_font = {"size": FONT_SIZE, "color": TEXT}
    x_axis = {**axis, "title": {"text": plotly_label(x_title), "font": title_font}}
    y_axis = {
        **axis,
        "title": {"text": plotly_label(y_title), "font": title_font},
        "rangemode": "tozero",
    }
    # Every axis (a figure of subplots has several) styled in the same one update: plotly's
    # updates cost a few ms each, on every figure of every rerun.
    base = figure.layout.to_plotly_json()
    axes = {
        name: x_axis if name.startswith("x") else y_axis
        for name in ("xaxis", "yaxis", *base, *(layout or {}))
        if name.startswith(("xaxis", "yaxis"))
    }
    # The chart's own layout over the style; its shapes and notes join the figure's.
    own = with_marks(
        {key: base[key] for key in ("shapes", "annotations") if key in base}, layout or {}
    )
    set_layout(
        figure,
        merged(
            dict(
                axes,
                title={
                    "text": title,
                    "font": {"size": TITLE_SIZE, "color": TEXT},
                    "x": 0,
                    "xref": "container",
                    "xanchor": "left",
                    "y": 1,
                    "yref": "container",
                    "yanchor": "top",
                    "pad": {"t": 16, "l": 12},
                },
                font={"size": FONT_SIZE, "color": TEXT},
                showlegend=legend,
                legend={
                    "orientation": "h",
                    "x": 0,
                    "xref": "container",
                    "xanchor": "left",
                    "y": 1 - title_bottom / height,
                    "yref": "container",
                    "yanchor": "top",
                    "indentation": 4,
                    "traceorder": "normal",
                    "font": {"size": FONT_SIZE, "color": TEXT},
                },
                height=height,
                margin={"t": top, "l": 70, "r": 30, "b": bottom},
                paper_bgcolor="white",
                plot_bgcolor="white",
                hoverlabel={"font": {"size": FONT_SIZE}},
                # Text that cannot be written at 16 px in its bar is left out rather than shrunk.
                uniformtext={"minsize": FONT_SIZE, "mode": "hide"},
            ),
            own,
        ),
        base,
    )
    return figure


def figure_of(*traces: dict) -> go.Figure:
    """A figure of plain trace dicts (``{"type": "scatter", ...}``), built without plotly's
    validation, as ``style_figure`` lays its layout: a chart built from plotly's objects
    spends 10 to 30 ms validating every property on every rerun. Every chart every page
    draws is validated in the tests instead (tests/test_chart_style.py)."""
    return go.Figure({"data": list(traces)}, _validate=False)


def target_line(y: float, text: str) -> dict:
    """A dashed line across the plot at ``y`` with its label at the right, as the layout's
    shapes and annotations (``style_figure``'s ``layout``): plotly's add_hline takes 5 to
    10 ms for the same."""
    return {
        "shapes": [
            {
                "type": "line",
                "name": "target",
                "x0": 0,
                "x1": 1,
                "xref": "x domain",
                "y0": y,
                "y1": y,
                "yref": "y",
                "line": {"color": BLACK, "dash": "dash", "width": TARGET_WIDTH},
            }
        ],
        "annotations": [
            {
                "text": text,
                "x": 1,
                "xanchor": "right",
                "xref": "x domain",
                "y": y,
                "yanchor": "bottom",
                "yref": "y",
                "showarrow": False,
                "font": {"size": FONT_SIZE, "color": TEXT},
            }
        ],
    }


def axis_name(column: str) -> str:
    return "Financial year" if column == "year" else column.replace("_", " ").capitalize()


def vocabulary_order(categories, dimension: str | None) -> list:
    """The categories present, in their vocabulary's order, any others after them as found."""
    present = list(dict.fromkeys(categories))
    known = [category for category in PALETTE.get(dimension or "", {}) if category in present]
    return known + [category for category in present if category not in known]


def category_colours(categories: list, dimension: str | None) -> dict:
    """Each category's fixed colour (grey when outside its vocabulary); a dimension without
    fixed colours (e.g. locality) takes the palette in turn."""
    if dimension in PALETTE:
        return {category: colour(dimension, category) for category in categories}
    return {category: OKABE_ITO[i % len(OKABE_ITO)] for i, category in enumerate(categories)}


def with_unit(value, unit: str = "", value_format: str = ",.0f") -> str:
    """A value for hover and labels: "£412,300", "12 services", "1 service", "23.4%"."""
    if is_missing(value):
        return "—"
    text = format(float(value), value_format)
    if not unit:
        return text
    if unit in CURRENCY:
        return f"{MINUS}{unit}{text[1:]}" if text.startswith("-") else f"{unit}{text}"
    if float(value) == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{text} {unit}"


def value_ticks(unit: str = "", value_format: str = ",.0f") -> dict:
    if value_format.endswith("%"):
        return {"tickformat": ".0%"}
    if unit in CURRENCY:
        return {"tickprefix": unit, "tickformat": "~s"}  # £1.2M, £250k
    return {"tickformat": ",~f"}


def to_numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce").astype("float64")


def measure_tick_format(measure: str) -> str:
    if is_share(measure):
        return ".0%"
    if measure == "provider_diversity":
        return ".2f"
    return ",.0f"


def measure_hover_format(measure: str) -> str:
    if is_share(measure):
        return ".1%"
    if measure == "provider_diversity":
        return ".3f"
    return ",.0f"


def tag(figure: go.Figure, text: str) -> go.Figure:
    """Add a second, smaller line under the title (e.g. the outcome a chart speaks to and
    whether it is on track), so that a chart seen out of context still says so."""
    extra = 24
    layout = figure.layout
    height = layout.height or CHART_HEIGHT
    legend_top = (1 - (layout.legend.y or 1)) * height
    # Set property by property: update_layout parses every key path, 3 to 4 ms a chart.
    layout.title.text = (
        f"{layout.title.text}<br><span style='font-size:{FONT_SIZE}px;"
        f"color:{GREY_TEXT}'>{text}</span>"
    )
    layout.height = height + extra
    layout.margin.t = (layout.margin.t or 0) + extra
    layout.legend.y = 1 - (legend_top + extra) / (height + extra)
    return figure


CHART_WIDTH = 820  # px, the page's column on a 1280x720 screen with the sidebar open
BLANK_COLOUR = "#DDDDDD"


def resize_figure(figure: go.Figure, height: float, top: float | None = None) -> go.Figure:
    """Change a styled figure's height (and its plot's top), keeping its title and legend
    where ``style_figure`` put them in pixels from the top."""
    layout = figure.layout
    old = layout.height or CHART_HEIGHT
    legend_top = (1 - (layout.legend.y or 1)) * old
    layout.height = height
    layout.legend.y = 1 - legend_top / height
    if top is not None:
        layout.margin.t = top
    return figure

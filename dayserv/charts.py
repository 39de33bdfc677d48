"""Figures -> what people see: one palette, one way of writing each measure, one chart style.

The palette is Okabe and Ito's, which people with the common forms of colour blindness can
tell apart. Every category keeps its colour on every page, chart and export.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import math
import re
import textwrap
from collections.abc import Mapping
from typing import Literal

import pandas as pd
import plotly.graph_objects as go

from dayserv import catalogue
from dayserv.figures import access
from dayserv.figures.measures import DIRECTION, stayed, trend
from dayserv.show import safe_text
from dayserv.show.palette import (
    BLACK,
    BLUE,
    BLUISH_GREEN,
    GREY,
    OKABE_ITO,
    ORANGE,
    PALETTE,
    VERMILLION,
)

# What describes a measure, and a direction of travel, is the catalogue's.
STATUSES = tuple(catalogue.STATUSES)
MEASURE_COLOURS = {m.id: m.colour for m in catalogue.MEASURES}
MEASURE_NAMES = {m.id: m.label for m in catalogue.MEASURES}
MEASURE_UNITS = {m.id: m.unit for m in catalogue.MEASURES}  # axis titles with units
STATUS_ICON = {s.id: s.icon for s in catalogue.STATUSES.values()}
STATUS_SYMBOL = {s.id: s.symbol for s in catalogue.STATUSES.values()}
STATUS_THEME_COLOUR = {s.id: s.theme for s in catalogue.STATUSES.values()}

MINUS = "\N{MINUS SIGN}"
FONT_SIZE = 16
TITLE_SIZE = 20


def colour(dimension: str, category: str) -> str:
    """The fixed colour of a category, e.g. colour("sector", "NHS")."""
    return PALETTE[dimension].get(category, GREY)


def measure_name(measure: str) -> str:
    """The measure's name in plain words, e.g. "User-run share of services"."""
    return catalogue.measure(measure).label


def is_share(measure: str) -> bool:
    return catalogue.measure(measure).kind == "share"


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def format_measure(measure: str, value, *, precise: bool = False) -> str:
    """A measure's value for display: "14%", "1,588", "0.78", "20"; "—" when there is none.

    ``precise`` gives one more decimal, for tables ("14.3%", "0.784").
    """
    if _missing(value):
        return "—"
    value = float(value)
    if is_share(measure):
        return f"{value * 100:.{1 if precise else 0}f}%"
    if measure == "provider_diversity":
        return f"{value:.{3 if precise else 2}f}"
    return f"{value:,.0f}"  # hhi, providers, services


def format_money(value) -> str:
    """An amount of money for display: "£412,300", "−£1,200"; "—" when there is none."""
    if _missing(value):
        return "—"
    value = float(value)
    return f"{MINUS if value < 0 else ''}£{abs(value):,.0f}"


def format_change(measure: str, change) -> str:
    """A change for display: "+6.1 pts" for shares, "−459" for HHI; no sign when it rounds to 0."""
    if _missing(change):
        return "—"
    change = float(change)
    if is_share(measure):
        text, unit = f"{abs(change) * 100:.1f}", " pts"
    elif measure == "provider_diversity":
        text, unit = f"{abs(change):.2f}", ""
    else:
        text, unit = f"{abs(change):,.0f}", ""
    if float(text.replace(",", "")) == 0:
        return text + unit
    return ("+" if change > 0 else MINUS) + text + unit


def change_direction(measure: str, change) -> str:
    """Which way the displayed change points: "up", "down", or "off" when it shows none."""
    shown = format_change(measure, change)
    if shown.startswith("+"):
        return "up"
    if shown.startswith(MINUS):
        return "down"
    return "off"


def change_colour(measure: str, change) -> str:
    """Streamlit's named colour for a change: green when it goes the desired way, red when not.

    A fall in building-based share is good, so it is green: this is Streamlit's "inverse"
    for the measures whose desired direction is down, decided here because Streamlit reads
    the sign of a text delta only from an ASCII hyphen, and we write a true minus sign.
    """
    direction = change_direction(measure, change)
    if direction == "off":
        return "gray"
    good = (direction == "up") == (DIRECTION.get(measure, 1) > 0)
    return "green" if good else "red"


def finding(
    measure: str,
    first_year: str | None,
    first: float | None,
    latest_year: str | None,
    latest: float | None,
    *,
    name: str | None = None,
) -> str:
    """A title stating what the figures show, e.g. "User-run share of services rose from 7%
    to 15% since 2022/23"; ``name`` replaces the measure's name ("Funding concentration")."""
    name = name or measure_name(measure)
    if _missing(latest):
        return f"{name}: no figures in this portfolio"
    if _missing(first) or first_year is None:
        return f"{name} was {format_measure(measure, latest)} in {latest_year}"
    before, after = format_measure(measure, first), format_measure(measure, latest)
    if stayed(measure, float(first), float(latest)):
        return f"{name} stayed at {after} since {first_year}"
    if before == after:  # a real movement that rounding would hide: one more decimal
        before = format_measure(measure, first, precise=True)
        after = format_measure(measure, latest, precise=True)
    verb = "rose" if float(latest) > float(first) else "fell"
    return f"{name} {verb} from {before} to {after} since {first_year}"


def trend_finding(table: pd.DataFrame, measure: str) -> str:
    """The finding for one measure of a yearly measures table (first and latest year)."""
    change = trend(table, measure)
    return finding(
        measure, change["first_year"], change["first"], change["latest_year"], change["latest"]
    )


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
NOT_STATED = "Not stated"

# Herfindahl-Hirschman index bands (US DoJ/FTC 2010 merger guidelines), with their tints.
HHI_MODERATE = 1500
HHI_HIGH = 2500
HHI_BANDS = (
    ("Unconcentrated", 0, HHI_MODERATE, BLUISH_GREEN),
    ("Moderately concentrated", HHI_MODERATE, HHI_HIGH, ORANGE),
    ("Highly concentrated", HHI_HIGH, 10_000, VERMILLION),
)
HHI_NAME = "Funding concentration"


def _label(text) -> str:
    """A name from the data as a plotly label, axis tick or hover line that shows it as
    written (plotly reads <b>, <a href> and entities in all of them)."""
    return safe_text.plotly(text)


def _labels(values) -> list[str]:
    return [_label(value) for value in values]


def _title_lines(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    head, colon, rest = text.partition(": ")
    if colon and len(head) < width:
        return [f"{head}:", *_title_lines(rest, width)]
    return textwrap.wrap(text, width)


def _wrap(text: str, width: int = TITLE_CHARACTERS) -> str:
    """Text in lines of at most ``width`` characters, broken after a colon where it can,
    as a plotly label: a title names services and places, so each line is escaped."""
    return "<br>".join(_label(line) for line in _title_lines(text, width))


def _legend_rows(figure: go.Figure, width: int = 800) -> int:
    """How many rows the horizontal legend takes: one if every entry fits, else a grid of
    the widest entry's width, as plotly lays it out (16 px text, about 9 px a character)."""
    names = [trace.name for trace in figure.data if trace.showlegend is not False and trace.name]
    items = [40 + 9 * len(name) for name in names]
    if sum(items) <= width:
        return 1 if items else 0
    return math.ceil(len(items) / max(1, width // max(items)))


def _style(
    figure: go.Figure,
    title: str,
    x_title: str,
    y_title: str,
    *,
    legend: bool = True,
    bars: list | None = None,
) -> go.Figure:
    """The one style of every figure: the finding as title, 16 px text, axis titles with
    units, legend in a row above the plot, white background, value axis from zero.

    ``bars``: the labels of a horizontal chart's bars; its height grows with their number,
    and they narrow the plot, so the legend wraps sooner.
    """
    title = _wrap(title)
    labels_width = min(400, 8 * max((len(str(label)) for label in bars or []), default=0))
    legend_rows = _legend_rows(figure, 800 - labels_width) if legend else 0
    # Title, then legend, then plot, each placed in pixels from the top of the figure.
    title_bottom = 16 + 26 * (title.count("<br>") + 1) + 8
    top = title_bottom + 28 * legend_rows + 14
    bottom = 70
    height = max(CHART_HEIGHT, top + bottom + BAR_PITCH * len(bars or []))
    figure.update_layout(
        template="plotly_white",
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
            "font": {"size": FONT_SIZE},
        },
        height=height,
        margin={"t": top, "l": 70, "r": 30, "b": bottom},
        paper_bgcolor="white",
        plot_bgcolor="white",
        hoverlabel={"font": {"size": FONT_SIZE}},
        # Text that cannot be written at 16 px in its bar is left out rather than shrunk.
        uniformtext={"minsize": FONT_SIZE, "mode": "hide"},
    )
    axis = {
        "tickfont": {"size": FONT_SIZE},
        "title_font": {"size": FONT_SIZE},
        "gridcolor": GRID,
        "linecolor": GREY,
        "automargin": True,
    }
    figure.update_xaxes(title_text=_label(x_title), **axis)
    figure.update_yaxes(title_text=_label(y_title), rangemode="tozero", **axis)
    return figure


def _axis_name(column: str) -> str:
    return "Financial year" if column == "year" else column.replace("_", " ").capitalize()


def _in_vocabulary_order(categories, dimension: str | None) -> list:
    """The categories present, in their vocabulary's order, any others after them as found."""
    present = list(dict.fromkeys(categories))
    known = [category for category in PALETTE.get(dimension or "", {}) if category in present]
    return known + [category for category in present if category not in known]


def _colours(categories: list, dimension: str | None) -> dict:
    """Each category's fixed colour (grey when outside its vocabulary); a dimension without
    fixed colours (e.g. locality) takes the palette in turn."""
    if dimension in PALETTE:
        return {category: colour(dimension, category) for category in categories}
    return {category: OKABE_ITO[i % len(OKABE_ITO)] for i, category in enumerate(categories)}


def _with_unit(value, unit: str = "", value_format: str = ",.0f") -> str:
    """A value for hover and labels: "£412,300", "12 services", "1 service", "23.4%"."""
    if _missing(value):
        return "—"
    text = format(float(value), value_format)
    if not unit:
        return text
    if unit in CURRENCY:
        return f"{MINUS}{unit}{text[1:]}" if text.startswith("-") else f"{unit}{text}"
    if float(value) == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{text} {unit}"


def _value_ticks(unit: str = "", value_format: str = ",.0f") -> dict:
    if value_format.endswith("%"):
        return {"tickformat": ".0%"}
    if unit in CURRENCY:
        return {"tickprefix": unit, "tickformat": "~s"}  # £1.2M, £250k
    return {"tickformat": ",~f"}


def _numbers(column: pd.Series) -> pd.Series:
    return pd.to_numeric(column, errors="coerce").astype("float64")


def _tick_format(measure: str) -> str:
    if is_share(measure):
        return ".0%"
    if measure == "provider_diversity":
        return ".2f"
    return ",.0f"


def _hover_format(measure: str) -> str:
    if is_share(measure):
        return ".1%"
    if measure == "provider_diversity":
        return ".3f"
    return ",.0f"


# ---------------------------------------------------------------- measures over the years


def _yearly(table: pd.DataFrame, measure: str, too_little: Mapping[str, str]) -> pd.Series:
    """The measure by year label, without the years that have too little data to show."""
    if measure not in table:
        return pd.Series(dtype="float64")
    values = _numbers(table[measure])
    values.index = [str(year) for year in table.index]
    return values.where(~values.index.isin(list(too_little)))


def _peak(values: pd.Series, target=None) -> float:
    candidates = [*values.dropna().to_list()]
    if not _missing(target):
        candidates.append(float(target))
    return max(candidates, default=0.0)


def trend_chart(
    table: pd.DataFrame,
    measure: str,
    *,
    target: float | None = None,
    too_little: Mapping[str, str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """One measure of a yearly measures table over the years, titled with its finding.

    ``target``: a dashed line labelled "Target 20%". ``too_little``: {year: reason}; those
    years keep their place on the axis, with a gap in the line and a note instead of a point.
    Each point's customdata is [year].
    """
    too_little = {str(year): str(reason) for year, reason in (too_little or {}).items()}
    values = _yearly(table, measure, too_little)
    drawn = values.dropna()
    years = [
        year for year in sorted({*values.index, *too_little}) if year in drawn or year in too_little
    ]
    name = measure_name(measure)
    figure = go.Figure(
        go.Scatter(
            x=years,
            # None breaks the line, so a year with too little data shows as a gap.
            y=[float(drawn[year]) if year in drawn else None for year in years],
            customdata=[[year] for year in years],
            mode="lines+markers+text",
            name=name,
            text=[format_measure(measure, drawn[year]) if year in drawn else "" for year in years],
            textposition="top center",
            textfont={"size": FONT_SIZE},
            line={"color": MEASURE_COLOURS.get(measure, BLUE), "width": 3},
            marker={"size": 10},
            hovertemplate=f"%{{x}}<br>{name}: %{{y:{_hover_format(measure)}}}<extra></extra>",
        )
    )
    for year, reason in too_little.items():
        figure.add_annotation(
            x=year,
            y=0.5,
            yref="paper",
            text="<br>".join(_labels(textwrap.wrap(f"Too little data: {reason}", NOTE_CHARACTERS))),
            showarrow=False,
            font={"size": FONT_SIZE, "color": NOTE},
            name="too little data",
        )
    if not _missing(target):
        figure.add_hline(
            y=float(target),
            line={"color": BLACK, "dash": "dash", "width": 2},
            annotation_text=f"Target {format_measure(measure, target)}",
            annotation_position="top right",
            annotation_font={"size": FONT_SIZE, "color": TEXT},
            name="target",
        )
    # Axes start at zero so that a change is not drawn bigger than it is.
    peak = _peak(values, target)
    if measure == "provider_diversity" or not peak > 0:
        top = 1.0
    else:
        top = min(peak * 1.25, 1.1) if is_share(measure) else peak * 1.25
    if title is None:
        title = trend_finding(pd.DataFrame({measure: values}), measure)
    _style(figure, title, "Financial year", MEASURE_UNITS.get(measure, ""), legend=False)
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=years)
    figure.update_yaxes(tickformat=_tick_format(measure), range=[0, top])
    return figure


def measure_line(table: pd.DataFrame, measure: str, *, title: str | None = None) -> go.Figure:
    """One measure over the years, titled with its finding, in the measure's fixed colour."""
    return trend_chart(table, measure, title=title)


def hhi_band(hhi: float) -> str:
    """The HHI's band: "unconcentrated", "moderately concentrated" (1,500 to 2,500) or
    "highly concentrated"."""
    if hhi < HHI_MODERATE:
        return "unconcentrated"
    return "moderately concentrated" if hhi <= HHI_HIGH else "highly concentrated"


def hhi_finding(table: pd.DataFrame, too_little: Mapping[str, str] | None = None) -> str:
    """E.g. "Funding concentration fell from 2,046 to 1,507 since 2022/23: now moderately
    concentrated" (years with too little data left out)."""
    values = _yearly(table, "hhi", {str(year): "" for year in too_little or {}})
    change = trend(pd.DataFrame({"hhi": values}), "hhi")
    text = finding(
        "hhi",
        change["first_year"],
        change["first"],
        change["latest_year"],
        change["latest"],
        name=HHI_NAME,
    )
    if change["latest"] is None:
        return text
    return f"{text}: {'now ' if change['first_year'] else ''}{hhi_band(change['latest'])}"


def hhi_chart(
    table: pd.DataFrame,
    *,
    too_little: Mapping[str, str] | None = None,
    target: float | None = None,
    title: str | None = None,
) -> go.Figure:
    """The HHI over the years on its conventional bands (unconcentrated below 1,500,
    moderately concentrated to 2,500, highly concentrated above), titled with its finding.
    Each point's customdata is [year]."""
    figure = trend_chart(
        table,
        "hhi",
        target=target,
        too_little=too_little,
        title=title or hhi_finding(table, too_little),
    )
    values = _yearly(table, "hhi", {str(year): "" for year in too_little or {}})
    top = max(3000.0, _peak(values, target) * 1.15)
    drawn = values.dropna()
    for label, low, high, tint in HHI_BANDS:
        high = min(high, top)
        figure.add_hrect(
            y0=low,
            y1=high,
            fillcolor=tint,
            opacity=0.15,
            line_width=0,
            layer="below",
            name=label,
        )
        # Each band's label at the side where the line's end is further from it.
        middle = (low + high) / 2
        left = not drawn.empty and abs(drawn.iloc[0] - middle) > abs(drawn.iloc[-1] - middle)
        figure.add_annotation(
            x=0 if left else 1,
            xref="paper",
            xanchor="left" if left else "right",
            y=middle,
            text=label,
            showarrow=False,
            font={"size": FONT_SIZE, "color": NOTE},
            name="band",
        )
    figure.update_yaxes(range=[0, top])
    return figure


# ---------------------------------------------------------------- categories


def stacked_bars(
    frame: pd.DataFrame,
    *,
    x: str,
    category: str,
    value: str,
    dimension: str,
    title: str,
    y_title: str,
    percent: bool = False,
    horizontal: bool = False,
    text: str | None = None,
    x_title: str | None = None,
    unit: str = "",
    of: str | None = None,
    value_format: str = ",.0f",
) -> go.Figure:
    """Bars of ``x`` (years, localities, services) stacked by ``category``: one trace per
    category in its vocabulary's order and fixed colour (grey outside the vocabulary).

    ``percent``: each bar shows its categories' shares of the bar's total on a 0-100% axis
    (shares that do not add up to 1 are scaled to). ``horizontal``: bars across, the frame's
    first ``x`` at the top, the chart as tall as its bars need. ``text``: "value" or "share"
    written in each piece (left out where it does not fit at 16 px). ``unit``: "£" before
    the value, any other after it ("services"); ``of``: what the share is of ("funding").
    ``y_title`` is the value axis's title, ``x_title`` the other's.
    Each piece's customdata is [x value, category].
    """
    rows = frame.loc[frame[x].notna(), [x, category, value]].copy()
    rows[x] = rows[x].astype(object)
    rows[category] = rows[category].astype(object).where(rows[category].notna(), NOT_STATED)
    rows[value] = _numbers(rows[value])
    totals = rows.groupby([x, category], sort=False)[value].sum(min_count=1)
    bar_total = totals.groupby(level=0, sort=False).sum().replace(0, float("nan"))
    labels = list(dict.fromkeys(rows[x]))
    order = _in_vocabulary_order(rows[category], dimension)
    colours = _colours(order, dimension)
    of = of or ("funding" if unit in CURRENCY else unit) or "the total"

    figure = go.Figure()
    for name in order:
        part = totals.xs(name, level=1).dropna()
        part = part.reindex([label for label in labels if label in part.index])
        share = part / bar_total.reindex(part.index)
        shown = share * 100 if percent else part
        hover = []
        for label, amount, fraction in zip(part.index, part, share, strict=True):
            words = [] if percent and not unit else [_with_unit(amount, unit, value_format)]
            if not _missing(fraction):
                words.append(f"{fraction * 100:.1f}% of {of}")
            if len(words) == 2:
                words = [f"{words[0]} ({words[1]})"]
            hover.append(f"{_label(label)} · {_label(name)}<br>{words[0] if words else ''}")
        if text == "value":
            written = [_with_unit(amount, unit, value_format) for amount in part]
        elif text == "share":
            written = ["" if _missing(f) else f"{f * 100:.0f}%" for f in share]
        else:
            written = None
        places = {"x": _labels(part.index), "y": shown.to_list()}
        if horizontal:
            places = {"x": shown.to_list(), "y": _labels(part.index), "orientation": "h"}
        figure.add_trace(
            go.Bar(
                **places,
                name=_label(name),
                marker={"color": colours[name]},
                customdata=[[label, name] for label in part.index],
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                text=written,
                textposition="inside",
                insidetextanchor="middle",
                textfont={"size": FONT_SIZE},
            )
        )

    label_title = x_title if x_title is not None else _axis_name(x)
    if percent:
        value_axis = {"range": [0, 100], "ticksuffix": "%", "tickformat": ".0f"}
    else:
        value_axis = {"rangemode": "tozero", **_value_ticks(unit, value_format)}
    label_axis = {"type": "category", "categoryorder": "array", "categoryarray": _labels(labels)}
    if horizontal:
        _style(figure, title, y_title, label_title, bars=labels)
        figure.update_xaxes(**value_axis)
        figure.update_yaxes(autorange="reversed", **label_axis)
    else:
        _style(figure, title, label_title, y_title)
        figure.update_xaxes(**label_axis)
        figure.update_yaxes(**value_axis)
    figure.update_layout(barmode="stack", bargap=0.3)
    return figure


def _category_lines(frame, x, category, value, dimension):
    """The rows with a value, the x labels in the frame's order, and for each category (in
    its vocabulary's order): its index, name, colour and its values along x."""
    rows = frame.loc[frame[x].notna() & frame[category].notna(), [x, category, value]].copy()
    rows[x] = rows[x].astype(object)
    rows[value] = _numbers(rows[value])
    rows = rows.loc[rows[value].notna()]
    labels = list(dict.fromkeys(rows[x]))
    order = _in_vocabulary_order(rows[category], dimension)
    colours = _colours(order, dimension)
    lines = []
    for i, name in enumerate(order):
        line = rows.loc[rows[category].eq(name)].drop_duplicates(x, keep="last")
        line = line.set_index(x)[value]
        line = line.reindex([label for label in labels if label in line.index])
        lines.append((i, name, colours[name], line))
    return rows, labels, lines


def share_lines(
    frame: pd.DataFrame,
    *,
    x: str,
    category: str,
    value: str,
    dimension: str,
    title: str,
    y_title: str,
    x_title: str | None = None,
) -> go.Figure:
    """One line per category of shares (0 to 1) over ``x`` in the frame's order, each in its
    fixed colour with its own marker, its latest share written at its end.
    Each point's customdata is [x value, category]."""
    rows, labels, lines = _category_lines(frame, x, category, value, dimension)
    figure = go.Figure()
    for i, name, colour, line in lines:
        written = [""] * (len(line) - 1) + [f"{line.iloc[-1]:.0%}"] if len(line) else []
        figure.add_trace(
            go.Scatter(
                x=_labels(line.index),
                y=line.to_list(),
                customdata=[[label, name] for label in line.index],
                mode="lines+markers+text",
                name=_label(name),
                text=written,
                textposition="top center",
                textfont={"size": FONT_SIZE, "color": colour},
                line={"color": colour, "width": 3},
                marker={"size": 11, "symbol": MARKERS[i % len(MARKERS)]},
                hovertext=[
                    f"{_label(label)} · {_label(name)}<br>{share:.1%}"
                    for label, share in line.items()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    peak = float(rows[value].max()) if not rows.empty else 0.0
    top = min(peak * 1.25, 1.0) if peak > 0 else 1.0
    _style(figure, title, x_title if x_title is not None else _axis_name(x), y_title)
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=_labels(labels))
    figure.update_yaxes(range=[0, max(top, 0.1)], tickformat=".0%")
    return figure


def ranked_bars(
    frame: pd.DataFrame,
    *,
    label: str,
    value: str,
    title: str,
    x_title: str,
    colour_by: str | None = None,
    dimension: str | None = None,
    value_format: str = ",.0f",
    unit: str = "",
    y_title: str | None = None,
) -> go.Figure:
    """Horizontal bars, the largest at the top, each with its value written at its end,
    e.g. the largest providers' shares of funding (``value_format=".1%"``), coloured by
    ``colour_by`` (e.g. sector, in its fixed colours and vocabulary's order) if given.
    ``x_title`` is the value axis's title. Each bar's customdata is [label], or
    [label, colour_by value] with ``colour_by``."""
    columns = list(dict.fromkeys([label, value, *([colour_by] if colour_by else [])]))
    rows = frame[columns].copy()
    rows[value] = _numbers(rows[value])
    rows = rows.loc[rows[value].notna()].sort_values(value, ascending=False, kind="stable")
    if colour_by:
        rows[colour_by] = rows[colour_by].astype(object).where(rows[colour_by].notna(), NOT_STATED)
        groups = _in_vocabulary_order(rows[colour_by], dimension or colour_by)
        colours = _colours(groups, dimension or colour_by)
    else:
        groups, colours = [None], {None: BLUE}
    figure = go.Figure()
    for group in groups:
        bars = rows if group is None else rows.loc[rows[colour_by].eq(group)]
        names = bars[label].to_list()
        written = [_with_unit(amount, unit, value_format) for amount in bars[value]]
        heading = (
            _labels(names) if group is None else [f"{_label(n)} · {_label(group)}" for n in names]
        )
        figure.add_trace(
            go.Bar(
                x=bars[value].to_list(),
                y=_labels(names),
                orientation="h",
                name=_label(group) if group is not None else _axis_name(value),
                marker={"color": colours[group]},
                customdata=[[name] if group is None else [name, group] for name in names],
                text=written,
                textposition="outside",
                cliponaxis=False,
                textfont={"size": FONT_SIZE},
                hovertext=[f"{h}<br>{w}" for h, w in zip(heading, written, strict=True)],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    peak = float(rows[value].max()) if not rows.empty else 0.0
    _style(
        figure,
        title,
        x_title,
        y_title if y_title is not None else _axis_name(label),
        legend=colour_by is not None,
        bars=rows[label].to_list(),
    )
    top = peak * 1.2 if peak > 0 else 1
    figure.update_xaxes(range=[0, top], **_value_ticks(unit, value_format))
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=_labels(rows[label]),
        autorange="reversed",
    )
    figure.update_layout(barmode="relative", bargap=0.3)
    return figure


# ---------------------------------------------------------------- clicks narrow the table


def selected_points(event, fields: list[str]) -> list[dict]:
    """The points clicked or boxed on a chart, as {field: value} from each point's
    customdata, in order and without repeats; [] when nothing is selected.

    ``event`` is what ``st.plotly_chart(..., on_select="rerun")`` returns:
    ``event["selection"]["points"]``, each point with its "customdata". Points without
    customdata (a target line) are left out.
    """
    try:
        points = event["selection"]["points"] or []
    except (KeyError, TypeError, AttributeError):
        return []
    chosen: list[dict] = []
    for point in points:
        data = point.get("customdata") if isinstance(point, Mapping) else None
        if data is None:
            continue
        if isinstance(data, str) or not isinstance(data, list | tuple):
            data = [data]
        record = dict(zip(fields, data, strict=False))
        if record and record not in chosen:
            chosen.append(record)
    return chosen


def _matches(column: pd.Series, value) -> pd.Series:
    if _missing(value):
        return column.isna()
    if isinstance(value, str) or not pd.api.types.is_numeric_dtype(column):
        return column.astype("string").eq(str(value)).fillna(False).astype(bool)
    return column.eq(value).fillna(False).astype(bool)


def narrow(frame: pd.DataFrame, points: list[dict]) -> pd.DataFrame:
    """The rows of ``frame`` matching any of the points on every field the point gives
    (fields the frame lacks are passed over); the frame unchanged when no point is given."""
    if not points:
        return frame
    kept = pd.Series(False, index=frame.index)
    for point in points:
        match = pd.Series(True, index=frame.index)
        for field, value in point.items():
            if field in frame:
                match &= _matches(frame[field], value)
        kept |= match
    return frame.loc[kept]


def tag(figure: go.Figure, text: str) -> go.Figure:
    """Add a second, smaller line under the title (e.g. the outcome a chart speaks to and
    whether it is on track), so that a chart seen out of context still says so."""
    extra = 24
    height = figure.layout.height or CHART_HEIGHT
    legend_top = (1 - (figure.layout.legend.y or 1)) * height
    figure.update_layout(
        title_text=f"{figure.layout.title.text}<br><span style='font-size:{FONT_SIZE}px;"
        f"color:{GREY_TEXT}'>{text}</span>",
        height=height + extra,
        margin_t=(figure.layout.margin.t or 0) + extra,
        legend_y=1 - (legend_top + extra) / (height + extra),
    )
    return figure


# ---------------------------------------------------------------- assessments

# Light to dark blue (ColorBrewer "Blues"): sequential, and read the same by people with
# the common forms of colour blindness; a higher score is darker.
SCORE_SCALE = (
    (0.0, "#F7FBFF"),
    (0.25, "#C6DBEF"),
    (0.5, "#6BAED6"),
    (0.75, "#2171B5"),
    (1.0, "#08306B"),
)
HEAT_PITCH = 36  # px per row of a heatmap: 16 px labels in the cells and on the axis
ROW_CHARACTERS = 40  # a heatmap's row label longer than this goes on two lines
GRID_ROW_CHARACTERS = 22  # a rating grid's rows are narrower: its cells hold words
GRID_PITCH = 52  # px per row of a rating grid, room for a two-line label
GRID_SLANT = -55  # steeper than a heatmap's: a grid's cells need the width for words
SLANT = -40  # degrees: a heatmap's column headings, slanted so that names fit over cells
CHARACTER_WIDTH = 7.5  # px, an average character of 16 px text
CHART_WIDTH = 820  # px, the page's column on a 1280x720 screen with the sidebar open
# The benchmark's key, drawn away from zero: "not so" to the left, "yes" to the right.
DIVERGING_LEFT = ("NP", "NAA")
DIVERGING_RIGHT = ("YAB", "YD")
DIVERGING_APART = ("N/A", "Blank")
RESPONSE_LEGEND = ("NAA", "NP", "YAB", "YD", "N/A", "Blank")
BLANK_COLOUR = "#DDDDDD"
DIVERGING_PITCH = 50  # px per bar of the diverging chart
RESPONSE_LEGEND_NAMES = {
    "NAA": "Not at all",
    "NP": "Not particularly",
    "YAB": "Yes a bit",
    "YD": "Yes definitely",
    "N/A": "N/A",
    "Blank": "Blank",
}


def _row_lines(label: str, width: int = ROW_CHARACTERS) -> list[str]:
    if len(label) <= width:
        return [label]
    return textwrap.wrap(label, width, max_lines=2, placeholder="…")


def _row_heading(label: str, width: int = ROW_CHARACTERS) -> str:
    """A long row label (a service's name) on two lines, so that it leaves the plot room,
    as a plotly label."""
    return "<br>".join(_labels(_row_lines(label, width)))


def _cell_hover(rows: list[str], columns: list[str]) -> list[list[str]]:
    """Each cell's hover heading, "row<br>column", as plotly labels (customdata, which a
    click hands back, keeps the names as they are)."""
    return [[f"{_label(row)}<br>{_label(column)}" for column in columns] for row in rows]


def _slanted_top(figure: go.Figure, headings: list[str], slant: float = SLANT) -> float:
    """The plot's top margin once column headings slanted at ``slant`` degrees sit above
    it, under the title and the axis title."""
    longest = max((len(str(heading)) for heading in headings), default=0)
    rise = CHARACTER_WIDTH * longest * math.sin(math.radians(abs(slant)))
    return (figure.layout.margin.t or 0) + 8 + rise


def _slanted_right(headings: list[str], row_labels: list[str], slant: float = SLANT) -> float:
    """Room on the right for the slanted headings that run past the plot's last column,
    for a chart ``CHART_WIDTH`` wide whose rows are labelled ``row_labels``."""
    run = math.cos(math.radians(abs(slant))) * CHARACTER_WIDTH
    left = 70 + CHARACTER_WIDTH * max((len(label) for label in row_labels), default=0)
    right = 30.0
    for _ in range(3):  # the columns widen as the margin narrows: settle on both
        column = max(20.0, (CHART_WIDTH - left - right) / max(1, len(headings)))
        past = [
            run * len(str(heading)) - column * (len(headings) - 1 - i) - column / 2
            for i, heading in enumerate(headings)
        ]
        right = 30 + max(0.0, *past)
    return right


def _grid_axes(
    figure: go.Figure, headings: list[str], rows: list[str], widths: list[str], slant: float
) -> go.Figure:
    """A grid's axes: slanted column headings on top, rows in the given order down the side
    (``widths``: text as wide as each row label, to make room on the right for the slant)."""
    figure.update_layout(margin={"b": 40, "r": _slanted_right(headings, widths, slant)})
    figure.update_xaxes(
        side="top",
        type="category",
        showgrid=False,
        tickangle=slant,
        automargin=False,
        title_standoff=8,
    )
    figure.update_yaxes(
        type="category",
        autorange="reversed",
        showgrid=False,
        rangemode="normal",
        categoryorder="array",
        categoryarray=rows,
    )
    return figure


def _resize(figure: go.Figure, height: float, top: float | None = None) -> go.Figure:
    """Change a styled figure's height (and its plot's top), keeping its title and legend
    where ``_style`` put them in pixels from the top."""
    old = figure.layout.height or CHART_HEIGHT
    legend_top = (1 - (figure.layout.legend.y or 1)) * old
    figure.update_layout(height=height, legend_y=1 - legend_top / height)
    if top is not None:
        figure.update_layout(margin_t=top)
    return figure


def heatmap(
    frame: pd.DataFrame,
    *,
    row: str,
    columns: list[str],
    title: str,
    x_title: str,
    y_title: str,
    zmin: float = 0,
    zmax: float = 100,
    gap_after: int | None = None,
    gap_label: str = "",
) -> go.Figure:
    """Rows of ``frame`` (e.g. services) by ``columns`` (e.g. the 8 sections), each cell
    shaded light to dark blue by its value and labelled with it (whole numbers), the
    frame's first row at the top, the column headings slanted above the plot.

    ``gap_after``: an empty row labelled ``gap_label`` after that many rows (e.g. between
    the top and bottom 30 of a long list). Each cell's customdata is [row, column].
    """
    labels = [_row_heading(label) for label in frame[row].astype(str)]
    names = frame[row].astype(str).to_list()
    values = frame[columns].apply(pd.to_numeric, errors="coerce").to_numpy(float).tolist()
    if gap_after is not None and 0 < gap_after < len(labels):
        labels.insert(gap_after, gap_label)
        names.insert(gap_after, gap_label)
        values.insert(gap_after, [float("nan")] * len(columns))
    text = [["" if math.isnan(v) else f"{v:.0f}" for v in line] for line in values]
    figure = go.Figure(
        go.Heatmap(
            z=values,
            x=_labels(columns),
            y=labels,
            zmin=zmin,
            zmax=zmax,
            colorscale=[list(stop) for stop in SCORE_SCALE],
            showscale=False,
            text=text,
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE},
            xgap=2,
            ygap=2,
            customdata=[[[name, column] for column in columns] for name in names],
            hovertext=_cell_hover(names, columns),
            hovertemplate="%{hovertext}: %{z:.1f}<extra></extra>",
            hoverongaps=False,
        )
    )
    _style(figure, title, x_title, y_title, legend=False)
    top = _slanted_top(figure, columns)
    pitch = HEAT_PITCH + (18 if any("<br>" in label for label in labels) else 0)
    _resize(figure, max(CHART_HEIGHT, round(top + 40 + pitch * len(labels))), top)
    # Room for the slant measured on the names as written, not on their escaped labels.
    widths = ["<br>".join(_row_lines(name)) for name in names]
    return _grid_axes(figure, columns, labels, widths, SLANT)


def diverging_bars(
    frame: pd.DataFrame,
    *,
    key: str,
    label: str,
    title: str,
    y_title: str,
    hover: str | None = None,
) -> go.Figure:
    """The benchmark's answers as diverging bars, one per ``key`` (section or statement):
    "not particularly" and "not at all" to the left of zero, "yes a bit" and "yes
    definitely" to the right, and N/A and blanks apart in a narrow panel on the right, all
    as shares of the bar's answer rows (so the two panels add up to 100%).

    ``frame`` is ``assessments.response_distribution``'s table (key, label, response,
    response_words, count, share); ``hover``: a column of longer words for the hover (a
    statement's text).
    Each piece's customdata is [key, response].
    """
    from plotly.subplots import make_subplots

    rows = frame.loc[frame[key].notna()].copy()
    labels = list(dict.fromkeys(rows[label].astype(str)))
    figure = make_subplots(
        rows=1, cols=2, shared_yaxes=True, column_widths=[0.82, 0.18], horizontal_spacing=0.06
    )
    order = [*DIVERGING_LEFT, *DIVERGING_RIGHT, *DIVERGING_APART]
    for response in order:
        part = rows.loc[rows["response"].eq(response)]
        share = part["share"].astype(float) * 100
        sign = -1 if response in DIVERGING_LEFT else 1
        words = part["response_words"].iloc[0] if "response_words" in part and len(part) else ""
        words = words or RESPONSE_LEGEND_NAMES[response]
        extra = (
            ["<br>" + "<br>".join(_labels(textwrap.wrap(str(t), 60))) for t in part[hover]]
            if hover
            else [""] * len(part)
        )
        figure.add_trace(
            go.Bar(
                x=(sign * share).to_list(),
                y=_labels(part[label].astype(str)),
                orientation="h",
                name=RESPONSE_LEGEND_NAMES[response],
                legendrank=RESPONSE_LEGEND.index(response),
                marker={"color": PALETTE["response"].get(response, BLANK_COLOUR)},
                customdata=[[k, response] for k in part[key]],
                text=[f"{s:.0f}%" if s >= 0.5 else "" for s in share],
                textposition="inside",
                insidetextanchor="middle",
                textangle=0,
                textfont={"size": FONT_SIZE},
                hovertext=[
                    f"{_label(lab)}{x}<br>{words}: {c:,} answers ({s:.1f}%)"
                    for lab, x, c, s in zip(part[label], extra, part["count"], share, strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=1,
            col=2 if response in DIVERGING_APART else 1,
        )
    # The legend spans the whole figure, so it is laid out for its width, not the plot's.
    _style(figure, title, "", y_title)
    # Thicker bars than other charts': each piece has its share written in it at 16 px.
    _resize(figure, max(CHART_HEIGHT, figure.layout.margin.t + 80 + DIVERGING_PITCH * len(labels)))

    def reach(responses) -> float:
        part = rows.loc[rows["response"].isin(responses)].groupby(label)["share"].sum()
        return float(part.max()) * 100 if len(part) else 0.0

    # Each side as long as its longest bar needs, in steps of 20%, so neither is squeezed.
    left = max(20, math.ceil(reach(DIVERGING_LEFT) / 20) * 20)
    right = max(20, math.ceil(reach(DIVERGING_RIGHT) / 20) * 20)
    ticks = list(range(-left, right + 1, 20))
    figure.update_xaxes(
        range=[-left - 2, right + 2],
        tickvals=ticks,
        ticktext=[f"{abs(t)}%" for t in ticks],
        zeroline=True,
        zerolinecolor=TEXT,
        zerolinewidth=2,
        title_text="Share of answers: ← no · yes →",
        row=1,
        col=1,
    )
    apart = max(10, math.ceil(reach(DIVERGING_APART) / 10) * 10)
    figure.update_xaxes(
        range=[0, apart],
        tickvals=[0, apart],
        ticktext=["", f"{apart}%"],
        title_text="N/A, blank",
        row=1,
        col=2,
    )
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=_labels(labels),
        autorange="reversed",
        rangemode="normal",
    )
    figure.update_yaxes(title_text="", row=1, col=2)
    figure.update_layout(barmode="relative", bargap=0.3)
    return figure


def grouped_bars(
    frame: pd.DataFrame,
    *,
    key: str,
    label: str,
    category: str,
    value: str,
    dimension: str,
    title: str,
    x_title: str,
    y_title: str,
    value_range: tuple[float, float] = (0, 100),
) -> go.Figure:
    """Horizontal bars side by side: for each ``label`` (e.g. section) one bar per
    ``category`` (e.g. respondent group) in its fixed colour, its value written at its end,
    the frame's first label at the top. Each bar's customdata is [key, category]."""
    rows = frame.loc[frame[value].notna()]
    labels = list(dict.fromkeys(rows[label].astype(str)))
    order = _in_vocabulary_order(rows[category], dimension)
    colours = _colours(order, dimension)
    figure = go.Figure()
    for name in order:
        part = rows.loc[rows[category].eq(name)]
        figure.add_trace(
            go.Bar(
                x=part[value].astype(float).to_list(),
                y=_labels(part[label].astype(str)),
                orientation="h",
                name=_label(name),
                marker={"color": colours[name]},
                customdata=[[k, name] for k in part[key]],
                text=[f"{v:.0f}" for v in part[value]],
                textposition="outside",
                # Outside text keeps its 16 px even where a bar is thinner than that.
                constraintext="none",
                cliponaxis=False,
                textfont={"size": FONT_SIZE},
                hovertext=[
                    f"{_label(lab)} · {_label(name)}<br>{v:.1f}"
                    for lab, v in zip(part[label], part[value], strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    _style(figure, title, x_title, y_title, bars=labels)
    # Each label holds a bar per group: give it room for all of them.
    pitch = max(BAR_PITCH, 24 * len(order) + 16)
    _resize(figure, max(CHART_HEIGHT, figure.layout.margin.t + 70 + pitch * len(labels)))
    figure.update_layout(barmode="group", bargap=0.25, bargroupgap=0.05)
    figure.update_xaxes(range=list(value_range))
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=_labels(labels),
        autorange="reversed",
        rangemode="normal",
    )
    return figure


def peer_chart(
    table: pd.DataFrame,
    service: str,
    *,
    title: str,
    x_title: str = "Section score (0–100)",
    y_title: str = "Benchmark section",
) -> go.Figure:
    """One service against its peers, NHS-benchmarking style: for each section, the
    middle half of the services shown (lower to upper quartile) as a pale band, their
    median as a black bar, the service's score as a large diamond labelled with its value,
    and its previous year's score, where there is one, as an open circle.

    ``table`` is ``assessments.peer_table``'s (label, score, median, q1, q3, position,
    previous_year, previous_score). Each point's customdata is [label, service], the
    band's and the median's [label].
    """
    rows = table.drop_duplicates("label").sort_values("section")
    own = table.loc[table["service"].eq(service)].set_index("label")
    labels = rows["label"].to_list()
    who = _label(service)
    figure = go.Figure()
    figure.add_trace(
        go.Bar(
            x=(rows["q3"] - rows["q1"]).to_list(),
            base=rows["q1"].to_list(),
            y=_labels(labels),
            orientation="h",
            name="Middle half of services (Q1 to Q3)",
            marker={"color": "#C6DBEF"},
            width=0.6,
            customdata=[[label] for label in labels],
            hovertext=[
                f"{_label(label)}<br>Lower quartile {q1:.0f}, median {m:.0f}, "
                f"upper quartile {q3:.0f}"
                for label, q1, m, q3 in zip(
                    labels, rows["q1"], rows["median"], rows["q3"], strict=True
                )
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    figure.add_trace(
        go.Scatter(
            x=rows["median"].to_list(),
            y=_labels(labels),
            mode="markers",
            name="Median",
            marker={"symbol": "line-ns", "size": 26, "line": {"width": 4, "color": BLACK}},
            customdata=[[label] for label in labels],
            hovertemplate="%{y}<br>Median %{x:.1f}<extra></extra>",
        )
    )
    before = own.reindex(labels)
    if "previous_score" in own and own["previous_score"].notna().any():
        earlier = before.loc[before["previous_score"].notna()]
        years = sorted(earlier["previous_year"].dropna().astype(str).unique())
        figure.add_trace(
            go.Scatter(
                x=earlier["previous_score"].to_list(),
                y=_labels(earlier.index),
                mode="markers",
                name=f"{who}, {years[0] if len(years) == 1 else 'previous year'}",
                marker={
                    "symbol": "circle-open",
                    "size": 14,
                    "line": {"width": 3, "color": ORANGE},
                    "color": ORANGE,
                },
                customdata=[[label, service] for label in earlier.index],
                hovertext=[
                    f"{_label(label)}<br>{who} {year}: {score:.1f}"
                    for label, year, score in zip(
                        earlier.index,
                        earlier["previous_year"],
                        earlier["previous_score"],
                        strict=True,
                    )
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    now = before.loc[before["score"].notna()]
    figure.add_trace(
        go.Scatter(
            x=now["score"].to_list(),
            y=_labels(now.index),
            mode="markers+text",
            name=f"{who}, {now['year'].iloc[0]}" if len(now) else who,
            marker={"symbol": "diamond", "size": 18, "color": BLUE, "line": {"width": 1}},
            text=[f"{score:.0f}" for score in now["score"]],
            textposition="top center",
            textfont={"size": FONT_SIZE, "color": BLUE},
            customdata=[[label, service] for label in now.index],
            hovertext=[
                f"{_label(label)}<br>{who}: {score:.1f} ({position})"
                for label, score, position in zip(
                    now.index, now["score"], now["position"], strict=True
                )
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    _style(figure, title, x_title, y_title, bars=labels)
    _resize(figure, max(CHART_HEIGHT, figure.layout.margin.t + 70 + 56 * len(labels)))
    figure.update_xaxes(range=[0, 105], dtick=20)
    figure.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=_labels(labels),
        autorange="reversed",
        rangemode="normal",
    )
    return figure


def rating_grid(
    frame: pd.DataFrame,
    *,
    row: str,
    column: str,
    rating: str,
    title: str,
    x_title: str,
    y_title: str,
    hover: str | None = None,
    column_labels: Mapping[str, str] | None = None,
) -> go.Figure:
    """A grid of ``row`` (e.g. service) by ``column`` (e.g. feature), each cell in its
    rating's fixed colour (Strong, Some, None; white where not rated) with the rating
    written in it, so that no one has to tell the ratings by colour alone.

    Rows and columns keep the frame's order; rows are labelled on up to two lines.
    ``column_labels``: the words slanted over each column (e.g. a feature's ID and the
    start of its text), the column's value where none is given; ``hover``: a column of
    notes for the hover (evidence). Each cell's customdata is [row, column].
    """
    rows = list(dict.fromkeys(frame[row].astype(str)))
    row_labels = [_row_heading(name, GRID_ROW_CHARACTERS) for name in rows]
    columns = list(dict.fromkeys(frame[column].astype(str)))
    ratings = list(PALETTE["rating"])
    codes = {name: i for i, name in enumerate(ratings)}
    cells = frame.assign(_row=frame[row].astype(str), _column=frame[column].astype(str))
    cells = cells.drop_duplicates(["_row", "_column"], keep="last").set_index(["_row", "_column"])
    grid = pd.MultiIndex.from_product([rows, columns])
    cells = cells.reindex(grid)
    z = cells[rating].map(codes).to_numpy(float).reshape(len(rows), len(columns))
    words = cells[rating].where(cells[rating].isin(ratings), "–").astype(str)
    words = words.to_numpy().reshape(len(rows), len(columns))
    notes = (
        cells[hover].fillna("").astype(str).to_numpy().reshape(len(rows), len(columns))
        if hover
        else [[""] * len(columns) for _ in rows]
    )
    steps = len(ratings)
    scale = []
    for i, name in enumerate(ratings):
        scale += [[i / steps, PALETTE["rating"][name]], [(i + 1) / steps, PALETTE["rating"][name]]]
    headings = [(column_labels or {}).get(c, c) for c in columns]
    figure = go.Figure(
        go.Heatmap(
            z=z.tolist(),
            x=_labels(headings),
            y=row_labels,
            zmin=-0.5,
            zmax=steps - 0.5,
            colorscale=scale,
            showscale=False,
            text=words.tolist(),
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE, "color": TEXT},
            xgap=3,
            ygap=3,
            customdata=[
                [
                    [r, c, "<br>".join(textwrap.wrap(n, 50))]
                    for c, n in zip(columns, line, strict=True)
                ]
                for r, line in zip(rows, notes, strict=True)
            ],
            hovertext=[
                [
                    f"{_label(c)}<br>{_label(r)}: {w}<br>"
                    + "<br>".join(_labels(textwrap.wrap(n, 50)))
                    for c, w, n in zip(columns, said, line, strict=True)
                ]
                for r, said, line in zip(rows, words.tolist(), notes, strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
            hoverongaps=False,
        )
    )
    # The heatmap has no legend of its own: a square per rating stands in for one.
    for name in ratings:
        figure.add_trace(
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker={"symbol": "square", "size": 16, "color": PALETTE["rating"][name]},
            )
        )
    _style(figure, title, x_title, y_title)
    top = _slanted_top(figure, headings, GRID_SLANT)
    _resize(figure, max(CHART_HEIGHT, round(top + 40 + GRID_PITCH * len(rows))), top)
    row_width = [max(map(len, _row_lines(name, GRID_ROW_CHARACTERS))) for name in rows]
    return _grid_axes(figure, headings, row_labels, ["x" * w for w in row_width], GRID_SLANT)


# ---------------------------------------------------------------- diverse groups and returns

MARK_COLOUR = "#F9D9C6"  # a pale vermillion: a gap or a missing return, also named in words


def marked_heatmap(
    frame: pd.DataFrame,
    *,
    row: str,
    columns: list[str],
    title: str,
    x_title: str,
    y_title: str,
    zmin: float = 0,
    zmax: float | None = None,
    mark: str = "zero",
    mark_text: str = "gap",
    hover_format: str = ",.0f",
    hidden: pd.DataFrame | None = None,
    hidden_text: str = "<5",
) -> go.Figure:
    """``heatmap``, with the cells that need attention marked in pale vermillion and named
    in words (``mark_text``): ``mark="zero"`` marks cells of 0 (a locality with no service
    for a group), ``mark="missing"`` blank cells (a return not made).
    ``hidden``: True where a value must not be shown (publication mode); such a cell is
    grey, says ``hidden_text`` and keeps its value out of the colours and the hover.
    Each cell's customdata is [row, column]."""
    values = frame[columns].apply(pd.to_numeric, errors="coerce").astype("float64")
    concealed = pd.DataFrame(False, index=values.index, columns=values.columns)
    if hidden is not None:
        concealed = hidden.reindex(index=values.index, columns=columns, fill_value=False)
        concealed = concealed.fillna(False).astype(bool)
        values = values.mask(concealed)
        frame = frame.assign(**{column: values[column] for column in columns})
    peak = float(values.max().max()) if values.notna().any().any() else 1.0
    figure = heatmap(
        frame,
        row=row,
        columns=columns,
        title=title,
        x_title=x_title,
        y_title=y_title,
        zmin=zmin,
        zmax=zmax if zmax is not None else max(peak, zmin + 1),
    )
    # Room for the axis title above the slanted headings, under the finding.
    room = 30
    _resize(figure, (figure.layout.height or CHART_HEIGHT) + room, figure.layout.margin.t + room)
    cells = figure.data[0]
    cells.hovertemplate = f"%{{hovertext}}: %{{z:{hover_format}}}<extra></extra>"
    marked = values.eq(0) if mark == "zero" else values.isna() & ~concealed
    for cells_marked, colour, words in (
        (marked, MARK_COLOUR, mark_text),
        (concealed, BLANK_COLOUR, hidden_text),
    ):
        z = [[1 if flag else None for flag in line] for line in cells_marked.to_numpy().tolist()]
        if not any(any(flag is not None for flag in line) for line in z):
            continue
        figure.add_trace(
            go.Heatmap(
                z=z,
                x=list(cells.x),
                y=list(cells.y),
                zmin=0,
                zmax=1,
                colorscale=[[0, colour], [1, colour]],
                showscale=False,
                text=[[words if flag else "" for flag in line] for line in z],
                texttemplate="%{text}",
                textfont={"size": FONT_SIZE, "color": TEXT},
                xgap=2,
                ygap=2,
                customdata=cells.customdata,
                hovertext=cells.hovertext,
                hovertemplate=f"%{{hovertext}}: {words}<extra></extra>",
                hoverongaps=False,
            )
        )
    return figure


def value_lines(
    frame: pd.DataFrame,
    *,
    x: str,
    category: str,
    value: str,
    title: str,
    y_title: str,
    dimension: str | None = None,
    x_title: str | None = None,
    value_format: str = ",.0f",
    unit: str = "",
) -> go.Figure:
    """One line per category of values (counts, returns) over ``x`` in the frame's order,
    each in its fixed colour (the palette in turn outside a vocabulary) with its own marker,
    the value axis from zero. Each point's customdata is [x value, category]."""
    rows, labels, lines = _category_lines(frame, x, category, value, dimension)
    figure = go.Figure()
    for i, name, colour, line in lines:
        figure.add_trace(
            go.Scatter(
                x=_labels(line.index),
                y=line.to_list(),
                customdata=[[label, name] for label in line.index],
                mode="lines+markers",
                name=_label(name),
                line={"color": colour, "width": 3},
                marker={"size": 11, "symbol": MARKERS[i % len(MARKERS)]},
                hovertext=[
                    f"{_label(label)} · {_label(name)}<br>{_with_unit(amount, unit, value_format)}"
                    for label, amount in line.items()
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    peak = float(rows[value].max()) if not rows.empty else 0.0
    _style(figure, title, x_title if x_title is not None else _axis_name(x), y_title)
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=_labels(labels))
    figure.update_yaxes(
        range=[0, peak * 1.15 if peak > 0 else 1], **_value_ticks(unit, value_format)
    )
    return figure


# ---------------------------------------------------------------- access (issue 6)


def week_heatmap(grid: pd.DataFrame, title: str, weight: str = "services"):
    """The week by hour heatmap, with the 7-day 8am-10pm standard (dashed black) and the
    Monday-Friday 9-5 week (solid orange) drawn on it."""
    open_any = grid.columns[grid.gt(0).any(axis=0)]
    first = min(6, int(open_any.min())) if len(open_any) else 6
    hours = list(range(first, 24))
    frame = grid.loc[:, hours].copy()
    frame.columns = [access.hour_label(h) for h in hours]
    frame = frame.reset_index()
    figure = heatmap(
        frame,
        row="day",
        columns=list(frame.columns[1:]),
        title=title,
        x_title="Hour of the day (starting at)",
        y_title="Day of the week",
        zmax=max(1.0, float(grid.to_numpy().max())),
    )
    unit = "services" if weight == "services" else "places"
    figure.update_traces(
        hovertemplate="%{customdata[0]} %{customdata[1]}: %{z:,.0f} " + unit + " open"
        "<extra></extra>"
    )

    def box(first_hour, last_hour, first_day, last_day, colour, dash):
        x0 = hours.index(first_hour) - 0.5
        x1 = hours.index(last_hour - 1) + 0.5
        figure.add_shape(
            type="rect",
            x0=x0,
            x1=x1,
            y0=first_day - 0.5,
            y1=last_day + 0.5,
            line={"color": colour, "width": 4, "dash": dash},
            fillcolor="rgba(0,0,0,0)",
        )

    box(*access.STANDARD, 0, 6, BLACK, "dash")
    box(*access.OFFICE, 0, 4, ORANGE, "solid")
    tag(
        figure,
        f"Number of {unit} open · dashed black: 7 days 8am–10pm · orange: Mon–Fri 9 to 5",
    )
    return figure


def shares_chart(shares: pd.DataFrame, title: str, value: str = "share"):
    """The four access shares over the years, one line each."""
    figure = share_lines(
        shares,
        x="year",
        category="feature",
        value=value,
        dimension="access",
        title=title,
        y_title="% of services" if value == "share" else "% of places",
    )
    return figure


def locality_chart(shares: pd.DataFrame, year: str, title: str):
    """For one year, each locality's share of services open evenings, weekends, taking
    self-referrals and drop-ins."""
    rows = shares.loc[shares["year"].eq(year)].copy()
    rows["percent"] = rows["share"] * 100
    return grouped_bars(
        rows,
        key="locality",
        label="locality",
        category="feature",
        value="percent",
        dimension="access",
        title=title,
        x_title="% of the locality's services",
        y_title="Locality",
    )


# ---------------------------------------------------------------- provenance and images

PROVENANCE_SIZE = 13  # px: small beside the 16 px labels, still readable on a projector
PROVENANCE_LINE = 17  # px per line of the provenance footer
PROVENANCE_GAP = 10  # px between what the chart had at its foot and the footer
PROVENANCE_CHARACTERS = 100  # one footer line in an ~820 px chart (about 7 px a character)
PROVENANCE_NAME = "provenance"
IMAGE_WIDTH = CHART_WIDTH  # px of a downloaded chart; its PNG is twice as wide
IMAGE_SCALE = 2  # a PNG at twice the pixels, sharp on a slide or a projector
NAME_CHARACTERS = 50  # at most this much of a chart's title goes into its file name


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
    costs 10 to 25 ms, on every chart of every rerun."""
    _remove_provenance(figure)
    lines = _footer_lines(line)
    extra = PROVENANCE_GAP + PROVENANCE_LINE * len(lines) + 8
    bottom = figure.layout.margin.b if figure.layout.margin.b is not None else 80
    right = figure.layout.margin.r if figure.layout.margin.r is not None else 80
    _resize(figure, (figure.layout.height or CHART_HEIGHT) + extra)
    figure.update_layout(margin_b=bottom + extra)
    figure.add_annotation(
        text="<br>".join(_labels(lines)),
        xref="paper",
        x=1,
        xanchor="right",
        xshift=right - 12,
        yref="paper",
        y=0,
        yanchor="top",
        yshift=-(bottom + PROVENANCE_GAP),
        align="right",
        showarrow=False,
        font={"size": PROVENANCE_SIZE, "color": GREY_TEXT},
        name=PROVENANCE_NAME,
    )
    return figure


def _remove_provenance(figure: go.Figure) -> None:
    """Take a provenance footer off a figure, giving back the room it took."""
    footers = [a for a in figure.layout.annotations if a.name == PROVENANCE_NAME]
    if not footers:
        return
    bottom = -footers[0].yshift - PROVENANCE_GAP  # the foot the figure had before
    extra = figure.layout.margin.b - bottom
    figure.layout.annotations = [a for a in figure.layout.annotations if a.name != PROVENANCE_NAME]
    _resize(figure, figure.layout.height - extra)
    figure.update_layout(margin_b=bottom)


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
    for each image), so call it when the image is asked for, not while drawing a page."""
    return figure.to_image(
        format=fmt,
        width=width,
        height=height or figure.layout.height or CHART_HEIGHT,
        scale=IMAGE_SCALE if fmt == "png" else 1,
    )


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

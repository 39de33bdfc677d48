"""Bars of categories: stacked (of amounts or to 100%), ranked largest first, and grouped
side by side; bars on a small base hatched, labels written inside where they fit. The
benchmark's own diverging and peer charts are ``benchmark_bars``'s."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dayserv.figures.formats import is_missing, shorten
from dayserv.palette import BLACK, BLUE, WHITE, text_colour
from dayserv.show.chart_style import (
    BAR_PITCH,
    CHART_HEIGHT,
    CHART_WIDTH,
    CURRENCY,
    FONT_SIZE,
    NOT_STATED,
    axis_name,
    category_colours,
    figure_of,
    plotly_label,
    plotly_labels,
    resize_figure,
    rows_down_axis,
    style_figure,
    to_numbers,
    value_ticks,
    vocabulary_order,
    with_unit,
)

# ---------------------------------------------------------------- small bases, long names


def _hatching(labels, small: Mapping[str, int], fill: str | None = None) -> dict:
    """A marker's pattern: hatched where the bar rests on a small base, plain elsewhere
    (no pattern at all without a small base). With ``fill``, the hatching is drawn in the
    colour opposite to the label's on that fill, so a label written over it keeps its
    contrast on the lines and between them."""
    if not small:
        return {}
    shapes = ["/" if str(label) in small else "" for label in labels]
    pattern = {"shape": shapes, "solidity": 0.5}
    if fill is not None:
        pattern["fgcolor"] = WHITE if text_colour(fill) == BLACK else BLACK
    return {"pattern": pattern}


def _small_words(count: int | None) -> str:
    if count is None:
        return ""
    return f"<br>Rests on {count} service{'s' if count != 1 else ''}: a small base, read with care"


def short_labels(labels, width: int) -> list[str]:
    """Each label cut at a word to ``width`` characters with "…", each kept distinct (two
    names that shorten alike get a number), so that a bar's label fits beside it."""
    shown: list[str] = []
    for label in labels:
        text = shorten(str(label), width)
        number = 2
        while text in shown:
            text = f"{shorten(str(label), width - 4)} ({number})"
            number += 1
        shown.append(text)
    return shown


# ---------------------------------------------------------------- labels inside bars

LABEL_PAD = 3  # px plotly keeps between a bar's edge and the text written inside it
# Widths in ems of what a bar's label holds, in plotly's sans-serif (the wider of Open Sans
# and Arial); anything else as wide as a capital.
LABEL_EMS = {**dict.fromkeys("0123456789", 0.57), "%": 0.9, ".": 0.3, ",": 0.3, " ": 0.28}


def label_fits(label: str, length: float, thickness: float, *, horizontal: bool) -> bool:
    """Whether ``label``, written level at 16 px, fits inside a bar's segment ``length``
    px long (along the bar) and ``thickness`` px across it."""
    wide = sum(LABEL_EMS.get(char, 0.7) for char in label) * FONT_SIZE + 2 * LABEL_PAD
    tall = 1.2 * FONT_SIZE + 2 * LABEL_PAD
    if horizontal:
        return wide <= length and tall <= thickness
    return tall <= length and wide <= thickness


def segment_label(
    fraction: float | None, label: str, length: float, thickness: float, *, horizontal: bool
) -> str:
    """What a segment of a stacked bar says inside it: ``label`` ("42%", "12 services")
    where the segment, ``fraction`` of a bar ``length`` px long and ``thickness`` px thick,
    has room for it at 16 px; nothing where it has not (its hover still has the figures)."""
    if is_missing(fraction) or fraction <= 0:
        return ""
    return label if label_fits(label, fraction * length, thickness, horizontal=horizontal) else ""


def _bar_room(figure: go.Figure, bars: int, horizontal: bool, labels_width: float) -> tuple:
    """A styled bar chart's bars' length and thickness in px, on the page's ~820 px column:
    the plot less its margins (and the bars' labels beside a horizontal chart)."""
    layout = figure.layout
    across = CHART_WIDTH - layout.margin.l - layout.margin.r
    down = layout.height - layout.margin.t - layout.margin.b
    gap = 1 - (layout.bargap if layout.bargap is not None else 0.3)
    if horizontal:
        return across - labels_width, down / max(1, bars) * gap
    return down, across / max(1, bars) * gap


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
    small: Mapping[str, int] | None = None,
    label_width: int | None = None,
) -> go.Figure:
    """Bars of ``x`` (years, localities, services) stacked by ``category``: one trace per
    category in its vocabulary's order and fixed colour (grey outside the vocabulary).

    ``percent``: each bar shows its categories' shares of the bar's total on a 0-100% axis
    (shares that do not add up to 1 are scaled to), each piece with its share written in it
    ("42%"). ``horizontal``: bars across, the frame's first ``x`` at the top, the chart as
    tall as its bars need. ``text``: "value" or "share" written in each piece (by default
    the share on a 100% bar, nothing on others); a label is left out where its piece is too
    small to hold it at 16 px, and drawn in black or white, whichever has the more contrast
    with the piece's colour. ``unit``: "£" before
    the value, any other after it ("services"); ``of``: what the share is of ("funding").
    ``y_title`` is the value axis's title, ``x_title`` the other's. ``small``: {x value:
    services} of the bars resting on a small base, hatched and said so in the hover.
    ``label_width``: labels longer than this many characters cut with "…" (the full label
    in the hover), so that long names leave the bars their room.
    Each piece's customdata is [x value, category].
    """
    small = {str(label): int(count) for label, count in (small or {}).items()}
    if text is None and percent:
        text = "share"
    rows = frame.loc[frame[x].notna(), [x, category, value]].copy()
    rows[x] = rows[x].astype(object)
    rows[category] = rows[category].astype(object).where(rows[category].notna(), NOT_STATED)
    rows[value] = to_numbers(rows[value])
    totals = rows.groupby([x, category], sort=False)[value].sum(min_count=1)
    bar_total = totals.groupby(level=0, sort=False).sum().replace(0, float("nan"))
    labels = list(dict.fromkeys(rows[x]))
    order = vocabulary_order(rows[category], dimension)
    colours = category_colours(order, dimension)
    of = of or ("funding" if unit in CURRENCY else unit) or "the total"
    shown_labels = dict(
        zip(labels, short_labels(labels, label_width) if label_width else labels, strict=True)
    )

    traces, written_by_trace = [], []
    for name in order:
        part = totals.xs(name, level=1).dropna()
        part = part.reindex([label for label in labels if label in part.index])
        share = part / bar_total.reindex(part.index)
        shown = share * 100 if percent else part
        hover = []
        for label, amount, fraction in zip(part.index, part, share, strict=True):
            words = [] if percent and not unit else [with_unit(amount, unit, value_format)]
            if not is_missing(fraction):
                words.append(f"{fraction * 100:.1f}% of {of}")
            if len(words) == 2:
                words = [f"{words[0]} ({words[1]})"]
            hover.append(
                f"{plotly_label(label)} · {plotly_label(name)}<br>{words[0] if words else ''}"
                + _small_words(small.get(str(label)))
            )
        if text == "value":
            written = [with_unit(amount, unit, value_format) for amount in part]
        elif text == "share":
            written = ["" if is_missing(f) else f"{f * 100:.0f}%" for f in share]
        else:
            written = None
        written_by_trace.append(written)
        drawn_labels = plotly_labels(shown_labels[label] for label in part.index)
        places = {"x": drawn_labels, "y": shown.to_list()}
        if horizontal:
            places = {"x": shown.to_list(), "y": drawn_labels, "orientation": "h"}
        traces.append(
            {
                "type": "bar",
                **places,
                "name": plotly_label(name),
                "marker": {"color": colours[name], **_hatching(part.index, small, colours[name])},
                "customdata": [[label, name] for label in part.index],
                "hovertext": hover,
                "hovertemplate": "%{hovertext}<extra></extra>",
                "textposition": "inside",
                "insidetextanchor": "middle",
                "textangle": 0,
                # Said outright: plotly's own choice of black or white is not WCAG's.
                "textfont": {"size": FONT_SIZE, "color": text_colour(colours[name])},
            }
        )

    label_title = x_title if x_title is not None else axis_name(x)
    if percent:
        value_axis = {"range": [0, 100], "ticksuffix": "%", "tickformat": ".0f"}
    else:
        value_axis = {"rangemode": "tozero", **value_ticks(unit, value_format)}
    label_axis = {
        "type": "category",
        "categoryorder": "array",
        "categoryarray": plotly_labels(shown_labels[label] for label in labels),
    }
    figure = figure_of(*traces)
    bars = {"barmode": "stack", "bargap": 0.3}
    if horizontal:
        axes = {"xaxis": value_axis, "yaxis": {"autorange": "reversed", **label_axis}}
        style_figure(
            figure,
            title,
            y_title,
            label_title,
            bars=list(shown_labels.values()),
            layout={**axes, **bars},
        )
    else:
        axes = {"xaxis": label_axis, "yaxis": value_axis}
        style_figure(figure, title, label_title, y_title, layout={**axes, **bars})
    if text in ("value", "share"):
        _write_in_segments(
            figure, written_by_trace, list(shown_labels.values()), horizontal, percent
        )
    return figure


def _write_in_segments(
    figure: go.Figure, written_by_trace: list, bars: list[str], horizontal: bool, percent: bool
) -> None:
    """Each piece's label, where the piece has room for it: a piece of a 100% bar is its
    share of the bar's length, a piece of a bar of amounts its share of the longest bar's."""
    labels_width = min(400, 8 * max((len(str(label)) for label in bars), default=0))
    length, thickness = _bar_room(figure, len(bars), horizontal, labels_width)
    totals: dict = {}
    for trace in figure.data:
        places, amounts = (trace.y, trace.x) if horizontal else (trace.x, trace.y)
        for place, amount in zip(places, amounts, strict=True):
            totals[place] = totals.get(place, 0.0) + abs(amount or 0.0)
    longest = 100.0 if percent else max(totals.values(), default=0.0) or 1.0
    for trace, written in zip(figure.data, written_by_trace, strict=True):
        amounts = trace.x if horizontal else trace.y
        trace.text = [
            segment_label(
                abs(amount or 0.0) / longest, label, length, thickness, horizontal=horizontal
            )
            for amount, label in zip(amounts, written, strict=True)
        ]


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
    small: Mapping[str, int] | None = None,
) -> go.Figure:
    """Horizontal bars, the largest at the top, each with its value written at its end,
    e.g. the largest providers' shares of funding (``value_format=".1%"``), coloured by
    ``colour_by`` (e.g. sector, in its fixed colours and vocabulary's order) if given.
    ``x_title`` is the value axis's title. ``small``: {label: services} of the bars resting
    on a small base, hatched and said so in the hover. Each bar's customdata is [label], or
    [label, colour_by value] with ``colour_by``."""
    small = {str(name): int(count) for name, count in (small or {}).items()}
    columns = list(dict.fromkeys([label, value, *([colour_by] if colour_by else [])]))
    rows = frame[columns].copy()
    rows[value] = to_numbers(rows[value])
    rows = rows.loc[rows[value].notna()].sort_values(value, ascending=False, kind="stable")
    if colour_by:
        rows[colour_by] = rows[colour_by].astype(object).where(rows[colour_by].notna(), NOT_STATED)
        groups = vocabulary_order(rows[colour_by], dimension or colour_by)
        colours = category_colours(groups, dimension or colour_by)
    else:
        groups, colours = [None], {None: BLUE}
    traces = []
    for group in groups:
        bars = rows if group is None else rows.loc[rows[colour_by].eq(group)]
        names = bars[label].to_list()
        written = [with_unit(amount, unit, value_format) for amount in bars[value]]
        heading = (
            plotly_labels(names)
            if group is None
            else [f"{plotly_label(n)} · {plotly_label(group)}" for n in names]
        )
        traces.append(
            dict(
                type="bar",
                x=bars[value].to_list(),
                y=plotly_labels(names),
                orientation="h",
                name=plotly_label(group) if group is not None else axis_name(value),
                marker={"color": colours[group], **_hatching(names, small)},
                customdata=[[name] if group is None else [name, group] for name in names],
                text=written,
                textposition="outside",
                cliponaxis=False,
                textfont={"size": FONT_SIZE},
                hovertext=[
                    f"{h}<br>{w}{_small_words(small.get(str(n)))}"
                    for h, w, n in zip(heading, written, names, strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    peak = float(rows[value].max()) if not rows.empty else 0.0
    top = peak * 1.2 if peak > 0 else 1
    return style_figure(
        figure_of(*traces),
        title,
        x_title,
        y_title if y_title is not None else axis_name(label),
        legend=colour_by is not None,
        bars=rows[label].to_list(),
        layout={
            "xaxis": {"range": [0, top], **value_ticks(unit, value_format)},
            "yaxis": rows_down_axis(plotly_labels(rows[label])),
            "barmode": "relative",
            "bargap": 0.3,
        },
    )


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
    order = vocabulary_order(rows[category], dimension)
    colours = category_colours(order, dimension)
    traces = [
        dict(
            type="bar",
            x=part[value].astype(float).to_list(),
            y=plotly_labels(part[label].astype(str)),
            orientation="h",
            name=plotly_label(name),
            marker={"color": colours[name]},
            customdata=[[k, name] for k in part[key]],
            text=[f"{v:.0f}" for v in part[value]],
            textposition="outside",
            # Outside text keeps its 16 px even where a bar is thinner than that.
            constraintext="none",
            cliponaxis=False,
            textfont={"size": FONT_SIZE},
            hovertext=[
                f"{plotly_label(lab)} · {plotly_label(name)}<br>{v:.1f}"
                for lab, v in zip(part[label], part[value], strict=True)
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
        for name, part in ((name, rows.loc[rows[category].eq(name)]) for name in order)
    ]
    figure = style_figure(
        figure_of(*traces),
        title,
        x_title,
        y_title,
        bars=labels,
        layout={
            "xaxis": {"range": list(value_range)},
            "yaxis": rows_down_axis(plotly_labels(labels)),
            "barmode": "group",
            "bargap": 0.25,
            "bargroupgap": 0.05,
        },
    )
    # Each label holds a bar per group: give it room for all of them.
    pitch = max(BAR_PITCH, 24 * len(order) + 16)
    return resize_figure(
        figure, max(CHART_HEIGHT, figure.layout.margin.t + 70 + pitch * len(labels))
    )


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

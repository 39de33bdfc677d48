"""Lines over the years: a measure's trend (with its target and the years with too little
data), funding concentration on its bands, and one line per category of shares or values."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dayserv.figures.formats import (
    MEASURE_COLOURS,
    MEASURE_UNITS,
    finding,
    format_measure,
    is_missing,
    is_share,
    measure_name,
    trend_finding,
)
from dayserv.figures.measures import trend
from dayserv.figures.outcomes import small_bases
from dayserv.figures.words import over_count
from dayserv.palette import BLUE, BLUISH_GREEN, ORANGE, VERMILLION, WHITE
from dayserv.show.chart_style import (
    CATEGORY_LINE_WIDTH,
    FONT_SIZE,
    LINE_WIDTH,
    MARKER_EDGE,
    MARKER_SIZE,
    MARKERS,
    NOTE,
    NOTE_CHARACTERS,
    SMALL_BASE_SIZE,
    TEXT,
    axis_name,
    category_colours,
    figure_of,
    measure_hover_format,
    measure_tick_format,
    plotly_label,
    plotly_labels,
    style_figure,
    target_line,
    to_numbers,
    value_ticks,
    vocabulary_order,
    with_marks,
    with_unit,
)

# Herfindahl-Hirschman index bands (US DoJ/FTC 2010 merger guidelines), with their tints.
HHI_MODERATE = 1500
HHI_HIGH = 2500
HHI_BANDS = (
    ("Unconcentrated", 0, HHI_MODERATE, BLUISH_GREEN),
    ("Moderately concentrated", HHI_MODERATE, HHI_HIGH, ORANGE),
    ("Highly concentrated", HHI_HIGH, 10_000, VERMILLION),
)
HHI_NAME = "Funding concentration"


# ---------------------------------------------------------------- measures over the years


def _yearly(table: pd.DataFrame, measure: str, too_little: Mapping[str, str]) -> pd.Series:
    """The measure by year label, without the years that have too little data to show."""
    if measure not in table:
        return pd.Series(dtype="float64")
    values = to_numbers(table[measure])
    values.index = [str(year) for year in table.index]
    return values.where(~values.index.isin(list(too_little)))


def _base_words(count: int | None, small: bool) -> str:
    """A point's hover line on the services its figure rests on ("" when not known)."""
    if count is None:
        return ""
    words = f"<br>{count:,} service{'s' if count != 1 else ''}"
    return f"{words}: a small base, read with care" if small else words


def year_ticks(years: list[str], bases: Mapping[str, int]) -> dict:
    """The category axis's labels, each (a year, a locality) over the services its figures
    rest on ("2022/23<br>40 services"), as Fingertips gives every point its count, to be
    read across a room rather than hovered; {} when the counts are not known."""
    if not bases:
        return {}
    return {
        "tickmode": "array",
        "tickvals": list(years),
        "ticktext": [over_count(year, bases.get(year), "<br>") for year in years],
    }


def point_markers(points, small, colour: str, symbol: str = "circle") -> dict:
    """A line's markers: solid in its colour, and hollow (white inside, a ring in its
    colour, larger) where the point rests on a small base, as Fingertips marks small
    numbers. Filled white rather than an open symbol, so the thick line does not show
    through the ring."""
    hollow = [str(point) in small for point in points]
    return {
        "symbol": symbol,
        "size": [SMALL_BASE_SIZE if h else MARKER_SIZE for h in hollow],
        "color": [WHITE if h else colour for h in hollow],
        "line": {"width": MARKER_EDGE, "color": colour},
        "opacity": 1,
    }


def _peak(values: pd.Series, target=None) -> float:
    candidates = [*values.dropna().to_list()]
    if not is_missing(target):
        candidates.append(float(target))
    return max(candidates, default=0.0)


def trend_chart(
    table: pd.DataFrame,
    measure: str,
    *,
    target: float | None = None,
    too_little: Mapping[str, str] | None = None,
    title: str | None = None,
    bases: Mapping[str, int] | None = None,
    layout: dict | None = None,
) -> go.Figure:
    """One measure of a yearly measures table over the years, titled with its finding.

    ``target``: a dashed line labelled "Target 20%". ``too_little``: {year: reason}; those
    years keep their place on the axis, with a gap in the line and a note instead of a point.
    ``bases``: {year: services the figure rests on}, said under each year and in each
    point's hover; a point on fewer than SMALL_BASE services is drawn hollow
    (``point_markers``). Each point's customdata is [year]. ``layout``: more of the chart's
    own (``style_figure``'s).
    """
    too_little = {str(year): str(reason) for year, reason in (too_little or {}).items()}
    values = _yearly(table, measure, too_little)
    drawn = values.dropna()
    years = [
        year for year in sorted({*values.index, *too_little}) if year in drawn or year in too_little
    ]
    name = measure_name(measure)
    hover = measure_hover_format(measure)
    bases = {str(year): int(count) for year, count in (bases or {}).items()}
    small = small_bases(bases, too_little, drawn)
    colour = MEASURE_COLOURS.get(measure, BLUE)
    figure = figure_of(
        {
            "type": "scatter",
            "x": years,
            # None breaks the line, so a year with too little data shows as a gap.
            "y": [float(drawn[year]) if year in drawn else None for year in years],
            "customdata": [[year] for year in years],
            "mode": "lines+markers+text",
            "name": name,
            "text": [
                format_measure(measure, drawn[year]) if year in drawn else "" for year in years
            ],
            "textposition": "top center",
            "textfont": {"size": FONT_SIZE},
            "line": {"color": colour, "width": LINE_WIDTH},
            "marker": point_markers(years, small, colour),
            "hovertext": [_base_words(bases.get(year), year in small) for year in years],
            "hovertemplate": f"%{{x}}<br>{name}: %{{y:{hover}}}%{{hovertext}}<extra></extra>",
        }
    )
    notes = [
        {
            "x": year,
            "y": 0.5,
            "yref": "paper",
            "text": "<br>".join(
                plotly_labels(textwrap.wrap(f"Too little data: {reason}", NOTE_CHARACTERS))
            ),
            "showarrow": False,
            "font": {"size": FONT_SIZE, "color": NOTE},
            "name": "too little data",
        }
        for year, reason in too_little.items()
    ]
    target_drawn = (
        target_line(float(target), f"Target {format_measure(measure, target)}")
        if not is_missing(target)
        else {"shapes": [], "annotations": []}
    )
    # Axes start at zero so that a change is not drawn bigger than it is.
    peak = _peak(values, target)
    if measure == "provider_diversity" or not peak > 0:
        top = 1.0
    else:
        top = min(peak * 1.25, 1.1) if is_share(measure) else peak * 1.25
    if title is None:
        title = trend_finding(pd.DataFrame({measure: values}), measure)
    style_figure(
        figure,
        title,
        "Financial year",
        MEASURE_UNITS.get(measure, ""),
        legend=False,
        layout=with_marks(
            {
                "xaxis": {
                    "type": "category",
                    "categoryorder": "array",
                    "categoryarray": years,
                    **year_ticks(years, bases),
                },
                "yaxis": {"tickformat": measure_tick_format(measure), "range": [0, top]},
                "annotations": [*notes, *target_drawn["annotations"]],
                "shapes": target_drawn["shapes"],
            },
            layout or {},
        ),
    )
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
    bases: Mapping[str, int] | None = None,
) -> go.Figure:
    """The HHI over the years on its conventional bands (unconcentrated below 1,500,
    moderately concentrated to 2,500, highly concentrated above), titled with its finding;
    ``bases`` as trend_chart's. Each point's customdata is [year]."""
    values = _yearly(table, "hhi", {str(year): "" for year in too_little or {}})
    top = max(3000.0, _peak(values, target) * 1.15)
    drawn = values.dropna()
    bands, labels = [], []
    for label, low, high, tint in HHI_BANDS:
        high = min(high, top)
        bands.append(
            {
                "type": "rect",
                "name": label,
                "x0": 0,
                "x1": 1,
                "xref": "x domain",
                "y0": low,
                "y1": high,
                "yref": "y",
                "fillcolor": tint,
                "opacity": 0.15,
                "line": {"width": 0},
                "layer": "below",
            }
        )
        # Each band's label at the side where the line's end is further from it.
        middle = (low + high) / 2
        left = not drawn.empty and abs(drawn.iloc[0] - middle) > abs(drawn.iloc[-1] - middle)
        labels.append(
            {
                "x": 0 if left else 1,
                "xref": "paper",
                "xanchor": "left" if left else "right",
                "y": middle,
                "text": label,
                "showarrow": False,
                "font": {"size": FONT_SIZE, "color": NOTE},
                "name": "band",
            }
        )
    return trend_chart(
        table,
        "hhi",
        target=target,
        too_little=too_little,
        title=title or hhi_finding(table, too_little),
        bases=bases,
        layout={"shapes": bands, "annotations": labels, "yaxis": {"range": [0, top]}},
    )


def _category_lines(frame, x, category, value, dimension):
    """The rows with a value, the x labels in the frame's order, and for each category (in
    its vocabulary's order): its index, name, colour and its values along x."""
    rows = frame.loc[frame[x].notna() & frame[category].notna(), [x, category, value]].copy()
    rows[x] = rows[x].astype(object)
    rows[value] = to_numbers(rows[value])
    rows = rows.loc[rows[value].notna()]
    labels = list(dict.fromkeys(rows[x]))
    order = vocabulary_order(rows[category], dimension)
    colours = category_colours(order, dimension)
    lines = []
    for i, name in enumerate(order):
        line = rows.loc[rows[category].eq(name)].drop_duplicates(x, keep="last")
        line = line.set_index(x)[value]
        line = line.reindex([label for label in labels if label in line.index])
        lines.append((i, name, colours[name], line))
    return rows, labels, lines


def _category_trace(name, colour: str, line: pd.Series, **more) -> dict:
    """One category's line of ``_category_lines`` as a trace: its values along its x labels,
    in its colour, each point's customdata [x value, category]; ``more``: the trace's own
    (its mode, markers, hover text)."""
    return dict(
        type="scatter",
        x=plotly_labels(line.index),
        y=line.to_list(),
        customdata=[[label, name] for label in line.index],
        name=plotly_label(name),
        line={"color": colour, "width": CATEGORY_LINE_WIDTH},
        hovertemplate="%{hovertext}<extra></extra>",
        **more,
    )


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
    bases: Mapping[str, int] | None = None,
) -> go.Figure:
    """One line per category of shares (0 to 1) over ``x`` in the frame's order, each in its
    fixed colour with its own marker, its latest share written at its end.
    ``bases``: {x value: services the shares rest on}, said under each label and in the
    hover; a point on fewer
    than SMALL_BASE services is drawn hollow. Each point's customdata is [x value, category]."""
    rows, labels, lines = _category_lines(frame, x, category, value, dimension)
    bases = {str(label): int(count) for label, count in (bases or {}).items()}
    small = small_bases(bases)
    traces = []
    for i, name, colour, line in lines:
        written = [""] * (len(line) - 1) + [f"{line.iloc[-1]:.0%}"] if len(line) else []
        traces.append(
            _category_trace(
                name,
                colour,
                line,
                marker=point_markers(line.index, small, colour, MARKERS[i % len(MARKERS)]),
                hovertext=[
                    f"{plotly_label(label)} · {plotly_label(name)}<br>{share:.1%}"
                    + _base_words(bases.get(str(label)), str(label) in small)
                    for label, share in line.items()
                ],
                mode="lines+markers+text",
                text=written,
                textposition="top center",
                # Dark, beside its coloured marker: orange or yellow text on white is 2:1.
                textfont={"size": FONT_SIZE, "color": TEXT},
            )
        )
    peak = float(rows[value].max()) if not rows.empty else 0.0
    top = min(peak * 1.25, 1.0) if peak > 0 else 1.0
    shown = plotly_labels(labels)
    ticks = year_ticks(shown, {plotly_label(label): count for label, count in bases.items()})
    axes = {"range": [0, max(top, 0.1)], "tickformat": ".0%"}
    x_title = x_title if x_title is not None else axis_name(x)
    return _lines_figure(traces, title, x_title, y_title, shown, axes, ticks)


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
    traces = [
        _category_trace(
            name,
            colour,
            line,
            marker=point_markers(line.index, {}, colour, MARKERS[i % len(MARKERS)]),
            hovertext=[
                f"{plotly_label(label)} · {plotly_label(name)}<br>"
                f"{with_unit(amount, unit, value_format)}"
                for label, amount in line.items()
            ],
            mode="lines+markers",
        )
        for i, name, colour, line in lines
    ]
    peak = float(rows[value].max()) if not rows.empty else 0.0
    axes = {"range": [0, peak * 1.15 if peak > 0 else 1], **value_ticks(unit, value_format)}
    x_title = x_title if x_title is not None else axis_name(x)
    return _lines_figure(traces, title, x_title, y_title, plotly_labels(labels), axes)


def _lines_figure(
    traces: list[dict],
    title: str,
    x_title: str,
    y_title: str,
    labels: list[str],
    y_axis: dict,
    ticks: dict | None = None,
) -> go.Figure:
    """Lines along ``labels`` (as drawn: plotly labels) in their order, styled, with the
    value axis ``y_axis`` and the label axis's ``ticks``, laid in one assignment."""
    x_axis = {"type": "category", "categoryorder": "array", "categoryarray": labels}
    return style_figure(
        figure_of(*traces),
        title,
        x_title,
        y_title,
        layout={"xaxis": {**x_axis, **(ticks or {})}, "yaxis": y_axis},
    )


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

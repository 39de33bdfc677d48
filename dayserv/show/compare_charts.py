"""Areas compared, drawn as OHID's Fingertips draws indicators: a spine chart per measure
(the range of areas, the middle half shaded, the median marked, every area a dot and the
chosen area labelled in the colour of where it stands), all measures as rows of one spine
chart with better always to the right, the tartan rug of areas by measures with a word in
every cell, and each area's trend as small multiples (``small_multiples``)."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dayserv import catalogue
from dayserv.figures import compare
from dayserv.figures.compare_view import (
    SHORT_WORDS,
    measure_finding,
    rug_finding,
    short_label,
    standing,
)
from dayserv.figures.formats import format_measure
from dayserv.palette import BLACK, BLUE, BLUISH_GREEN, GREY, VERMILLION
from dayserv.show.chart_style import (
    FONT_SIZE,
    GRID,
    MARKER_EDGE,
    MARKER_SIZE,
    TEXT,
    measure_tick_format,
    plotly_label,
    resize_figure,
    rows_down,
    style_figure,
    tag,
)
from dayserv.show.heatmaps import SLANT
from dayserv.show.small_multiples import trend_multiples

# Where an area stands -> (its dot's colour, its rug cell's tint, its dot's shape). Good and
# bad are the palette's on-track and not-on-track colours; a measure with no better way is
# blue; the middle half grey. The shape and the words say it too.
STANDING_STYLE = {
    "better": (BLUISH_GREEN, "#8CD3BF", "triangle-up"),
    "worse": (VERMILLION, "#F0B98C", "triangle-down"),
    "middle": (GREY, "#E6E6E6", "circle"),
    "higher": (BLUE, "#8CBCDC", "diamond"),
    "lower": (BLUE, "#C9E1F1", "diamond"),
    "no data": (GREY, "#FFFFFF", "circle-open"),
}
RANGE_COLOUR = "#DDDDDD"
MIDDLE_HALF_COLOUR = "#A6A6A6"
OTHER_AREA = "#444444"
SPINE_HEIGHT = 330
SPINE_PITCH = 42  # px per measure of the spine rows: room for a two-line name
RUG_PITCH = 42  # px per measure of the rug: a value and a word in each cell
RUG_NAME_CHARACTERS = 11  # an area's name longer than this is slanted over its column


def _standing_name(where: str) -> str:
    """'better than most', 'in the middle half', 'no figure'."""
    names = {"middle": "in the middle half", "no data": "no figure"}
    return names.get(where, f"{where} than most")


def _words(table: pd.DataFrame, summary: dict, measure: str, area: str) -> tuple[object, str]:
    value = table.loc[area, measure] if area in table.index else None
    direction = catalogue.BY_ID[measure].direction
    return value, compare.quartile_of(value, summary[measure], direction)[1]


def _direction_note(measure: str) -> str:
    return {1: "higher is better", -1: "lower is better"}.get(
        catalogue.BY_ID[measure].direction, "neither higher nor lower is better"
    )


def _others(table: pd.DataFrame, measure: str, chosen: str, shown: list[str] | None):
    areas = [a for a in (shown or list(table.index)) if a != chosen and a in table.index]
    values = table.loc[areas, measure].astype("float64")
    return values.dropna()


def _dots(x, y, hover, name, size, colour, symbol="circle", line=OTHER_AREA, **kwargs) -> dict:
    marker = dict(size=size, color=colour, symbol=symbol, line=dict(color=line, width=MARKER_EDGE))
    return dict(
        dict(type="scatter", x=list(x), y=list(y), mode="markers", name=name, marker=marker,
             hovertext=list(hover), hovertemplate="%{hovertext}<extra></extra>"), **kwargs,
    )  # fmt: skip


def _bars(starts, ends, rows, width: int, colour: str, name: str) -> dict:
    """Bars from ``starts`` to ``ends`` on ``rows``, as one line trace broken between rows."""
    x, y = [], []
    for start, end, row in zip(starts, ends, rows, strict=True):
        x += [start, end, None]
        y += [row, row, None]
    line = dict(color=colour, width=width)
    return dict(type="scatter", x=x, y=y, mode="lines", name=name, line=line, hoverinfo="skip")


def _spread(stats: list, place, rows, group: str, size: int, hover: list[str]) -> list[dict]:
    """The range, the middle half and the median of one or more rows (``place(stats, key)``
    puts a statistic on the axis)."""
    at = {key: [place(s, key) for s in stats] for key in ("min", "q1", "median", "q3", "max")}
    return [
        _bars(at["min"], at["max"], rows, size // 2, RANGE_COLOUR, f"Range of {group}"),
        _bars(
            map(min, at["q1"], at["q3"]),
            map(max, at["q1"], at["q3"]),
            rows,
            size,
            MIDDLE_HALF_COLOUR,
            "Middle half",
        ),  # fmt: skip
        _dots(at["median"], rows, hover, "Median", size + 6, BLACK, "line-ns", BLACK),
    ]


def spine_chart(
    table: pd.DataFrame,
    summary: dict,
    measure: str,
    chosen_area: str,
    *,
    shown: list[str] | None = None,
    group: str = "areas",
    title: str | None = None,
) -> go.Figure:
    """One measure across the areas, in its own units: a bar from the lowest area to the
    highest, the middle half (Q1 to Q3) shaded, the median a tick, every area a dot (its
    name and value in the hover) and ``chosen_area`` a larger dot labelled with its name and
    value, in the colour and shape of where it stands. ``shown``: the areas drawn as dots
    (default all with a value); ``summary``: the spread they are judged against."""
    stats = summary[measure]
    value, words = _words(table, summary, measure, chosen_area)
    where = standing(words)
    traces = []
    if stats["n"]:
        median = f"Median: {format_measure(measure, stats['median'])}"
        traces += _spread([stats], lambda s, key: s[key], [0], group, 28, [median])
    others = _others(table, measure, chosen_area, shown)
    text = [plotly_label(f"{a}: {format_measure(measure, v)}") for a, v in others.items()]
    traces.append(_dots(others, [0] * len(others), text, f"Other {group}", MARKER_SIZE, "white"))
    if where != "no data":
        colour, _, symbol = STANDING_STYLE[where]
        label = plotly_label(f"{chosen_area} {format_measure(measure, value)}")
        traces.append(
            _dots(
                [float(value)],
                [0],
                [f"{label} ({words})"],
                plotly_label(f"{chosen_area}: {_standing_name(where)}"),
                26,
                colour,
                symbol,
                BLACK,
                mode="markers+text",
                text=[label],
                textposition="top center",
                textfont={"size": FONT_SIZE, "color": TEXT},
            )
        )
    figure = go.Figure(traces)
    title = title or measure_finding(measure, chosen_area, value, words, group)
    x_title = f"{catalogue.measure(measure).unit} · {_direction_note(measure)}"
    style_figure(figure, title, x_title, "")
    resize_figure(figure, SPINE_HEIGHT + 28 * title.count("<br>"))
    figure.update_yaxes(visible=False, range=[-0.8, 1.2], rangemode="normal")
    points = [v for v in (stats["min"], stats["max"], value) if v is not None and not _nan(v)]
    low, high = (min(points), max(points)) if points else (0, 1)
    pad = (high - low) * 0.08 or abs(high) * 0.1 or 0.05
    figure.update_xaxes(
        tickformat=measure_tick_format(measure), zeroline=False, range=[low - pad, high + pad]
    )
    return figure


def _nan(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _scale(value, stats: dict, direction: int) -> float | None:
    """A value's place on its measure's range of areas, 0 to 1, turned round for a measure
    where lower is better so that better is always to the right."""
    if _nan(value) or not stats["n"]:
        return None
    span = stats["max"] - stats["min"]
    place = 0.5 if span == 0 else (float(value) - stats["min"]) / span
    return 1 - place if direction < 0 else place


def _row_label(measure: str) -> str:
    label = plotly_label(short_label(measure))
    if catalogue.BY_ID[measure].direction < 0:
        return f"{label}<br><i>lower is better</i>"
    return label


def spine_rows(
    table: pd.DataFrame,
    summary: dict,
    chosen_area: str,
    *,
    measures: tuple[str, ...] = compare.MEASURES,
    shown: list[str] | None = None,
    group: str = "areas",
    title: str = "",
) -> go.Figure:
    """Every measure a row, Fingertips-style: each row is its measure's range of areas
    scaled 0 to 1 (turned round where lower is better, so better is always to the right),
    with the middle half shaded, the median a tick, the other areas hollow dots and
    ``chosen_area`` a dot in the colour and shape of where it stands; its value and the
    word for it are written at the row's end."""
    rows = {measure: _row_label(measure) for measure in measures}
    spread = [m for m in measures if summary[m]["n"]]
    direction = {m: catalogue.BY_ID[m].direction for m in measures}

    def place(measure, value):
        return _scale(value, summary[measure], direction[measure])

    hover = [
        plotly_label(
            f"{catalogue.BY_ID[m].label}, median: {format_measure(m, summary[m]['median'])}"
        )
        for m in spread
    ]
    traces = (
        _spread(
            spread,
            lambda m, key: place(m, summary[m][key]),
            [rows[m] for m in spread],
            group,
            22,
            hover,
        )
        if spread
        else []
    )
    others = {"x": [], "y": [], "text": []}
    chosen: dict[str, dict[str, list]] = {}
    notes = []
    for measure in measures:
        label = catalogue.BY_ID[measure].label
        for area, value in _others(table, measure, chosen_area, shown).items():
            others["x"].append(place(measure, value))
            others["y"].append(rows[measure])
            others["text"].append(
                plotly_label(f"{area}, {label}: {format_measure(measure, value)}")
            )
        value, words = _words(table, summary, measure, chosen_area)
        where = standing(words)
        shown_value = format_measure(measure, value)
        notes.append(
            _row_note(
                rows[measure],
                f"{shown_value} {SHORT_WORDS[where]}" if where != "no data" else "No figure",
            )
        )
        if where != "no data":
            dots = chosen.setdefault(where, {"x": [], "y": [], "text": []})
            dots["x"].append(place(measure, value))
            dots["y"].append(rows[measure])
            dots["text"].append(plotly_label(f"{chosen_area}, {label}: {shown_value} ({words})"))
    traces.append(
        _dots(others["x"], others["y"], others["text"], f"Other {group}", MARKER_SIZE, "white")
    )
    for where in (w for w in STANDING_STYLE if w in chosen):
        colour, _, symbol = STANDING_STYLE[where]
        name = plotly_label(f"{chosen_area}: {SHORT_WORDS[where].lower()}")
        dots = chosen[where]
        traces.append(_dots(dots["x"], dots["y"], dots["text"], name, 22, colour, symbol, BLACK))
    figure = go.Figure(traces)
    style_figure(figure, title, "", "", legend=False)  # the ticks say worse and better
    resize_figure(figure, figure.layout.margin.t + 50 + SPINE_PITCH * len(measures))
    figure.update_layout(margin_b=50)
    for line in _key(chosen_area, [where for where in STANDING_STYLE if where in chosen]):
        tag(figure, line)
    places = [x for trace in traces[3:] for x in trace["x"] if x is not None]
    figure.update_layout(annotations=notes, margin_r=150)
    rows_down(figure, rows.values())
    figure.update_xaxes(
        range=[min([0.0, *places]) - 0.04, max([1.0, *places]) + 0.04],
        tickvals=[0, 0.5, 1],
        ticktext=["◀ worse / lowest", "", "better / highest ▶"],
        gridcolor=GRID,
        zeroline=False,
    )
    return figure


def _key(chosen_area: str, wheres: list[str]) -> list[str]:
    """The spine rows' key, two lines under the title (a legend would not fit beside the
    measures' names): what the bars, tick and dots are, and the chosen area's shapes."""
    shapes = {"better": "▲", "worse": "▼", "middle": "●", "higher": "◆", "lower": "◆"}
    marks = [
        f"<span style='color:{STANDING_STYLE[w][0]}'>{shapes[w]}</span> {SHORT_WORDS[w].lower()}"
        for w in dict.fromkeys(wheres)
        if w in shapes
    ]
    return [
        "Light bar: the range · dark band: the middle half · black tick: the median",
        f"○ another area · {plotly_label(chosen_area)}: {', '.join(marks)}",
    ]


def _row_note(row: str, text: str) -> dict:
    """Words at the right-hand end of a row, outside the plot."""
    font = dict(size=FONT_SIZE, color=TEXT, weight="bold")
    return dict(x=1, xref="paper", xanchor="left", xshift=14, y=row, yref="y", text=text,
                showarrow=False, align="left", font=font)  # fmt: skip


def rug_chart(
    rug_table: pd.DataFrame, *, chosen: str | None = None, title: str | None = None
) -> go.Figure:
    """The tartan rug: measures as rows and areas as columns, as Fingertips lays it out (a
    column wide enough for a word), each cell tinted by where the area stands (better,
    worse, middle; higher or lower for a measure with no better way) and written with its
    value and that word, so that nothing rests on colour alone."""
    areas = list(dict.fromkeys(rug_table["area"].astype(str)))
    measures = list(dict.fromkeys(rug_table["measure"]))
    headings = [
        f"{plotly_label(area)}<br>(your area)" if area == chosen else plotly_label(area)
        for area in areas
    ]
    rows = [_row_label(measure) for measure in measures]
    order = list(STANDING_STYLE)
    cells = rug_table.assign(area=rug_table["area"].astype(str)).set_index(["measure", "area"])
    z, text, hover = [], [], []
    for measure in measures:
        line = cells.loc[measure].reindex(areas)
        wheres = [standing(words) for words in line["words"]]
        values = [format_measure(measure, value) for value in line["value"]]
        z.append([order.index(where) for where in wheres])
        text.append(
            [
                "–" if where == "no data" else f"{value}<br>{SHORT_WORDS[where]}"
                for value, where in zip(values, wheres, strict=True)
            ]
        )
        label = catalogue.BY_ID[measure].label
        hover.append(
            [
                plotly_label(f"{area}, {label}: {value}, {words}")
                for area, value, words in zip(areas, values, line["words"], strict=True)
            ]
        )
    scale = []
    for i, where in enumerate(order):
        tint = STANDING_STYLE[where][1]
        scale += [[i / len(order), tint], [(i + 1) / len(order), tint]]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=headings,
            y=rows,
            zmin=-0.5,
            zmax=len(order) - 0.5,
            colorscale=scale,
            showscale=False,
            text=text,
            texttemplate="%{text}",
            textfont={"size": FONT_SIZE, "color": TEXT},
            xgap=2,
            ygap=2,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    style_figure(figure, title or rug_finding(rug_table), "", "", legend=False)
    top = (figure.layout.margin.t or 0) + (44 if chosen in areas else 24)
    resize_figure(figure, round(top + 30 + RUG_PITCH * len(rows)), top)
    slant = 0 if max(map(len, areas), default=0) <= RUG_NAME_CHARACTERS else SLANT
    figure.update_xaxes(side="top", type="category", showgrid=False, tickangle=slant)
    rows_down(figure, rows, showgrid=False)
    figure.update_layout(margin_b=20)
    if chosen in areas:  # the chosen area's column outlined
        column = areas.index(chosen)
        figure.add_shape(
            type="rect",
            x0=column - 0.5,
            x1=column + 0.5,
            y0=-0.5,
            y1=len(rows) - 0.5,
            line={"color": BLACK, "width": 3},
        )
    return figure


__all__ = ["rug_chart", "spine_chart", "spine_rows", "trend_multiples"]

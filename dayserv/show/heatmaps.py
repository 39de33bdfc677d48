"""Grids of cells: scores shaded by value, ratings in their colours, the cells that need
attention marked in words, and the week-by-hour map of what is open."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

from dayserv.figures import access
from dayserv.palette import BLACK, ORANGE, PALETTE
from dayserv.show.chart_style import (
    BLANK_COLOUR,
    CHART_HEIGHT,
    CHART_WIDTH,
    FONT_SIZE,
    TEXT,
    figure_of,
    plotly_label,
    plotly_labels,
    resize_figure,
    style_figure,
    tag,
)

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


def _row_lines(label: str, width: int = ROW_CHARACTERS) -> list[str]:
    if len(label) <= width:
        return [label]
    return textwrap.wrap(label, width, max_lines=2, placeholder="…")


def _row_heading(label: str, width: int = ROW_CHARACTERS) -> str:
    """A long row label (a service's name) on two lines, so that it leaves the plot room,
    as a plotly label."""
    return "<br>".join(plotly_labels(_row_lines(label, width)))


def _cell_hover(rows: list[str], columns: list[str]) -> list[list[str]]:
    """Each cell's hover heading, "row<br>column", as plotly labels (customdata, which a
    click hands back, keeps the names as they are)."""
    return [
        [f"{plotly_label(row)}<br>{plotly_label(column)}" for column in columns] for row in rows
    ]


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
    layout = figure.layout  # set property by property: update_layout parses each path
    layout.margin.b, layout.margin.r = 40, _slanted_right(headings, widths, slant)
    x, y = layout.xaxis, layout.yaxis
    x.side, x.type, x.showgrid, x.tickangle, x.automargin = "top", "category", False, slant, False
    x.title.standoff = 8
    y.type, y.autorange, y.showgrid, y.rangemode = "category", "reversed", False, "normal"
    y.categoryorder, y.categoryarray = "array", rows
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
    figure = figure_of(
        dict(
            type="heatmap",
            z=values,
            x=plotly_labels(columns),
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
    style_figure(figure, title, x_title, y_title, legend=False)
    top = _slanted_top(figure, columns)
    pitch = HEAT_PITCH + (18 if any("<br>" in label for label in labels) else 0)
    resize_figure(figure, max(CHART_HEIGHT, round(top + 40 + pitch * len(labels))), top)
    # Room for the slant measured on the names as written, not on their escaped labels.
    widths = ["<br>".join(_row_lines(name)) for name in names]
    return _grid_axes(figure, columns, labels, widths, SLANT)


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
    figure = figure_of(
        dict(
            type="heatmap",
            z=z.tolist(),
            x=plotly_labels(headings),
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
                    f"{plotly_label(c)}<br>{plotly_label(r)}: {w}<br>"
                    + "<br>".join(plotly_labels(textwrap.wrap(n, 50)))
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
            dict(
                type="scatter",
                x=[None],
                y=[None],
                mode="markers",
                name=name,
                marker={"symbol": "square", "size": 16, "color": PALETTE["rating"][name]},
            )
        )
    style_figure(figure, title, x_title, y_title)
    top = _slanted_top(figure, headings, GRID_SLANT)
    resize_figure(figure, max(CHART_HEIGHT, round(top + 40 + GRID_PITCH * len(rows))), top)
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
    resize_figure(
        figure, (figure.layout.height or CHART_HEIGHT) + room, figure.layout.margin.t + room
    )
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
            dict(
                type="heatmap",
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

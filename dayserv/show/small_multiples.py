"""Small multiples: one panel per area of a measure year by year, on one scale for all, with
the median of the areas in every panel for reference and the chosen area emphasised."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dayserv import catalogue
from dayserv.palette import BLACK, BLUE, GREY
from dayserv.show.chart_style import (
    CATEGORY_LINE_WIDTH,
    CHART_HEIGHT,
    FONT_SIZE,
    LINE_WIDTH,
    MARKER_SIZE,
    TARGET_WIDTH,
    TEXT,
    measure_hover_format,
    measure_tick_format,
    plotly_label,
    resize_figure,
    style_figure,
)

PANEL_HEIGHT = 210  # px per row of panels, the gap under it included
PANELS_ACROSS = 4
GAP_ACROSS = 0.06  # between panels side by side, as a share of the plot's width
GAP_DOWN = 60  # px between rows of panels (their names sit in it)


def trend_multiples(
    trends: pd.DataFrame,
    measure: str,
    chosen: str,
    *,
    areas: list[str] | None = None,
    title: str | None = None,
) -> go.Figure:
    """A panel per area of ``trends`` (``compare.area_trends``), or per area of ``areas``
    only: the area's measure year by year on one scale for all, the median of every area
    of ``trends`` each year dashed in every panel for reference, ``chosen`` in black and
    thicker, its panel named "(your area)"."""
    if areas is None:
        areas = list(dict.fromkeys(trends["area"].astype(str)))
    across = min(PANELS_ACROSS, max(1, len(areas)))
    down = math.ceil(len(areas) / across)
    years = sorted(trends["year"].astype(str).unique())
    median = trends.groupby("year")["value"].median().reindex(years).to_list()
    shown = trends.loc[trends["area"].astype(str).isin(areas)]
    peak = pd.concat([shown["value"], pd.Series(median, dtype=float)]).max()
    top = float(peak) * 1.15 if pd.notna(peak) and peak > 0 else 1.0
    hover = measure_hover_format(measure)
    gap_down = GAP_DOWN / (PANEL_HEIGHT * down)  # the same in px however many rows
    width, height = (1 - GAP_ACROSS * (across - 1)) / across, (1 - gap_down * (down - 1)) / down
    traces, layout, names = [], {}, []
    for number, area in enumerate(areas):
        row, column = divmod(number, across)
        axis = "" if number == 0 else str(number + 1)
        left, upper = column * (width + GAP_ACROSS), 1 - row * (height + gap_down)
        last_row = number + across >= len(areas)  # no panel under it: its years are shown
        layout[f"xaxis{axis}"] = {
            "domain": [left, min(1.0, left + width)],
            "anchor": f"y{axis}",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": years,
            "range": [-0.6, len(years) - 0.4],
            "tickvals": [years[0], years[-1]] if years else [],
            "showticklabels": last_row,
            "showgrid": False,
        }
        layout[f"yaxis{axis}"] = {
            "domain": [max(0.0, upper - height), upper],
            "anchor": f"x{axis}",
            "range": [0, top],
            "tickformat": measure_tick_format(measure),
            "showticklabels": column == 0,
        }
        mine = area == chosen
        name = f"{plotly_label(area)} (your area)" if mine else plotly_label(area)
        names.append(
            {
                "text": name,
                "x": left + width / 2,
                "y": upper,
                "xref": "paper",
                "yref": "paper",
                "xanchor": "center",
                "yanchor": "bottom",
                "yshift": 4,
                "showarrow": False,
                "font": {"size": FONT_SIZE, "color": TEXT, "weight": "bold" if mine else "normal"},
            }
        )
        own = shown.loc[shown["area"].eq(area)]
        colour = BLACK if mine else BLUE
        traces += [
            {
                "type": "scatter",
                "x": years,
                "y": median,
                "mode": "lines",
                "name": "Median of the areas",
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "line": {"color": GREY, "width": TARGET_WIDTH, "dash": "dash"},
                "showlegend": number == 0,
                "hovertemplate": f"Median %{{x}}: %{{y:{hover}}}<extra></extra>",
            },
            {
                "type": "scatter",
                "x": own["year"].astype(str).to_list(),
                "y": own["value"].to_list(),
                "mode": "lines+markers",
                "name": plotly_label(area),
                "xaxis": f"x{axis}",
                "yaxis": f"y{axis}",
                "showlegend": False,
                # As the trend charts draw one line and several: the chosen area's thicker.
                "line": {"color": colour, "width": LINE_WIDTH if mine else CATEGORY_LINE_WIDTH},
                "marker": {"size": MARKER_SIZE, "color": colour, "opacity": 1},
                "hovertemplate": f"{plotly_label(area)} %{{x}}: %{{y:{hover}}}<extra></extra>",
            },
        ]
    figure = go.Figure(traces, layout)
    style_figure(figure, title or "", "", "")
    unit = plotly_label(catalogue.measure(measure).unit)
    for number in range(0, len(areas), across):
        figure.layout[f"yaxis{'' if number == 0 else number + 1}"].title.text = unit
    top_margin = figure.layout.margin.t + 28  # the panels' names under the legend
    figure.update_layout(annotations=names)
    resize_figure(figure, max(CHART_HEIGHT, top_margin + 70 + PANEL_HEIGHT * down), top_margin)
    return figure

"""A plan's charts, drawn so that no one can take a projection for a fact: the recorded
years solid, the projected years dashed with open markers, named "Projected (plan: NAME)",
on a shaded band labelled "Projected", and a line under each title saying the figures are
a proposal. A measure's trend, the money year by year, building money against total
funding, and each locality's places with every gap in provision marked."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dayserv.figures.formats import MEASURE_COLOURS, MEASURE_UNITS, format_measure, is_share
from dayserv.figures.plan_view import PROPOSED
from dayserv.palette import BLACK, BLUE, BLUISH_GREEN, ORANGE, VERMILLION, WHITE
from dayserv.show.chart_style import (
    CATEGORY_LINE_WIDTH,
    FONT_SIZE,
    LINE_WIDTH,
    MARKER_EDGE,
    MARKER_SIZE,
    MARKERS,
    TARGET_WIDTH,
    TEXT,
    category_colours,
    measure_hover_format,
    measure_tick_format,
    plotly_label,
    plotly_labels,
    resize_figure,
    style_figure,
    tag,
    value_ticks,
    with_unit,
)

BAND = "#E8E8E8"  # the projected years' band: grey, behind everything
DASH = "dash"
RECORDED = "Recorded"
GAP_SIZE = 22  # a gap's cross, larger than the lines' markers so it is seen over them


def _markers(colour: str, projected: list[bool], symbol: str = "circle") -> dict:
    """Points as thick as the trend charts': a recorded year's solid, a projected year's
    open (white inside a ring in the line's colour, so the line does not show through)."""
    return {
        "symbol": symbol,
        "size": MARKER_SIZE,
        "color": [WHITE if p else colour for p in projected],
        "line": {"width": MARKER_EDGE, "color": colour},
        "opacity": 1,
    }


def projected_name(plan: str) -> str:
    """The legend's name for a plan's projected years."""
    return f"Projected (plan: {plan})"


def _band(figure: go.Figure, years: list[str], projected: list[str], label="Projected") -> None:
    """Shade the projected years (category positions) and label the band."""
    if not projected:
        return
    first, last = years.index(projected[0]), years.index(projected[-1])
    figure.add_vrect(
        x0=first - 0.5,
        x1=last + 0.5,
        fillcolor=BAND,
        opacity=0.6,
        layer="below",
        line_width=0,
        name="projected years",
    )
    figure.add_annotation(
        x=(first + last) / 2,
        y=1,
        yref="paper",
        yanchor="bottom",
        text=label,
        showarrow=False,
        font={"size": FONT_SIZE, "color": TEXT},
        name="projected",
    )


PLOT_HEIGHT = 300  # px at least for the plot itself, however many rows the legend takes


def _marked(figure: go.Figure, plan: str) -> go.Figure:
    """The line under the title: what is projected, and that it is not decided; the figure
    made taller where the title and legend would leave the plot too little room."""
    layout = figure.layout
    top, bottom = layout.margin.t or 0, layout.margin.b or 0
    if (layout.height or 0) - top - bottom < PLOT_HEIGHT:
        resize_figure(figure, top + bottom + PLOT_HEIGHT)
    return tag(figure, plotly_label(f"Projected under the plan {plan}: {PROPOSED}"))


def projected_trend(
    table: pd.DataFrame, measure: str, plan: str, title: str, target: float | None = None
) -> go.Figure:
    """A measure's recorded years (solid) and the plan's projected years (dashed, from the
    baseline on), ``table`` being plan_view.measures_table; ``target`` a dashed black line."""
    years = [str(y) for y in table.index]
    values = pd.to_numeric(table[measure], errors="coerce")
    values.index = years
    flags = table["projected"].to_numpy(bool)
    recorded = [y for y, p in zip(years, flags, strict=True) if not p]
    projected = [y for y, p in zip(years, flags, strict=True) if p]
    joined = recorded[-1:] + projected  # the dashed line starts at the baseline
    colour = MEASURE_COLOURS.get(measure, BLUE)
    hover = measure_hover_format(measure)
    figure = go.Figure()
    # Projected figures are written under their points, in italics: told apart from the
    # recorded ones above theirs by more than the line.
    for name, shown, dash, labelled, place, style in (
        (RECORDED, recorded, "solid", recorded, "top center", "normal"),
        (projected_name(plan), joined, DASH, projected, "bottom center", "italic"),
    ):
        figure.add_trace(
            go.Scatter(
                x=shown,
                y=[values[y] for y in shown],
                mode="lines+markers+text",
                name=plotly_label(name),
                text=[format_measure(measure, values[y]) if y in labelled else "" for y in shown],
                textposition=place,
                textfont={"size": FONT_SIZE, "color": TEXT, "style": style},
                line={"color": colour, "width": LINE_WIDTH, "dash": dash},
                marker=_markers(colour, [y in projected for y in shown]),
                hovertemplate=f"%{{x}}<br>{plotly_label(name)}: %{{y:{hover}}}<extra></extra>",
            )
        )
    if target is not None:
        figure.add_hline(
            y=float(target),
            line={"color": BLACK, "dash": "dot", "width": TARGET_WIDTH},
            annotation_text=f"Target {format_measure(measure, target)}",
            annotation_position="bottom left",
            annotation_font={"size": FONT_SIZE, "color": TEXT},
            name="target",
        )
    peak = max([*values.dropna().to_list(), float(target or 0)], default=0.0)
    if measure == "provider_diversity" or not peak > 0:
        top = 1.0
    else:
        top = min(peak * 1.3, 1.1) if is_share(measure) else peak * 1.3
    style_figure(figure, title, "Financial year", MEASURE_UNITS.get(measure, ""))
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=years)
    figure.update_yaxes(tickformat=measure_tick_format(measure), range=[0, top])
    _band(figure, years, projected)
    return _marked(figure, plan)


MONEY_BARS = (
    ("released", "Released", ORANGE, ""),
    ("reinvested", "Reinvested", BLUISH_GREEN, ""),
    ("lost", "Lost to day services", VERMILLION, "/"),
)


def _year_tick(year: str, ring_fenced: bool) -> str:
    return f"{year}<br>{'✓ Ring-fenced' if ring_fenced else '✗ Not ring-fenced'}"


def money_chart(money: pd.DataFrame, plan: str, title: str) -> go.Figure:
    """The money of each projected year (plan_view.money_frame): released, reinvested and
    lost to day services as bars, each year's tick saying whether it is ring-fenced."""
    years = money.loc[money["projected"]]
    ticks = [_year_tick(y, r) for y, r in zip(years["year"], years["ring_fenced"], strict=True)]
    figure = go.Figure()
    for key, name, colour, pattern in MONEY_BARS:
        amounts = years[key].astype(float).to_list()
        figure.add_trace(
            go.Bar(
                x=ticks,
                y=amounts,
                name=f"{name} (projected)",
                marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "white"}},
                text=[with_unit(a, "£") for a in amounts],
                textposition="outside",
                textfont={"size": FONT_SIZE, "color": TEXT},
                cliponaxis=False,
                hovertemplate=f"%{{x}}<br>{name}: £%{{y:,.0f}}<extra></extra>",
            )
        )
    peak = float(years[[k for k, *_ in MONEY_BARS]].to_numpy(float).max(initial=0.0))
    style_figure(figure, title, "Financial year (projected)", "£ a year")
    figure.update_layout(barmode="group", bargap=0.3)
    figure.update_xaxes(type="category")
    figure.update_yaxes(range=[0, peak * 1.25 if peak > 0 else 1], **value_ticks("£"))
    return _marked(figure, plan)


def funding_chart(money: pd.DataFrame, plan: str, title: str) -> go.Figure:
    """Total funding and the money spent in buildings, the baseline then each projected
    year (dashed), with the baseline's total as a dotted line: money below it has left day
    services."""
    years = [str(y) for y in money["year"]]
    figure = go.Figure()
    for key, name, colour, symbol in (
        ("total_funding", "Total funding", BLUE, "circle"),
        ("building_money", "Spent in buildings", VERMILLION, "square"),
    ):
        amounts = money[key].astype(float).to_list()
        figure.add_trace(
            go.Scatter(
                x=years,
                y=amounts,
                mode="lines+markers+text",
                name=f"{name} (projected after {years[0]})",
                text=[with_unit(a, "£") for a in amounts],
                textposition="top center",
                textfont={"size": FONT_SIZE, "color": TEXT},
                line={"color": colour, "width": CATEGORY_LINE_WIDTH, "dash": DASH},
                # The baseline recorded (filled), the projected years open.
                marker=_markers(colour, [False] + [True] * (len(years) - 1), symbol),
                hovertemplate=f"%{{x}}<br>{name}: £%{{y:,.0f}}<extra></extra>",
            )
        )
    baseline_total = float(money["total_funding"].iloc[0])
    figure.add_hline(
        y=baseline_total,
        line={"color": BLACK, "dash": "dot", "width": TARGET_WIDTH},
        annotation_text=f"{years[0]} total {with_unit(baseline_total, '£')}",
        annotation_position="bottom left",
        annotation_font={"size": FONT_SIZE, "color": TEXT},
        name="baseline total",
    )
    peak = float(money[["total_funding", "building_money"]].to_numpy(float).max(initial=0.0))
    style_figure(figure, title, "Financial year", "£ a year")
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=years)
    figure.update_yaxes(range=[0, peak * 1.2 if peak > 0 else 1], **value_ticks("£"))
    _band(figure, years, years[1:])
    return _marked(figure, plan)


def places_chart(places: pd.DataFrame, gaps: list[dict], plan: str, title: str) -> go.Figure:
    """Each locality's places by year (plan_view.locality_places): recorded solid, projected
    dashed on the band labelled "Projected (dashed)", and each gap in provision a cross
    labelled "Gap" at its locality and year."""
    years = sorted(places["year"].astype(str).unique())
    projected = sorted(places.loc[places["projected"], "year"].astype(str).unique())
    localities = list(dict.fromkeys(places["locality"]))
    colours = category_colours(localities, "locality")
    figure = go.Figure()
    for i, locality in enumerate(localities):
        rows = places.loc[places["locality"] == locality].set_index("year")["places"]
        recorded = [y for y in rows.index if y not in projected]
        joined = recorded[-1:] + [y for y in rows.index if y in projected]
        for name, shown, dash, legend in (
            (locality, recorded, "solid", True),
            (f"{locality}, projected", joined, DASH, False),
        ):
            figure.add_trace(
                go.Scatter(
                    x=shown,
                    y=[float(rows[y]) for y in shown],
                    mode="lines+markers",
                    name=plotly_label(name),
                    showlegend=legend,
                    legendgroup=plotly_label(locality),
                    line={"color": colours[locality], "width": CATEGORY_LINE_WIDTH, "dash": dash},
                    marker={
                        "size": MARKER_SIZE,
                        "symbol": MARKERS[i % len(MARKERS)],
                        "color": colours[locality],
                        "line": {"width": MARKER_EDGE, "color": colours[locality]},
                    },
                    hovertemplate=f"%{{x}}<br>{plotly_label(name)}: %{{y:,.0f}} places"
                    "<extra></extra>",
                )
            )
    if gaps:
        figure.add_trace(
            go.Scatter(
                x=[g["year"] for g in gaps],
                y=[float(g["places"]) for g in gaps],
                mode="markers+text",
                name="Gap in provision",
                text=["Gap"] * len(gaps),
                textposition="bottom center",
                textfont={"size": FONT_SIZE, "color": TEXT},  # vermilion text is 3.8:1
                marker={
                    "size": GAP_SIZE,
                    "symbol": "x-thin",
                    "line": {"width": LINE_WIDTH, "color": VERMILLION},
                },
                hovertext=plotly_labels(
                    f"Gap in {g['locality'] or 'no locality'}: {g['service']} closes" for g in gaps
                ),
                hovertemplate="%{x}<br>%{hovertext}<extra></extra>",
            )
        )
    peak = float(places["places"].max()) if not places.empty else 0.0
    style_figure(figure, title, "Financial year", "Places (count)")
    figure.update_xaxes(type="category", categoryorder="array", categoryarray=years)
    figure.update_yaxes(range=[0, peak * 1.15 if peak > 0 else 1], tickformat=",~f")
    _band(figure, years, projected, "Projected (dashed)")
    return _marked(figure, plan)

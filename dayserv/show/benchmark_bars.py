"""The benchmark's own bars: its answers diverging from zero ("not so" to the left, "yes" to
the right, N/A and blanks apart), and one service's section scores against its peers'
spread."""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

from dayserv.palette import BLACK, BLUE, ORANGE, PALETTE
from dayserv.show.chart_style import (
    BLANK_COLOUR,
    CHART_HEIGHT,
    FONT_SIZE,
    TEXT,
    figure_of,
    plotly_label,
    plotly_labels,
    resize_figure,
    rows_down,
    style_figure,
)

# The benchmark's key, drawn away from zero: "not so" to the left, "yes" to the right.
DIVERGING_LEFT = ("NP", "NAA")
DIVERGING_RIGHT = ("YAB", "YD")
DIVERGING_APART = ("N/A", "Blank")
RESPONSE_LEGEND = ("NAA", "NP", "YAB", "YD", "N/A", "Blank")
DIVERGING_PITCH = 50  # px per bar of the diverging chart
RESPONSE_LEGEND_NAMES = {
    "NAA": "Not at all",
    "NP": "Not particularly",
    "YAB": "Yes a bit",
    "YD": "Yes definitely",
    "N/A": "N/A",
    "Blank": "Blank",
}


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

    ``frame`` is ``benchmarking.response_distribution``'s table (key, label, response,
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
            ["<br>" + "<br>".join(plotly_labels(textwrap.wrap(str(t), 60))) for t in part[hover]]
            if hover
            else [""] * len(part)
        )
        figure.add_trace(
            dict(
                type="bar",
                x=(sign * share).to_list(),
                y=plotly_labels(part[label].astype(str)),
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
                    f"{plotly_label(lab)}{x}<br>{words}: {c:,} answers ({s:.1f}%)"
                    for lab, x, c, s in zip(part[label], extra, part["count"], share, strict=True)
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=1,
            col=2 if response in DIVERGING_APART else 1,
        )
    # The legend spans the whole figure, so it is laid out for its width, not the plot's.
    style_figure(figure, title, "", y_title)
    # Thicker bars than other charts': each piece has its share written in it at 16 px.
    resize_figure(
        figure, max(CHART_HEIGHT, figure.layout.margin.t + 80 + DIVERGING_PITCH * len(labels))
    )

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
    rows_down(figure, plotly_labels(labels))
    figure.update_yaxes(title_text="", row=1, col=2)
    figure.update_layout(barmode="relative", bargap=0.3)
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

    ``table`` is ``comparisons.peer_table``'s (label, score, median, q1, q3, position,
    previous_year, previous_score). Each point's customdata is [label, service], the
    band's and the median's [label].
    """
    rows = table.drop_duplicates("label").sort_values("section")
    own = table.loc[table["service"].eq(service)].set_index("label")
    labels = rows["label"].to_list()
    who = plotly_label(service)
    figure = figure_of()
    figure.add_trace(
        dict(
            type="bar",
            x=(rows["q3"] - rows["q1"]).to_list(),
            base=rows["q1"].to_list(),
            y=plotly_labels(labels),
            orientation="h",
            name="Middle half of services (Q1 to Q3)",
            marker={"color": "#C6DBEF"},
            width=0.6,
            customdata=[[label] for label in labels],
            hovertext=[
                f"{plotly_label(label)}<br>Lower quartile {q1:.0f}, median {m:.0f}, "
                f"upper quartile {q3:.0f}"
                for label, q1, m, q3 in zip(
                    labels, rows["q1"], rows["median"], rows["q3"], strict=True
                )
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    figure.add_trace(
        dict(
            type="scatter",
            x=rows["median"].to_list(),
            y=plotly_labels(labels),
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
            dict(
                type="scatter",
                x=earlier["previous_score"].to_list(),
                y=plotly_labels(earlier.index),
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
                    f"{plotly_label(label)}<br>{who} {year}: {score:.1f}"
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
        dict(
            type="scatter",
            x=now["score"].to_list(),
            y=plotly_labels(now.index),
            mode="markers+text",
            name=f"{who}, {now['year'].iloc[0]}" if len(now) else who,
            marker={"symbol": "diamond", "size": 18, "color": BLUE, "line": {"width": 1}},
            text=[f"{score:.0f}" for score in now["score"]],
            textposition="top center",
            textfont={"size": FONT_SIZE, "color": BLUE},
            customdata=[[label, service] for label in now.index],
            hovertext=[
                f"{plotly_label(label)}<br>{who}: {score:.1f} ({position})"
                for label, score, position in zip(
                    now.index, now["score"], now["position"], strict=True
                )
            ],
            hovertemplate="%{hovertext}<extra></extra>",
        )
    )
    style_figure(figure, title, x_title, y_title, bars=labels)
    resize_figure(figure, max(CHART_HEIGHT, figure.layout.margin.t + 70 + 56 * len(labels)))
    figure.update_xaxes(range=[0, 105], dtick=20)
    rows_down(figure, plotly_labels(labels))
    return figure

"""Figures -> what people see: one palette, one way of writing each measure, one chart style.

The palette is Okabe and Ito's, which people with the common forms of colour blindness can
tell apart. Every category keeps its colour on every page, chart and export.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dayserv.measures import DIRECTION, trend

# Okabe, M. and Ito, K. (2008) "Color Universal Design"; grey added for "no data" and "other".
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#999999"
OKABE_ITO = (ORANGE, SKY_BLUE, BLUISH_GREEN, YELLOW, BLUE, VERMILLION, REDDISH_PURPLE, BLACK)

STATUSES = ("on track", "not on track", "no data")

# One fixed colour per category, by the contract's vocabulary (or column) it belongs to.
PALETTE: dict[str, dict[str, str]] = {
    "sector": {
        "NHS": BLUE,
        "Local authority": SKY_BLUE,
        "Voluntary": BLUISH_GREEN,
        "Independent": ORANGE,
        "User-led": REDDISH_PURPLE,
    },
    "setting": {"Building-based": VERMILLION, "Outreach": SKY_BLUE, "Mainstream": BLUISH_GREEN},
    "activity": {"Social & leisure": ORANGE, "Vocational": BLUE, "Mixed": GREY},
    "support_model": {"Group": ORANGE, "Individual": BLUE, "Mixed": GREY},
    "user_run": {"Yes": REDDISH_PURPLE, "Partly": SKY_BLUE, "No": GREY},
    "yesno": {"Yes": BLUISH_GREEN, "No": GREY},
    "status": {"on track": BLUISH_GREEN, "not on track": VERMILLION, "no data": GREY},
    "source": {
        "Core commissioning": SKY_BLUE,
        "NHS": BLUE,
        "Direct payments": BLUISH_GREEN,
        "Personal budgets": YELLOW,
        "Grants & trusts": ORANGE,
        "Lottery": REDDISH_PURPLE,
        "Employment programmes": VERMILLION,
        "Fundraising & trading": BLACK,
        "Other": GREY,
    },
    "group": {
        "BME communities": ORANGE,
        "Women": REDDISH_PURPLE,
        "Younger people": SKY_BLUE,
        "Older people": BLUE,
        "LGBT+": VERMILLION,
        "Disabled people": BLUISH_GREEN,
        "Faith groups": BLACK,
    },
    "response": {
        "YD": BLUISH_GREEN,
        "YAB": SKY_BLUE,
        "NP": ORANGE,
        "NAA": VERMILLION,
        "N/A": GREY,
    },
    "respondent": {
        "Service user": REDDISH_PURPLE,
        "Staff": BLUE,
        "Carer": ORANGE,
        "Commissioner": BLACK,
    },
    "rating": {"Strong": BLUISH_GREEN, "Some": ORANGE, "None": VERMILLION},
    "answer": {
        "Yes": BLUISH_GREEN,
        "Partly": ORANGE,
        "No": VERMILLION,
        "Not yet considered": GREY,
    },
    "quarter": {"Q1": SKY_BLUE, "Q2": BLUE, "Q3": ORANGE, "Q4": VERMILLION},
}
# The contract calls the User run vocabulary "yes_partly_no".
PALETTE["yes_partly_no"] = PALETTE["user_run"]

# Each measure drawn in the colour of the category it counts.
MEASURE_COLOURS = {
    "services": BLACK,
    "providers": BLUE,
    "provider_diversity": BLUE,
    "hhi": BLACK,
    "user_run_share": PALETTE["user_run"]["Yes"],
    "user_involved_share": PALETTE["user_run"]["Partly"],
    "non_core_funding_share": ORANGE,
    "vocational_share": PALETTE["activity"]["Vocational"],
    "building_share": PALETTE["setting"]["Building-based"],
    "outreach_share": PALETTE["setting"]["Outreach"],
    "mainstream_share": PALETTE["setting"]["Mainstream"],
    "individual_share": PALETTE["support_model"]["Individual"],
}

# Streamlit's Material icons, so that a status is never told by colour alone.
STATUS_ICON = {
    "on track": ":material/check_circle:",
    "not on track": ":material/warning:",
    "no data": ":material/help:",
}
# The same as text, for places without icons (exports, chart labels).
STATUS_SYMBOL = {"on track": "✓", "not on track": "✗", "no data": "?"}
# Streamlit's named colours; .streamlit/config.toml sets them to the palette's.
STATUS_THEME_COLOUR = {"on track": "green", "not on track": "red", "no data": "gray"}

MEASURE_NAMES = {
    "services": "Services",
    "providers": "Number of providers",
    "provider_diversity": "Diversity of provider sectors",
    "hhi": "Concentration of funding (HHI)",
    "user_run_share": "User-run share of services",
    "user_involved_share": "User-run or partly user-run share",
    "non_core_funding_share": "Funding from non-core sources",
    "vocational_share": "Vocational share of activity",
    "building_share": "Building-based share of activity",
    "outreach_share": "Outreach share of activity",
    "mainstream_share": "Mainstream-setting share of activity",
    "individual_share": "Individual share of support",
}
# Axis titles with units.
MEASURE_UNITS = {
    "services": "Services (count)",
    "providers": "Providers (count)",
    "provider_diversity": "Gini–Simpson index (0 to 1)",
    "hhi": "HHI (0 to 10,000)",
    "user_run_share": "% of services",
    "user_involved_share": "% of services",
    "non_core_funding_share": "% of funding",
    "vocational_share": "% of activity",
    "building_share": "% of activity",
    "outreach_share": "% of activity",
    "mainstream_share": "% of activity",
    "individual_share": "% of support",
}

MINUS = "\N{MINUS SIGN}"
FONT_SIZE = 16
TITLE_SIZE = 20


def colour(dimension: str, category: str) -> str:
    """The fixed colour of a category, e.g. colour("sector", "NHS")."""
    return PALETTE[dimension].get(category, GREY)


def measure_name(measure: str) -> str:
    """The measure's name in plain words, e.g. "User-run share of services"."""
    return MEASURE_NAMES.get(measure, measure.replace("_", " ").capitalize())


def is_share(measure: str) -> bool:
    return measure.endswith("_share")


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
) -> str:
    """A title stating what the figures show, e.g. "User-run share of services rose from 7%
    to 15% since 2022/23"."""
    name = measure_name(measure)
    if _missing(latest):
        return f"{name}: no figures in this portfolio"
    if _missing(first) or first_year is None:
        return f"{name} was {format_measure(measure, latest)} in {latest_year}"
    before, after = format_measure(measure, first), format_measure(measure, latest)
    if before == after:
        # Rounding may hide a real movement: then show one more decimal rather than "stayed".
        precise = (
            format_measure(measure, first, precise=True),
            format_measure(measure, latest, precise=True),
        )
        if precise[0] == precise[1]:
            return f"{name} stayed at {after} since {first_year}"
        before, after = precise
    verb = "rose" if float(latest) > float(first) else "fell"
    return f"{name} {verb} from {before} to {after} since {first_year}"


def trend_finding(table: pd.DataFrame, measure: str) -> str:
    """The finding for one measure of a yearly measures table (first and latest year)."""
    change = trend(table, measure)
    return finding(
        measure, change["first_year"], change["first"], change["latest_year"], change["latest"]
    )


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


def measure_line(table: pd.DataFrame, measure: str, *, title: str | None = None) -> go.Figure:
    """One measure over the years, titled with its finding, in the measure's fixed colour."""
    series = (
        table[measure].dropna().astype("float64")
        if measure in table
        else pd.Series(dtype="float64")
    )
    years = [str(year) for year in series.index]
    name = measure_name(measure)
    labels = [format_measure(measure, value) for value in series]
    figure = go.Figure(
        go.Scatter(
            x=years,
            y=series.to_list(),
            mode="lines+markers+text",
            name=name,
            text=labels,
            textposition="top center",
            textfont={"size": FONT_SIZE},
            line={"color": MEASURE_COLOURS.get(measure, BLUE), "width": 3},
            marker={"size": 10},
            hovertemplate=f"%{{x}}<br>{name}: %{{y:{_hover_format(measure)}}}<extra></extra>",
        )
    )
    # Axes start at zero so that a change is not drawn bigger than it is.
    if measure == "provider_diversity" or series.empty or not series.max() > 0:
        top = 1.0
    else:
        top = float(series.max()) * 1.25
    figure.update_layout(
        title={"text": title or trend_finding(table, measure), "font": {"size": TITLE_SIZE}},
        font={"size": FONT_SIZE},
        showlegend=False,
        margin={"t": 70, "l": 70, "r": 30, "b": 60},
        hoverlabel={"font": {"size": FONT_SIZE}},
    )
    axis_fonts = {"tickfont": {"size": FONT_SIZE}, "title_font": {"size": FONT_SIZE}}
    figure.update_xaxes(title_text="Financial year", type="category", **axis_fonts)
    figure.update_yaxes(
        title_text=MEASURE_UNITS.get(measure, ""),
        **axis_fonts,
        tickformat=_tick_format(measure),
        range=[0, top],
    )
    return figure

"""How a measure is written, wherever it appears: its name, its value, its change and which
way that change points, and the finding a chart or slide is titled with.

What describes a measure and a direction of travel is the catalogue's; this writes it.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd

from dayserv import catalogue, contract
from dayserv.figures.measures import DIRECTION, stayed, trend

# What describes a measure is the catalogue's.
MEASURE_COLOURS = {m.id: m.colour for m in catalogue.MEASURES}
MEASURE_UNITS = {m.id: m.unit for m in catalogue.MEASURES}  # axis titles with units

MINUS = "\N{MINUS SIGN}"


def measure_name(measure: str) -> str:
    """The measure's name in plain words, e.g. "User-run share of services"."""
    return catalogue.measure(measure).label


def is_share(measure: str) -> bool:
    return catalogue.measure(measure).kind == "share"


def is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def format_measure(measure: str, value, *, precise: bool = False) -> str:
    """A measure's value for display: "14%", "1,588", "0.78", "20"; "—" when there is none.

    ``precise`` gives one more decimal, for tables ("14.3%", "0.784").
    """
    if is_missing(value):
        return "—"
    value = float(value)
    if is_share(measure):
        return f"{value * 100:.{1 if precise else 0}f}%"
    if measure == "provider_diversity":
        return f"{value:.{3 if precise else 2}f}"
    return f"{value:,.0f}"  # hhi, providers, services


def format_money(value) -> str:
    """An amount of money for display: "£412,300", "−£1,200"; "—" when there is none."""
    if is_missing(value):
        return "—"
    value = float(value)
    return f"{MINUS if value < 0 else ''}£{abs(value):,.0f}"


def format_change(measure: str, change) -> str:
    """A change for display: "+6.1 pts" for shares, "−459" for HHI; no sign when it rounds to 0."""
    if is_missing(change):
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
    if is_missing(latest):
        return f"{name}: no figures in this portfolio"
    if is_missing(first) or first_year is None:
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


# ---------------------------------------------------------------- words


def first_upper(text: str) -> str:
    """The text with its first letter in capitals: "section 7, ..." -> "Section 7, ..."."""
    return text[:1].upper() + text[1:]


def shorten(text: str, width: int) -> str:
    """The text cut at a word (not inside a hyphenated one) to fit ``width``, with "…"."""
    if len(text) <= width:
        return text
    head = textwrap.wrap(text, width - 1, break_on_hyphens=False)[0]
    return head.rstrip(",;:") + "…"


# ---------------------------------------------------------------- column headings

# Readable headings for the columns of the detail tables behind the charts that are neither
# a measure (the catalogue names those) nor a Services sheet column (the contract does).
COLUMN_LABELS = {
    "funding": "Annual funding (£)",
    "annual_funding": "Annual funding (£)",
    "amount": "Amount (£)",
    "activity": "Activity",
    "support": "Support",
    "share": "Share",
    "share_of_services": "Share of services",
    "share_of_funding": "Share of funding",
    "weighted_share": "Share counted in the diversity",
    "services_counted": "Services counted in the figure",
    "weighting": "Weighted by",
    "partly": "Partly user-run",
    "total": "Funding-sheet total (£)",
    "core": "Core commissioning (£)",
    "non_core": "Other sources (£)",
    "non_core_share": "Share from other sources",
    "sources": "Funding sources",
    "social_funding": "Funding for social & leisure (£)",
    "group_funding": "Funding for group support (£)",
    "building_funding": "Funding for building-based activity (£)",
    "funding_with_setting": "Funding with a setting figure (£)",
    "building_funding_share": "Share of funding for building-based activity",
}
_SHEET_HEADINGS = {column.name: column.heading for column in contract.SERVICES.columns}


def column_label(column: str) -> str:
    """A tidy column's heading for people: its own heading, the measure's name, the Services
    sheet's heading ('vocational_pct' -> 'Vocational %'), else 'share_of_x' -> 'Share of x'."""
    if column in COLUMN_LABELS:
        return COLUMN_LABELS[column]
    if column in catalogue.BY_ID:
        return catalogue.BY_ID[column].label
    if column in _SHEET_HEADINGS:
        return _SHEET_HEADINGS[column]
    text = str(column)
    if text != text.lower() or " " in text:  # already written for people ("7 Users ...")
        return text
    return text.replace("_", " ").capitalize()

"""The palette, the way measures are written, and the chart's finding title."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pandas as pd
import pytest

from dayserv import charts, contract
from dayserv.measures import DIRECTION

MINUS = "\N{MINUS SIGN}"
CONFIG = Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml"


@pytest.mark.parametrize(
    ("dimension", "categories"),
    [
        ("sector", contract.SECTORS),
        ("setting", contract.SETTINGS),
        ("activity", contract.ACTIVITIES),
        ("support_model", contract.SUPPORT_MODELS),
        ("user_run", contract.YES_PARTLY_NO),
        ("yes_partly_no", contract.YES_PARTLY_NO),
        ("yesno", contract.YES_NO),
        ("source", contract.FUNDING_SOURCES),
        ("group", contract.GROUPS),
        ("response", contract.RESPONSES),
        ("respondent", contract.RESPONDENTS),
        ("rating", contract.RATINGS),
        ("answer", contract.ANSWERS),
        ("quarter", contract.QUARTERS),
        ("status", charts.STATUSES),
    ],
)
def test_every_category_has_its_own_okabe_ito_colour(dimension, categories):
    colours = charts.PALETTE[dimension]
    assert set(colours) == set(categories)
    assert len(set(colours.values())) == len(categories)  # distinct within a chart
    assert set(colours.values()) <= {*charts.OKABE_ITO, charts.GREY}
    assert all(charts.colour(dimension, category) == colours[category] for category in categories)


def test_every_measure_has_a_name_a_unit_and_a_colour():
    for measure in contract.MEASURES:
        assert charts.MEASURE_NAMES[measure]
        assert charts.MEASURE_UNITS[measure]
        assert charts.MEASURE_COLOURS[measure] in {*charts.OKABE_ITO, charts.GREY}


def test_a_status_is_told_by_icon_and_word_not_colour_alone():
    for status in charts.STATUSES:
        assert charts.STATUS_ICON[status].startswith(":material/")
        assert charts.STATUS_SYMBOL[status]
    assert len(set(charts.STATUS_ICON.values())) == len(charts.STATUSES)


def test_the_theme_sets_streamlits_named_colours_to_the_palette():
    theme = tomllib.loads(CONFIG.read_text())["theme"]
    for status, name in charts.STATUS_THEME_COLOUR.items():
        if name != "gray":
            assert theme[f"{name}Color"].upper() == charts.PALETTE["status"][status]


@pytest.mark.parametrize(
    ("measure", "value", "expected", "precise"),
    [
        ("user_run_share", 0.1427, "14%", "14.3%"),
        ("building_share", 0.6389, "64%", "63.9%"),
        ("hhi", 1588.331, "1,588", "1,588"),
        ("provider_diversity", 0.7834, "0.78", "0.783"),
        ("providers", 20.0, "20", "20"),
        ("services", 1234, "1,234", "1,234"),
        ("user_run_share", None, "—", "—"),
        ("hhi", float("nan"), "—", "—"),
    ],
)
def test_format_measure(measure, value, expected, precise):
    assert charts.format_measure(measure, value) == expected
    assert charts.format_measure(measure, value, precise=True) == precise


@pytest.mark.parametrize(
    ("measure", "change", "expected"),
    [
        ("user_run_share", 0.0612, "+6.1 pts"),
        ("building_share", -0.0612, f"{MINUS}6.1 pts"),
        ("hhi", -458.7, f"{MINUS}459"),
        ("hhi", 1200.0, "+1,200"),
        ("provider_diversity", 0.032, "+0.03"),
        ("providers", 6.0, "+6"),
        ("user_run_share", 0.0004, "0.0 pts"),
        ("user_run_share", -0.0004, "0.0 pts"),
        ("providers", 0.0, "0"),
        ("user_run_share", None, "—"),
    ],
)
def test_format_change(measure, change, expected):
    assert charts.format_change(measure, change) == expected


@pytest.mark.parametrize(
    ("measure", "change", "arrow", "colour"),
    [
        ("user_run_share", 0.05, "up", "green"),
        ("user_run_share", -0.05, "down", "red"),
        ("building_share", -0.05, "down", "green"),
        ("building_share", 0.05, "up", "red"),
        ("hhi", -300.0, "down", "green"),
        ("providers", 2.0, "up", "green"),
        ("user_run_share", 0.0, "off", "gray"),
        ("hhi", None, "off", "gray"),
    ],
)
def test_a_change_is_green_when_it_goes_the_desired_way(measure, change, arrow, colour):
    assert charts.change_direction(measure, change) == arrow
    assert charts.change_colour(measure, change) == colour


def test_every_measure_with_a_direction_has_a_change_colour():
    for measure, direction in DIRECTION.items():
        assert charts.change_colour(measure, direction * 10.0) == "green"


@pytest.mark.parametrize(
    ("measure", "first", "latest", "expected"),
    [
        (
            "user_run_share",
            0.072,
            0.153,
            "User-run share of services rose from 7% to 15% since 2022/23",
        ),
        (
            "building_share",
            0.682,
            0.621,
            "Building-based share of activity fell from 68% to 62% since 2022/23",
        ),
        (
            "hhi",
            2045.7,
            1507.0,
            "Concentration of funding (HHI) fell from 2,046 to 1,507 since 2022/23",
        ),
        (
            "vocational_share",
            0.25,
            0.25,
            "Vocational share of activity stayed at 25% since 2022/23",
        ),
        # Rounding would hide the movement: one more decimal shows it.
        (
            "individual_share",
            0.351,
            0.354,
            "Individual share of support rose from 35.1% to 35.4% since 2022/23",
        ),
    ],
)
def test_the_finding_title_says_which_way_it_went(measure, first, latest, expected):
    assert charts.finding(measure, "2022/23", first, "2025/26", latest) == expected


def test_the_finding_title_with_one_year_or_none():
    assert charts.finding("providers", None, None, "2024/25", 18) == (
        "Number of providers was 18 in 2024/25"
    )
    assert charts.finding("non_core_funding_share", None, None, None, None) == (
        "Funding from non-core sources: no figures in this portfolio"
    )


@pytest.fixture
def yearly() -> pd.DataFrame:
    return pd.DataFrame(
        {"user_run_share": [0.072, 0.087, None, 0.153], "hhi": [2045.7, 1862.8, 1588.3, 1507.0]},
        index=pd.Index(["2022/23", "2023/24", "2024/25", "2025/26"], name="year"),
    )


def test_the_line_chart_meets_the_chart_standards(yearly):
    figure = charts.measure_line(yearly, "user_run_share")
    layout = figure.layout

    assert layout.title.text == "User-run share of services rose from 7% to 15% since 2022/23"
    assert layout.font.size >= 16
    assert layout.xaxis.title.text == "Financial year"
    assert layout.yaxis.title.text == "% of services"
    assert layout.yaxis.tickformat == ".0%"
    assert layout.yaxis.range[0] == 0
    (line,) = figure.data
    assert list(line.x) == [
        "2022/23",
        "2023/24",
        "2025/26",
    ]  # the year without a figure is left out
    assert line.line.color == charts.MEASURE_COLOURS["user_run_share"]
    assert "%{y:.1%}" in line.hovertemplate
    assert list(line.text) == ["7%", "9%", "15%"]


def test_the_line_chart_of_a_count_like_measure(yearly):
    figure = charts.measure_line(yearly, "hhi", title="Funding is less concentrated")
    assert figure.layout.title.text == "Funding is less concentrated"
    assert figure.layout.yaxis.title.text == "HHI (0 to 10,000)"
    assert "%{y:,.0f}" in figure.data[0].hovertemplate


def test_the_line_chart_without_figures_still_draws(yearly):
    figure = charts.measure_line(yearly, "vocational_share")
    assert figure.layout.title.text == "Vocational share of activity: no figures in this portfolio"
    assert list(figure.data[0].x) == []


def test_the_axes_are_readable_on_a_projector(yearly):
    layout = charts.measure_line(yearly, "hhi").layout
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.tickfont.size >= 16
        assert axis.title.font.size >= 16

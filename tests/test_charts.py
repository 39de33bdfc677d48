"""The palette, the way measures are written, and the chart's finding title."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dayserv import catalogue, contract, palette
from dayserv.figures import formats
from dayserv.figures.measures import DIRECTION
from dayserv.show import (
    bar_charts,
    benchmark_bars,
    chart_clicks,
    chart_style,
    heatmaps,
    line_charts,
)

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
        ("status", tuple(catalogue.STATUSES)),
    ],
)
def test_every_category_has_its_own_okabe_ito_colour(dimension, categories):
    colours = palette.PALETTE[dimension]
    assert set(colours) == set(categories)
    assert len(set(colours.values())) == len(categories)  # distinct within a chart
    assert set(colours.values()) <= {*palette.OKABE_ITO, palette.GREY}
    assert all(palette.colour(dimension, category) == colours[category] for category in categories)


def test_every_measure_has_a_name_a_unit_and_a_colour():
    for measure in contract.MEASURES:
        assert catalogue.BY_ID[measure].label
        assert formats.MEASURE_UNITS[measure]
        assert formats.MEASURE_COLOURS[measure] in {*palette.OKABE_ITO, palette.GREY}


@pytest.mark.parametrize(
    ("column", "heading"),
    [
        ("user_run_share", "User-run share of services"),
        ("user_involved_share", "User-run or partly user-run share"),
        ("user_run_funding_share", "Share of funding to user-run services"),
        ("hhi", "Concentration of funding"),
        ("services", "Services"),
        ("services_counted", "Services counted in the figure"),
        ("weighting", "Weighted by"),
        ("vocational_pct", "Vocational %"),
        ("social_pct", "Social & leisure %"),
        ("partly", "Partly user-run"),
        ("non_core_share", "Share from other sources"),
        ("funding", "Annual funding (£)"),
        ("previous_year", "Previous year"),
    ],
)
def test_a_detail_tables_headings_are_plain_words(column, heading):
    assert formats.column_label(column) == heading


def test_every_measure_column_is_headed_with_the_measures_name():
    for measure in catalogue.MEASURES:
        assert formats.column_label(measure.id) == measure.label


def test_a_status_is_told_by_icon_and_word_not_colour_alone():
    for status in catalogue.STATUSES.values():
        assert status.icon.startswith(":material/")
        assert status.symbol
    assert len({s.icon for s in catalogue.STATUSES.values()}) == len(catalogue.STATUSES)


def test_the_theme_sets_streamlits_named_colours_to_the_palette():
    theme = tomllib.loads(CONFIG.read_text())["theme"]
    for status in catalogue.STATUSES.values():
        if status.theme != "gray":
            assert theme[f"{status.theme}Color"].upper() == palette.PALETTE["status"][status.id]


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
    assert formats.format_measure(measure, value) == expected
    assert formats.format_measure(measure, value, precise=True) == precise


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
    assert formats.format_change(measure, change) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(412_300.4, "£412,300"), (-1200, f"{MINUS}£1,200"), (0, "£0"), (None, "—")],
)
def test_format_money(value, expected):
    assert formats.format_money(value) == expected


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
    assert formats.change_direction(measure, change) == arrow
    assert formats.change_colour(measure, change) == colour


def test_every_measure_with_a_direction_has_a_change_colour():
    for measure, direction in DIRECTION.items():
        assert formats.change_colour(measure, direction * 10.0) == "green"


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
            "Concentration of funding fell from 2,046 to 1,507 since 2022/23",
        ),
        (
            "vocational_share",
            0.25,
            0.25,
            "Vocational share of activity stayed at 25% since 2022/23",
        ),
        # Under half a point is "stayed", as measures.trend judges it.
        (
            "individual_share",
            0.351,
            0.354,
            "Individual share of support stayed at 35% since 2022/23",
        ),
        # Over half a point, but rounding would hide it: one more decimal shows it.
        (
            "individual_share",
            0.198,
            0.204,
            "Individual share of support rose from 19.8% to 20.4% since 2022/23",
        ),
    ],
)
def test_the_finding_title_says_which_way_it_went(measure, first, latest, expected):
    assert formats.finding(measure, "2022/23", first, "2025/26", latest) == expected


def test_the_finding_title_with_one_year_or_none():
    assert formats.finding("providers", None, None, "2024/25", 18) == (
        "Number of providers was 18 in 2024/25"
    )
    assert formats.finding("non_core_funding_share", None, None, None, None) == (
        "Funding from non-core sources: no figures in this portfolio"
    )


@pytest.fixture
def yearly() -> pd.DataFrame:
    return pd.DataFrame(
        {"user_run_share": [0.072, 0.087, None, 0.153], "hhi": [2045.7, 1862.8, 1588.3, 1507.0]},
        index=pd.Index(["2022/23", "2023/24", "2024/25", "2025/26"], name="year"),
    )


def test_the_line_chart_meets_the_chart_standards(yearly):
    figure = line_charts.measure_line(yearly, "user_run_share")
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
    assert line.line.color == formats.MEASURE_COLOURS["user_run_share"]
    assert "%{y:.1%}" in line.hovertemplate
    assert list(line.text) == ["7%", "9%", "15%"]


def test_the_line_chart_of_a_count_like_measure(yearly):
    figure = line_charts.measure_line(yearly, "hhi", title="Funding is less concentrated")
    assert figure.layout.title.text == "Funding is less concentrated"
    assert figure.layout.yaxis.title.text == "0 = spread out, 10,000 = one provider"
    assert "%{y:,.0f}" in figure.data[0].hovertemplate


def test_the_line_chart_without_figures_still_draws(yearly):
    figure = line_charts.measure_line(yearly, "vocational_share")
    assert figure.layout.title.text == "Vocational share of activity: no figures in this portfolio"
    assert list(figure.data[0].x) == []


def test_the_axes_are_readable_on_a_projector(yearly):
    layout = line_charts.measure_line(yearly, "hhi").layout
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.tickfont.size >= 16
        assert axis.title.font.size >= 16


# ---------------------------------------------------------------- the outcome pages' charts


def _title(figure) -> str:
    return figure.layout.title.text.replace("<br>", " ")


def _meets_the_style(figure):
    layout = figure.layout
    assert layout.title.font.size == chart_style.TITLE_SIZE
    assert layout.font.size >= 16
    assert layout.plot_bgcolor == "white" and layout.paper_bgcolor == "white"
    assert layout.height >= chart_style.CHART_HEIGHT
    for axis in (layout.xaxis, layout.yaxis):
        assert axis.tickfont.size >= 16
        assert axis.title.font.size >= 16
    if layout.showlegend:
        assert layout.legend.orientation == "h"
        assert layout.legend.yanchor == "top" and layout.legend.y > 0.5  # above the plot


@pytest.fixture
def sector_funding() -> pd.DataFrame:
    # Deliberately out of the contract's order, with a sector outside the vocabulary.
    return pd.DataFrame(
        {
            "year": ["2023/24", "2023/24", "2023/24", "2024/25", "2024/25", "2024/25"],
            "sector": ["Voluntary", "NHS", "Other", "Voluntary", "NHS", "Local authority"],
            "funding": [250_000.0, 750_000.0, 100_000.0, 412_300.0, 1_000_000.0, 349_700.0],
        }
    )


def test_the_dimensions_palettes_follow_the_contracts_order():
    for dimension, vocabulary in [
        ("sector", contract.SECTORS),
        ("setting", contract.SETTINGS),
        ("activity", contract.ACTIVITIES),
        ("support_model", contract.SUPPORT_MODELS),
        ("support", contract.SUPPORT_MODELS),
        ("user_run", contract.YES_PARTLY_NO),
        ("source", contract.FUNDING_SOURCES),
    ]:
        assert tuple(palette.PALETTE[dimension]) == vocabulary


def test_the_trend_chart_gives_each_point_its_year(yearly):
    figure = line_charts.trend_chart(yearly, "hhi")
    _meets_the_style(figure)
    (line,) = figure.data
    assert [list(data) for data in line.customdata] == [
        ["2022/23"],
        ["2023/24"],
        ["2024/25"],
        ["2025/26"],
    ]
    assert not figure.layout.showlegend


def test_the_trend_chart_leaves_out_a_year_with_too_little_data(yearly):
    figure = line_charts.trend_chart(
        yearly, "hhi", too_little={"2024/25": "only 1 service in 2024/25"}
    )
    (line,) = figure.data
    years = list(line.x)
    gap = years.index("2024/25")  # keeps its place on the axis ...
    assert years == ["2022/23", "2023/24", "2024/25", "2025/26"]
    assert line.y[gap] is None and line.text[gap] == ""  # ... with no point there
    assert line.y[gap - 1] == 1862.8 and line.y[gap + 1] == 1507.0
    (note,) = [a for a in figure.layout.annotations if a.x == "2024/25"]
    assert note.text.replace("<br>", " ") == "Too little data: only 1 service in 2024/25"
    assert note.font.size >= 16


def test_the_trend_charts_finding_leaves_out_the_years_with_too_little_data(yearly):
    figure = line_charts.trend_chart(yearly, "hhi", too_little={"2025/26": "only 1 service"})
    assert _title(figure) == "Concentration of funding fell from 2,046 to 1,588 since 2022/23"
    assert figure.layout.yaxis.range[1] == pytest.approx(2045.7 * 1.25)


def test_a_year_with_too_little_data_outside_the_table_still_has_its_place(yearly):
    figure = line_charts.trend_chart(yearly, "hhi", too_little={"2026/27": "no services"})
    assert list(figure.data[0].x)[-1] == "2026/27"
    assert list(figure.layout.xaxis.categoryarray)[-1] == "2026/27"


def test_the_trend_chart_draws_the_target(yearly):
    figure = line_charts.trend_chart(yearly, "user_run_share", target=0.2)
    (line,) = figure.layout.shapes
    assert line.y0 == line.y1 == 0.2
    assert line.line.dash == "dash"
    assert any(a.text == "Target 20%" for a in figure.layout.annotations)
    # The axis reaches above the target, which is higher than every figure.
    assert figure.layout.yaxis.range == (0, 0.25)
    assert len(figure.data) == 1


def test_measure_line_is_the_trend_chart(yearly):
    assert (
        line_charts.measure_line(yearly, "hhi").to_dict()
        == line_charts.trend_chart(yearly, "hhi").to_dict()
    )


def test_the_hhi_chart_draws_the_conventional_bands(yearly):
    figure = line_charts.hhi_chart(yearly)
    _meets_the_style(figure)
    assert _title(figure) == (
        "Funding concentration fell from 2,046 to 1,507 since 2022/23: now moderately concentrated"
    )
    bands = {shape.name: (shape.y0, shape.y1) for shape in figure.layout.shapes}
    assert bands == {
        "Unconcentrated": (0, 1500),
        "Moderately concentrated": (1500, 2500),
        "Highly concentrated": (2500, 3000),
    }
    labels = {a.text for a in figure.layout.annotations}
    assert {"Unconcentrated", "Moderately concentrated", "Highly concentrated"} <= labels
    assert figure.layout.yaxis.range == (0, 3000)
    assert figure.layout.yaxis.title.text == "0 = spread out, 10,000 = one provider"


def test_the_hhi_charts_axis_grows_above_the_highest_figure():
    table = pd.DataFrame({"hhi": [4000.0]}, index=pd.Index(["2024/25"], name="year"))
    figure = line_charts.hhi_chart(table)
    assert figure.layout.yaxis.range[1] == pytest.approx(4600)
    assert figure.layout.shapes[-1].y1 == pytest.approx(4600)
    assert _title(figure) == "Funding concentration was 4,000 in 2024/25: highly concentrated"


@pytest.mark.parametrize(
    ("hhi", "band"),
    [
        (1499.9, "unconcentrated"),
        (1500, "moderately concentrated"),
        (2500, "moderately concentrated"),
        (2500.1, "highly concentrated"),
    ],
)
def test_hhi_band(hhi, band):
    assert line_charts.hhi_band(hhi) == band


def test_the_hhi_chart_with_too_little_data(yearly):
    figure = line_charts.hhi_chart(yearly, too_little={"2025/26": "only 1 service in 2025/26"})
    assert _title(figure).endswith("to 1,588 since 2022/23: now moderately concentrated")
    assert figure.data[0].y[-1] is None


def test_stacked_bars_follow_the_vocabulary_and_its_colours(sector_funding):
    figure = bar_charts.stacked_bars(
        sector_funding,
        x="year",
        category="sector",
        value="funding",
        dimension="sector",
        title="NHS funding grew",
        y_title="Annual funding (£)",
        unit="£",
    )
    _meets_the_style(figure)
    names = [trace.name for trace in figure.data]
    assert names == ["NHS", "Local authority", "Voluntary", "Other"]
    colours = [trace.marker.color for trace in figure.data]
    assert colours == [
        palette.PALETTE["sector"]["NHS"],
        palette.PALETTE["sector"]["Local authority"],
        palette.PALETTE["sector"]["Voluntary"],
        palette.GREY,
    ]
    assert figure.layout.barmode == "stack"
    assert figure.layout.title.text == "NHS funding grew"
    assert figure.layout.xaxis.title.text == "Financial year"
    assert figure.layout.yaxis.title.text == "Annual funding (£)"
    assert figure.layout.yaxis.tickprefix == "£"
    voluntary = figure.data[2]
    assert list(voluntary.x) == ["2023/24", "2024/25"]
    assert list(voluntary.y) == [250_000.0, 412_300.0]
    assert [list(data) for data in voluntary.customdata] == [
        ["2023/24", "Voluntary"],
        ["2024/25", "Voluntary"],
    ]
    assert voluntary.hovertext[1] == "2024/25 · Voluntary<br>£412,300 (23.4% of funding)"
    assert list(figure.data[1].x) == ["2024/25"]  # no bar where there is no row


def test_stacked_bars_in_percent(sector_funding):
    figure = bar_charts.stacked_bars(
        sector_funding,
        x="year",
        category="sector",
        value="funding",
        dimension="sector",
        title="t",
        y_title="Share of funding (%)",
        percent=True,
        unit="£",
        text="share",
    )
    assert figure.layout.yaxis.range == (0, 100)
    assert figure.layout.yaxis.ticksuffix == "%"
    voluntary = figure.data[2]
    assert voluntary.y[1] == pytest.approx(412_300 / 1_762_000 * 100)
    assert list(voluntary.text) == ["23%", "23%"]
    per_year = {}
    for trace in figure.data:
        for year, share in zip(trace.x, trace.y, strict=True):
            per_year[year] = per_year.get(year, 0) + share
    assert per_year == pytest.approx({"2023/24": 100, "2024/25": 100})
    assert voluntary.hovertext[1] == "2024/25 · Voluntary<br>£412,300 (23.4% of funding)"


def test_stacked_shares_without_a_unit_say_only_the_share():
    frame = pd.DataFrame(
        {
            "locality": ["North", "North", "South", "South"],
            "activity": ["Vocational", "Social & leisure", "Vocational", "Social & leisure"],
            "share": [0.25, 0.75, 0.5, 0.5],
        }
    )
    figure = bar_charts.stacked_bars(
        frame,
        x="locality",
        category="activity",
        value="share",
        dimension="activity",
        title="t",
        y_title="Share of activity (%)",
        percent=True,
        of="activity",
    )
    assert [trace.name for trace in figure.data] == ["Social & leisure", "Vocational"]
    assert figure.layout.xaxis.title.text == "Locality"
    assert figure.data[1].hovertext[0] == "North · Vocational<br>25.0% of activity"


def test_stacked_bars_count_services():
    frame = pd.DataFrame(
        {"year": ["2024/25", "2024/25"], "sector": ["NHS", "Voluntary"], "services": [1, 3]}
    )
    figure = bar_charts.stacked_bars(
        frame,
        x="year",
        category="sector",
        value="services",
        dimension="sector",
        title="t",
        y_title="Services",
        unit="services",
        text="value",
    )
    assert figure.data[0].hovertext[0] == "2024/25 · NHS<br>1 service (25.0% of services)"
    assert figure.data[1].hovertext[0] == "2024/25 · Voluntary<br>3 services (75.0% of services)"
    assert list(figure.data[1].text) == ["3 services"]


def test_horizontal_stacked_bars_keep_the_frames_order_and_grow():
    services = [f"Service {i}" for i in range(20, 0, -1)]  # not alphabetical
    frame = pd.DataFrame(
        {
            "service": [s for s in services for _ in range(2)],
            "setting": ["Outreach", "Building-based"] * 20,
            "pct": [40.0, 60.0] * 20,
        }
    )
    figure = bar_charts.stacked_bars(
        frame,
        x="service",
        category="setting",
        value="pct",
        dimension="setting",
        title="t",
        y_title="Share of activity (%)",
        percent=True,
        horizontal=True,
        x_title="",
    )
    assert [trace.name for trace in figure.data] == ["Building-based", "Outreach"]
    assert all(trace.orientation == "h" for trace in figure.data)
    assert list(figure.layout.yaxis.categoryarray) == services
    assert figure.layout.yaxis.autorange == "reversed"  # the frame's first row at the top
    assert figure.layout.xaxis.range == (0, 100)
    assert figure.layout.xaxis.title.text == "Share of activity (%)"
    assert figure.layout.height >= 20 * chart_style.BAR_PITCH
    assert list(figure.data[0].customdata[0]) == ["Service 20", "Building-based"]


def test_share_lines_one_line_per_category():
    frame = pd.DataFrame(
        {
            "year": ["2023/24", "2023/24", "2024/25", "2024/25"],
            "user_run": ["Partly", "Yes", "Partly", "Yes"],
            "share": [0.2, 0.1, 0.3, 0.15],
        }
    )
    figure = line_charts.share_lines(
        frame,
        x="year",
        category="user_run",
        value="share",
        dimension="user_run",
        title="More services are run by their users",
        y_title="Share of services (%)",
    )
    _meets_the_style(figure)
    assert [trace.name for trace in figure.data] == ["Yes", "Partly"]
    assert [trace.line.color for trace in figure.data] == [
        palette.PALETTE["user_run"]["Yes"],
        palette.PALETTE["user_run"]["Partly"],
    ]
    assert figure.data[0].marker.symbol != figure.data[1].marker.symbol
    yes = figure.data[0]
    assert list(yes.x) == ["2023/24", "2024/25"] and list(yes.y) == [0.1, 0.15]
    assert list(yes.text) == ["", "15%"]
    assert [list(data) for data in yes.customdata] == [["2023/24", "Yes"], ["2024/25", "Yes"]]
    assert yes.hovertext[1] == "2024/25 · Yes<br>15.0%"
    assert figure.layout.yaxis.range[0] == 0 and figure.layout.yaxis.tickformat == ".0%"
    assert figure.layout.xaxis.title.text == "Financial year"
    assert figure.layout.yaxis.title.text == "Share of services (%)"


@pytest.fixture
def providers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "provider": ["Small", "Largest", "Middle"],
            "sector": ["Voluntary", "NHS", "Voluntary"],
            "share_of_funding": [0.1, 0.5, 0.25],
        }
    )


def test_ranked_bars_put_the_largest_at_the_top(providers):
    figure = bar_charts.ranked_bars(
        providers,
        label="provider",
        value="share_of_funding",
        title="One provider has half the funding",
        x_title="Share of funding (%)",
        colour_by="sector",
        dimension="sector",
        value_format=".1%",
    )
    _meets_the_style(figure)
    assert list(figure.layout.yaxis.categoryarray) == ["Largest", "Middle", "Small"]
    assert figure.layout.yaxis.autorange == "reversed"
    assert [trace.name for trace in figure.data] == ["NHS", "Voluntary"]
    assert [trace.marker.color for trace in figure.data] == [
        palette.PALETTE["sector"]["NHS"],
        palette.PALETTE["sector"]["Voluntary"],
    ]
    voluntary = figure.data[1]
    assert list(voluntary.y) == ["Middle", "Small"]
    assert list(voluntary.text) == ["25.0%", "10.0%"]
    assert [list(data) for data in voluntary.customdata] == [
        ["Middle", "Voluntary"],
        ["Small", "Voluntary"],
    ]
    assert voluntary.hovertext[0] == "Middle · Voluntary<br>25.0%"
    assert figure.layout.xaxis.title.text == "Share of funding (%)"
    assert figure.layout.xaxis.range[0] == 0 and figure.layout.xaxis.tickformat == ".0%"
    assert figure.layout.yaxis.title.text == "Provider"


def test_ranked_bars_in_one_colour(providers):
    figure = bar_charts.ranked_bars(
        providers, label="provider", value="share_of_funding", title="t", x_title="x"
    )
    (bars,) = figure.data
    assert list(bars.y) == ["Largest", "Middle", "Small"]
    assert [list(data) for data in bars.customdata] == [["Largest"], ["Middle"], ["Small"]]
    assert not figure.layout.showlegend


def test_a_long_title_is_wrapped_after_its_colon():
    figure = go.Figure()
    chart_style.style_figure(figure, "A" * 50 + ": " + "b" * 30, "", "")
    assert figure.layout.title.text == "A" * 50 + ":<br>" + "b" * 30
    assert figure.layout.margin.t > 70


# ---------------------------------------------------------------- clicks narrow the table


def _event(*customdata) -> dict:
    """What st.plotly_chart(..., on_select="rerun") returns, as Streamlit 1.67 builds it."""
    points = [
        {
            "curve_number": 0,
            "point_number": i,
            "point_index": i,
            "x": "2024/25",
            "y": 1.0,
            **({} if data is None else {"customdata": data}),
        }
        for i, data in enumerate(customdata)
    ]
    return {
        "selection": {
            "points": points,
            "point_indices": list(range(len(points))),
            "box": [],
            "lasso": [],
        }
    }


@pytest.fixture
def detail() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service": ["A", "B", "C", "D"],
            "year": pd.array(["2023/24", "2024/25", "2024/25", "2024/25"], dtype="string"),
            "sector": ["NHS", "Voluntary", "NHS", None],
            "rank": [1, 2, 3, 4],
        }
    )


def test_no_selection_leaves_the_table_as_it_is(detail):
    assert chart_clicks.selected_points(_event(), ["year", "sector"]) == []
    assert chart_clicks.selected_points(None, ["year"]) == []
    assert chart_clicks.selected_points({}, ["year"]) == []
    assert chart_clicks.narrow(detail, []) is detail


def test_a_clicked_bar_narrows_the_table(detail):
    points = chart_clicks.selected_points(_event(["2024/25", "NHS"]), ["year", "sector"])
    assert points == [{"year": "2024/25", "sector": "NHS"}]
    assert chart_clicks.narrow(detail, points)["service"].to_list() == ["C"]


def test_several_points_keep_the_rows_of_any(detail):
    event = _event(["2023/24", "NHS"], ["2024/25", "Voluntary"], ["2023/24", "NHS"], None)
    points = chart_clicks.selected_points(event, ["year", "sector"])
    assert points == [  # in order, without repeats or points that carry nothing
        {"year": "2023/24", "sector": "NHS"},
        {"year": "2024/25", "sector": "Voluntary"},
    ]
    assert chart_clicks.narrow(detail, points)["service"].to_list() == ["A", "B"]


def test_a_point_of_a_line_narrows_by_year(detail):
    points = chart_clicks.selected_points(_event(["2024/25"]), ["year"])
    assert chart_clicks.narrow(detail, points)["service"].to_list() == ["B", "C", "D"]
    # plotly gives a point a bare value when its trace's customdata is one-dimensional
    assert chart_clicks.selected_points(_event("2024/25"), ["year"]) == [{"year": "2024/25"}]


def test_narrow_matches_numbers_and_missing_values_and_passes_over_absent_columns(detail):
    assert chart_clicks.narrow(detail, [{"rank": 2.0}])["service"].to_list() == ["B"]
    assert chart_clicks.narrow(detail, [{"sector": None}])["service"].to_list() == ["D"]
    shown = chart_clicks.narrow(detail, [{"year": "2023/24", "locality": "North"}])
    assert shown["service"].to_list() == ["A"]


def test_selection_from_streamlits_own_state_object(detail):
    from streamlit.elements.plotly_chart import PlotlyChartSelectionSerde

    event = PlotlyChartSelectionSerde().deserialize(json.dumps(_event(["2024/25", "Voluntary"])))
    points = chart_clicks.selected_points(event, ["year", "sector"])
    assert chart_clicks.narrow(detail, points)["service"].to_list() == ["B"]
    empty = PlotlyChartSelectionSerde().deserialize(None)
    assert chart_clicks.selected_points(empty, ["year"]) == []


def test_a_chart_renders_to_png(sector_funding, tmp_path):
    pytest.importorskip("kaleido")
    figure = bar_charts.stacked_bars(
        sector_funding,
        x="year",
        category="sector",
        value="funding",
        dimension="sector",
        title="NHS funding grew",
        y_title="Annual funding (£)",
        unit="£",
    )
    try:
        image = figure.to_image(format="png", width=900)
    except Exception as error:  # kaleido present but no browser to drive
        pytest.skip(f"kaleido could not render: {error}")
    assert image.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("measure", "figures", "rest"),
    [
        (
            "user_run_share",
            ("2022/23", 0.072, "2025/26", 0.153),
            " rose from 7% to 15% since 2022/23",
        ),
        (
            "building_share",
            ("2022/23", 0.68, "2025/26", 0.62),
            " fell from 68% to 62% since 2022/23",
        ),
        ("hhi", ("2022/23", 2045.7, "2025/26", 1507.0), " fell from 2,046 to 1,507 since 2022/23"),
        ("providers", ("2022/23", 14, "2025/26", 20), " rose from 14 to 20 since 2022/23"),
        (
            "provider_diversity",
            ("2022/23", 0.7532, "2025/26", 0.7846),
            " rose from 0.75 to 0.78 since 2022/23",
        ),
        ("user_run_share", ("2022/23", 0.198, "2025/26", 0.202), " stayed at 20% since 2022/23"),
        (
            "user_run_share",
            ("2022/23", 0.198, "2025/26", 0.204),
            " rose from 19.8% to 20.4% since 2022/23",
        ),
        ("hhi", ("2022/23", 1000, "2025/26", 1009), " stayed at 1,009 since 2022/23"),
        ("providers", ("2022/23", 20, "2025/26", 20), " stayed at 20 since 2022/23"),
        ("providers", ("2022/23", 100, "2025/26", 101), " rose from 100 to 101 since 2022/23"),
        ("user_run_share", (None, None, "2025/26", 0.15), " was 15% in 2025/26"),
        ("hhi", (None, None, None, None), ": no figures in this portfolio"),
        ("hhi", (None, None, None, float("nan")), ": no figures in this portfolio"),
    ],
)
def test_finding_words_rose_fell_stayed_one_year_and_none(measure, figures, rest):
    first_year, first, latest_year, latest = figures
    assert formats.finding(measure, first_year, first, latest_year, latest) == (
        formats.measure_name(measure) + rest
    )


# ---------------------------------------------------------------- the assessment pages' charts


@pytest.fixture
def section_scores_wide() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "service": ["Alpha", "Beta", "Gamma"],
            "1 Recovery": [92.5, 40.0, None],
            "7 Users Leading and Providing Services": [30.0, 100.0, 12.4],
        }
    )


def test_the_heatmap_labels_every_cell_and_keeps_the_order(section_scores_wide):
    columns = ["1 Recovery", "7 Users Leading and Providing Services"]
    figure = heatmaps.heatmap(
        section_scores_wide,
        row="service",
        columns=columns,
        title="Section 7 scores lowest: median 30",
        x_title="Benchmark section (score 0–100)",
        y_title="Service",
    )
    _meets_the_style(figure)
    cells = figure.data[0]
    assert list(cells.y) == ["Alpha", "Beta", "Gamma"] and list(cells.x) == columns
    assert [list(line) for line in cells.text] == [["92", "30"], ["40", "100"], ["", "12"]]
    assert (cells.zmin, cells.zmax) == (0, 100)
    assert cells.customdata[1][1] == ["Beta", columns[1]]
    # A sequential scale: light for low scores, dark for high ones.
    assert cells.colorscale[0][1] == "#F7FBFF" and cells.colorscale[-1][1] == "#08306B"
    assert figure.layout.yaxis.autorange == "reversed"  # the first service at the top
    assert figure.layout.xaxis.side == "top" and figure.layout.xaxis.tickangle == heatmaps.SLANT
    assert figure.layout.xaxis.title.text == "Benchmark section (score 0–100)"


def test_the_heatmap_marks_the_services_left_out(section_scores_wide):
    figure = heatmaps.heatmap(
        section_scores_wide,
        row="service",
        columns=["1 Recovery"],
        title="t",
        x_title="x",
        y_title="y",
        gap_after=2,
        gap_label="… 40 more services …",
    )
    assert list(figure.data[0].y) == ["Alpha", "Beta", "… 40 more services …", "Gamma"]
    assert [list(line) for line in figure.data[0].text][2] == [""]


def test_the_heatmap_grows_with_its_rows():
    def drawn(rows: int):
        frame = pd.DataFrame({"service": [f"Service {i}" for i in range(rows)], "1 Recovery": 50})
        return heatmaps.heatmap(
            frame, row="service", columns=["1 Recovery"], title="t", x_title="x", y_title="y"
        )

    assert drawn(60).layout.height - drawn(40).layout.height == 20 * heatmaps.HEAT_PITCH
    assert drawn(1).layout.height == chart_style.CHART_HEIGHT


@pytest.fixture
def distribution() -> pd.DataFrame:
    shares = {"YD": 0.4, "YAB": 0.2, "NP": 0.2, "NAA": 0.1, "N/A": 0.05, "Blank": 0.05}
    return pd.DataFrame(
        [
            {"section": s, "label": f"{s} Section", "response": r, "count": int(v * 20), "share": v}
            for s in (1, 2)
            for r, v in shares.items()
        ]
    )


def test_diverging_bars_put_no_left_yes_right_and_na_apart(distribution):
    figure = benchmark_bars.diverging_bars(
        distribution,
        key="section",
        label="label",
        title="Section 2 has most gaps",
        y_title="Benchmark section",
    )
    _meets_the_style(figure)
    traces = {trace.name: trace for trace in figure.data}
    assert set(traces) == {
        "Not at all",
        "Not particularly",
        "Yes a bit",
        "Yes definitely",
        "N/A",
        "Blank",
    }
    assert list(traces["Not particularly"].x) == pytest.approx([-20, -20])
    assert list(traces["Not at all"].x) == pytest.approx([-10, -10])
    assert list(traces["Yes definitely"].x) == pytest.approx([40, 40])
    # The answers that are not scored sit in their own panel.
    assert traces["N/A"].xaxis == "x2" and traces["Blank"].xaxis == "x2"
    assert traces["Yes a bit"].xaxis == "x"
    # Each colour is the palette's for its response.
    assert traces["Not at all"].marker.color == palette.PALETTE["response"]["NAA"]
    assert traces["Yes definitely"].marker.color == palette.PALETTE["response"]["YD"]
    # Not particularly sits next to zero, not at all beyond it; the legend reads left to right.
    names = [trace.name for trace in figure.data]
    assert names.index("Not particularly") < names.index("Not at all")
    ranks = {trace.name: trace.legendrank for trace in figure.data}
    assert sorted(ranks, key=ranks.get) == [
        "Not at all",
        "Not particularly",
        "Yes a bit",
        "Yes definitely",
        "N/A",
        "Blank",
    ]
    assert traces["Not at all"].customdata[0] == [1, "NAA"]
    assert figure.layout.barmode == "relative"
    # The axis says percentages either side, never a negative one.
    assert all(not text.startswith("-") for text in figure.layout.xaxis.ticktext)
    assert figure.layout.xaxis.range[0] < 0 < figure.layout.xaxis.range[1]


def test_diverging_bars_show_a_statements_words_in_the_hover(distribution):
    rows = distribution.assign(statement="1.1", text="Our service seeks to inspire hope")
    figure = benchmark_bars.diverging_bars(
        rows.loc[rows["section"].eq(1)],
        key="statement",
        label="label",
        hover="text",
        title="t",
        y_title="Statement",
    )
    assert "Our service seeks to inspire hope" in figure.data[0].hovertext[0]


def test_grouped_bars_one_bar_per_group_in_its_colour():
    views = pd.DataFrame(
        {
            "section": [1, 1, 2, 2],
            "label": ["1 Recovery", "1 Recovery", "2 Community", "2 Community"],
            "respondent": ["Staff", "Service user", "Staff", "Service user"],
            "score": [80.0, 60.0, 70.0, 40.0],
        }
    )
    figure = bar_charts.grouped_bars(
        views,
        key="section",
        label="label",
        category="respondent",
        value="score",
        dimension="respondent",
        title="Staff and service users differ most",
        x_title="Mean score (0–100)",
        y_title="Benchmark section",
    )
    _meets_the_style(figure)
    # The vocabulary's order: service users before staff.
    assert [trace.name for trace in figure.data] == ["Service user", "Staff"]
    assert figure.data[1].marker.color == palette.PALETTE["respondent"]["Staff"]
    assert list(figure.data[1].text) == ["80", "70"]
    assert figure.data[1].customdata[0] == [1, "Staff"]
    assert figure.layout.barmode == "group" and list(figure.layout.xaxis.range) == [0, 100]


def test_the_peer_chart_draws_quartiles_median_and_the_service():
    table = pd.DataFrame(
        {
            "year": "2024/25",
            "service": ["Alpha", "Beta"],
            "section": [1, 1],
            "label": ["1 Recovery", "1 Recovery"],
            "score": [90.0, 50.0],
            "median": 70.0,
            "q1": 60.0,
            "q3": 80.0,
            "position": ["above upper quartile", "below lower quartile"],
            "previous_year": ["2023/24", None],
            "previous_score": [85.0, None],
        }
    )
    figure = benchmark_bars.peer_chart(table, "Alpha", title="Alpha is above the upper quartile")
    _meets_the_style(figure)
    band, median, before, now = figure.data
    assert (band.base[0], band.x[0]) == (60.0, 20.0)  # from Q1, as long as Q3 - Q1
    assert median.x[0] == 70.0
    assert before.x[0] == 85.0 and before.name == "Alpha, 2023/24"
    assert now.x[0] == 90.0 and list(now.text) == ["90"] and now.name == "Alpha, 2024/25"
    assert now.customdata[0] == ["1 Recovery", "Alpha"] and band.customdata[0] == ["1 Recovery"]
    assert figure.layout.xaxis.range[0] == 0


def test_the_rating_grid_writes_each_rating_in_its_colour():
    grid = pd.DataFrame(
        {
            "service": ["Alpha", "Alpha", "Beta", "Beta"],
            "feature": ["A1", "A2", "A1", "A2"],
            "rating": ["Strong", "None", "Some", "Not rated"],
            "evidence": ["Self-referral", "", "", ""],
        }
    )
    figure = heatmaps.rating_grid(
        grid,
        row="service",
        column="feature",
        rating="rating",
        hover="evidence",
        column_labels={"A1": "A1 Open to a wide range of people"},
        title="Alpha is rated Strong on most features",
        x_title="Key feature",
        y_title="Service",
    )
    _meets_the_style(figure)
    cells = figure.data[0]
    assert list(cells.x) == ["A1 Open to a wide range of people", "A2"]
    assert [list(line) for line in cells.text] == [["Strong", "None"], ["Some", "–"]]
    z = [list(line) for line in cells.z]
    assert z[0] == [0, 2] and z[1][0] == 1 and pd.isna(z[1][1])  # not rated: no colour
    assert cells.customdata[0][0][2] == "Self-referral"
    legend = {trace.name: trace.marker.color for trace in figure.data[1:]}
    assert legend == palette.PALETTE["rating"]

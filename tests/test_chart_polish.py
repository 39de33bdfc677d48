"""Charts read on a projector (issue 19): shares written inside 100% bars in black or white
by contrast, left out where a piece is too small; trend and target lines thick enough to
see from the back of a room, a small base's point still told apart; and the presentation's
six-outcomes table set to fit the screen."""

from __future__ import annotations

import pandas as pd
import pytest

from dayserv import palette
from dayserv.share import presentation
from dayserv.show import bar_charts, chart_style, line_charts

# ---------------------------------------------------------------- text on a fill


@pytest.mark.parametrize(
    ("one", "other", "ratio"),
    [("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0), ("#777777", "#FFFFFF", 4.48)],
)
def test_the_contrast_ratio_is_wcags(one, other, ratio):
    assert palette.contrast_ratio(one, other) == pytest.approx(ratio, abs=0.01)
    assert palette.contrast_ratio(other, one) == pytest.approx(ratio, abs=0.01)


@pytest.mark.parametrize(
    ("fill", "text"),
    [
        (palette.BLUE, palette.WHITE),
        (palette.BLACK, palette.WHITE),
        (palette.ORANGE, palette.BLACK),
        (palette.YELLOW, palette.BLACK),
        (palette.SKY_BLUE, palette.BLACK),
        (palette.VERMILLION, palette.BLACK),
        (palette.GREY, palette.BLACK),
        ("#fff", palette.BLACK),
    ],
)
def test_a_label_on_a_fill_is_black_or_white_whichever_reads_better(fill, text):
    assert palette.text_colour(fill) == text


@pytest.mark.parametrize("fill", [*palette.OKABE_ITO, palette.GREY])
def test_every_palette_colour_takes_a_label_at_wcag_aa(fill):
    assert palette.contrast_ratio(palette.text_colour(fill), fill) >= palette.AA_CONTRAST


# ---------------------------------------------------------------- labels inside bars


def test_a_share_is_written_only_where_its_piece_holds_it():
    # A horizontal bar 600 px long and 30 px thick: "42%" needs about 38 px along it.
    assert bar_charts.segment_label(0.42, "42%", 600, 30, horizontal=True) == "42%"
    assert bar_charts.segment_label(0.04, "4%", 600, 30, horizontal=True) == ""  # 24 px
    assert bar_charts.segment_label(0.42, "42%", 600, 16, horizontal=True) == ""  # too thin
    # A column 300 px tall and 120 px wide: the label needs about 25 px of its height.
    assert bar_charts.segment_label(0.1, "10%", 300, 120, horizontal=False) == "10%"
    assert bar_charts.segment_label(0.05, "5%", 300, 120, horizontal=False) == ""
    assert bar_charts.segment_label(0.5, "50%", 300, 30, horizontal=False) == ""  # too narrow
    assert bar_charts.segment_label(0.0, "0%", 600, 30, horizontal=True) == ""
    assert bar_charts.segment_label(None, "", 600, 30, horizontal=True) == ""


def test_a_longer_label_needs_a_longer_piece():
    assert bar_charts.label_fits("42%", 40, 30, horizontal=True)
    assert not bar_charts.label_fits("12 services", 40, 30, horizontal=True)


def mix(services: int = 4) -> pd.DataFrame:
    names = [f"Service {n}" for n in range(services)]
    return pd.DataFrame(
        {
            "service": [name for name in names for _ in range(2)],
            "activity": ["Social & leisure", "Vocational"] * services,
            "share": [0.58, 0.42] * (services - 1) + [0.97, 0.03],
        }
    )


def test_a_100_percent_bar_writes_each_share_in_its_piece_by_default():
    figure = bar_charts.stacked_bars(
        mix(),
        x="service",
        category="activity",
        value="share",
        dimension="activity",
        percent=True,
        horizontal=True,
        title="t",
        y_title="Share of activity (%)",
    )
    social, vocational = figure.data
    assert list(social.text) == ["58%", "58%", "58%", "97%"]
    assert list(vocational.text) == ["42%", "42%", "42%", ""]  # 3% has no room
    for trace in figure.data:
        assert trace.textposition == "inside"
        assert trace.insidetextanchor == "middle"
        assert trace.textangle == 0
        assert trace.textfont.size == chart_style.FONT_SIZE
        fill = trace.marker.color
        assert trace.textfont.color == palette.text_colour(fill)
        assert palette.contrast_ratio(trace.textfont.color, fill) >= palette.AA_CONTRAST
    # The hover keeps the exact figure, the label too small to write included.
    assert vocational.hovertext[3] == "Service 3 · Vocational<br>3.0% of the total"
    # plotly hides any label its piece cannot hold at 16 px rather than shrinking it.
    assert figure.layout.uniformtext.mode == "hide"
    assert figure.layout.uniformtext.minsize == chart_style.FONT_SIZE


def test_a_years_mix_is_labelled_and_a_small_bases_hatching_keeps_its_label_readable():
    frame = pd.DataFrame(
        {
            "year": ["2023/24", "2023/24", "2024/25", "2024/25"],
            "sector": ["NHS", "Voluntary", "NHS", "Voluntary"],
            "services": [3, 1, 30, 10],
        }
    )
    figure = bar_charts.stacked_bars(
        frame,
        x="year",
        category="sector",
        value="services",
        dimension="sector",
        percent=True,
        title="t",
        y_title="Share of services (%)",
        small={"2023/24": 4},
    )
    nhs, voluntary = figure.data
    assert list(nhs.text) == ["75%", "75%"] and list(voluntary.text) == ["25%", "25%"]
    assert nhs.textfont.color == palette.WHITE  # on Okabe-Ito blue
    # Hatching in the colour opposite to the label's: the label reads on lines and gaps.
    assert nhs.marker.pattern.fgcolor == palette.BLACK
    assert voluntary.marker.pattern.fgcolor == palette.WHITE


def test_a_stacked_bar_of_amounts_writes_only_what_is_asked():
    frame = pd.DataFrame({"year": ["2024/25"] * 2, "sector": ["NHS", "Voluntary"], "n": [1, 3]})
    plain = bar_charts.stacked_bars(
        frame, x="year", category="sector", value="n", dimension="sector", title="t", y_title="n"
    )
    assert all(not trace.text for trace in plain.data)


# ---------------------------------------------------------------- lines on a projector


@pytest.fixture
def yearly() -> pd.DataFrame:
    return pd.DataFrame(
        {"non_core_funding_share": [0.15, 0.16, 0.22, 0.27]},
        index=pd.Index(["2022/23", "2023/24", "2024/25", "2025/26"], name="year"),
    )


def test_a_trend_line_and_its_target_are_thick_enough_for_the_back_of_a_room(yearly):
    figure = line_charts.trend_chart(yearly, "non_core_funding_share", target=0.3)
    (line,) = figure.data
    assert line.line.width >= 5
    assert min(line.marker.size) >= 14 and line.marker.opacity == 1
    (target,) = [shape for shape in figure.layout.shapes if shape.name == "target"]
    assert target.line.width >= 3 and target.line.dash == "dash"


def test_a_small_bases_point_stays_hollow_and_larger_on_the_thick_line(yearly):
    bases = {"2022/23": 3, "2023/24": 30, "2024/25": 30, "2025/26": 30}
    (line,) = line_charts.trend_chart(yearly, "non_core_funding_share", bases=bases).data
    colour = line.line.color
    assert list(line.marker.color) == [palette.WHITE, colour, colour, colour]
    assert line.marker.line.color == colour and line.marker.line.width >= 3
    assert line.marker.size[0] > line.marker.size[1]


def test_each_year_is_labelled_with_the_services_its_point_rests_on(yearly):
    """Fingertips-style: the count under every year, to be read across a room; the points
    keep their years as x (the hover and the table's rows are matched on them)."""
    bases = {"2022/23": 9, "2023/24": 27, "2024/25": 46, "2025/26": 1}
    figure = line_charts.trend_chart(yearly, "non_core_funding_share", bases=bases)
    axis = figure.layout.xaxis
    assert list(axis.tickvals) == list(figure.data[0].x) == list(bases)
    assert list(axis.ticktext) == [
        "2022/23<br>9 services",
        "2023/24<br>27 services",
        "2024/25<br>46 services",
        "2025/26<br>1 service",
    ]
    plain = line_charts.trend_chart(yearly, "non_core_funding_share").layout.xaxis
    assert plain.tickvals is None and plain.ticktext is None


def test_lines_of_several_categories_are_thick_and_keep_their_shapes():
    frame = pd.DataFrame(
        {
            "year": ["2023/24", "2024/25"] * 2,
            "feature": ["Evenings", "Evenings", "Weekends", "Weekends"],
            "share": [0.2, 0.3, 0.1, 0.15],
        }
    )
    figure = line_charts.share_lines(
        frame,
        x="year",
        category="feature",
        value="share",
        dimension="access",
        title="t",
        y_title="%",
        bases={"2023/24": 4, "2024/25": 40},
    )
    first, second = figure.data
    assert list(figure.layout.xaxis.ticktext) == ["2023/24<br>4 services", "2024/25<br>40 services"]
    assert first.line.width >= 4 and min(first.marker.size) >= 14
    assert first.marker.symbol != second.marker.symbol
    assert list(first.marker.color) == [palette.WHITE, first.line.color]


# ---------------------------------------------------------------- presentation


def test_the_six_outcomes_table_is_set_closer_to_fit_the_screen():
    css = presentation.STYLE.read_text()
    assert ".st-key-slide_table_outcomes td" in css
    assert "line-height: 1.25" in css.split(".st-key-slide_table_outcomes td", 1)[1]

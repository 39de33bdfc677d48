"""Areas compared, drawn: the spine chart's range, middle half, median and labelled area in
the colour of where it stands; all measures as rows with better to the right; the tartan
rug's words; the small multiples; the findings they are titled with; and the meeting pack's
optional "How we compare" slide."""

from __future__ import annotations

import pytest

from dayserv.figures import compare, compare_view
from dayserv.palette import BLUE, BLUISH_GREEN, VERMILLION
from dayserv.read.clean import load
from dayserv.read.reader import Source
from dayserv.share import deck_layout, pack, report
from dayserv.show import chart_style, compare_charts
from tests.test_compare import REGION

YEAR = "2025/26"


@pytest.fixture(scope="module")
def region():
    return load([Source(REGION.name, REGION.read_bytes())])


@pytest.fixture(scope="module")
def areas(region):
    return compare.areas_of([("region", region)])


@pytest.fixture(scope="module")
def view(areas):
    return compare_view.make_view(compare.area_measures(areas, YEAR), YEAR, "Eastbrook", None)


def traces(figure) -> dict:
    return {trace.name: trace for trace in figure.data}


def test_a_spine_chart_spans_the_areas_with_the_middle_half_and_median(view):
    stats = view.spread["user_run_share"]
    figure = compare_charts.spine_chart(
        view.table, view.spread, "user_run_share", "Eastbrook", shown=view.shown
    )
    drawn = traces(figure)
    assert list(drawn["Range of areas"].x) == [stats["min"], stats["max"], None]
    assert list(drawn["Middle half"].x) == [stats["q1"], stats["q3"], None]
    assert list(drawn["Median"].x) == [stats["median"]]
    others = drawn["Other areas"]
    assert len(others.x) == 5  # seven areas, less Fenwick (no 2025/26) and Eastbrook
    assert any(text.startswith("Northmoor: ") for text in others.hovertext)
    chosen = drawn["Eastbrook: better than most"]
    assert list(chosen.text) == ["Eastbrook 25%"]
    assert chosen.marker.color == BLUISH_GREEN and chosen.marker.symbol == "triangle-up"
    title = figure.layout.title.text.replace("<br>", " ")
    assert (
        title == "User-run share of services: Eastbrook 25%, better than most areas (top quartile)"
    )
    assert figure.layout.xaxis.title.text == "% of services · higher is better"


def test_a_measure_where_lower_is_better_is_judged_that_way(view):
    figure = compare_charts.spine_chart(view.table, view.spread, "building_share", "Eastbrook")
    chosen = traces(figure)["Eastbrook: worse than most"]
    assert chosen.marker.color == VERMILLION and chosen.marker.symbol == "triangle-down"
    assert "worse than most areas (highest quartile)" in figure.layout.title.text
    assert figure.layout.xaxis.title.text.endswith("lower is better")


def test_a_count_with_no_better_way_is_higher_or_lower_in_blue(view):
    figure = compare_charts.spine_chart(view.table, view.spread, "services", "Eastbrook")
    assert traces(figure)["Eastbrook: higher than most"].marker.color == BLUE


def test_every_measure_a_row_with_better_to_the_right(view):
    figure = compare_charts.spine_rows(
        view.table, view.spread, "Eastbrook", shown=view.shown, title="T"
    )
    rows = list(figure.layout.yaxis.categoryarray)
    assert len(rows) == len(compare.MEASURES)
    assert rows[3] == "Funding concentration<br><i>lower is better</i>"
    # Funding concentration: Eastbrook's HHI is near the lowest, so near the right.
    hhi = view.spread["hhi"]
    place = 1 - (view.table.loc["Eastbrook", "hhi"] - hhi["min"]) / (hhi["max"] - hhi["min"])
    better = traces(figure)["Eastbrook: better"]
    assert better.x[list(better.y).index(rows[3])] == pytest.approx(place)
    assert place > 0.9
    notes = [a.text for a in figure.layout.annotations]
    assert "25% Better" in notes and "62% Worse" in notes
    title = figure.layout.title.text
    assert title.startswith("T<br>") and "black tick: the median" in title


def test_the_tartan_rug_writes_a_value_and_a_word_in_every_cell(view):
    figure = compare_charts.rug_chart(compare_view.rug_table(view), chosen="Eastbrook")
    cells = figure.data[0]
    columns = list(cells.x)
    assert columns[1] == "Eastbrook<br>(your area)"
    assert "Fenwick" not in columns  # no figures this year
    assert len(cells.y) == len(compare.MEASURES)
    user_run = list(compare.MEASURES).index("user_run_share")
    assert cells.text[user_run][1] == "25%<br>Better"
    assert all(text for row in cells.text for text in row)  # never colour alone
    order = list(compare_charts.STANDING_STYLE)
    assert cells.z[user_run][1] == order.index("better")
    assert figure.layout.title.text.startswith("Where each area stands:")


def test_trends_are_small_multiples_with_the_chosen_area_emphasised(areas):
    trends = compare.area_trends(areas, "user_run_share")
    title = compare_view.trend_finding(trends, "user_run_share", "Eastbrook")
    assert title == "User-run share of services in Eastbrook rose from 9% to 25% since 2022/23"
    figure = compare_charts.trend_multiples(trends, "user_run_share", "Eastbrook", title=title)
    panels = [a.text for a in figure.layout.annotations]
    assert panels[:2] == ["Ashdale", "Eastbrook (your area)"]
    assert figure.layout.annotations[1].font.weight == "bold"
    axes = figure.layout.to_plotly_json()
    assert "xaxis7" in axes and "xaxis8" not in axes  # a panel per area
    lines = {t.name: t for t in figure.data if t.name != "Median of the areas"}
    assert lines["Eastbrook"].line.width > lines["Ashdale"].line.width
    ranges = {tuple(figure.layout[f"yaxis{n or ''}"].range) for n in (0, 2, 3, 4, 5, 6, 7)}
    assert len(ranges) == 1  # one scale for every panel
    assert figure.layout.yaxis.title.text == "% of services"


def test_lines_and_dots_are_as_thick_as_the_trend_charts(areas, view):
    """The small multiples' lines, their dashed median and every dot, no thinner than
    line_charts' (the constants shared in chart_style), to be seen across a room."""
    trends = compare.area_trends(areas, "user_run_share")
    figure = compare_charts.trend_multiples(trends, "user_run_share", "Eastbrook")
    medians = [t for t in figure.data if t.name == "Median of the areas"]
    assert medians and all(t.line.width >= chart_style.TARGET_WIDTH for t in medians)
    assert all(t.line.dash == "dash" for t in medians)
    lines = [t for t in figure.data if t.name != "Median of the areas"]
    assert all(t.line.width >= chart_style.CATEGORY_LINE_WIDTH for t in lines)
    assert all(t.marker.size >= chart_style.MARKER_SIZE for t in lines)
    mine = next(t for t in lines if t.name == "Eastbrook")
    assert mine.line.width >= chart_style.LINE_WIDTH
    spine = compare_charts.spine_chart(view.table, view.spread, "user_run_share", "Eastbrook")
    rows = compare_charts.spine_rows(view.table, view.spread, "Eastbrook")
    for chart in (spine, rows):
        dots = [t for t in chart.data if t.mode and "markers" in t.mode]
        assert dots and all(t.marker.size >= chart_style.MARKER_SIZE for t in dots)
        assert all(t.marker.line.width >= chart_style.MARKER_EDGE for t in dots)


def test_findings_name_the_area_the_group_and_the_missing(areas):
    table = compare.area_measures(areas, YEAR)
    peers = compare_view.make_view(table, YEAR, "Eastbrook", ["Kingsport", "Fenwick"])
    assert peers.peers == ("Kingsport",)  # Fenwick has no figures this year
    assert compare_view.compared_with(peers) == "a peer group of 1 area: Kingsport"
    assert compare_view.spine_finding(peers, "user_run_share").endswith(
        "better than most peers (top quartile)"
    )
    assert compare_view.missing_words(peers) == (
        "Fenwick has no figures for 2025/26, so it is left out of this year's comparison."
    )
    alone = compare_view.make_view(table, YEAR, "Fenwick", None)
    assert compare_view.overall_finding(alone) == "Fenwick has no figures for 2025/26"
    assert set(compare_view.standing_table(alone)["Where Fenwick stands"]) == {"No data"}


def test_the_pack_has_how_we_compare_only_when_given_a_comparison(region, view):
    plain = pack.build(region)
    assert "compare" not in [slide.kind for slide in plain.slides]
    built = pack.build(region, comparison=view)
    kinds = [slide.kind for slide in built.slides]
    assert kinds.index("compare") == len(kinds) - kinds[::-1].index("outcome")  # after them
    slide = built.slides[kinds.index("compare")]
    assert slide.heading == "How we compare, 2025/26"
    assert slide.title == "Eastbrook: better than most areas on 6 measures, worse on 4"
    assert list(slide.table.columns) == [
        "Measure",
        "Eastbrook",
        "Median",
        "Range",
        "Where Eastbrook stands",
    ]
    row = slide.table.set_index("Measure").loc["User-run share of services"]
    assert row.tolist() == ["25%", "14%", "0% to 46%", "Better than most (top quartile)"]
    # The table fits one slide at 16 pt: no "(continued)" slide.
    alone = pack.compare_pack(view, plain.provenance)
    assert len(deck_layout.pages(alone)) == 1
    assert "How we compare, 2025/26" in report.report_html(alone)


@pytest.fixture(scope="module")
def many_areas(areas):
    """35 areas: the region's seven, five times over under new names."""
    return {f"{name} {copy}": area for copy in range(1, 6) for name, area in areas.items()}


def test_small_multiples_of_many_areas_are_the_chosen_and_its_nearest(many_areas):
    table = compare.area_measures(many_areas, YEAR)
    view = compare_view.make_view(table, YEAR, "Eastbrook 3", None)
    shown, words = compare_view.trend_areas(view, "user_run_share")
    assert len(shown) == compare_view.MOST_PANELS and "Eastbrook 3" in shown
    values = table["user_run_share"]
    # Eastbrook's copies have its very figure: nearest of all, so drawn.
    assert {f"Eastbrook {copy}" for copy in range(1, 6)} <= set(shown)
    left_out = values.drop(shown).dropna()
    mine = values["Eastbrook 3"]
    assert (left_out - mine).abs().min() >= (values[shown] - mine).abs().max()
    assert words == (
        "35 areas are too many to draw one by one: these are Eastbrook 3 and the 23 areas "
        "nearest it on user-run share of services in 2025/26. Pick a peer group to choose "
        "which."
    )
    peers = compare_view.make_view(table, YEAR, "Eastbrook 3", ["Ashdale 1", "Kingsport 2"])
    shown, words = compare_view.trend_areas(peers, "user_run_share")
    assert sorted(shown) == ["Ashdale 1", "Eastbrook 3", "Kingsport 2"]
    assert "these are Eastbrook 3 and its peer group." in words
    few = compare_view.make_view(
        compare.area_measures(dict(list(many_areas.items())[:7]), YEAR), YEAR, "Eastbrook 1", None
    )
    assert compare_view.trend_areas(few, "user_run_share")[1] == ""


def test_small_multiples_of_150_areas_stay_on_the_page(areas):
    """Every panel's box lies inside the figure however many rows there are (the gap
    between rows was a share of the plot: 150 areas put the top row above it)."""
    many = {f"{name} {copy}": area for copy in range(22) for name, area in areas.items()}
    trends = compare.area_trends(many, "user_run_share")
    figure = compare_charts.trend_multiples(trends, "user_run_share", "Eastbrook 0")
    domains = [figure.layout[f"yaxis{n or ''}"].domain for n in [0, *range(2, len(many) + 1)]]
    assert all(0 <= low < high <= 1 for low, high in domains)
    rows = sorted({round(low, 6) for low, _ in domains}, reverse=True)
    assert len(rows) == 39  # 154 panels, four across
    picked = compare_charts.trend_multiples(
        trends, "user_run_share", "Eastbrook 0", areas=["Eastbrook 0", "Ashdale 1"]
    )
    assert {trace.name for trace in picked.data} == {
        "Median of the areas",
        "Eastbrook 0",
        "Ashdale 1",
    }
    # The median is every area's, not the two drawn.
    median = trends.groupby("year")["value"].median().sort_index().to_list()
    assert list(picked.data[0].y) == pytest.approx(median)

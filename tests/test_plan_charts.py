"""A plan's charts cannot be taken for facts: the projected years are dashed, open-marked and
named as projected, on a shaded band labelled so, under a line saying PROPOSED; the recorded
years are solid; each gap in provision is marked where it falls; the money says ring-fenced
or not in words at each year."""

from __future__ import annotations

import pytest

from dayserv.figures import plan_view
from dayserv.palette import WHITE
from dayserv.show import chart_style, plan_charts
from tests.test_plan_view import FUNDING, PLANS, SERVICES
from tests.workbooks import load_sheets

PLAN = "Close first"


@pytest.fixture(scope="module")
def portfolio():
    return load_sheets({"Services": SERVICES, "Funding": FUNDING, "Plan": PLANS})


@pytest.fixture(scope="module")
def projection(portfolio):
    return plan_view.projections(portfolio)[PLAN]


def title(figure) -> str:
    return figure.layout.title.text


def marked_proposed(figure) -> None:
    assert "PROPOSED — not decided" in title(figure)
    bands = [s for s in figure.layout.shapes if s.name == "projected years"]
    assert len(bands) == 1 and bands[0].layer == "below"
    labels = [a.text for a in figure.layout.annotations if a.name == "projected"]
    assert labels and labels[0].startswith("Projected")


def test_a_trend_is_solid_where_recorded_and_dashed_where_projected(portfolio, projection):
    table = plan_view.measures_table(portfolio, projection)
    figure = plan_charts.projected_trend(
        table,
        "building_share",
        PLAN,
        plan_view.trend_title(projection, table, "building_share"),
        target=0.4,
    )
    recorded, projected = figure.data
    assert recorded.name == "Recorded" and recorded.line.dash == "solid"
    assert list(recorded.x) == ["2024/25", "2025/26"]
    assert projected.name == "Projected (plan: Close first)"
    assert projected.line.dash == "dash" and projected.marker.symbol == "circle"
    # Open: white inside a ring in the line's colour (the baseline's point recorded, solid).
    assert list(projected.marker.color) == [projected.line.color, WHITE, WHITE]
    assert projected.marker.line.color == projected.line.color
    assert set(recorded.marker.color) == {recorded.line.color}
    # The dashed line starts at the baseline, so the two lines join; only the projected
    # years carry the projected labels.
    assert list(projected.x) == ["2025/26", "2026/27", "2027/28"]
    assert list(projected.text)[0] == "" and list(projected.text)[1:] == ["30%", "18%"]
    assert title(figure).startswith("Under Close first:")
    assert "Building-based share of activity would fall from 65% in 2025/26 to 18%" in title(
        figure
    ).replace("<br>", " ")
    assert figure.layout.showlegend
    assert figure.layout.yaxis.title.text == "% of activity"
    assert figure.layout.xaxis.title.text == "Financial year"
    band = next(s for s in figure.layout.shapes if s.name == "projected years")
    assert (band.x0, band.x1) == (1.5, 3.5)  # over 2026/27 and 2027/28 only
    assert any(s.name == "target" for s in figure.layout.shapes)
    marked_proposed(figure)


def test_the_money_says_ring_fenced_or_not_at_each_year(projection):
    frame = plan_view.money_frame(projection)
    figure = plan_charts.money_chart(frame, PLAN, plan_view.money_words(projection))
    assert [bar.name for bar in figure.data] == [
        "Released (projected)",
        "Reinvested (projected)",
        "Lost to day services (projected)",
    ]
    assert list(figure.data[0].x) == [
        "2026/27<br>✗ Not ring-fenced",
        "2027/28<br>✗ Not ring-fenced",
    ]
    assert list(figure.data[2].y) == [100000, 30000]
    assert list(figure.data[2].text) == ["£100,000", "£30,000"]
    assert figure.data[2].marker.pattern.shape == "/"  # lost told apart by more than colour
    assert title(figure).startswith("Not ring-fenced:")
    assert figure.layout.yaxis.title.text == "£ a year"
    assert "PROPOSED — not decided" in title(figure)


def test_building_money_against_total_funding(projection):
    frame = plan_view.money_frame(projection)
    figure = plan_charts.funding_chart(frame, PLAN, plan_view.funding_finding(projection))
    total, building = figure.data
    assert total.name == "Total funding (projected after 2025/26)"
    assert total.line.dash == building.line.dash == "dash"
    assert total.marker.symbol == "circle" and building.marker.symbol == "square"
    assert list(total.marker.color) == [total.line.color, WHITE, WHITE]
    assert list(building.y) == [130000, 30000, 30000]
    baseline = next(s for s in figure.layout.shapes if s.name == "baseline total")
    assert baseline.y0 == 200000
    marked_proposed(figure)


def test_each_gap_is_marked_where_it_falls(portfolio, projection):
    places = plan_view.locality_places(portfolio, projection)
    figure = plan_charts.places_chart(
        places, projection.gaps, PLAN, plan_view.places_finding(projection)
    )
    north = [t for t in figure.data if t.name == "North"][0]
    north_projected = [t for t in figure.data if t.name == "North, projected"][0]
    assert north.line.dash == "solid" and north_projected.line.dash == "dash"
    assert list(north.x) == ["2024/25", "2025/26"]
    assert list(north_projected.x) == ["2025/26", "2026/27", "2027/28"]
    assert list(north_projected.y) == [50, 20, 45]
    assert north_projected.showlegend is False
    (gap,) = [t for t in figure.data if t.name == "Gap in provision"]
    assert list(gap.x) == ["2026/27"] and list(gap.y) == [20]
    assert list(gap.text) == ["Gap"]
    assert "Hillside Resource Centre closes" in gap.hovertext[0]
    assert title(figure).startswith("A gap in provision in North in 2026/27:")
    assert figure.layout.yaxis.title.text == "Places (count)"
    marked_proposed(figure)


def test_without_a_gap_nothing_is_marked(portfolio):
    later = plan_view.projections(portfolio)["Later"]
    figure = plan_charts.places_chart(
        plan_view.locality_places(portfolio, later), later.gaps, "Later", "No gap"
    )
    assert not [t for t in figure.data if t.name == "Gap in provision"]


def test_a_plan_name_is_drawn_as_written_never_as_markup(portfolio, projection):
    name = "<b>Cuts</b>"
    table = plan_view.measures_table(portfolio, projection)
    figure = plan_charts.projected_trend(table, "building_share", name, "A title")
    assert "<b>" not in figure.data[1].name
    assert "<b>Cuts" not in title(figure)


def test_lines_and_markers_are_as_thick_as_the_trend_charts(portfolio, projection):
    """Dashed projections, dotted targets and their markers, seen from the back of a room:
    no thinner than line_charts' (the constants shared in chart_style)."""
    table = plan_view.measures_table(portfolio, projection)
    trend = plan_charts.projected_trend(table, "building_share", PLAN, "A title", target=0.4)
    money = plan_view.money_frame(projection)
    funding = plan_charts.funding_chart(money, PLAN, "Funding")
    places = plan_charts.places_chart(
        plan_view.locality_places(portfolio, projection), projection.gaps, PLAN, "Places"
    )
    assert all(t.line.width >= chart_style.LINE_WIDTH for t in trend.data)
    for figure in (trend, funding, places):
        lines = [t for t in figure.data if "lines" in t.mode]
        assert lines and all(t.line.width >= chart_style.CATEGORY_LINE_WIDTH for t in lines)
        for trace in figure.data:
            assert trace.marker.size >= chart_style.MARKER_SIZE, trace.name
            assert trace.marker.line.width >= chart_style.MARKER_EDGE, trace.name
        dotted = [s for s in figure.layout.shapes if s.name in ("target", "baseline total")]
        assert all(s.line.width >= chart_style.TARGET_WIDTH for s in dotted)
    assert any(s.name == "target" for s in trend.layout.shapes)
    (gap,) = [t for t in places.data if t.name == "Gap in provision"]
    assert gap.marker.size > chart_style.MARKER_SIZE

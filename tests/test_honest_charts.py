"""Charts that say what they rest on (issue 19): the services behind every trend point and a
mark on small bases, one card instead of an empty chart, titles and tags that match what is
drawn, and long service names that leave the bars their room."""

from __future__ import annotations

import json
import re

import pandas as pd

from dayserv.figures import findings, outcomes
from dayserv.figures.headline import chart_tag, headline
from dayserv.figures.measures import yearly_measures
from dayserv.figures.outcomes import SMALL_BASE
from dayserv.show import bar_charts, line_charts
from tests.test_outcome_pages import PAGES, open_page
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row, xlsx


def tiny_first_year() -> list[list]:
    """3 services in 2022/23 (1 user run), 12 in 2023/24 (4) and 2024/25 (6): in 2024/25,
    10 in North and 2 in South."""
    rows = [SERVICES_HEADER]
    rows += [
        service_row(f"S{i}", f"P{i}", "2022/23", "NHS", "Yes" if i == 0 else "No") for i in range(3)
    ]
    rows += [
        service_row(f"S{i}", f"P{i}", "2023/24", "Voluntary", "Yes" if i < 4 else "No")
        for i in range(12)
    ]
    rows += [
        service_row(
            f"S{i}",
            f"P{i}",
            "2024/25",
            "Voluntary",
            "Yes" if i < 6 else "No",
            locality="South" if i >= 10 else "North",
        )
        for i in range(12)
    ]
    return rows


def figures_of(rows):
    portfolio = load_sheets({"Services": rows})
    table = yearly_measures(portfolio.services, portfolio.funding)
    coverage = outcomes.year_coverage(portfolio.services, portfolio.funding)
    return portfolio, table, coverage


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+%", text)


# ---------------------------------------------------------------- small bases


def test_each_year_rests_on_its_services_and_the_small_one_is_named():
    _, table, coverage = figures_of(tiny_first_year())
    bases = outcomes.measure_bases(coverage, "user_run_share")
    assert bases == {"2022/23": 3, "2023/24": 12, "2024/25": 12}
    small = outcomes.small_bases(bases, {}, table["user_run_share"])
    assert small == {"2022/23": 3}
    assert (
        findings.small_base_words(small)
        == "2022/23 rests on 3 services: read its figure with care."
    )
    # A year with too little data is a gap, not a point: it is not a small base.
    assert outcomes.small_bases(bases, {"2022/23": "only 1 service in 2022/23"}) == {}
    assert SMALL_BASE == 10


def test_several_small_bases_in_one_sentence():
    words = findings.small_base_words({"Coastal": 8, "Rural West": 4})
    assert words == (
        "Coastal (8) and Rural West (4) rest on fewer than 10 services each: "
        "read their figures with care."
    )
    assert findings.small_base_words({}) is None


def test_the_table_under_a_trend_gives_each_years_services_and_marks_the_small_base():
    _, table, coverage = figures_of(tiny_first_year())
    bases = outcomes.measure_bases(coverage, "user_run_share")
    shown = outcomes.measure_by_year(table, "user_run_share", {}, bases)
    assert shown["services_counted"].to_list() == [3, 12, 12]
    assert "small base (3 services)" in shown["note"].iloc[0]
    assert shown["note"].iloc[1:].eq("").all()


def test_a_small_base_point_is_hollow_and_every_hover_gives_its_services():
    _, table, coverage = figures_of(tiny_first_year())
    bases = outcomes.measure_bases(coverage, "user_run_share")
    figure = line_charts.trend_chart(table, "user_run_share", bases=bases)
    line = figure.data[0]
    # Hollow: white inside a ring of the line's colour, and larger than the others.
    assert list(line.marker.color) == ["#FFFFFF", line.line.color, line.line.color]
    assert line.marker.size[0] > line.marker.size[1]
    assert "3 services: a small base" in line.hovertext[0]
    assert line.hovertext[1] == "<br>12 services"
    # Without bases (the meeting pack's slide), points are drawn as before.
    plain = line_charts.trend_chart(table, "user_run_share").data[0]
    assert "#FFFFFF" not in list(plain.marker.color)


def test_a_locality_bar_on_a_small_base_is_hatched():
    portfolio, _, _ = figures_of(tiny_first_year())
    latest = outcomes.latest_year_rows(outcomes.user_run_by_locality(portfolio.services))
    small = outcomes.small_groups(latest, "locality")
    assert small == {"South": 2}
    figure = bar_charts.ranked_bars(
        latest,
        label="locality",
        value="user_run_share",
        title="t",
        x_title="x",
        value_format=".0%",
        small=small,
    )
    bars = figure.data[0]
    shapes = dict(zip(bars.y, bars.marker.pattern.shape, strict=True))
    assert shapes == {"North": "", "South": "/"}
    assert "Rests on 2 services" in bars.hovertext[list(bars.y).index("South")]


# ---------------------------------------------------------------- nothing to draw


def test_a_trend_with_nothing_to_draw_says_why_and_what_would_fill_it():
    rows = [
        SERVICES_HEADER,
        service_row("A", "P", "2022/23", "NHS"),
        service_row("A", "P", "2023/24", "NHS"),
    ]
    _, table, coverage = figures_of(rows)
    too_little = outcomes.too_little_data(coverage, "building_share")
    words = findings.empty_trend_words(table, "building_share", too_little)
    assert words.startswith("Building-based share of activity: every year has too little")
    assert "every year has too little data" in words
    assert "only 1 service in 2022/23" in words
    # No User run answers at all: the catalogue's hint says what to add.
    bare = [SERVICES_HEADER, *[service_row(f"S{i}", "P", "2023/24", "NHS", None) for i in range(3)]]
    _, table, coverage = figures_of(bare)
    words = findings.empty_trend_words(table, "user_run_share", {})
    assert "no figures in the services shown" in words
    assert "Add the User run column" in words
    _, table, coverage = figures_of(tiny_first_year())
    assert findings.empty_trend_words(table, "user_run_share", {}) is None


def test_a_chart_without_figures_is_named_with_its_hint():
    frame = pd.DataFrame({"share": [None, None]})
    assert findings.empty_chart_words(frame, "share", "By locality", "Add X.") == (
        "By locality: no figures in the services shown. Add X."
    )
    assert findings.empty_chart_words(pd.DataFrame({"share": [0.2]}), "share", "a", "b") is None


# ---------------------------------------------------------------- titles and tags


def test_only_the_headline_measures_chart_says_the_direction():
    portfolio, table, _ = figures_of(tiny_first_year())
    found = headline(table, "user_run_share", portfolio.tables["targets"])
    assert found.status == "on track"
    words = "Anticipated outcome 2: more user-run services"
    assert chart_tag(words, found, "user_run_share") == (
        f"{words} · right direction (user-run share of services should go up)"
    )
    assert chart_tag(words, found, "user_run_funding_share") == words
    # A headline without figures never says on track, nor not on track.
    empty = headline(table.iloc[0:0], "user_run_share", portfolio.tables["targets"])
    assert chart_tag(words, empty, "user_run_share") == words


def test_the_user_run_title_uses_the_values_drawn():
    portfolio, _, _ = figures_of(tiny_first_year())
    shares = outcomes.user_run_long(outcomes.user_run_by_year(portfolio.services))
    title = findings.user_run_finding(shares)
    figure = line_charts.share_lines(
        shares,
        x="year",
        category="user_run",
        value="share",
        dimension="user_run",
        title=title,
        y_title="y",
    )
    drawn = []
    for trace in figure.data:
        ys = [y for y in trace.y if y is not None]
        drawn += [f"{ys[0]:.0%}", f"{ys[-1]:.0%}"]
    assert numbers(title) == drawn  # Yes 33% -> 50%, Partly 0% -> 0%
    assert title.startswith("Fully user-run services rose from 33% to 50% since 2022/23")
    top = max(y for trace in figure.data for y in trace.y if y is not None)
    assert all(int(n[:-1]) <= round(top * 100) for n in numbers(title))


def test_a_trend_title_rests_on_its_drawn_points_not_a_hidden_year():
    _, table, _ = figures_of(tiny_first_year())
    figure = line_charts.trend_chart(
        table, "user_run_share", too_little={"2022/23": "only 1 service in 2022/23"}
    )
    ys = [y for y in figure.data[0].y if y is not None]
    assert numbers(figure.layout.title.text) == [f"{ys[0]:.0%}", f"{ys[-1]:.0%}"]


# ---------------------------------------------------------------- long names


def test_long_names_are_cut_with_an_ellipsis_and_kept_distinct():
    names = [
        "Eastbrook Community Wellbeing and Recovery Hub (Tuesdays)",
        "Eastbrook Community Wellbeing and Recovery Hub (Fridays)",
        "Short",
    ]
    shown = bar_charts.short_labels(names, 28)
    assert all(len(label) <= 28 for label in shown)
    assert shown[0].endswith("…") and shown[2] == "Short"
    assert len(set(shown)) == 3


def test_the_service_chart_keeps_full_names_in_the_hover_and_clicks():
    name = "Eastbrook Community Wellbeing and Recovery Hub for Adults"
    frame = pd.DataFrame(
        {
            "service": [name, name, "B", "B"],
            "activity": ["Social & leisure", "Vocational"] * 2,
            "share": [0.7, 0.3, 0.2, 0.8],
        }
    )
    figure = bar_charts.stacked_bars(
        frame,
        x="service",
        category="activity",
        value="share",
        dimension="activity",
        percent=True,
        horizontal=True,
        title="t",
        y_title="Share of activity (%)",
        label_width=28,
    )
    bars = figure.data[0]
    assert len(bars.y[0]) <= 28 and bars.y[0].endswith("…")
    assert name in bars.hovertext[0]
    assert bars.customdata[0][0] == name
    assert list(figure.layout.yaxis.categoryarray) == list(bars.y)


# ---------------------------------------------------------------- on the page


def chart_specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def test_the_user_run_page_names_its_small_base_and_tags_only_its_own_chart():
    at = open_page(PAGES["O2"], upload=xlsx({"Services": tiny_first_year()}))
    captions = "\n".join(c.value for c in at.caption)
    assert "2022/23 rests on 3 services: read its figure with care." in captions
    assert "South rests on 2 services: read its figure with care." in captions
    titles = [spec["layout"]["title"]["text"] for spec in chart_specs(at)]
    on_track = [title for title in titles if "right direction" in title]
    assert len(on_track) == 1 and "User-run share of services" in on_track[0]
    first = chart_specs(at)[0]["data"][0]
    assert first["marker"]["color"][0] == "#FFFFFF"  # hollow
    assert "3 services" in first["hovertext"][0]


def test_an_outcome_page_with_one_service_a_year_shows_a_card_not_an_empty_chart():
    rows = [
        SERVICES_HEADER,
        service_row("A", "P", "2022/23", "NHS", vocational=20, social=80),
        service_row("A", "P", "2023/24", "NHS", vocational=30, social=70),
    ]
    at = open_page(PAGES["O4"], upload=xlsx({"Services": rows}))
    cards = [i.value for i in at.info]
    assert any("every year has too little data" in card for card in cards), cards
    titles = [spec["layout"]["title"]["text"] for spec in chart_specs(at)]
    assert not any("Too little data" in json.dumps(spec) for spec in chart_specs(at)), titles


def test_the_user_run_page_without_answers_shows_cards_with_the_hint():
    rows = [SERVICES_HEADER]
    rows += [
        service_row(f"S{i}", "P", year, "NHS", None)
        for year in ("2023/24", "2024/25")
        for i in range(3)
    ]
    at = open_page(PAGES["O2"], upload=xlsx({"Services": rows}))
    cards = [i.value for i in at.info if "Add the User run column" in i.value]
    assert len(cards) >= 3  # the trend, the lines and the localities
    titles = [spec["layout"]["title"]["text"] for spec in chart_specs(at)]
    assert not any("on track" in title for title in titles)


def test_a_small_baseline_is_said_with_the_way_to_measure_from_a_later_year():
    portfolio, table, _ = figures_of(tiny_first_year())
    found = headline(table, "user_run_share", portfolio.tables["targets"])
    words = findings.baseline_words(table, found.trend)
    assert words == (
        "Measured from 2022/23, which rests on 3 services: to measure from a later year, "
        "move the first handle of Years in the sidebar."
    )
    at = open_page(PAGES["O2"], upload=xlsx({"Services": tiny_first_year()}))
    assert words in [c.value for c in at.main.caption]
    # From the later year chosen as the baseline, the base is large enough: nothing to say.
    later = table.loc[table.index != "2022/23"]
    targets = portfolio.tables["targets"]
    assert findings.baseline_words(later, headline(later, "user_run_share", targets).trend) is None

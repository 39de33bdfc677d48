"""Presentation mode's own pieces: the slide a number in the address means, the counter,
a status in icon and word, a slide's table and chart for a screen across a room."""

from pathlib import Path

import pandas as pd
import pytest

from dayserv import catalogue
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import pack, presentation

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"


@pytest.fixture(scope="module")
def slides():
    return pack.build(load(sources_from_paths([SAMPLE]))).slides


@pytest.mark.parametrize(
    ("requested", "shown"),
    [(1, 1), (4, 4), (11, 11), (12, 11), (99, 11), (0, 1), (-3, 1), (None, 1), (4.0, 4)],
)
def test_a_slide_number_is_held_to_the_slides_there_are(requested, shown):
    assert presentation.slide_number(requested, 11) == shown


def test_a_pack_without_slides_still_names_slide_one():
    assert presentation.slide_number(3, 0) == 1


def test_the_counter_reads_number_slash_count():
    assert presentation.counter(4, 11) == "4 / 11"


def test_a_status_is_a_symbol_and_a_word_not_colour_alone(slides):
    outcomes = [slide for slide in slides if slide.kind == "outcome"]
    assert outcomes
    for slide in outcomes:
        symbol, words = slide.verdict.split(" ", 1)
        assert symbol == catalogue.STATUSES[slide.status].symbol
        assert words in catalogue.DIRECTION_WORDS.values()
        assert catalogue.STATUSES[slide.status].theme  # the colour only repeats it


def test_a_table_on_screen_has_thousands_separators_and_one_decimal():
    table = pd.DataFrame(
        {
            "Locality": ["Central", "All, 2025/26"],
            "Services": [11, 40],
            "Places": pd.array([792, None], dtype="Int64"),
            "People supported": [2351, 7362],
            "People per service": [213.7, 184.0],
        }
    )
    shown = presentation.screen_table(table)
    assert shown.to_dict("list") == {
        "Locality": ["Central", "All, 2025/26"],
        "Services": ["11", "40"],
        "Places": ["792", ""],
        "People supported": ["2,351", "7,362"],
        "People per service": ["213.7", "184.0"],
    }


def test_publication_modes_words_stay_as_they_are_on_screen():
    table = pd.DataFrame(
        {"People supported": ["<5", 1234], "People per service": ["suppressed", 61.75]},
        dtype=object,
    )
    shown = presentation.screen_table(table)
    assert shown["People supported"].tolist() == ["<5", "1,234"]
    assert shown["People per service"].tolist() == ["suppressed", "61.8"]


def test_an_outcome_chart_on_screen_drops_its_title_and_grows_its_type(slides):
    slide = slides[4]  # outcome 2, user-run services, with a 30% target
    figure = presentation.screen_figure(pack.figure(slide), height=500)
    assert not figure.layout.title.text  # the slide's own title is the finding
    assert figure.layout.height == 500
    assert figure.layout.font.size == presentation.SCREEN_FONT
    assert figure.layout.xaxis.tickfont.size == presentation.SCREEN_FONT
    assert figure.layout.yaxis.tickfont.size == presentation.SCREEN_FONT
    assert all(trace.textfont.size == presentation.SCREEN_FONT for trace in figure.data)
    target = [a for a in figure.layout.annotations if a.text.startswith("Target")]
    assert target and target[0].font.size == presentation.SCREEN_FONT
    # The figures are the pack's: the points are the slide's values.
    assert list(figure.data[0].y) == pytest.approx(slide.data["value"].tolist())


def test_the_benchmark_chart_on_screen_keeps_its_bars(slides):
    slide = slides[9]
    figure = presentation.screen_figure(pack.figure(slide))
    assert figure.layout.height == presentation.CHART_HEIGHT
    assert sorted(figure.data[0].x) == sorted(slide.data["score"].tolist())


def test_the_style_sheet_hides_the_sidebar_and_sizes_the_title():
    css = presentation.STYLE.read_text()
    assert '[data-testid="stSidebar"]' in css
    assert '[data-testid="stHeader"]' in css
    assert ".st-key-slide_title h1" in css


def test_the_title_summary_is_larger_unless_it_and_the_facts_run_long(slides):
    title = slides[0]
    assert presentation.summary_key(title.text, title.table) == "slide_summary"
    long_filter = title.table.assign(**{"This pack": title.table["This pack"] + " or" * 80})
    assert presentation.summary_key(title.text, long_filter) == "slide_summary_long"
    css = presentation.STYLE.read_text()
    summary = css.split('[class*="st-key-slide_summary"] p {', 1)[1].split("}", 1)[0]
    long = css.split(".st-key-slide_summary_long p {", 1)[1].split("}", 1)[0]
    body = css.split(".st-key-slide_body p {", 1)[1].split("}", 1)[0]

    def largest(rule: str) -> float:  # the clamp's largest size, in rem
        return float(rule.split("font-size: clamp(", 1)[1].split(")")[0].split(",")[-1][:-3])

    assert largest(summary) > largest(body)  # larger than the other slides' words
    assert largest(long) >= largest(body)  # and a long one no smaller than theirs
    assert "max-width: 70ch" in summary and "max-width: none" in long  # lines to follow
    assert "white-space: nowrap" in css.split(".st-key-slide_table_title tr > :first-child", 1)[1]
    assert ".st-key-slide_downloads button p" in css

"""A figure resting on few services is marked in the meeting pack as on the outcome pages:
a hollow point on its chart (report, presentation), a sentence under the chart (deck, report,
presentation) and in the speaker notes; none when every year rests on enough services."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn

from dayserv.figures.filters import Filter
from dayserv.palette import WHITE
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import deck, outcome_slides, pack, report
from tests.test_present_page import present

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"
CENTRAL = Filter(localities=("Central",))  # 9 services in 2022/23, then 10 and 11
SMALL = "2022/23 rests on 9 services: read its figure with care."


@pytest.fixture(scope="module")
def sample():
    return load(sources_from_paths([SAMPLE]))


@pytest.fixture(scope="module")
def central(sample):
    return pack.build(sample, CENTRAL)


def first_outcome(built: pack.Pack):
    return next(slide for slide in built.slides if slide.kind == "outcome")


def test_each_years_services_are_on_the_slide_and_a_small_base_is_said(central):
    slide = first_outcome(central)
    assert slide.data["year"].tolist() == ["2022/23", "2023/24", "2024/25", "2025/26"]
    assert slide.data["services"].tolist() == [9, 10, 10, 11]
    assert outcome_slides.small_base_note(slide.data) == SMALL
    assert outcome_slides.chart_notes(slide.data)[-1] == SMALL
    assert SMALL in slide.notes.splitlines()  # the speaker notes


def test_the_chart_marks_the_small_base_with_a_hollow_point(central):
    (line,) = [trace for trace in pack.figure(first_outcome(central)).data if trace.x]
    hollow = [colour == WHITE for colour in line.marker.color]
    assert dict(zip(line.x, hollow, strict=True)) == {
        "2022/23": True,
        "2023/24": False,
        "2024/25": False,
        "2025/26": False,
    }
    assert "9 services" in line.hovertext[0]


def test_the_deck_and_the_report_say_it_under_the_chart(central):
    shown = Presentation(io.BytesIO(deck.deck_bytes(central)))
    number = central.slides.index(first_outcome(central))
    texts = [shape.text_frame.text for shape in shown.slides[number].shapes if shape.has_text_frame]
    assert any(SMALL in text for text in texts)
    assert SMALL in report.report_html(central)


def test_the_decks_chart_draws_the_small_base_hollow(central):
    shown = Presentation(io.BytesIO(deck.deck_bytes(central)))
    number = central.slides.index(first_outcome(central))
    (chart,) = [shape.chart for shape in shown.slides[number].shapes if shape.has_chart]
    line = chart.plots[0].series[0]
    points = line._element.findall(qn("c:dPt"))  # only the points drawn unlike the rest
    assert [int(p.find(qn("c:idx")).get("val")) for p in points] == [0]  # 2022/23
    assert line.points[0].marker.format.fill.fore_color.rgb == RGBColor.from_string(WHITE[1:])


def test_no_sentence_when_every_year_rests_on_enough_services(sample):
    slide = first_outcome(pack.build(sample))
    assert min(slide.data["services"]) >= 10
    assert outcome_slides.small_base_note(slide.data) is None
    assert "read its figure with care" not in slide.notes


def test_the_presentation_says_it_beside_the_chart(central):
    number = central.slides.index(first_outcome(central)) + 1
    at = present(slide=str(number), locality="Central")
    assert not at.exception
    assert SMALL in [block.value for block in at.main.markdown]

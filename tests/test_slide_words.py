"""A slide's words for a measure are the catalogue's: one wording, plain, never empty."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pptx import Presentation

from dayserv import catalogue
from dayserv.figures import slide_words
from dayserv.figures.measures import DIRECTION, MEASURE_ORDER
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import deck, pack

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"


@pytest.fixture(scope="module")
def sample_pack():
    return pack.build(load(sources_from_paths([SAMPLE])))


def test_slide_words_keep_no_table_of_their_own_per_measure():
    tables = [
        name
        for name, value in vars(slide_words).items()
        if isinstance(value, dict) and set(value) & set(MEASURE_ORDER) and value is not DIRECTION
    ]
    assert tables == []  # DIRECTION is the measures', read from the catalogue


@pytest.mark.parametrize("measure", MEASURE_ORDER)
def test_a_slide_says_what_the_catalogue_says(measure):
    record = catalogue.measure(measure)
    assert slide_words.plain_name(measure) == record.label
    assert slide_words.plain_definition(measure) == record.definition
    assert slide_words.axis_title(measure) == record.unit


def test_the_definitions_appendix_has_a_definition_for_every_measure(sample_pack):
    table = sample_pack.slides[-1].table
    assert table["Definition"].str.strip().astype(bool).all()
    assert "Services without sector" in set(table["Measure"])
    assert not table["Definition"].str.contains("Weighted mean").any()


def test_no_speaker_notes_read_as_empty_punctuation(sample_pack):
    slides = Presentation(io.BytesIO(deck.deck_bytes(sample_pack))).slides
    for slide in slides:
        notes = slide.notes_slide.notes_text_frame.text
        assert ".." not in notes.replace("...", ""), slide.shapes.title.text
        assert ": ." not in notes, slide.shapes.title.text

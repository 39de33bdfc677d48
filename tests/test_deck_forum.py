"""The meeting pack as a strategic forum sees it: the six outcomes on one slide, the area's
name on the title, speaker notes on every slide, no empty slides, plain words, titles that
never run into the body, and a direction of travel that does not contradict its target."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from pptx import Presentation

from dayserv import frameworks
from dayserv.figures import formats, slide_words
from dayserv.figures.headline import headline
from dayserv.figures.measures import DEFINITIONS, yearly_measures
from dayserv.figures.targets import target_words
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import deck, deck_layout, pack
from dayserv.share.provenance import SAMPLE_AREA, area_name, shown_area
from tests.test_deck import EMU_PER_INCH, assert_laid_out, named, people_portfolio
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"
MADE = datetime(2026, 11, 25, 9, 0)
# Words of the team's, not the forum's: none may be on a slide.
INTERNAL = ("Gini", "Herfindahl", "seed 0", "Seed 0", "section 10", "Weighting:")


@pytest.fixture(scope="module")
def sample():
    return load(sources_from_paths([SAMPLE]))


@pytest.fixture(scope="module")
def sample_pack(sample):
    return pack.build(sample, produced=MADE, area="Eastbrook (sample)")


@pytest.fixture(scope="module")
def sample_deck(sample_pack):
    return Presentation(io.BytesIO(deck.deck_bytes(sample_pack)))


def read(built: pack.Pack):
    return Presentation(io.BytesIO(deck.deck_bytes(built)))


def shown_words(slide) -> list[str]:
    """Every text on a deck slide: its text boxes and its tables' cells."""
    words = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            words.append(shape.text_frame.text)
        if shape.has_table:
            words += [cell.text for row in shape.table.rows for cell in row.cells]
    return words


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(colour: str) -> float:
        channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# ---------------------------------------------------------------- the six outcomes


def test_the_slide_after_the_title_has_all_six_outcomes_with_status_and_figure(sample, sample_pack):
    slide = sample_pack.slides[1]
    assert slide.kind == "outcomes"
    table = yearly_measures(sample.services, sample.funding)
    assert slide.table.columns.tolist() == [
        "Outcome",
        "Measure",
        "Latest, 2025/26",
        "Change since 2022/23",
        "Direction of travel",
        "Target",
    ]
    for row, outcome in zip(slide.table.itertuples(index=False), frameworks.OUTCOMES, strict=True):
        found = headline(table, outcome.headline, sample.tables["targets"])
        assert row[0] == f"{outcome.number}. {outcome.plain}"
        assert row[1] == found.measure_name
        assert row[2] == found.value  # the outcome page's figure
        assert row[3] == found.change
        assert row[4] == slide_words.direction_words(found.trend)
    assert slide.table["Direction of travel"].tolist() == [
        "✓ Right direction",
        "✓ Right direction",
        "✓ Right direction",
        "✓ Right direction",
        "✓ Right direction",
        "✗ Wrong direction",
    ]
    assert slide.table["Target"].tolist()[0] == "No target set"
    assert slide.table["Target"].tolist()[4] == "40% for 2025/26: 22 points short"
    assert slide.title == (
        "5 of 6 outcomes moving the right way since 2022/23; 0 of 5 targets met or in reach "
        "at this pace"
    )


def test_the_six_outcomes_slide_is_read_from_the_back_row(sample_pack, sample_deck):
    slide = sample_deck.slides[1]
    (frame,) = named(slide, "Outcomes")
    grid = frame.table
    assert len(grid.rows) == 7  # a heading and six outcomes
    for r, outcome in enumerate(frameworks.OUTCOMES, start=1):
        name, latest, _, status = (grid.cell(r, c).text_frame.paragraphs for c in range(4))
        assert name[0].runs[0].text.startswith(f"{outcome.number}. ")
        assert name[0].runs[0].font.size.pt >= 20 and name[0].runs[0].font.bold
        assert latest[0].runs[0].font.size.pt >= 24
        words = status[0].runs[0]
        assert words.text == sample_pack.slides[1].table["Direction of travel"].iloc[r - 1]
        assert words.font.size.pt >= 20
        colour = f"#{words.font.color.rgb}"
        background = f"#{grid.cell(r, 3).fill.fore_color.rgb}"
        assert contrast(colour, background) >= 4.5  # WCAG AA, on white and on the band
    assert_laid_out(sample_deck)


def test_status_colours_pass_wcag_aa_on_white_and_on_the_band():
    for colour in [*deck.STATUS_TEXT.values(), deck.MUTED, deck.TEXT]:
        assert contrast(colour, "#FFFFFF") >= 4.5, colour
        assert contrast(colour, deck.BAND_FILL) >= 4.5, colour
    assert contrast("#FFFFFF", deck.HEADER_FILL) >= 4.5


# ---------------------------------------------------------------- the area's name


def test_the_title_names_the_area_and_the_file_is_in_small_type_and_the_appendix(
    sample_pack, sample_deck
):
    title = sample_deck.slides[0].shapes.title.text
    assert title == "Eastbrook (sample): where our day services stand"
    assert not any(
        "sample_portfolio.xlsx" in text
        for text in shown_words(sample_deck.slides[0])
        if text != named(sample_deck.slides[0], "Footer")[0].text_frame.text
    )
    footer = named(sample_deck.slides[0], "Footer")[0].text_frame.paragraphs[0].runs[0]
    assert "sample_portfolio.xlsx" in footer.text and footer.font.size.pt <= 12
    about = next(s for s in sample_pack.slides if s.heading == "Appendix: about this pack")
    facts = dict(about.table.itertuples(index=False, name=None))
    assert facts["Area"] == "Eastbrook (sample)"
    assert facts["Source file"] == "sample_portfolio.xlsx"


def test_the_area_is_the_saved_areas_name_else_the_portfolios_own(sample):
    assert area_name(sample, "  Northshire   Council ") == "Northshire Council"
    assert area_name(sample) == "Sample portfolio"
    saved = replace(sample, sources=("Northshire version 3 (returns.xlsx, plan.xlsx)",))
    assert area_name(saved) == "Northshire"  # as the command line labels area:NAME
    assert pack.build(saved).slides[0].title.startswith("Northshire: ")
    rows = [[*SERVICES_HEADER, "Area"]]
    rows += [[*service_row("A", "P1", "2024/25", "Voluntary"), "Westvale"]]
    assert area_name(load_sheets({"Services": rows}, name="export_2025.xlsx")) == "Westvale"
    two = replace(sample, sources=("services.csv", "funding.csv"))
    assert area_name(two) == "Your portfolio"


def test_the_app_passes_the_saved_areas_name_or_the_samples():
    info = SimpleNamespace(area="Northshire", label="Northshire version 2")
    assert shown_area(SimpleNamespace(area=SimpleNamespace(info=info), is_sample=False)) == (
        "Northshire"
    )
    assert shown_area(SimpleNamespace(area=None, is_sample=True)) == SAMPLE_AREA
    assert shown_area(SimpleNamespace(area=None, is_sample=False)) is None


# ---------------------------------------------------------------- speaker notes


def test_every_slide_has_speaker_notes_with_its_figures(sample_pack, sample_deck):
    for slide in sample_deck.slides:
        assert slide.has_notes_slide
        assert slide.notes_slide.notes_text_frame.text.strip(), slide.shapes.title.text
    by_title = {slide.shapes.title.text: slide for slide in sample_deck.slides}
    for content in sample_pack.slides[3:9]:
        notes = by_title[content.title].notes_slide.notes_text_frame.text
        assert notes == content.notes
        assert f"Latest: {content.value} ({content.value_label})" in notes
        for year, value in zip(content.data["year"], content.data["value"], strict=True):
            assert f"{year} {formats.format_measure(content.measure, value, precise=True)}" in notes
        assert DEFINITIONS[content.measure] in notes  # the exact definition
        assert content.verdict[2:] in notes
    summary = sample_deck.slides[1].notes_slide.notes_text_frame.text
    assert "Outcome 5, less in buildings, more outreach" in summary
    assert "22 points short of the 40% target for 2025/26" in summary
    glance = sample_deck.slides[2].notes_slide.notes_text_frame.text
    assert "Locality: Central; Services: 11;" in glance


# ---------------------------------------------------------------- no empty slides


def test_no_slide_is_empty_and_the_appendix_says_what_was_left_out():
    built = pack.build(people_portfolio(), produced=MADE)
    presentation = read(built)
    for slide in presentation.slides:
        words = shown_words(slide)
        assert "—" not in words  # no huge dash for a missing figure
        assert not any(text.startswith("No benchmark answers") for text in words[:3])
        assert slide.shapes.title.text != "No benchmark answers in this view"
        has_content = any(shape.has_table or shape.has_chart for shape in slide.shapes)
        assert has_content, slide.shapes.title.text
    left = {what for what, _ in built.left_out}
    assert "Where are you at? Benchmark" in left
    assert "Anticipated outcome 3: Funding sources" in left
    about = [s for s in presentation.slides if s.shapes.title.text == "What this pack is made from"]
    cells = [row for s in about for row in (r for r in s.shapes if r.has_table)]
    texts = [cell.text for shape in cells for row in shape.table.rows for cell in row.cells]
    assert "Left out: Where are you at? Benchmark" in texts


def test_a_view_with_no_services_is_a_short_pack_not_empty_slides():
    rows = [SERVICES_HEADER, service_row("A", "P1", "2024/25", "Voluntary", locality="North")]
    from dayserv.figures.filters import Filter

    built = pack.build(load_sheets({"Services": rows}), Filter(localities=("South",)))
    kinds = [slide.kind for slide in built.slides]
    assert "outcome" not in kinds and "glance" not in kinds
    assert kinds[:2] == ["title", "outcomes"]
    assert ("The portfolio at a glance", "No services in this view.") in built.left_out
    assert_laid_out(read(built))


# ---------------------------------------------------------------- plain words


def test_slides_use_plain_words_and_no_long_paragraphs(sample_deck):
    for slide in sample_deck.slides:
        for text in shown_words(slide):
            assert not any(word in text for word in INTERNAL), text
            assert "On track" not in text  # "Right direction": it promises no target
        for shape in slide.shapes:
            if not shape.has_text_frame or shape.name in ("Footer", "Slide number"):
                continue
            if not shape.text_frame.paragraphs[0].runs:
                continue
            size = shape.text_frame.paragraphs[0].runs[0].font.size.pt
            width = shape.width / EMU_PER_INCH - 0.2
            lines = deck_layout.lines_needed(shape.text_frame.text, width, size)
            # The title slide's summary is the one paragraph (summary.portfolio_summary).
            limit = 6 if shape.name == "Summary" else 3
            assert lines <= limit, (shape.name, shape.text_frame.text)


def test_the_diversity_chart_says_what_its_scale_means(sample_pack):
    slide = sample_pack.slides[3]
    assert slide.measure == "provider_diversity"
    figure = pack.figure(slide)
    assert figure.layout.yaxis.title.text == "0 = one sector, near 1 = many"
    definitions = sample_pack.slides[-1].table.set_index("Measure")["Definition"]
    assert definitions["Diversity of provider sectors"].endswith(
        "(0 = all one sector, near 1 = many sectors)."
    )
    assert "Gini" in sample_pack.slides[-1].notes  # the exact definition, for the presenter


# ---------------------------------------------------------------- titles


def test_a_long_heading_and_title_push_the_body_down(sample_pack):
    outcome, glance = sample_pack.slides[4], sample_pack.slides[2]
    long_title = "User-run share of services rose from 9% to 25% since 2022/23 " * 3
    long_heading = "PROPOSED — not decided · Proposed changes, plan 'A long name': " * 2
    built = replace(
        sample_pack,
        slides=[
            replace(outcome, title=long_title.strip(), heading=long_heading.strip()),
            replace(glance, title=long_title.strip(), heading=long_heading.strip()),
        ],
    )
    presentation = read(built)
    assert_laid_out(presentation)
    for slide in presentation.slides:
        title = slide.shapes.title
        heading = named(slide, "Heading")[0]
        assert heading.top + heading.height <= title.top
        lines = deck_layout.lines_needed(title.text_frame.text, deck_layout.CONTENT_WIDTH - 0.2, 28)
        assert lines == 3
        assert title.height / EMU_PER_INCH >= lines * 28 * deck_layout.LINE_SPACING / 72
        below = [s for s in slide.shapes if s.top > title.top and s.name not in ("Heading",)]
        body = [s for s in below if s.name not in ("Footer", "Slide number")]
        assert body
        assert min(s.top for s in body) >= title.top + title.height


# ---------------------------------------------------------------- direction and target


def found(measure="building_share", first=0.68, latest=0.62, years=("2022/23", "2025/26")):
    table = pd.DataFrame({measure: [first, latest]}, index=list(years))
    from dayserv.figures.measures import trend

    return trend(table, measure)


@pytest.mark.parametrize(
    ("trend", "target", "year", "expected"),
    [
        (found(), 0.40, "2025/26", "22 points short of the 40% target for 2025/26"),
        (found(), 0.65, "2025/26", "Target met"),
        # 2 points a year for 2 more years: 58% by 2027/28, 18 points short of 40%.
        (found(), 0.40, "2027/28", "At this pace, 18 points short of the 40% target for 2027/28"),
        (found(), 0.60, "2027/28", "At this pace, the 60% target for 2027/28 is met"),
        (found(), 0.56, None, "6 points short of the 56% target; at this pace, met by 2028/29"),
        (
            found(first=0.60, latest=0.62),
            0.40,
            "2025/26",
            "22 points short of the 40% target for 2025/26, and not moving towards it",
        ),
        (found(), None, None, ""),
        (
            found("hhi", 2000.0, 1800.0),
            1500.0,
            None,
            "300 short of the 1,500 target; at this pace, met by 2030/31",
        ),
        (
            found("providers", 18.0, 20.0),
            25.0,
            "2025/26",
            "5 providers short of the 25 target for 2025/26",
        ),
    ],
)
def test_the_target_is_said_with_the_pace_so_it_never_contradicts_the_direction(
    trend, target, year, expected
):
    # The pages' words too: the headline's target_text (the Overview's tiles, the outcome
    # pages, the plan) is this sentence.
    assert target_words(trend, target, year) == expected


def test_the_direction_of_travel_comes_from_the_pages_status():
    assert slide_words.direction_words(found()) == "✓ Right direction"
    assert found()["status"] == "on track"  # the pages' word, said as "Right direction"
    assert slide_words.direction_words(found(first=0.60, latest=0.62)) == "✗ Wrong direction"
    assert slide_words.direction_words(found(first=0.620, latest=0.621)) == "✗ Little change"
    one = found()
    one.update(status="no data", change=None, first=None, first_year=None)
    assert slide_words.direction_words(one) == "? Not enough data"


def test_an_outcome_slide_on_track_but_short_of_its_target_says_both_in_words(sample_deck):
    slide = sample_deck.slides[7]  # outcome 5: buildings fell, but 22 points short
    assert named(slide, "Direction of travel")[0].text_frame.text == "✓ Right direction"
    assert named(slide, "Target")[0].text_frame.text == (
        "22 points short of the 40% target for 2025/26"
    )

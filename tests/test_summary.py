"""dayserv.figures.summary: the portfolio in a short paragraph, on hand-made portfolios with
hand-worked figures and on the sample; the same paragraph on the Overview and the pack's
title slide, following the sidebar's filters."""

from __future__ import annotations

import html
import io
import re
from pathlib import Path

import pandas as pd
import pytest
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from dayserv import catalogue
from dayserv.figures import summary
from dayserv.figures.filters import Filter
from dayserv.figures.measures import yearly_measures
from dayserv.read import left_out
from dayserv.read.clean import empty_table, load
from dayserv.read.reader import Source, sources_from_paths
from dayserv.share import deck, pack, report
from tests.test_deck import assert_laid_out, named
from tests.test_pages import with_bad_row
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample_data" / "sample_portfolio.xlsx"
INTERNAL = ("Gini", "Simpson", "Herfindahl", "HHI", "seed 0", "Seed 0", "weighting", "pts")

# Three services of £10,000 each over two years, no Funding sheet:
# diversity of sectors 0.50 -> 0.67 (two sectors, then three): right direction;
# user-run 1 of 2 (50%) -> 1 of 3 (33%): wrong direction;
# vocational share 0% -> 20% (A's 60% of a third of the money): right direction, the biggest;
# building-based share 100% -> 83% (B half outreach): right direction;
# individual share 0% -> 0%: little change; funding from other sources: no Funding sheet.
ROWS = [
    SERVICES_HEADER,
    service_row("A", "P1", "2023/24", "NHS", "Yes"),
    service_row("B", "P2", "2023/24", "Voluntary", "No", locality="South"),
    service_row("A", "P1", "2024/25", "NHS", "Yes", social=40, vocational=60),
    service_row(
        "B", "P2", "2024/25", "Voluntary", "No", locality="South", building=50, outreach=50
    ),
    service_row("C", "P3", "2024/25", "Local authority", "No"),
]
# Vocational 20% for 2024/25 is met; user-run 60% is not, and moving away from it.
TARGETS = [["Outcome", "Target", "Year"], ["O4", "20%", "2024/25"], ["O2", "60%", "2025/26"]]
TARGETS_NONE = pd.DataFrame(columns=["outcome", "target", "year"])


def words(portfolio, chosen: Filter | None = None, area: str = "", targets=None) -> str:
    """The paragraph as the Overview and the pack make it."""
    chosen = chosen or Filter()
    tables = chosen.tables(portfolio.tables)
    return summary.portfolio_summary(
        yearly_measures(tables["services"], tables["funding"]),
        portfolio.tables["targets"] if targets is None else targets,
        tables["services"],
        area=area,
        chosen=chosen,
        left_out=left_out.left_out_of(portfolio, "services"),
    )


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.])\s+(?=[A-Z0-9])", text) if s]


@pytest.fixture(scope="module")
def moves():
    return load_sheets({"Services": ROWS, "Targets": TARGETS})


@pytest.fixture(scope="module")
def sample():
    return load(sources_from_paths([SAMPLE]))


def test_a_portfolio_that_moved_both_ways_with_targets(moves):
    assert words(moves, area="Westvale") == (
        "In 2024/25, Westvale has 3 day services from 3 providers; 1 of them (33%) is "
        "user-run. Since 2023/24, 3 of the 6 outcomes moved in the right direction; “More "
        "user-run services” moved in the wrong direction; “More individual support” showed "
        "little change; there is not enough data for “More funding from other sources”. The "
        "biggest change is in vocational share of activity, up from 0% to 20%. 1 of the 2 "
        "targets is met or in reach at this pace."
    )


def test_without_targets_or_an_area_it_says_the_portfolio_and_no_targets(moves):
    text = words(moves, targets=empty_table("targets"))
    assert text.startswith("In 2024/25, the portfolio has 3 day services")
    assert "target" not in text
    assert 3 <= len(sentences(text)) <= 5


def test_a_filter_is_said_and_the_figures_are_the_filtered_ones(moves):
    text = words(moves, Filter(localities=("North",)), area="Westvale")
    # North: A alone in 2023/24 (user-run), A and C in 2024/25 (1 of 2 user-run).
    assert text.startswith(
        "In 2024/25, Westvale has 2 day services from 2 providers (filtered to locality "
        "North); 1 of them (50%) is user-run."
    )
    assert text != words(moves, area="Westvale")


def test_one_year_only_says_there_is_no_change_yet(moves):
    text = words(moves, Filter(years=("2024/25", "2024/25")))
    assert text == (
        "In 2024/25, the portfolio has 3 day services from 3 providers (filtered to year "
        "2024/25); 1 of them (33%) is user-run. Only 2024/25 has figures, so there is no "
        "change to show yet. 1 of the 2 targets is met."
    )
    assert "biggest" not in text and "at this pace" not in text


def test_nothing_read_or_nothing_in_the_filter(moves):
    nothing = summary.portfolio_summary(yearly_measures(empty_table("services")), TARGETS_NONE)
    assert nothing == "No services could be read, so there are no figures."
    assert words(moves, Filter(localities=("Nowhere",))) == (
        "No services match the filters (locality Nowhere), so there are no figures."
    )


def test_rows_left_out_are_said_as_the_caption_counts_them():
    portfolio = load([Source("bad.xlsx", with_bad_row())])
    assert left_out.left_out_of(portfolio, "services") == 1
    text = words(portfolio)
    assert text.endswith(
        "1 row of the Services sheet could not be used and is left out of these figures."
    )


def test_the_sample_in_plain_words_with_the_packs_status_words(sample):
    text = words(sample, area="Eastbrook (sample)")
    assert text == (
        "In 2025/26, Eastbrook (sample) has 40 day services from 20 providers; 10 of them "
        "(25%) are user-run. Since 2022/23, 5 of the 6 outcomes moved in the right "
        "direction; “More individual support” moved in the wrong direction. The biggest "
        "change is in user-run share of services, up from 9% to 25%. None of the 5 targets "
        "is met or in reach at this pace."
    )
    assert 3 <= len(sentences(text)) <= 5
    assert not any(word in text for word in INTERNAL)
    for kind in ("on track", "wrong way"):
        assert catalogue.DIRECTION_WORDS[kind].lower() in text


def test_the_smaller_side_is_named_and_the_other_counted(sample):
    # User-run services alone: three outcomes moved the right way, three changed little.
    text = words(sample, Filter(user_run=("Yes",)))
    assert "; all of them are user-run." in text
    assert (
        "Since 2022/23, “More funding from other sources”, “More work and learning” and "
        "“Less in buildings, more outreach” moved in the right direction; the other 3 "
        "showed little change."
    ) in text


def test_targets_in_reach_counts_as_the_packs_outcomes_slide(sample, moves):
    assert summary.targets_in_reach(
        yearly_measures(sample.services, sample.funding), sample.tables["targets"]
    ) == (5, 0)
    table = yearly_measures(moves.services, moves.funding)
    assert summary.targets_in_reach(table, moves.tables["targets"]) == (2, 1)
    assert summary.targets_in_reach(table, TARGETS_NONE) == (0, 0)


def test_the_packs_title_slide_its_notes_and_report_say_the_same(sample):
    chosen = Filter(localities=("North",))
    built = pack.build(sample, chosen, area="Eastbrook (sample)")
    title = built.slides[0]
    assert title.text == words(sample, chosen, area="Eastbrook (sample)")
    assert "(filtered to locality North)" in title.text
    assert title.text in title.notes
    assert html.escape(title.text) in report.report_html(built)


# ---------------------------------------------------------------- the Overview


def overview_paragraph(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("In "))


def test_the_overview_shows_the_paragraph_and_it_follows_the_filter():
    at = AppTest.from_file(ROOT / "app.py", default_timeout=60).run()
    assert not at.exception
    shown = overview_paragraph(at)
    assert shown.startswith("In 2025/26, Eastbrook (sample) has 40 day services")
    assert "moved in the right direction" in shown and "filtered" not in shown
    locality = next(w for w in at.sidebar.multiselect if w.label == "Locality")
    locality.select("North").run()
    assert not at.exception
    filtered = overview_paragraph(at)
    assert filtered != shown
    assert "(filtered to locality North)" in filtered


def test_the_title_slide_holds_the_paragraph_whatever_the_filter(sample):
    # A long filter makes the paragraph seven lines at 24 pt: it is set smaller, never cut.
    chosen = Filter(localities=("North", "South"), sectors=("Voluntary", "NHS"))
    built = pack.build(sample, chosen, area="Eastbrook (sample)")
    presentation = Presentation(io.BytesIO(deck.deck_bytes(built)))
    assert_laid_out(presentation)
    paragraph = named(presentation.slides[0], "Summary")[0].text_frame
    assert paragraph.text == built.slides[0].text
    assert paragraph.paragraphs[0].runs[0].font.size.pt >= 18

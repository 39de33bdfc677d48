"""The meeting pack's slides: what a forum is shown, computed from the portfolio."""

from datetime import datetime
from pathlib import Path

import pandas as pd
import pytest

from dayserv import frameworks
from dayserv.figures import formats, outcomes, quality
from dayserv.figures.filters import Filter
from dayserv.figures.measures import trend, yearly_measures
from dayserv.figures.publication import Publication
from dayserv.read.clean import load
from dayserv.read.reader import sources_from_paths
from dayserv.share import pack
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

MADE = datetime(2026, 12, 3, 9, 0)

SAMPLE = Path(__file__).resolve().parent.parent / "sample_data" / "sample_portfolio.xlsx"


@pytest.fixture(scope="module")
def sample():
    return load(sources_from_paths([SAMPLE]))


def small_portfolio():
    """Two years; North supports 3 people, South 40."""
    header = [*SERVICES_HEADER, "People supported", "Places"]
    rows = [header]
    for year in ("2023/24", "2024/25"):
        rows.append([*service_row("Hope", "Mind", year, "Voluntary", locality="North"), 3, 10])
        rows.append([*service_row("Link", "Council", year, "LA", locality="South"), 40, 30])
        rows.append([*service_row("Path", "Peers", year, "User-led", "Yes", "South"), 25, 20])
    return load_sheets({"Services": rows})


def test_the_pack_has_a_slide_per_outcome_between_title_and_appendix(sample):
    slides = pack.build(sample).slides
    kinds = [slide.kind for slide in slides]
    assert kinds[:3] == ["title", "outcomes", "glance"]
    assert kinds[3:9] == ["outcome"] * 6
    assert kinds[9] == "benchmark"
    assert kinds[10:] == ["appendix", "appendix"]  # about this pack, the definitions
    for slide, outcome in zip(slides[3:9], frameworks.OUTCOMES, strict=True):
        assert slide.text == outcome.text  # the outcome in the checklist's words
        assert slide.measure == outcome.headline
        assert f"outcome {outcome.number}" in slide.heading


def test_an_outcome_slide_says_what_the_outcome_page_says(sample):
    slide = pack.build(sample).slides[4]  # outcome 2, user-run services
    table = yearly_measures(sample.services, sample.funding)
    expected = trend(table, "user_run_share")
    assert slide.title == formats.trend_finding(table, "user_run_share")
    assert slide.value == formats.format_measure("user_run_share", expected["latest"])
    assert slide.status == expected["status"]
    assert slide.data["value"].tolist() == pytest.approx(table["user_run_share"].tolist())
    assert slide.target_value == pytest.approx(0.30)
    assert slide.target == "5 points short of the 30% target for 2025/26"
    assert slide.verdict == "✓ Right direction"


def test_the_title_slide_names_portfolio_years_and_filters(sample):
    made = datetime(2026, 11, 25, 9, 0)
    built = pack.build(sample, Filter(localities=("North",)), produced=made)
    facts = dict(
        zip(built.slides[0].table.iloc[:, 0], built.slides[0].table.iloc[:, 1], strict=True)
    )
    assert "Source file" not in facts  # the file is in the footer and the appendix
    assert facts["Filters"] == "locality North"
    assert facts["Produced"] == "2026-11-25 09:00"
    assert facts["Services"].startswith("Showing ")
    assert built.slides[0].title == "Sample portfolio: where our day services stand"
    about = dict(built.slides[-2].table.itertuples(index=False, name=None))
    assert about["Source file"] == "sample_portfolio.xlsx"
    assert built.file_name("pptx").endswith("_locality-north.pptx")


def test_the_filter_narrows_every_slide(sample):
    everyone = pack.build(sample).slides[2].table
    north = pack.build(sample, Filter(localities=("North",))).slides[2].table
    assert north["Locality"].tolist()[:-1] == ["North"]
    assert int(north["Services"].iloc[-1]) < int(everyone["Services"].iloc[-1])


def test_tables_measures_coverage_and_left_out_given_make_the_pack_they_would_make(sample):
    # The Present page passes the filtered tables, measures, coverage and what the workbook
    # left out, which it already has.
    chosen = Filter(localities=("North",))
    tables = chosen.tables(sample.tables)
    given = pack.build(
        sample,
        chosen,
        produced=MADE,
        tables=tables,
        measures=yearly_measures(tables["services"], tables["funding"]),
        coverage=outcomes.year_coverage(tables["services"], tables["funding"]),
        left_out=quality.left_out_words(sample),
    )
    made = pack.build(sample, chosen, produced=MADE)
    assert given.provenance == made.provenance
    assert given.titles == made.titles
    for mine, theirs in zip(given.slides, made.slides, strict=True):
        assert (mine.value, mine.change, mine.status, mine.notes) == (
            theirs.value,
            theirs.change,
            theirs.status,
            theirs.notes,
        )
        if mine.table is not None:
            pd.testing.assert_frame_equal(mine.table, theirs.table)


def test_the_glance_table_adds_up():
    table = pack.glance(small_portfolio().services, Publication())
    assert table["Locality"].tolist() == ["North", "South", "All, 2024/25"]
    assert table["People supported"].tolist() == [3, 65, 68]
    assert table["Services"].tolist() == [1, 2, 3]


def test_publication_mode_hides_a_small_count_and_the_total_that_would_give_it_away():
    table = pack.glance(small_portfolio().services, Publication(on=True))
    assert table["People supported"].tolist() == ["<5", 65, "suppressed"]
    assert table["People per service"].tolist()[0] == "suppressed"
    assert table["People per service"].tolist()[2] == "suppressed"
    built = pack.build(small_portfolio(), publication=Publication(on=True))
    assert "<5" in built.slides[2].table["People supported"].tolist()
    assert "Publication mode" in built.provenance.line()


def test_a_portfolio_without_benchmark_or_funding_leaves_their_slides_out_and_says_why():
    built = pack.build(small_portfolio())
    kinds = [slide.kind for slide in built.slides]
    assert "benchmark" not in kinds
    headings = [slide.heading for slide in built.slides]
    assert "Anticipated outcome 3: Funding sources" not in headings
    assert dict(built.left_out) == {
        "Anticipated outcome 3: Funding sources": "No figures in this view. Add a Funding "
        "sheet: where each service's money comes from.",
        "Where are you at? Benchmark": "No benchmark answers in this view: add a Benchmark "
        "sheet (the 65 statements of Where are you at?) to see it.",
    }
    about = next(s for s in built.slides if s.heading == "Appendix: about this pack")
    facts = dict(about.table.itertuples(index=False, name=None))
    assert facts["Left out: Where are you at? Benchmark"].startswith("No benchmark answers")
    assert about.text.startswith("2 slides left out")
    assert "Left out, with nothing to show: Anticipated outcome 3" in built.slides[0].notes
    # The six outcomes' slide still has all six, the one without figures said in words.
    summary = built.slides[1]
    assert len(summary.table) == 6
    assert summary.table.iloc[2].tolist()[2:5] == [
        "No figures",
        "Not enough years",
        "? Not enough data",
    ]
    # No slide is drawn from nothing: every slide has a figure, a table or a chart.
    for slide in built.slides:
        assert slide.value != "—"
        assert not slide.table.empty or pack.figure(slide) is not None, slide.title


def test_the_benchmark_slide_gives_each_sections_median(sample):
    slide = pack.build(sample).slides[9]
    assert len(slide.data) == len(frameworks.SECTIONS)
    assert slide.data["score"].between(0, 100).all()
    assert "scores lowest" in slide.title
    assert pack.figure(slide).layout.title.text.startswith(slide.title.split(",")[0])


def test_every_outcome_slide_has_a_chart_titled_with_its_finding(sample):
    for slide in pack.build(sample).slides[3:9]:
        figure = pack.figure(slide)
        assert slide.title.split(" ")[0] in figure.layout.title.text


def test_the_appendix_lists_problems_and_definitions():
    problems = pd.DataFrame(
        {
            "severity": ["error", "warning", "warning", "note"],
            "sheet": ["Services"] * 4,
            "column": ["Year", "Sector", "Sector", ""],
            "problem": ["No year.", "Unknown sector.", "Unknown sector.", "Totals row."],
        }
    )
    summary = pack.problem_summary(problems)
    assert summary["Severity"].tolist() == ["error", "warning", "note"]
    assert summary["Rows"].tolist() == [1, 2, 1]
    slide = pack.quality_slide(problems)
    assert slide.title == "Data quality: 1 error, 2 warnings, 1 note"
    definitions = pack.definitions_slide(pd.DataFrame())
    assert "User-run share of services" in definitions.table["Measure"].tolist()

"""The Benchmark and Good practice figures, against figures worked out by hand.

The workbook below is small enough to score on paper (YD 3, YAB 2, NP 1, NAA 0; N/A and
blanks left out; a section's score is mean points / 3 as a percentage):

2024/25  A  section 1: Staff 1.1 YD 3, 1.2a YAB 2, 1.3 N/A, 1.4 blank;
            Service user 1.1 YAB 2, 1.2a YAB 2           -> 9 / 4 = 2.25 -> 75.0
            section 7: Staff 7.1 NAA 0, Service user NP 1 -> 0.5         -> 16.67
         B  section 1: Staff 1.1 YD 3                                    -> 100.0
            section 4: Staff 4.1 nine YD and one YAB (29), Service user YAB 2
                                                           -> 31 / 11    -> 93.94
            section 8: Staff 8.1 YD 3, Carer 8.1 YD 3                    -> 100.0
         C  (no respondent) section 1: 1.1 YD 3, 1.2a NAA 0 -> 1.5       -> 50.0
            section 4: 4.1 NP 1                                           -> 33.33
            section 8: 8.1 N/A only                                      -> no score
2023/24  A  section 1: Staff 1.1 YAB 2, 1.2a YAB 2, Service user 1.1 NP 1 -> 55.56

Perspectives, statement by statement (2024/25, all services pooled): 1.1 Staff 3.0 vs
Service user 2.0 (a point: for discussion); 7.1 Staff 0 vs Service user 1 (a point); 4.1
Staff 2.9 vs Service user 2.0 (0.9: not); 1.2a and 8.1 agree.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dayserv import frameworks
from dayserv.figures import benchmarking, comparisons, practice_ratings, slices
from dayserv.figures.measures import section_scores
from dayserv.figures.per_frame import whole_of
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

HEADER = ["Service", "Year", "Respondent", "Statement", "Response"]
YEAR = "2024/25"
S1, S4, S7, S8 = (benchmarking.section_label(n) for n in (1, 4, 7, 8))


def answers(service, year, respondent, pairs):
    return [[service, year, respondent, statement, response] for statement, response in pairs]


BENCHMARK = [
    HEADER,
    *answers(
        "A",
        YEAR,
        "Staff",
        [("1.1", "YD"), ("1.2a", "YAB"), ("1.3", "N/A"), ("1.4", None), ("7.1", "NAA")],
    ),
    *answers("A", YEAR, "Service user", [("1.1", "YAB"), ("1.2a", "YAB"), ("7.1", "NP")]),
    *answers("A", "2023/24", "Staff", [("1.1", "YAB"), ("1.2a", "YAB")]),
    *answers("A", "2023/24", "Service user", [("1.1", "NP")]),
    *answers(
        "B",
        YEAR,
        "Staff",
        [("4.1", "YD")] * 9 + [("4.1", "YAB"), ("1.1", "YD"), ("8.1", "YD")],
    ),
    *answers("B", YEAR, "Service user", [("4.1", "YAB")]),
    *answers("B", YEAR, "Carer", [("8.1", "YD")]),
    *answers("C", YEAR, None, [("1.1", "YD"), ("1.2a", "NAA"), ("4.1", "NP"), ("8.1", "N/A")]),
]
GOOD_PRACTICE = [
    ["Service", "Year", "Feature", "Rating", "Evidence"],
    ["A", YEAR, "A1", "Strong", "Self-referral by phone or walk-in."],
    ["A", YEAR, "A2", "Some", None],
    ["A", YEAR, "B", "None", "Counts attendance only."],
    ["B", YEAR, "A1", "Strong", None],
    ["B", YEAR, "A2", "Strong", None],
    ["B", YEAR, "A3", "Strong", "Classes at the college."],
    ["A", "2023/24", "A1", "Some", None],
]
SERVICES = [SERVICES_HEADER] + [
    service_row(s, f"P{s}", year, "NHS") for s in "ABC" for year in ("2023/24", YEAR)
]


@pytest.fixture(scope="module")
def portfolio():
    loaded = load_sheets(
        {"Services": SERVICES, "Benchmark": BENCHMARK, "GoodPractice": GOOD_PRACTICE}
    )
    assert loaded.problems.empty, loaded.problems
    return loaded


@pytest.fixture(scope="module")
def benchmark(portfolio):
    return portfolio.benchmark


@pytest.fixture(scope="module")
def this_year(benchmark):
    return slices.in_year(benchmark, YEAR)


# ---------------------------------------------------------------- words and years


def test_labels_and_words():
    assert benchmarking.section_label(7) == "7 Users Leading and Providing Services"
    assert benchmarking.section_words(7) == "section 7, Users Leading and Providing Services"
    assert len(benchmarking.SECTION_LABELS) == 8
    assert benchmarking.statement_label("4.2") == "4.2 Our service provides drop-in"
    long = benchmarking.statement_label("7.12")
    assert long.startswith("7.12 We support") and long.endswith("…") and len(long) <= 40
    assert practice_ratings.feature_label("A1") == "A1 Open to a wide range of people"
    # Shortened at a word, never inside "under-represented".
    assert practice_ratings.FEATURE_AXIS_LABELS["A5"] == "A5 Engaging with under-represented and…"
    assert "YD** Yes Definitely (3 points)" in benchmarking.response_key()
    assert "N/A** Not Appropriate (left out of the scores)" in benchmarking.response_key()


def test_years_sections_services_and_respondents(benchmark, this_year):
    assert slices.years_of(benchmark) == ["2023/24", YEAR]
    assert len(this_year) == 26 and set(this_year["year"].astype(str)) == {YEAR}
    assert slices.in_year(benchmark, None) is benchmark
    assert benchmarking.sections_of(this_year) == [1, 4, 7, 8]
    assert slices.services_of(this_year) == ["A", "B", "C"]
    assert len(slices.for_service(this_year, "C")) == 4
    assert benchmarking.has_respondents(this_year)
    assert not benchmarking.has_respondents(slices.for_service(this_year, "C"))


# ---------------------------------------------------------------- section scores


def test_score_matrix_by_hand(benchmark):
    matrix = benchmarking.score_matrix(benchmark, YEAR).set_index("service")
    assert list(matrix.columns) == ["year", *benchmarking.SECTION_LABELS, benchmarking.OVERALL]
    assert matrix.loc["A", S1] == 75.0
    assert matrix.loc["A", S7] == pytest.approx(16.7)
    assert matrix.loc["B", S4] == pytest.approx(93.9)
    assert matrix.loc["B", S8] == 100.0
    assert matrix.loc["C", S1] == 50.0 and matrix.loc["C", S4] == pytest.approx(33.3)
    # N/A only: no score, not zero.
    assert pd.isna(matrix.loc["C", S8]) and pd.isna(matrix.loc["A", S4])
    # Overall: the mean of the section scores, each section once.
    assert matrix.loc["A", benchmarking.OVERALL] == pytest.approx((75 + 50 / 3) / 2, abs=0.05)
    assert matrix.loc["B", benchmarking.OVERALL] == pytest.approx(
        (100 + 3100 / 33 + 100) / 3, abs=0.05
    )
    assert matrix.loc["C", benchmarking.OVERALL] == pytest.approx((50 + 100 / 3) / 2, abs=0.05)


def test_score_matrix_sorts_and_defaults_to_the_latest_year(benchmark):
    assert benchmarking.score_matrix(benchmark)["service"].tolist() == ["B", "A", "C"]  # by Overall
    assert benchmarking.score_matrix(benchmark, YEAR, S1)["service"].tolist() == ["B", "A", "C"]
    # Services without a score in the section go last, by name.
    assert benchmarking.score_matrix(benchmark, YEAR, S7)["service"].tolist() == ["A", "B", "C"]
    earlier = benchmarking.score_matrix(benchmark, "2023/24")
    assert earlier["service"].tolist() == ["A"]
    assert earlier[S1].iloc[0] == pytest.approx(55.6)


def test_score_matrix_equals_section_scores(benchmark):
    matrix = benchmarking.score_matrix(benchmark, YEAR).set_index("service")
    for row in section_scores(slices.in_year(benchmark, YEAR)).itertuples():
        assert matrix.loc[row.service, benchmarking.section_label(row.section)] == pytest.approx(
            row.score, abs=0.05
        )


def test_score_finding_names_the_lowest_median(benchmark):
    matrix = benchmarking.score_matrix(benchmark, YEAR)
    assert benchmarking.section_medians(matrix)[S1] == 75.0
    assert benchmarking.score_finding(matrix) == (
        "Section 7, Users Leading and Providing Services, scores lowest: median 17 of 100 (2024/25)"
    )
    one = benchmarking.score_matrix(benchmark, "2023/24")
    assert (
        benchmarking.score_finding(one)
        == "Section 1, Recovery, scores lowest for A: 56 of 100 (2023/24)"
    )


def test_top_and_bottom():
    frame = pd.DataFrame({"service": [f"S{i:02d}" for i in range(70)]})
    shown, left_out = benchmarking.top_and_bottom(frame, 30)
    assert left_out == 10 and len(shown) == 60
    assert shown["service"].iloc[29] == "S29" and shown["service"].iloc[30] == "S40"
    small, none_left = benchmarking.top_and_bottom(frame.head(60), 30)
    assert none_left == 0 and len(small) == 60


def test_empty_benchmark_gives_empty_tables():
    empty = load_sheets({"Services": SERVICES}).benchmark
    assert benchmarking.score_matrix(empty).empty
    assert benchmarking.response_distribution(empty).empty
    assert benchmarking.gaps(empty).empty
    assert benchmarking.coverage(empty).empty
    assert comparisons.perspectives(empty).empty
    assert comparisons.discussion_flags(empty).empty


# ---------------------------------------------------------------- answers


def test_response_distribution_by_section_keeps_na_and_blanks_apart(this_year):
    table = benchmarking.response_distribution(this_year)
    assert list(table.columns) == [
        "section",
        "label",
        "response",
        "response_words",
        "count",
        "share",
    ]
    one = table.loc[table["section"].eq(1)].set_index("response")
    assert list(one.index) == ["YD", "YAB", "NP", "NAA", "N/A", "Blank"]
    assert one["count"].tolist() == [3, 3, 0, 1, 1, 1]
    assert one.loc["YD", "share"] == pytest.approx(3 / 9)
    assert one.loc["N/A", "share"] == pytest.approx(1 / 9)
    assert one.loc["Blank", "share"] == pytest.approx(1 / 9)
    assert one["share"].sum() == pytest.approx(1)
    assert one.loc["Blank", "response_words"] == "Left blank"
    four = table.loc[table["section"].eq(4)].set_index("response")["count"]
    assert four.tolist() == [9, 2, 1, 0, 0, 0]
    assert table["section"].unique().tolist() == [1, 4, 7, 8]
    assert benchmarking.worst_section(table) == 7
    assert benchmarking.distribution_finding(table) == (
        "Section 7, Users Leading and Providing Services, has the most 'not particularly' or "
        "'not at all' answers: 100% of answers"
    )


def test_response_distribution_by_statement(this_year):
    table = benchmarking.response_distribution(this_year, by="statement", section=1)
    assert table["statement"].unique().tolist() == ["1.1", "1.2a", "1.3", "1.4"]
    counts = table.set_index(["statement", "response"])["count"]
    assert counts.loc[("1.1", "YD")] == 3 and counts.loc[("1.1", "YAB")] == 1
    assert counts.loc[("1.2a", "NAA")] == 1 and counts.loc[("1.3", "N/A")] == 1
    assert counts.loc[("1.4", "Blank")] == 1
    assert table["text"].iloc[0] == frameworks.STATEMENTS[0].text
    assert benchmarking.distribution_finding(table) == (
        "Statement 1.2a has the most 'not particularly' or 'not at all' answers in section 1: "
        "33% of answers"
    )
    with pytest.raises(ValueError):
        benchmarking.response_distribution(this_year, by="service")


def test_statements_in_seed_order_not_text_order():
    rows = pd.DataFrame(
        {
            "service": "X",
            "year": YEAR,
            "respondent": None,
            "statement": ["2.10", "2.9", "2.1"],
            "section": 2,
            "response": ["YD", "YD", "YD"],
            "points": 3.0,
        }
    )
    table = benchmarking.response_distribution(rows, by="statement")
    assert table["statement"].unique().tolist() == ["2.1", "2.9", "2.10"]


def test_gaps_by_hand(this_year):
    table = benchmarking.gaps(this_year, top=10)
    assert table["statement"].tolist() == ["7.1", "1.2a", "4.1"]
    first = table.iloc[0]
    assert (first["gap_answers"], first["answers"], first["services"]) == (2, 2, 1)
    assert first["share"] == 1.0 and first["section"] == 7
    assert first["text"] == benchmarking.statement_text("7.1")
    assert table.set_index("statement").loc["4.1", "share"] == pytest.approx(1 / 12)
    assert benchmarking.gaps(this_year, top=2)["statement"].tolist() == ["7.1", "1.2a"]
    assert benchmarking.gaps_finding(table) == (
        "Statement 7.1 is most often answered 'not particularly' or 'not at all': "
        "2 answers (100%) from 1 service"
    )


def test_gap_services_by_hand(this_year):
    table = benchmarking.gap_services(this_year, "7.1")
    assert table.to_dict("records") == [
        {
            "service": "A",
            "year": YEAR,
            "not_particularly": 1,
            "not_at_all": 1,
            "answers": 2,
            "respondents": "Service user, Staff",
        }
    ]
    unnamed = benchmarking.gap_services(this_year, "4.1")
    assert unnamed["service"].tolist() == ["C"] and unnamed["respondents"].tolist() == [""]
    assert benchmarking.gap_services(this_year, "1.1").empty


# ---------------------------------------------------------------- perspectives


def test_perspectives_by_section(this_year):
    views = comparisons.perspectives(this_year)
    one = views.loc[views["section"].eq(1)].set_index("respondent")
    assert list(one.index) == ["Service user", "Staff"]  # C has no respondent: left out
    assert one.loc["Staff", "mean_points"] == pytest.approx(8 / 3)
    assert one.loc["Staff", "answers"] == 3
    assert one.loc["Staff", "score"] == pytest.approx(800 / 9)
    assert one.loc["Service user", "mean_points"] == 2.0
    eight = views.loc[views["section"].eq(8), "respondent"].tolist()
    assert eight == ["Staff", "Carer"]
    assert comparisons.perspective_finding(views) == (
        "Service users and staff differ most on section 7, Users Leading and Providing "
        "Services: 33 vs 0"
    )


def test_perspectives_by_statement(this_year):
    views = comparisons.perspectives(this_year, by="statement").set_index(
        ["statement", "respondent"]
    )
    assert views.loc[("4.1", "Staff"), "mean_points"] == pytest.approx(2.9)
    assert views.loc[("4.1", "Staff"), "answers"] == 10
    assert views.loc[("1.1", "Staff"), "text"] == benchmarking.statement_text("1.1")


def test_a_point_apart_is_for_discussion_and_nine_tenths_is_not(this_year):
    flags = comparisons.discussion_flags(this_year)
    assert flags["statement"].tolist() == ["1.1", "7.1"]
    assert list(flags.columns) == [
        "statement",
        "difference",
        "highest",
        "lowest",
        "Service user",
        "Staff",
        "Carer",
        "section",
        "text",
    ]
    first = flags.iloc[0]
    assert (first["highest"], first["lowest"], first["difference"]) == ("Staff", "Service user", 1)
    assert (first["Staff"], first["Service user"]) == (3.0, 2.0) and pd.isna(first["Carer"])
    assert flags.iloc[1][["highest", "lowest"]].tolist() == ["Service user", "Staff"]
    everything = comparisons.discussion_flags(this_year, threshold=0)
    assert everything["statement"].tolist() == ["1.1", "7.1", "4.1", "1.2a", "8.1"]
    assert everything.set_index("statement").loc["4.1", "difference"] == pytest.approx(0.9)
    assert comparisons.discussion_flags(this_year, threshold=0.9)["statement"].tolist() == [
        "1.1",
        "7.1",
        "4.1",
    ]
    assert comparisons.flags_heading(flags) == "2 statements for discussion"
    assert comparisons.flags_heading(flags.head(0)).startswith("No statement for discussion")


def test_one_group_or_no_respondents_flags_nothing(this_year):
    assert comparisons.discussion_flags(slices.for_service(this_year, "C")).empty
    staff = this_year.loc[this_year["respondent"].eq("Staff").to_numpy(bool)]
    assert comparisons.discussion_flags(staff).empty
    assert (
        comparisons.perspective_finding(comparisons.perspectives(staff))
        == "Only one group of respondents answered"
    )


# ---------------------------------------------------------------- peers and change


def test_quartiles_and_positions_by_hand():
    scores = pd.DataFrame(
        {
            "year": YEAR,
            "service": ["W", "X", "Y", "Z"],
            "section": 1,
            "score": [10.0, 20.0, 30.0, 40.0],
        }
    )
    peers = comparisons.peer_comparison(scores).set_index("service")
    # Linear interpolation (Excel's QUARTILE.INC): Q1 = 10 + 0.75 * 10, Q3 = 30 + 0.25 * 10.
    assert peers["q1"].unique().tolist() == [17.5]
    assert peers["median"].unique().tolist() == [25.0]
    assert peers["q3"].unique().tolist() == [32.5]
    assert peers["peers"].unique().tolist() == [4]
    assert peers["position"].to_dict() == {
        "W": "below lower quartile",
        "X": "middle half",
        "Y": "middle half",
        "Z": "above upper quartile",
    }


def test_peer_comparison_on_the_workbook(benchmark):
    peers = comparisons.peer_comparison(section_scores(benchmark))
    one = peers.loc[peers["year"].eq(YEAR) & peers["section"].eq(1)].set_index("service")
    assert one["median"].iloc[0] == 75.0
    assert (one["q1"].iloc[0], one["q3"].iloc[0]) == (62.5, 87.5)
    assert one["position"].to_dict() == {
        "A": "middle half",
        "B": "above upper quartile",
        "C": "below lower quartile",
    }
    # A service alone in a section is its own median: neither above nor below.
    seven = peers.loc[peers["year"].eq(YEAR) & peers["section"].eq(7)]
    assert seven["position"].tolist() == ["middle half"] and seven["peers"].tolist() == [1]


def test_change_since_the_previous_year(benchmark):
    changes = comparisons.score_changes(section_scores(benchmark)).set_index(
        ["year", "service", "section"]
    )
    a1 = changes.loc[(YEAR, "A", 1)]
    assert a1["previous_year"] == "2023/24"
    assert a1["previous_score"] == pytest.approx(500 / 9)
    assert a1["change"] == pytest.approx(75 - 500 / 9)
    assert pd.isna(changes.loc[(YEAR, "B", 1), "change"])
    assert pd.isna(changes.loc[("2023/24", "A", 1), "previous_year"])


def test_change_skips_a_year_the_service_did_not_answer():
    scores = pd.DataFrame(
        {
            "year": ["2022/23", "2024/25"],
            "service": "X",
            "section": 3,
            "score": [50.0, 60.0],
        }
    )
    latest = comparisons.score_changes(scores).iloc[-1]
    assert (latest["previous_year"], latest["change"]) == ("2022/23", 10.0)


def test_peer_table_and_its_words(benchmark):
    table = comparisons.peer_table(section_scores(benchmark), YEAR)
    a1 = table.set_index(["service", "section"]).loc[("A", 1)]
    assert a1["position"] == "middle half" and a1["change"] == pytest.approx(75 - 500 / 9)
    assert set(table["year"]) == {YEAR}
    assert comparisons.peer_finding(table, "B") == (
        "B scores above the upper quartile in 2 sections (2024/25)"
    )
    assert (
        comparisons.peer_finding(table, "C") == "C scores below the lower quartile in 2 (2024/25)"
    )
    assert comparisons.peer_finding(table, "A") == (
        "A is in the middle half of services in every section (2024/25)"
    )
    assert comparisons.change_words(table, "A") == (
        "Since 2023/24: up in 1 section, down in 0 (largest rise: section 1, Recovery, +19.4)."
    )
    assert comparisons.change_words(table, "B") == "B has no earlier benchmark to compare with."
    shown = benchmarking.for_display(table)
    assert shown.set_index(["service", "section"]).loc[("B", 4), "score"] == 93.9


# ---------------------------------------------------------------- coverage


def test_coverage_counts_statements_answered_na_and_blank(this_year):
    table = benchmarking.coverage(this_year).set_index("service")
    assert table.loc["A", ["answered", "not_appropriate", "blank"]].tolist() == [3, 1, 61]
    assert table.loc["B", ["answered", "not_appropriate", "blank"]].tolist() == [3, 0, 62]
    assert table.loc["C", ["answered", "not_appropriate", "blank"]].tolist() == [3, 1, 61]
    assert table.loc["A", "answered_share"] == pytest.approx(3 / 65)
    assert benchmarking.coverage_words(benchmarking.coverage(this_year)).startswith(
        "0 of 3 services answered all 65 statements; 3 left 5 or more blank; 2 marked"
    )


def test_a_statement_someone_scored_is_answered_even_if_another_said_na():
    rows = pd.DataFrame(
        {
            "service": "X",
            "year": YEAR,
            "respondent": ["Staff", "Carer"],
            "statement": ["1.1", "1.1"],
            "section": 1,
            "response": ["N/A", "YD"],
            "points": [float("nan"), 3.0],
        }
    )
    table = benchmarking.coverage(rows)
    assert table[["answered", "not_appropriate", "blank"]].iloc[0].tolist() == [1, 0, 64]


# ---------------------------------------------------------------- good practice


def test_practice_grid_by_hand(portfolio):
    grid = practice_ratings.practice_grid(portfolio.tables["good_practice"])
    assert list(grid.columns) == [
        "service",
        "year",
        "feature",
        "rating",
        "evidence",
        "feature_text",
    ]
    assert len(grid) == 16 and set(grid["year"]) == {YEAR}
    assert grid["service"].unique().tolist() == ["B", "A"]  # most Strong first
    assert grid["feature"].unique().tolist() == ["A1", "A2", "A3", "A4", "A5", "A6", "A7", "B"]
    cells = grid.set_index(["service", "feature"])
    assert cells.loc[("A", "A1"), "rating"] == "Strong"
    assert cells.loc[("A", "A1"), "evidence"] == "Self-referral by phone or walk-in."
    assert cells.loc[("A", "A3"), "rating"] == practice_ratings.NOT_RATED
    assert cells.loc[("A", "B"), "rating"] == "None"
    assert cells.loc[("B", "A3"), "feature_text"] == frameworks.FEATURES[2].text
    assert (
        practice_ratings.grid_finding(grid)
        == "B is rated Strong on most features: 3 of 8 (2024/25)"
    )
    earlier = practice_ratings.practice_grid(portfolio.tables["good_practice"], "2023/24")
    assert earlier.set_index("feature").loc["A1", "rating"] == "Some"


def test_practice_counts_by_hand(portfolio):
    grid = practice_ratings.practice_grid(portfolio.tables["good_practice"])
    counts = practice_ratings.practice_counts(grid)
    table = counts.set_index(["feature", "rating"])["services"]
    assert table.loc[("A1", "Strong")] == 2 and table.loc[("A1", "Some")] == 0
    assert table.loc[("A2", "Strong")] == 1 and table.loc[("A2", "Some")] == 1
    assert table.loc[("A3", practice_ratings.NOT_RATED)] == 1
    assert ("A1", practice_ratings.NOT_RATED) not in table.index  # everyone rated A1
    assert counts.set_index(["feature", "rating"]).loc[("A2", "Some"), "share"] == 0.5
    assert practice_ratings.feature_summary(counts, "A2") == "Strong 1 · Some 1 · None 0"
    assert practice_ratings.practice_finding(counts) == (
        "A4, Person Centred, Individually tailored support, is rated Strong least often: "
        "0 of 2 services"
    )
    notes = practice_ratings.feature_notes(grid, "A1")
    assert notes["service"].tolist() == ["A", "B"] and notes["evidence"].iloc[0] != ""
    # Every feature's notes from one sort: each as its own rows sorted on their own.
    for feature, given in practice_ratings.every_feature_notes(grid).items():
        rows = grid.loc[grid["feature"].eq(feature), ["service", "rating", "evidence"]]
        noted = rows["evidence"].astype(str).str.strip().ne("")
        alone = rows.iloc[np.argsort(~noted.to_numpy(), kind="stable")].reset_index(drop=True)
        pd.testing.assert_frame_equal(given, alone)
    assert practice_ratings.feature_notes(grid, "no such feature").empty


def test_bullet_list():
    assert (
        practice_ratings.bullet_list("Indicators", ["One", "Two"])
        == "**Indicators**\n\n- One\n- Two"
    )
    assert "lists none" in practice_ratings.bullet_list("Indicators", ())


# ---------------------------------------------------------------- scale


def test_a_large_benchmark_is_handled_without_python_loops():
    """20,000 service-years would be 1.3 million rows; 2,000 here keeps the test quick."""
    n = 2000
    ids = list(frameworks.STATEMENT_IDS)
    codes = ["YD", "YAB", "NP", "NAA", "N/A"]
    points = {"YD": 3.0, "YAB": 2.0, "NP": 1.0, "NAA": 0.0}
    response = [codes[(i * 7) % 5] for i in range(n * len(ids))]
    rows = pd.DataFrame(
        {
            "service": pd.Categorical([f"S{i // 2:04d}" for i in range(n) for _ in ids]),
            "year": pd.Categorical([("2023/24", YEAR)[i % 2] for i in range(n) for _ in ids]),
            "respondent": pd.Categorical(
                [("Staff", "Service user")[i % 2] for i in range(n * len(ids))]
            ),
            "statement": pd.Categorical(ids * n, categories=ids),
            "section": [frameworks.statement_section(s) for s in ids] * n,
            "response": pd.Categorical(response, categories=codes),
            "points": [points.get(r, float("nan")) for r in response],
        }
    )
    matrix = benchmarking.score_matrix(rows, YEAR)
    assert len(matrix) == 1000
    assert benchmarking.coverage(slices.in_year(rows, YEAR))["answered"].between(0, 65).all()
    assert len(benchmarking.gaps(rows)) == 10


def test_a_filters_scores_cut_from_the_portfolios_are_its_own():
    """The benchmark's answers a filter keeps (whole service-years) take the portfolio's
    score matrix of the year, cut to their services: the same as scored afresh."""
    from dayserv.figures.filters import Filter
    from dayserv.synthetic import big_portfolio

    sheets = {name: [list(frame), *frame.to_numpy().tolist()]
              for name, frame in big_portfolio(300).items()}  # fmt: skip
    portfolio = load_sheets(sheets)
    services = portfolio.tables["services"]
    for chosen in (
        Filter(localities=(services["locality"].dropna().iloc[0],)),
        Filter(years=("2023/24", "2024/25")),
        Filter(sectors=(services["sector"].dropna().iloc[-1],)),
    ):
        kept = chosen.tables(portfolio.tables)["benchmark"]
        assert whole_of(kept) is portfolio.tables["benchmark"] and len(kept)
        afresh = kept.copy()  # not known as cut from the portfolio's: scored on its own
        for year in (None, "2023/24", "2025/26"):
            for sort_by in (benchmarking.OVERALL, benchmarking.SECTION_LABELS[2]):
                pd.testing.assert_frame_equal(
                    benchmarking.score_matrix(kept, year, sort_by),
                    benchmarking.score_matrix(afresh, year, sort_by),
                )

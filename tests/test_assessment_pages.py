"""The Benchmark and Good practice pages as a user meets them: on the sample, on uploads
without the optional sheets, narrowed by the sidebar's filter, and showing the same section
scores as the command line."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dayserv import frameworks
from dayserv.__main__ import main
from dayserv.app import state
from dayserv.app.state import SAMPLE_PATH
from dayserv.figures import benchmarking, practice_ratings, slices
from tests.test_outcome_pages import open_page
from tests.test_pages import open_tab, through_tabs, two_years
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

BENCHMARK = "pages/benchmark.py"
GOOD_PRACTICE = "pages/good_practice.py"


def texts(elements) -> str:
    return "\n".join(str(element.value) for element in elements)


def chart_titles(at) -> list[str]:
    """Each chart's title as one line (the charts wrap long titles with <br>)."""
    return [
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for c in at.get("plotly_chart")
    ]


def table_with(at, column: str) -> pd.DataFrame:
    return next(frame.value for frame in at.dataframe if column in frame.value.columns)


def without_respondents() -> bytes:
    return xlsx(
        {
            "Services": [
                SERVICES_HEADER,
                service_row("Alpha", "Peer Co", "2024/25", "User-led", "Yes"),
                service_row("Beta", "Trust", "2024/25", "NHS"),
            ],
            "Benchmark": [
                ["Service", "Year", "Statement", "Response"],
                ["Alpha", "2024/25", "1.1", "YD"],
                ["Alpha", "2024/25", "7.1", "NAA"],
                ["Beta", "2024/25", "1.1", "NP"],
                ["Beta", "2024/25", "7.1", "N/A"],
            ],
        }
    )


# ---------------------------------------------------------------- benchmark


def test_benchmark_page_on_the_sample():
    at = open_page(BENCHMARK)
    assert at.title[0].value == "Where are you at? Benchmark"
    text = texts(at.markdown)
    assert "honest reflection and discussion" in text
    assert "**NAA** Not At All (0 points)" in text
    assert [tab.label for tab in at.tabs] == [
        "Section scores",
        "Answers",
        "Gaps",
        "Perspectives",
        "Peers and change",
        "Coverage",
    ]
    titles = chart_titles(at)
    assert len(titles) == 1 and "scores lowest: median" in titles[0]  # only the open tab
    titles, subheaders, tables, downloads = [], [], 0, 0
    for _, shown in through_tabs(at, "benchmark_tab"):
        titles += chart_titles(shown)
        subheaders += [s.value for s in shown.subheader]
        tables += len(shown.dataframe)
        buttons = shown.get("download_button")
        downloads += len([b for b in buttons if b.label.startswith("Download this table")])
        # The sidebar survives the page switch and every tab, filters included.
        assert len(shown.sidebar.multiselect) == 5 and len(shown.sidebar.file_uploader) == 1
    assert len(titles) == 6
    assert any("for discussion" in s for s in subheaders)
    assert tables >= 6 and downloads == tables


def test_benchmark_page_scores_equal_the_command_line_for_the_same_filter(capsys):
    at = open_page(BENCHMARK, locality="South")
    scores = table_with(at, benchmarking.OVERALL)
    assert main(["measures", str(SAMPLE_PATH), "--json", "--locality", "South"]) == 0
    cli = json.loads(capsys.readouterr().out)["benchmark"]
    latest = max(cli)
    assert at.selectbox(key="benchmark_year").value == latest
    assert set(scores["Service"]) == set(cli[latest])
    # Service, Year, then the 8 sections in order; the page rounds to 1 decimal, the CLI to 2.
    sections = scores.set_index("Service").iloc[:, 1:9]
    for service, row in sections.iterrows():
        for number, shown in enumerate(row, start=1):
            expected = cli[latest][service][str(number)]
            if expected is None:
                assert pd.isna(shown), (service, number)
            else:
                assert shown == pytest.approx(expected, abs=0.051), (service, number)


def test_benchmark_page_follows_the_shared_filter():
    at = open_page(BENCHMARK, locality="North")
    assert "(locality North)" in texts(at.caption)
    sample = state.sample_portfolio()
    year = at.selectbox(key="benchmark_year").value
    north = sample.services.loc[
        sample.services["locality"].eq("North") & sample.services["year"].eq(year), "service"
    ]
    answered = slices.in_year(sample.benchmark, year)["service"].astype(str)
    expected = set(north) & set(answered)
    shown = set(table_with(at, benchmarking.OVERALL)["Service"])
    assert shown == expected and len(shown) < answered.nunique()


def test_benchmark_page_says_which_sheet_would_switch_it_on():
    at = open_page(BENCHMARK, upload=two_years())
    assert "Eastbrook" not in texts(at.info)
    assert any("Add a Benchmark sheet" in i.value and "template" in i.value for i in at.info)
    assert not at.get("plotly_chart") and not at.dataframe


def test_benchmark_page_without_respondents_says_so():
    at = open_page(BENCHMARK, upload=without_respondents())
    views = open_tab(at, "benchmark_tab", "Perspectives")
    assert any("does not say who answered" in i.value for i in views.info)
    open_tab(at, "benchmark_tab", "Section scores")
    scores = table_with(at, benchmarking.OVERALL).set_index("Service")
    assert scores.loc["Alpha", benchmarking.OVERALL] == 50.0  # (100 + 0) / 2
    assert scores.iloc[:, 1].tolist() == [100.0, 33.3]  # section 1: Alpha YD 3, Beta NP 1
    charts = sum(len(shown.get("plotly_chart")) for _, shown in through_tabs(at, "benchmark_tab"))
    assert charts == 5  # every chart but the perspectives


def test_benchmark_page_sorts_services_by_a_section():
    at = open_page(BENCHMARK)
    at.selectbox(key="benchmark_sort").select(benchmarking.section_label(7))
    at.run()
    scores = table_with(at, benchmarking.OVERALL)
    section7 = scores.iloc[:, 8]
    assert section7.dropna().is_monotonic_decreasing


# ---------------------------------------------------------------- good practice


def test_good_practice_page_on_the_sample():
    at = open_page(GOOD_PRACTICE)
    text = texts(at.markdown)
    assert "help bring some objectivity" in text
    for feature in frameworks.FEATURES:  # the guide's words, verbatim, beside each feature
        for words in (*feature.indicators, *feature.provider_questions, *feature.user_questions):
            assert words in text
    labels = [e.label for e in at.expander]
    assert sum(label.startswith("**A") or label.startswith("**B") for label in labels) == 8
    titles = chart_titles(at)
    assert len(titles) == 2 and "rated Strong" in titles[0]
    grid = table_with(at, "Evidence")
    assert set(grid["Rating"]) <= {"Strong", "Some", "None", practice_ratings.NOT_RATED}
    downloads = [b for b in at.get("download_button") if b.label.startswith("Download this table")]
    assert len(downloads) == len(at.dataframe) >= 10


def test_good_practice_page_follows_the_shared_filter():
    at = open_page(GOOD_PRACTICE, locality="North")
    sample = state.sample_portfolio()
    north = set(sample.services.loc[sample.services["locality"].eq("North"), "service"])
    shown = set(table_with(at, "Evidence")["Service"])
    assert shown and shown <= north
    assert shown < set(sample.tables["good_practice"]["service"])


def test_good_practice_page_says_which_sheet_would_switch_it_on():
    at = open_page(GOOD_PRACTICE, upload=two_years())
    assert any("Add a GoodPractice sheet" in i.value for i in at.info)
    assert not at.get("plotly_chart") and not at.dataframe

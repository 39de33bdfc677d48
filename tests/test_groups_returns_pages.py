"""The Diverse groups and Performance returns pages as a user meets them: on the sample, on
an upload with hand-counted figures, and on an upload without the column or sheet they need
(where they say what would switch them on)."""

from __future__ import annotations

import json

from dayserv import frameworks
from tests.test_outcome_pages import open_page
from tests.test_pages import two_years
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

GROUPS_PAGE = "pages/diverse_groups.py"
RETURNS_PAGE = "pages/performance.py"


def chart_titles(at) -> list[str]:
    return [
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for c in at.get("plotly_chart")
    ]


def with_groups_and_returns() -> bytes:
    """2024/25: Alpha (North) serves Women and LGBT+, Beta (North) Women, Gamma (South) none;
    Peer Co returned R1 (80) and Trust R1 (90) in Q1, nothing else."""
    header = [*SERVICES_HEADER, "Groups served"]
    return xlsx(
        {
            "Services": [
                header,
                [*service_row("Alpha", "Peer Co", "2024/25", "User-led", "Yes"), "Women; LGBT+"],
                [*service_row("Beta", "Trust", "2024/25", "NHS"), "Women"],
                [*service_row("Gamma", "Care Ltd", "2024/25", "Independent", locality="South")],
            ],
            "KPIs": [
                ["Provider", "Year", "Quarter", "KPI", "Value"],
                ["Peer Co", "2024/25", "Q1", "R1", 80],
                ["Trust", "2024/25", "Q1", "R1", 90],
            ],
        }
    )


def test_diverse_groups_on_the_sample():
    at = open_page(GROUPS_PAGE)
    assert at.title[0].value == "Diverse groups"
    text = "\n".join(m.value for m in at.markdown)
    assert frameworks.heading("P6").text in text
    for question in frameworks.key_questions_for("P6"):
        assert question.text in text
    titles = chart_titles(at)
    assert len(titles) == 2 and "2025/26" in titles[0] and "lack a service" in titles[0]
    assert at.selectbox(key="groups_year").value == "2025/26"
    assert any(b.label.startswith("Download this table") for b in at.get("download_button"))


def test_diverse_groups_counts_an_upload_by_hand():
    at = open_page(GROUPS_PAGE, upload=with_groups_and_returns())
    titles = chart_titles(at)
    # 2 localities x 7 groups; North has Women and LGBT+, South nothing: 12 gaps.
    assert titles[0] == (
        "2024/25: 12 of 14 locality–group pairs lack a service; BME communities have none in 2 of 2"
    )
    matrix = at.dataframe[0].value.set_index("Locality")
    assert matrix.loc["North", "Women"] == 2 and matrix.loc["North", "LGBT+"] == 1
    assert len(at.dataframe[1].value) == 12  # the gaps, listed


def test_diverse_groups_without_the_column_says_what_switches_it_on():
    at = open_page(GROUPS_PAGE, upload=two_years())
    assert any("Groups served" in i.value for i in at.info)
    assert not at.get("plotly_chart")


def test_performance_on_the_sample():
    at = open_page(RETURNS_PAGE)
    assert at.title[0].value == "Performance returns (KPIs)"
    titles = chart_titles(at)
    assert len(titles) == 4
    assert "returns made" in titles[0]
    text = "\n".join(m.value for m in at.markdown)
    assert frameworks.KPIS[0].measure in text  # R1's wording, verbatim


def test_performance_counts_an_upload_by_hand():
    at = open_page(RETURNS_PAGE, upload=with_groups_and_returns())
    titles = chart_titles(at)
    assert titles[0] == "2 of 96 returns made (2%); Peer Co missed the most (47)"
    assert titles[1] == "R1: 2 of 8 provider-quarters returned"
    assert titles[3] == "R1 in 2024/25 Q1: Trust highest (90), Peer Co lowest (80)"
    at.selectbox(key="kpis_measure").select("R2").run()
    assert chart_titles(at)[1] == "R2: 0 of 8 provider-quarters returned"


def test_performance_without_the_sheet_says_what_switches_it_on():
    at = open_page(RETURNS_PAGE, upload=two_years())
    assert any("KPIs" in i.value and "template" in i.value for i in at.info)
    assert not at.get("plotly_chart")

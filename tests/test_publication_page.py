"""Publication mode as a user meets it: one toggle in the sidebar, kept in the URL."""

from __future__ import annotations

import io

import openpyxl

from tests.test_outcome_pages import open_page


def test_publication_mode_is_off_until_switched_on():
    at = open_page("pages/overview.py")
    toggle = at.sidebar.toggle(key="publish")
    assert toggle.value is False
    assert not at.sidebar.number_input  # no threshold to set while it is off


def test_switching_it_on_offers_the_threshold_and_says_the_rule():
    at = open_page("pages/overview.py")
    at.sidebar.toggle(key="publish").set_value(True).run()
    assert not at.exception
    assert at.sidebar.number_input(key="threshold").value == 5
    captions = " ".join(c.value for c in at.sidebar.caption)
    assert "counts of people under 5 shown as <5" in captions
    at.sidebar.number_input(key="threshold").set_value(10).run()
    assert "counts of people under 10 shown as <10" in " ".join(c.value for c in at.sidebar.caption)


def test_a_shared_link_opens_in_publication_mode_and_survives_a_page_switch():
    at = open_page("pages/user_run.py", publish="true", threshold="7")
    assert at.sidebar.toggle(key="publish").value is True
    assert at.sidebar.number_input(key="threshold").value == 7


def test_the_table_behind_a_chart_downloads_with_where_it_came_from(downloads):
    at = open_page("pages/user_run.py", locality="North")
    assert not at.exception
    names = [n for n in downloads if n and n.endswith(".xlsx") and "user-run-share" in n]
    assert names == [
        "dayserv_sample-portfolio_user-run-share_2022-23-to-2025-26_locality-north.xlsx"
    ]
    book = openpyxl.load_workbook(io.BytesIO(downloads[names[0]]()))
    about = {row[0]: row[1] for row in book["About this export"].iter_rows(values_only=True)}
    assert about["Source file"] == "sample_portfolio.xlsx"
    assert about["Filters"] == "locality North"
    assert about["Publication mode"].startswith("Off")
    csv = downloads[names[0].replace(".xlsx", ".csv")]().decode("utf-8-sig")
    assert csv.startswith("Year,")

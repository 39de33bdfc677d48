"""The six outcome pages as a user meets them: on the sample, on an upload that lacks the
sheets or columns a page needs, with the sidebar filters, and with the same figures as the
command line."""

from __future__ import annotations

import json

import pytest

from dayserv import frameworks
from dayserv.__main__ import main
from dayserv.app import state
from dayserv.app.state import SAMPLE_PATH
from dayserv.figures import formats
from tests.test_pages import app, two_years
from tests.workbooks import xlsx

PAGES = {
    "O1": "pages/providers.py",
    "O2": "pages/user_run.py",
    "O3": "pages/funding.py",
    "O4": "pages/vocational.py",
    "O5": "pages/buildings.py",
    "O6": "pages/support.py",
}
HEADLINE = {o.id: o.headline for o in frameworks.OUTCOMES}


def open_page(page: str, upload: bytes | None = None, **query):
    at = app()
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if upload is not None:
        at.sidebar.file_uploader[0].upload("mine.xlsx", upload)
        at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def headline_value(at, measure: str) -> str:
    name = formats.measure_name(measure)
    return next(m.value for m in at.metric if m.label.startswith(name))


@pytest.mark.parametrize("outcome", list(PAGES))
def test_each_outcome_page_on_the_sample(outcome):
    at = open_page(PAGES[outcome])
    text = "\n".join(m.value for m in at.markdown)
    assert frameworks.heading(outcome).text in text  # the outcome in seed 000's words
    assert "Direction of travel" in text
    assert len(at.get("plotly_chart")) >= 2
    assert len(at.dataframe) >= 1
    tables = [b for b in at.get("download_button") if b.label.startswith("Download this table")]
    assert tables  # each says where its provenance is: its name, and the Excel file's About
    assert all("About sheet" in b.proto.help and "source file" in b.proto.help for b in tables)
    # The sidebar survives the page switch, filters included.
    assert len(at.sidebar.multiselect) == 5 and len(at.sidebar.file_uploader) == 1


@pytest.mark.parametrize("outcome", list(PAGES))
def test_each_outcome_page_on_an_upload_shows_its_figures(outcome):
    at = open_page(PAGES[outcome], upload=two_years())
    assert "Eastbrook" not in "\n".join(m.value for m in at.info)
    value = headline_value(at, HEADLINE[outcome])
    if outcome == "O3":  # no Funding sheet in this workbook: the page says what to add
        assert value == "—"
        assert any("needs a Funding sheet" in i.value for i in at.info)
    else:
        assert value != "—"


def test_user_run_page_shows_the_hand_computed_figure():
    at = open_page(PAGES["O2"], upload=two_years())
    assert headline_value(at, "user_run_share") == "67%"  # counted: 2 of 3 services
    assert any(m.value == "67%" and m.delta == "+33.3 pts" for m in at.metric)


def test_a_page_without_the_columns_it_needs_says_what_would_switch_it_on():
    bare = xlsx(
        {
            "Services": [
                ["Service", "Provider", "Year", "Sector"],
                ["A", "P", 2023, "NHS"],
                ["A", "P", 2024, "NHS"],
            ]
        }
    )
    at = open_page(PAGES["O5"], upload=bare)
    assert any("Building-based %" in i.value for i in at.info)


def test_filters_in_the_url_narrow_every_figure_and_say_so():
    at = open_page(PAGES["O2"], locality="North")
    captions = "\n".join(c.value for c in at.caption)
    sample = state.sample_portfolio()
    north = (sample.services["locality"] == "North").sum()
    assert f"Showing {north} of {len(sample.services)} service-years (locality North)" in captions
    assert at.sidebar.multiselect(key="locality").value == ["North"]


def test_filter_survives_a_page_switch():
    at = app()
    at.run()
    at.sidebar.multiselect(key="sector").select("Voluntary")
    at.run()
    at.switch_page(PAGES["O1"])
    at.run()
    assert at.sidebar.multiselect(key="sector").value == ["Voluntary"]
    assert "sector Voluntary" in "\n".join(c.value for c in at.caption)


@pytest.mark.parametrize("outcome", ["O2", "O4", "O5", "O6"])
def test_page_figure_equals_the_command_line_for_the_same_filter(outcome, capsys):
    at = open_page(PAGES[outcome], locality="South")
    measure = HEADLINE[outcome]
    assert main(["measures", str(SAMPLE_PATH), "--json", "--locality", "South"]) == 0
    years = json.loads(capsys.readouterr().out)["years"]
    latest = max(years)
    assert headline_value(at, measure) == formats.format_measure(measure, years[latest][measure])


def test_providers_page_lists_entrants_and_leavers():
    at = open_page(PAGES["O1"])
    text = "\n".join(m.value for m in at.markdown)
    assert "Between 2022/23 and 2025/26" in text and "entered" in text

"""One headline per outcome: the tile, the page header and the slide render the same record."""

from __future__ import annotations

from dayserv import catalogue
from dayserv.figures import overview
from dayserv.figures.headline import headline
from dayserv.figures.measures import yearly_measures
from dayserv.share import pack
from tests.test_outcome_pages import PAGES, open_page
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row, xlsx

ROWS = [
    SERVICES_HEADER,
    service_row("A", "P1", "2023/24", "NHS", "Yes"),
    service_row("B", "P2", "2023/24", "Voluntary", "No"),
    service_row("A", "P1", "2024/25", "NHS", "No"),
    service_row("B", "P2", "2024/25", "Voluntary", "No"),
]
# A target of 0% is a target (the page once showed it and the slide did not).
TARGETS = [["Outcome", "Target"], ["user_run_share", "0%"], ["building_share", 0.3]]


def test_the_headline_record():
    portfolio = load_sheets({"Services": ROWS, "Targets": TARGETS})
    table = yearly_measures(portfolio.services, portfolio.funding)
    found = headline(table, "user_run_share", portfolio.tables["targets"])
    assert (found.value, found.change, found.since) == ("0%", "−50.0 pts", "since 2023/24")
    assert found.status == "not on track"
    assert found.status_text == "✗ Wrong direction"
    assert found.target == 0 and found.target_text == "Target met"
    assert found.direction == "The outcome asks for user-run share of services to go up."
    assert found.definition == catalogue.BY_ID["user_run_share"].definition
    none = headline(table, "non_core_funding_share", portfolio.tables["targets"])
    assert none.value == "—" and none.target_text == "" and none.status == "no data"
    assert none.note == catalogue.BY_ID["non_core_funding_share"].no_data_hint


def test_tile_page_and_slide_say_the_same():
    portfolio = load_sheets({"Services": ROWS, "Targets": TARGETS})
    table = yearly_measures(portfolio.services, portfolio.funding)
    tile = next(
        t for t in overview.outcome_tiles(table, portfolio.tables["targets"]) if t.number == 2
    )
    slide = next(s for s in pack.build(portfolio).slides if s.measure == "user_run_share")
    assert (tile.value, tile.change, tile.status) == (slide.value, "−50.0 pts", slide.status)
    assert slide.target == tile.target_text == "Target met"
    at = open_page(PAGES["O2"], upload=xlsx({"Services": ROWS, "Targets": TARGETS}))
    shown = "\n".join(m.value for m in at.markdown)
    assert "Target met" in shown
    assert any(m.value == tile.value and m.delta == tile.change for m in at.metric)

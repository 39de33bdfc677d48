"""dayserv.figures.overview on hand-made Services tables: the tiles, the measures table and
the definitions, with hand-worked figures (the paragraph above the tiles: test_summary)."""

from __future__ import annotations

import pandas as pd

from dayserv import catalogue, frameworks
from dayserv.figures import overview
from dayserv.figures.measures import DEFINITIONS, yearly_measures
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

# Two services of £10,000 each: A user-run in 2023/24 only, so the user-run share goes from
# 50% (funding-weighted: 10,000 of 20,000) to 0%.
ROWS = [
    SERVICES_HEADER,
    service_row("A", "P1", "2023/24", "NHS", "Yes"),
    service_row("B", "P2", "2023/24", "Voluntary", "No"),
    service_row("A", "P1", "2024/25", "NHS", "No"),
    service_row("B", "P2", "2024/25", "Voluntary", "No"),
]


def _table() -> pd.DataFrame:
    portfolio = load_sheets({"Services": ROWS})
    return yearly_measures(portfolio.services, portfolio.funding)


def test_a_tile_per_outcome_in_the_checklists_words():
    tiles = overview.outcome_tiles(_table())
    assert [tile.number for tile in tiles] == [1, 2, 3, 4, 5, 6]
    assert [tile.text for tile in tiles] == [outcome.text for outcome in frameworks.OUTCOMES]
    user_run = tiles[1]
    assert (user_run.value, user_run.change, user_run.status) == ("0%", "−50.0 pts", "not on track")
    assert user_run.status_words == "✗ Wrong direction"  # a symbol and words, no icon's name
    assert user_run.status_colour == catalogue.STATUSES["not on track"].theme
    assert user_run.target_text == ""  # no Targets sheet: no target


def test_a_tile_reads_its_target_from_the_targets_sheet():
    targets = load_sheets({"Services": ROWS, "Targets": [["Outcome", "Target"], ["O2", "0%"]]})
    tiles = overview.outcome_tiles(_table(), targets.tables["targets"])
    assert tiles[1].target_text == "Target met"


def test_the_measures_table_has_a_row_per_measure_and_a_column_per_year():
    table = overview.measures_table(_table())
    assert list(table.columns) == ["Outcome", "Measure", "2023/24", "2024/25"]
    user_run = table.set_index("Measure").loc["User-run share of services"]
    assert (user_run["Outcome"], user_run["2023/24"], user_run["2024/25"]) == ("2", "50.0%", "0.0%")
    services = table.set_index("Measure").loc["Services"]
    assert (services["Outcome"], services["2023/24"], services["2024/25"]) == ("", "2", "2")
    assert table.iloc[-1].to_list() == ["", "Shares weighted by", "funding", "funding"]


def test_each_measure_is_defined_once_in_plain_words():
    table = overview.definitions_table()
    assert list(table.columns) == ["Measure", "Definition"]
    assert "Shares weighted by" not in set(table["Measure"])
    assert table["Measure"].is_unique
    row = table.set_index("Measure").loc["User-run share of services", "Definition"]
    assert row == DEFINITIONS["user_run_share"]

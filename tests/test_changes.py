"""What changed between two versions of an area, against changes worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from dayserv.figures.changes import (
    MEASURE_COLUMNS,
    SERVICE_COLUMNS,
    changes,
    compared_years,
    direction_words,
    measure_moves,
    service_changes,
)
from dayserv.read.clean import Portfolio, empty_table
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

# Version 1, 2024/25: A (£40k), B (£20k, user-run), C (£10k); all building-based.
VERSION_1 = [
    SERVICES_HEADER,
    service_row("A", "P1", "2024/25", "NHS", "No", funding=40000),
    service_row("B", "P2", "2024/25", "Voluntary", "Yes", funding=20000),
    service_row("C", "P3", "2024/25", "Voluntary", "No", "South", funding=10000),
]
# Version 2: A's funding and setting change, B is written in lower case with spaces,
# C ends and D (user-led, user-run) is added.
VERSION_2 = [
    SERVICES_HEADER,
    service_row("A", "P1", "2024/25", "NHS", "No", funding=52000, building=60, outreach=40),
    service_row("  b ", "P2", "2024/25", "Voluntary", "Yes", funding=20000),
    service_row("D", "P4", "2024/25", "User-led", "Yes", "South", funding=30000),
]


def portfolio(rows, funding=None):
    sheets = {"Services": rows}
    if funding:
        sheets["Funding"] = [["Service", "Year", "Source", "Amount"], *funding]
    return load_sheets(sheets)


def empty_portfolio() -> Portfolio:
    tables = {"services": empty_table("services"), "funding": empty_table("funding")}
    return Portfolio(tables=tables, problems=pd.DataFrame(), sources=())


def move(moves: pd.DataFrame, label: str, year: str = "2024/25") -> dict:
    rows = moves.loc[moves["Measure"].eq(label) & moves["Year"].eq(year)]
    assert len(rows) == 1, f"{label} {year}: {len(rows)} rows"
    return rows.iloc[0].to_dict()


def test_added_ended_and_changed_services():
    table = service_changes(portfolio(VERSION_1).services, portfolio(VERSION_2).services)
    assert list(table.columns) == SERVICE_COLUMNS
    assert table[["Service", "Change", "Provider", "Year"]].values.tolist() == [
        ["D", "Added", "P4", "2024/25"],
        ["C", "Ended", "P3", "2024/25"],
        ["A", "Changed", "P1", "2024/25"],
        ["b", "Changed", "P2", "2024/25"],
    ]
    what = dict(zip(table["Service"], table["What changed"], strict=True))
    assert what["A"] == (
        "Annual funding £40,000 → £52,000; Building-based 100% → 60%; Outreach 0% → 40%"
    )
    # The same service in any case and spacing: only its name's spelling changed.
    assert what["b"] == "Service B → b"
    assert what["C"] == what["D"] == ""


def test_field_level_differences_in_words():
    header = [*SERVICES_HEADER, "Places"]
    before = portfolio([header, [*service_row("A", "P1", "2024/25", "NHS", "No"), 12]])
    after = portfolio(
        [header, [*service_row("A", "P9", "2024/25", "Voluntary", "Partly", "South"), 15]]
    )
    table = service_changes(before.services, after.services)
    assert table["What changed"].tolist() == [
        "Provider P1 → P9; Sector NHS → Voluntary; User run No → Partly; "
        "Locality North → South; Places 12 → 15"
    ]
    assert table["Provider"].tolist() == ["P9"]
    # A value left blank in the later version is a change to "—".
    blank = portfolio([header, [*service_row("A", "P1", "2024/25", "NHS", "No"), None]])
    assert service_changes(before.services, blank.services)["What changed"].tolist() == [
        "Places 12 → —"
    ]


def test_measure_moves_with_their_directions():
    moves = measure_moves(portfolio(VERSION_1), portfolio(VERSION_2))
    assert list(moves.columns) == MEASURE_COLUMNS
    assert set(moves["Year"]) == {"2024/25"}
    # User-run: 1 of 3 services, then 2 of 3 (b and D).
    assert move(moves, "User-run share of services") == {
        "Measure": "User-run share of services",
        "Year": "2024/25",
        "Before": "33%",
        "After": "67%",
        "Change": "+33.3 pts",
        "Direction": "better",
    }
    # Building-based, weighted by funding: 1.0, then (31,200 + 20,000 + 30,000) / 102,000.
    building = move(moves, "Building-based share of activity")
    assert (building["Before"], building["After"], building["Change"]) == (
        "100%",
        "80%",
        "−20.4 pts",
    )
    assert building["Direction"] == "better"  # the outcome asks for it to fall
    # HHI: (40² + 20² + 10²) / 70² × 10,000 = 4,286, then (52² + 20² + 30²) / 102² × 10,000
    # = 3,849 (4,004 / 10,404); a fall in concentration is better.
    hhi = move(moves, "Concentration of funding")
    assert (hhi["Before"], hhi["After"], hhi["Direction"]) == ("4,286", "3,849", "better")
    # Sectors by funding: 1 − (4/7)² − (3/7)² = 0.49, then 0.62.
    diversity = move(moves, "Diversity of provider sectors")
    assert (diversity["Before"], diversity["After"], diversity["Direction"]) == (
        "0.49",
        "0.62",
        "better",
    )
    services = move(moves, "Services")
    assert (services["Before"], services["After"], services["Direction"]) == ("3", "3", "no change")
    # The other way round, the same moves are worse.
    back = measure_moves(portfolio(VERSION_2), portfolio(VERSION_1))
    assert move(back, "User-run share of services")["Direction"] == "worse"
    assert move(back, "Building-based share of activity")["Direction"] == "worse"


def test_a_measure_newly_and_no_longer_computable():
    funding = [["A", "2024/25", "Core commissioning", 40000], ["B", "2024/25", "Lottery", 20000]]
    without, with_funding = portfolio(VERSION_1), portfolio(VERSION_1, funding)
    label = "Funding from non-core sources"
    gained = move(measure_moves(without, with_funding), label)
    assert (gained["Before"], gained["After"], gained["Change"]) == ("—", "33%", "—")
    assert gained["Direction"] == "newly computable"
    assert move(measure_moves(with_funding, without), label)["Direction"] == "no longer computable"
    # Neither version can compute it: no row.
    assert label not in set(measure_moves(without, without)["Measure"])
    summary = changes(without, with_funding, "version 1", "version 2").summary
    assert summary == "Version 2 against version 1: 1 measure moved in 2024/25."


def test_direction_words():
    assert direction_words("building_share", 0.5, 0.4) == "better"
    assert direction_words("hhi", 2000.0, 2500.0) == "worse"
    assert direction_words("services", 3.0, 4.0) == "up"  # no outcome asks it to move
    assert direction_words("services", 4.0, 3.0) == "down"
    assert direction_words("user_run_share", 0.2, 0.2001) == "no change"  # shows as 0.0 pts
    assert direction_words("user_run_share", None, 0.2) == "newly computable"
    assert direction_words("user_run_share", 0.2, None) == "no longer computable"


def test_the_whole_comparison_and_its_summary():
    found = changes(portfolio(VERSION_1), portfolio(VERSION_2), "version 1", "version 2")
    assert found.summary == (
        "Version 2 against version 1: 1 service added, 1 ended, 2 changed; "
        "user-run share 33% → 67% in 2024/25."
    )
    assert (found.years_added, found.years_removed) == ([], [])
    assert len(found.services) == 4 and not found.none


def test_identical_versions_have_no_changes():
    found = changes(portfolio(VERSION_1), portfolio(VERSION_1), "version 1", "version 2")
    assert found.services.empty and list(found.services.columns) == SERVICE_COLUMNS
    assert found.measures["Direction"].eq("no change").all()
    assert len(found.measures) == 12  # every catalogue measure this portfolio has
    assert found.summary == "Version 2 against version 1: No changes."
    assert found.none


@pytest.mark.parametrize("before_empty, after_empty", [(True, True), (True, False), (False, True)])
def test_empty_versions(before_empty, after_empty):
    pick = {True: empty_portfolio(), False: portfolio(VERSION_1)}
    found = changes(pick[before_empty], pick[after_empty], "version 1", "version 2")
    expected = {
        (True, True): "No changes",
        (True, False): "3 services added; year 2024/25 added",
        (False, True): "3 services ended; year 2024/25 removed",
    }[(before_empty, after_empty)]
    assert found.summary == f"Version 2 against version 1: {expected}."
    assert found.none == (before_empty and after_empty)


def test_a_version_with_an_extra_year():
    before = portfolio(
        [
            SERVICES_HEADER,
            service_row("A", "P1", "2024/25", "NHS", "No", funding=40000),
            service_row("X", "P2", "2024/25", "Voluntary", "Yes", funding=20000),
        ]
    )
    # 2025/26 added: A's funding rises; X has no 2025/26 row but is still in the version.
    after = portfolio(
        [
            SERVICES_HEADER,
            service_row("A", "P1", "2024/25", "NHS", "No", funding=40000),
            service_row("X", "P2", "2024/25", "Voluntary", "Yes", funding=20000),
            service_row("A", "P1", "2025/26", "NHS", "No", funding=45000),
        ]
    )
    found = changes(before, after, "version 1", "version 2")
    assert (found.years_added, found.years_removed) == (["2025/26"], [])
    assert found.services.values.tolist() == [
        ["A", "Changed", "Annual funding £40,000 → £45,000", "P1", "2024/25 → 2025/26"]
    ]
    assert compared_years(before, after) == ["2024/25", "2025/26"]
    same_year = found.measures.loc[found.measures["Year"].eq("2024/25")]
    assert same_year["Direction"].eq("no change").all()
    new_year = found.measures.loc[found.measures["Year"].eq("2025/26")]
    assert new_year["Direction"].eq("newly computable").all()
    assert move(found.measures, "Services", "2025/26")["After"] == "1"
    assert found.summary == "Version 2 against version 1: 1 service changed; year 2025/26 added."
    # Taken away again, the year is removed, and only the shared year is compared.
    back = changes(after, before, "version 2", "version 3")
    assert (back.years_added, back.years_removed) == ([], ["2025/26"])
    assert set(back.measures["Year"]) == {"2024/25"}

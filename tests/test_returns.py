"""dayserv.figures.returns on hand-made KPIs tables, with hand-counted figures."""

from __future__ import annotations

import pandas as pd

from dayserv.contract import KPI_IDS
from dayserv.figures import returns


def kpis(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["provider", "year", "quarter", "kpi", "value"])
    frame["row"] = range(2, len(frame) + 2)
    return frame.astype(
        {"provider": "string", "year": "string", "quarter": "string", "kpi": "string"}
    )


def full_quarter(provider: str, year: str, quarter: str, base: float = 0) -> list[tuple]:
    return [(provider, year, quarter, kpi, base + i) for i, kpi in enumerate(KPI_IDS)]


def sample() -> pd.DataFrame:
    """Two providers, one year: Alpha returns all 12 in Q1 and R1 only in Q3 (and R1 twice in
    Q3, the later 70 counting); Beta all 12 in Q2 and a blank R2 there."""
    rows = full_quarter("Alpha", "2024/25", "Q1", base=50)
    rows += [("Alpha", "2024/25", "Q3", "R1", 60.0), ("Alpha", "2024/25", "Q3", "R1", 70.0)]
    rows += [r for r in full_quarter("Beta", "2024/25", "Q2", base=80) if r[3] != "R2"]
    rows += [("Beta", "2024/25", "Q2", "R2", None)]
    return kpis(rows)


def test_quarters_are_ordered_by_year_then_quarter():
    labels = ["2025/26 Q1", "2024/25 Q4", "2024/25 Q10", "2024/25 Q2"]
    assert sorted(labels, key=returns.quarter_key) == [
        "2024/25 Q2",
        "2024/25 Q4",
        "2024/25 Q10",  # not a quarter: after the year's quarters
        "2025/26 Q1",
    ]
    frame = kpis([("A", "2025/26", "Q2", "R1", 1.0), ("A", "2024/25", "Q4", "R1", 1.0)])
    assert returns.quarters(frame) == [f"{y} Q{q}" for y in ("2024/25", "2025/26") for q in "1234"]
    assert returns.quarter_label("2024/25", "Q3") == "2024/25 Q3"


def test_completeness_counts_the_kpis_returned_per_provider_and_quarter():
    table = returns.completeness(sample())
    assert len(table) == 2 * 4  # every provider in the sheet x every quarter of the year
    got = table.set_index(["provider", "quarter"])["returned"]
    assert got[("Alpha", "Q1")] == 12
    assert got[("Alpha", "Q2")] == 0
    assert got[("Alpha", "Q3")] == 1  # R1 twice counts once
    assert got[("Beta", "Q2")] == 11  # the blank R2 is not a return
    assert table["missing"].sum() == 8 * 12 - (12 + 1 + 11)
    assert returns.completeness_finding(table) == (
        "24 of 96 returns made (25%); Beta missed the most (37)"
    )
    grid = returns.completeness_grid(table)
    assert list(grid.columns) == ["provider", *returns.quarters(sample())]
    assert grid.set_index("provider").loc["Beta", "2024/25 Q2"] == 11


def test_missing_returns_lists_each_return_not_made():
    missing = returns.missing_returns(sample())
    assert len(missing) == 72
    beta_q2 = missing.loc[missing["provider"].eq("Beta") & missing["period"].eq("2024/25 Q2")]
    assert beta_q2["kpi"].to_list() == ["R2"]
    assert beta_q2["measure"].iloc[0].startswith("Contact with Service User/Carer")
    alpha_q3 = missing.loc[missing["provider"].eq("Alpha") & missing["period"].eq("2024/25 Q3")]
    assert alpha_q3["kpi"].to_list() == list(KPI_IDS[1:])
    assert missing["provider"].iloc[0] == "Alpha" and missing["period"].iloc[0] == "2024/25 Q2"


def test_kpi_table_is_providers_by_every_quarter():
    table = returns.kpi_table(sample(), "R1").set_index("provider")
    assert list(table.columns) == returns.quarters(sample())
    assert table.loc["Alpha", "2024/25 Q1"] == 50
    assert table.loc["Alpha", "2024/25 Q3"] == 70  # the later of two
    assert pd.isna(table.loc["Alpha", "2024/25 Q2"])
    assert table.loc["Beta", "2024/25 Q2"] == 80
    assert returns.table_finding(table.reset_index(), "R1") == (
        "R1: 3 of 8 provider-quarters returned"
    )


def test_kpi_trend_is_in_quarter_order():
    trend = returns.kpi_trend(sample(), "R1")
    assert list(zip(trend["period"], trend["provider"], trend["value"], strict=True)) == [
        ("2024/25 Q1", "Alpha", 50.0),
        ("2024/25 Q2", "Beta", 80.0),
        ("2024/25 Q3", "Alpha", 70.0),
    ]
    assert returns.trend_finding(trend, "R1") == (
        "R1: providers' average 50 in 2024/25 Q1, 70 in 2024/25 Q3"
    )


def test_latest_comparison_ranks_the_latest_quarter_returned():
    frame = kpis(
        [
            ("A", "2024/25", "Q4", "R5", 90.0),
            ("A", "2025/26", "Q1", "R5", 70.0),
            ("B", "2025/26", "Q1", "R5", 80.0),
            ("C", "2025/26", "Q1", "R5", 80.0),
            ("D", "2025/26", "Q2", "R6", 5.0),  # another KPI: a later quarter, not R5's
        ]
    )
    latest = returns.latest_comparison(frame, "R5")
    assert latest["period"].unique().tolist() == ["2025/26 Q1"]
    assert latest["provider"].to_list() == ["B", "C", "A"]
    assert latest["rank"].to_list() == [1, 1, 3]
    assert returns.comparison_finding(latest, "R5") == (
        "R5 in 2025/26 Q1: B highest (80), A lowest (70)"
    )
    assert returns.latest_comparison(frame, "R9").empty
    assert returns.measure("R9") == "The total number of Day Opportunities sessions provided"


def test_a_finding_says_when_publication_mode_hid_every_value():
    empty = pd.DataFrame(columns=["provider", "period", "value", "rank"])
    assert returns.comparison_finding(empty, "R10") == "R10: no provider has returned it"
    assert returns.comparison_finding(empty, "R10", hidden=3) == (
        "R10: every value (3) is a small count, not shown in publication mode"
    )
    assert returns.trend_finding(empty, "R6", hidden=1).startswith("R6: every value (1)")

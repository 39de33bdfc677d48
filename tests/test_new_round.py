"""What a new round of returns asks for: the quarter after the latest returned (else
today's), and the portfolio's providers, one each however they are spelt."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dayserv.figures.new_round import next_quarter, providers_of
from tests.workbooks import SERVICES_HEADER, load_sheets, service_row

KPI_HEADER = ["Provider", "Year", "Quarter", "KPI", "Value"]


def kpis(*periods: tuple[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [("Trust", year, quarter) for year, quarter in periods],
        columns=["provider", "year", "quarter"],
    )


def test_the_quarter_after_the_latest_returned():
    returned = kpis(("2024/25", "Q4"), ("2025/26", "Q2"), ("2025/26", "Q1"))
    assert next_quarter(returned, date(2030, 1, 1)) == ("2025/26", "Q3")


def test_after_a_fourth_quarter_the_first_of_the_next_year():
    assert next_quarter(kpis(("2025/26", "Q4")), date(2030, 1, 1)) == ("2026/27", "Q1")
    assert next_quarter(kpis(("2099/00", "Q4")), date(2030, 1, 1)) == ("2100/01", "Q1")


def test_with_nothing_returned_todays_quarter_of_the_financial_year():
    none = kpis()
    assert next_quarter(none, date(2026, 4, 1)) == ("2026/27", "Q1")
    assert next_quarter(none, date(2026, 9, 30)) == ("2026/27", "Q2")
    assert next_quarter(none, date(2026, 12, 25)) == ("2026/27", "Q3")
    assert next_quarter(none, date(2027, 3, 31)) == ("2026/27", "Q4")


def test_the_providers_are_the_latest_years_services_and_the_kpis_one_each():
    portfolio = load_sheets(
        {
            "Services": [
                SERVICES_HEADER,
                service_row("Alpha", "Peer Co", "2024/25", "User-led"),
                service_row("Gone", "Old Trust", "2024/25", "NHS"),
                service_row("Alpha", "Peer Co", "2025/26", "User-led"),
                service_row("Beta", "harbour care", "2025/26", "Voluntary"),
            ],
            "KPIs": [
                KPI_HEADER,
                ["Harbour Care", "2025/26", "Q1", "R1", 3],
                ["Mind", "2025/26", "Q1", "R1", 4],
            ],
        }
    )
    # Old Trust ran a service in 2024/25 only; the Services' spelling wins over the KPIs'.
    assert providers_of(portfolio) == ["harbour care", "Mind", "Peer Co"]


def test_without_kpis_the_providers_of_the_services():
    portfolio = load_sheets(
        {"Services": [SERVICES_HEADER, service_row("Alpha", "Peer Co", "2025/26", "NHS")]}
    )
    assert providers_of(portfolio) == ["Peer Co"]

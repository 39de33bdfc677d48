"""The files a round of returns hands out: a provider's KPIs sheet to fill in offline (the
values given so far filled in) and the links just made, as a CSV to mail merge."""

from __future__ import annotations

import pandas as pd

from dayserv.contract import KPI_IDS
from dayserv.figures.returns import MEASURES
from dayserv.share import workbook
from dayserv.share.export import csv_bytes
from dayserv.store.rounds import RoundLinkInfo


def provider_sheet(provider: str, year: str, quarter: str, values: dict[str, float]) -> bytes:
    """The KPIs sheet for one provider's quarter (.xlsx): a row per KPI, the values given
    so far filled in, and the measure's words beside each."""
    book = workbook.Book()
    sheet = book.sheet("KPIs")
    sheet.header(("Provider", "Year", "Quarter", "KPI", "Value", "Definition"), {"bold": True})
    for row, kpi in enumerate(KPI_IDS, start=1):
        sheet.write_row(row, (provider, year, quarter, kpi, values.get(kpi), MEASURES[kpi]))
    sheet.worksheet.set_column(0, 0, 30)
    sheet.worksheet.set_column(5, 5, 80)
    return book.close()


def links_csv(links: list[RoundLinkInfo], base_url: str) -> bytes:
    """provider, link, expires (UTC): the links just made, to mail merge (a benchmark
    round's with the service and respondent group after the provider)."""
    asked = any(link.service for link in links)
    frame = pd.DataFrame(
        [
            (
                link.provider,
                *((link.service, link.respondent) if asked else ()),
                base_url.rstrip("/") + link.path,
                f"{link.expires_at:%Y-%m-%d %H:%M}",
            )
            for link in links
        ],
        columns=["provider", *(("service", "group") if asked else ()), "link", "expires_utc"],
    )
    return csv_bytes(frame)

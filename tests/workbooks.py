"""Workbooks built in code for the tests: untidy on purpose, the way real ones arrive."""

from __future__ import annotations

import io

import openpyxl

from dayserv.read.clean import Portfolio, load
from dayserv.read.reader import Source

SERVICES_HEADER = [
    "Service",
    "Provider",
    "Year",
    "Sector",
    "User run",
    "Locality",
    "Annual funding",
    "Building-based %",
    "Outreach %",
    "Mainstream %",
    "Social & leisure %",
    "Vocational %",
    "Group %",
    "Individual %",
]


class Fmt:
    """A cell value with an Excel number format (e.g. a share shown as a percentage)."""

    def __init__(self, value, number_format: str):
        self.value, self.number_format = value, number_format


def xlsx(sheets: dict[str, list[list]]) -> bytes:
    """A workbook with one sheet per key; each row a list of cell values, written as given."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for r, row in enumerate(rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None:
                    continue
                cell = sheet.cell(r, c)
                if isinstance(value, Fmt):
                    cell.value, cell.number_format = value.value, value.number_format
                else:
                    cell.value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def load_sheets(sheets: dict[str, list[list]], name: str = "test.xlsx") -> Portfolio:
    return load([Source(name, xlsx(sheets))])


def service_row(
    service,
    provider,
    year,
    sector,
    user_run="No",
    locality="North",
    funding=10000,
    building=100,
    outreach=0,
    mainstream=0,
    social=100,
    vocational=0,
    group=100,
    individual=0,
) -> list:
    return [
        service,
        provider,
        year,
        sector,
        user_run,
        locality,
        funding,
        building,
        outreach,
        mainstream,
        social,
        vocational,
        group,
        individual,
    ]


def problems_at(portfolio: Portfolio, sheet: str, row: int):
    frame = portfolio.problems
    return frame[(frame["sheet"] == sheet) & (frame["row"] == row)]

"""A corpus of hostile and untidy portfolios, built in code: what real files do to a reader.

Each entry is a name and the files a user would upload (or name on the command line).
Nothing here is a fixture of a developer's disk: every file is written when asked for.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl

from dayserv.read.reader import Source
from tests.workbooks import SERVICES_HEADER, service_row, xlsx

YEARS = ("2023/24", "2024/25")


def _services(rows: list[list], header: list | None = None) -> list[list]:
    return [header or SERVICES_HEADER, *rows]


def _good_rows(n: int = 4) -> list[list]:
    return [
        service_row(f"Service {i}", f"Provider {i % 3}", year, "Voluntary", funding=10000 + i)
        for year in YEARS
        for i in range(n)
    ]


def _book(sheets: dict[str, list[list]], name: str = "hostile.xlsx") -> list[Source]:
    return [Source(name, xlsx(sheets))]


def _csv(name: str, rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> Source:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return Source(name, buffer.getvalue().encode(encoding, errors="replace"))


def _with_sheet_state(state: str) -> list[Source]:
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    cover["A1"] = "Eastbrook day services"
    sheet = book.create_sheet("Services")
    for row in _services(_good_rows()):
        sheet.append(row)
    sheet.sheet_state = state
    buffer = io.BytesIO()
    book.save(buffer)
    return [Source(f"{state}.xlsx", buffer.getvalue())]


def _merged() -> list[Source]:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Services"
    sheet.append(["Day services 2024/25"])
    sheet.merge_cells("A1:F1")
    sheet.append(SERVICES_HEADER)
    for row in _good_rows():
        sheet.append(row)
    sheet.merge_cells("B3:B5")
    buffer = io.BytesIO()
    book.save(buffer)
    return [Source("merged.xlsx", buffer.getvalue())]


def _formulas() -> list[Source]:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Services"
    sheet.append(SERVICES_HEADER)
    for row in _good_rows():
        sheet.append(row)
    sheet.append(["=A2", "=B2&B3", "=1/0", '=HYPERLINK("http://example.invalid")', "=SUM(G2:G3)"])
    buffer = io.BytesIO()
    book.save(buffer)
    return [Source("formulas.xlsx", buffer.getvalue())]


def _damaged_zip() -> list[Source]:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook><sheets><sheet name='Services'")
    return [Source("damaged.xlsx", buffer.getvalue())]


def _truncated() -> list[Source]:
    data = xlsx({"Services": _services(_good_rows())})
    return [Source("truncated.xlsx", data[: len(data) // 2])]


def _one_cell(value) -> list[list]:
    row = service_row("Odd one", "Odd provider", "2024/25", "Voluntary")
    return [row]


def _odd_value(column: str, value) -> list[Source]:
    """The good rows plus one row whose ``column`` holds ``value``."""
    row = service_row("Odd one", "Odd provider", "2024/25", "Voluntary")
    row[SERVICES_HEADER.index(column)] = value
    return _book({"Services": _services([*_good_rows(), row])})


def _wide_benchmark(rows: list[list]) -> list[list]:
    return [["Service", "Year", "Respondent", "1.1", "2.1", "2.10", "8.3"], *rows]


def corpus() -> dict[str, list[Source]]:
    """Name -> the files of one hostile or untidy portfolio."""
    good = _services(_good_rows())
    long_text = "Ünïcødé " * 2000
    files: dict[str, list[Source]] = {
        # Files that are not what they say, or hold nothing.
        "empty file": [Source("empty.xlsx", b"")],
        "text named xlsx": [Source("notes.xlsx", b"just some notes, not a workbook")],
        "damaged zip": _damaged_zip(),
        "truncated workbook": _truncated(),
        "binary named csv": [Source("services.csv", bytes(range(256)) * 4)],
        "pdf": [Source("report.pdf", b"%PDF-1.4 not a spreadsheet")],
        "no sheets but cover": _book({"Cover": [["Eastbrook"], ["Day services"]]}),
        "headers only": _book({"Services": [SERVICES_HEADER]}),
        "headers only csv": [_csv("services.csv", [SERVICES_HEADER])],
        "empty services sheet": _book({"Services": [[]]}),
        "title rows only": _book({"Services": [["Day services"], ["Draft"], []]}),
        "missing provider column": _book(
            {"Services": [["Service", "Year", "Sector"], ["A", "2024/25", "NHS"]]}
        ),
        # Sheets hidden, merged, formulas, extra sheets.
        "hidden services sheet": _with_sheet_state("hidden"),
        "very hidden services sheet": _with_sheet_state("veryHidden"),
        "merged cells": _merged(),
        "formula cells": _formulas(),
        "plan sheet today": _book(
            {
                "Services": good,
                "Plan": [["Plan", "Change", "Service", "From"], ["A", "Decommission", "S", "2026"]],
            }
        ),
        "unknown sheets": _book(
            {"Services": good, "Notes": [["Read me"]], "Sheet3": [], "Pivot": [[1, 2], [3, 4]]}
        ),
        "every optional sheet empty": _book(
            {
                "Services": good,
                "Funding": [["Service", "Year", "Source", "Amount"]],
                "Benchmark": [["Service", "Year", "Statement", "Response"]],
                "GoodPractice": [["Service", "Year", "Feature", "Rating"]],
                "Checklist": [["Question", "Answer"]],
                "KPIs": [["Provider", "Year", "Quarter", "KPI", "Value"]],
                "Targets": [["Outcome", "Target"]],
            }
        ),
        "optional sheets without headers": _book(
            {"Services": good, "Funding": [[1, 2, 3]], "Benchmark": [["x"]], "KPIs": [[None]]}
        ),
        # Values that cannot be true.
        "negative places": _odd_value("Annual funding", -5000),
        "funding in the trillions": _odd_value("Annual funding", 4.2e12),
        "funding 1e308": _odd_value("Annual funding", 1e308),
        "percent 5000": _odd_value("Building-based %", 5000),
        "percent negative": _odd_value("Vocational %", -40),
        "percent text": _odd_value("Group %", "about half"),
        "funding text": _odd_value("Annual funding", "tbc"),
        "funding as date": _odd_value("Annual funding", dt.datetime(2024, 4, 1)),
        "year as date": _odd_value("Year", dt.date(2024, 6, 30)),
        "year 1066": _odd_value("Year", 1066),
        "year 99999": _odd_value("Year", 99999),
        "year text": _odd_value("Year", "last year"),
        "year boolean": _odd_value("Year", True),
        "sector organisation type": _odd_value("Sector", "Registered Charity"),
        "sector unknown": _odd_value("Sector", "Martian"),
        "sector blank": _odd_value("Sector", None),
        "user run maybe": _odd_value("User run", "Maybe"),
        "provider blank": _odd_value("Provider", None),
        "service blank": _odd_value("Service", None),
        "service number": _odd_value("Service", 42),
        "long unicode names": _odd_value("Service", long_text),
        "markup names": _odd_value("Locality", "![t](http://127.0.0.1:9/t.png) **b** <b>x</b>"),
        "formula text": _odd_value("Provider", '=HYPERLINK("http://x")'),
        "NA cells": _book(
            {
                "Services": _services(
                    [
                        *_good_rows(),
                        ["NA svc", "NA prov", "2024/25", "#N/A", "N/A", "#N/A", "#VALUE!", "NA"],
                    ]
                )
            }
        ),
        "repeated rows": _book({"Services": _services([*_good_rows(), _good_rows()[0]])}),
        "all rows repeated": _book({"Services": _services(_good_rows() + _good_rows())}),
        "totals row": _book(
            {"Services": _services([*_good_rows(), ["Total", "", "", "", "", "", 99999]])}
        ),
        "groups served odd": _odd_value("Locality", None),
        "only blank shares": _odd_value("Outreach %", ""),
        # Headings from other registers: organisation type, synonyms, odd spacing.
        "organisation types": _book(
            {
                "Services": _services(
                    [
                        service_row(f"S{i}", f"P{i}", "2024/25", kind)
                        for i, kind in enumerate(
                            (
                                "Registered Charity",
                                "CIC",
                                "CIO",
                                "Company limited by guarantee",
                                "Community group",
                                "Ltd",
                                "NHS foundation trust",
                                "County council",
                                "DPULO",
                            )
                        )
                    ]
                )
            }
        ),
        "synonym headings": _book(
            {
                "  services list ": [
                    ["Name", "Organisation", "Financial year", "Provider type", "Budget"],
                    ["A", "Org A", "FY2024/25", "Charity", "£12,500"],
                    ["B", "Org B", "2024-2025", "Private", "£12.5k"],
                ]
            }
        ),
        "wide benchmark odd": _book(
            {
                "Services": good,
                "Benchmark": _wide_benchmark(
                    [
                        ["Service 0", "2024/25", "Staff", "yd", "Yes a bit", "??", 3],
                        ["Service 1", "2024/25", "Martian", None, "N/A", "NP", ""],
                    ]
                ),
            }
        ),
        "long benchmark numbers": _book(
            {
                "Services": good,
                "Benchmark": [
                    ["Service", "Year", "Statement", "Response"],
                    ["Service 0", "2024/25", 2.1, "YD"],
                    ["Service 0", "2024/25", 2.1, "NP"],
                    ["Service 0", "2024/25", 99, "YD"],
                    ["Service 0", "2024/25", None, None],
                ],
            }
        ),
        "kpis odd": _book(
            {
                "Services": good,
                "KPIs": [
                    ["Provider", "Year", "Quarter", "KPI", "Value"],
                    ["Provider 0", "2024/25", "Q5", "R13", "lots"],
                    ["Provider 0", "2024/25", "q1", "r1", -3],
                ],
            }
        ),
        "targets odd": _book(
            {
                "Services": good,
                "Targets": [["Outcome", "Target"], ["Happiness", "100%"], ["O2", "5000%"]],
            }
        ),
        "checklist odd": _book(
            {
                "Services": good,
                "Checklist": [["Question", "Answer"], ["What is this?", "Maybe"], [None, "Yes"]],
            }
        ),
        "funding sheet odd": _book(
            {
                "Services": good,
                "Funding": [
                    ["Service", "Year", "Source", "Amount"],
                    ["Service 0", "2024/25", "Alchemy", "£1e12"],
                    ["Nobody", "2024/25", "Core", -1],
                ],
            }
        ),
        "opening hours odd": _book(
            {
                "Services": [
                    [*SERVICES_HEADER, "Mon", "Sat"],
                    *[[*r, "25:00-26:00", "9am-5pm"] for r in _good_rows()],
                ]
            }
        ),
        # CSV files as people save them.
        "csv semicolons cp1252": [
            _csv("services.csv", _services(_good_rows()), "cp1252", ";"),
        ],
        "csv with bom and notes": [
            Source("services.csv", b"\xef\xbb\xbf" + _csv("x.csv", good).data),
            Source("README.txt", b"These are our services.\nAsk Jo."),
        ],
        "csv ragged": [
            Source("services.csv", b"Service,Provider,Year,Sector\nA,B\nC,D,2024,NHS,x,y\n")
        ],
        "csv only quotes": [Source("services.csv", b'"""\n""""\n')],
    }
    return files

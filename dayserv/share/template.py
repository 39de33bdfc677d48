"""The downloadable workbook template: the contract written out as an .xlsx to fill in.

Every heading, allowed value, drop-down and reference table is read from ``contract``,
``frameworks`` and ``measures``, so the template cannot drift from what the reader accepts.
The example rows written into it are ``template_examples``'s.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from dayserv import contract, frameworks
from dayserv.contract import Column
from dayserv.contract import Sheet as ContractSheet
from dayserv.figures.measures import DEFINITIONS, DIRECTION
from dayserv.read import hours
from dayserv.share import workbook
from dayserv.share.template_examples import example_rows
from dayserv.share.workbook import Sheet, Style

LAST_ROW = 1000  # drop-downs and text formats reach down to this row
LISTS_SHEET = "Lists"
INLINE_LIST_LIMIT = 255  # Excel's limit on a list typed into the validation formula
TEXT = workbook.TEXT
MONEY = '"£"#,##0'
# The Plan sheet's columns in the template: any other Services column may be added.
PLAN_COLUMNS = (
    "plan",
    "change",
    "service",
    "from_year",
    "provider",
    "sector",
    "user_run",
    "locality",
    "funding",
    "places",
    "setting",
    "activity",
    "support_model",
    "source",
    "replaces",
    "note",
)

_BOLD: Style = {"bold": True}
_TITLE: Style = {"bold": True, "font_size": 14}
_SUBTITLE: Style = {"bold": True, "font_size": 12}
_HEADER: Style = {"bold": True, "bg_color": "#DDEBF7"}
_WRAP: Style = {"text_wrap": True, "valign": "top"}

# Meanings for columns whose contract entry has no help text of its own.
_MEANINGS: dict[tuple[str, str], str] = {
    ("funding", "source"): "Where this part of the service's money comes from.",
    ("funding", "amount"): "How much a year comes from this source, in pounds.",
    ("benchmark", "respondent"): "Who answered: a service user, staff, a carer or the "
    "commissioner. All respondents are pooled in the scores.",
    ("benchmark", "statement"): "The benchmark statement's ID, as the benchmark numbers it "
    "(see the Statements sheet).",
    ("good_practice", "feature"): "The good-practice guide's key feature A1-A7, or B for "
    "outcomes (see the Features sheet).",
    ("good_practice", "rating"): "How strongly the service shows the feature.",
    ("good_practice", "evidence"): "What the rating rests on.",
    ("checklist", "question"): "One of the commissioners' key questions, in the checklist's "
    "words (every one is listed on the Checklist sheet).",
    ("checklist", "answer"): "How far you have done what the question asks.",
    ("checklist", "notes"): "Anything that explains the answer.",
    ("checklist", "year"): "The year the answer applies to.",
    ("services", "year"): "The financial year the row describes.",
    ("kpis", "provider"): "The provider making the return, as named on the Services sheet.",
    ("kpis", "quarter"): "The quarter of the financial year the return covers.",
    ("kpis", "kpi"): "The KPI's reference (see the KPI definitions sheet).",
    ("kpis", "value"): "The figure returned for that KPI and quarter.",
    ("targets", "outcome"): "The anticipated-outcome measure the target is for (see 'How the "
    "outcomes are measured' below).",
    ("targets", "target"): "The value you aim for: a share as 20% or 0.2, a count as 20.",
    ("targets", "year"): "The year by which you aim to reach it.",
}

_SHEET_NOTES = {
    "services": "Give each service's shares either as the % columns (each set adding up to "
    "100) or as the single category beside them (Setting, Activity focus, Support model): "
    "the first example row uses the shares, the second the categories.",
    "funding": "The sources of a service's money in a year should add up to its Annual "
    "funding on the Services sheet.",
    "benchmark": "Use the service names of the Services sheet. Type statement IDs as text, "
    "e.g. 2.10 (the column is formatted as text).",
    "good_practice": "Use the service names of the Services sheet; the features are on the "
    "Features sheet.",
    "checklist": "Every key question is listed: fill in the Answer of those you have "
    "considered (the first two are answered as examples) and leave the others blank until "
    "you have.",
    "kpis": "The KPIs' wording is on the KPI definitions sheet.",
    "targets": "Outcome is a measure's name, as listed under 'How the outcomes are "
    "measured' below.",
    "plan": "From must come after the Services sheet's latest year. A Commission gives the "
    "new service's Provider and Sector (and any other Services column); a Change gives only "
    "the columns that change. Add any other Services column as its heading on the Services "
    "sheet reads. Several plans side by side: a name each in Plan. The command line "
    "projects one: python -m dayserv plan PORTFOLIO --plan NAME.",
}

# Sheets in the template's order: the tables of figures, then the plan.
_TEMPLATE_SHEETS: dict[str, ContractSheet] = {**contract.TABLES, "plan": contract.PLAN}
_ANY_SERVICES_COLUMN = (
    "Any other Services column",
    "No",
    "As on the Services sheet",
    "Commission: the new service's value; Change: the service's new value (a blank cell "
    "changes nothing). A Change of Annual funding scales the service's Funding rows in "
    "proportion.",
)

_UNTIDY_FORMS = (
    "Years: 2024, 2024/25, 2024-25, 2024-2025 and FY2024/25 all mean the financial year "
    "2024/25. The Year columns are formatted as text so that Excel keeps what you type.",
    "Money: £12,500, 12,500.00, 12500 and £12.5k are all read as 12,500 pounds.",
    "Percentages: 40, 40% and 0.4 all mean 40%.",
    "Opening hours (Services columns Mon to Sun, also headed Monday, Tues, Thurs ...): "
    + "; ".join(hours.HOURS_FORMS)
    + ". A blank day is a closed day when the service gives hours for any other day; leave "
    "all seven blank if you do not know them. Evenings means open after 5pm on a weekday.",
    "Benchmark, long form (as on the Benchmark sheet): one row per answer with Service, Year, "
    "Respondent, Statement and Response. Wide form is equally valid: Service, Year, "
    "optional Respondent, then one column per statement ID (headed 1.1, 1.2a ... 8.3) with "
    "the responses in the cells.",
    "Statement IDs must be typed as text, e.g. 2.10 not 2.1: a spreadsheet that turns 2.10 "
    "into the number 2.1 makes the two impossible to tell apart, and such rows are reported "
    "rather than guessed.",
    "Sheet and column names may be in any case, with extra spaces or common synonyms "
    "(Provider type for Sector, Budget or Cost for Annual funding, Capacity for Places).",
    "Values in any case, spelt out or abbreviated: yd or Yes definitely for YD, n/a for N/A, "
    "Charity or VCSE for Voluntary, Council or LA for Local authority. The drop-downs only "
    "warn when you type something else.",
    "Title or notes rows above the headings, blank rows and a totals row are fine.",
)


# ---------------------------------------------------------------- small helpers


def _height(text: str, width: float) -> float:
    """A row height (points) that shows ``text`` wrapped in a column ``width`` characters wide."""
    lines = sum(max(1, math.ceil(len(line) / max(width, 1))) for line in text.split("\n"))
    return 15.0 * lines


def _widths(sheet: Sheet, widths: Iterable[float], styles: dict[int, Style] | None = None) -> None:
    for position, width in enumerate(widths):
        sheet.column(position, width, (styles or {}).get(position))


def _meaning(table: str, column: Column) -> str:
    if (table, column.name) in _MEANINGS:
        return _MEANINGS[(table, column.name)]
    if column.help:
        return column.help
    if column.kind == "year":
        return "The financial year the row describes."
    if column.name == "service":
        return "The service's name, as on the Services sheet."
    return ""


def _sheet_of(table: str) -> ContractSheet:
    return contract.PLAN if table == "plan" else contract.TABLES[table]


def _columns_of(table: str) -> tuple[Column, ...]:
    """The columns of a sheet as the template lays it out."""
    if table != "plan":
        return contract.TABLES[table].columns
    by_name = {c.name: c for c in contract.PLAN.columns}
    return tuple(by_name[name] for name in PLAN_COLUMNS)


def _required(table: str, column: Column) -> str:
    if table == "plan" and column.name in ("provider", "sector"):
        return "For a Commission"
    if table == "benchmark" and column.name == "statement":
        return "Yes (long form)"
    if column.expected:
        return "Yes (a row without it is kept, left out of the figures that need it)"
    return "Yes" if column.required else "No"


def _choices(column: Column) -> tuple[tuple[str, ...], bool]:
    """The drop-down values of a column, and whether to warn on a value not in the list."""
    if column.kind.startswith("category:") or column.kind == "response":
        return column.values, True
    if column.kind == "statement":
        return frameworks.STATEMENT_IDS, True
    if column.kind == "feature":
        return tuple(f.id for f in frameworks.FEATURES), True
    if column.kind == "kpi":
        return contract.KPI_IDS, True
    if column.kind == "measure":
        return contract.MEASURES, True
    if column.kind == "question":
        # Question IDs such as P1.1 are read too, so the list only helps, never warns.
        return tuple(q.text for q in frameworks.KEY_QUESTIONS), False
    return (), False


def _format_of(column: Column) -> str:
    """How a column's values are written, for the Instructions sheet."""
    kind = column.kind
    if kind.startswith("category:") or kind == "response":
        return "One of: " + ", ".join(column.values)
    return {
        "text": "Text",
        "year": "2024, 2024/25, 2024-25, 2024-2025 or FY2024/25",
        "money": "Pounds: 12500, £12,500 or £12.5k",
        "number": "A number",
        "percent": "0-100: 40, 40% or 0.4",
        "list": "Any of, separated by ; or ,: " + "; ".join(column.values),
        "statement": "A statement ID as text, e.g. 1.2a or 2.10 (see the Statements sheet)",
        "feature": "A1-A7 or B (see the Features sheet)",
        "question": "A key question's words, or its ID such as P1.1",
        "kpi": "R1-R12 (see the KPI definitions sheet)",
        "measure": "One of: " + ", ".join(contract.MEASURES),
        "target": "A number: a share as 20% or 0.2, a count as 20",
        "hours": "Opening hours: 09:00-17:00, 9am-5pm, 9-5, 10:00-14:00, 18:00-21:00, "
        "24 hours or closed",
    }.get(kind, kind)


class _Lists:
    """Drop-down sources: listed in the validation when short, else a column of the hidden
    Lists sheet."""

    def __init__(self) -> None:
        self.columns: dict[tuple[str, ...], tuple[str, str]] = {}  # values -> (name, range)

    def source(self, name: str, values: Sequence[str]) -> Sequence[str] | str:
        inline = '"' + ",".join(values) + '"'
        if len(inline) <= INLINE_LIST_LIMIT and not any(("," in v or '"' in v) for v in values):
            return values
        key = tuple(values)
        if key not in self.columns:
            where = workbook.list_range(LISTS_SHEET, len(self.columns), 1, len(values))
            self.columns[key] = (name, where)
        return self.columns[key][1]

    def write(self, book: workbook.Book) -> None:
        """Add the hidden Lists sheet holding the long lists (after every other sheet)."""
        sheet = book.sheet(LISTS_SHEET, hidden=True)
        for position, (values, (name, _)) in enumerate(self.columns.items()):
            sheet.column(position, 14)
            sheet.write(0, position, f"List: {name}", _BOLD)
            sheet.write_column(position, list(values), {"num_format": TEXT})


# ---------------------------------------------------------------- the sheets


def _data_sheet(book: workbook.Book, table: str, lists: _Lists) -> None:
    """A contract sheet: headings, example rows, text formats and drop-downs."""
    sheet = book.sheet(_sheet_of(table).name)
    columns = _columns_of(table)
    # The Checklist starts with the question's ID, for reference; the reader ignores it.
    offset = 1 if table == "checklist" else 0
    sheet.header(["ID"] * offset + [c.heading for c in columns], _HEADER)
    if offset:
        sheet.column(0, 8)

    rows = example_rows(table)
    widths: dict[int, float] = {}
    for position, column in enumerate(columns, start=offset):
        samples = [len(str(r.get(column.name, ""))) for r in rows]
        width = min(max([len(column.heading) + 4, 10, *samples]) + 2, 48)
        widths[position] = 90 if column.kind == "question" else width
        # Typed values stay text: 2.10 is not turned into 2.1, nor 2024/25 into a date.
        as_text = {"num_format": TEXT} if column.kind in ("year", "statement") else None
        sheet.column(position, widths[position], as_text)
        choices, warn = _choices(column)
        if choices:
            source = lists.source(column.heading, choices)
            sheet.drop_down(position, 1, LAST_ROW - 1, source, column.heading, warn=warn)

    for row_number, values in enumerate(rows, start=1):
        if "question_id" in values:
            sheet.write(row_number, 0, values["question_id"])
        heights = []
        for position, column in enumerate(columns, start=offset):
            value = values.get(column.name)
            if value is None:
                continue
            style: dict[str, object] = {}
            if column.kind in ("year", "statement"):
                style["num_format"] = TEXT
            elif column.kind == "money":
                style["num_format"] = MONEY
            elif column.kind == "target":
                style["num_format"] = "0%"
            if column.kind in ("question", "text") and len(str(value)) > 40:
                style.update(_WRAP)
                heights.append(_height(str(value), widths[position]))
            sheet.write(row_number, position, value, style or None)
        if heights:
            sheet.height(row_number, max(heights))
    sheet.freeze()


def _paragraph(sheet: Sheet, row: int, text: str, font: Style | None = None) -> int:
    """Write a paragraph across the Instructions sheet's columns; returns the next row."""
    sheet.merge(row, 0, 4, text, {**_WRAP, **(font or {})})
    sheet.height(row, _height(text, 165))
    return row + 1


def _instructions(sheet: Sheet) -> None:
    _widths(sheet, (22, 22, 10, 50, 70))
    row = _paragraph(sheet, 0, "Mental-health day services portfolio: workbook template", _TITLE)
    row = _paragraph(
        sheet,
        row,
        "This workbook is the format the day services dashboard reads: the mental-health day "
        "services you commission, one row per service per year, with the money behind them, "
        "their 'Where are you at?' self-assessments, good-practice ratings, your answers to "
        "the commissioners' key questions, providers' quarterly KPI returns and your own "
        "targets, and a re-commissioning plan to try out before deciding.",
    )
    row = _paragraph(
        sheet,
        row,
        "Only the Services sheet is required. Each other sheet is optional and switches on "
        "the views that use it: fill it in, or delete it if you do not have the data. Rows 2 "
        "and 3 of each sheet are examples (two made-up services): overwrite or delete them. "
        "Keep the headings in row 1; columns with a fixed list of values have a drop-down.",
    )
    row += 1
    row = _paragraph(sheet, row, "The sheets", _SUBTITLE)
    for table, contract_sheet in _TEMPLATE_SHEETS.items():
        status = "Required" if contract_sheet.required else "Optional"
        sheet.write(row, 0, contract_sheet.name, _BOLD)
        text = f"{status}. {contract_sheet.help} {_SHEET_NOTES.get(table, '')}".strip()
        sheet.merge(row, 1, 4, text, _WRAP)
        sheet.height(row, _height(text, 145))
        row += 1
    for name, text in (
        ("Statements", "Reference: the benchmark's 65 statements and its response key."),
        ("Features", "Reference: the good-practice guide's key features A1-A7 and B."),
        ("KPI definitions", "Reference: what each KPI R1-R12 measures."),
    ):
        sheet.write(row, 0, name, _BOLD)
        sheet.merge(row, 1, 4, text + " Not read by the dashboard.", {})
        row += 1

    row += 1
    row = _paragraph(sheet, row, "The columns", _SUBTITLE)
    sheet.header(
        ("Sheet", "Column", "Required", "Allowed values or format", "Meaning"), _HEADER, row
    )
    row += 1
    for table, contract_sheet in _TEMPLATE_SHEETS.items():
        rows = [
            (c.heading, _required(table, c), _format_of(c), _meaning(table, c))
            for c in _columns_of(table)
        ]
        if table == "plan":
            rows.append(_ANY_SERVICES_COLUMN)
        for cells in rows:
            values = (contract_sheet.name, *cells)
            sheet.write_row(row, values, _WRAP)
            sheet.height(row, max(_height(values[3], 48), _height(values[4], 68)))
            row += 1

    row += 1
    row = _paragraph(sheet, row, "Untidy forms that are read correctly", _SUBTITLE)
    for text in _UNTIDY_FORMS:
        row = _paragraph(sheet, row, "• " + text)

    row += 1
    row = _paragraph(sheet, row, "How the outcomes are measured", _SUBTITLE)
    row = _paragraph(
        sheet,
        row,
        "The dashboard computes a headline measure for each of the checklist's anticipated "
        "outcomes, per year, over the services in the current filter. Shares are fractions "
        "from 0 to 1.",
    )
    sheet.header(("Outcome", "Measure", "Direction", "Definition"), _HEADER, row)
    row += 1
    outcome_of = {m: o for o in frameworks.OUTCOMES for m in o.measures}
    for measure, definition in DEFINITIONS.items():
        outcome = outcome_of.get(measure)
        direction = {1: "up", -1: "down"}.get(DIRECTION.get(measure, 0), "")
        label = f"{outcome.id} {outcome.label}" if outcome else ""
        sheet.write_row(row, (label, measure, direction), _WRAP)
        sheet.merge(row, 3, 4, definition, _WRAP)
        sheet.height(row, _height(definition, 115))
        row += 1
    points = ", ".join(
        f"{r.code} = {r.points}" for r in frameworks.RESPONSES if r.points is not None
    )
    _paragraph(
        sheet,
        row + 1,
        f"Benchmark scores: {points} points; N/A and blanks are left out. A section's score "
        "for a service and year is the mean of its answered statements' points, divided by "
        "3, as a percentage (0-100), all respondents pooled.",
    )


def _statements(book: workbook.Book) -> None:
    sheet = book.sheet("Statements")
    sheet.header(("Statement ID", "Section", "Section name", "Statement"), _HEADER)
    _widths(sheet, (13, 9, 34, 90, 4, 10, 18, 8), {0: {"num_format": TEXT}})
    for row, statement in enumerate(frameworks.STATEMENTS, start=1):
        sheet.write(row, 0, statement.id, {"num_format": TEXT})
        sheet.write(row, 1, statement.section)
        sheet.write(row, 2, frameworks.section_name(statement.section))
        sheet.write(row, 3, statement.text, _WRAP)
        sheet.height(row, _height(statement.text, 95))
    sheet.write_row(0, ("Response", "Meaning", "Points"), _HEADER, first_column=5)
    for row, response in enumerate(frameworks.RESPONSES, start=1):
        points = "not scored" if response.points is None else response.points
        sheet.write_row(row, (response.code, response.words, points), first_column=5)
    sheet.freeze()


def _features(book: workbook.Book) -> None:
    sheet = book.sheet("Features")
    sheet.header(
        (
            "Feature",
            "Part",
            "Text",
            "Indicators of good practice",
            "Questions for providers",
            "Questions for service users",
        ),
        _HEADER,
    )
    _widths(sheet, (9, 13, 40, 60, 50, 50))
    for row, feature in enumerate(frameworks.FEATURES, start=1):
        values = (
            feature.id,
            feature.part,
            feature.text,
            "\n".join(feature.indicators),
            "\n".join(feature.provider_questions),
            "\n".join(feature.user_questions),
        )
        sheet.write_row(row, values, _WRAP)
        sheet.height(
            row, max(_height(values[3], 62), _height(values[4], 52), _height(values[5], 52))
        )
    sheet.freeze()


def _kpi_definitions(book: workbook.Book) -> None:
    sheet = book.sheet("KPI definitions")
    sheet.header(("KPI", "Measure"), _HEADER)
    _widths(sheet, (8, 110))
    for row, kpi in enumerate(frameworks.KPIS, start=1):
        sheet.write(row, 0, kpi.id)
        sheet.write(row, 1, kpi.measure, _WRAP)
    sheet.freeze()


def template_workbook() -> bytes:
    """The portfolio workbook template as .xlsx bytes, ready to download and fill in."""
    book = workbook.Book(properties={"title": "Day services portfolio template"})
    _instructions(book.sheet("Instructions"))
    lists = _Lists()
    for table in _TEMPLATE_SHEETS:
        _data_sheet(book, table, lists)
    _statements(book)
    _features(book)
    _kpi_definitions(book)
    lists.write(book)
    return book.close()

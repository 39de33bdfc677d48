"""The downloadable workbook template: its sheets, headings, drop-downs, reference tables,
and that its example rows load through the project's own reader."""

from __future__ import annotations

import io

import openpyxl
import pytest

from dayserv import contract, frameworks
from dayserv.figures.measures import DEFINITIONS
from dayserv.read.clean import load
from dayserv.read.reader import Source
from dayserv.share.template import LAST_ROW, template_workbook
from dayserv.share.template_examples import EXAMPLES

REFERENCE_SHEETS = ("Instructions", "Statements", "Features", "KPI definitions", "Lists")


@pytest.fixture(scope="module")
def data() -> bytes:
    return template_workbook()


@pytest.fixture(scope="module")
def book(data) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def portfolio(data):
    return load([Source("template.xlsx", data)])


def _validations(ws) -> dict[str, str]:
    """Column letter -> the list formula of the drop-down covering rows 2..LAST_ROW there."""
    out = {}
    for validation in ws.data_validations.dataValidation:
        assert validation.type == "list"
        for cell_range in validation.sqref.ranges:
            assert (cell_range.min_row, cell_range.max_row) == (2, LAST_ROW)
            assert cell_range.min_col == cell_range.max_col
            out[openpyxl.utils.get_column_letter(cell_range.min_col)] = validation.formula1
    return out


def _letter(ws, heading: str) -> str:
    for cell in ws[1]:
        if cell.value == heading:
            return cell.column_letter
    raise AssertionError(f"{heading!r} is not a heading of {ws.title}")


def _list_values(book, formula: str) -> list:
    """The values a list formula offers: inline, or read from the range it names."""
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet, cells = formula.split("!")
    ws = book[sheet.strip("'")]
    return [c.value for row in ws[cells.replace("$", "")] for c in row]


def test_sheets_present_in_order(book):
    names = book.sheetnames
    assert names[0] == "Instructions"
    assert names[1 : 1 + len(contract.SHEETS)] == [s.name for s in contract.SHEETS]
    assert set(REFERENCE_SHEETS) <= set(names)
    assert book["Lists"].sheet_state == "hidden"
    assert all(book[n].sheet_state == "visible" for n in names if n != "Lists")


@pytest.mark.parametrize("sheet", contract.SHEETS, ids=lambda s: s.name)
def test_every_contract_heading_in_row_one(book, sheet):
    ws = book[sheet.name]
    headings = [c.value for c in ws[1] if c.value is not None]
    for column in sheet.columns:
        assert column.heading in headings
    assert all(c.font.bold for c in ws[1] if c.value is not None)
    assert ws.freeze_panes == "A2"
    assert all(ws.column_dimensions[c.column_letter].width >= 8 for c in ws[1])


def test_services_has_shares_and_single_category_alternatives(book):
    headings = [c.value for c in book["Services"][1]]
    for heading in ("Building-based %", "Outreach %", "Mainstream %", "Setting"):
        assert heading in headings
    for heading in ("Social & leisure %", "Vocational %", "Activity focus"):
        assert heading in headings
    for heading in ("Group %", "Individual %", "Support model"):
        assert heading in headings


def test_every_categorical_column_has_a_drop_down(book):
    for sheet in contract.SHEETS:
        ws = book[sheet.name]
        validations = _validations(ws)
        for column in sheet.columns:
            if column.kind.startswith("category:") or column.kind in (
                "statement",
                "response",
                "feature",
                "kpi",
                "measure",
            ):
                assert _letter(ws, column.heading) in validations, (sheet.name, column.heading)


@pytest.mark.parametrize(
    ("sheet", "heading", "values"),
    [
        ("Services", "Sector", contract.vocabulary("sector")),
        ("Services", "User run", contract.vocabulary("yes_partly_no")),
        ("Services", "Weekends", contract.vocabulary("yesno")),
        ("Funding", "Source", contract.vocabulary("source")),
        ("Benchmark", "Respondent", contract.RESPONDENTS),
        ("Benchmark", "Response", contract.RESPONSES),
        ("GoodPractice", "Feature", ("A1", "A2", "A3", "A4", "A5", "A6", "A7", "B")),
        ("GoodPractice", "Rating", contract.RATINGS),
        ("Checklist", "Answer", contract.ANSWERS),
        ("KPIs", "Quarter", contract.QUARTERS),
        ("KPIs", "KPI", contract.KPI_IDS),
        ("Targets", "Outcome", contract.MEASURES),
    ],
)
def test_drop_down_values(book, sheet, heading, values):
    ws = book[sheet]
    formula = _validations(ws)[_letter(ws, heading)]
    assert _list_values(book, formula) == list(values)


def test_statement_drop_down_reads_65_ids_from_lists_sheet(book):
    ws = book["Benchmark"]
    formula = _validations(ws)[_letter(ws, "Statement")]
    assert formula.startswith("'Lists'!") or formula.startswith("Lists!")
    ids = _list_values(book, formula)
    assert ids == list(frameworks.STATEMENT_IDS)
    assert len(ids) == 65
    assert "2.10" in ids and all(isinstance(i, str) for i in ids)


def test_inline_lists_fit_excel_limit(book):
    for sheet in contract.SHEETS:
        for formula in _validations(book[sheet.name]).values():
            if formula.startswith('"'):
                assert len(formula) <= 255
            else:
                assert "Lists" in formula


def test_statement_and_year_columns_are_text(book):
    ws = book["Benchmark"]
    assert ws.column_dimensions[_letter(ws, "Statement")].number_format == "@"
    assert ws["D3"].value == "2.10" and ws["D3"].number_format == "@"
    for sheet in contract.SHEETS:
        ws = book[sheet.name]
        letter = _letter(ws, "Year")
        assert ws.column_dimensions[letter].number_format == "@", sheet.name


def test_statements_reference_sheet(book):
    ws = book["Statements"]
    ids = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    ids = [i for i in ids if i is not None]
    assert len(ids) == 65
    assert ids == list(frameworks.STATEMENT_IDS)
    assert all(isinstance(i, str) for i in ids)
    assert "2.10" in ids and "1.2a" in ids
    texts = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=4).value for r in range(2, 67)}
    assert texts["2.10"] == next(s.text for s in frameworks.STATEMENTS if s.id == "2.10")
    key = {ws.cell(row=r, column=6).value: ws.cell(row=r, column=7).value for r in range(2, 7)}
    assert key == {r.code: r.words for r in frameworks.RESPONSES}


def test_checklist_lists_every_key_question(book):
    ws = book["Checklist"]
    question = _letter(ws, "Question")
    answer = _letter(ws, "Answer")
    rows = range(2, 2 + len(frameworks.KEY_QUESTIONS))
    assert [ws[f"{question}{r}"].value for r in rows] == [q.text for q in frameworks.KEY_QUESTIONS]
    assert [ws[f"A{r}"].value for r in rows] == [q.id for q in frameworks.KEY_QUESTIONS]
    answers = [ws[f"{answer}{r}"].value for r in rows]
    assert answers[:2] == [row["answer"] for row in EXAMPLES["checklist"]]
    assert all(a is None for a in answers[2:])


def test_features_and_kpi_reference_sheets(book):
    ws = book["Features"]
    assert [ws.cell(row=r, column=1).value for r in range(2, 10)] == [
        f.id for f in frameworks.FEATURES
    ]
    a1 = frameworks.FEATURES[0]
    assert ws["C2"].value == a1.text
    assert ws["D2"].value.split("\n") == list(a1.indicators)
    ws = book["KPI definitions"]
    assert [(ws[f"A{r}"].value, ws[f"B{r}"].value) for r in range(2, 14)] == [
        (k.id, k.measure) for k in frameworks.KPIS
    ]


def test_instructions_cover_sheets_columns_forms_and_measures(book):
    ws = book["Instructions"]
    text = "\n".join(str(c.value) for row in ws.iter_rows() for c in row if c.value is not None)
    assert "Only the Services sheet is required" in text
    for sheet in contract.SHEETS:
        assert sheet.help in text
    rows = [tuple(c.value for c in row[:3]) for row in ws.iter_rows()]
    for sheet in contract.SHEETS:
        for column in sheet.columns:
            assert any(r[0] == sheet.name and r[1] == column.heading for r in rows), column
    for form in ("2024-2025", "FY2024/25", "£12.5k", "40%", "0.4", "wide form", "2.10 not 2.1"):
        assert form in text
    for measure, definition in DEFINITIONS.items():
        assert measure in text and definition in text


def test_examples_are_consistent(book):
    services = {r["service"]: r for r in EXAMPLES["services"]}
    assert len(services) == 2
    for table in ("funding", "benchmark", "good_practice"):
        assert {r["service"] for r in EXAMPLES[table]} == set(services)
    for name, row in services.items():
        paid = sum(r["amount"] for r in EXAMPLES["funding"] if r["service"] == name)
        assert paid == row["funding"]
    providers = {r["provider"] for r in EXAMPLES["services"]}
    assert {r["provider"] for r in EXAMPLES["kpis"]} == providers


def test_template_examples_load(portfolio):
    services = portfolio.services
    assert len(services) == len(EXAMPLES["services"]) == 2
    assert sorted(services["service"]) == sorted(r["service"] for r in EXAMPLES["services"])
    assert services["user_run"].tolist() == ["No", "Yes"]
    shares = services[["building_pct", "outreach_pct", "mainstream_pct"]].sum(axis=1)
    assert shares.tolist() == [100.0, 100.0]
    assert services.loc[1, "mainstream_pct"] == 100.0  # from Setting = Mainstream
    assert len(portfolio.funding) == 2
    assert portfolio.benchmark["statement"].astype(str).tolist() == ["1.1", "2.10"]
    assert len(portfolio.tables["good_practice"]) == 2
    checklist = portfolio.tables["checklist"]
    assert checklist["question_id"].tolist() == [q.id for q in frameworks.KEY_QUESTIONS]
    answers = checklist["answer"].tolist()
    assert answers[:2] == [row["answer"] for row in EXAMPLES["checklist"]]
    assert checklist["answer"].iloc[2:].isna().all()
    assert len(portfolio.tables["kpis"]) == 2
    assert portfolio.tables["targets"]["target"].tolist() == [0.2, 0.4]


def test_template_examples_load_without_errors(portfolio):
    problems = portfolio.problems
    errors = problems[problems["severity"] == "error"]
    assert errors.empty, errors.to_dict("records")[:3]
    warnings = problems[problems["severity"] == "warning"]
    assert warnings.empty, warnings.to_dict("records")[:3]


def test_reference_sheets_are_not_read_as_data_when_optional_sheets_are_deleted():
    """A user may delete the optional sheets; the reference sheets must not stand in for them."""
    trimmed = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    for sheet in contract.SHEETS:
        if not sheet.required:
            del trimmed[sheet.name]
    buffer = io.BytesIO()
    trimmed.save(buffer)
    portfolio = load([Source("template.xlsx", buffer.getvalue())])
    assert list(portfolio.sheets) == ["services", "plan"]  # the kept Plan sheet is the plan
    assert (portfolio.problems["severity"] != "error").all()

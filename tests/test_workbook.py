"""The one workbook writer: every .xlsx dayserv makes (export, checklist workbook, template,
synthetic portfolio) goes through dayserv.share.workbook, with text kept as text."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter

from dayserv import synthetic
from dayserv.share import checklist_workbook, export, template, template_examples, workbook

DAYSERV = Path(__file__).resolve().parents[1] / "dayserv"
HOSTILE = '=HYPERLINK("http://evil.example","click")'


def _checklist_rows(notes: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "question_id": ["P1.1"],
            "question": ["A question"],
            "answer": ["Yes"],
            "notes": [notes],
            "year": ["2024/25"],
        },
        dtype="string",
    )


def _template_with_service(monkeypatch, name: str) -> bytes:
    first, *others = template_examples.EXAMPLES["services"]
    monkeypatch.setitem(
        template_examples.EXAMPLES, "services", ({**first, "service": name}, *others)
    )
    return template.template_workbook()


def _synthetic(tmp_path: Path, name: str) -> bytes:
    path = tmp_path / "synthetic.xlsx"
    synthetic.write_workbook({"Services": pd.DataFrame({"Service": [name]})}, path)
    return path.read_bytes()


def _every_workbook(monkeypatch, tmp_path, text: str) -> dict[str, tuple[bytes, str, str]]:
    """{writer: (its workbook, the sheet and cell where ``text`` was written)}."""
    return {
        "export": (xlsx_export(text), "Services", "A2"),
        "checklist": (
            checklist_workbook.portfolio_workbook({}, _checklist_rows(text), "mine.xlsx"),
            "Checklist",
            "D2",  # ID, Question, Answer, Notes
        ),
        "template": (_template_with_service(monkeypatch, text), "Services", "A2"),
        "synthetic": (_synthetic(tmp_path, text), "Services", "A2"),
    }


def xlsx_export(text: str) -> bytes:
    return export.xlsx_bytes(pd.DataFrame({"Service": [text]}), [], "Services")


def test_every_workbook_is_made_with_the_safe_options(monkeypatch, tmp_path):
    opened: list[dict] = []
    real = xlsxwriter.Workbook

    def recording(target, options=None):
        opened.append(dict(options or {}))
        return real(target, options)

    monkeypatch.setattr(xlsxwriter, "Workbook", recording)
    made = _every_workbook(monkeypatch, tmp_path, "plain")
    assert len(opened) == len(made) == 4
    for options in opened:
        assert options.items() >= workbook.SAFE_OPTIONS.items()


def test_formula_like_text_from_every_writer_comes_back_as_text_behind_the_quote_prefix(
    monkeypatch, tmp_path
):
    for writer, (data, sheet, where) in _every_workbook(monkeypatch, tmp_path, HOSTILE).items():
        cell = openpyxl.load_workbook(io.BytesIO(data))[sheet][where]
        assert cell.value == HOSTILE, writer
        assert cell.data_type == "s", writer  # never a formula
        assert cell.quotePrefix, writer
        assert cell.hyperlink is None, writer


def test_numbers_like_text_and_links_stay_text():
    book = workbook.Book()
    sheet = book.sheet("T")
    sheet.write_row(0, ["2.10", "http://example.org", "007", "-", "", None, 3, 2.5, True])
    ws = openpyxl.load_workbook(io.BytesIO(book.close()))["T"]
    cells = ws[1]
    assert [c.value for c in cells[:4]] == ["2.10", "http://example.org", "007", "-"]
    assert all(c.data_type == "s" and c.hyperlink is None for c in cells[:4])
    assert [c.quotePrefix for c in cells[:4]] == [False, False, False, True]
    assert [c.value for c in cells[4:]] == [None, None, 3, 2.5, True]


def test_a_quoted_cell_keeps_its_columns_format():
    book = workbook.Book()
    sheet = book.sheet("T")
    sheet.column(0, 12, {"num_format": workbook.TEXT})
    sheet.write_column(0, ["=1", "2024/25", None])
    ws = openpyxl.load_workbook(io.BytesIO(book.close()))["T"]
    assert ws.column_dimensions["A"].number_format == "@"
    assert ws["A2"].quotePrefix and ws["A2"].number_format == "@"
    assert ws["A3"].value == "2024/25" and ws["A4"].value is None


def test_drop_downs_and_a_hidden_sheet():
    book = workbook.Book(properties={"title": "T"})
    sheet = book.sheet("Data")
    sheet.drop_down(0, 1, 9, ["Yes", "No"], "Answer")
    sheet.drop_down(1, 1, 9, workbook.list_range("Lists", 0, 1, 3), "Long", warn=False)
    book.sheet("Lists", hidden=True).write_column(0, ["a", "b", "c"])
    read = openpyxl.load_workbook(io.BytesIO(book.close()))
    assert read.properties.title == "T"
    assert read["Lists"].sheet_state == "hidden"
    short, long = read["Data"].data_validations.dataValidation
    assert (str(short.sqref), short.formula1, short.errorStyle) == ("A2:A10", '"Yes,No"', "warning")
    assert short.showErrorMessage and not long.showErrorMessage
    assert (str(long.sqref), long.formula1) == ("B2:B10", "Lists!$A$2:$A$4")


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "path", sorted(DAYSERV.rglob("*.py")), ids=lambda p: str(p.relative_to(DAYSERV))
)
def test_only_the_writer_touches_xlsxwriter_and_nothing_needs_openpyxl(path):
    found = _imports(path)
    assert "openpyxl" not in found and "odf" not in found
    if path.name != "workbook.py":
        assert "xlsxwriter" not in found

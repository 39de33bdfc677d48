"""CSV and xlsx exports: safe to open in Excel, numbers stay numbers, and £ survives."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from openpyxl.utils.escape import unescape

from dayserv.share.export import (
    FORMULA_STARTS,
    CannotExport,
    about_text,
    csv_bytes,
    excel_sheet_name,
    failure_sentence,
    safe_cell,
    safe_frame,
    xlsx_bytes,
    zip_bytes,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20 7946 0000", "'+44 20 7946 0000"),
        ("-5", "'-5"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Eastbrook Mind", "Eastbrook Mind"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_run_gets_an_apostrophe(value, expected):
    assert safe_cell(value) == expected


@pytest.mark.parametrize("value", [-5, -2.5, 0, 12500.0, None, True])
def test_numbers_and_blanks_are_untouched(value):
    assert safe_cell(value) is value


def test_safe_frame_neutralises_text_cells_and_headings_only():
    frame = pd.DataFrame(
        {
            "Service": ["=cmd|' /C calc'!A0", "Drop-in café"],
            "Change": [-3.5, 2.0],
            "Severity": pd.Categorical(["error", "-note"]),
            "=Heading": ["@x", pd.NA],
        }
    )
    safe = safe_frame(frame)

    assert list(safe.columns) == ["Service", "Change", "Severity", "'=Heading"]
    assert safe["Service"].tolist() == ["'=cmd|' /C calc'!A0", "Drop-in café"]
    assert safe["Change"].tolist() == [-3.5, 2.0]
    assert safe["Severity"].tolist() == ["error", "'-note"]
    assert safe["'=Heading"].iloc[0] == "'@x"
    assert frame["Service"].iloc[0] == "=cmd|' /C calc'!A0"  # the input is not changed


def test_csv_bytes_are_utf8_with_a_bom_and_safe():
    frame = pd.DataFrame({"Service": ["+Peer hub", "Café"], "Annual funding": ["£12,500", 3]})
    data = csv_bytes(frame)

    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "£12,500" in text
    back = pd.read_csv(io.StringIO(text), dtype=str)
    assert back["Service"].tolist() == ["'+Peer hub", "Café"]
    assert list(back.columns) == ["Service", "Annual funding"]


def test_csv_bytes_can_keep_the_index_as_a_column():
    frame = pd.DataFrame(
        {"services": [32, 40]}, index=pd.Index(["2022/23", "2025/26"], name="year")
    )
    text = csv_bytes(frame, index=True).decode("utf-8-sig")
    assert text.splitlines()[0] == "year,services"
    assert "2025/26,40" in text


# ---------------------------------------------------------------- xlsx

FORMULA_LOOKING = [
    '=HYPERLINK("http://x","click")',
    "+44 20 7946 0000",
    "-5",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "{=SUM(A1)}",
]


def _workbook(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _unsafe_cells(book: openpyxl.Workbook) -> list[tuple[str, str, object]]:
    """Cells Excel would run: formulas, or text starting with =, +, -, @, tab or CR that is
    not marked with Excel's quote prefix."""
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str)
                    and cell.value.startswith(FORMULA_STARTS)
                    and not cell.quotePrefix
                ):
                    found.append((sheet.title, cell.coordinate, cell.value))
    return found


def _formula_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Service": FORMULA_LOOKING,
            "Annual funding (£)": [12500.5, None, 3, 0, -250.0, 1e6, 7],
            "People supported": ["<5", 12, None, 40, 3.5, "-", "=1"],
            "=Heading": ["Café", "a=b", "", None, "ok", "£12", "x"],
            "Flag": [True, False, True, False, True, False, True],
        }
    )


ABOUT = [
    ("Source file", "=cmd|' /C calc'!A0.xlsx"),
    ("Filters", "locality North"),
    ("+Label", "-value"),
    ("", ""),
    ("Measure", "Definition"),
]


def test_xlsx_has_the_table_and_an_about_sheet():
    book = _workbook(xlsx_bytes(_formula_frame(), ABOUT, "Services"))

    assert book.sheetnames == ["Services", "About this export"]
    table = book["Services"]
    assert [c.value for c in table[1]] == [
        "Service",
        "Annual funding (£)",
        "People supported",
        "=Heading",
        "Flag",
    ]
    assert table["D1"].quotePrefix and not table["A1"].quotePrefix
    assert table.freeze_panes == "A2"
    assert table.auto_filter.ref == "A1:E8"
    assert table.max_row == 8
    about = book["About this export"]
    rows = [(a.value, b.value) for a, b in about.iter_rows(max_col=2)]
    assert rows[0] == ("Source file", "=cmd|' /C calc'!A0.xlsx")
    assert rows[1] == ("Filters", "locality North")
    assert rows[2] == ("+Label", "-value")
    assert about["B1"].quotePrefix and about["A3"].quotePrefix and about["B3"].quotePrefix
    assert not about["B2"].quotePrefix
    assert rows[3] == (None, None)
    assert rows[4] == ("Measure", "Definition")


def test_no_cell_of_either_sheet_is_a_formula_or_starts_like_one():
    book = _workbook(xlsx_bytes(_formula_frame(), ABOUT, "Services"))

    assert _unsafe_cells(book) == []
    # Control characters are stored escaped (_x000D_), as the xlsx format has them.
    column = [unescape(c.value) for c in book["Services"]["A"][1:]]
    assert column == FORMULA_LOOKING  # as typed: Excel's quote prefix, not an apostrophe
    assert all(c.data_type == "s" for c in book["Services"]["A"])
    assert [c.quotePrefix for c in book["Services"]["A"][1:]] == [
        v.startswith(FORMULA_STARTS) for v in FORMULA_LOOKING
    ]


def test_xlsx_numbers_stay_numbers_and_money_is_shown_in_pounds():
    table = _workbook(xlsx_bytes(_formula_frame(), ABOUT, "Services"))["Services"]

    funding = table["B"]
    assert [c.value for c in funding[1:]] == [12500.5, None, 3, 0, -250, 1e6, 7]
    assert all(c.data_type == "n" for c in funding[1:])
    assert funding[1].number_format == "£#,##0.00"
    people = [(c.value, c.data_type) for c in table["C"][1:]]
    assert people[:3] == [("<5", "s"), (12, "n"), (None, "n")]
    assert people[5:] == [("-", "s"), ("=1", "s")]
    assert table["C7"].quotePrefix and table["C8"].quotePrefix and not table["C2"].quotePrefix
    assert [c.value for c in table["E"][1:3]] == [True, False]
    assert table["D3"].value == "a=b" and table["D4"].value is None


def test_xlsx_number_formats_can_be_given_by_heading():
    frame = pd.DataFrame({"Year": ["2024/25"], "User-run share": [0.153]})
    table = _workbook(xlsx_bytes(frame, [], "Measures", number_formats={"User-run share": "0.0%"}))[
        "Measures"
    ]
    assert table["B2"].value == 0.153 and table["B2"].number_format == "0.0%"
    assert table["A2"].value == "2024/25" and table["A2"].data_type == "s"  # not a number


def test_xlsx_columns_are_wide_enough_but_not_too_wide():
    frame = pd.DataFrame({"Service": ["x" * 200], "Id": ["a"], "Annual funding (£)": [1.0]})
    table = _workbook(xlsx_bytes(frame, [], "T"))["T"]
    assert table.column_dimensions["A"].width <= 61
    assert 8 <= table.column_dimensions["B"].width < 12
    assert table.column_dimensions["C"].width >= len("Annual funding (£)")


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Services", "Services"),
        ("Performance returns (KPIs)", "Performance returns (KPIs)"),
        ("a/b:c*d?[e]", "a b c d  e"),
        ("'quoted'", "quoted"),
        ("x" * 40, "x" * 31),
        ("", "Table"),
    ],
)
def test_sheet_names_are_ones_excel_accepts(name, expected):
    assert excel_sheet_name(name) == expected


def test_an_empty_table_still_makes_a_workbook():
    frame = pd.DataFrame({"Service": pd.Series(dtype="string")})
    book = _workbook(xlsx_bytes(frame, [("Rows", "0")], "Services"))
    assert [c.value for c in book["Services"][1]] == ["Service"]
    assert book["About this export"]["B1"].value == "0"


def test_a_table_too_big_for_excel_is_refused(monkeypatch):
    import dayserv.share.export

    monkeypatch.setattr(dayserv.share.export, "XLSX_MAX_ROWS", 2)
    with pytest.raises(ValueError, match="more than an Excel sheet holds"):
        xlsx_bytes(pd.DataFrame({"a": [1, 2, 3]}), [], "T")


def test_xlsx_keeps_formula_like_text_as_typed_behind_excels_quote_prefix():
    frame = pd.DataFrame(
        {
            "Change": ["-2+3", "=1+1", "@home", "+44 1", "\t=x", "plain", None],
            "Count": [1, 2.5, -3, 0, None, -2, 7],
        }
    )
    sheet = _workbook(xlsx_bytes(frame, [], "T"))["T"]

    cells = sheet["A"][1:]
    assert [unescape(c.value) if c.value else c.value for c in cells] == [
        *frame["Change"][:6],
        None,
    ]
    assert [c.data_type for c in cells[:6]] == ["s"] * 6
    assert [c.quotePrefix for c in cells[:6]] == [True, True, True, True, True, False]
    assert cells[0].value == "-2+3"  # no apostrophe inside the value
    counts = sheet["B"][1:]
    assert [c.value for c in counts] == [1, 2.5, -3, 0, None, -2, 7]
    assert all(c.data_type == "n" for c in counts)
    assert not any(c.quotePrefix for c in counts)


def test_csv_still_guards_formula_like_text_with_an_apostrophe():
    text = csv_bytes(pd.DataFrame({"Change": ["-2+3"], "Count": [-2]})).decode("utf-8-sig")
    assert text.splitlines()[1] == "'-2+3,-2"


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (
            CannotExport("2,000,000 rows are more than an Excel sheet holds."),
            "The Excel file could not be made: 2,000,000 rows are more than an Excel sheet holds.",
        ),
        (MemoryError(), "The Excel file could not be made: it needs more memory than"),
        (
            ValueError("exceeded 255 char limit for property"),
            "The Excel file could not be made because of a fault in dayserv, not in your data",
        ),
    ],
)
def test_a_file_that_cannot_be_made_says_why_in_one_sentence(error, sentence):
    words = failure_sentence("The Excel file", error)
    assert words.startswith(sentence)
    assert words.endswith(".") and words.count(". ") == 0
    assert "255" not in words and "Traceback" not in words


def test_the_about_text_beside_a_csv_says_what_the_about_sheet_says():
    about = [
        ("Table", "Services"),
        ("Source file", "=evil.xlsx"),
        ("Search", ""),
        ("", ""),
        ("Measure", "Definition"),
        ("Diversity", "word " * 40),
        ("", "=cmd|' /C calc'!A0"),
    ]
    text = about_text(about)
    lines = text.splitlines()
    assert lines[:2] == ["About this export", ""]
    assert "Table: Services" in lines
    assert "Source file: =evil.xlsx" in lines  # a label first: nothing a spreadsheet runs
    assert "Search" in lines  # a label without its value stands alone
    assert "" in lines[4:]  # the blank row before the definitions
    assert lines[lines.index("Measure: Definition") + 1] == "Diversity: " + " ".join(["word"] * 40)
    assert lines[-1] == "'=cmd|' /C calc'!A0"
    assert not [line for line in lines if line.startswith(FORMULA_STARTS)]


def test_a_zip_holds_each_file_as_given():
    data = zip_bytes({"a.csv": b"x,y\n1,2\n", "a_about.txt": "£ and é".encode()})
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["a.csv", "a_about.txt"]
        assert archive.read("a.csv") == b"x,y\n1,2\n"
        assert archive.read("a_about.txt").decode() == "£ and é"
        assert archive.testzip() is None

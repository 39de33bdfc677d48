"""CSV exports: safe to open in Excel, and £ survives."""

from __future__ import annotations

import io

import pandas as pd
import pytest

from dayserv.export import csv_bytes, safe_cell, safe_frame


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

"""The portfolio's tables for analysts: every tidy table and the measures per year, with
headings people read, searchable, and ready to export.

The Data page and ``python -m dayserv export`` go through the same functions, so a table
downloaded from the page and one written on the command line hold the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dayserv import contract
from dayserv.figures import overview
from dayserv.figures.formats import measure_name
from dayserv.figures.measures import DEFINITIONS, yearly_measures
from dayserv.figures.publication import Publication
from dayserv.share import export
from dayserv.share.provenance import Provenance

FORMATS = ("csv", "xlsx")
SCREEN_ROWS = 50_000  # rows a browser can be sent and still scroll; the downloads hold all
MONEY_FORMAT = export.MONEY_FORMAT
SHARE_FORMAT = "0.0%"


@dataclass(frozen=True)
class AnalystTable:
    """One table of the catalogue: what it is called, what a row is, how the filters act."""

    label: str
    description: str
    filter_note: str
    filtered: bool = True  # whether the sidebar's filters narrow it


_BY_SERVICE = "Narrowed to the services and years the sidebar's filters keep."
_NOT_FILTERED = (
    "The sidebar's filters do not narrow this table: its rows are the portfolio's own, "
    "not a service's, so every row is shown whatever the filters."
)

CATALOGUE: dict[str, AnalystTable] = {
    "services": AnalystTable(
        "Services",
        "A row per service and year, as read from the Services sheet.",
        "Narrowed by the sidebar's filters.",
    ),
    "funding": AnalystTable(
        "Funding",
        "A row per service, year and source of money (the Funding sheet).",
        _BY_SERVICE,
    ),
    "benchmark": AnalystTable(
        "Benchmark answers",
        'A row per answer to a "Where are you at?" statement (the Benchmark sheet, in long '
        "form whichever form it was written in); points: YD 3, YAB 2, NP 1, NAA 0.",
        _BY_SERVICE,
    ),
    "good_practice": AnalystTable(
        "Good practice",
        "A row per service, year and key feature (the GoodPractice sheet).",
        _BY_SERVICE,
    ),
    "checklist": AnalystTable(
        "Commissioners' checklist",
        "A row per key question, with its ID, answer and notes (the Checklist sheet).",
        _NOT_FILTERED,
        filtered=False,
    ),
    "kpis": AnalystTable(
        "Performance returns (KPIs)",
        "A row per provider, year, quarter and KPI (the KPIs sheet).",
        "Narrowed to the years the sidebar's filters keep and to the providers of the "
        "services they keep.",
    ),
    "targets": AnalystTable(
        "Targets",
        "A row per target for a measure (the Targets sheet).",
        _NOT_FILTERED,
        filtered=False,
    ),
    "measures": AnalystTable(
        "Measures per year",
        "A row per year: the anticipated outcomes' measures over the services shown, the "
        "same figures as `python -m dayserv measures` (shares as fractions of 1).",
        "Worked out over the services the sidebar's filters keep.",
    ),
}

# Columns that are not in the workbook's format but that the tidy tables carry.
EXTRA_HEADINGS = {
    "row": "Spreadsheet row",
    "question_id": "Question ID",
    "section": "Section",
    "points": "Points",
}


def label(name: str) -> str:
    """The table's name for people, e.g. "good_practice" -> "Good practice"."""
    return CATALOGUE[name].label


def heading(name: str, column: str) -> str:
    """A column's heading for people: the workbook's own heading (money marked £), the
    measure's plain name, or the tidy name made readable."""
    if name == "measures":
        if column == "year":
            return "Year"
        if column == "weighting":
            return "Shares weighted by"
        return measure_name(column)
    if column in EXTRA_HEADINGS:
        return EXTRA_HEADINGS[column]
    sheet = contract.TABLES.get(name)
    for col in sheet.columns if sheet else ():
        if col.name == column:
            return f"{col.heading} (£)" if col.kind == "money" else col.heading
    return str(column).replace("_", " ").capitalize()


def analyst_table(tables: dict[str, pd.DataFrame], name: str) -> pd.DataFrame:
    """The table ``name`` with readable headings, in reading order, the spreadsheet row last.

    ``tables`` are the portfolio's tidy tables (filtered or not); "measures" is the yearly
    measures of its services and funding, with the year as a column.
    """
    if name not in CATALOGUE:
        raise KeyError(name)
    if name == "measures":
        frame = yearly_measures(tables["services"], tables["funding"]).reset_index()
        frame["year"] = frame["year"].astype("string")
    else:
        frame = tables[name]
        columns = [c for c in frame.columns if c != "row"]
        frame = frame[columns + (["row"] if "row" in frame.columns else [])]
    frame = frame.rename(columns={c: heading(name, c) for c in frame.columns})
    return whole_numbers(frame)


def whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Decimal columns that hold only whole numbers as integers, so 12500 is not 12500.0."""
    whole = {}
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_float_dtype(values):
            known = values.to_numpy("float64", na_value=np.nan)
            known = known[~np.isnan(known)]
            if known.size and (known % 1 == 0).all() and np.abs(known).max() < 2**53:
                whole[column] = "Int64"
    return frame.astype(whole) if whole else frame


def published(tables: dict[str, pd.DataFrame], name: str, publication: Publication) -> pd.DataFrame:
    """The analyst table as it may be shown: counts of people hidden in publication mode."""
    return publication.table(analyst_table(tables, name))


def search(frame: pd.DataFrame, text: str) -> pd.DataFrame:
    """The rows holding ``text`` in any column, ignoring case (all rows for blank text)."""
    text = (text or "").strip()
    if not text or frame.empty:
        return frame
    found = np.zeros(len(frame), dtype=bool)
    has_digit = any(ch.isdigit() for ch in text)
    for column in frame.columns:
        values = frame[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            # Search each category once, not each row.
            hits = values.cat.categories.astype(str).str.contains(text, case=False, regex=False)
            codes = values.cat.codes.to_numpy()
            found |= np.asarray(hits, dtype=bool)[codes] & (codes >= 0)
        elif pd.api.types.is_numeric_dtype(values) and not has_digit:
            continue  # a number written out holds digits, so it cannot match
        else:
            text_values = values.astype("string")
            if not pd.api.types.is_string_dtype(values):
                # Whole numbers are searched as written on screen: 12500.0 as 12500.
                text_values = text_values.str.replace(r"\.0$", "", regex=True)
            hit = text_values.str.contains(text, case=False, regex=False)
            found |= hit.fillna(False).to_numpy(dtype=bool)
    return frame.loc[found]


def choose_columns(frame: pd.DataFrame, columns: list[str] | None) -> pd.DataFrame:
    """The chosen columns in the table's own order (every column when ``columns`` is None)."""
    if columns is None:
        return frame
    chosen = set(columns)
    return frame[[c for c in frame.columns if c in chosen]]


def unknown_columns(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """The asked-for headings the table does not have (matched ignoring case)."""
    known = {str(c).lower() for c in frame.columns}
    return [c for c in columns if c.lower() not in known]


def match_columns(frame: pd.DataFrame, columns: list[str]) -> list[str]:
    """The table's headings for ``columns`` as someone typed them (any case)."""
    wanted = {c.lower() for c in columns}
    return [c for c in frame.columns if str(c).lower() in wanted]


def narrow(frame: pd.DataFrame, columns: list[str] | None, text: str) -> pd.DataFrame:
    """What the Data page shows and exports: the chosen columns, the rows holding the text."""
    return search(choose_columns(frame, columns), text)


def for_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows the page draws: at most SCREEN_ROWS, and columns mixing text and numbers
    (a count shown as "<5" among numbers) as text, which a browser table can hold."""
    return text_where_mixed(frame.head(SCREEN_ROWS))


def text_where_mixed(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns mixing text and numbers (a count shown as "<5" among numbers) as text, which
    a browser table can hold."""
    mixed = [c for c, dtype in frame.dtypes.items() if pd.api.types.is_object_dtype(dtype)]
    return frame.astype(dict.fromkeys(mixed, "string")) if mixed else frame


def total_rows(tables: dict[str, pd.DataFrame], name: str) -> int:
    """The rows of the table in the whole portfolio, before any filter."""
    if name == "measures":
        return int(tables["services"]["year"].nunique())
    return len(tables[name])


def rows_words(shown: int, in_view: int, total: int, text: str = "", filtered: bool = True) -> str:
    """How many rows are shown and why, e.g. "12 of 148 rows: 29 after the sidebar's
    filters, 12 of them containing "peer"."""
    text = (text or "").strip()
    words = f"{shown:,} of {total:,} rows"
    narrowed = filtered and in_view != total
    if narrowed and text:
        return (
            f"{words}: {in_view:,} after the sidebar's filters, "
            f'{shown:,} of them containing "{text}"'
        )
    if narrowed:
        return f"{words}, after the sidebar's filters"
    if text:
        return f'{words} containing "{text}"'
    return words


def number_formats(name: str, frame: pd.DataFrame) -> dict[str, str]:
    """Excel number formats by heading: money in pounds, the measures' shares as %."""
    formats = {}
    for column in frame.columns:
        text = str(column)
        if "(£)" in text:
            formats[column] = MONEY_FORMAT
        elif name == "measures" and "share" in text.lower():
            formats[column] = SHARE_FORMAT
    return formats


def screen_formats(name: str, frame: pd.DataFrame) -> dict[str, str]:
    """How the Data page shows numbers, by heading: money in pounds, shares as %."""
    screen = {MONEY_FORMAT: "£%,.2f", SHARE_FORMAT: "percent"}
    return {column: screen[fmt] for column, fmt in number_formats(name, frame).items()}


def _blank(values: pd.Series) -> bool:
    """Whether a column holds nothing: missing, or text of spaces alone (each distinct
    value looked at once: the Data page asks of every column on every rerun)."""
    if values.isna().all():
        return True
    if pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values):
        return False
    return all(not str(value).strip() for value in values.dropna().unique())


def empty_columns(frame: pd.DataFrame) -> list[str]:
    """The columns with nothing in any row (blank or missing): an export leaves them out.
    A table without rows has none, so its headings are still written."""
    if frame.empty:
        return []
    empty = [column for column in frame.columns if _blank(frame[column])]
    return empty if len(empty) < len(frame.columns) else []


def about_rows(
    name: str,
    frame: pd.DataFrame,
    provenance: Provenance,
    text: str = "",
    *,
    view: Sequence[tuple[str, str]] = (),
    left_out: Sequence[str] = (),
) -> list[tuple[str, str]]:
    """The "About this export" sheet: where the figures came from, what the table is,
    the view it was exported from (``view``: the page's columns and address), the empty
    columns ``left_out``, and what each measure means."""
    table = CATALOGUE[name]
    rows = [
        ("Table", table.label),
        ("What a row is", table.description.replace("`", "")),
        *provenance.rows(),
        ("Filters applied to this table", table.filter_note),
        ("Rows", f"{len(frame):,}"),
    ]
    if text.strip():
        rows.append(("Search", f'rows containing "{text.strip()}" in any column'))
    rows += list(view)
    if left_out:
        rows.append(("Columns left out because they are empty", ", ".join(map(str, left_out))))
    rows.append(("Produced by", "dayserv (the Data tables page, or python -m dayserv export)"))
    rows += [("", ""), ("Measure", "Definition")]
    rows += list(overview.definitions_table().itertuples(index=False, name=None))
    rows.append(("Weighting", DEFINITIONS["weighting"]))
    return rows


def too_big_for_excel(frame: pd.DataFrame) -> bool:
    """Whether the table has more rows than an Excel sheet holds (below its heading)."""
    return len(frame) > export.XLSX_MAX_ROWS


def export_bytes(
    name: str,
    frame: pd.DataFrame,
    fmt: str,
    provenance: Provenance,
    text: str = "",
    *,
    view: Sequence[tuple[str, str]] = (),
    csv_name: str = "table.csv",
) -> bytes:
    """The table as a file, its empty columns left out: a plain CSV (UTF-8 with a
    byte-order mark, one heading row then the rows), an Excel workbook with an "About this
    export" sheet, or a zip of the same CSV (as ``csv_name``) and the About sheet's rows
    as a text file beside it ("zip", for a CSV that keeps its provenance). Text cells are
    made formula-safe: an apostrophe in the CSV, Excel's quote prefix in the workbook (the
    value kept as typed)."""
    if fmt not in (*FORMATS, "zip"):
        raise ValueError(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    left_out = empty_columns(frame)
    frame = frame.drop(columns=left_out)
    if fmt == "csv":
        return export.csv_bytes(frame)
    about = about_rows(name, frame, provenance, text, view=view, left_out=left_out)
    if fmt == "zip":
        about_name = re.sub(r"\.csv$", "", csv_name) + "_about.txt"
        return export.zip_bytes(
            {csv_name: export.csv_bytes(frame), about_name: export.about_text(about).encode()}
        )
    return export.xlsx_bytes(
        frame,
        about,
        sheet_name=CATALOGUE[name].label,
        number_formats=number_formats(name, frame),
    )


_FORMAT_WORDS = {"xlsx": "Excel", "csv": "CSV", "zip": "CSV with its About file, zipped"}


def export_what(name: str, fmt: str) -> str:
    """The export in words, to begin a sentence: "The Services table (Excel)"."""
    return f"The {CATALOGUE[name].label} table ({_FORMAT_WORDS.get(fmt, fmt.upper())})"


def export_now(
    name: str,
    frame: pd.DataFrame,
    fmt: str,
    provenance: Provenance,
    text: str = "",
    *,
    view: Sequence[tuple[str, str]] = (),
    csv_name: str = "table.csv",
) -> bytes:
    """``export_bytes`` stamped with the time the file is made (a download built on click)."""
    return export_bytes(name, frame, fmt, provenance.now(), text, view=view, csv_name=csv_name)


def file_name(name: str, fmt: str, provenance: Provenance, parts: Sequence[str] = ()) -> str:
    """The download's file name: portfolio, table, the view's ``parts`` (its search and
    columns, in a few words), years and filters."""
    return provenance.file_name(CATALOGUE[name].label, *parts, ext=fmt)

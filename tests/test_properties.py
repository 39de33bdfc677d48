"""Property tests: the parsers and the loader on values and workbooks hypothesis makes up
from the contract's headings and synonyms, with any cells, titles above the table, junk rows,
merged cells, a hidden Services sheet and empty or extra sheets beside it. Loading never
raises, and every valid row is kept.
"""

from __future__ import annotations

import datetime as dt
import io
import string
from dataclasses import dataclass

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dayserv import contract
from dayserv.read import hours
from dayserv.read.clean import load
from dayserv.read.columns import drop_blank, is_filled
from dayserv.read.parse import parse_money, parse_number, parse_year
from dayserv.read.reader import Source, UnreadableError
from tests.workbooks import xlsx

# Any cell a spreadsheet can hold, the hostile ones included.
CELLS = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["NA", "N/A", "#N/A", "#VALUE!", "-", "n/a", "tbc", "=1+1", "TOTAL"]),
    st.booleans(),
    st.integers(min_value=-(10**15), max_value=10**15),
    st.floats(allow_nan=False, allow_infinity=False, width=64),
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)),
    st.text(max_size=300).map(lambda t: "".join(c for c in t if c.isprintable())),
)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _year_forms(start: int) -> list:
    end = start + 1
    return [
        start,
        str(start),
        f"{start}/{end % 100:02d}",
        f"{start}-{end % 100:02d}",
        f"{start}-{end}",
        f"FY{start}/{end % 100:02d}",
        f" {start} / {end % 100:02d} ",
    ]


@SETTINGS
@given(start=st.integers(1990, 2099), form=st.integers(0, 6))
def test_every_year_form_reads_as_its_financial_year(start, form):
    cell = _year_forms(start)[form]
    assert parse_year(pd.Series([cell], dtype=object)).iloc[0] == f"{start}/{(start + 1) % 100:02d}"


@SETTINGS
@given(cells=st.lists(CELLS, max_size=20))
def test_the_year_parser_never_raises_and_gives_a_label_or_nothing(cells):
    years = parse_year(pd.Series(cells, dtype=object))
    assert len(years) == len(cells)
    assert years.dropna().str.fullmatch(r"\d{4}/\d{2}").all()


@SETTINGS
@given(pounds=st.integers(0, 10**8), form=st.integers(0, 3))
def test_money_in_every_written_form(pounds, form):
    cell = [f"£{pounds:,}", f"{pounds:,}.00", pounds, f"£{pounds / 1000}k"][form]
    assert parse_money(pd.Series([cell], dtype=object)).iloc[0] == pytest.approx(pounds)


@SETTINGS
@given(cells=st.lists(CELLS, max_size=20))
def test_the_money_and_number_parsers_never_raise(cells):
    series = pd.Series(cells, dtype=object)
    assert len(parse_money(series)) == len(cells)
    assert len(parse_number(series)) == len(cells)


@SETTINGS
@given(share=st.integers(0, 100))
def test_a_percentage_written_with_or_without_its_sign(share):
    series = pd.Series([share, f"{share}%", f" {share} %", str(share)], dtype=object)
    assert parse_number(series).tolist() == [share] * 4


@SETTINGS
@given(
    opens=st.integers(0, 22),
    length=st.integers(1, 10),
    minute=st.sampled_from([0, 15, 30, 45]),
)
def test_opening_hours_in_clock_form(opens, length, minute):
    closes = min(opens + length, 23)
    cell = f"{opens:02d}:{minute:02d}-{closes:02d}:{minute:02d}"
    if closes * 60 + minute <= opens * 60 + minute:
        return
    assert hours.parse_hours(cell) == ((opens * 60 + minute, closes * 60 + minute),)


@SETTINGS
@given(cells=st.lists(CELLS, max_size=20))
def test_the_opening_hours_parser_never_raises(cells):
    for cell in cells:
        assert hours.tidy_hours(cell) is None or isinstance(hours.tidy_hours(cell), str)


# ---------------------------------------------------------------- whole workbooks

NAMES = st.text(alphabet=string.ascii_letters + " '&-", min_size=1, max_size=30).filter(
    lambda t: t.strip() and t.strip()[0].isalpha() and not t.strip().lower().startswith("tot")
)
OPTIONAL = [c for c in contract.SERVICES.columns if c.name not in ("service", "provider", "year")]


def _spelling(column: contract.Column):
    """The column's heading or one of its synonyms, in any case and spacing."""
    return st.sampled_from([column.heading, *column.synonyms]).flatmap(
        lambda name: st.sampled_from([name, name.upper(), name.lower(), f"  {name} "])
    )


@st.composite
def workbooks(draw):
    key = {c.name: c for c in contract.SERVICES.columns}
    optional = draw(st.lists(st.sampled_from(OPTIONAL), max_size=6, unique_by=lambda c: c.name))
    # Two columns may not stand for the same thing: the loader reads the first and says so.
    headings = [draw(_spelling(key[n])) for n in ("service", "provider", "year")]
    chosen, seen = [], {contract.norm_key(h) for h in headings}
    for column in optional:
        heading = draw(_spelling(column))
        if contract.norm_key(heading) not in seen and not heading.strip().isdigit():
            seen.add(contract.norm_key(heading))
            chosen.append(heading)
    valid = draw(
        st.lists(
            st.tuples(NAMES, NAMES, st.integers(2015, 2030), st.integers(0, 6)),
            min_size=1,
            max_size=12,
        )
    )
    junk = draw(st.lists(st.lists(CELLS, min_size=3, max_size=3), max_size=4))
    rows = [[s, p, _year_forms(y)[f]] + [draw(CELLS) for _ in chosen] for s, p, y, f in valid]
    rows += [[None, *cells[1:]] + [None] * len(chosen) for cells in junk]  # no Service
    title = draw(st.lists(st.just(["Day services portfolio"]), max_size=2))
    sheet = draw(st.sampled_from(["Services", "services list", "Sheet1"]))
    expected = {(" ".join(s.split()), " ".join(p.split()), y) for s, p, y, _ in valid}
    sheets = {sheet: [*title, [*headings, *chosen], *rows]}
    # Sheets beside it that are not the format's: empty, or notes of any cells.
    for extra in draw(st.lists(st.sampled_from(["Notes", "Empty", "Lookups"]), unique=True)):
        sheets[extra] = [] if extra == "Empty" else draw(st.lists(st.lists(CELLS), max_size=5))
    dress = Dress(
        state=draw(st.sampled_from(["visible", "hidden", "veryHidden"])),
        merged_title=bool(title) and draw(st.booleans()),
        merged_junk=[draw(st.integers(1, 2)) for _ in junk],
    )
    return sheets, sheet, dress, expected


@dataclass(frozen=True)
class Dress:
    """How the Services sheet is dressed: shown or hidden, its title merged across the
    table, and each junk row's first cells merged (``merged_junk``: how many cells)."""

    state: str
    merged_title: bool
    merged_junk: list[int]


def dressed(sheets: dict[str, list[list]], services: str, dress: Dress) -> bytes:
    """The workbook of ``sheets`` with the Services sheet dressed as ``dress`` says."""
    book = openpyxl.load_workbook(io.BytesIO(xlsx(sheets)))
    sheet = book[services]
    width = max(len(row) for row in sheets[services])
    if dress.merged_title:
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    first_junk = len(sheets[services]) - len(dress.merged_junk) + 1  # the junk rows are last
    for row, cells in enumerate(dress.merged_junk, start=first_junk):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=cells + 1)
    if dress.state != "visible" and len(book.sheetnames) > 1:
        sheet.sheet_state = dress.state  # a workbook must keep one sheet shown
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(book=workbooks())
def test_loading_never_raises_and_keeps_every_valid_row(book):
    sheets, services, dress, expected = book
    try:
        portfolio = load([Source("generated.xlsx", dressed(sheets, services, dress))])
    except UnreadableError as exc:  # only a sentence, never for a sheet with valid rows
        raise AssertionError(f"refused a workbook with {len(expected)} valid rows: {exc}") from exc
    services = portfolio.services
    kept = {
        (s, p, int(y[:4]))
        for s, p, y in services[["service", "provider", "year"]].itertuples(index=False)
    }
    assert kept == expected
    assert portfolio.problems["severity"].notna().all()


@SETTINGS
@given(
    st.lists(
        st.lists(st.one_of(st.just(""), st.none(), st.just(float("nan")), CELLS), min_size=6),
        max_size=80,
    ).map(lambda rows: [row[:6] for row in rows])
)
def test_blank_rows_and_columns_go_and_nothing_else(rows):
    # drop_blank looks column by column at the rows not yet seen filled: the same rows and
    # columns as a look at every cell.
    raw = pd.DataFrame(rows, columns=range(6), dtype=object) if rows else pd.DataFrame()
    filled = is_filled(raw.to_numpy(object))
    kept = drop_blank(raw)
    assert list(kept.index) == list(raw.index[filled.any(axis=1)])
    assert list(kept.columns) == list(raw.columns[filled.any(axis=0)])


@SETTINGS
@given(
    st.lists(
        st.one_of(st.sampled_from(["a", "A", "b", "B", " a", "1"]), st.integers(0, 2), st.none()),
        max_size=30,
    ),
    st.booleans(),
)
def test_services_of_is_each_name_once_as_text_alphabetically(cells, as_category):
    """The distinct values made text before sorting, as the whole column made text was:
    the same names, and ties of case in the order they first come."""
    from dayserv.figures.slices import services_of

    column = pd.Series(cells, dtype=object)
    if as_category:
        column = column.astype(str).where(column.notna()).astype("category")
    expected = sorted(column.dropna().astype(str).unique(), key=str.lower)
    assert services_of(pd.DataFrame({"service": column})) == expected

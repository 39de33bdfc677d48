"""Cell parsers: what a cell holds, whatever way people wrote it (a year as 2024, FY24 or a
date; money as £12.5k; a statement ID as 2.10 or "Statement 1.2a"; a measure by any of
its names). Vectorised where a column can be long: each distinct value is parsed once."""

from __future__ import annotations

import re
from functools import cached_property

import numpy as np
import pandas as pd

from dayserv import contract, frameworks
from dayserv.contract import norm_key

_YEAR = re.compile(r"^(?:fy)?\s*(\d{4}|\d{2})(?:\s*[/\-–_]\s*(\d{4}|\d{2}))?$")
_STATEMENT = re.compile(r"(?<![\d.])([1-8])\s*\.\s*(\d{1,2})\s*([abc]?)(?![\d])", re.I)
# Heading words that say nothing about which column it is.
_HEADING_NOISE = ("yesno", "gbp", "pounds", "percent", "pct", "perannum", "peryear", "number")


# ---------------------------------------------------------------- cell parsing


class Distinct:
    """A column of cells by its distinct values: each value is read once (most columns
    repeat a few), and what it reads as is spread back over the rows by its code."""

    def __init__(self, cells: pd.Series):
        self.cells, self.index = cells, cells.index
        # A missing cell (None, NaN) has code -1: the last of each list spread below.
        self.codes, self.values = pd.factorize(cells.to_numpy(object))

    @cached_property
    def text(self) -> list[str | None]:
        """Each distinct value as ``cell_text`` reads it."""
        return [cell_text(v) for v in self.values]

    @cached_property
    def blank(self) -> pd.Series:
        """Empty cells (also a lone dash, as people write for 'nothing')."""
        blank = np.array([t in BLANK for t in self.text] + [True])
        return pd.Series(blank[self.codes], index=self.index)

    def spread(self, parsed: list, missing=None) -> pd.Series:
        """Each row's entry of ``parsed`` (one per distinct value), as objects."""
        out = np.empty(len(parsed) + 1, dtype=object)
        out[:-1] = parsed
        out[-1] = missing
        return pd.Series(out[self.codes], index=self.index, dtype=object)

    def strings(self, parsed: list[str | None]) -> pd.Series:
        """Each row's entry of ``parsed`` as text (NA for None, and for a missing cell):
        the strings are made once per distinct value."""
        return pd.Series(pd.array([*parsed, None], dtype="string").take(self.codes), self.index)

    def read(self, parse) -> pd.Series:
        """``parse`` of each cell's text, as text; NA where there is no text."""
        return self.strings([None if t is None else parse(t) for t in self.text])


# What a blank cell reads as: nothing, or a lone dash.
BLANK = (None, "-", "–")


def map_unique(values: pd.Series, parse, missing=None) -> pd.Series:
    """Apply ``parse`` once per distinct cell value (most columns repeat a few values)."""
    cells = Distinct(values)
    return cells.spread([parse(u) for u in cells.values], missing)


def cell_text(value) -> str | None:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = " ".join(str(value).split())
    return text or None


def as_text(values: pd.Series) -> pd.Series:
    """Cells as trimmed text with inner spaces collapsed; NA for empty cells."""
    cells = Distinct(values)
    return cells.strings(cells.text)


def _year_label(value: str) -> str | None:
    match = _YEAR.match(value.lower().replace(" ", "")) or _YEAR.match(value.lower())
    if not match:
        return None
    start_text, end_text = match.groups()
    start = int(start_text) + (2000 if len(start_text) == 2 else 0)
    if end_text is not None:
        end = int(end_text)
        if (len(end_text) == 2 and end != (start + 1) % 100) or (
            len(end_text) == 4 and end != start + 1
        ):
            return None
    if not 1990 <= start <= 2100:
        return None
    return f"{start}/{(start + 1) % 100:02d}"


def _year_of(value) -> str | None:
    if hasattr(value, "year") and hasattr(value, "month"):
        # A date stands for the financial year (April to March) that contains it.
        start = value.year - (value.month < 4)
        return f"{start}/{(start + 1) % 100:02d}"
    text = cell_text(value)
    return _year_label(text) if text else None


def parse_year(values: pd.Series | Distinct) -> pd.Series:
    """Year cells -> financial-year labels like '2024/25' (NA where unreadable)."""
    cells = values if isinstance(values, Distinct) else Distinct(values)
    return cells.strings([_year_of(v) for v in cells.values])


def _numbers(values: pd.Series, parse_text) -> pd.Series:
    """Numeric cells as they are; only cells holding text go through ``parse_text``."""
    number = pd.to_numeric(values, errors="coerce").astype("float64")
    if number.isna().any():
        text = values[number.isna()]
        text = text[~is_blank(text)]
        number[text.index] = parse_text(text.astype("string").str.lower())
    return number


def _money_text(text: pd.Series) -> pd.Series:
    text = text.str.replace(r"[£,\s]|gbp", "", regex=True)
    scale = np.where(
        text.str.endswith("k").fillna(False),
        1e3,
        np.where(text.str.endswith("m").fillna(False), 1e6, 1.0),
    )
    return pd.to_numeric(text.str.rstrip("km"), errors="coerce").astype("float64") * scale


def parse_money(values: pd.Series) -> pd.Series:
    """£12,500, 12,500.00, 12500, £12.5k, £1.2m -> pounds as float (NaN where unreadable)."""
    return _numbers(values, _money_text)


def parse_number(values: pd.Series) -> pd.Series:
    """Plain numbers, also written with commas or a trailing %; NaN where unreadable."""
    return _numbers(
        values,
        lambda text: pd.to_numeric(
            text.str.replace(r"[,\s%]", "", regex=True), errors="coerce"
        ).astype("float64"),
    )


def is_blank(values: pd.Series) -> pd.Series:
    """Empty cells (also a lone dash, as people write for 'nothing')."""
    return Distinct(values).blank


def marked_percent(values: pd.Series) -> pd.Series:
    """Cells written with a trailing % (only a cell of text can be, not a number)."""
    marked = pd.Series(False, index=values.index)
    text = pd.to_numeric(values, errors="coerce").isna().to_numpy()
    if text.any():
        written = values[text].astype("string").str.strip()
        marked[text] = written.str.endswith("%").fillna(False).to_numpy(bool)
    return marked


def blank_among(values: pd.Series, maybe: pd.Series) -> pd.Series:
    """``is_blank``, looking only at the cells ``maybe`` marks (the rest are not blank): a
    column of numbers need not be read for its few empty cells."""
    blank = pd.Series(False, index=values.index)
    if maybe.any():
        blank[maybe.to_numpy()] = is_blank(values[maybe.to_numpy()]).to_numpy()
    return blank


# ---------------------------------------------------------------- sheets and headers


def heading_key(cell: object) -> str:
    key = norm_key(cell)
    for noise in _HEADING_NOISE:
        if key.endswith(noise) and len(key) > len(noise):
            key = key[: -len(noise)]
    return key


def statement_id(cell: object) -> str | None:
    """A statement ID found in a cell ('2.10', 'Statement 1.2a', 2.1 as a number)."""
    if isinstance(cell, float):
        cell = repr(cell)
    match = _STATEMENT.search(str(cell))
    if not match:
        return None
    section, number, letter = match.groups()
    candidate = f"{section}.{int(number)}{letter.lower()}"
    return candidate if candidate in frameworks.STATEMENT_IDS else None


def ambiguous_ten(cell: object) -> bool:
    """A cell reading 2.1, 6.1 or 7.1 that a spreadsheet may have made of 2.10, 6.10, 7.10."""
    if isinstance(cell, str):
        text = cell.strip()
        return bool(re.fullmatch(r"[267]\.1", text))
    return isinstance(cell, float) and cell in (2.1, 6.1, 7.1)


def measure_of(text) -> str | None:
    """A Targets 'Outcome' cell -> the measure key it names."""
    key = norm_key(text)
    for measure in contract.MEASURES:
        if key == norm_key(measure):
            return measure
    for outcome in frameworks.OUTCOMES:
        spellings = (outcome.id, outcome.id[1:], outcome.text, outcome.label)
        if key in {norm_key(s) for s in spellings} or (
            key.startswith(norm_key(outcome.id)) and len(key) > 2 and not key[2].isdigit()
        ):
            return outcome.headline
    synonyms = {
        "userrun": "user_run_share",
        "userrunshare": "user_run_share",
        "vocational": "vocational_share",
        "building": "building_share",
        "buildingbased": "building_share",
        "individual": "individual_share",
        "noncore": "non_core_funding_share",
        "noncorefunding": "non_core_funding_share",
        "diversity": "provider_diversity",
        "outreach": "outreach_share",
        "mainstream": "mainstream_share",
        "numberofproviders": "providers",
    }
    return synonyms.get(key)

"""Each sheet's own cleaning, after the generic columns: Services (its share columns that add
up to 100, the groups served, the opening hours, repeated rows), Funding, Good practice,
Checklist, KPIs and Targets."""

from __future__ import annotations

import functools
import itertools
import re
from typing import NamedTuple

import numpy as np
import pandas as pd

from dayserv import contract, frameworks
from dayserv.contract import Column, norm_key
from dayserv.read import hours
from dayserv.read.columns import (
    HEADER_SCAN_ROWS,
    Parsed,
    clean_table,
    finish,
    headed,
    identified,
    without,
)
from dayserv.read.parse import (
    BLANK,
    Distinct,
    as_text,
    blank_among,
    is_blank,
    map_unique,
    marked_percent,
    measure_of,
    parse_number,
)
from dayserv.read.problems import Problems, as_in_cell, column_letter
from dayserv.read.reader import UnreadableError

# ---------------------------------------------------------------- per-sheet cleaning


class _ShareSet(NamedTuple):
    """A set of share columns that must add up to 100, as the sheet has them."""

    names: tuple[str, ...]  # the set's columns, in the contract's order
    present: list[str]  # those the sheet has
    cells: dict[str, pd.Series]  # each present column's cells
    headings: dict[str, str]  # each column's heading as the file has it
    letters: dict[str, str]  # each present column's letter
    sheet: str
    problems: Problems

    def say(self, name: str, rows: pd.Series, problem, fix: str) -> None:
        """A warning on the cells of column ``name`` that ``rows`` marks, as they stand."""
        cells = self.cells[name]
        self.problems.add(
            "warning",
            self.sheet,
            cells.index[rows],
            self.headings[name],
            cells[rows],
            problem,
            fix,
            self.letters[name],
        )


def _share_set(names, found: Parsed, sheet: str, problems: Problems) -> _ShareSet:
    positions = found.positions
    present = [n for n in names if n in positions]
    return _ShareSet(
        names=tuple(names),
        present=present,
        cells={n: found.body[positions[n]] for n in present},
        headings={n: headed(found.header, positions, n) for n in names},
        letters={n: column_letter(positions[n]) for n in present},
        sheet=sheet,
        problems=problems,
    )


def _percent_group(frame, names, category, mapping, found, sheet, problems):
    """Parse a set of share columns that must add up to 100 (or their category alternative).

    A share that cannot be read, or is below 0 or above 100, is blanked on its own and said
    in its own column; a set that then does not add up to 100 is said once for the row and
    left out of the figures."""
    shares = _share_set(names, found, sheet, problems)
    values, marked, blanked = _read_shares(shares, found.body.index)
    values = _as_percentages(values, marked, shares.present)
    blanked |= _out_of_range(shares, values)
    values = values.mask(blanked)
    values = _fill_blanks(shares, values, blanked.any(axis=1))
    off = _wrong_total(shares, values)
    values[off] = np.nan
    # Rows with no shares may give the single category column instead (parsed, and any
    # problem in it said, by the generic cleaner).
    if category in frame:
        cats = frame[category]
        use = values.isna().all(axis=1) & ~blanked.any(axis=1) & ~off & cats.notna()
        for value, index in mapping.items():
            rows = use & cats.eq(value).fillna(False)
            if index is None:
                values.loc[rows, list(names)] = 100.0 / len(names)
            else:
                values.loc[rows, list(names)] = 0.0
                values.loc[rows, names[index]] = 100.0
    for name in names:
        frame[name] = values[name]


def _read_shares(shares: _ShareSet, index: pd.Index):
    """The set's cells as numbers (NaN where blank or unreadable), which were written with
    a %, and which could not be read (each said)."""
    values = pd.DataFrame(index=index, columns=list(shares.names), dtype="float64")
    marked = pd.DataFrame(False, index=index, columns=list(shares.names))
    unreadable = pd.DataFrame(False, index=index, columns=list(shares.names))
    for name in shares.present:
        cells = shares.cells[name]
        number = parse_number(cells)
        wrong = number.isna() & ~blank_among(cells, number.isna())
        shares.say(
            name,
            wrong,
            "This is not a percentage; it was left blank.",
            "Write a number from 0 to 100, e.g. 40 or 40%.",
        )
        marked[name] = marked_percent(cells)
        unreadable[name] = wrong
        values[name] = number
    return values, marked, unreadable


def _as_percentages(values: pd.DataFrame, marked: pd.DataFrame, present: list[str]):
    """Fractions (0.4 for 40%, or cells formatted as percentages) scaled to 0-100."""
    n_present = values.notna().sum(axis=1)
    total = values.sum(axis=1, min_count=1)
    no_marks = ~marked.any(axis=1)
    single_fraction = pd.Series(False, index=values.index)
    for name in present:
        fractional = values[name].where(~marked[name]).max() <= 1
        single_fraction |= values[name].notna() & bool(fractional)
    fractions = (
        no_marks & values.max(axis=1).le(1) & total.le(1.011) & (n_present.ge(2) | single_fraction)
    )
    return values.mul(np.where(fractions, 100.0, 1.0), axis=0)


def _out_of_range(shares: _ShareSet, values: pd.DataFrame) -> pd.DataFrame:
    """The shares below 0 or above 100, each said in its own column."""
    out = pd.DataFrame(False, index=values.index, columns=list(shares.names))
    fix = "Write each share as a number from 0 to 100, e.g. 40 or 40%."
    for name in shares.present:
        above, below = values[name].gt(100), values[name].lt(0)
        for rows, side in ((above, "above 100"), (below, "below 0")):
            shares.say(
                name,
                rows,
                f"A share cannot be below 0 or above 100, and this one is {side}; "
                "it was left blank.",
                fix,
            )
        out[name] = above | below
    return out


def _fill_blanks(shares: _ShareSet, values: pd.DataFrame, blanked: pd.Series) -> pd.DataFrame:
    """Where some shares are blank, the blanks take what is left of 100 (0 when the rest add
    to 100). Not in a row where a share was blanked for being wrong: its value is unknown."""
    names = list(shares.names)
    n_present = values.notna().sum(axis=1)
    total = values.sum(axis=1, min_count=1)
    missing = values.isna()
    fill_one = n_present.eq(len(names) - 1) & total.le(100.5) & ~blanked
    fill_zero = n_present.between(1, len(names) - 1) & (total - 100).abs().le(0.5) & ~blanked
    remainder = (100 - total).clip(lower=0)
    values = values.copy()
    for name in names:
        values.loc[missing[name] & fill_zero, name] = 0.0
        values.loc[missing[name] & fill_one & ~fill_zero, name] = remainder
    # Said only where the user left a cell blank, not where the sheet lacks the column.
    inferred = fill_one & ~fill_zero & (remainder > 0.5)
    for name in shares.present:
        rows = inferred & missing[name]
        shares.say(
            name,
            rows,
            "This share was blank; it was taken as "
            + _figures(remainder[rows])
            + ", what is left of 100 after the row's other shares.",
            "Fill in every share so that they add up to 100.",
        )
    return values


def _wrong_total(shares: _ShareSet, values: pd.DataFrame) -> pd.Series:
    """Rows whose shares do not add up to 100 (or, with some unknown, add up to more), said
    once for the row, naming the shares as headed and their cells as written."""
    counted = values.notna()
    total = values.sum(axis=1, min_count=1)
    every = counted.all(axis=1)
    off = (every & (total - 100).abs().gt(1)) | (~every & total.gt(101))
    fix = "Make " + " + ".join(shares.headings[n] for n in shares.names) + " add up to 100."
    for pattern in itertools.product((True, False), repeat=len(shares.names)):
        names = [n for n, c in zip(shares.names, pattern, strict=True) if c]
        rows = off & (counted == list(pattern)).all(axis=1)
        if not rows.any():
            continue
        total_text = _figures(total[rows])
        shares.problems.add(
            "warning",
            shares.sheet,
            values.index[rows],
            " / ".join(shares.headings[n] for n in names),
            _written(shares, names, rows),
            f"{_listed([shares.headings[n] for n in names])} add up to "
            + total_text
            + (", not 100" if all(pattern) else ", more than 100")
            + "; these shares were left out of the figures.",
            fix,
        )
    return off


def _written(shares: _ShareSet, names: list[str], rows: pd.Series) -> pd.Series:
    """The cells of ``names`` in ``rows`` as written, joined: '50 + 20 + 10'."""
    parts = [map_unique(shares.cells[n][rows], as_in_cell, "") for n in names]
    return functools.reduce(lambda a, b: a + " + " + b, parts)


def _figures(numbers: pd.Series) -> pd.Series:
    """Numbers as a sentence writes them, to one decimal place: 30, 12.5."""
    return pd.Series([f"{n:g}" for n in numbers.round(1)], index=numbers.index, dtype=object)


def _listed(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def clean_services(raw, problems, sheet_name) -> pd.DataFrame:
    found = clean_table(raw, "services", problems, sheet_name)
    if found is None:  # pragma: no cover - load() only passes a sheet whose header matched
        raise UnreadableError(
            f"The {sheet_name} sheet has no header row with Service, Provider, Year and Sector "
            f"in its top {HEADER_SCAN_ROWS} rows; add one, using the headings of the template."
        )
    clean_service_columns(found, sheet_name, problems)
    frame = without(found.frame, found.bad)
    repeated = _repeats(frame, ["service", "provider", "year"], found, sheet_name, problems)
    return finish(without(frame, repeated), contract.SERVICES)


def clean_service_columns(found: Parsed, sheet_name: str, problems) -> None:
    """Parse, into ``found.frame``, the Services columns the generic cleaner leaves: the
    shares that add up to 100 (or their category), the groups served and the opening hours.
    A Services sheet's rows give them, and so do a Plan sheet's."""
    frame, body, positions = found.frame, found.body, found.positions
    for names, category, mapping in contract.SHARE_GROUPS:
        _percent_group(frame, names, category, mapping, found, sheet_name, problems)
    for col in contract.SERVICES.columns:
        if col.kind not in ("list", "hours") or col.name not in positions:
            continue
        cells = body[positions[col.name]]
        letter = column_letter(positions[col.name])
        label = headed(found.header, positions, col.name)
        if col.kind == "list":
            frame[col.name] = _groups(cells, sheet_name, letter, problems, label)
        else:
            frame[col.name] = _hours(cells, col, sheet_name, letter, problems, label)


def _repeats(frame, keys: list[str], found: Parsed, sheet_name: str, problems) -> pd.Series:
    """Say, for each row repeating an earlier row's ``keys``, which row it repeats; returns
    the rows that do."""
    duplicate = frame.duplicated(keys, keep="first")
    if not duplicate.any():
        return duplicate
    first_row = (
        pd.Series(frame.index, index=frame.index)
        .groupby([frame[k].fillna("") for k in keys], sort=False)
        .transform("first")
    )
    rows = frame.index[duplicate]
    headings = [headed(found.header, found.positions, k) for k in keys]
    words = ", ".join(headings[:-1]) + " and " + headings[-1]
    problems.add(
        "error",
        sheet_name,
        rows,
        headed(found.header, found.positions, keys[0]),
        frame.loc[duplicate, keys[0]],
        "This row repeats row "
        + first_row[duplicate].astype(str)
        + f" (the same {words} again); it was left out.",
        "Delete the repeated row, or give the two services different names.",
    )
    return duplicate


def _groups(cells, sheet, letter, problems, label) -> pd.Series:
    """The groups a service serves, in the contract's order ('BME communities; Women'); each
    item the dashboard does not know is said on its own, so that rows with the same unknown
    group are put together whatever else their cells hold."""
    synonyms = contract.VALUE_SYNONYMS["group"]
    order = {g: i for i, g in enumerate(contract.GROUPS)}

    def parts(text):
        return [p.strip() for p in re.split(r"[;,/\n]|\band\b", str(text)) if p.strip()]

    def known(text):
        found = {synonyms[norm_key(p)] for p in parts(text) if norm_key(p) in synonyms}
        return "; ".join(sorted(found, key=order.get)) or None

    def unknown(text):
        items = {norm_key(p): p for p in reversed(parts(text)) if norm_key(p) not in synonyms}
        return list(reversed(items.values()))  # each once, as first written

    distinct = Distinct(cells)
    wrong = [[] if t is None else unknown(t) for t in distinct.text]
    for k in range(max(map(len, wrong), default=0)):
        item = distinct.spread([w[k] if len(w) > k else None for w in wrong])
        rows = item.notna()
        problems.add(
            "warning",
            sheet,
            cells.index[rows],
            label,
            cells[rows],
            (
                "'"
                + item[rows]
                + "' is not one of the groups the dashboard knows; it was left out."
            ).to_numpy(),
            "Use: " + "; ".join(contract.GROUPS) + ".",
            letter,
            part=item[rows],
        )
    return distinct.read(known)


def _hours(cells, col: Column, sheet, letter, problems, label) -> pd.Series:
    """A day's opening hours in their tidy form ('09:00-17:00, 18:00-21:00', 'Closed');
    NA where blank or unreadable (said as a warning)."""
    distinct = Distinct(cells)
    blank = distinct.blank
    tidy = distinct.strings(
        [
            None if t in BLANK else hours.tidy_hours(v)
            for v, t in zip(distinct.values, distinct.text, strict=True)
        ]
    )
    wrong = tidy.isna() & ~blank
    day = hours.DAY_NAMES[hours.DAY_COLUMNS.index(col.name)]
    problems.add(
        "warning",
        sheet,
        cells.index[wrong],
        label,
        cells[wrong],
        f"These are not opening hours the dashboard can read; {day}'s hours were left blank.",
        "Write hours as 09:00-17:00 or 9am-5pm, several spans separated by commas "
        "(10:00-14:00, 18:00-21:00), 24 hours, or closed.",
        letter,
    )
    return tidy


def clean_funding(raw, problems, sheet_name):
    found = clean_table(raw, "funding", problems, sheet_name)
    if found is None:
        return None
    frame, bad = found[:2]
    return finish(without(frame, bad), contract.FUNDING)


def clean_good_practice(raw, problems, sheet_name):
    found = clean_table(raw, "good_practice", problems, sheet_name)
    if found is None:
        return None
    frame, bad, body, positions = found[:4]
    features = {f.id: f.id for f in frameworks.FEATURES}
    features.update({norm_key(f.text): f.id for f in frameworks.FEATURES})
    features.update({norm_key(f.id): f.id for f in frameworks.FEATURES})
    features.update({str(i): f"A{i}" for i in range(1, 8)})
    features.update({"outcomes": "B", "outcome": "B"})

    def feature(text):
        key = norm_key(text)
        key = re.sub(r"^(keyfeature|feature)", "", key)
        return features.get(key) or features.get(key[:2].upper() if key[:1] == "a" else key)

    ids, wrong = identified(
        found,
        "feature",
        feature,
        problems,
        sheet_name,
        "error",
        "Not one of the good-practice guide's features; the row was left out.",
        "Use A1 to A7 for the key features, or B for outcomes.",
    )
    frame["feature"] = ids
    return finish(frame.loc[~(bad | wrong)], contract.GOOD_PRACTICE)


def clean_checklist(raw, problems, sheet_name):
    found = clean_table(raw, "checklist", problems, sheet_name)
    if found is None:
        return None
    frame, bad, body, positions = found[:4]
    by_key = {norm_key(q.text): q.id for q in frameworks.KEY_QUESTIONS}
    by_key.update({norm_key(q.id): q.id for q in frameworks.KEY_QUESTIONS})

    def question(text):
        key = norm_key(text)
        if key in by_key:
            return by_key[key]
        match = re.match(r"^([pfco]\d{1,2}\.\d{1,2})", str(text).strip().lower())
        return by_key.get(norm_key(match.group(1))) if match else None

    ids, _ = identified(
        found,
        "question",
        question,
        problems,
        sheet_name,
        "warning",
        "Not one of the checklist's key questions; kept, but not linked to a heading.",
        "Copy the question's words, or its ID (e.g. P1.1), from the template.",
    )
    frame["question_id"] = ids
    frame["question"] = as_text(body[positions["question"]])
    out = finish(frame.loc[~bad], contract.CHECKLIST)
    out.insert(0, "question_id", frame.loc[~bad, "question_id"].to_numpy())
    return out


def clean_kpis(raw, problems, sheet_name):
    found = clean_table(raw, "kpis", problems, sheet_name)
    if found is None:
        return None
    frame, bad = found[:2]

    def kpi(text):
        match = re.fullmatch(r"r?(\d{1,2})", norm_key(text)) or re.match(
            r"^r(\d{1,2})", norm_key(text)
        )
        return f"R{int(match.group(1))}" if match and 1 <= int(match.group(1)) <= 12 else None

    ids, wrong = identified(
        found,
        "kpi",
        kpi,
        problems,
        sheet_name,
        "error",
        "Not one of the KPIs R1 to R12; the row was left out.",
        "Use the KPI reference, R1 to R12.",
    )
    frame["kpi"] = ids
    return finish(frame.loc[~(bad | wrong)], contract.KPIS)


def clean_targets(raw, problems, sheet_name):
    found = clean_table(raw, "targets", problems, sheet_name)
    if found is None:
        return None
    frame, bad, body, positions = found[:4]
    measures, wrong = identified(
        found,
        "outcome",
        measure_of,
        problems,
        sheet_name,
        "error",
        "Not a measure the dashboard knows; the target was left out.",
        "Use a measure's name, e.g. " + ", ".join(contract.MEASURES[:4]) + ".",
    )
    target_cells = body[positions["target"]]
    number = parse_number(target_cells)
    marked = marked_percent(target_cells)
    is_share = measures.isin([m for m in contract.MEASURES if m.endswith(("_share", "diversity"))])
    as_fraction = is_share.to_numpy(bool) & (marked.to_numpy(bool) | number.gt(1).to_numpy(bool))
    number = number.where(~as_fraction, number / 100)
    unreadable = number.isna() & ~is_blank(target_cells)
    problems.add(
        "error",
        sheet_name,
        target_cells.index[unreadable],
        headed(found.header, positions, "target"),
        target_cells[unreadable],
        "The target is not a number; it was left out.",
        "Write a number: a share as 20% or 0.2, a count as 20.",
        column_letter(positions["target"]),
    )
    frame["outcome"] = measures
    frame["target"] = number
    return finish(frame.loc[~(bad | wrong | unreadable)], contract.TARGETS)

"""Each sheet's own cleaning, after the generic columns: Services (its share columns that add
up to 100, the groups served, the opening hours, repeated rows), Funding, Good practice,
Checklist, KPIs and Targets."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from dayserv import contract, frameworks
from dayserv.contract import Column, norm_key
from dayserv.figures import access
from dayserv.read.columns import (
    HEADER_SCAN_ROWS,
    Parsed,
    clean_column,
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
    marked_percent,
    measure_of,
    parse_number,
)
from dayserv.read.problems import column_letter
from dayserv.read.reader import UnreadableError

# ---------------------------------------------------------------- per-sheet cleaning


def _shares_text(values: pd.DataFrame) -> pd.Series:
    """A row's set of shares as found, e.g. '5000 / blank / 0', for a message."""
    text = values.round(1).astype(object).map(lambda v: "blank" if pd.isna(v) else f"{v:g}")
    return text.agg(" / ".join, axis=1) if len(text) else pd.Series(dtype=object)


def _percent_group(frame, names, category, mapping, found, sheet, problems):
    """Parse a set of share columns that must add up to 100 (or their category alternative)."""
    body, positions = found.body, found.positions
    present_cols = [n for n in names if n in positions]
    values = pd.DataFrame(index=body.index, columns=names, dtype="float64")
    marked = pd.DataFrame(False, index=body.index, columns=names)
    unreadable = pd.Series(False, index=body.index)
    headings = [headed(found.header, positions, n) for n in names]
    for name in present_cols:
        cells = body[positions[name]]
        marked[name] = marked_percent(cells)
        number = parse_number(cells)
        wrong = number.isna() & ~blank_among(cells, number.isna())
        problems.add(
            "warning",
            sheet,
            cells.index[wrong],
            headed(found.header, positions, name),
            cells[wrong],
            "This is not a percentage; the row's "
            + " / ".join(headings)
            + " were left out of the figures.",
            "Write a number from 0 to 100, e.g. 40 or 40%.",
            column_letter(positions[name]),
        )
        unreadable |= wrong
        values[name] = number
    n_present = values.notna().sum(axis=1)
    total = values.sum(axis=1, min_count=1)
    no_marks = ~marked.any(axis=1)
    col_fractional = {n: values[n].where(~marked[n]).max() <= 1 for n in present_cols}
    single_fraction = pd.Series(False, index=body.index)
    for n in present_cols:
        single_fraction |= values[n].notna() & bool(col_fractional[n])
    # Fractions (0.4 for 40%, or cells formatted as percentages) are scaled to 0-100.
    fractions = (
        no_marks & values.max(axis=1).le(1) & total.le(1.011) & (n_present.ge(2) | single_fraction)
    )
    values = values.mul(np.where(fractions, 100.0, 1.0), axis=0)
    total = values.sum(axis=1, min_count=1)
    missing = values.isna()
    # Where some are blank, the blanks take what is left of 100 (0 when the rest add to 100).
    fill_one = n_present.eq(len(names) - 1) & total.le(100.5)
    fill_zero = n_present.between(1, len(names) - 1) & (total - 100).abs().le(0.5)
    remainder = (100 - total).clip(lower=0)
    for name in names:
        values.loc[missing[name] & fill_zero, name] = 0.0
        values.loc[missing[name] & fill_one & ~fill_zero, name] = remainder
    # Said only where the user left a cell blank, not where the sheet lacks the column.
    blank_cell = missing[present_cols].any(axis=1) if present_cols else False
    inferred = fill_one & ~fill_zero & (remainder > 0.5) & blank_cell
    problems.add(
        "warning",
        sheet,
        body.index[inferred],
        " / ".join(headings),
        _shares_text(values.loc[inferred]),
        "One share was blank; it was taken as what is left of 100.",
        "Fill in every share so that they add up to 100.",
    )
    total = values.sum(axis=1, min_count=1)
    out_of_range = (values.lt(0) | values.gt(100)).any(axis=1) & ~unreadable
    problems.add(
        "warning",
        sheet,
        body.index[out_of_range],
        " / ".join(headings),
        _shares_text(values.loc[out_of_range]),
        "A share is below 0 or above 100; these shares were left out of the figures.",
        "Write each share as a number from 0 to 100.",
    )
    # The total is checked only where every share of the set is known.
    wrong_total = values.notna().all(axis=1) & ((total - 100).abs() > 1)
    wrong_total &= ~unreadable & ~out_of_range
    problems.add(
        "warning",
        sheet,
        body.index[wrong_total],
        " / ".join(headings),
        total[wrong_total].round(1).astype(str),
        "These shares add up to "
        + total[wrong_total].round(1).astype(str)
        + ", not 100; they were left out of the figures.",
        "Make " + " + ".join(headings) + " add up to 100.",
    )
    bad = wrong_total | out_of_range
    values[bad | unreadable] = np.nan
    # Rows with no shares may give the single category column instead.
    if category in positions:
        cells = body[positions[category]]
        col = next(c for c in contract.SERVICES.columns if c.name == category)
        cats = clean_column(
            col,
            cells,
            sheet,
            column_letter(positions[category]),
            problems,
            pd.Series(False, index=body.index),
            headed(found.header, positions, category),
        )
        use = values.isna().all(axis=1) & ~(bad | unreadable) & cats.notna()
        for value, index in mapping.items():
            rows = use & cats.eq(value).fillna(False)
            if index is None:
                values.loc[rows, list(names)] = 100.0 / len(names)
            else:
                values.loc[rows, list(names)] = 0.0
                values.loc[rows, names[index]] = 100.0
        frame[category] = cats
    for name in names:
        frame[name] = values[name]


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
    synonyms = contract.VALUE_SYNONYMS["group"]
    order = {g: i for i, g in enumerate(contract.GROUPS)}

    def parts(text):
        return [p.strip() for p in re.split(r"[;,/\n]|\band\b", str(text)) if p.strip()]

    def known(text):
        found = {synonyms[norm_key(p)] for p in parts(text) if norm_key(p) in synonyms}
        return "; ".join(sorted(found, key=order.get)) or None

    distinct = Distinct(cells)
    unknown = distinct.spread(
        [
            ""
            if t is None
            else " and ".join(repr(p) for p in parts(t) if norm_key(p) not in synonyms)
            for t in distinct.text
        ],
        "",
    )
    has_unknown = unknown.ne("")
    problems.add(
        "warning",
        sheet,
        cells.index[has_unknown],
        label,
        cells[has_unknown],
        unknown[has_unknown]
        + " is not one of the groups the dashboard knows; it was left out of "
        + label
        + ".",
        "Use: " + "; ".join(contract.GROUPS) + ".",
        letter,
    )
    return distinct.read(known)


def _hours(cells, col: Column, sheet, letter, problems, label) -> pd.Series:
    """A day's opening hours in their tidy form ('09:00-17:00, 18:00-21:00', 'Closed');
    NA where blank or unreadable (said as a warning)."""
    distinct = Distinct(cells)
    blank = distinct.blank
    tidy = distinct.strings(
        [
            None if t in BLANK else access.tidy_hours(v)
            for v, t in zip(distinct.values, distinct.text, strict=True)
        ]
    )
    wrong = tidy.isna() & ~blank
    day = access.DAY_NAMES[access.DAY_COLUMNS.index(col.name)]
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

"""The commissioner's targets: the Targets sheet's, with those set in the app in their place.

A target set in the app is an *override*: ``measure -> {"target": value, "year": year}``,
the value as the measures are (a share as a fraction, 0.3 for 30%), the year a
financial-year label or None. A target of None takes the sheet's target away. The
overrides are what is saved to an area (the record of kind "targets", body
``{"targets": overrides}``), and ``merged_targets`` gives the one targets table that every
page, tile and the meeting pack measure against.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from dayserv import catalogue, frameworks
from dayserv.figures import formats
from dayserv.figures.measures import DIRECTION, direction_kind, target_row
from dayserv.read.parse import parse_year

HEADLINES: tuple[str, ...] = tuple(outcome.headline for outcome in frameworks.OUTCOMES)
UNITS = {"share": "%", "index": "0 to 1", "count": "number"}
EDITOR_COLUMNS = ["outcome", "measure", "unit", "workbook", "target", "year"]

Overrides = dict[str, dict]


def _number(value) -> float | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) or math.isinf(number) else number


def _year(value) -> str | None:
    """A year as the sheet's are ("2025/26"), or the words as given if they are not one."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    label = parse_year(pd.Series([text])).iloc[0]
    return text if pd.isna(label) else str(label)


def sheet_target(targets: pd.DataFrame, measure: str) -> tuple[float | None, str | None]:
    """The Targets sheet's target for a measure and its year, as ``target_for`` picks it
    (the latest year's, else one with no year); (None, None) when the sheet sets none."""
    return target_row(targets, measure) or (None, None)


def merged_targets(sheet_targets: pd.DataFrame, saved: Overrides) -> pd.DataFrame:
    """The targets table to measure against: the sheet's rows, except that a measure set in
    the app (``saved``) has only its set target (or none, for a target of None)."""
    if not saved:
        return sheet_targets
    kept = sheet_targets.loc[~sheet_targets["outcome"].isin(list(saved))]
    added = [
        {"outcome": measure, "target": float(given["target"]), "year": given.get("year")}
        for measure, given in saved.items()
        if _number(given.get("target")) is not None
    ]
    if not added:
        return kept.reset_index(drop=True)
    rows = pd.DataFrame(added, columns=["outcome", "target", "year"])
    rows = rows.astype({"outcome": "string", "target": "float64", "year": "string"})
    if "row" in sheet_targets:
        rows["row"] = pd.array([pd.NA] * len(rows), dtype="Int64")  # not from a sheet row
    return pd.concat([kept, rows], ignore_index=True)


# ---------------------------------------------------------------- saving


def targets_body(overrides: Overrides) -> dict:
    """The record's body that keeps the overrides."""
    return {"targets": {measure: dict(given) for measure, given in sorted(overrides.items())}}


def overrides_of(body: dict) -> Overrides:
    """The overrides a saved body holds; anything that is not a target for a measure the
    dashboard knows is left out."""
    found = body.get("targets") if isinstance(body, dict) else None
    if not isinstance(found, dict):
        return {}
    overrides: Overrides = {}
    for measure, given in found.items():
        if measure not in catalogue.OUTCOME_MEASURES or not isinstance(given, dict):
            continue
        overrides[measure] = {
            "target": _number(given.get("target")),
            "year": _year(given.get("year")),
        }
    return overrides


# ---------------------------------------------------------------- the editor


def _to_shown(measure: str, value: float | None) -> float | None:
    """A target as the editor shows it: a share in per cent (30 for 0.3)."""
    if value is None:
        return None
    return round(value * 100, 6) if formats.is_share(measure) else value


def _from_shown(measure: str, value) -> float | None:
    number = _number(value)
    if number is None:
        return None
    return round(number / 100, 8) if formats.is_share(measure) else number


def editor_measures(sheet_targets: pd.DataFrame, overrides: Overrides) -> list[str]:
    """The measures the editor lists: each outcome's headline measure, then any other
    measure the sheet or the app sets a target for, in the catalogue's order."""
    others = set(sheet_targets["outcome"].dropna()) | set(overrides)
    return [*HEADLINES] + [
        measure
        for measure in catalogue.OUTCOME_MEASURES
        if measure in others and measure not in HEADLINES
    ]


def _workbook_words(measure: str, target: float | None, year: str | None) -> str:
    if target is None:
        return "None"
    value = formats.format_measure(measure, target)
    return f"{value} by {year}" if year else value


def editor_frame(sheet_targets: pd.DataFrame, overrides: Overrides) -> pd.DataFrame:
    """The editor's rows, indexed by measure: outcome (its number), measure (its name),
    unit, workbook (the sheet's target in words), target (in force, a share in per cent)
    and year."""
    measures = editor_measures(sheet_targets, overrides)
    rows = []
    for measure in measures:
        record = catalogue.measure(measure)
        sheet_value, sheet_year = sheet_target(sheet_targets, measure)
        if measure in overrides:
            value, year = overrides[measure].get("target"), overrides[measure].get("year")
        else:
            value, year = sheet_value, sheet_year
        rows.append(
            {
                "outcome": record.outcome[1:] if record.outcome else "",
                "measure": record.label,
                "unit": UNITS[record.kind],
                "workbook": _workbook_words(measure, sheet_value, sheet_year),
                "target": _to_shown(measure, value),
                "year": year,
            }
        )
    frame = pd.DataFrame(rows, columns=EDITOR_COLUMNS, index=measures)
    return frame.astype(
        {
            "outcome": "string",
            "measure": "string",
            "unit": "string",
            "workbook": "string",
            "target": "float64",
            "year": "string",
        }
    )


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def same_overrides(these: Overrides, those: Overrides) -> bool:
    """Whether two sets of overrides set the same targets (to a float's precision)."""
    if set(these) != set(those):
        return False
    return all(
        _same(these[m].get("target"), those[m].get("target"))
        and these[m].get("year") == those[m].get("year")
        for m in these
    )


def overrides_from(sheet_targets: pd.DataFrame, edited: pd.DataFrame) -> Overrides:
    """The overrides an edited editor gives: each measure whose target or year is not the
    sheet's own (a blanked target takes the sheet's away)."""
    overrides: Overrides = {}
    for measure in edited.index:
        target = _from_shown(measure, edited.at[measure, "target"])
        year = _year(edited.at[measure, "year"]) if target is not None else None
        sheet_value, sheet_year = sheet_target(sheet_targets, measure)
        if not (_same(target, sheet_value) and (target is None or year == sheet_year)):
            overrides[str(measure)] = {"target": target, "year": year}
    return overrides


# ---------------------------------------------------------------- where a target stands


def year_start(year) -> int | None:
    """The calendar year a financial year starts: "2024/25" -> 2024."""
    found = re.match(r"\s*(\d{4})", str(year or ""))
    return int(found.group(1)) if found else None


def financial_year(start: int) -> str:
    return f"{start}/{(start + 1) % 100:02d}"


def target_year(targets: pd.DataFrame, measure: str) -> str | None:
    """The year of the target ``measures.target_for`` uses (the latest year named), None
    for a target with no year."""
    found = target_row(targets, measure)
    return None if found is None else found[1]


def gap_words(measure: str, gap: float) -> str:
    """How far short, in the measure's unit: "22 points", "0.05", "3 providers"."""
    if formats.is_share(measure):
        points = gap * 100
        return f"{points:.0f} points" if points >= 0.95 else f"{points:.1f} points"
    if measure == "providers":
        return f"{gap:,.0f} provider{'s' if round(gap) != 1 else ''}"
    return formats.format_measure(measure, gap)


def pace(found: dict) -> float | None:
    """The change a year between the first and latest year with a figure (None without)."""
    first, latest = year_start(found["first_year"]), year_start(found["latest_year"])
    if found["change"] is None or first is None or latest is None or latest <= first:
        return None
    return found["change"] / (latest - first)


def target_words(found: dict, target: float | None, year: str | None) -> str:
    """Where the latest figure stands against the commissioner's target, at this pace:
    "Target met", "22 points short of the 40% target for 2025/26", "At this pace, the
    30% target is met by 2027/28", "5 points short of the 30% target, and not moving
    towards it"; "" without a target."""
    if target is None or (isinstance(target, float) and math.isnan(target)):
        return ""
    measure = found["measure"]
    wanted = formats.format_measure(measure, target)
    latest = found["latest"]
    the_target = f"the {wanted} target" + (f" for {year}" if year else "")
    if latest is None:
        return f"No figures yet to compare with {the_target}"
    sign = DIRECTION.get(measure, 1)
    gap = (float(target) - float(latest)) * sign
    if gap <= 0:
        return "Target met"  # as the pages say it
    short = f"{gap_words(measure, gap)} short of {the_target}"
    kind = direction_kind(found)
    if kind == "no data":
        return formats.first_upper(short)
    if kind != "on track":
        return f"{formats.first_upper(short)}, and not moving towards it"
    yearly = abs(pace(found) or 0.0)
    last, by = year_start(found["latest_year"]), year_start(year)
    if not yearly:
        return formats.first_upper(short)
    if by is not None:
        if by <= last:
            return formats.first_upper(short)
        left = gap - yearly * (by - last)
        if left <= 0:
            return f"At this pace, {the_target} is met"
        return f"At this pace, {gap_words(measure, left)} short of {the_target}"
    years = math.ceil(gap / yearly - 1e-9)
    return f"{formats.first_upper(short)}; at this pace, met by {financial_year(last + years)}"

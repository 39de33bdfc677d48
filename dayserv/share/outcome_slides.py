"""The meeting pack's slides about the anticipated outcomes: the six on one slide (each
with its figure, change, direction of travel and target in words), and one slide per
outcome (its finding, headline figure, figures by year and speaker notes)."""

from __future__ import annotations

import pandas as pd

from dayserv import frameworks
from dayserv.figures import findings, formats, outcomes, slide_words
from dayserv.figures.headline import headline
from dayserv.figures.measures import DEFINITIONS, direction_kind
from dayserv.figures.targets import target_year
from dayserv.share.slide import Slide


def outcomes_slide(table: pd.DataFrame, targets: pd.DataFrame) -> Slide:
    """All six anticipated outcomes on one slide: each in plain words, its latest figure,
    its change, its direction of travel in words and where its target stands."""
    rows, data, notes = [], [], []
    years = [str(year) for year in table.index]
    latest_year = years[-1] if years else ""
    latest_heading = f"Latest, {latest_year}" if latest_year else "Latest"
    change_heading = f"Change since {years[0]}" if len(years) > 1 else "Change"
    for outcome in frameworks.OUTCOMES:
        found = headline(table, outcome.headline, targets)
        trend = found.trend
        year = target_year(targets, outcome.headline)
        latest = "No figures" if trend["latest"] is None else found.value
        if trend["latest"] is not None and str(trend["latest_year"]) != latest_year:
            latest += f" ({trend['latest_year']})"
        change = "Not enough years" if found.change is None else found.change
        if found.change is not None and years and str(trend["first_year"]) != years[0]:
            change += f" {found.since}"
        verdict = slide_words.direction_words(trend)
        target = slide_words.target_short(trend, found.target, year)
        plain = outcome.plain
        rows.append(
            {
                "Outcome": f"{outcome.number}. {plain}",
                "Measure": found.measure_name,
                latest_heading: latest,
                change_heading: change,
                "Direction of travel": verdict,
                "Target": target,
            }
        )
        data.append(
            {
                "outcome": outcome.id,
                "status": direction_kind(trend),
                "verdict": verdict,
                "target": target,
            }
        )
        where = found.target_text
        notes.append(
            f"Outcome {outcome.number}, {plain.lower()} ({found.measure_name.lower()}): "
            + (
                f"{found.value} in {trend['latest_year']}"
                if trend["latest"] is not None
                else "no figures"
            )
            + (f", {found.change} {found.since}" if found.change is not None else "")
            + f". {verdict[2:]}: {found.direction[0].lower()}{found.direction[1:]}"
            + (f" {where}." if where else "")
        )
    right = sum(row["status"] == "on track" for row in data)
    since = f" since {years[0]}" if len(years) > 1 else ""
    reach = [row["target"] for row in data if row["target"] != "No target set"]
    met = sum(target.endswith(("met", "met at this pace")) for target in reach)
    title = f"{right} of 6 outcomes moving the right way{since}"
    if reach:
        title += f"; {met} of {len(reach)} targets met or in reach at this pace"
    return Slide(
        kind="outcomes",
        heading="The six anticipated outcomes at a glance",
        title=title,
        text=f"Right direction: moved the way the outcome asks{since}. Whether the target "
        "is met, or will be at this pace, is beside it.",
        data=pd.DataFrame(data),
        table=pd.DataFrame(rows),
        notes="\n".join(
            [
                title + ".",
                *notes,
                "“Right direction” means the measure moved the way the outcome asks between "
                "the first and the latest year; whether the target will be met is said "
                "beside it, at the pace of those years.",
            ]
        ),
    )


def outcome_slide(
    outcome: frameworks.Outcome,
    table: pd.DataFrame,
    coverage: pd.DataFrame,
    targets: pd.DataFrame,
) -> Slide:
    measure = outcome.headline
    found = headline(table, measure, targets)
    too_little = outcomes.too_little_data(coverage, measure)
    values = table[measure] if measure in table else pd.Series(dtype="float64")
    data = pd.DataFrame(
        {
            "year": [str(year) for year in values.index],
            "value": [
                None if str(year) in too_little or pd.isna(v) else float(v)
                for year, v in values.items()
            ],
            "note": [too_little.get(str(year), "") for year in values.index],
        }
    )
    bases = outcomes.measure_bases(coverage, measure)
    data["services"] = [bases.get(str(year)) for year in data["year"]]  # what each rests on
    verdict = slide_words.direction_words(found.trend)
    target = found.target_text
    title = formats.trend_finding(
        pd.DataFrame({measure: values.where(data["value"].notna().to_numpy())}), measure
    )
    change = f"{found.change} {found.since}" if found.change is not None else ""
    notes = [
        f"{title}.",
        f"Latest: {found.value} ({found.value_label})" + (f", {change}." if change else "."),
        f"By year: {slide_words.values_by_year(measure, data)}.",
        *([small] if (small := small_base_note(data)) else []),
        f"Direction of travel: {verdict[2:]}. {found.direction}",
        *([f"Target: {target}."] if target else []),
        *([found.note] if found.note else []),
        f"What it measures: {DEFINITIONS.get(measure, '')}",
        f"The outcome in {slide_words.CHECKLIST}'s words: “{outcome.text}”",
    ]
    return Slide(
        kind="outcome",
        heading=f"Anticipated outcome {outcome.number}: {outcome.label}",
        title=title,
        text=outcome.text,
        measure=measure,
        value=found.value,
        value_label=found.value_label,
        change=change,
        status=found.status,
        direction=found.direction,
        target=target,
        target_value=found.target,
        data=data,
        verdict=verdict,
        notes="\n".join(notes),
    )


def small_years(data: pd.DataFrame) -> dict[str, int]:
    """{year: services} of an outcome slide's points resting on a small base."""
    values = pd.Series(data["value"].to_numpy(), index=data["year"].astype(str))
    return outcomes.small_bases(year_bases(data), values=values)


def small_base_note(data: pd.DataFrame) -> str | None:
    """The years of an outcome slide whose figure rests on a small base, in words, as the
    outcome pages say it under their charts; None when none does (or the bases are unknown)."""
    return findings.small_base_words(small_years(data))


def year_bases(data: pd.DataFrame) -> dict[str, int]:
    """{year: services} an outcome slide's figures rest on, for its chart's points."""
    if "services" not in data:
        return {}
    return {
        str(year): int(count)
        for year, count in zip(data["year"], data["services"], strict=True)
        if count is not None and not pd.isna(count)
    }


def chart_notes(data: pd.DataFrame) -> list[str]:
    """What an outcome slide says under its chart: each year with no point and why, then
    the years resting on a small base."""
    gaps = [
        f"No point for {year}: {note}."
        for year, note in zip(data["year"], data["note"], strict=True)
        if note
    ]
    small = small_base_note(data)
    return [*gaps, small] if small else gaps

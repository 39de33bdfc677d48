"""The portfolio in a short paragraph of plain words, for the Overview and the meeting pack's
title slide (on screen, in the deck, in the report and in the speaker notes).

It is made from the figures the pages show: the yearly measures of the filtered services,
each anticipated outcome's headline, the targets and the rows the loader left out. It says
where the portfolio stands in the latest year, which outcomes moved the right way since the
first year shown and which did not, the biggest change, how many targets are met or in
reach at this pace, and what the figures leave out. Its words for a direction of travel are
the pages' and the pack's (``catalogue.DIRECTION_WORDS``: "Right direction", ...).
"""

from __future__ import annotations

import pandas as pd

from dayserv import catalogue, frameworks
from dayserv.figures import formats, outcomes, slide_words
from dayserv.figures.filters import Filter
from dayserv.figures.headline import Headline, headline
from dayserv.figures.targets import target_year

# How each direction of travel is said, in the pack's words for it.
MOVED = {
    "on track": "{} moved in the " + catalogue.DIRECTION_WORDS["on track"].lower(),
    "wrong way": "{} moved in the " + catalogue.DIRECTION_WORDS["wrong way"].lower(),
    "stayed": "{} showed " + catalogue.DIRECTION_WORDS["stayed"].lower(),
    "no data": "there is " + catalogue.DIRECTION_WORDS["no data"].lower() + " for {}",
}


def headlines(
    table: pd.DataFrame, targets: pd.DataFrame
) -> list[tuple[frameworks.Outcome, Headline]]:
    """Each anticipated outcome with its headline, as the Overview's tiles show it."""
    return [
        (outcome, headline(table, outcome.headline, targets)) for outcome in frameworks.OUTCOMES
    ]


def targets_in_reach(table: pd.DataFrame, targets: pd.DataFrame) -> tuple[int, int]:
    """How many outcomes have a target, and how many of those targets are met or met at the
    pace of the years shown (as the pack's outcomes slide says it)."""
    met = set_ = 0
    for outcome, found in headlines(table, targets):
        if found.target is not None:
            set_ += 1
            year = target_year(targets, outcome.headline)
            met += slide_words.target_short(found.trend, found.target, year).endswith(
                ("met", "met at this pace")
            )
    return set_, met


def portfolio_summary(
    table: pd.DataFrame,
    targets: pd.DataFrame,
    services: pd.DataFrame | None = None,
    *,
    area: str = "",
    chosen: Filter | None = None,
    left_out: int = 0,
) -> str:
    """The portfolio in three to five plain sentences, from ``table`` (the yearly measures of
    the filtered services), ``targets``, ``services`` (the filtered Services rows, for the
    user-run count), the ``area``'s name, the filter ``chosen`` and the Services rows the
    loader ``left_out``."""
    filtered = f" (filtered to {chosen.describe()})" if chosen and chosen.active else ""
    if table.empty:
        nothing = (
            f"No services match the filters ({chosen.describe()})"
            if filtered
            else "No services could be read"
        )
        return _joined([f"{nothing}, so there are no figures.", _left_out_words(left_out)])
    years = [str(year) for year in table.index]
    found = headlines(table, targets)
    return _joined(
        [
            _portfolio_words(table, services, area, filtered),
            _direction_words(found, years),
            _biggest_change_words(found) if len(years) > 1 else "",
            _target_words(table, targets, one_year=len(years) == 1),
            _left_out_words(left_out),
        ]
    )


def _joined(sentences: list[str]) -> str:
    return " ".join(sentence for sentence in sentences if sentence)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'s' if n != 1 else ''}"


def _latest(table: pd.DataFrame, column: str) -> int:
    value = table[column].iloc[-1] if column in table else None
    return 0 if value is None or pd.isna(value) else int(value)


def _portfolio_words(
    table: pd.DataFrame, services: pd.DataFrame | None, area: str, filtered: str
) -> str:
    """'In 2025/26, Eastbrook has 40 day services from 20 providers; 10 of them (25%) are
    user-run.'"""
    year = str(table.index[-1])
    count = _latest(table, "services")
    words = (
        f"In {year}, {area.strip() or 'the portfolio'} has {_plural(count, 'day service')} "
        f"from {_plural(_latest(table, 'providers'), 'provider')}{filtered}"
    )
    return words + _user_run_words(table, services, count) + "."


def _user_run_words(table: pd.DataFrame, services: pd.DataFrame | None, count: int) -> str:
    """'; 10 of them (25%) are user-run', as the User-run services page counts them; '' when
    no service says whether it is."""
    share = table["user_run_share"].iloc[-1] if "user_run_share" in table else None
    if services is None or share is None or pd.isna(share) or not count:
        return ""
    # Counted as outcomes.user_run_by_year counts them, for the latest year alone.
    in_year = services["year"].astype("string").eq(str(table.index[-1])).fillna(False)
    if not in_year.any():
        return ""
    user_run = int((services["user_run"].eq(outcomes.USER_RUN_YES).fillna(False) & in_year).sum())
    shown = formats.format_measure("user_run_share", share)
    verb = "is" if user_run == 1 else "are"
    if not user_run:
        return "; none of them is user-run"
    if user_run == count:
        return "; all of them are user-run"
    if abs(user_run / count - share) < 1e-9:
        return f"; {user_run:,} of them ({shown}) {verb} user-run"
    return f"; {user_run:,} of them {verb} user-run ({shown} of those that say whether they are)"


def _direction_words(found: list[tuple[frameworks.Outcome, Headline]], years: list[str]) -> str:
    """Which outcomes moved the right way since the first year shown and which did not: the
    smaller side by the outcomes' plain names, the other counted, so every outcome is told
    ("Since 2022/23, 5 of the 6 outcomes moved in the right direction; “More individual
    support” moved in the wrong direction.")."""
    if len(years) == 1:
        return f"Only {years[0]} has figures, so there is no change to show yet."
    groups: dict[str, list[str]] = {kind: [] for kind in MOVED}
    for outcome, record in found:
        name = f"“{outcome.plain}”"
        groups[record.kind].append(name)
    right, unknown = groups.pop("on track"), groups.pop("no data")
    others = {kind: names for kind, names in groups.items() if names}
    if len(unknown) == len(found):
        return "There are not yet the figures to see how the outcomes moved."
    moved_others, total = sum(len(names) for names in others.values()), len(found)
    name_right = len(right) <= max(moved_others, 1)  # the smaller side named, the other counted
    if not right:
        right_words = "none of the outcomes"
    elif len(right) == total:
        right_words = f"all {total} outcomes"
    else:
        right_words = _listed(right) if name_right else f"{len(right)} of the {total} outcomes"
    parts = [MOVED["on track"].format(right_words)]
    if not name_right or moved_others == 1:
        parts += [MOVED[kind].format(_listed(names)) for kind, names in others.items()]
    elif others:
        other = "the other " if right and not unknown and len(others) == 1 else ""
        counted = [MOVED[kind].format(f"{other}{len(names)}") for kind, names in others.items()]
        parts.append(" and ".join(counted))
    if unknown:
        told = _listed(unknown) if len(unknown) <= 2 else f"{len(unknown)} of them"
        parts.append(MOVED["no data"].format(told))
    return f"Since {years[0]}, " + "; ".join(parts) + "."


def _listed(names: list[str]) -> str:
    """'“A”', '“A” and “B”', '“A”, “B” and “C”'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _biggest_change_words(found: list[tuple[frameworks.Outcome, Headline]]) -> str:
    """'The biggest change is in user-run share of services, up from 9% to 25%.' Among the
    headlines on a 0-1 scale (shares and diversity), the one that moved furthest, when any
    moved more than a little."""
    moved = [
        record
        for _, record in found
        if catalogue.measure(record.measure).kind in ("share", "index")
        and record.kind in ("on track", "wrong way")
    ]
    if not moved:
        return ""
    record = max(moved, key=lambda found: abs(found.trend["change"]))
    trend, measure = record.trend, record.measure
    name = slide_words.plain_name(measure)
    return (
        f"The biggest change is in {name[:1].lower()}{name[1:]}, "
        f"{'up' if trend['change'] > 0 else 'down'} from "
        f"{formats.format_measure(measure, trend['first'])} to "
        f"{formats.format_measure(measure, trend['latest'])}."
    )


def _target_words(table: pd.DataFrame, targets: pd.DataFrame, one_year: bool) -> str:
    """'2 of the 5 targets are met or in reach at this pace.' ('' with no target set)."""
    set_, met = targets_in_reach(table, targets)
    if not set_:
        return ""
    reach = "met" if one_year else "met or in reach at this pace"
    if set_ == 1 and met:
        return f"The one target set is {reach}."
    if set_ == 1:
        return f"The one target set is {'not met' if one_year else 'neither met nor in reach'}" + (
            "." if one_year else " at this pace."
        )
    if met == set_:
        return f"All {set_} targets are {reach}."
    if not met:
        return f"None of the {set_} targets is {reach}."
    return f"{met} of the {set_} targets {'is' if met == 1 else 'are'} {reach}."


def _left_out_words(left_out: int) -> str:
    """'4 rows of the Services sheet could not be used and are left out of these figures.'"""
    if not left_out:
        return ""
    verb = "is" if left_out == 1 else "are"
    return (
        f"{_plural(left_out, 'row')} of the Services sheet could not be used and {verb} "
        "left out of these figures."
    )

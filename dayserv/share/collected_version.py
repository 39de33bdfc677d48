"""Returns and benchmark answers collected by link made part of an area's record: the area's
next version, a workbook of the whole portfolio in the contract's format (the one the
checklist's download writes, ``checklist_workbook.portfolio_workbook``) whose KPIs or
Benchmark sheet holds the table with what is in force merged in, read back before it is
kept; what a page says is already in the version shown and what is only collected; the
version's note; and, in a sentence, why it cannot be added in.

Pure: no Streamlit, no store (submissions come in as ``rounds.Submitted``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dayserv.figures import collect, collect_benchmark
from dayserv.read.clean import Portfolio, load
from dayserv.read.reader import Source
from dayserv.share.checklist_workbook import portfolio_workbook
from dayserv.share.provenance import slug
from dayserv.store import access
from dayserv.store.rounds import Submitted

MAX_NAMED = 5  # more holders than this in a period are counted, not named


class CannotAdd(ValueError):
    """The collected values cannot be added in; the message says why, plainly."""


@dataclass(frozen=True)
class Collected:
    """A kind of round as it goes into the record: the table its submissions merge into,
    the merge as a sheet is written from, and how each submission compares with a table."""

    kind: str  # the rounds' kind
    table: str  # the portfolio's table (and so its sheet)
    what: str  # 'returns'
    holder: str  # who sends one: 'provider'
    merged: Callable[[pd.DataFrame, list[Submitted]], pd.DataFrame]
    states: Callable[[pd.DataFrame, list[Submitted]], pd.DataFrame]


RETURNS = Collected(
    "returns", "kpis", "returns", "provider", collect.merged_kpis, collect.return_states
)
BENCHMARK = Collected(
    "benchmark",
    "benchmark",
    "benchmark answers",
    "service group",
    collect_benchmark.answers_to_save,
    collect_benchmark.answer_states,
)


def only_collected(states: pd.DataFrame) -> pd.DataFrame:
    """The states' rows not yet in the table they were compared with."""
    return states.loc[~states["saved"].astype(bool)]


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _from(states: pd.DataFrame, collected: Collected, named: bool) -> str:
    """'2025/26 Q4 returns from Mind and Rethink' (or, not ``named``, 'from 2 providers'),
    period by period."""
    parts = []
    for period, rows in states.groupby("period", sort=False):
        holders = list(rows["holder"])
        if named and len(holders) <= MAX_NAMED:
            who = _listed(holders)
        else:
            who = f"{len(holders)} {collected.holder}{'s' * (len(holders) != 1)}"
        parts.append(f"{period} {collected.what} from {who}")
    return "; ".join(parts) if named else _listed(parts)


def state_words(states: pd.DataFrame, collected: Collected, version: str) -> list[str]:
    """What was collected, in sentences: what ``version`` ('Eastbrook version 3', the
    version whose table the states were compared with) holds already, and what is only
    collected (shown on the page, but in nothing else until it is added in)."""
    pending = only_collected(states)
    held = states.loc[~states.index.isin(pending.index)]
    lines = []
    if not held.empty:
        lines.append(
            f"Already in {version}: {_from(held, collected, True)}. They are counted once: "
            "adding them in again would change nothing."
        )
    if not pending.empty:
        lines.append(
            f"Only collected, not in {version} yet: {_from(pending, collected, True)}. The "
            "figures on this page include them; the Data tables page, the exports, the "
            "meeting pack and the command line do not, until they are added in as the "
            "area's next version."
        )
    return lines


def added_note(pending: pd.DataFrame, collected: Collected, who: str) -> str:
    """The new version's note: '2025/26 Q4 returns from 2 providers added by link by ann'."""
    return f"{_from(pending, collected, False)} added by link by {who}"


def refusal(
    area: str,
    shown: int,
    latest: int,
    role: str | None,
    by_share_link: bool,
    pending: pd.DataFrame,
    what: str = "returns",
) -> str | None:
    """Why the collected values cannot be added in to the area as its next version, in a
    sentence; None when they can. ``shown``: the version the page shows; ``latest``: the
    store's latest; ``role``: the viewer's in the area (None: not a member)."""
    if by_share_link:
        return (
            f"This page was opened by a share link, which shows {area} read-only: "
            f"the {what} can be added in only by the area's owners and editors."
        )
    if role is None or not access.may(role, "editor"):
        return (
            f"You may view {area} but not save to it, so the {what} cannot be added in from "
            "here: ask its owner to add them in, or to make you an editor."
        )
    if latest != shown:
        return (
            f"{area} version {latest} has been saved since this page showed version {shown}: "
            f"open the latest version and look again at what it holds before adding the "
            f"{what} in."
        )
    if pending.empty:
        return f"Every one of the {what} collected is in {area} version {shown} already."
    return None


def file_name(area: str, number: int) -> str:
    """The new version's workbook: 'eastbrook-version-4.xlsx'."""
    return f"{slug(area)}-version-{number}.xlsx"


def next_version(
    tables: dict[str, pd.DataFrame],
    collected: Collected,
    submissions: list[Submitted],
    source_label: str,
    produced: dt.date | None = None,
) -> tuple[bytes, Portfolio]:
    """The whole portfolio (``tables``, unfiltered) as a workbook in the contract's format,
    its ``collected.table`` sheet holding the table with the submissions in force merged
    in, and the workbook as the reader reads it back. CannotAdd if it would not read back
    to the merged table (then nothing should be kept)."""
    merged = collected.merged(tables[collected.table], submissions)
    data = portfolio_workbook(
        {**tables, collected.table: merged}, tables["checklist"], source_label, produced
    )
    back = load([Source("next-version.xlsx", data)])
    left = only_collected(collected.states(back.tables[collected.table], submissions))
    if not left.empty:
        raise CannotAdd(
            f"The workbook made for the next version did not read back with "
            f"{_from(left, collected, True)}, so nothing was saved."
        )
    return data, back

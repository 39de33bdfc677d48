"""The Compare areas page's areas and their figures: where the areas come from (the
portfolio shown, when its Services name two areas or more; else workbooks uploaded on the
page and saved areas picked, one area each, with the portfolio shown as one more; else the
bundled sample region), each year's measures and each measure's trends worked out once per
source, and where the figures come from."""

from __future__ import annotations

import functools
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from dayserv.app import saved
from dayserv.app.sessions import holding
from dayserv.app.state import SAMPLE_PATH, current, current_filter, current_publication, read_files
from dayserv.figures import compare, compare_source
from dayserv.figures.compare_view import View, make_view
from dayserv.figures.findings import years_words
from dayserv.read.clean import Portfolio
from dayserv.read.portfolio_cache import Shared
from dayserv.share.provenance import Provenance
from dayserv.store import areas as stored
from dayserv.store.areas import AreaError
from dayserv.store.database import StoreUnavailable

logger = logging.getLogger(__name__)

REGION_PATH = SAMPLE_PATH.with_name("sample_region.xlsx")
SAMPLE_HOME = "Eastbrook"  # the sample region's area that is the sample portfolio
SAMPLE_REGION_NOTICE = (
    "Showing the sample region: Eastbrook and six neighbouring areas, all fictional. "
    "Upload a workbook with an Area column in the sidebar, or two workbooks (one area each) "
    "here, or pick saved areas, to compare your own."
)
UPLOAD_TYPES = ["xlsx", "xlsm", "ods"]  # a workbook each: one CSV file is not a portfolio
MOST_UPLOADS = 40  # workbooks compared at once; more are named and left out
EVERY_AREA_WHOLE = "all services"  # the provenance's filters: each area is compared whole
_MEMO = "dayserv_compare"  # session: the saved areas read, and the current source's figures


@dataclass(frozen=True)
class Source:
    """The areas compared and where they come from."""

    areas: dict[str, compare.Area]
    label: str  # the files or saved areas, for the provenance
    kind: str  # "workbook" (one with an Area column), "chosen" or "sample"
    home: str  # the area chosen until the user picks another
    entries: tuple[Shared[Portfolio], ...]  # the loaded portfolios (kept while compared)

    @property
    def names(self) -> list[str]:
        return list(self.areas)

    @property
    def key(self) -> str:
        """A short name for this set of areas, so the page's choices start afresh for
        another set."""
        text = "\x1f".join([*(entry.key for entry in self.entries), *self.areas])
        return hashlib.sha256(text.encode()).hexdigest()[:12]

    @property
    def years(self) -> list[str]:
        return self.kept("years", (), lambda: compare.years_of(self.areas))

    def kept(self, name: str, choices: tuple, build):
        """``build()`` once per source and ``choices``: kept with the one portfolio it comes
        from (for every session), or in this session for several."""
        if len(self.entries) == 1:
            return self.entries[0].views.get((f"dayserv_compare_{name}", self.key, choices), build)
        memo = holding().setdefault(_MEMO, {})
        if memo.get("source") != self.key:
            memo.clear()
            memo["source"] = self.key
        key = (name, choices)
        if key not in memo:
            memo[key] = build()
        return memo[key]


@functools.cache
def _sample_region() -> Shared[Portfolio]:
    held, error = read_files(((REGION_PATH.name, REGION_PATH.read_bytes()),), pin=True)
    if held is None:
        raise RuntimeError(f"The bundled sample region could not be loaded: {error}")
    return held


def _areas_of(entry: Shared[Portfolio], name: str, portfolio: Portfolio):
    """One portfolio's areas (split by its Area column), kept with it for every session."""
    return entry.views.get(
        ("dayserv_compare_areas", name), lambda: compare.areas_of([(name, portfolio)])
    )


def area_values(services: pd.DataFrame) -> int:
    """How many areas a Services table names (blank Area values not counted)."""
    if "area" not in services:
        return 0
    return int(services["area"].astype("string").str.strip().replace("", pd.NA).nunique())


def sample_source() -> Source:
    entry = _sample_region()
    areas = _areas_of(entry, REGION_PATH.stem, entry.value)
    return Source(areas, REGION_PATH.name, "sample", SAMPLE_HOME, (entry,))


def shown_name(portfolio: Portfolio) -> str:
    """The portfolio shown as one area: the saved area's name, else its file's name."""
    area = current().area
    if area is not None:
        return area.info.area
    return Path(portfolio.sources[0]).stem if len(portfolio.sources) == 1 else "Your portfolio"


def saved_choices() -> tuple[dict[str, int], str | None]:
    """The saved areas the user may open, other than the one shown, each with its latest
    version; and the sentence to show when the store cannot be reached."""
    engine, error = saved.engine()
    if engine is None:
        return {}, error
    try:
        visible = saved.visible_areas(engine, saved.user())
    except StoreUnavailable as exc:
        return {}, str(exc)
    shown = current().area
    return {
        summary.name: summary.latest
        for summary, _ in visible
        if shown is None or summary.name != shown.info.area
    }, None


def _saved_entry(name: str, latest: int) -> tuple[Shared[Portfolio] | None, str | None]:
    """A saved area's latest version, loaded (read once a session per version)."""
    memo = holding().setdefault(f"{_MEMO}_saved", {})
    if (name, latest) in memo:
        return memo[(name, latest)], None
    engine, error = saved.engine()
    if engine is None:
        return None, error
    try:
        _, files = stored.version_files(engine, name)
    except (AreaError, StoreUnavailable) as exc:
        return None, str(exc)
    entry, error = read_files(tuple(files))
    if entry is None:
        return None, f"{name} could not be read: {error}"
    memo[(name, latest)] = entry
    return entry, None


def workbook_has_areas() -> bool:
    """Whether the portfolio shown is a region: its Services name two areas or more."""
    loaded = current()
    if loaded.is_sample or loaded.held is None:
        return False
    services = loaded.portfolio.services
    return loaded.held.views.get("dayserv_area_values", lambda: area_values(services)) > 1


def uploaded(uploads) -> tuple[list[tuple[str, Shared[Portfolio]]], list[str]]:
    """The workbooks uploaded on the page, each read on its own and named by its file's name
    without extension (``compare.areas_of`` takes its Area value instead when it holds one);
    and a sentence for each that could not be read, or was one too many. Each is read once
    a session; one taken off is let go."""
    memo = holding().setdefault(f"{_MEMO}_uploads", {})
    kept, found, problems = {}, [], []
    for upload in (uploads or [])[:MOST_UPLOADS]:
        if upload.file_id not in memo:
            memo[upload.file_id] = read_files(((upload.name, upload.getvalue()),))
        kept[upload.file_id] = entry, error = memo[upload.file_id]
        if entry is None:
            problems.append(f"{upload.name} is not compared: {error}")
            continue
        found.append((Path(upload.name).stem, entry))
        if area_values(entry.value.services) > 1:
            problems.append(
                f"{upload.name} names {area_values(entry.value.services)} areas in its Area "
                "column; here it is one area. Upload it in the sidebar to compare its areas."
            )
    memo.clear()
    memo.update(kept)
    over = (uploads or [])[MOST_UPLOADS:]
    if over:
        names = ", ".join(upload.name for upload in over)
        problems.append(
            f"Up to {MOST_UPLOADS} workbooks are compared at once: {names} "
            f"{'is' if len(over) == 1 else 'are'} not."
        )
    return found, problems


def gather(
    picked: dict[str, int], uploads: list[tuple[str, Shared[Portfolio]]] = ()
) -> tuple[Source, list[str]]:
    """The areas to compare, and a sentence for each saved area that could not be read.

    The portfolio shown when its Services name two areas or more; else the portfolio shown
    (not the sample), the workbooks ``uploads`` (name -> loaded) and the saved areas
    ``picked`` (name -> latest version), one area each; else, with fewer than two areas,
    the bundled sample region."""
    loaded = current()
    portfolio = loaded.portfolio
    if workbook_has_areas() and loaded.held is not None:
        areas = _areas_of(loaded.held, shown_name(portfolio), portfolio)
        source = Source(
            areas, portfolio.source_label, "workbook", next(iter(areas)), (loaded.held,)
        )
        return source, []
    chosen: list[tuple[str, str, Shared[Portfolio]]] = []  # (name, label, loaded)
    if not loaded.is_sample and loaded.held is not None:
        chosen.append((shown_name(portfolio), portfolio.source_label, loaded.held))
    chosen += [(name, entry.value.source_label, entry) for name, entry in uploads]
    problems = []
    for name, latest in picked.items():
        entry, problem = _saved_entry(name, latest)
        if entry is None:
            problems.append(problem)
            continue
        chosen.append((name, f"saved area {name}", entry))
    if len(chosen) < 2:
        return sample_source(), problems
    areas = compare.areas_of([(name, entry.value) for name, _, entry in chosen])
    label = ", ".join(label for _, label, _ in chosen)
    entries = tuple(entry for _, _, entry in chosen)
    return Source(areas, label, "chosen", next(iter(areas)), entries), problems


def home(source: Source) -> str:
    """The area chosen to begin with: the sidebar's Area filter's one area if it names one
    of these, else the source's own."""
    chosen = current_filter().areas
    if len(chosen) == 1 and chosen[0] in source.areas:
        return chosen[0]
    return source.home


def year_table(source: Source, year: str) -> pd.DataFrame:
    """Every area's measures in ``year`` (worked out once per source and year)."""
    return source.kept("measures", (year,), lambda: compare.area_measures(source.areas, year))


def comparison(source: Source, year: str, chosen: str, peers: list[str]) -> View:
    return make_view(year_table(source, year), year, chosen, peers)


def trends(source: Source, measure: str) -> pd.DataFrame:
    """Each area's ``measure`` year by year (worked out once per source and measure)."""
    return source.kept("trends", (measure,), lambda: compare.area_trends(source.areas, measure))


FIGURES_KEPT = 24  # a session's charts kept: a change of year or area draws only its own


def figure(source: Source, name: str, choices: tuple, build):
    """A chart of the comparison, built once in this session per source and ``choices``
    (building a plotly figure costs more than drawing it; ``widgets.chart`` may be given
    the same figure again, as it replaces its footer)."""
    kept = holding().setdefault(f"{_MEMO}_figures", {})
    key = (source.key, name, choices)
    if key not in kept:
        while len(kept) >= FIGURES_KEPT:
            kept.pop(next(iter(kept)))
        kept[key] = build()
    return kept[key]


def provenance(source: Source, years: list[str]) -> Provenance:
    """Where the comparison's figures come from: the files or saved areas, every service of
    every area, the years shown, and the sidebar's publication rule."""
    return Provenance(
        source=source.label,
        filters=EVERY_AREA_WHOLE,
        years=years_words(years),
        produced=datetime.now(),
        publication=current_publication(),
    )


def source_words(source: Source) -> str:
    """Under the title: how many areas, from where, and that the sidebar's filters do not
    narrow them."""
    left_out = source.kept(  # once per set of areas, not on every rerun
        "left_out",
        (),
        lambda: compare_source.left_out_words(
            [(entry.value.source_label, entry.value) for entry in source.entries]
        ),
    )
    return compare_source.source_words(len(source.areas), source.kind, source.label, left_out)


def store_problem(error: str | None) -> None:
    if error:
        logger.info("The saved areas could not be listed: %s", error)
        st.caption(f"Saved areas are not available here: {error}")


def slide_bytes(view: View, where: Provenance) -> bytes:
    """The "How we compare" slide as a PowerPoint file of its own, built now."""
    from dayserv.share import pack
    from dayserv.share.deck import deck_bytes

    return deck_bytes(pack.compare_pack(view, where.now()))

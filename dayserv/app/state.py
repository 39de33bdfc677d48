"""The pages' shared state: the portfolio the sidebar loaded (or the sample), shared between
sessions showing the same files, and the filter, publication rule, filtered tables,
provenance and meeting pack of what is shown, each worked out once per view."""

from __future__ import annotations

import dataclasses
import functools
import gc
import logging
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from dayserv.app.entered import targets_in_force
from dayserv.app.saved import Opened
from dayserv.app.sessions import give_back, holding, start_giving_back
from dayserv.figures import outcomes, quality
from dayserv.figures.filters import Filter, choices
from dayserv.figures.measures import target_for, yearly_measures
from dayserv.figures.publication import Publication
from dayserv.figures.targets import merged_targets
from dayserv.read.clean import Portfolio, load
from dayserv.read.portfolio_cache import Shared, SharedCache, files_key, frames_size
from dayserv.read.reader import Source, UnreadableError
from dayserv.share import pack
from dayserv.share.provenance import Provenance, area_name, of_view, shown_area

logger = logging.getLogger(__name__)

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "sample_data" / "sample_portfolio.xlsx"
_LOADED = "dayserv_loaded"
GIVEN = "checklist_given"  # the checklist answers given this session, by portfolio (source key)


# ---------------------------------------------------------------- loading


def use_explicit_navigation() -> None:
    """Start the run again if Streamlit took pages/ for its old page discovery.

    In the first session after the server starts, Streamlit runs the entry script (or, for
    a link straight to a page, the page file alone) inside a navigation built from the
    pages/ folder, where the sidebar's uploader is dead. app.py's st.navigation replaces
    it, so switch the old discovery off and rerun.
    """
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


@dataclass(frozen=True)
class Loaded:
    """The portfolio the pages show, whether it is the sample, and why an upload was not used.

    ``held`` is its shared entry: holding it keeps the portfolio, and the views worked out
    from it, alive for every session that shows it."""

    portfolio: Portfolio
    is_sample: bool
    error: str | None = None
    held: Shared[Portfolio] | None = None
    area: Opened | None = None  # the saved version shown, if it is one


# Loaded portfolios, shared by every session showing the same files (by their sha256) and
# gone when none holds them; the most recently used are kept a few minutes, within an
# estimated size, for a browser that reconnects or uploads the same files again.
RECENT_BYTES = 160 * 2**20  # about three 20,000-service portfolios (47 MB each, estimated)
RECENT_SECONDS = 180.0
VIEWS_KEPT = 24  # per portfolio: its filtered tables, measures and coverage for 6+ filters
PORTFOLIOS: SharedCache[Portfolio] = SharedCache(
    RECENT_BYTES, RECENT_SECONDS, views_kept=VIEWS_KEPT, on_free=give_back.set
)
start_giving_back(PORTFOLIOS.expire)
_UPLOAD = "dayserv_upload_read"  # the session's uploads as read: (file ids, entry, error)


def portfolio_size(portfolio: Portfolio) -> int:
    """The estimated bytes of a portfolio's tables and problems."""
    return frames_size([*portfolio.tables.values(), portfolio.problems])


def read_files(
    files: tuple[tuple[str, bytes], ...], pin: bool = False
) -> tuple[Shared[Portfolio] | None, str | None]:
    """(entry, None) for files that load; (None, one plain sentence) for files that do not.

    Read once while anyone holds the same files (or did a few minutes ago), however many
    sessions upload them at the same time; ``pin`` keeps the entry for good.
    """
    try:
        loaded = PORTFOLIOS.get_or_load(
            files_key(files),
            lambda: load([Source(name, data) for name, data in files]),
            portfolio_size,
            pin=pin,
        )
        return loaded, None
    except UnreadableError as exc:
        return None, str(exc)
    except Exception:  # a bug must not show the user a traceback
        logger.exception("Loading %s failed", [name for name, _ in files])
        names = ", ".join(name for name, _ in files)
        return None, (
            f"{names} could not be read. Check that it follows the template "
            "(download it below) and upload it again."
        )


@functools.cache
def _sample() -> Shared[Portfolio]:
    held, error = read_files(((SAMPLE_PATH.name, SAMPLE_PATH.read_bytes()),), pin=True)
    if held is None:
        raise RuntimeError(f"The bundled sample could not be loaded: {error}")
    # What exists now (the modules, the sample) lives as long as the server: keep it out of
    # the full collection Streamlit runs after every script run (0.1-0.25 s, holding up
    # every session, without this; 0.01-0.07 s with it).
    gc.collect()
    gc.freeze()
    return held


def sample_portfolio() -> Portfolio:
    """The bundled portfolio of Eastbrook, a fictional area (loaded once, kept for good)."""
    return _sample().value


def sample_loaded(error: str | None = None) -> Loaded:
    return Loaded(_sample().value, is_sample=True, error=error, held=_sample())


def read_uploads(uploads) -> tuple[Shared[Portfolio] | None, str | None]:
    """The uploads' portfolio (or why it could not be read), read once per session's files:
    a rerun with the same files neither copies nor hashes their bytes again."""
    held = holding()
    ids = tuple(upload.file_id for upload in uploads)
    memo = held.get(_UPLOAD)
    if memo is not None and memo[0] == ids:
        if memo[1] is not None:
            PORTFOLIOS.get(memo[1].key)  # used again: kept for a reconnect from now
        return memo[1], memo[2]
    entry, error = read_files(tuple((upload.name, upload.getvalue()) for upload in uploads))
    held[_UPLOAD] = (ids, entry, error)
    return entry, error


def uploads_read(uploads) -> bool:
    """Whether this session has read these very uploads already (this is a rerun)."""
    memo = holding().get(_UPLOAD)
    return memo is not None and memo[0] == tuple(upload.file_id for upload in uploads)


def area_loaded(area: Opened) -> Loaded:
    """A saved version's portfolio, read from its files (shared with every session showing
    the same files, so reading is done once), labelled with the area and version."""
    entry, error = read_files(tuple(area.files))
    if entry is None:
        return sample_loaded(f"{area.info.label} could not be read: {error}")
    portfolio = entry.views.get(
        ("dayserv_labelled", area.label),
        lambda: dataclasses.replace(entry.value, sources=(area.label,)),
    )
    return Loaded(portfolio, is_sample=False, held=entry, area=area)


def remember_loaded(loaded: Loaded) -> None:
    """Keep what the sidebar loaded for this run's page (not in session state: that
    outlives the browser by minutes)."""
    holding()[_LOADED] = loaded


def current() -> Loaded:
    """What the sidebar loaded in this run (the sample when a page runs on its own)."""
    use_explicit_navigation()
    loaded = holding().get(_LOADED)
    if loaded is None:
        loaded = sample_loaded()
    return loaded


def current_portfolio() -> Portfolio:
    """The portfolio every page shows."""
    return current().portfolio


# ---------------------------------------------------------------- the shared filter

_FILTER = "dayserv_filter"
_PUBLICATION = "dayserv_publication"
_FILTERED = "dayserv_filtered_tables"


def remember_view(chosen: Filter, publication: Publication) -> None:
    """Keep the sidebar's filter and publication rule for this run's page."""
    st.session_state[_FILTER] = chosen
    st.session_state[_PUBLICATION] = publication


def current_publication() -> Publication:
    """Whether small numbers are hidden (off when a page runs on its own)."""
    return st.session_state.get(_PUBLICATION, Publication())


def current_provenance() -> Provenance:
    """Where the figures on this page come from, to print on every export of them (the
    filtered years worked out once per view in this session, not for every chart and table;
    not among the portfolio's shared views, whose room is the tables' and measures'; produced
    now)."""
    chosen, publication, area = current_filter(), current_publication(), current_area()
    kept = _per_view(
        _PROVENANCE,
        (chosen, publication, area),
        lambda: of_view(
            current_portfolio().source_label,
            chosen,
            current_tables()["services"],
            publication,
            left_out=current_left_out()[0],
            area=area,
        ),
        shared=False,
    )
    return kept.now()


def current_area() -> str:
    """The area shown: the saved area's or the sample's name, else the one its Services
    name, else its file's name in words (area_name; worked out once per portfolio)."""
    shown = shown_area(current())
    if shown:
        return shown
    portfolio = current_portfolio()
    return _per_view(_AREA, (), lambda: area_name(portfolio))


def current_left_out() -> tuple[str, bool]:
    """What the workbook's rows left out, in words, and whether anything was (worked out
    once per portfolio, for every session)."""
    portfolio = current_portfolio()
    return _per_view(
        _LEFT_OUT,
        (),
        lambda: (quality.left_out_words(portfolio), quality.anything_left_out(portfolio)),
    )


def current_filter() -> Filter:
    """The filter chosen in the sidebar (none when a page runs on its own)."""
    return st.session_state.get(_FILTER, Filter())


def _per_view(name: str, choices: tuple, build, shared: bool = True):
    """``build()``, worked out once per portfolio and ``choices``, not on every call.

    ``shared``: once for every session showing the portfolio (kept with it, and gone with
    it); otherwise once in this session. The portfolio is matched by identity: comparing its
    tables would cost more than the work saved."""
    loaded = current()
    if shared and loaded.held is not None:
        return loaded.held.views.get((name, choices), build)
    held = holding()
    memo = held.get(name)
    if memo is None or memo[0] is not loaded.portfolio or memo[1] != choices:
        memo = (loaded.portfolio, choices, build())
        held[name] = memo
    return memo[2]


def current_tables() -> dict[str, pd.DataFrame]:
    """Every tidy table of the portfolio, narrowed by the sidebar's filter (worked out once
    per portfolio and filter, for every session)."""
    chosen = current_filter()
    return _per_view(_FILTERED, (chosen,), lambda: chosen.tables(current_portfolio().tables))


_CHOICES = "dayserv_filter_choices"


def current_choices() -> dict[str, list[str]]:
    """The values each sidebar filter can take in the portfolio shown (worked out once per
    portfolio, for every session: 0.03 s a rerun at 75,000 service-years otherwise)."""
    return _per_view(_CHOICES, (), lambda: choices(current_portfolio().services))


_MEASURES = "dayserv_yearly_measures"
_COVERAGE = "dayserv_year_coverage"
_AREA = "dayserv_area_name"
_LEFT_OUT = "dayserv_left_out"
_PROVENANCE = "dayserv_provenance"


def current_measures() -> pd.DataFrame:
    """The yearly measures of the filtered tables (worked out once per portfolio and filter,
    for every session)."""
    tables = current_tables()
    return _per_view(
        _MEASURES,
        (current_filter(),),
        lambda: yearly_measures(tables["services"], tables["funding"]),
    )


def current_coverage() -> pd.DataFrame:
    """Which years of the filtered tables have too little data (worked out once per
    portfolio and filter, for every session)."""
    tables = current_tables()
    return _per_view(
        _COVERAGE,
        (current_filter(),),
        lambda: outcomes.year_coverage(tables["services"], tables["funding"]),
    )


_PACK = "dayserv_pack"


def current_pack() -> pack.Pack:
    """The meeting pack of the portfolio, filter and publication rule in force (built once
    per the three in a session, so turning a slide does not build every slide again; not
    shared, as it says when it was produced)."""
    chosen, publication, targets = current_filter(), current_publication(), current_targets()
    return _per_view(
        _PACK,
        (chosen, publication, targets_key(targets)),
        lambda: pack.build(
            current_portfolio(),
            chosen,
            publication,
            targets=targets,
            area=shown_area(current()),
            tables=current_tables(),  # the pages' own, kept per filter
            measures=current_measures(),
            left_out=current_left_out()[0],
            coverage=current_coverage(),
        ),
        shared=False,
    )


def current_targets() -> pd.DataFrame:
    """The targets every page, the Overview's tiles and the meeting pack measure against:
    the Targets sheet's, with those set in the app in their place (saved to the open area,
    or set in this visit)."""
    loaded = current()
    overrides = targets_in_force(loaded.area, loaded.portfolio.source_label)
    return merged_targets(loaded.portfolio.tables["targets"], overrides)


def targets_key(targets: pd.DataFrame) -> tuple:
    """The targets as a key to tell one set from another."""
    shown = targets.reindex(columns=["outcome", "target", "year"]).astype(str)
    return tuple(shown.itertuples(index=False, name=None))


def target(measure: str) -> float | None:
    """The user's target for a measure: set in the app, else from the Targets sheet."""
    return target_for(current_targets(), measure)

"""What users enter for the open area (checklist answers, targets), as the session holds it.

Each kind of record is read from the store the first time the session shows it for an
area, and its revision kept: a save names that revision, so that if someone else saved
since, the store refuses it (``records.Conflict``) and nothing of theirs is overwritten;
the session then keeps the sentence to show and what they saved, for the page to offer.
Without a saved area, what is entered lives for this visit only and is never saved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from dayserv.app import saved
from dayserv.app.saved import Opened
from dayserv.figures import targets
from dayserv.store.areas import AreaError, area_key
from dayserv.store.database import StoreUnavailable
from dayserv.store.records import Conflict, Saved, read_record, save_record

_ENTERED = "dayserv_entered"  # session state: (kind, "area" or "visit", key) -> Entered


@dataclass
class Entered:
    """One record as this session has it: as read or last saved (``saved``), why the last
    save was refused (``refused``) and, when someone saved first, what they saved
    (``theirs``). ``working`` is what is on screen, for a page that keeps it here."""

    saved: Saved = field(default_factory=lambda: Saved({}))
    refused: str | None = None
    theirs: Saved | None = None
    working: dict | None = None


def _key(area: Opened | None, kind: str, visit: str) -> tuple[str, str, str]:
    if area is None:
        return (kind, "visit", visit)
    return (kind, "area", area_key(area.info.area))


def entered(area: Opened | None, kind: str, visit: str = "") -> tuple[Entered, str | None]:
    """The session's record of ``kind`` for the open area, read from the store the first
    time; without an area, the one for this visit (``visit`` names what is shown). With the
    sentence to show when the store could not be read (then tried again next time)."""
    held = st.session_state.setdefault(_ENTERED, {})
    key = _key(area, kind, visit)
    if key in held:
        return held[key], None
    if area is None:
        held[key] = Entered()
        return held[key], None
    store_engine, error = saved.engine()
    if store_engine is None:
        return Entered(), error
    try:
        record = read_record(store_engine, area.info.area, kind)
    except (AreaError, StoreUnavailable) as exc:
        return Entered(), str(exc)
    held[key] = Entered(record)
    return held[key], None


def save(area: Opened, kind: str, body: dict, record: Entered) -> bool:
    """Save ``body`` to the area as the next revision of the one ``record`` was read at;
    True when saved. When refused, ``record.refused`` says why and, if someone saved since,
    ``record.theirs`` is what they saved: nothing is overwritten."""
    record.refused = record.theirs = None
    if area.read_only:
        record.refused = f"You may read {area.info.area} but not change it, so nothing was saved."
        return False
    store_engine, error = saved.engine()
    if store_engine is None:
        record.refused = error
        return False
    try:
        record.saved = save_record(
            store_engine, area.info.area, kind, body, record.saved.revision, saved.user().email
        )
    except Conflict as exc:
        record.refused, record.theirs = str(exc), exc.latest
        return False
    except (AreaError, StoreUnavailable) as exc:
        record.refused = str(exc)
        return False
    return True


def take_theirs(record: Entered) -> Saved:
    """Go on from what the other person saved (dropping what this session had); returns it."""
    if record.theirs is not None:
        record.saved = record.theirs
    record.refused = record.theirs = None
    return record.saved


# ---------------------------------------------------------------- targets


def targets_record(area: Opened | None, visit: str) -> tuple[Entered, str | None]:
    """The targets set in the app for the open area (or this visit), their overrides on
    screen in ``working`` (at first, those saved)."""
    record, error = entered(area, "targets", visit)
    if record.working is None:
        record.working = targets.overrides_of(record.saved.body)
    return record, error


def targets_in_force(area: Opened | None, visit: str) -> targets.Overrides:
    """The overrides every page measures against: those on screen for the area or visit."""
    return targets_record(area, visit)[0].working

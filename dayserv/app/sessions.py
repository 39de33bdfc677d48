"""What a browser session holds, and what is let go of when it closes.

Streamlit keeps a closed session's state for ``server.disconnectedSessionTTL`` seconds (120
unless set) in case the browser comes back, and drops it only when a later session closes;
a session dropped that way is never shut down, so its uploaded files, its download
callables (the meeting pack's holds the portfolio) and its dataframe sources stay in
Streamlit's managers for as long as the server runs. So the portfolio a session shows is
held in a session-scoped resource, which Streamlit clears the moment the websocket closes,
not in its session state; at that moment this module also lets go of the session's download
callables and dataframe sources (a browser that reconnects reruns the page, which makes them
again). The uploaded files must stay for a reconnect; they are removed once the session can
no longer be resumed. A sweeper thread then gives the freed memory back to the system.
"""

from __future__ import annotations

import gc
import logging
import threading
import time
from collections.abc import Callable

import streamlit as st
from streamlit import config, runtime
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from dayserv.read.portfolio_cache import trim_heap

logger = logging.getLogger(__name__)

SESSION_ID = "session_id"
SWEEP_EVERY = 30.0  # seconds between sweeps when nothing wakes the sweeper
SETTLE = 1.0  # seconds for a dropped portfolio to finish going before the heap is trimmed

give_back = threading.Event()  # set when memory may have been freed: wakes the sweeper
_closed: dict[str, float] = {}  # session id -> when its websocket closed (time.monotonic)
_closed_lock = threading.Lock()


def _released(held: dict) -> None:
    """A session's websocket closed: let go of what it held and of its downloads."""
    session_id = held.get(SESSION_ID)
    held.clear()
    if session_id is None or not runtime.exists():
        return
    streamlit_runtime = runtime.get_instance()
    try:
        streamlit_runtime.media_file_mgr.clear_session_refs(session_id)
        streamlit_runtime.media_file_mgr.remove_orphaned_files()
        streamlit_runtime.dataframe_source_mgr.clear_all_for_session(session_id)
    except Exception:  # Streamlit's managers changed: keep the app up, lose only the saving
        logger.warning("Could not release session %s's downloads", session_id, exc_info=True)
    with _closed_lock:
        _closed[session_id] = time.monotonic()
    give_back.set()


@st.cache_resource(scope="session", show_spinner=False, on_release=_released)
def _session_holding() -> dict:
    ctx = get_script_run_ctx(suppress_warning=True)
    return {SESSION_ID: ctx.session_id if ctx else None}


def holding() -> dict:
    """What this session holds while its browser is connected (Streamlit lets go of it when
    the websocket closes); a fresh dict outside a session."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return {}
    return _session_holding()


def forget_closed_sessions(now: float | None = None) -> int:
    """Remove the uploaded files of the sessions closed longer ago than Streamlit keeps them
    for a reconnect (they would stay until the server stops); how many sessions."""
    if not runtime.exists():
        return 0
    streamlit_runtime = runtime.get_instance()
    kept_for = float(config.get_option("server.disconnectedSessionTTL")) + SWEEP_EVERY
    now = time.monotonic() if now is None else now
    with _closed_lock:
        closed = list(_closed.items())
    forgotten = 0
    for session_id, closed_at in closed:
        back = streamlit_runtime.is_active_session(session_id)
        if not back and now - closed_at < kept_for:
            continue
        with _closed_lock:
            _closed.pop(session_id, None)
        if not back:  # a session that came back records its next close again
            streamlit_runtime.uploaded_file_mgr.remove_session_files(session_id)
            streamlit_runtime.media_file_mgr.clear_session_refs(session_id)
            streamlit_runtime.media_file_mgr.remove_orphaned_files()
            streamlit_runtime.dataframe_source_mgr.clear_all_for_session(session_id)
            forgotten += 1
    return forgotten


def start_giving_back(expire: Callable[[], int]) -> threading.Thread:
    """Start the daemon thread that, when woken (or every ``SWEEP_EVERY`` seconds), lets
    ``expire()`` drop what is past its time, forgets closed sessions' uploads, and gives
    freed memory back to the system."""

    def sweep() -> None:
        while True:
            woken = give_back.wait(SWEEP_EVERY)
            if woken:
                time.sleep(SETTLE)
            try:
                dropped = expire() + forget_closed_sessions()
                give_back.clear()  # what expire() just dropped is given back below
                if woken or dropped:
                    gc.collect()  # a portfolio caught in a reference cycle goes now
                    trim_heap()
            except Exception:  # the sweeper must outlive any one failure
                logger.exception("Giving memory back failed")

    thread = threading.Thread(target=sweep, name="dayserv-give-back", daemon=True)
    thread.start()
    return thread

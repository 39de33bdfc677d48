"""Download buttons whose file is built when clicked, and that say why when it cannot be.

``st.download_button(data=callable)`` runs the callable on a server thread when the button
is clicked, outside the page's run: an exception there reaches only the server's log and,
in the browser, a passing "Failed to generate file for download". Here each build is
wrapped: a failure is logged with its traceback and kept for the session as one plain
sentence (``export.failure_sentence``); a small watcher beside the buttons (a script of
``st.components.v2``, inline, so it makes no outside request) sees the button's error and
reruns the page, which shows the sentence, as text, under the buttons with ``st.error``. The
sentence stays until the button is tried again. A download that works does not rerun the
page.

Buttons made with ``rerun=True`` (the checklist's workbook, whose download changes what
the page says) rerun the page when clicked, once the file is built, so that the page shows
the new state, or the failure, in that run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

import streamlit as st

from dayserv.share import export
from dayserv.show import safe_text

logger = logging.getLogger(__name__)

_BUILDS = "dayserv_builds"  # session state: button key -> its Builds
WAIT = 60.0  # seconds a click on a rerun=True button waits for its file before the page runs

# Reruns the page when a download button in the group shows Streamlit's own error (the
# build raised): the element is Streamlit's, marked data-testid="stDownloadButtonError".
_WATCH_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  // The class Streamlit gives a container with a key.
  const name = "st-key-" + data.group.trim().replaceAll(/[^a-zA-Z0-9_-]/g, "-");
  const group = parentElement.closest("." + name);
  if (!group) return;
  const seen = new WeakSet();
  const check = () => {
    for (const error of group.querySelectorAll('[data-testid="stDownloadButtonError"]')) {
      if (!seen.has(error)) {
        seen.add(error);
        setTriggerValue("failed", Date.now());
      }
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(group, { childList: true, subtree: true });
  check(); // an error shown before this script was loaded
  return () => observer.disconnect();
}
"""
_watch = st.components.v2.component("dayserv.download_watch", js=_WATCH_JS, isolate_styles=False)


class BuildFailed(RuntimeError):
    """A download's file could not be built; the message is the sentence the page shows."""


@dataclass(frozen=True)
class Download:
    """A file built when its button is clicked."""

    label: str
    build: Callable[[], bytes | str]
    file_name: str
    mime: str
    key: str  # the button's key, unique on its page
    # The file in words, as plain text, to begin the failure sentence: "The meeting pack
    # (PowerPoint)". The sentence is escaped where it is shown.
    what: str
    icon: str = ":material/download:"
    help: str | None = None
    disabled: bool = False
    width: str = "content"


class Builds:
    """One button's builds in one session: how many have finished, and why the last failed.

    Builds run on Streamlit's worker threads; the page's run reads what they left here.
    """

    def __init__(self) -> None:
        self._done = threading.Condition()
        self._finished = 0
        self._clicks = 0
        self._failure: str | None = None

    @property
    def failure(self) -> str | None:
        """Why the last build failed, in one sentence (None after one that worked)."""
        with self._done:
            return self._failure

    def run(self, download: Download) -> bytes | str:
        """Build the file; on failure log the traceback, keep the sentence and raise."""
        with self._done:
            self._failure = None
        failure = None
        try:
            return download.build()
        except Exception as error:
            logger.exception("Could not build %s (%s)", download.file_name, download.what)
            failure = export.failure_sentence(download.what, error)
            raise BuildFailed(failure) from None  # the traceback is logged just above
        finally:
            with self._done:
                self._failure = failure
                self._finished += 1
                self._done.notify_all()

    def wait_for_click(self, timeout: float = WAIT) -> None:
        """Wait until the build a click asked for has finished (each click asks for one)."""
        with self._done:
            self._clicks += 1
            if not self._done.wait_for(lambda: self._finished >= self._clicks, timeout):
                self._clicks = self._finished  # a build that never came: start level again


def builds(key: str) -> Builds:
    """The builds of the button ``key`` in this session."""
    return st.session_state.setdefault(_BUILDS, {}).setdefault(key, Builds())


def _show_failure() -> None:
    """The watcher's trigger: the rerun it causes shows the failure."""


def download_buttons(
    downloads: Sequence[Download],
    key: str,
    *,
    horizontal: bool = True,
    rerun: bool = False,
    align: str = "left",
) -> None:
    """The download buttons (side by side, or one under another), each building its file
    when clicked; under them, one sentence for each whose last build failed.

    ``rerun``: a click reruns the page once the file is built (for a download that changes
    what the page shows); otherwise a click leaves the page as it is. ``align``: where side
    by side buttons sit in their row ("left", "center", "right").
    """
    group = f"{key}_downloads"
    with st.container(key=group):
        with st.container(horizontal=horizontal, horizontal_alignment=align):
            for download in downloads:
                tracker = builds(download.key)
                st.download_button(
                    download.label,
                    data=partial(tracker.run, download),
                    file_name=download.file_name,
                    mime=download.mime,
                    on_click=tracker.wait_for_click if rerun else "ignore",
                    icon=download.icon,
                    key=download.key,
                    help=download.help,
                    disabled=download.disabled,
                    width=download.width,
                )
            if not rerun:  # a rerun=True click's own run shows the failure
                _watch(
                    key=f"{key}_watch",
                    data={"group": group},
                    on_failed_change=_show_failure,
                    width="content",
                )
        for download in downloads:
            failure = builds(download.key).failure
            if failure:  # it names files and areas: text, never markdown
                st.error(safe_text.markdown(failure), icon=":material/error:")


# One listener for the window, kept when the page is left for another of the app's pages:
# the answers live in the session, which only a reload or closing the tab ends.
_LEAVE_JS = """
export default function (component) {
  const { data } = component;
  window.dayservLeaveWarning ??= (event) => {
    event.preventDefault();
    event.returnValue = "";
  };
  if (data.unsaved > 0) window.addEventListener("beforeunload", window.dayservLeaveWarning);
  else window.removeEventListener("beforeunload", window.dayservLeaveWarning);
}
"""
_leave = st.components.v2.component("dayserv.leave_warning", js=_LEAVE_JS, isolate_styles=False)


def leave_warning(unsaved: int) -> None:
    """While ``unsaved`` is above 0 the browser asks before the app's tab is closed or
    reloaded (its own words: browsers do not show a page's); at 0 it no longer asks."""
    _leave(key="dayserv_leave_warning", data={"unsaved": unsaved}, width="content")

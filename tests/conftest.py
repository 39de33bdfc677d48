"""Shared fixtures for the page tests."""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.pages_manager import PagesManager


@pytest.fixture(autouse=True)
def explicit_navigation(monkeypatch):
    """Keep Streamlit from taking pages/ for its old page discovery in AppTest.

    AppTest resets PagesManager.uses_pages_directory before every run and the new
    PagesManager sets it again because pages/ exists; with it set, every run after the
    first executes the page file alone, without app.py's sidebar. The real server's first
    session is handled in app.py itself (tests/test_pages.py covers both).
    """
    original_init = PagesManager.__init__

    def init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)


@pytest.fixture
def downloads(monkeypatch) -> dict[str, object]:
    """The deferred downloads a page registers, by file name: call one to build its file,
    as a click in the browser does."""
    built: dict[str, object] = {}
    register = MediaFileManager.add_deferred

    def add_deferred(self, data, mimetype, coordinates, file_name=None, **kwargs):
        built[file_name] = data
        return register(self, data, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return built

"""Shared fixtures for the page tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass
class Deferred:
    """A download a page registered, built only when clicked: call it to build the file."""

    build: Callable[[], bytes]
    mimetype: str
    file_name: str
    file_id: str

    def __call__(self) -> bytes:
        return self.build()


class Downloads(dict):
    """{file name: Deferred} of the deferred downloads registered while a test runs (the
    latest registration of each name)."""

    def of(self, button) -> Deferred:
        """What a download button of the last run builds."""
        return next(d for d in self.values() if d.file_id == button.proto.deferred_file_id)


@pytest.fixture
def downloads(monkeypatch) -> Downloads:
    """The deferred downloads a page registers, by file name: call one to build its file,
    as a click in the browser does. (AppTest drops its media file manager after each run,
    so they are recorded as they are registered.)"""
    built = Downloads()
    register = MediaFileManager.add_deferred

    def add_deferred(self, data, mimetype, coordinates, file_name=None, **kwargs):
        file_id = register(self, data, mimetype, coordinates, file_name=file_name, **kwargs)
        built[file_name] = Deferred(data, mimetype, file_name, file_id)
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    return built

"""Shared fixtures for the page tests."""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.pages_manager import PagesManager

from tests import servers


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


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgresql: the test uses a real PostgreSQL (postgres_admin_url)"
    )


def pytest_collection_modifyitems(items):
    """Mark the tests that use PostgreSQL `postgresql` (database_url[postgresql] is marked
    where it is defined), so `-m postgresql`, `-m "not
    postgresql"` and `-k postgresql` pick them or leave them out."""
    for item in items:
        if "postgres_admin_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.postgresql)


def _unavailable(error: servers.Unavailable):
    """Skip the test for want of a server, or fail it under CI, which must have them all."""
    if os.environ.get("CI"):
        pytest.fail(f"{error} (CI must provide it: see .ci/run)")
    pytest.skip(str(error))


@pytest.fixture(scope="session")
def postgres_admin_url():
    """The SQLAlchemy URL (postgresql+psycopg://...) of a PostgreSQL server's `postgres`
    database, to create test databases in: the server .ci/run started
    (DAYSERV_TEST_POSTGRES_URL), else a throwaway cluster of this pytest worker's own.
    Skipped without PostgreSQL, failed under CI."""
    with ExitStack() as stack:
        try:
            url = stack.enter_context(servers.postgres_cluster())
        except servers.Unavailable as error:
            _unavailable(error)
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)])
def database_url(request, tmp_path):
    """The SQLAlchemy URL of an empty database, once per backend: sqlite:///TMP/dayserv.db,
    and a fresh database on the PostgreSQL server (dropped after the test). The test ids end
    in [sqlite] and [postgresql], so `-k sqlite` or `-k postgresql` picks one."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'dayserv.db'}"
        return
    admin_url = request.getfixturevalue("postgres_admin_url")
    url = servers.fresh_database(admin_url)
    yield url
    servers.drop_database(admin_url, url)


@pytest.fixture(scope="session")
def oidc():
    """A running OpenID Connect provider (tests/servers.py's OIDCProvider: issuer, client_id,
    client_secret, secrets_toml(app_url), write_secrets(path, app_url)), one per pytest
    worker. Skipped without node or tests/oidc/node_modules, failed under CI."""
    with ExitStack() as stack:
        try:
            provider = stack.enter_context(servers.oidc_provider())
        except servers.Unavailable as error:
            _unavailable(error)
        yield provider

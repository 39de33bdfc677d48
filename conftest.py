"""Every test, the browser tests' servers included, uses a store of its own, never the
user's saved areas: a SQLite file in a temporary folder unless a test names another."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from dayserv.store.database import URL_VARIABLE


def pytest_configure(config):
    config.dayserv_store = Path(tempfile.mkdtemp(prefix="dayserv-test-store-"))
    os.environ[URL_VARIABLE] = f"sqlite:///{config.dayserv_store / 'dayserv.db'}"


def pytest_unconfigure(config):
    shutil.rmtree(getattr(config, "dayserv_store", ""), ignore_errors=True)


@pytest.fixture(autouse=True)
def own_store(monkeypatch, tmp_path_factory):
    """A new, empty store for each test (servers started earlier keep the run's store)."""
    folder = tmp_path_factory.mktemp("store")
    monkeypatch.setenv(URL_VARIABLE, f"sqlite:///{folder / 'dayserv.db'}")

"""Where the store is and how to reach it: SQLite in the user's data directory unless
``DAYSERV_DATABASE_URL`` names another database (PostgreSQL for a team), brought up to the
latest migration the first time a process connects."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import platformdirs
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session

URL_VARIABLE = "DAYSERV_DATABASE_URL"
MIGRATIONS = Path(__file__).with_name("migrations")
CONNECT_SECONDS = 5
_MIGRATION_LOCK = 72_290_518  # PostgreSQL advisory lock: one server migrates at a time


class StoreUnavailable(Exception):
    """The store cannot be reached or used; the message is one plain sentence."""


def default_url() -> str:
    """SQLite in the user's data directory (made if need be)."""
    folder = Path(platformdirs.user_data_dir("dayserv", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'dayserv.db'}"


def database_url() -> str:
    """The store's URL: ``DAYSERV_DATABASE_URL``, else the SQLite default."""
    return os.environ.get(URL_VARIABLE, "").strip() or default_url()


def described(url: str) -> str:
    """The URL as it may be shown: no password."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def _sqlite_foreign_keys(connection, _record) -> None:
    connection.execute("PRAGMA foreign_keys=ON")  # so deleting an area deletes what it holds


@functools.cache
def engine_for(url: str) -> Engine:
    """The engine of the store at ``url``, migrated to the latest schema (once per process).

    Raises StoreUnavailable with a sentence a user can act on when it cannot be reached."""
    try:
        engine = create_engine(url, pool_pre_ping=True, connect_args=_connect_args(url))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_foreign_keys)
        _migrate(engine)
    except SQLAlchemyError as exc:
        engine_for.cache_clear()  # try again next time: the server may be back
        raise StoreUnavailable(
            f"The saved areas cannot be reached just now ({described(url)}): "
            "uploads still work, but nothing can be saved or opened."
        ) from exc
    return engine


def _connect_args(url: str) -> dict:
    """A server that does not answer is given up on in seconds, not the system's minutes."""
    return {"connect_timeout": CONNECT_SECONDS} if url.startswith("postgresql") else {}


def _migrate(engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def store() -> Engine:
    """The engine of the store this process uses."""
    return engine_for(database_url())


@contextmanager
def transaction(engine: Engine) -> Iterator[Session]:
    """A session whose work is committed together at the end, or not at all."""
    try:
        with Session(engine, expire_on_commit=False) as session, session.begin():
            yield session
    except IntegrityError:  # a rule of the store's (a name taken meanwhile): the caller says
        raise
    except SQLAlchemyError as exc:
        raise StoreUnavailable(
            "The saved areas could not be reached, so nothing was changed: try again."
        ) from exc


def now() -> datetime:
    """Now, in UTC, as the store keeps times (without a zone)."""
    return datetime.now(UTC).replace(tzinfo=None)


def when(moment: datetime | None) -> str:
    """A time the store keeps, as every page and message says it: '1 Dec 2026, 14:05 UTC'
    ('' for no time)."""
    if moment is None or moment != moment:  # None, NaT
        return ""
    return f"{day(moment)}, {moment:%H:%M} UTC"


def day(moment: datetime) -> str:
    """The day of a time the store keeps: '1 Dec 2026'."""
    return f"{moment.day} {moment:%b %Y}"

"""The database fixtures of tests/conftest.py and tests/servers.py work: PostgreSQL answers,
each fresh database is a database of its own, and the sqlite URL makes a file."""

from __future__ import annotations

import sqlalchemy
from sqlalchemy.engine import make_url

from tests import servers


def _scalar(url: str, sql: str, **params):
    """The single value that sql (with :name parameters) gives on the database at url."""
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as connection:
            return connection.execute(sqlalchemy.text(sql), params).scalar_one()
    finally:
        engine.dispose()


def test_postgresql_answers(postgres_admin_url):
    assert make_url(postgres_admin_url).drivername == "postgresql+psycopg"
    assert _scalar(postgres_admin_url, "select 1") == 1
    assert _scalar(postgres_admin_url, "show server_version").startswith("15")


def test_postgresql_fresh_databases_are_separate(postgres_admin_url):
    first = servers.fresh_database(postgres_admin_url)
    second = servers.fresh_database(postgres_admin_url)
    try:
        assert make_url(first).database != make_url(second).database
        assert _scalar(first, "select current_database()") == make_url(first).database
        engine = sqlalchemy.create_engine(first)
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text("create table t (x int)"))
        engine.dispose()
        tables = "select count(*) from information_schema.tables where table_name = 't'"
        assert _scalar(first, tables) == 1
        assert _scalar(second, tables) == 0
    finally:
        servers.drop_database(postgres_admin_url, first)
        servers.drop_database(postgres_admin_url, second)
    left = "select count(*) from pg_database where datname in (:a, :b)"
    a, b = make_url(first).database, make_url(second).database
    assert _scalar(postgres_admin_url, left, a=a, b=b) == 0


def test_database_url_is_empty_and_writable(database_url, request):
    backend = request.node.callspec.params["database_url"]
    assert make_url(database_url).get_backend_name() == backend
    engine = sqlalchemy.create_engine(database_url)
    try:
        assert sqlalchemy.inspect(engine).get_table_names() == []
        with engine.begin() as connection:
            connection.execute(sqlalchemy.text("create table t (x int)"))
            connection.execute(sqlalchemy.text("insert into t values (42)"))
        with engine.connect() as connection:
            assert connection.execute(sqlalchemy.text("select x from t")).scalar_one() == 42
    finally:
        engine.dispose()
    if backend == "sqlite":
        assert make_url(database_url).database.endswith("dayserv.db")

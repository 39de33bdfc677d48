"""Alembic's environment: migrate the connection dayserv.store.database hands over, or the
URL in alembic's configuration (``alembic -x url=... upgrade head`` from this folder's
parent works too)."""

from alembic import context
from sqlalchemy import create_engine

from dayserv.store.schema import Base

config = context.config


def _migrate(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters by copying
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _migrate(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    with create_engine(url).connect() as connection:
        _migrate(connection)

"""Alembic environment for the reviewer-app schema.

The application runs migrations programmatically (``reviewer_app.store.migrate.upgrade``), passing
an open connection in ``config.attributes["connection"]``. A developer can also run
``uv run alembic -c db/alembic.ini -x url=sqlite:///path upgrade head``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from reviewer_app.store.engine import create_engine_for
from reviewer_app.store.models import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        # SQLite cannot ALTER most things: batch mode rebuilds the table when needed.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise SystemExit("give the database URL: alembic -c db/alembic.ini -x url=URL …")
    engine = create_engine_for(url)
    try:
        with engine.connect() as conn:
            _run(conn)
            conn.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run_migrations_online()

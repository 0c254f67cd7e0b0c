"""Apply the Alembic migrations under ``db/`` to a database, from code (no alembic.ini)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine

# db/ sits at the repository root, beside the package (issue 3 §3).
DB_DIR = Path(__file__).resolve().parents[2] / "db"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(DB_DIR))
    config.set_main_option("path_separator", "os")
    return config


def upgrade(bind: Engine | Connection, revision: str = "head") -> None:
    """Bring the schema to ``revision``: in a transaction of its own for an engine, or inside the
    caller's transaction for a connection (``init`` creates the schema and the first data in one).
    """
    config = alembic_config()
    if isinstance(bind, Connection):
        config.attributes["connection"] = bind
        command.upgrade(config, revision)
        return
    with bind.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for a database never migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()

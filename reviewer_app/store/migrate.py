"""Apply the Alembic migrations under ``db/`` to a database, from code (no alembic.ini)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine

# db/ sits at the repository root, beside the package (issue 3 §3).
DB_DIR = Path(__file__).resolve().parents[2] / "db"


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(DB_DIR))
    config.set_main_option("path_separator", "os")
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema of ``engine``'s database to ``revision`` in one transaction."""
    config = alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for a database never migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()

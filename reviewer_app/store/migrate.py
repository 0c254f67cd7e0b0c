"""Apply the Alembic migrations under ``db/`` to a database, from code (no alembic.ini)."""

from __future__ import annotations

import sys
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, delete, insert, select

from reviewer_app import __version__

# The settings key where each release that brings a schema to its head notes its own version,
# so that an older release meeting that schema can say which version to install.
SCHEMA_APP_VERSION = "schema_app_version"


def db_dir() -> Path:
    """``db/`` at the repository root beside the package (issue 3 §3), or inside a PyInstaller
    bundle (``sys._MEIPASS``, where build.spec puts it)."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "db"
    return Path(__file__).resolve().parents[2] / "db"


DB_DIR = db_dir()


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
        _upgrade(config, bind, revision)
        return
    with bind.begin() as conn:
        _upgrade(config, conn, revision)


def _upgrade(config: Config, conn: Connection, revision: str) -> None:
    config.attributes["connection"] = conn
    command.upgrade(config, revision)
    if revision == "head" or revision == head_revision():
        _note_app_version(conn)


def _note_app_version(conn: Connection) -> None:
    from reviewer_app.store.models import Setting
    from reviewer_app.store.types import utcnow

    conn.execute(delete(Setting).where(Setting.key == SCHEMA_APP_VERSION))
    conn.execute(insert(Setting).values(key=SCHEMA_APP_VERSION, text_value=__version__,
                                        updated_at=utcnow()))


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The schema revision of the database, or None for a database never migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def revisions() -> list[str]:
    """Every revision of the migration chain, from the first to the head."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


def schema_state(current: str | None) -> str:
    """``"current"`` (the head), ``"older"`` (a revision of the chain below the head),
    ``"newer"`` (unknown here: written by a newer release) or ``"empty"`` (never migrated)."""
    if current is None:
        return "empty"
    if current == head_revision():
        return "current"
    return "older" if current in revisions() else "newer"


def written_by(conn: Connection) -> str | None:
    """The release that last brought this schema to its head (None if unknown)."""
    from reviewer_app.store.models import Setting

    try:
        return conn.execute(select(Setting.text_value).where(
            Setting.key == SCHEMA_APP_VERSION)).scalar_one_or_none()
    except Exception:  # a schema we do not know may lay the table out differently
        return None

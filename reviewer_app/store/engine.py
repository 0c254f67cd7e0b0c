"""Engines for SQLite (one workstation) and PostgreSQL (a shared server), set up alike.

SQLite
    Every connection sets ``journal_mode=WAL``, ``foreign_keys=ON``, ``synchronous=FULL`` (a
    committed import survives a power cut) and a busy timeout. Python's ``sqlite3`` module starts
    transactions lazily and commits behind SQLAlchemy's back around DDL, so we turn its
    transaction handling off and emit ``BEGIN`` ourselves (SQLAlchemy's documented recipe).
    A writing use case should start with ``BEGIN IMMEDIATE`` (:func:`immediate`): it takes the
    write lock at once, waits up to the busy timeout for another writer, and never fails half-way
    with ``database is locked`` when it first writes after reading (almost every use case writes
    an audit event after reading the chain's head). Readers keep a plain deferred ``BEGIN`` so
    that, with WAL, they never wait for a long import.

PostgreSQL
    ``postgresql://`` and ``postgresql+psycopg://`` URLs both use psycopg 3.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, Connection, make_url

BUSY_TIMEOUT_MS = 30_000
IMMEDIATE_OPTION = "sqlite_immediate"
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
)


def normalise_url(url: str | URL) -> URL:
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def create_engine_for(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``url`` (``sqlite:///path`` or ``postgresql+psycopg://…``)."""
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_engine(parsed, **kwargs)
        _setup_sqlite(engine)
        return engine
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True, **kwargs)
    raise ValueError(f"unsupported database back end: {parsed.get_backend_name()}")


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Off: we issue BEGIN ourselves (below), so DDL is transactional too.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            for pragma in SQLITE_PRAGMAS:
                cursor.execute(pragma)
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get(IMMEDIATE_OPTION):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")


def immediate(engine: Engine) -> Engine:
    """The same engine (shared pool) whose transactions begin with ``BEGIN IMMEDIATE`` on SQLite.

    On PostgreSQL the option is ignored: row locks and the advisory lock of the audit chain
    serialise writers there.
    """
    return engine.execution_options(**{IMMEDIATE_OPTION: True})

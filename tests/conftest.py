"""Shared test setup: Qt offscreen, English-independent messages, shared fixtures."""

from __future__ import annotations

import os

# Qt must not look for a screen; set before any Qt import (pytest-qt imports Qt at collection).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests match on Japanese messages unless they set the language themselves.
os.environ.setdefault("REVIEWER_APP_LANG", "ja")
# The application's log file (reviewer_app.applog) goes to a temporary folder, never the user's.
if not os.environ.get("REVIEWER_APP_LOG_DIR"):
    import atexit as _atexit
    import shutil as _shutil
    import tempfile as _tempfile

    os.environ["REVIEWER_APP_LOG_DIR"] = _tempfile.mkdtemp(prefix="reviewer-test-logs-")
    _atexit.register(_shutil.rmtree, os.environ["REVIEWER_APP_LOG_DIR"], True)

# --- databases: SQLite and a throw-away PostgreSQL server (tests/pg.py) ------------------------

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg import PgServer, PgUnavailable
from workspace_fixture import Account, WorkspaceFixture


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """One PostgreSQL cluster for the whole session (initdb + pg_ctl in a temp dir).

    Under ``CI=true`` a missing or broken server FAILS the tests; elsewhere a machine without the
    PostgreSQL binaries skips them (a server that is installed but does not start still fails).
    """
    try:
        server = PgServer()
    except PgUnavailable as exc:
        if _in_ci():
            pytest.fail(f"CI=true but PostgreSQL is unavailable: {exc}")
        pytest.skip(f"PostgreSQL is unavailable: {exc}")
    if server.as_postgres and shutil.which("runuser") is None:
        pytest.fail("running as root needs runuser to start PostgreSQL as the postgres user")
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        server.stop()
        pytest.fail(f"PostgreSQL did not start: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    url = pg_server.create_database()
    try:
        yield url
    finally:
        pg_server.drop_database(url)


@pytest.fixture(scope="session")
def ocr() -> None:
    """The OCR extra (``uv sync --extra ocr``). Under ``CI=true`` its absence FAILS the tests that
    need it (CI installs it, .ci/run); elsewhere they are skipped."""
    from reviewer_app.suggest import ocr as engine

    if not engine.available():
        if _in_ci():
            pytest.fail("CI=true but the OCR extra is not installed (uv sync --extra ocr)")
        pytest.skip("the OCR extra is not installed (uv sync --extra ocr)")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL, once for SQLite (a file in tmp) and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    url: str = request.getfixturevalue("pg_url")
    return url


# --- an initialised workspace with one user per role -------------------------------------------


@pytest.fixture
def workspace(db_url: str, tmp_path: Path) -> Iterator[WorkspaceFixture]:
    """An initialised workspace on each back end with users admin, examiner and supervisor."""
    import secrets

    from reviewer_app.services.users import add_user
    from reviewer_app.services.workspace import init_workspace, open_session

    ws_dir = tmp_path / "ws"
    sqlite_default = db_url.startswith("sqlite")
    accounts: dict[str, Account] = {}
    for name in ("admin", "examiner", "supervisor"):
        password = secrets.token_urlsafe(12)
        path = tmp_path / f"{name}.password"
        path.write_text(password + "\n", encoding="utf-8")
        accounts[name] = Account(name, name, password, path)
    init_workspace(ws_dir, None if sqlite_default else db_url, "admin", accounts["admin"].password)
    with open_session(ws_dir, "admin", accounts["admin"].password) as admin:
        for name in ("examiner", "supervisor"):
            add_user(admin, name, name, accounts[name].password)
    fixture = WorkspaceFixture(ws_dir, None if sqlite_default else db_url, accounts)
    try:
        yield fixture
    finally:
        fixture.close()


# --- cheap key wrapping ---------------------------------------------------------------------------


@pytest.fixture(autouse=True, scope="session")
def _cheap_key_wrapping() -> Iterator[None]:
    """Wrap master keys with tiny Argon2id settings in tests.

    The product wraps at RFC 9106's 64 MiB, t=3, p=4 (about 0.2 s a wrap or unwrap, issue 8 §6);
    every workspace fixture wraps three times and every sign-in unwraps once, which would add
    minutes to the suite. Tests that pin the real settings set ``keyring.PARAMS`` back to
    ``keyring.RFC9106_SECOND`` themselves. Password hashes keep their real (OWASP) settings.
    """
    from reviewer_app.security import keyring
    from reviewer_app.security.passwords import Argon2Params

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(keyring, "PARAMS", Argon2Params(memory_kib=1024, iterations=2, lanes=1))
        yield

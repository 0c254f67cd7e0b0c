"""Shared set-up of the import and case-list tests: workspaces, bundles for them, snapshots.

``make_workspace`` initialises a workspace (SQLite in a folder, or a database on the session's
throw-away PostgreSQL server) with users admin, examiner and supervisor; ``bundle_keys`` gives a
fresh exporter key and the workspace's recipient key for ``helpers_bundles``; ``snapshot``
returns the database's exact state for "nothing changed" assertions.
"""

from __future__ import annotations

import re
import secrets
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from helpers_bundles import BundleKeys
from pg import PgServer
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import make_url

from reviewer_app.security import keys as key_text
from reviewer_app.security.keys import generate_signing_key
from reviewer_app.services.exporters import trust_exporter
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.services.workspace import load_workspace
from reviewer_app.store.engine import create_engine_for

ROLES = ("admin", "examiner", "supervisor")


@dataclass
class Ws:
    dir: Path
    db_url: str | None  # None: the SQLite file in ``dir``
    passwords: dict[str, Path]
    pg: PgServer | None = None
    _sessions: list[WorkspaceSession] = field(default_factory=list)

    @property
    def backend(self) -> str:
        return "sqlite" if self.db_url is None else "postgresql"

    @property
    def sqlite_path(self) -> Path:
        return self.dir / "workspace.sqlite3"

    @property
    def url(self) -> str:
        return load_workspace(self.dir).db_url

    def args(self, name: str = "examiner") -> list[str]:
        return ["--workspace", str(self.dir), "--user", name,
                "--password-file", str(self.passwords[name])]

    def password(self, name: str) -> str:
        return self.passwords[name].read_text(encoding="utf-8").strip()

    def login(self, name: str = "examiner") -> WorkspaceSession:
        from reviewer_app.services.workspace import open_session

        session = open_session(self.dir, name, self.password(name))
        self._sessions.append(session)
        return session

    def close(self) -> None:
        for session in self._sessions:
            session.close()
        self._sessions.clear()

    def recipient_public_text(self) -> str:
        return (self.dir / "recipient.pub").read_text(encoding="utf-8").strip()

    # -- state ----------------------------------------------------------------------------------

    def logical_dump(self) -> dict[str, list[tuple[Any, ...]]]:
        """Every row of every table, ordered (sequences are not tables: see ``snapshot``)."""
        engine = create_engine_for(self.url)
        try:
            out: dict[str, list[tuple[Any, ...]]] = {}
            with engine.connect() as conn:
                from reviewer_app.store.models import Base

                names = sorted(inspect(conn).get_table_names())
                for name in names:
                    table = Base.metadata.tables.get(name)
                    if table is None:  # alembic_version and the like
                        rows = conn.execute(text(f'SELECT * FROM "{name}"')).all()
                        out[name] = sorted(tuple(r) for r in rows)
                        continue
                    rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
                    out[name] = [tuple(r) for r in rows]
            return out
        finally:
            engine.dispose()

    def snapshot(self) -> bytes:
        """The exact state: SQLite file bytes after a WAL checkpoint; PostgreSQL data dump.

        PostgreSQL sequences are not transactional (a rolled-back insert still advances them), so
        ``setval`` lines are left out of the dump; every table's data is compared exactly.
        """
        if self.db_url is None:
            engine = create_engine_for(self.url)
            try:
                with engine.connect() as conn:
                    busy, _, _ = conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
                    assert busy == 0, "the WAL checkpoint could not finish"
            finally:
                engine.dispose()
            wal = self.dir / "workspace.sqlite3-wal"
            assert not wal.exists() or wal.stat().st_size == 0
            return self.sqlite_path.read_bytes()
        return self.pg_dump(data_only=True)

    def pg_dump(self, *, data_only: bool = False) -> bytes:
        assert self.pg is not None
        name = make_url(self.url).database
        assert name
        command = [str(self.pg.bindir / "pg_dump"), "-h", "127.0.0.1", "-p", str(self.pg.port),
                   "-U", "postgres", "--no-owner", name]
        if data_only:
            command.insert(1, "--data-only")
        out = subprocess.run(command, capture_output=True, timeout=120, check=True).stdout
        # pg_dump writes a random \restrict token per run (CVE-2025-8714 hardening).
        out = re.sub(rb"(?m)^\\(un)?restrict .*\n", b"", out)
        if data_only:
            out = re.sub(rb"(?m)^SELECT pg_catalog\.setval\(.*\n", b"", out)
        return out


def make_workspace(directory: Path, pg: PgServer | None) -> Ws:
    from reviewer_app.services.users import add_user
    from reviewer_app.services.workspace import init_workspace, open_session

    directory.mkdir(parents=True, exist_ok=True)
    passwords: dict[str, Path] = {}
    for name in ROLES:
        path = directory / f"{name}.password"
        path.write_text(secrets.token_urlsafe(12) + "\n", encoding="utf-8")
        passwords[name] = path
    db_url = pg.create_database("imp") if pg is not None else None
    ws = Ws(directory / "ws", db_url, passwords, pg)
    init_workspace(ws.dir, db_url, "admin", ws.password("admin"))
    with open_session(ws.dir, "admin", ws.password("admin")) as admin:
        for name in ("examiner", "supervisor"):
            add_user(admin, name, name, ws.password(name))
    return ws


def bundle_keys(ws: Ws, *, trust: bool = True) -> BundleKeys:
    """A fresh exporter key (pinned in ``ws`` unless ``trust=False``) and ws's recipient key."""
    signing = generate_signing_key()
    recipient = key_text.public_key_from_text(ws.recipient_public_text())
    if trust:
        with _admin(ws) as admin:
            trust_exporter(admin, key_text.public_key_to_text(signing.public_key()))
    return BundleKeys(signing, recipient)  # type: ignore[arg-type]


def _admin(ws: Ws) -> WorkspaceSession:
    from reviewer_app.services.workspace import open_session

    return open_session(ws.dir, "admin", ws.password("admin"))


# --- bundles with chosen submissions ----------------------------------------------------------


def write_bundle(path: Path, keys: BundleKeys, submissions: list[dict[str, Any]],
                 *, bundle_id: str = "bundle-test", files: dict[str, bytes] | None = None,
                 created_at: datetime | None = None, insurer: Any = None,
                 survey: Any = None) -> Path:
    """A valid bundle of ``submissions`` (``helpers_bundles.submission_dict`` data); each file
    they refer to is ``files[file_id]`` or a fresh PNG/PDF by its declared type. ``created_at``,
    ``insurer`` and ``survey`` replace helpers_bundles' defaults."""
    from helpers_bundles import CREATED_AT, make_pdf, make_png
    from helpers_bundles import insurer as default_insurer
    from helpers_bundles import survey as default_survey

    from reviewer_app.bundle import schema
    from reviewer_app.bundle.writer import BundleWriter

    files = files or {}
    written: set[str] = set()
    with BundleWriter(path, signing_key=keys.signing, recipients=[keys.recipient_public],
                      insurer=insurer or default_insurer(),
                      survey=survey or default_survey(), bundle_id=bundle_id,
                      created_at=created_at or CREATED_AT) as writer:
        for data in submissions:
            submission = schema.Submission.model_validate(data)
            for dependent in submission.dependents:
                for document in dependent.required_documents:
                    for uploaded in document.files:
                        if uploaded.file_id in written:
                            continue
                        content = files.get(uploaded.file_id)
                        if content is None:
                            content = (make_pdf() if uploaded.media_type == "application/pdf"
                                       else make_png())
                        writer.add_file(uploaded.file_id, content)
                        written.add(uploaded.file_id)
            writer.add_submission(submission)
    return path


@pytest.fixture(name="ws", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ws_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Ws]:
    """A signed-in examiner's workspace on SQLite and on the session's PostgreSQL server."""
    pg = request.getfixturevalue("pg_server") if request.param == "postgres" else None
    workspace = make_workspace(tmp_path, pg)
    try:
        yield workspace
    finally:
        workspace.close()
        if pg is not None and workspace.db_url:
            pg.drop_database(workspace.db_url)

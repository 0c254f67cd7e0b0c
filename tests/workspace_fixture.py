"""The ``workspace`` fixture's value (tests/conftest.py): an initialised workspace and its users."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from reviewer_app.services.session import WorkspaceSession
from reviewer_app.services.workspace import load_workspace, open_session
from reviewer_app.store.engine import create_engine_for


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    password: str
    password_file: Path


@dataclass
class WorkspaceFixture:
    """An initialised workspace: ``dir``, ``db_url`` (None = the SQLite default) and accounts.

    ``accounts`` has ``admin``, ``examiner`` and ``supervisor``, each with a generated password
    written to a file. ``args(name)`` gives the CLI's ``--workspace … --user … --password-file …``
    and ``login(name)`` an open ``WorkspaceSession`` (closed at teardown).
    """

    dir: Path
    db_url: str | None
    accounts: dict[str, Account]
    _sessions: list[WorkspaceSession] = field(default_factory=list)

    def args(self, name: str = "admin") -> list[str]:
        account = self.accounts[name]
        return ["--workspace", str(self.dir), "--user", account.name,
                "--password-file", str(account.password_file)]

    def login(self, name: str = "admin") -> WorkspaceSession:
        account = self.accounts[name]
        session = open_session(self.dir, account.name, account.password)
        self._sessions.append(session)
        return session

    def close(self) -> None:
        for session in self._sessions:
            session.close()
        self._sessions.clear()

    @contextmanager
    def owner_transaction(self) -> Iterator[Session]:
        """Test set-up that writes past the services (and, on PostgreSQL, past the users' own
        login roles, which the server holds to their rights): a session on the owner's URL from
        workspace.toml, committed at the end."""
        engine = create_engine_for(load_workspace(self.dir).db_url)
        try:
            with Session(engine) as db, db.begin():
                yield db
        finally:
            engine.dispose()

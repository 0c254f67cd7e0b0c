"""A throw-away PostgreSQL server for the tests.

:class:`PgServer` runs ``initdb`` in a fresh temporary directory (as the ``postgres`` system user
when the tests run as root, because ``initdb`` refuses root), starts it with ``pg_ctl`` on a free
loopback port with its socket inside that directory and ``fsync=off``, hands out one database per
test, and stops the server and removes the directory afterwards. Authentication is ``trust``: the
server listens only on 127.0.0.1 and lives for one test session.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

SUPERUSER = "postgres"


class PgUnavailable(RuntimeError):
    """The PostgreSQL server binaries are not installed."""


def find_bindir() -> Path:
    """The directory holding ``initdb``, ``pg_ctl`` and ``pg_dump`` (newest version wins)."""
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                        key=lambda p: int(Path(p).parent.parent.name)
                        if Path(p).parent.parent.name.isdigit() else 0)
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    raise PgUnavailable("PostgreSQL server binaries (initdb, pg_ctl) are not installed")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class PgServer:
    """One cluster: ``start()``, ``create_database()`` → URL, ``pg_dump(db)``, ``stop()``."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.as_postgres = os.geteuid() == 0
        self.root = Path(tempfile.mkdtemp(prefix="reviewer-pg-"))
        self.datadir = self.root / "data"
        self.sockdir = self.root / "sock"
        self.logfile = self.root / "server.log"
        self.port = 0
        self.running = False

    # -- running commands -------------------------------------------------------------------

    def _cmd(self, *args: str) -> list[str]:
        if self.as_postgres:
            return ["runuser", "-u", SUPERUSER, "--", *args]
        return list(args)

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(self._cmd(*args), capture_output=True, text=True, timeout=timeout,
                              cwd=self.root)
        if proc.returncode != 0:
            log = self.logfile.read_text(errors="replace") if self.logfile.exists() else ""
            raise RuntimeError(
                f"{' '.join(args)} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}"
            )
        return proc

    # -- life cycle -----------------------------------------------------------------------------

    def start(self) -> PgServer:
        self.sockdir.mkdir()
        if self.as_postgres:
            shutil.chown(self.root, SUPERUSER)
            shutil.chown(self.sockdir, SUPERUSER)
        self._run(
            str(self.bindir / "initdb"), "-D", str(self.datadir), "-U", SUPERUSER,
            "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync",
        )
        # The application's per-user login roles (members of reviewer_app_logins, made by
        # init) authenticate with SCRAM, as on a real server; the tests' own roles stay trusted.
        hba = self.datadir / "pg_hba.conf"
        rules = ("local all all trust\n"
                 "host all +reviewer_app_logins 127.0.0.1/32 scram-sha-256\n"
                 "host all all 127.0.0.1/32 trust\n"
                 "host all all ::1/128 trust\n")
        self._run("sh", "-c", f"printf '%s' '{rules}' > {hba}")
        # Another process may take the port between choosing and binding it: retry a few times.
        last: Exception | None = None
        for _ in range(5):
            self.port = _free_port()
            options = (f"-p {self.port} -k {self.sockdir} -c listen_addresses=127.0.0.1 "
                       "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-l",
                          str(self.logfile), "-w", "-t", "60", "-o", options, "start")
            except RuntimeError as exc:
                last = exc
                continue
            self.running = True
            return self
        raise RuntimeError(f"PostgreSQL did not start: {last}")

    def stop(self) -> None:
        try:
            if self.running:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(self.datadir), "-m", "immediate",
                          "-w", "stop")
                self.running = False
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- databases ------------------------------------------------------------------------------

    def url(self, dbname: str = "postgres") -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(host="127.0.0.1", port=self.port, user=SUPERUSER, dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, prefix: str = "t") -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def pg_dump(self, url: str) -> bytes:
        """A plain-text dump of the database named by ``url``, as bytes."""
        name = url.rsplit("/", 1)[1]
        proc = subprocess.run(
            [str(self.bindir / "pg_dump"), "-h", "127.0.0.1", "-p", str(self.port),
             "-U", SUPERUSER, "--no-owner", name],
            capture_output=True, timeout=120, check=True,
        )
        return proc.stdout

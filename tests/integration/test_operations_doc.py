"""The operator's guide's commands, run as written (issue 10 §5).

docs/operations.md marks the blocks an operator types with ```` ```sh test ```` (SQLite) and
```` ```sh test-postgres ```` (a PostgreSQL server). Each group runs top to bottom in one bash
with ``set -euo pipefail``, in a folder holding the password files and the web system's public
keys the guide assumes, with ``reviewer-app`` from this checkout first on PATH. Afterwards the
result is checked through the services: the restored workspaces open and their audit trails
verify.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer_app.security import keys
from reviewer_app.services.audit import verify_chain
from reviewer_app.services.workspace import open_session

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "operations.md"
BLOCK = re.compile(r"^[ \t]*```sh (test(?:-postgres)?)\n(.*?)^[ \t]*```", re.M | re.S)
USERS = ("admin", "recovery-admin", "examiner1", "supervisor1")


def blocks(kind: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    found = [re.sub(r"(?m)^[ \t]+", "", body) for k, body in BLOCK.findall(text) if k == kind]
    assert found, f"no ```sh {kind} block in {GUIDE}"
    return found


def _prepare(folder: Path) -> dict[str, str]:
    passwords = {name: secrets.token_urlsafe(14) for name in USERS}
    for name, password in passwords.items():
        path = folder / f"{name}.txt"
        path.write_text(password + "\n", encoding="utf-8")
        path.chmod(0o600)
    exporter = keys.generate_signing_key()
    web = keys.generate_recipient_key()
    (folder / "web-exporter.pub").write_text(
        keys.public_key_to_text(exporter.public_key()) + "\n", encoding="utf-8")
    (folder / "web-system.pub").write_text(
        keys.public_key_to_text(web.public_key()) + "\n", encoding="utf-8")
    (folder / "backups").mkdir()
    return passwords


def _run(script: str, folder: Path, extra_env: dict[str, str], extra_path: str = "") -> str:
    env = dict(os.environ)
    bindir = str(Path(sys.executable).parent)  # the checkout's reviewer-app
    env["PATH"] = os.pathsep.join(p for p in (bindir, extra_path, env.get("PATH", "")) if p)
    env.update({"WS": str(folder / "ws"), "BACKUPS": str(folder / "backups"),
                "RESTORED": str(folder / "restored"), "NEW_PC_WS": str(folder / "new-pc"),
                "REVIEWER_APP_LANG": "ja", **extra_env})
    proc = subprocess.run(["bash", "-euo", "pipefail", "-c", script], cwd=folder, env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{script}\n--- stdout\n{proc.stdout}\n--- stderr\n{proc.stderr}"
    return proc.stdout


def test_every_tested_block_names_only_known_commands() -> None:
    """A typo in a command of the guide would make its test fail anyway; this one says which."""
    from reviewer_app.cli import build_parser

    _parser, installed = build_parser()
    names = {n.replace("_", "-") for n in installed} | {"import"}
    for kind in ("test", "test-postgres"):
        for body in blocks(kind):
            for command in re.findall(r"^reviewer-app (\S+)", body, re.M):
                assert command in names, command


def test_the_guides_sqlite_commands_work_as_written(tmp_path: Path) -> None:
    passwords = _prepare(tmp_path)
    out = _run("\n".join(blocks("test")), tmp_path, {})
    assert "監査ログは正常です" in out and "更新は不要です" in out
    for folder in ("ws", "restored", "new-pc"):
        with open_session(tmp_path / folder, "recovery-admin",
                          passwords["recovery-admin"]) as ws:
            assert verify_chain(ws.engine).ok
    backups = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert len(backups) == 1 and backups[0].endswith(".rvbackup")


@pytest.mark.postgres
def test_the_guides_postgresql_commands_work_as_written(pg_server: object,
                                                        tmp_path: Path) -> None:
    server = pg_server
    passwords = _prepare(tmp_path)
    env = {"DB_HOST": "127.0.0.1", "DB_PORT": str(server.port),  # type: ignore[attr-defined]
           "PGHOST": "127.0.0.1", "PGPORT": str(server.port),  # type: ignore[attr-defined]
           "PGUSER": "postgres"}
    try:
        out = _run("\n".join(blocks("test-postgres")), tmp_path, env,
                   str(server.bindir))  # type: ignore[attr-defined]
        assert "監査ログは正常です" in out
        with open_session(tmp_path / "restored", "admin", passwords["admin"]) as ws:
            assert verify_chain(ws.engine).ok
            assert ws.engine.url.database == "reviewer_restored"
    finally:
        for name in ("reviewer", "reviewer_restored"):
            server._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[attr-defined]
        server._admin("DROP ROLE IF EXISTS reviewer_owner")  # type: ignore[attr-defined]

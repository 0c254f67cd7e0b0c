"""init, sign-in, lockout and the key ring, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reviewer_app.security import keys
from reviewer_app.services.errors import (
    AccountDisabled,
    AccountLocked,
    LoginFailed,
    WorkspaceExists,
    WorkspaceNotFound,
)
from reviewer_app.services.exporters import recipient_private_key
from reviewer_app.services.users import disable_user, reset_password
from reviewer_app.services.workspace import (
    MAX_FAILED_ATTEMPTS,
    init_workspace,
    load_workspace,
    open_session,
    open_workspace_engine,
)
from reviewer_app.store import settings
from reviewer_app.store.engine import create_engine_for
from reviewer_app.store.enums import Role
from reviewer_app.store.models import AuditEvent, User
from reviewer_app.store.types import utcnow


def test_init_writes_the_folder_keys_and_first_admin(workspace) -> None:  # type: ignore[no-untyped-def]
    ws_dir: Path = workspace.dir
    assert (ws_dir / "workspace.toml").is_file()
    pub_text = (ws_dir / "recipient.pub").read_text().strip()
    assert pub_text.startswith("reviewer-app-x25519 ")
    loaded = load_workspace(ws_dir)
    assert loaded.backend == ("sqlite" if workspace.db_url is None else "postgresql")
    with workspace.login("admin") as ws:
        assert ws.user.role is Role.ADMIN and len(ws.master_key) == 32
        # the private key sealed in settings belongs to the public key written to recipient.pub
        private = recipient_private_key(ws)
        assert keys.public_key_to_text(private.public_key()) == pub_text
        with ws.transaction(readonly=True) as db:
            assert settings.get_text(db, settings.WORKSPACE_ID) == loaded.workspace_id
            assert settings.get_text(db, settings.RECIPIENT_PUBLIC_KEY) == pub_text
            actions = db.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    assert actions[:2] == ["workspace.init", "user.add"]
    assert "login.ok" in actions


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "notes.txt").write_text("x")
    with pytest.raises(WorkspaceExists) as info:
        init_workspace(tmp_path / "ws", None, "admin", "long enough")
    assert "空ではありません" in info.value.message()
    assert sorted(p.name for p in (tmp_path / "ws").iterdir()) == ["notes.txt"]


def test_init_refuses_a_database_that_has_tables(db_url: str, tmp_path: Path) -> None:
    init_workspace(tmp_path / "a", db_url, "admin", "long enough")
    with pytest.raises(WorkspaceExists) as info:
        init_workspace(tmp_path / "b", db_url, "admin", "long enough")
    assert "テーブルがあります" in info.value.message()
    assert not (tmp_path / "b").exists()  # nothing left behind


def test_init_refuses_a_short_password(tmp_path: Path) -> None:
    from reviewer_app.errors import InputError

    with pytest.raises(InputError) as info:
        init_workspace(tmp_path / "ws", None, "admin", "short")
    assert "8文字以上" in info.value.message()
    assert not (tmp_path / "ws").exists()


def test_opening_a_missing_workspace_says_so(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceNotFound) as info:
        open_session(tmp_path / "nowhere", "admin", "whatever1")
    assert "見つかりません" in info.value.message()


def test_wrong_password_and_unknown_user_get_the_same_message(workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LoginFailed) as wrong:
        open_session(workspace.dir, "examiner", "not the password")
    with pytest.raises(LoginFailed) as unknown:
        open_session(workspace.dir, "nobody", "not the password")
    assert wrong.value.message() == unknown.value.message()
    assert "examiner" not in wrong.value.message()


def test_five_failures_lock_the_account_until_an_admin_resets_it(workspace) -> None:  # type: ignore[no-untyped-def]
    examiner = workspace.accounts["examiner"]
    with workspace.login("examiner") as ws:
        original_key = ws.master_key
    for _ in range(MAX_FAILED_ATTEMPTS - 1):
        with pytest.raises(LoginFailed):
            open_session(workspace.dir, "examiner", "wrong password")
    with pytest.raises(AccountLocked):
        open_session(workspace.dir, "examiner", "wrong password")
    # locked: even the right password is refused, with a message that says what to do
    with pytest.raises(AccountLocked) as locked:
        open_session(workspace.dir, "examiner", examiner.password)
    assert "ロック" in locked.value.message() and "管理者" in locked.value.message()

    with workspace.login("admin") as admin:
        reset_password(admin, "examiner", "a brand new password")
        rotated_key = admin.master_key
    with pytest.raises(LoginFailed):
        open_session(workspace.dir, "examiner", examiner.password)  # the old one is gone
    with open_session(workspace.dir, "examiner", "a brand new password") as ws:
        # the reset rotated the master key (issue 8 §3), and the new key ring opens the new one
        assert ws.master_key == rotated_key != original_key


def test_a_lock_expires_after_its_period(workspace) -> None:  # type: ignore[no-untyped-def]
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises((LoginFailed, AccountLocked)):
            open_session(workspace.dir, "supervisor", "wrong password")
    _ws, engine = open_workspace_engine(workspace.dir)
    try:
        with Session(engine) as db, db.begin():
            db.execute(update(User).where(User.name == "supervisor")
                       .values(locked_until=utcnow() - timedelta(seconds=1)))
    finally:
        engine.dispose()
    with workspace.login("supervisor") as ws:
        assert ws.user.name == "supervisor"


def test_a_disabled_user_cannot_sign_in(workspace) -> None:  # type: ignore[no-untyped-def]
    with workspace.login("admin") as admin:
        disable_user(admin, "examiner")
    with pytest.raises(AccountDisabled) as info:
        open_session(workspace.dir, "examiner", workspace.accounts["examiner"].password)
    assert "無効" in info.value.message()
    # a wrong password on a disabled account says nothing about the account
    with pytest.raises(LoginFailed):
        open_session(workspace.dir, "examiner", "wrong password")


def test_sign_in_attempts_are_audited(workspace) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LoginFailed):
        open_session(workspace.dir, "examiner", "wrong password")
    with workspace.login("examiner") as ws, ws.transaction(readonly=True) as db:
        events = db.execute(select(AuditEvent.action, AuditEvent.actor, AuditEvent.details)
                            .order_by(AuditEvent.seq)).all()
    failed = [e for e in events if e.action == "login.failed"]
    assert failed and failed[-1].actor == "examiner"
    assert "wrong password" not in " ".join(e.details for e in events)
    assert events[-1].action == "login.ok"


def test_login_rewraps_a_key_ring_written_with_older_kdf_settings(
        workspace: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from reviewer_app.security import keyring
    from reviewer_app.security.passwords import Argon2Params

    with workspace.login("admin") as admin:
        # As releases before issue 8 wrote it: OWASP's minimum, m=19 MiB, t=2, p=1.
        monkeypatch.setattr(keyring, "PARAMS", Argon2Params(19456, 2, 1, salt_bytes=16))
        reset_password(admin, "examiner", "new password 1")
        master = admin.master_key  # the reset rotated it (issue 8 §3)
        # This release, at the product's settings (the suite otherwise wraps cheaply).
        monkeypatch.setattr(keyring, "PARAMS", keyring.RFC9106_SECOND)

    def stored() -> bytes:
        engine = create_engine_for(load_workspace(workspace.dir).db_url)
        try:
            with Session(engine) as db:
                wrapped: bytes = db.scalars(select(User.wrapped_private_keys)
                                            .where(User.name == "examiner")).one()
                return wrapped
        finally:
            engine.dispose()

    assert keyring.needs_rewrap(stored())
    assert stored()[5:14] == bytes.fromhex("00004c00" "00000002" "01")
    with open_session(workspace.dir, "examiner", "new password 1") as session:
        assert session.master_key == master
    assert not keyring.needs_rewrap(stored())
    # the header now names 64 MiB (65536 KiB), 3 passes, 4 lanes
    assert stored()[5:14] == bytes.fromhex("00010000" "00000003" "04")
    # the user's own keys (issue 8), which the master key is sealed to, open with the password
    from reviewer_app.security.userkeys import UserKeys

    assert UserKeys.unwrap(stored(), "new password 1").key_id
    with open_session(workspace.dir, "examiner", "new password 1"):
        pass
    assert stored()[5:14] == bytes.fromhex("00010000" "00000003" "04")  # wrapped once only


def test_init_refuses_an_unsupported_database_url_and_creates_nothing(tmp_path: Path) -> None:
    from reviewer_app.cli import main

    password = tmp_path / "pw"
    password.write_text("plum blossom 7\n", encoding="utf-8")
    target = tmp_path / "ws"
    for url in ("mysql://user@host/db", "not a url"):
        status = main(["init", "--workspace", str(target), "--db", url, "--admin", "admin",
                       "--password-file", str(password)])
        assert status == 2
        assert not target.exists() or not any(target.iterdir())


# --- file permissions (issue 8 §6: workspace.sqlite3 was 0644 in a 0755 folder) -----------------


def _modes(folder: Path) -> dict[str, int]:
    return {p.name: stat.S_IMODE(p.lstat().st_mode) for p in folder.iterdir()
            if not p.is_symlink()}


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_init_makes_the_folder_0700_and_every_file_0600(db_url: str, tmp_path: Path) -> None:
    from reviewer_app.cli import main

    password = tmp_path / "pw"
    password.write_text("plum blossom 7\n", encoding="utf-8")
    target = tmp_path / "ws"
    args = ["init", "--workspace", str(target), "--admin", "admin", "--password-file",
            str(password)]
    if db_url.startswith("postgresql"):
        args += ["--db", db_url]
    previous = os.umask(0o022)  # the usual umask, under which the bug showed
    try:
        assert main(args) == 0
        assert os.umask(0o022) == 0o022  # init gave the process its umask back
        assert stat.S_IMODE(target.stat().st_mode) == 0o700
        modes = _modes(target)
        expected = {"workspace.toml", "recipient.pub", "results-signer.pub"}
        if not db_url.startswith("postgresql"):
            expected.add("workspace.sqlite3")
        assert expected <= set(modes)
        assert modes == dict.fromkeys(modes, 0o600)
        with open_session(target, "admin", "plum blossom 7"):
            # the live -wal and -shm of an open SQLite database as well
            during = _modes(target)
            if not db_url.startswith("postgresql"):
                assert {"workspace.sqlite3-wal", "workspace.sqlite3-shm"} <= set(during)
            assert during == dict.fromkeys(during, 0o600)
    finally:
        os.umask(previous)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_sign_in_tightens_a_workspace_whose_files_were_made_0644(workspace: Any,
                                                                  tmp_path: Path) -> None:
    ws_dir: Path = workspace.dir
    # As an earlier release left it, with an extra file the operator put there.
    (ws_dir / "notes.txt").write_text("x", encoding="utf-8")
    web = ws_dir / "demo-web-system"  # a sub-folder as the demo keeps one
    web.mkdir(mode=0o755)
    (web / "sample.json").write_text("{}", encoding="utf-8")
    os.chmod(web / "sample.json", 0o644)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the workspace's", encoding="utf-8")
    os.chmod(outside, 0o644)
    (ws_dir / "link-to-outside").symlink_to(outside)  # a planted link is not followed
    holder = None
    if workspace.db_url is None:
        # Another connection keeps -wal and -shm on disk, as a running window would.
        holder = sqlite3.connect(ws_dir / "workspace.sqlite3")
        holder.execute("PRAGMA journal_mode=WAL")
        holder.execute("SELECT count(*) FROM users").fetchone()
    try:
        os.chmod(ws_dir, 0o755)
        for name in _modes(ws_dir):
            os.chmod(ws_dir / name, 0o755 if name == web.name else 0o644)
        loose = set(_modes(ws_dir))
        if holder is not None:
            assert {"workspace.sqlite3", "workspace.sqlite3-wal",
                    "workspace.sqlite3-shm"} <= loose
        with workspace.login("examiner") as ws:
            assert stat.S_IMODE(ws_dir.stat().st_mode) == 0o700
            modes = _modes(ws_dir)
            assert modes.pop(web.name) == 0o700
            assert modes == dict.fromkeys(modes, 0o600)
            assert loose <= set(modes) | {web.name}
            assert stat.S_IMODE((web / "sample.json").stat().st_mode) == 0o600
            with ws.transaction(readonly=True) as db:
                details = db.scalars(select(AuditEvent.details).where(
                    AuditEvent.action == "workspace.permissions_tightened")).all()
        # every loose file and folder, the workspace folder and sample.json
        assert [json.loads(d) for d in details] == [{"paths": len(loose) + 2}]
        assert stat.S_IMODE(outside.stat().st_mode) == 0o644
        # a second sign-in finds nothing to tighten and says nothing
        with workspace.login("examiner") as ws, ws.transaction(readonly=True) as db:
            assert len(db.scalars(select(AuditEvent.seq).where(
                AuditEvent.action == "workspace.permissions_tightened")).all()) == 1
    finally:
        if holder is not None:
            holder.close()

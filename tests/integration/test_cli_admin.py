"""users, trust-exporter and audit verify through the CLI (in-process), on both back ends."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reviewer_app.cli import main
from reviewer_app.security import keys
from reviewer_app.services.exporters import trusted_keys
from reviewer_app.services.workspace import open_session, open_workspace_engine
from reviewer_app.store.models import AuditEvent


def _pw(tmp_path: Path, name: str, password: str) -> Path:
    path = tmp_path / f"{name}.new"
    path.write_text(password + "\n", encoding="utf-8")
    return path


def test_init_command_on_sqlite_and_postgres(db_url: str, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    pw = _pw(tmp_path, "admin", "correct horse")
    args = ["init", "--workspace", str(tmp_path / "ws"), "--admin", "boss", "--password-file",
            str(pw)]
    if db_url.startswith("postgresql"):
        args += ["--db", db_url]
    assert main(args) == 0
    assert "ワークスペースを作成しました" in capsys.readouterr().out
    with open_session(tmp_path / "ws", "boss", "correct horse") as ws:
        assert ws.user.name == "boss"
    assert main(args) == 1  # a second init refuses
    assert "上書きしません" in capsys.readouterr().err


def test_users_add_list_disable_reset(workspace, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      capsys: pytest.CaptureFixture[str]) -> None:
    new_pw = _pw(tmp_path, "sato", "sato password")
    assert main(["users", "add", *workspace.args("admin"), "sato", "--role", "examiner",
                 "--new-password-file", str(new_pw)]) == 0
    assert main(["users", "list", *workspace.args("admin"), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert {u["name"]: u["role"] for u in listed} == {
        "admin": "admin", "examiner": "examiner", "supervisor": "supervisor", "sato": "examiner",
    }
    with open_session(workspace.dir, "sato", "sato password") as ws:
        sato_key = ws.master_key

    assert main(["users", "disable", *workspace.args("admin"), "sato"]) == 0
    assert main(["users", "list", *workspace.args("admin"), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out.split("\n", 1)[1])
    assert next(u for u in listed if u["name"] == "sato")["disabled"] is True

    reset_pw = _pw(tmp_path, "sato2", "another password")
    assert main(["users", "enable", *workspace.args("admin"), "sato"]) == 0
    assert main(["users", "reset-password", *workspace.args("admin"), "sato",
                 "--new-password-file", str(reset_pw)]) == 0
    with open_session(workspace.dir, "sato", "another password") as ws, \
            workspace.login("admin") as admin:
        # disabling and resetting each rotated the master key (issue 8 §3); sato has the new one
        assert ws.master_key == admin.master_key != sato_key


def test_examiner_cannot_manage_users(workspace, tmp_path: Path,  # type: ignore[no-untyped-def]
                                      capsys: pytest.CaptureFixture[str]) -> None:
    new_pw = _pw(tmp_path, "x", "long enough")
    assert main(["users", "add", *workspace.args("examiner"), "mallory", "--role", "admin",
                 "--new-password-file", str(new_pw)]) == 1
    err = capsys.readouterr().err
    assert "管理者だけが行えます" in err
    assert main(["users", "list", *workspace.args("supervisor")]) == 1
    assert main(["users", "list", *workspace.args("admin")]) == 0
    assert "mallory" not in capsys.readouterr().out


def test_password_policy_is_stated(workspace, tmp_path: Path,  # type: ignore[no-untyped-def]
                                   capsys: pytest.CaptureFixture[str]) -> None:
    short = _pw(tmp_path, "short", "1234567")
    assert main(["users", "add", *workspace.args("admin"), "sato", "--role", "examiner",
                 "--new-password-file", str(short)]) == 2
    assert "8文字以上" in capsys.readouterr().err


def test_common_passwords_are_refused_for_new_users_resets_and_init(
        workspace: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    common = _pw(tmp_path, "common", "Password123!")
    assert main(["users", "add", *workspace.args("admin"), "sato", "--role", "examiner",
                 "--new-password-file", str(common)]) == 2
    assert "よく使われるパスワード" in capsys.readouterr().err
    decorated = _pw(tmp_path, "decorated", "iloveyou2024")
    assert main(["users", "reset-password", *workspace.args("admin"), "examiner",
                 "--new-password-file", str(decorated)]) == 2
    capsys.readouterr()
    assert main(["users", "list", *workspace.args("admin"), "--json"]) == 0
    assert "sato" not in capsys.readouterr().out
    with open_session(workspace.dir, "examiner", workspace.accounts["examiner"].password):
        pass  # the refused reset changed nothing
    monkeypatch.setenv("REVIEWER_APP_LANG", "en")
    target = tmp_path / "ws2"
    assert main(["init", "--workspace", str(target), "--admin", "boss", "--password-file",
                 str(_pw(tmp_path, "init", "qwerty123456"))]) == 2
    assert "one of the most common passwords" in capsys.readouterr().err
    assert not target.exists()


def test_messages_follow_the_language_setting(workspace, tmp_path: Path,  # type: ignore[no-untyped-def]
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_APP_LANG", "en")
    bad = _pw(tmp_path, "bad", "not the password")
    assert main(["users", "list", "--workspace", str(workspace.dir), "--user", "admin",
                 "--password-file", str(bad)]) == 1
    assert "The user name or password is wrong" in capsys.readouterr().err


def test_trust_exporter(workspace, tmp_path: Path,  # type: ignore[no-untyped-def]
                        capsys: pytest.CaptureFixture[str]) -> None:
    signer = keys.generate_signing_key()
    pub_file = tmp_path / "bundle.signer.pub"
    pub_file.write_text(keys.public_key_to_text(signer.public_key()) + "\n")
    key_id = keys.key_id(signer.public_key())

    assert main(["trust-exporter", *workspace.args("examiner"), str(pub_file)]) == 1
    assert "管理者だけ" in capsys.readouterr().err
    assert main(["trust-exporter", *workspace.args("admin"), str(pub_file)]) == 0
    assert key_id in capsys.readouterr().out
    assert main(["trust-exporter", *workspace.args("admin"), str(pub_file)]) == 0
    assert "すでに登録" in capsys.readouterr().out

    recipient_pub = workspace.dir / "recipient.pub"  # an X25519 key is not a signing key
    assert main(["trust-exporter", *workspace.args("admin"), str(recipient_pub)]) == 2
    assert "署名用の鍵" in capsys.readouterr().err

    _ws, engine = open_workspace_engine(workspace.dir)
    try:
        with Session(engine) as db:
            pinned = trusted_keys(db)
    finally:
        engine.dispose()
    assert list(pinned) == [key_id]
    assert keys.public_key_to_text(pinned[key_id]) == keys.public_key_to_text(
        signer.public_key())


def test_audit_verify_passes_then_names_a_tampered_event(
    workspace, capsys: pytest.CaptureFixture[str]  # type: ignore[no-untyped-def]
) -> None:
    assert main(["audit", "verify", "--workspace", str(workspace.dir)]) == 0
    assert "正常" in capsys.readouterr().out

    _ws, engine = open_workspace_engine(workspace.dir)
    try:
        with Session(engine) as db:
            count = len(db.scalars(select(AuditEvent.seq)).all())
            assert count >= 5
        with engine.begin() as conn:  # someone edits event 3 directly in the database
            conn.execute(text("UPDATE audit_events SET actor = 'someone else' WHERE seq = 3"))
    finally:
        engine.dispose()
    assert main(["audit", "verify", "--workspace", str(workspace.dir)]) == 3
    err = capsys.readouterr().err
    assert "#3" in err and "壊れています" in err
    assert main(["audit", "verify", "--workspace", str(workspace.dir), "--json"]) == 3
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] is False and out["first_bad_seq"] == 3 and out["checked"] == 2


def test_audit_verify_detects_a_deleted_event(workspace) -> None:  # type: ignore[no-untyped-def]
    from reviewer_app.services.audit import verify_chain

    _ws, engine = open_workspace_engine(workspace.dir)
    try:
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM audit_events WHERE seq = 2"))
        result = verify_chain(engine)
    finally:
        engine.dispose()
    assert not result.ok and result.first_bad_seq == 3 and "gap" in (result.reason or "")

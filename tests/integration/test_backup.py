"""Backups and restores of a SQLite workspace (issue 10 §2): a consistent copy while another
process saves, the checks a restore makes before anything is usable, and the refusals."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from typing import Any

import pytest

from reviewer_app.cli import main
from reviewer_app.services.audit import verify_chain
from reviewer_app.services.backup import MANIFEST, backup_workspace, restore_workspace
from reviewer_app.services.casework import CaseService
from reviewer_app.services.workspace import open_session, open_workspace_engine

MEMBERS = 3


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    from reviewer_app.commands.demo import ensure_demo_workspace

    demo = ensure_demo_workspace(tmp_path_factory.mktemp("demo") / "ws", members=MEMBERS)
    return demo.dir, demo.passwords


@pytest.fixture
def demo(demo_template: tuple[Path, dict[str, str]], tmp_path: Path) -> tuple[Path, dict[str, str]]:
    source, passwords = demo_template
    target = tmp_path / "ws"
    shutil.copytree(source, target)
    return target, passwords


def _first_case(ws: Any) -> int:
    from reviewer_app.services.queue import QueueFilter, QueueService

    rows = QueueService(ws).fetch(QueueFilter(), offset=0, limit=1)
    return int(rows[0].case_id)


def test_backup_and_restore_give_the_same_workspace_and_refuse_a_used_folder(
        demo: tuple[Path, dict[str, str]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    directory, passwords = demo
    out = tmp_path / "daily.rvbackup"
    assert main(["backup", "--workspace", str(directory), "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as zf:
        names = set(zf.namelist())
    # the database, the settings and the public keys; never the demo's passwords or web keys
    assert names == {MANIFEST, "workspace.sqlite3", "workspace.toml", "recipient.pub",
                     "results-signer.pub"}
    assert main(["restore", str(out), "--workspace", str(tmp_path / "restored")]) == 0
    assert "監査ログは正常です" in capsys.readouterr().out
    with open_session(tmp_path / "restored", "examiner", passwords["examiner"]) as ws:
        case_id = _first_case(ws)
        detail = CaseService(ws).open_case(case_id, take=False)
    with open_session(directory, "examiner", passwords["examiner"]) as ws:
        original = CaseService(ws).open_case(case_id, take=False)
    assert detail.dependent == original.dependent  # sealed values open with the same key
    # a second restore into the same folder is refused and changes nothing
    before = sorted(p.name for p in (tmp_path / "restored").iterdir())
    assert main(["restore", str(out), "--workspace", str(tmp_path / "restored")]) == 1
    assert "上書きしません" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "restored").iterdir()) == before
    # the backup is recorded in the original's audit trail, the restore in the copy's
    _ws, engine = open_workspace_engine(tmp_path / "restored")
    try:
        from sqlalchemy import select
        from sqlalchemy.orm import Session

        from reviewer_app.store.models import AuditEvent

        with Session(engine) as db:
            actions = db.scalars(select(AuditEvent.action).order_by(AuditEvent.seq)).all()
    finally:
        engine.dispose()
    at = actions.index("workspace.backup")
    assert actions[at:at + 2] == ["workspace.backup", "workspace.restore"]


def test_a_damaged_backup_is_refused_and_nothing_is_left(
        demo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    from reviewer_app.services.backup import BackupError

    directory, _ = demo
    out = tmp_path / "b.rvbackup"
    backup_workspace(directory, out)
    # Flip one byte inside the stored database (the zip's own CRC is rewritten to match, as a
    # careless copy tool or an attacker would, so only the manifest's SHA-256 can tell).
    damaged = tmp_path / "damaged.rvbackup"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(damaged, "w") as dst:
        for info in src.infolist():
            data = bytearray(src.read(info))
            if info.filename == "workspace.sqlite3":
                data[len(data) // 2] ^= 0xFF
            dst.writestr(info, bytes(data))
    target = tmp_path / "target"
    with pytest.raises(BackupError) as caught:
        restore_workspace(damaged, target)
    assert caught.value.code == "backup_damaged"
    assert "チェックサム" in caught.value.message("ja")
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    # not a backup at all
    (tmp_path / "other.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    with pytest.raises(BackupError) as caught:
        restore_workspace(tmp_path / "other.zip", target)
    assert caught.value.code == "not_a_backup"


def test_restore_checks_the_audit_chain(demo: tuple[Path, dict[str, str]],
                                        tmp_path: Path) -> None:
    """A backup whose database was edited (chain broken) is refused even though its checksum
    was recomputed: the manifest proves the copy is the one written, not that it is sound."""
    import hashlib
    import json
    import sqlite3

    from reviewer_app.services.backup import BackupError

    directory, _ = demo
    out = tmp_path / "b.rvbackup"
    backup_workspace(directory, out)
    db_file = tmp_path / "workspace.sqlite3"
    with zipfile.ZipFile(out) as zf:
        db_file.write_bytes(zf.read("workspace.sqlite3"))
        manifest = json.loads(zf.read(MANIFEST))
        others = {n: zf.read(n) for n in zf.namelist() if n not in (MANIFEST, db_file.name)}
    conn = sqlite3.connect(db_file)
    conn.execute("UPDATE audit_events SET action = 'case.approve' WHERE seq = 2")
    conn.commit()
    conn.close()
    data = db_file.read_bytes()
    manifest["members"]["workspace.sqlite3"]["sha256"] = hashlib.sha256(data).hexdigest()
    forged = tmp_path / "forged.rvbackup"
    with zipfile.ZipFile(forged, "w") as zf:
        zf.writestr("workspace.sqlite3", data)
        for name, content in others.items():
            zf.writestr(name, content)
        zf.writestr(MANIFEST, json.dumps(manifest))
    with pytest.raises(BackupError) as caught:
        restore_workspace(forged, tmp_path / "target")
    assert caught.value.code == "backup_audit_broken"
    assert not (tmp_path / "target").exists()


def test_a_postgresql_workspace_is_sent_to_pg_dump(tmp_path: Path) -> None:
    from reviewer_app.errors import InputError

    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "workspace.toml").write_text(
        'format = 1\nworkspace_id = "x"\ndb_url = "postgresql://u@127.0.0.1:1/db"\n',
        encoding="utf-8")
    with pytest.raises(InputError) as caught:
        backup_workspace(ws, tmp_path / "b.rvbackup")
    assert caught.value.code == "backup_postgresql" and "pg_dump" in caught.value.message("ja")
    assert not (tmp_path / "b.rvbackup").exists()


SAVER = textwrap.dedent("""
    import sys, pathlib
    from reviewer_app.services.casework import CaseService
    from reviewer_app.services.workspace import open_session

    directory, password, case_id, stop = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    with open_session(pathlib.Path(directory), "examiner", password) as ws:
        service = CaseService(ws)
        detail = service.open_case(case_id)
        sheet, version, saved = detail.income_sheet, detail.income_version, 0
        while not pathlib.Path(stop).exists():
            sheet = dict(sheet)
            sheet["insured"] = {"annual_income": 5_000_000 + saved}
            version = service.save_income_sheet(case_id, sheet, version).version
            saved += 1
            print(saved, version, flush=True)
""")


def test_a_backup_taken_while_another_process_saves_restores_and_verifies(
        demo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """The issue's "done when": an examiner saves the income sheet over and over in another
    process while three backups are taken; each restores into a workspace that opens, whose
    audit chain verifies and whose stored sheet is one that was saved."""
    directory, passwords = demo
    with open_session(directory, "examiner", passwords["examiner"]) as ws:
        case_id = _first_case(ws)
    stop = tmp_path / "stop"
    backups: list[Path] = []
    with subprocess.Popen(
            [sys.executable, "-c", SAVER, str(directory), passwords["examiner"], str(case_id),
             str(stop)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as saver:
        assert saver.stdout is not None and saver.stderr is not None
        try:
            first = saver.stdout.readline()  # the saver is running and has saved once
            assert first.strip(), saver.stderr.read()
            for index in range(3):
                out = tmp_path / f"b{index}.rvbackup"
                backup_workspace(directory, out)
                backups.append(out)
            after = saver.stdout.readline()  # and it was still saving after the last backup
        finally:
            stop.touch()
            # The same buffered pipe as readline() (communicate() would skip its read-ahead).
            output = saver.stdout.read()
            errors = saver.stderr.read()
            saver.wait(timeout=60)
    assert saver.returncode == 0, errors
    saves = [line.split() for line in (first + after + output).splitlines()]
    assert len(saves) >= 2
    saved_versions = {int(version) for _n, version in saves}
    for index, backup in enumerate(backups):
        target = tmp_path / f"restored{index}"
        info = restore_workspace(backup, target)
        assert info.audit_events and not info.needs_upgrade
        with open_session(target, "examiner", passwords["examiner"]) as ws:
            detail = CaseService(ws).open_case(case_id, take=False)
            assert detail.income_version in saved_versions
            income = detail.income_sheet["insured"]["annual_income"]
            assert 5_000_000 <= income < 5_000_000 + len(saves)
            assert verify_chain(ws.engine).ok
    # the live workspace is unharmed too
    _ws, engine = open_workspace_engine(directory)
    try:
        assert verify_chain(engine).ok
    finally:
        engine.dispose()


def test_backup_to_an_unwritable_place_writes_nothing(
        demo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    from reviewer_app.atomic import OutputNotWritable

    directory, _ = demo
    with pytest.raises(OutputNotWritable):
        backup_workspace(directory, tmp_path / "missing" / "b.rvbackup")
    assert not (tmp_path / "missing").exists()


def test_backup_while_the_writer_holds_the_lock_waits_and_succeeds(
        demo: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """A long write transaction (an import) in progress: the snapshot still comes out whole and
    holds the state before that transaction (WAL readers see the last commit)."""
    import sqlite3

    directory, _ = demo
    writer = sqlite3.connect(directory / "workspace.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE settings SET text_value = 'uncommitted' WHERE key = 'created_at'")
    try:
        backup_workspace(directory, tmp_path / "b.rvbackup", record=False)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    restore_workspace(tmp_path / "b.rvbackup", tmp_path / "r")
    conn = sqlite3.connect(tmp_path / "r" / "workspace.sqlite3")
    value = conn.execute("SELECT text_value FROM settings WHERE key = 'created_at'").fetchone()
    conn.close()
    assert value[0] != "uncommitted"

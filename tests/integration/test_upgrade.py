"""Upgrades (issue 10 §3): the migration chain from the first revision to the head with data in
it, on SQLite and PostgreSQL; an older workspace waits for an admin, who upgrades it after a
backup; a newer one is refused with the version to install."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_upgrade import FIRST_REVISION, Filled, at_revision, filled_workspace
from sqlalchemy import text

from reviewer_app.cli import main
from reviewer_app.services.authority import NotCertified
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import LoginFailed
from reviewer_app.services.queue import QueueFilter, QueueService
from reviewer_app.services.schema import SchemaTooNew, SchemaUpgradeNeeded
from reviewer_app.services.upgrade import AdminMustUpgrade, BackupRequired, upgrade_workspace
from reviewer_app.services.workspace import load_workspace, open_session
from reviewer_app.store import migrate
from reviewer_app.store.engine import create_engine_for


def _second_url(db_url: str, request: pytest.FixtureRequest) -> str | None:
    """None for SQLite (the file inside the workspace), else another fresh PostgreSQL database."""
    if db_url.startswith("sqlite"):
        return None
    server = request.getfixturevalue("pg_server")
    url: str = server.create_database("old")
    request.addfinalizer(lambda: server.drop_database(url))
    return url


@pytest.fixture
def filled(db_url: str, tmp_path: Path) -> Filled:
    return filled_workspace(tmp_path, None if db_url.startswith("sqlite") else db_url)


def _args(filled: Filled, directory: Path, user: str) -> list[str]:
    return ["--workspace", str(directory), "--user", user,
            "--password-file", str(filled.password_files[user])]


def test_first_revision_workspace_with_data_walks_to_the_head_and_opens(
        filled: Filled, db_url: str, tmp_path: Path, request: pytest.FixtureRequest,
        capsys: pytest.CaptureFixture[str]) -> None:
    old_dir = tmp_path / "old"
    counts = at_revision(filled, old_dir, _second_url(db_url, request))
    assert counts["users"] == 3 and counts["cases"] == filled.cases and counts["attachments"] > 0
    assert counts["income_sheets"] == 1 and counts["audit_events"] > 5
    # Nobody works on it until an admin upgrades it: not the examiner, not audit verify.
    with pytest.raises(SchemaUpgradeNeeded) as caught:
        open_session(old_dir, "examiner", filled.passwords["examiner"])
    assert caught.value.current == FIRST_REVISION
    assert "管理者が更新するまで開けません" in caught.value.message("ja")
    assert main(["audit", "verify", "--workspace", str(old_dir)]) == 1

    # Every revision of the chain in turn but the last, each recorded as reached...
    engine = create_engine_for(load_workspace(old_dir).db_url)
    try:
        chain = migrate.revisions()
        assert chain[0] == FIRST_REVISION and chain[-1] == migrate.head_revision()
        for revision in chain[1:-1]:
            migrate.upgrade(engine, revision)
            assert migrate.current_revision(engine) == revision
            with engine.connect() as conn:
                assert conn.execute(text("SELECT COUNT(*) FROM cases")).scalar() == filled.cases
    finally:
        engine.dispose()

    # ...and the last step by the admin's command, as an operator would.
    upgrade = ["upgrade", *_args(filled, old_dir, "admin")]
    if db_url.startswith("postgresql"):
        upgrade.append("--i-have-a-backup")
    capsys.readouterr()
    assert main(upgrade) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert f"→ {migrate.head_revision()}" in out and "監査ログは正常です" in out
    # The admin's sign-in pinned the root of trust (issue 8); the others sign in once to get
    # their own keys, which the admin then certifies.
    assert "users certify" in out and "examiner" in out
    with pytest.raises(NotCertified):
        open_session(old_dir, "examiner", filled.passwords["examiner"])
    assert main(["users", "certify", *_args(filled, old_dir, "admin"), "examiner"]) == 0

    with open_session(old_dir, "examiner", filled.passwords["examiner"]) as examiner:
        rows = QueueService(examiner).fetch(QueueFilter(), offset=0, limit=100)
        assert len(rows) == filled.cases
        detail = CaseService(examiner).open_case(filled.case_id, take=False)
        assert detail.income_sheet == filled.income  # sealed under the same key, still opens
        assert detail.documents and detail.documents[0].attachments
        first = detail.documents[0].attachments[0].attachment_id
        assert CaseService(examiner).attachment_bytes(first)
    assert main(["audit", "verify", "--workspace", str(old_dir)]) == 0
    capsys.readouterr()
    assert main(["cases", *_args(filled, old_dir, "examiner"), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == filled.cases
    # Upgrading again has nothing to do.
    assert main(upgrade) == 0
    assert "更新は不要です" in capsys.readouterr().out


def test_only_an_admin_with_the_right_password_upgrades_and_a_backup_comes_first(
        tmp_path: Path) -> None:
    from reviewer_app.services.backup import restore_workspace

    filled = filled_workspace(tmp_path, None)
    old_dir = tmp_path / "old"
    at_revision(filled, old_dir, None)
    with pytest.raises(AdminMustUpgrade) as caught:
        upgrade_workspace(old_dir, "examiner", filled.passwords["examiner"])
    assert "管理者" in caught.value.message("ja")
    with pytest.raises(LoginFailed):
        upgrade_workspace(old_dir, "admin", "not-the-password")
    with pytest.raises(LoginFailed):
        upgrade_workspace(old_dir, "nobody", "whatever-it-is")
    engine = create_engine_for(load_workspace(old_dir).db_url)
    try:
        assert migrate.current_revision(engine) == FIRST_REVISION  # refusals changed nothing
    finally:
        engine.dispose()
    assert not (old_dir / "backups").exists()

    result = upgrade_workspace(old_dir, "admin", filled.passwords["admin"])
    assert result.changed and result.to_revision == migrate.head_revision()
    assert result.backup is not None and result.backup.parent == old_dir / "backups"
    # The backup holds the workspace as it was before: restorable, still at the old schema.
    info = restore_workspace(result.backup, tmp_path / "before")
    assert info.schema == FIRST_REVISION and info.needs_upgrade
    with pytest.raises(SchemaUpgradeNeeded):
        open_session(tmp_path / "before", "admin", filled.passwords["admin"])


@pytest.mark.postgres
def test_postgresql_upgrade_needs_the_operators_pg_dump_first(
        pg_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    filled = filled_workspace(tmp_path, pg_url)
    old_dir = tmp_path / "old"
    at_revision(filled, old_dir, _second_url(pg_url, request))
    with pytest.raises(BackupRequired) as caught:
        upgrade_workspace(old_dir, "admin", filled.passwords["admin"])
    assert "pg_dump" in caught.value.message("ja") and "--i-have-a-backup" in caught.value.en
    result = upgrade_workspace(old_dir, "admin", filled.passwords["admin"], have_backup=True)
    assert result.changed and result.backup is None


def test_a_workspace_from_a_newer_release_is_refused_with_the_version_to_install(
        workspace: object, db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    ws = workspace  # the conftest fixture: an initialised workspace at the head
    directory: Path = ws.dir  # type: ignore[attr-defined]
    engine = create_engine_for(load_workspace(directory).db_url)
    try:
        with engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9001'"))
            conn.execute(text("UPDATE settings SET text_value = '3.2.0' "
                              "WHERE key = :k"), {"k": migrate.SCHEMA_APP_VERSION})
    finally:
        engine.dispose()
    with pytest.raises(SchemaTooNew) as caught:
        open_session(directory, "admin", ws.accounts["admin"].password)  # type: ignore[attr-defined]
    assert "3.2.0 以降" in caught.value.message("ja")
    assert "version 3.2.0 or later" in caught.value.message("en")
    assert main(["upgrade", *ws.args("admin")]) == 1  # type: ignore[attr-defined]
    assert "新しい版の reviewer-app" in capsys.readouterr().err
    engine = create_engine_for(load_workspace(directory).db_url)
    try:
        assert migrate.current_revision(engine) == "9001"  # untouched
    finally:
        engine.dispose()


def test_a_demo_made_by_an_earlier_version_is_upgraded_when_reused(tmp_path: Path) -> None:
    """``reviewer-app demo`` keeps working across releases: its admin (whose password the demo
    keeps) upgrades it at once, after the usual backup."""
    import shutil

    from reviewer_app.commands.demo import PASSWORDS_FILE, ensure_demo_workspace

    made = ensure_demo_workspace(tmp_path / "demo", members=2)
    old_dir = tmp_path / "old-demo"
    at_revision(Filled(made.dir, made.passwords, {}, 0, {}, 0), old_dir, None)
    shutil.copy(made.dir / PASSWORDS_FILE, old_dir / PASSWORDS_FILE)
    reused = ensure_demo_workspace(old_dir)
    assert not reused.created
    engine = create_engine_for(load_workspace(old_dir).db_url)
    try:
        assert migrate.current_revision(engine) == migrate.head_revision()
    finally:
        engine.dispose()
    assert len(list((old_dir / "backups").iterdir())) == 1
    with open_session(old_dir, "examiner", made.passwords["examiner"]) as ws:
        assert QueueService(ws).fetch(QueueFilter(), offset=0, limit=10)

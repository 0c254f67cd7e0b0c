"""Issue 8 on PostgreSQL: the server itself enforces each user's rights. The attacker is an
examiner with their own password: they work out their own login role's password exactly as the
application does (the public sign-in gate hands it over for their proof), connect with ``psql``,
the server's own client, and try what the issue found possible. Every attempt is refused by the
server, whatever the application would say."""

from __future__ import annotations

import os
import subprocess
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from reviewer_app.security import pgauth
from reviewer_app.services.workspace import load_workspace
from reviewer_app.store.pg_roles import groups

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_workspace(pg_url: str, tmp_path: Any) -> Any:
    """The conftest workspace on PostgreSQL (admin, examiner, supervisor)."""
    from workspace_fixture import Account, WorkspaceFixture

    from reviewer_app.services.users import add_user
    from reviewer_app.services.workspace import init_workspace, open_session

    accounts = {}
    for name in ("admin", "examiner", "supervisor"):
        path = tmp_path / f"{name}.password"
        path.write_text(f"{name}'s long passphrase\n", encoding="utf-8")
        accounts[name] = Account(name, name, f"{name}'s long passphrase", path)
    init_workspace(tmp_path / "ws", pg_url, "admin", accounts["admin"].password)
    with open_session(tmp_path / "ws", "admin", accounts["admin"].password) as admin:
        for name in ("examiner", "supervisor"):
            add_user(admin, name, name, accounts[name].password)
    fixture = WorkspaceFixture(tmp_path / "ws", pg_url, accounts)
    yield fixture
    fixture.close()


def _own_login(workspace: Any, name: str) -> tuple[str, str]:
    """(role, password) as the attacker derives them from their own application password."""
    ws = load_workspace(workspace.dir)
    proof = pgauth.login_proof(workspace.accounts[name].password, ws.workspace_id, name)
    gate_url = make_url(ws.db_url).set(username=pgauth.gate_role(ws.workspace_id),
                                       password=pgauth.gate_password(ws.workspace_id))
    engine = create_engine(gate_url)
    try:
        with engine.begin() as conn:
            sealed = conn.execute(text("SELECT sealed_password FROM reviewer_gate(:n, :p)"),
                                  {"n": name, "p": proof}).scalar_one()
    finally:
        engine.dispose()
    role = pgauth.login_role(ws.workspace_id, name)
    return role, pgauth.open_login_password(proof, role, bytes(sealed))


def _psql(workspace: Any, name: str, sql: str) -> subprocess.CompletedProcess[str]:
    role, password = _own_login(workspace, name)
    url = make_url(load_workspace(workspace.dir).db_url)
    return subprocess.run(
        ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-h", str(url.host), "-p", str(url.port),
         "-U", role, "-d", str(url.database), "-c", sql],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "PGPASSWORD": password})


@pytest.mark.parametrize("sql", [
    "UPDATE users SET role = 'admin' WHERE name = 'examiner'",
    "UPDATE users SET disabled = false",
    "DELETE FROM audit_events",
    "UPDATE audit_events SET details = '{}' WHERE seq = 1",
    "INSERT INTO grants (user_id, serial, body, body_hash, signer_key_id, signature, created_at)"
    " VALUES (2, 9, '{}', repeat('0', 64), repeat('0', 32), '\\x00', now())",
    "INSERT INTO trusted_exporters (key_id, public_key_text, label, added_by_id, added_at)"
    " VALUES (repeat('a', 32), 'x', '', 2, now())",
    "DELETE FROM master_key_wraps",
    "SELECT password_hash FROM users",
    "SELECT * FROM login_secrets",
    "SELECT reviewer_manage_login('rvu_00000000000000000000', NULL, true,"
    " ARRAY[]::text[], 2, NULL, NULL)",
], ids=["role", "enable", "delete-audit", "edit-audit", "grant", "exporter", "key-wraps",
        "password-hashes", "login-secrets", "make-login"])
def test_an_examiners_own_role_is_refused_by_the_server(pg_workspace: Any, sql: str) -> None:
    done = _psql(pg_workspace, "examiner", sql)
    assert done.returncode != 0, done.stdout
    assert "permission denied" in done.stderr or "violates row-level security" in done.stderr \
        or "only an administrator" in done.stderr


def test_an_examiner_cannot_insert_an_approval_nor_complete_a_case(pg_workspace: Any) -> None:
    from casework_fixtures import PersonSpec, seed_case

    case = seed_case(pg_workspace.login("admin"), PersonSpec(1))
    examiner_id = _psql(pg_workspace, "examiner",
                        "SELECT id FROM users WHERE name = 'examiner'").stdout.split()[2]
    approval = _psql(pg_workspace, "examiner",
                     "INSERT INTO decisions (case_id, kind, verdict, decided_by_id, decided_at) "
                     f"VALUES ({case.case_id}, 'approval', 'exclude', {examiner_id}, now())")
    assert approval.returncode != 0 and "row-level security" in approval.stderr
    done = _psql(pg_workspace, "examiner",
                 f"UPDATE cases SET status = 'done' WHERE id = {case.case_id}")
    assert done.returncode != 0 and "only a supervisor completes a case" in done.stderr
    # what their work needs still works: a proposal row of their own
    proposal = _psql(pg_workspace, "examiner",
                     "INSERT INTO decisions (case_id, kind, verdict, decided_by_id, decided_at) "
                     f"VALUES ({case.case_id}, 'proposal', 'exclude', {examiner_id}, now())")
    assert proposal.returncode == 0, proposal.stderr


def test_a_guessed_password_never_reaches_a_login_role(pg_workspace: Any) -> None:
    role, _password = _own_login(pg_workspace, "examiner")
    url = make_url(load_workspace(pg_workspace.dir).db_url)
    for guess in ("examiner's long passphrase", pgauth.login_proof(
            "examiner's long passphrase", load_workspace(pg_workspace.dir).workspace_id,
            "examiner")):
        done = subprocess.run(
            ["psql", "-X", "-h", str(url.host), "-p", str(url.port), "-U", role,
             "-d", str(url.database), "-c", "SELECT 1"], capture_output=True, text=True,
            timeout=60, env={**os.environ, "PGPASSWORD": guess})
        assert done.returncode != 0 and "authentication failed" in done.stderr


def test_a_disabled_users_role_may_not_log_in(pg_workspace: Any) -> None:
    from reviewer_app.services.errors import AccountDisabled
    from reviewer_app.services.users import disable_user

    role, password = _own_login(pg_workspace, "examiner")
    with pg_workspace.login("admin") as admin:
        disable_user(admin, "examiner")
    url = make_url(load_workspace(pg_workspace.dir).db_url)
    done = subprocess.run(
        ["psql", "-X", "-h", str(url.host), "-p", str(url.port), "-U", role,
         "-d", str(url.database), "-c", "SELECT 1"], capture_output=True, text=True,
        timeout=60, env={**os.environ, "PGPASSWORD": password})
    assert done.returncode != 0 and "not permitted to log in" in done.stderr
    with pytest.raises(AccountDisabled):
        pg_workspace.login("examiner")


def test_the_groups_follow_the_grants(pg_workspace: Any) -> None:
    ws = load_workspace(pg_workspace.dir)
    g = groups(ws.workspace_id)
    engine = create_engine(ws.db_url)
    try:
        with engine.connect() as conn:
            member = {row[0]: row[1] for row in conn.execute(text(
                "SELECT r.rolname, array_agg(g.rolname ORDER BY g.rolname) FROM pg_roles r "
                "JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid "
                "WHERE r.rolname LIKE 'rvu_%' GROUP BY r.rolname"))}
    finally:
        engine.dispose()
    examiner = member[pgauth.login_role(ws.workspace_id, "examiner")]
    supervisor = member[pgauth.login_role(ws.workspace_id, "supervisor")]
    assert g.examiners in examiner and g.supervisors not in examiner and g.admins not in examiner
    assert g.supervisors in supervisor and g.admins not in supervisor

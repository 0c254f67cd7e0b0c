"""A workspace from before issue 8 (master key wrapped per password, no keys, no grants, no root in
workspace.toml, unsigned decisions and events) upgrades at its users' sign-ins: the first admin
pins the root, the others get keys that an admin certifies, old unsigned records stay valid and
new unsigned ones do not. SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest
from attack_helpers import sql
from casework_fixtures import PersonSpec, seed_case
from helpers_upgrade import LEGACY_TOML_LINES
from test_casework_decisions import propose_exclusion
from workspace_fixture import WorkspaceFixture

from reviewer_app.cli import main
from reviewer_app.domain.vocabulary import CaseStatus, Role
from reviewer_app.security.keyring import wrap_master_key
from reviewer_app.services.authority import NotCertified
from reviewer_app.services.casework import CaseService
from reviewer_app.services.users import certify_user
from reviewer_app.services.workspace import load_workspace


def _make_legacy(workspace: WorkspaceFixture) -> int:
    """Turn the fixture's workspace into what a release before issue 8 left; returns the id of
    a case proposed (unsigned) back then."""
    case = seed_case(workspace.login("admin"), PersonSpec(
        1, files=[(b"%PDF-1.4 x", "application/pdf", "給与.pdf")]))
    with workspace.login("admin") as admin:
        master = admin.master_key
    propose_exclusion(CaseService(workspace.login("examiner")), case.case_id)
    workspace.close()
    d = workspace.dir
    for name, account in workspace.accounts.items():
        sql(d, "UPDATE users SET wrapped_master_key = :w, sign_public_key = NULL, "
            "box_public_key = NULL, wrapped_private_keys = NULL WHERE name = :n",
            w=wrap_master_key(master, account.password), n=name)
    for table in ("grants", "master_key_wraps"):
        sql(d, f"DELETE FROM {table}")
    sql(d, "UPDATE decisions SET signed_body = NULL, body_hash = NULL, signer_key_id = NULL, "
        "signature = NULL")
    sql(d, "UPDATE audit_events SET signer_key_id = NULL, signature = NULL")
    sql(d, "DELETE FROM settings WHERE key = 'master_key_epoch'")
    toml = d / "workspace.toml"
    toml.write_text(re.sub(LEGACY_TOML_LINES, "",
                           toml.read_text(encoding="utf-8")), encoding="utf-8")
    (d / "audit-checkpoint.json").unlink(missing_ok=True)
    assert load_workspace(d).root_key is None
    return case.case_id


def test_a_workspace_from_before_issue_8_upgrades_at_sign_in(
        workspace: WorkspaceFixture, capsys: pytest.CaptureFixture[str]) -> None:
    case_id = _make_legacy(workspace)
    # an examiner first: keys are made, but only an admin can vouch for them
    with pytest.raises(NotCertified) as refused:
        workspace.login("examiner")
    assert "users certify examiner" in refused.value.ja
    # the first admin pins the root of trust (workspace.toml) and certifies the others
    with workspace.login("admin") as admin:
        assert admin.user.roles == frozenset({Role.ADMIN})
        certify_user(admin, "examiner")
    assert load_workspace(workspace.dir).root_key is not None
    # a user who has not signed in since has no keys to certify yet: the admin is told so
    assert main(["users", "certify", *workspace.args("admin"), "supervisor"]) == 1
    assert "一度サインイン" in capsys.readouterr().err
    with pytest.raises(NotCertified):
        workspace.login("supervisor")
    assert main(["users", "certify", *workspace.args("admin"), "supervisor"]) == 0
    # the old unsigned proposal still stands, and the supervisor approves it (signed now)
    supervisor = CaseService(workspace.login("supervisor"))
    detail = supervisor.open_case(case_id)
    assert detail.status is CaseStatus.AWAITING_APPROVAL and detail.trust == []
    supervisor.approve(case_id, "確認しました", detail.version)
    assert workspace.login("examiner").user.roles == frozenset({Role.EXAMINER})
    workspace.close()
    capsys.readouterr()
    assert main(["audit", "verify", "--workspace", str(workspace.dir)]) == 0, \
        capsys.readouterr().err
    # no password-wrapped master key is left behind to open the workspace with an old password
    assert sql(workspace.dir, "SELECT count(*) FROM users WHERE length(wrapped_master_key) > 0"
               )[0][0] == 0


def test_after_the_upgrade_an_unsigned_decision_is_a_forgery(workspace: WorkspaceFixture) -> None:
    case_id = _make_legacy(workspace)
    for name in ("examiner", "supervisor"):
        with pytest.raises(NotCertified):
            workspace.login(name)
    with workspace.login("admin") as admin:
        certify_user(admin, "examiner")
        certify_user(admin, "supervisor")
    d = workspace.dir
    # a proposal inserted after the upgrade, unsigned like the legacy one
    sql(d, "INSERT INTO decisions (case_id, kind, verdict, decided_by_id, decided_at) SELECT "
        "case_id, 'proposal', 'continue', decided_by_id, decided_at FROM decisions "
        "WHERE case_id = :c", c=case_id)
    detail = CaseService(workspace.login("supervisor")).open_case(case_id)
    assert "unsigned_decision" in {p.code for p in detail.trust}

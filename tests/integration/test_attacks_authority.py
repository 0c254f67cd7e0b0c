"""Issue 8 §1, §2, §7 as an attacker tries them: a user with a login and the database's own driver
edits plain columns, forges a supervisor's approval, cuts or rewrites the audit trail, or uses a
second account; then the application's own services and commands are run. Each of these passed
before issue 8 (see the issue); each must now be refused or detected. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from attack_helpers import append_matching_event, rehash_from, sql, user_id, when
from casework_fixtures import PersonSpec, Seeded, seed_case
from test_casework_decisions import propose_exclusion
from workspace_fixture import WorkspaceFixture

from reviewer_app.cli import main
from reviewer_app.domain.vocabulary import CaseStatus, Role
from reviewer_app.security import statements
from reviewer_app.security.keys import generate_signing_key, public_key_to_text
from reviewer_app.security.userkeys import UserKeys
from reviewer_app.services.case_errors import CaseDamaged, CreatedByProposer
from reviewer_app.services.case_trust import CaseRecordInvalid
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import AccountDisabled, PermissionDenied
from reviewer_app.services.exclusion_list import write_exclusion_list
from reviewer_app.services.exporters import trust_exporter
from reviewer_app.services.users import add_user, disable_user

EXIT_BROKEN = 3


@pytest.fixture
def case(workspace: WorkspaceFixture) -> Seeded:
    return seed_case(workspace.login("admin"), PersonSpec(
        1, files=[(b"%PDF-1.4 x", "application/pdf", "給与.pdf")]))


def _verify(workspace: WorkspaceFixture, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    capsys.readouterr()
    code = main(["audit", "verify", "--workspace", str(workspace.dir)])
    out = capsys.readouterr()
    return code, out.out + out.err


# --- 1. roles live in signed grants, not in the users table --------------------------------------


def test_a_role_written_into_the_users_table_grants_nothing(workspace: WorkspaceFixture) -> None:
    sql(workspace.dir, "UPDATE users SET role = 'admin' WHERE name = 'examiner'")
    examiner = workspace.login("examiner")
    assert examiner.user.roles == frozenset({Role.EXAMINER})
    with pytest.raises(PermissionDenied):
        add_user(examiner, "mallory", "supervisor", "correct horse battery staple")
    with pytest.raises(PermissionDenied):
        trust_exporter(examiner, public_key_to_text(generate_signing_key().public_key()))
    assert main(["users", "list", *workspace.args("examiner")]) != 0


def test_re_enabling_a_disabled_user_in_the_table_does_not_let_them_in(
        workspace: WorkspaceFixture) -> None:
    with workspace.login("admin") as admin:
        disable_user(admin, "examiner")
    sql(workspace.dir, "UPDATE users SET disabled = :f WHERE name = 'examiner'", f=False)
    with pytest.raises(AccountDisabled):
        workspace.login("examiner")


def test_a_user_row_inserted_by_hand_cannot_sign_in(workspace: WorkspaceFixture) -> None:
    # the attacker copies their own row (password, keys) under a supervisor's role and name
    sql(workspace.dir,
        "INSERT INTO users (name, role, password_hash, wrapped_master_key, failed_attempts, "
        "disabled, created_at, password_changed_at, sign_public_key, box_public_key, "
        "wrapped_private_keys) SELECT 'mallory', 'supervisor', password_hash, "
        "wrapped_master_key, 0, disabled, created_at, password_changed_at, sign_public_key, "
        "box_public_key, "
        "wrapped_private_keys FROM users WHERE name = 'examiner'")
    from reviewer_app.services.workspace import open_session

    with pytest.raises(Exception) as refused:  # no grant: the key has no master key nor rights
        open_session(workspace.dir, "mallory", workspace.accounts["examiner"].password)
    # SQLite: no key for it, no grant; PostgreSQL: the server has no login role for it either
    assert getattr(refused.value, "code", "") in ("no_master_key", "not_certified",
                                                   "login_failed")


# --- a forged approval ---------------------------------------------------------------------------


def _forge_approval(
        workspace: WorkspaceFixture, case_id: int, *, sign_with: UserKeys | None) -> None:
    """The examiner inserts a supervisor's approval of their own proposal, marks the case done
    and appends a matching audit event (what issue 8 §1 found passing before)."""
    d = workspace.dir
    supervisor = user_id(d, "supervisor")
    proposal_id, verdict, exclusion = sql(
        d, "SELECT id, verdict, exclusion_date FROM decisions WHERE case_id = :c "
        "ORDER BY id DESC LIMIT 1", c=case_id)[0]
    now = datetime.now(UTC)
    sql(d, "INSERT INTO decisions (case_id, kind, verdict, exclusion_date, proposal_id, "
        "decided_by_id, decided_at) VALUES (:c, 'approval', :v, :e, :p, :u, :at)",
        c=case_id, v=verdict, e=exclusion, p=proposal_id, u=supervisor, at=when(d, now))
    approval_id = sql(d, "SELECT max(id) FROM decisions")[0][0]
    if sign_with is not None:  # signed, but with the key the attacker has: their own
        body = {"forged": True, "decision_id": approval_id}
        sql(d, "UPDATE decisions SET signed_body = :b, body_hash = :h, signer_key_id = :k, "
            "signature = :s WHERE id = :i", b=json.dumps(body),
            h=statements.statement_hash(statements.DECISION, body), k=sign_with.key_id,
            s=statements.sign(sign_with.sign, statements.DECISION, body), i=approval_id)
    sql(d, "UPDATE cases SET status = 'done', version = version + 1 WHERE id = :c", c=case_id)
    append_matching_event(d, user="supervisor", action="case.approve", subject=f"case:{case_id}",
                          details={"decision_id": approval_id, "proposal_id": proposal_id,
                                   "verdict": verdict})


def _examiner_keys(workspace: WorkspaceFixture) -> UserKeys:
    wrapped = sql(workspace.dir, "SELECT wrapped_private_keys FROM users WHERE name = 'examiner'")
    return UserKeys.unwrap(bytes(wrapped[0][0]), workspace.accounts["examiner"].password)


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed-by-attacker"])
def test_a_forged_supervisor_approval_is_shown_invalid_refused_and_detected(
        workspace: WorkspaceFixture, case: Seeded, tmp_path: Path, signed: bool,
        capsys: pytest.CaptureFixture[str]) -> None:
    examiner = CaseService(workspace.login("examiner"))
    propose_exclusion(examiner, case.case_id)
    _forge_approval(workspace, case.case_id,
                    sign_with=_examiner_keys(workspace) if signed else None)

    supervisor_ws = workspace.login("supervisor")
    detail = CaseService(supervisor_ws).open_case(case.case_id)
    assert detail.status is CaseStatus.DONE  # what the column says…
    assert detail.trust  # …is shown as not resting on a valid approval
    codes = {p.code for p in detail.trust}
    assert codes & {"unsigned_decision", "bad_decision_signature"}
    assert "status_unsupported" in codes
    out = tmp_path / "exclusions.csv"
    with pytest.raises(CaseRecordInvalid):
        write_exclusion_list(supervisor_ws, out, "csv")
    assert not out.exists()
    code, text = _verify(workspace, capsys)
    assert code == EXIT_BROKEN and "case.approve" in text


def test_moving_a_case_to_another_dependent_breaks_its_decisions(workspace: WorkspaceFixture,
                                                                  case: Seeded) -> None:
    other = seed_case(workspace.login("admin"), PersonSpec(2, dependent_name="御室 次郎"))
    examiner = CaseService(workspace.login("examiner"))
    version = propose_exclusion(examiner, case.case_id)
    # move the case (and its decisions) onto another person: a copy of the other dependent's row
    d = workspace.dir
    sql(d, "INSERT INTO dependents (member_id, dependent_key, relationship, relationship_label, "
        "member_status, submitted_at, personal_sealed) SELECT member_id, 'moved', relationship, "
        "relationship_label, member_status, submitted_at, personal_sealed FROM dependents "
        "WHERE id = :dep", dep=other.dependent_id)
    moved = sql(d, "SELECT id FROM dependents WHERE dependent_key = 'moved'")[0][0]
    sql(d, "UPDATE cases SET dependent_id = :dep WHERE id = :c", dep=moved, c=case.case_id)
    supervisor = CaseService(workspace.login("supervisor"))
    with pytest.raises(CaseRecordInvalid) as refused:
        supervisor.approve(case.case_id, "", version)
    assert "decision_altered" in {p.code for p in refused.value.problems}
    with pytest.raises(CaseDamaged):  # and the moved person's sealed data does not open either
        supervisor.open_case(case.case_id)


def test_a_supervisor_cannot_approve_a_forged_proposal(
        workspace: WorkspaceFixture, case: Seeded) -> None:
    d = workspace.dir
    examiner = CaseService(workspace.login("examiner"))
    examiner.open_case(case.case_id)
    sql(d, "INSERT INTO decisions (case_id, kind, verdict, exclusion_date, decided_by_id, "
        "decided_at) VALUES (:c, 'proposal', 'exclude', :e, :u, :at)", c=case.case_id,
        e=date(2024, 2, 1), u=user_id(d, "examiner"), at=when(d, datetime.now(UTC)))
    sql(d, "UPDATE cases SET status = 'awaiting_approval', proposed_verdict = 'exclude', "
        "proposed_exclusion_date = :e, version = version + 1 WHERE id = :c",
        e=date(2024, 2, 1), c=case.case_id)
    supervisor = CaseService(workspace.login("supervisor"))
    detail = supervisor.open_case(case.case_id)
    assert not detail.can_decide
    with pytest.raises(CaseRecordInvalid):
        supervisor.approve(case.case_id, "", detail.version)


# --- 2. the audit trail: cut, or rewritten and re-hashed -----------------------------------------


def test_cutting_the_newest_audit_events_is_detected(workspace: WorkspaceFixture, case: Seeded,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    examiner = CaseService(workspace.login("examiner"))
    propose_exclusion(examiner, case.case_id)
    workspace.close()  # every sign-out checkpoints the head on this workstation
    assert _verify(workspace, capsys)[0] == 0
    last = sql(workspace.dir, "SELECT max(seq) FROM audit_events")[0][0]
    sql(workspace.dir, "DELETE FROM audit_events WHERE seq > :s", s=last - 3)
    code, text = _verify(workspace, capsys)
    assert code == EXIT_BROKEN and "removed from its end" in text


def test_an_event_edited_and_the_chain_re_hashed_is_detected(
        workspace: WorkspaceFixture, case: Seeded, capsys: pytest.CaptureFixture[str]) -> None:
    examiner = CaseService(workspace.login("examiner"))
    propose_exclusion(examiner, case.case_id)
    workspace.close()
    seq, details = sql(workspace.dir, "SELECT seq, details FROM audit_events WHERE action = "
                       "'case.propose'")[0]
    edited = json.loads(details)
    edited["verdict"] = "continue"
    sql(workspace.dir, "UPDATE audit_events SET details = :d WHERE seq = :s",
        d=json.dumps(edited, sort_keys=True, separators=(",", ":"), ensure_ascii=False), s=seq)
    rehash_from(workspace.dir, seq)
    code, text = _verify(workspace, capsys)
    assert code == EXIT_BROKEN
    assert f"#{seq}" in text and "signature" in text


def test_an_intact_workspace_verifies(workspace: WorkspaceFixture, case: Seeded,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    examiner = CaseService(workspace.login("examiner"))
    version = propose_exclusion(examiner, case.case_id)
    CaseService(workspace.login("supervisor")).approve(case.case_id, "確認しました", version)
    workspace.close()
    code, text = _verify(workspace, capsys)
    assert code == 0, text


def test_a_grant_removed_from_the_table_is_detected(workspace: WorkspaceFixture,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    with workspace.login("admin") as admin:
        disable_user(admin, "examiner")
    # the attacker deletes the grant that disabled them (the newest of their grants)
    sql(workspace.dir, "DELETE FROM grants WHERE id = (SELECT max(id) FROM grants)")
    sql(workspace.dir, "UPDATE users SET disabled = :f WHERE name = 'examiner'", f=False)
    code, text = _verify(workspace, capsys)
    assert code == EXIT_BROKEN and "grant" in text


# --- 7. separation of duties ------------------------------------------------------------------


def test_an_admin_without_a_reviewing_role_cannot_open_a_case(workspace: WorkspaceFixture,
                                                              case: Seeded) -> None:
    with pytest.raises(PermissionDenied):
        CaseService(workspace.login("admin")).open_case(case.case_id)


def test_an_admin_cannot_approve_through_a_second_account_they_created(
        workspace: WorkspaceFixture, case: Seeded) -> None:
    with workspace.login("admin") as admin:
        add_user(admin, "boss", "examiner+admin", "boss's own long passphrase")
    from reviewer_app.services.workspace import open_session

    with open_session(workspace.dir, "boss", "boss's own long passphrase") as boss:
        assert boss.user.roles == frozenset({Role.EXAMINER, Role.ADMIN})
        add_user(boss, "boss2", "supervisor", "a second account's passphrase")
        version = propose_exclusion(CaseService(boss), case.case_id)
    with open_session(workspace.dir, "boss2", "a second account's passphrase") as second:
        service = CaseService(second)
        with pytest.raises(CreatedByProposer):
            service.approve(case.case_id, "", version)
    # an independent supervisor approves
    CaseService(workspace.login("supervisor")).approve(case.case_id, "確認しました", version)

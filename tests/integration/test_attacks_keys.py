"""Issue 8 §3 and §5 as an attacker tries them: a revoked user keeps their old key ring (or an old
copy of the database) and their old password; rows are moved to another owner or an older sealed
value is put back in place with the database's own driver. SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
from attack_helpers import sql, user_id
from casework_fixtures import PersonSpec, seed_case
from test_casework_decisions import enter_income

from reviewer_app.security.aead import DecryptionError
from reviewer_app.security.userkeys import UserKeys, open_master_key
from reviewer_app.services.case_errors import CaseDamaged, DocumentDamaged
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import MasterKeyRotated
from reviewer_app.services.users import disable_user, reset_password
from reviewer_app.store import sealing

PDF = b"%PDF-1.4 x"


@pytest.fixture
def case(workspace: Any) -> Any:
    return seed_case(workspace.login("admin"), PersonSpec(
        1, files=[(PDF, "application/pdf", "給与.pdf")]))


def _stolen_master_key(workspace: Any, name: str) -> bytes:
    """What the user can take home: their key ring row, their sealed copy of the master key,
    and their password."""
    d = workspace.dir
    wrapped = bytes(sql(d, "SELECT wrapped_private_keys FROM users WHERE name = :n", n=name)[0][0])
    uid = user_id(d, name)
    epoch, sealed = sql(d, "SELECT epoch, sealed FROM master_key_wraps WHERE user_id = :u",
                        u=uid)[0]
    keys = UserKeys.unwrap(wrapped, workspace.accounts[name].password)
    return open_master_key(keys.box, bytes(sealed), user_id=uid, epoch=int(epoch))


def _open_sheet(workspace: Any, case_id: int, key: bytes) -> bytes:
    dependent_id, version, sealed = sql(
        workspace.dir, "SELECT dependent_id, version, sealed_json FROM income_sheets "
        "WHERE case_id = :c", c=case_id)[0]
    return sealing.open_(key, "income_sheets", case_id, "sealed_json", bytes(sealed),
                         {"dependent_id": dependent_id, "version": version})


@pytest.mark.parametrize("revoke", ["disable", "reset-password"])
def test_a_revoked_key_ring_opens_nothing_written_afterwards(workspace: Any, case: Any,
                                                             revoke: str) -> None:
    examiner = CaseService(workspace.login("examiner"))
    enter_income(examiner, case.case_id)
    stolen = _stolen_master_key(workspace, "examiner")
    assert _open_sheet(workspace, case.case_id, stolen)  # it did open what was there
    workspace.close()

    with workspace.login("admin") as admin:
        if revoke == "disable":
            disable_user(admin, "examiner")
        else:
            reset_password(admin, "examiner", "the administrator's new one")
    # written afterwards by someone still trusted
    supervisor = CaseService(workspace.login("supervisor"))
    supervisor.release(case.case_id)
    detail = supervisor.open_case(case.case_id)
    supervisor.save_income_sheet(case.case_id, detail.income_sheet, detail.income_version)
    with pytest.raises(DecryptionError):
        _open_sheet(workspace, case.case_id, stolen)
    # and no password-wrapped copy of any master key is left in the rows
    assert sql(workspace.dir, "SELECT count(*) FROM users WHERE length(wrapped_master_key) > 0"
               )[0][0] == 0
    # the new key opens the document, whose bytes were never re-encrypted, for those who remain
    assert supervisor.attachment_bytes(case.attachment_ids[0]) == PDF


def test_a_session_from_before_a_rotation_stops_instead_of_sealing_under_the_old_key(
        workspace: Any, case: Any) -> None:
    stale = CaseService(workspace.login("supervisor"))
    with workspace.login("admin") as admin:
        disable_user(admin, "examiner")
    with pytest.raises(MasterKeyRotated) as stopped:
        stale.open_case(case.case_id)
    assert "ログインし直して" in stopped.value.ja


def test_an_attachment_moved_to_another_person_does_not_open(workspace: Any, case: Any) -> None:
    other = seed_case(workspace.login("admin"), PersonSpec(2, dependent_name="御室 次郎"))
    # onto the other person's first required document, so it would be listed in their case
    target = sql(workspace.dir, "SELECT min(id) FROM required_documents WHERE dependent_id = :d",
                 d=other.dependent_id)[0][0]
    sql(workspace.dir, "UPDATE attachments SET dependent_id = :d, required_document_id = :r "
        "WHERE id = :a", d=other.dependent_id, r=target, a=case.attachment_ids[0])
    examiner = CaseService(workspace.login("examiner"))
    with pytest.raises(DocumentDamaged):
        examiner.attachment_bytes(case.attachment_ids[0])
    with pytest.raises(CaseDamaged):  # its name is sealed to its owners too
        examiner.open_case(other.case_id)


def test_an_attachment_moved_to_another_required_document_does_not_open(workspace: Any,
                                                                         case: Any) -> None:
    other = seed_case(workspace.login("admin"), PersonSpec(2))
    document = sql(workspace.dir, "SELECT required_document_id FROM attachments WHERE id = :a",
                   a=other.attachment_ids[0]) if other.attachment_ids else []
    target = document[0][0] if document else sql(
        workspace.dir, "SELECT min(id) FROM required_documents WHERE dependent_id = :d",
        d=other.dependent_id)[0][0]
    sql(workspace.dir, "UPDATE attachments SET required_document_id = :r WHERE id = :a",
        r=target, a=case.attachment_ids[0])
    with pytest.raises(DocumentDamaged):
        CaseService(workspace.login("examiner")).attachment_bytes(case.attachment_ids[0])


def test_an_older_income_sheet_put_back_in_place_does_not_open(workspace: Any,
                                                               case: Any) -> None:
    examiner = CaseService(workspace.login("examiner"))
    enter_income(examiner, case.case_id)
    older = sql(workspace.dir, "SELECT sealed_json FROM income_sheets WHERE case_id = :c",
                c=case.case_id)[0][0]
    detail = examiner.open_case(case.case_id)
    examiner.save_income_sheet(case.case_id, detail.income_sheet, detail.income_version)
    sql(workspace.dir, "UPDATE income_sheets SET sealed_json = :s WHERE case_id = :c",
        s=older, c=case.case_id)
    with pytest.raises(CaseDamaged):
        examiner.open_case(case.case_id)
    # the queue still lists it and every other case
    from reviewer_app.services.queue import QueueFilter, QueueService

    assert [r.case_id for r in QueueService(examiner.ws).fetch(QueueFilter(), 0, 10)] == [
        case.case_id]


def test_a_moved_case_does_not_take_its_income_sheet_to_another_person(workspace: Any,
                                                                       case: Any) -> None:
    examiner = CaseService(workspace.login("examiner"))
    enter_income(examiner, case.case_id)
    detail = examiner.open_case(case.case_id)
    d = workspace.dir
    sql(d, "INSERT INTO dependents (member_id, dependent_key, relationship, relationship_label, "
        "member_status, submitted_at, personal_sealed) SELECT member_id, 'moved', relationship, "
        "relationship_label, member_status, submitted_at, NULL FROM dependents WHERE id = :dep",
        dep=case.dependent_id)
    moved = sql(d, "SELECT id FROM dependents WHERE dependent_key = 'moved'")[0][0]
    sql(d, "UPDATE cases SET dependent_id = :dep WHERE id = :c", dep=moved, c=case.case_id)
    with pytest.raises(CaseDamaged):
        examiner.open_case(case.case_id)
    with pytest.raises(CaseDamaged):
        examiner.save_income_sheet(case.case_id, detail.income_sheet, detail.income_version)

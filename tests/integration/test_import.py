"""import_bundle on SQLite and PostgreSQL: what is stored, re-imports, revisions, roles."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from helpers_bundles import make_pdf, make_png, submission_dict
from helpers_import import (  # noqa: F401 (ws_fixture provides the fixture ws)
    Ws,
    bundle_keys,
    make_workspace,
    write_bundle,
    ws_fixture,
)
from sqlalchemy import func, select

from reviewer_app.services.cases import list_cases
from reviewer_app.services.casework import CaseService
from reviewer_app.services.importing import RevisionConflict, import_bundle
from reviewer_app.store import blind_index
from reviewer_app.store.enums import CaseStatus
from reviewer_app.store.models import (
    Attachment,
    AttachmentBlob,
    AuditEvent,
    Case,
    Dependent,
    DocumentCheck,
    Import,
    IncomeSheet,
    Member,
    SubmissionRevision,
)

FILES = [("f-a1", "image/png"), ("f-a2", "application/pdf")]



def _count(session: Any, model: Any) -> int:
    with session.transaction(readonly=True) as db:
        return int(db.scalar(select(func.count()).select_from(model)) or 0)


def _revised(data: dict[str, Any], revision: int, **dependent: Any) -> dict[str, Any]:
    out = copy.deepcopy(data)
    out["revision"] = revision
    out["dependents"][0].update(dependent)
    return out


def test_import_stores_every_submission_and_file_sealed(ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    png, pdf = make_png(80, 60), make_pdf("給与明細書 テスト")
    path = write_bundle(tmp_path / "b.zip", keys,
                        [submission_dict(1, FILES), submission_dict(2, [("f-b1", "image/png")])],
                        files={"f-a1": png, "f-a2": pdf})
    session = ws.login("examiner")
    summary = import_bundle(session, path)
    assert (summary.members, summary.dependents, summary.attachments) == (2, 2, 3)
    assert (summary.new, summary.updated, summary.unchanged, summary.outdated) == (2, 0, 0, 0)
    assert summary.bytes > len(png) + len(pdf) and summary.import_id is not None
    with session.transaction(readonly=True) as db:
        attachment = db.scalars(select(Attachment).where(Attachment.file_key == "f-a2")).one()
        blob = db.get(AttachmentBlob, attachment.id)
        assert blob is not None and blob.data != pdf
        assert blob.open_document(session.master_key, attachment) == pdf
        name = attachment.open_from("original_name_sealed", session.master_key)
        assert name == "明細_2.pdf".encode()
        assert attachment.size == len(pdf) and attachment.media_type == "application/pdf"
        member = db.scalars(select(Member).where(Member.member_key == "m-0001")).one()
        assert member.open_json_from("personal_sealed", session.master_key)["card_number"] == "101"
        cases = db.scalars(select(Case)).all()
        assert [c.status for c in cases] == [CaseStatus.NOT_STARTED.value] * 2
        found = db.scalars(blind_index.matching_dependents(session.blind_index_key, "オムロ")).all()
        assert len(found) == 2
        found = db.scalars(blind_index.matching_dependents(session.blind_index_key, "10-102")).all()
        assert len(found) == 1
        event = db.scalars(select(AuditEvent).where(AuditEvent.action == "bundle.import")).one()
        assert event.subject == f"import:{summary.import_id}" and event.actor == "examiner"
        row = db.get(Import, summary.import_id)
        assert row is not None and (row.members, row.new, row.attachments) == (2, 2, 3)
    assert [(c.card, c.name, c.attachments) for c in list_cases(session)] == [
        ("10-101", "御室 花子", 2), ("10-102", "御室 花子", 1)]


def test_reimporting_the_same_bundle_changes_nothing(ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    path = write_bundle(tmp_path / "b.zip", keys, [submission_dict(1, FILES)])
    session = ws.login("examiner")
    import_bundle(session, path)
    before = ws.snapshot()
    again = import_bundle(session, path)
    assert again.already_imported and again.import_id is None
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    assert ws.snapshot() == before


def test_same_revision_in_a_new_bundle_is_unchanged(ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    files = {"f-a1": make_png(), "f-a2": make_pdf()}
    data = [submission_dict(1, FILES)]
    first = write_bundle(tmp_path / "1.zip", keys, data, bundle_id="b-1", files=files)
    second = write_bundle(tmp_path / "2.zip", keys, data, bundle_id="b-2", files=files)
    session = ws.login("examiner")
    import_bundle(session, first)
    members, blobs = _count(session, Member), _count(session, AttachmentBlob)
    summary = import_bundle(session, second)
    assert (summary.new, summary.updated, summary.unchanged) == (0, 0, 1)
    assert (_count(session, Member), _count(session, AttachmentBlob)) == (members, blobs)
    assert _count(session, SubmissionRevision) == 1 and _count(session, Import) == 2


def test_same_revision_with_other_content_is_refused_and_nothing_stored(
        ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    data = submission_dict(1, FILES)
    pdf = make_pdf()
    session = ws.login("examiner")
    import_bundle(session, write_bundle(tmp_path / "1.zip", keys, [data], bundle_id="b-1",
                                        files={"f-a2": pdf}))
    before = ws.snapshot()
    changed = _revised(data, 1, name="御室 花")
    other = write_bundle(tmp_path / "2.zip", keys, [submission_dict(2, []), changed],
                         bundle_id="b-2")
    with pytest.raises(RevisionConflict) as info:
        import_bundle(session, other)
    assert info.value.subject == "s-sub-0001-r1" and "s-sub-0001-r1" in info.value.message("en")
    assert ws.snapshot() == before
    # The same file bytes under the same revision but different content are refused too.
    same_json = write_bundle(tmp_path / "3.zip", keys, [data], bundle_id="b-3",
                             files={"f-a1": make_png(81, 61), "f-a2": pdf})
    with pytest.raises(RevisionConflict):
        import_bundle(session, same_json)
    assert ws.snapshot() == before


def test_higher_revision_updates_keeps_old_revision_and_examiners_work(
        ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    data = submission_dict(1, FILES)
    session = ws.login("examiner")
    import_bundle(session, write_bundle(tmp_path / "1.zip", keys, [data], bundle_id="b-1"))
    with session.transaction() as db:
        case = db.scalars(select(Case)).one()
        case.status = CaseStatus.IN_REVIEW.value
        sheet = IncomeSheet(case_id=case.id, dependent_id=case.dependent_id, version=1,
                            updated_by_id=session.user.id, sealed_json=b"")
        db.add(sheet)
        db.flush()
        sheet.seal_into("sealed_json", session.master_key, b'{"months":[]}')
        db.add(DocumentCheck(case_id=case.id, document_key="doc-0001-1", verdict="ok",
                             version=1))
        case_id, version = case.id, case.version
    revised = _revised(data, 2, name="御室 華子")
    revised["dependents"][0]["required_documents"][0]["files"].append(
        {"file_id": "f-a3", "original_name": "追加.png", "media_type": "image/png",
         "uploaded_at": "2024-08-20T09:00:00+09:00"})
    second = dict(submission_dict(2, []), dependents=[
        dict(submission_dict(2, [])["dependents"][0], dependent_id="d-0002-1")])
    summary = import_bundle(session, write_bundle(tmp_path / "2.zip", keys, [revised, second],
                                                  bundle_id="b-2"))
    assert (summary.new, summary.updated, summary.unchanged, summary.flagged_cases) == (1, 1, 0, 1)
    with session.transaction(readonly=True) as db:
        revisions = db.scalars(select(SubmissionRevision.revision).join(Member).where(
            Member.member_key == "m-0001").order_by(SubmissionRevision.revision)).all()
        assert revisions == [1, 2]
        case = db.get(Case, case_id)
        assert case is not None and case.updated_after_review and case.version > version
        assert case.status == CaseStatus.IN_REVIEW.value
        assert db.get(IncomeSheet, case_id) is not None
        assert db.scalars(select(DocumentCheck)).one().verdict == "ok"
        dependent = db.get(Dependent, case.dependent_id)
        assert dependent is not None
        person = dependent.open_json_from("personal_sealed", session.master_key)
        assert person["name"] == "御室 華子"
        assert _count(session, Attachment) == 2 + 3  # revision 1 kept, revision 2 stored
        new_case = db.scalars(select(Case).where(Case.id != case_id)).one()
        assert new_case.status == CaseStatus.NOT_STARTED.value and not new_case.updated_after_review
    rows = {r.case_id: r for r in list_cases(session)}
    assert rows[case_id].name == "御室 華子" and rows[case_id].attachments == 3
    assert rows[case_id].updated_after_review


def test_a_not_started_case_is_updated_without_a_flag(ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    data = submission_dict(1, FILES)
    session = ws.login("examiner")
    import_bundle(session, write_bundle(tmp_path / "1.zip", keys, [data], bundle_id="b-1"))
    summary = import_bundle(session, write_bundle(tmp_path / "2.zip", keys,
                                                  [_revised(data, 3)], bundle_id="b-2"))
    assert (summary.updated, summary.flagged_cases) == (1, 0)
    assert [r.updated_after_review for r in list_cases(session)] == [False]


def test_lower_revision_is_ignored(ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    data = submission_dict(1, FILES)
    session = ws.login("examiner")
    import_bundle(session, write_bundle(tmp_path / "2.zip", keys, [_revised(data, 2)],
                                        bundle_id="b-2"))
    blobs = _count(session, AttachmentBlob)
    older = write_bundle(tmp_path / "1.zip", keys, [_revised(data, 1, name="古い 名前")],
                         bundle_id="b-1")
    summary = import_bundle(session, older)
    assert (summary.outdated, summary.updated, summary.new) == (1, 0, 0)
    assert _count(session, AttachmentBlob) == blobs and _count(session, SubmissionRevision) == 1
    assert [r.name for r in list_cases(session)] == ["御室 花子"]


@pytest.mark.parametrize("role", ["examiner", "supervisor", "admin"])
def test_every_role_may_import(tmp_path: Path, role: str) -> None:
    ws = make_workspace(tmp_path, None)
    try:
        keys = bundle_keys(ws)
        path = write_bundle(tmp_path / "b.zip", keys, [submission_dict(1, FILES)])
        assert import_bundle(ws.login(role), path).new == 1
    finally:
        ws.close()


def test_a_dependent_dropped_by_a_newer_revision_keeps_a_case_that_opens(
        ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    first = submission_dict(1, [])
    first["dependents"].append(dict(copy.deepcopy(first["dependents"][0]),
                                    dependent_id="d-0001-2", name="御室 一郎",
                                    kana="オムロ イチロウ", relationship="child",
                                    relationship_label="長男", required_documents=[]))
    session = ws.login("examiner")
    import_bundle(session, write_bundle(tmp_path / "1.zip", keys, [first], bundle_id="b-1"))
    revised = copy.deepcopy(first)
    revised["revision"] = 2
    del revised["dependents"][1]  # the member no longer lists the child
    import_bundle(session, write_bundle(tmp_path / "2.zip", keys, [revised], bundle_id="b-2"))
    with session.transaction(readonly=True) as db:
        dropped = db.scalars(select(Case).join(Dependent).where(
            Dependent.dependent_key == "d-0001-2")).one().id
    detail = CaseService(session).open_case(dropped)
    # The last answers the member gave for the child, from revision 1.
    assert detail.dependent.name == "御室 一郎" and detail.revision == 1
    assert CaseService(session).evaluate(dropped).verdict in ("continue", "needs_review")

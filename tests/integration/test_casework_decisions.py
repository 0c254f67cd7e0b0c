"""Propose, approve, return (four eyes), notices and the case history (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import date

import pytest
from casework_fixtures import PersonSpec, Seeded, seed_case
from sheets import OVER_FROM_MARCH, employer, with_employers
from sqlalchemy import select
from workspace_fixture import WorkspaceFixture

from reviewer_app.domain.vocabulary import CaseStatus, ReviewStatus, Verdict
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.services.case_errors import (
    CaseLocked,
    EvaluationChanged,
    InvalidInput,
    SelfApprovalRefused,
    StaleCase,
)
from reviewer_app.services.casework import PROFILE_SETTING, CaseService
from reviewer_app.services.errors import PermissionDenied
from reviewer_app.services.queue import QueueFilter, QueueService
from reviewer_app.services.users import add_user
from reviewer_app.services.workspace import open_session
from reviewer_app.store import settings
from reviewer_app.store.models import AuditEvent, IncomeSheet


@pytest.fixture
def case(workspace: WorkspaceFixture) -> Seeded:
    return seed_case(workspace.login("admin"), PersonSpec(
        1, files=[(b"%PDF-1.4 x", "application/pdf", "給与.pdf")]))


def enter_income(service: CaseService, case_id: int) -> int:
    detail = service.open_case(case_id)
    sheet = with_employers(detail.income_sheet, employer(OVER_FROM_MARCH))
    service.save_income_sheet(case_id, sheet, detail.income_version)
    return service.open_case(case_id).version


def propose_exclusion(service: CaseService, case_id: int) -> int:
    version = enter_income(service, case_id)
    evaluation = service.evaluate(case_id)
    assert evaluation.verdict == "exclude" and evaluation.exclusion.date == date(2024, 2, 1)
    return service.propose(case_id, Verdict.EXCLUDE, date(2024, 2, 1), "3か月連続で超過",
                           version)


def test_propose_then_approve_as_another_user(workspace: WorkspaceFixture, case: Seeded) -> None:
    examiner = CaseService(workspace.login("examiner"))
    version = propose_exclusion(examiner, case.case_id)
    detail = examiner.open_case(case.case_id)
    assert detail.status is CaseStatus.AWAITING_APPROVAL and not detail.editable
    assert detail.proposed_verdict == "exclude"
    [proposal] = detail.decisions
    assert proposal.comment == "3か月連続で超過"
    assert proposal.evaluation is not None
    assert proposal.evaluation.exclusion_date == date(2024, 2, 1)

    supervisor_ws = workspace.login("supervisor")
    [row] = QueueService(supervisor_ws).approval_queue()
    assert row.case_id == case.case_id and not row.own
    supervisor = CaseService(supervisor_ws)
    assert supervisor.open_case(case.case_id).can_decide
    supervisor.approve(case.case_id, "確認しました", version)
    done = supervisor.open_case(case.case_id)
    assert done.status is CaseStatus.DONE
    assert [d.kind for d in done.decisions] == ["proposal", "approval"]
    approval = done.decisions[1]
    assert approval.decided_by == "supervisor" and approval.verdict == "exclude"
    assert approval.evaluation is not None and approval.evaluation.profile == "default"


def test_editing_is_locked_while_awaiting_approval(
        workspace: WorkspaceFixture, case: Seeded) -> None:
    examiner = CaseService(workspace.login("examiner"))
    propose_exclusion(examiner, case.case_id)
    detail = examiner.open_case(case.case_id)
    with pytest.raises(CaseLocked) as info:
        examiner.save_income_sheet(case.case_id, detail.income_sheet, detail.income_version)
    assert "承認待ち" in info.value.message("ja")
    with pytest.raises(CaseLocked):
        examiner.save_document_check(case.case_id, DocumentReview(
            case.document_key, ReviewStatus.OK), None)


def test_examiner_cannot_approve(workspace: WorkspaceFixture, case: Seeded) -> None:
    add_user(workspace.login("admin"), "examiner2", "examiner", "another-password-1")
    version = propose_exclusion(CaseService(workspace.login("examiner")), case.case_id)
    other = open_session(workspace.dir, "examiner2", "another-password-1")
    try:
        with pytest.raises(PermissionDenied) as info:
            CaseService(other).approve(case.case_id, "", version)
        assert info.value.code == "permission_denied"
        with pytest.raises(PermissionDenied):
            CaseService(other).return_case(case.case_id, "見直してください", version)
    finally:
        other.close()


def test_self_approval_refused_for_a_supervisor_who_proposed(
        workspace: WorkspaceFixture, case: Seeded) -> None:
    add_user(workspace.login("admin"), "supervisor2", "supervisor", "another-password-2")
    author_ws = workspace.login("supervisor")
    author = CaseService(author_ws)
    version = propose_exclusion(author, case.case_id)  # a supervisor doing an examiner's work
    assert not author.open_case(case.case_id).can_decide
    [row] = QueueService(author_ws).approval_queue()
    assert row.own
    with pytest.raises(SelfApprovalRefused) as info:
        author.approve(case.case_id, "", version)
    assert isinstance(info.value, PermissionDenied)
    with pytest.raises(SelfApprovalRefused):
        author.return_case(case.case_id, "自分で差し戻し", version)
    other = open_session(workspace.dir, "supervisor2", "another-password-2")
    try:
        CaseService(other).approve(case.case_id, "", version)
        assert CaseService(other).open_case(case.case_id).status is CaseStatus.DONE
    finally:
        other.close()


def test_approval_reruns_the_evaluation_and_refuses_when_it_changed(workspace: WorkspaceFixture,
                                                                  case: Seeded) -> None:
    version = propose_exclusion(CaseService(workspace.login("examiner")), case.case_id)
    admin = workspace.login("admin")
    with admin.transaction() as db:  # the society switches its rule profile meanwhile
        settings.set_text(db, PROFILE_SETTING, "first_month_over")
    supervisor = CaseService(workspace.login("supervisor"))
    assert supervisor.evaluate(case.case_id).exclusion.date == date(2024, 3, 1)
    with pytest.raises(EvaluationChanged) as info:
        supervisor.approve(case.case_id, "", version)
    message = info.value.message("ja")
    assert "2024-02-01" in message and "2024-03-01" in message and "first_month_over" in message
    assert supervisor.open_case(case.case_id).status is CaseStatus.AWAITING_APPROVAL
    # returning is still allowed; the examiner holds it again and may edit
    supervisor.return_case(case.case_id, "プロファイル変更のため再確認してください", version)
    examiner = CaseService(workspace.login("examiner"))
    detail = examiner.open_case(case.case_id)
    assert detail.status is CaseStatus.IN_REVIEW and detail.editable
    assert detail.proposed_verdict is None
    assert [d.kind for d in detail.decisions] == ["proposal", "return"]
    assert detail.decisions[1].comment.startswith("プロファイル変更")
    actions = [h.action for h in examiner.history(case.case_id)]
    assert "case.approval_refused" in actions and actions[-2:] == ["case.return", "case.open"]


def test_a_sheet_changed_behind_the_lock_is_caught_at_approval(workspace: WorkspaceFixture,
                                                               case: Seeded) -> None:
    version = propose_exclusion(CaseService(workspace.login("examiner")), case.case_id)
    admin = workspace.login("admin")
    with admin.transaction() as db:  # e.g. an old client writing past the service's lock
        row = db.get(IncomeSheet, case.case_id)
        assert row is not None
        sheet = row.open_json_from("sealed_json", admin.master_key)
        sheet["employers"][0]["payments"] = [{"month": f"2024-{m:02d}", "gross": 90_000}
                                             for m in range(1, 13)]
        row.next_version()
        row.seal_json_into("sealed_json", admin.master_key, sheet)
    with pytest.raises(EvaluationChanged) as info:
        CaseService(workspace.login("supervisor")).approve(case.case_id, "", version)
    assert "扶養継続" in info.value.message("ja") and "収入の入力" in info.value.message("ja")


def test_stale_case_version_is_refused(workspace: WorkspaceFixture, case: Seeded) -> None:
    examiner = CaseService(workspace.login("examiner"))
    version = enter_income(examiner, case.case_id)
    with pytest.raises(StaleCase):
        examiner.propose(case.case_id, Verdict.EXCLUDE, date(2024, 2, 1), "", version - 1)


def test_proposal_rules(workspace: WorkspaceFixture, case: Seeded) -> None:
    examiner = CaseService(workspace.login("examiner"))
    version = enter_income(examiner, case.case_id)
    with pytest.raises(InvalidInput):  # an exclusion needs its date
        examiner.propose(case.case_id, Verdict.EXCLUDE, None, "", version)
    with pytest.raises(InvalidInput):  # departing from the evaluation needs a reason
        examiner.propose(case.case_id, Verdict.CONTINUE, None, "", version)
    examiner.propose(case.case_id, Verdict.CONTINUE, None, "一時的な増収(証明書あり)", version)
    assert examiner.open_case(case.case_id).proposed_verdict == "continue"
    with pytest.raises(CaseLocked):  # awaiting approval: not released, returned
        CaseService(workspace.login("supervisor")).release(case.case_id)


def test_record_notice_sets_notice_sent(workspace: WorkspaceFixture, case: Seeded) -> None:
    examiner = CaseService(workspace.login("examiner"))
    detail = examiner.open_case(case.case_id)
    examiner.save_document_check(case.case_id, DocumentReview(
        case.document_key, ReviewStatus.DEFICIENT, DeficiencyReason.UNREADABLE), None)
    # the items come from the stored checks, not from the caller (the window only adds notes)
    preview = examiner.build_notice(case.case_id, date(2024, 9, 30), issued_on=date(2024, 9, 2))
    # (the answers also call for a bonus slip that was not uploaded: listed as 未提出)
    assert [(i.document_id, i.reason) for i in preview.items] == [
        (case.document_key, DeficiencyReason.UNREADABLE),
        ("missing-bonus_slip", DeficiencyReason.MISSING)]
    version = examiner.record_notice(
        case.case_id, date(2024, 9, 30), detail.version, issued_on=date(2024, 9, 2),
        message="お手数ですが、再提出をお願いします。",
        notes={case.document_key: "ぼやけています"})
    after = examiner.open_case(case.case_id)
    assert after.status is CaseStatus.NOTICE_SENT and after.version == version
    [stored] = after.notices
    assert stored.item_count == 2 and stored.reply_deadline == date(2024, 9, 30)
    assert stored.items[0].reason == "unreadable" and stored.items[0].note == "ぼやけています"
    assert stored.message == "お手数ですが、再提出をお願いします。"
    assert QueueService(workspace.login("examiner")).count(
        QueueFilter(status=CaseStatus.NOTICE_SENT)) == 1
    # work goes on while the member replies: the sheet can still be saved
    examiner.save_income_sheet(case.case_id, after.income_sheet, None)
    with pytest.raises(InvalidInput):  # the deadline must come after the issue date
        examiner.record_notice(case.case_id, date(2024, 9, 1), version,
                               issued_on=date(2024, 9, 2))
    examiner.save_document_check(case.case_id, DocumentReview(
        case.document_key, ReviewStatus.OK), after.checks[0].version)
    examiner.save_document_check(case.case_id, DocumentReview(
        "missing-bonus_slip", ReviewStatus.OK), None)
    with pytest.raises(InvalidInput):  # nothing deficient any more: no notice to send
        examiner.record_notice(case.case_id, date(2024, 9, 30), version,
                               issued_on=date(2024, 9, 2))


def test_history_lists_the_events_without_amounts_or_names(
        workspace: WorkspaceFixture, case: Seeded) -> None:
    examiner = CaseService(workspace.login("examiner"))
    examiner.attachment_bytes(case.attachment_ids[0])
    version = propose_exclusion(examiner, case.case_id)
    CaseService(workspace.login("supervisor")).approve(case.case_id, "承認 御室", version)
    history = examiner.history(case.case_id)
    assert [h.action for h in history] == [
        "document.open", "case.open", "income.save", "case.open", "case.propose",
        "case.approve"]
    assert history[0].actor == "examiner" and history[-1].actor == "supervisor"
    assert "判定案「扶養除外」" in history[4].summary_ja
    assert all(h.summary_ja for h in history)
    # the file by the member's name, not its id (issue 13); the trail itself holds only ids
    assert history[0].summary_ja == "「給与.pdf」を表示しました"
    admin = workspace.login("admin")
    with admin.transaction(readonly=True) as db:
        details = [e.details for e in db.scalars(select(AuditEvent))]
    text = "\n".join(details)
    for secret in ("御室", "オムロ", "花子", "90000", "150000", "3か月連続", "給与.pdf",
                   "45678"):
        assert secret not in text


def test_history_merges_a_run_of_saves_and_names_documents_by_title(workspace: WorkspaceFixture,
                                                                    case: Seeded) -> None:
    examiner = CaseService(workspace.login("examiner"))
    detail = examiner.open_case(case.case_id)
    version = detail.income_version
    for _ in range(4):  # the grid saves as the examiner types, cell after cell
        version = examiner.save_income_sheet(case.case_id, detail.income_sheet, version).version
    document = detail.documents[0]
    examiner.save_document_check(case.case_id, DocumentReview(
        document.document_key, ReviewStatus.OK), None)
    history = examiner.history(case.case_id)
    saves = [h for h in history if h.action == "income.save"]
    assert len(saves) == 1 and saves[0].count == 4 and saves[0].first_at is not None
    check = next(h for h in history if h.action == "document.check")
    assert f"書類「{document.title}」をOK" in check.summary_ja


def test_a_proposal_departing_from_needs_review_needs_a_comment(workspace: WorkspaceFixture,
                                                                case: Seeded) -> None:
    # issue 13 defect 5: the engine said 要確認 (months missing), 扶養除外 with no word
    examiner = CaseService(workspace.login("examiner"))
    detail = examiner.open_case(case.case_id)
    sheet = with_employers(detail.income_sheet, employer(OVER_FROM_MARCH[:5]))
    examiner.save_income_sheet(case.case_id, sheet, detail.income_version)
    version = examiner.open_case(case.case_id).version
    assert examiner.evaluate(case.case_id).verdict == "needs_review"
    with pytest.raises(InvalidInput) as info:
        examiner.propose(case.case_id, Verdict.EXCLUDE, date(2024, 2, 1), "  ", version)
    assert info.value.field == "comment" and "要確認" in info.value.message("ja")
    assert "comment" in info.value.message("en")
    examiner.propose(case.case_id, Verdict.EXCLUDE, date(2024, 2, 1), "恒常的な増収と判断",
                     version)
    assert examiner.open_case(case.case_id).proposed_verdict == "exclude"


def test_continue_is_refused_when_nothing_was_entered_or_checked(workspace: WorkspaceFixture,
                                                                 case: Seeded) -> None:
    # issue 13 defect 4: 扶養継続 at 0 yen with no income entered and no document checked
    examiner = CaseService(workspace.login("examiner"))
    version = examiner.open_case(case.case_id).version
    assert examiner.evaluate(case.case_id).verdict == "continue"
    with pytest.raises(InvalidInput) as info:
        examiner.propose(case.case_id, Verdict.CONTINUE, None, "収入なし", version)
    assert info.value.field == "verdict"
    assert "収入を入力するか書類を確認" in info.value.message("ja")
    assert "enter the income or check the documents" in info.value.message("en")
    examiner.save_document_check(case.case_id, DocumentReview(
        case.document_key, ReviewStatus.OK), None)
    examiner.propose(case.case_id, Verdict.CONTINUE, None, "", version)
    assert examiner.open_case(case.case_id).proposed_verdict == "continue"

"""Daily case work (issue 4 §3): open, hold and release a case, read its documents, save the
income sheet and document checks as they are made, propose, approve or return, notices, history.

Policies
    Holding: an examiner or supervisor who opens an unassigned case that is not finished takes
    it (``assignee``; 未着手 becomes 審査中). Anyone else sees it with ``held_by_other`` and
    may only read it. The holder, a supervisor or an admin releases it; the work done stays and
    the next person to open it takes it. A case awaiting approval or done cannot be released.

    Editing: only the holder edits (income sheet, document checks, notices, proposal), and only
    while the case is 審査中 or 不備連絡中. While it awaits approval, and once done, the case is
    locked for everyone: the supervisor judges exactly what was proposed, and a change needs a
    return first. Each edit locks the case row (``SELECT … FOR UPDATE``; SQLite's write lock)
    so it cannot slip in beside a proposal made at the same moment on another workstation.

    Optimistic locking: the income sheet and every document check carry their own version (two
    examiners may not overwrite each other's month grid); status changes carry the case's
    version. A save against an older version raises :class:`ConflictError` with the stored
    value, who saved it, when, and what differs; nothing of the caller's is touched.

    Four eyes: only a supervisor approves or returns, never the author of the proposal whatever
    their role (:class:`SelfApprovalRefused`). Approval re-runs the evaluation on the current
    sheet with the current rule profile and stores it; it is refused when the verdict, the
    exclusion or re-certification date, the sheet's version or the profile differ from the
    proposal's snapshot (:class:`EvaluationChanged`; the refusal is audited). The proposal is
    compared with the evaluation *as it was proposed*, not with the engine's verdict, so an
    examiner's reasoned departure (the engine says 要確認) can still be approved.

Audit: every open (``case.open``), document read (``document.open``), change, decision and
notice, naming cases ``case:<id>`` and attachments ``attachment:<id>``; no names, amounts or
free text in the details.

Threads: every method runs its own short transaction on its own ``Session``; nothing is kept
between calls, so :meth:`CaseService.attachment_bytes` may run on a worker thread beside
other calls.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from reviewer_app.bundle import schema
from reviewer_app.domain import lifecycle
from reviewer_app.domain.caseio import evaluation_to_json, sheet_to_json
from reviewer_app.domain.engine import Evaluation, evaluate
from reviewer_app.domain.lifecycle import Event
from reviewer_app.domain.profile import ProfileError, RuleProfile
from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.domain.vocabulary import (
    LABELS_EN,
    LABELS_JA,
    CaseStatus,
    DecisionKind,
    ReviewStatus,
    Role,
    Verdict,
)
from reviewer_app.profiles import DEFAULT_PROFILE, load_profile
from reviewer_app.review.deficiency import DeficiencyNotice, DocumentReview, build_notice
from reviewer_app.security.aead import DecryptionError
from reviewer_app.services import case_trust, paper
from reviewer_app.services import case_views as views
from reviewer_app.services import confirmations as confirmed
from reviewer_app.services.case_errors import (
    AttachmentNotFound,
    CaseDamaged,
    CaseHeldByOther,
    CaseLocked,
    CaseNotFound,
    ConflictError,
    CreatedByProposer,
    DocumentDamaged,
    EvaluationChanged,
    InvalidIncomeSheet,
    InvalidInput,
    InvalidProfile,
    SelfApprovalRefused,
    StaleCase,
)
from reviewer_app.services.case_history import HistoryEntry, history_entries
from reviewer_app.services.case_sheets import default_sheet, differences, validate_sheet
from reviewer_app.services.case_trust import CaseRecordInvalid
from reviewer_app.services.case_views import (
    AttachmentView,
    CaseDetail,
    DecisionView,
    DocumentCheckView,
    DocumentView,
    NoticeView,
)
from reviewer_app.services.confirmations import AcceptedSuggestion
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import settings
from reviewer_app.store.models import (
    Attachment,
    AttachmentBlob,
    Case,
    Decision,
    DocumentCheck,
    Member,
    User,
)
from reviewer_app.store.models import DeficiencyNotice as NoticeRow
from reviewer_app.store.models import IncomeSheet as SheetRow
from reviewer_app.store.sealing import canonical_json
from reviewer_app.store.types import utcnow

__all__ = [
    "AttachmentView", "CaseDetail", "CaseService", "DecisionView", "DocumentCheckView",
    "DocumentView", "HistoryEntry", "NoticeView", "OpenedCase", "SaveResult",
]

PROFILE_SETTING = "rule_profile"  # workspace setting (text): the rule profile's name
MAX_COMMENT = 2000


@dataclass(frozen=True)
class OpenedCase:
    """What the case window needs on opening (:meth:`CaseService.open_for_review`)."""

    detail: CaseDetail
    profile: RuleProfile | None  # the workspace's; None when it does not load
    evaluation: Evaluation | None  # of the stored sheet; None when that sheet is invalid
    profile_problem: InvalidProfile | None = None


@dataclass(frozen=True)
class SaveResult:
    """What a save changed: the new version to pass as ``expected_version`` next time."""

    version: int
    saved_at: datetime


class CaseService:
    def __init__(self, ws: WorkspaceSession) -> None:
        self.ws = ws

    # -- opening, holding ---------------------------------------------------------------------

    def open_case(self, case_id: int, *, take: bool = True) -> CaseDetail:
        """The case with everything its tabs show; takes an unassigned case (see the module
        doc). ``take=False`` only looks (e.g. a prefetch of the next case)."""
        try:
            return self._open(case_id, take)
        except DecryptionError:
            # A sealed value of this case does not open (damaged, moved or replayed): say so for
            # this case alone, and leave a trace for the administrator.
            with self.ws.transaction() as db:
                self.ws.audit(db, "case.damaged", f"case:{case_id}")
            raise CaseDamaged(case_id) from None

    def _open(self, case_id: int, take: bool) -> CaseDetail:
        self._require_reviewer("案件を開くこと", "open cases")
        me = self.ws.user
        with self.ws.transaction() as db:
            case = self._case(db, case_id, lock=True)
            took = False
            status = CaseStatus(case.status)
            if take and lifecycle.takes_on_open(status, case.assignee_id, me.role):
                if paper.check_pending(self.ws, db, case.dependent_id):
                    # a paper survey's entry is checked by a second person first (issue 14)
                    raise paper.PaperCheckPending(case_id)
                now = utcnow()
                case.assignee_id, case.assigned_at = me.id, now
                case.status = lifecycle.next_status(Event.TAKE, status).value
                if case.review_started_at is None:
                    case.review_started_at = now
                db.flush()
                took = True
            self.ws.audit(db, "case.open", f"case:{case_id}", {"took": took})
            return self._detail(db, case, took=took)

    def release(self, case_id: int) -> int:
        """Unassign the case (its holder, a supervisor or an admin); returns the new version."""
        me = self.ws.user
        with self.ws.transaction() as db:
            case = self._case(db, case_id, lock=True)
            if case.assignee_id is None:
                return case.version
            if case.assignee_id != me.id:
                self.ws.require_role(Role.SUPERVISOR, Role.ADMIN,
                                     action_ja="ほかの人が担当する案件の担当解除",
                                     action_en="release a case someone else holds")
            if not lifecycle.may_release(CaseStatus(case.status), case.assignee_id, me.id,
                                         me.role):
                raise self._locked(case, "担当を解除できません(差し戻すと担当者に戻ります)",
                                   "it cannot be released (returning it gives it back)")
            previous = case.assignee_id
            case.assignee_id, case.assigned_at = None, None
            db.flush()
            self.ws.audit(db, "case.release", f"case:{case_id}", {"previous_assignee_id":
                                                                  previous})
            return case.version

    # -- documents ----------------------------------------------------------------------------

    def attachment_bytes(self, attachment_id: int) -> bytes:
        """The decrypted file. Safe on a worker thread: its own short transaction."""
        self._require_reviewer("提出書類を開くこと", "open documents")
        with self.ws.transaction() as db:
            att = db.get(Attachment, attachment_id)
            blob = db.get(AttachmentBlob, attachment_id)
            if att is None or blob is None:
                raise AttachmentNotFound(attachment_id)
            try:
                data = blob.open_document(self.ws.master_key, att)
            except DecryptionError:
                raise DocumentDamaged(attachment_id) from None
            case_id = db.scalar(select(Case.id).where(Case.dependent_id == att.dependent_id))
            self.ws.audit(db, "document.open", f"attachment:{attachment_id}",
                          {"case_id": case_id, "document": att.file_key})
            return data

    def set_rotation(self, attachment_id: int, degrees: int) -> int:
        """Remember the viewer's rotation of an attachment (clockwise, any multiple of 90).

        The stored rotation is what everyone sees, so it is an edit like any other: only the
        holder of the attachment's case, while the case is in review (issue 8 §8); others turn
        a page on their own screen only."""
        if degrees % 90 != 0:
            raise InvalidInput("rotation", "回転は90度単位で指定してください。",
                               "Rotation must be a multiple of 90 degrees.")
        with self.ws.transaction() as db:
            att = db.get(Attachment, attachment_id)
            if att is None:
                raise AttachmentNotFound(attachment_id)
            case_id = db.scalar(select(Case.id).where(Case.dependent_id == att.dependent_id))
            if case_id is None:
                raise AttachmentNotFound(attachment_id)
            self._editable(db, case_id, "書類の向きを保存できません",
                           "the document's rotation cannot be saved")
            att.rotation = degrees % 360
            self.ws.audit(db, "document.rotate", f"attachment:{attachment_id}",
                          {"rotation": att.rotation})
            return att.rotation

    # -- the income sheet ---------------------------------------------------------------------

    def default_income_sheet(self, case_id: int) -> IncomeSheet:
        with self.ws.transaction(readonly=True) as db:
            return self._default_sheet(db, self._case(db, case_id))

    def save_income_sheet(self, case_id: int, sheet: IncomeSheet,
                          expected_version: int | None, *,
                          confirmations: Sequence[AcceptedSuggestion] = ()) -> SaveResult:
        """Store the sheet if it is valid and nobody saved another version since
        ``expected_version`` (None: the first save). ``confirmations``: the suggestions read from
        the documents that a person accepted into this sheet (services.confirmations), recorded
        with it in the same transaction."""
        validate_sheet(sheet)  # InvalidIncomeSheet: nothing is stored
        stored_json = sheet_to_json(sheet)
        mk = self.ws.master_key
        with self.ws.transaction() as db:
            case = self._editable(db, case_id, "収入を保存できません",
                                  "the income cannot be saved")
            row = db.get(SheetRow, case_id, with_for_update=True)
            if row is not None and row.dependent_id != case.dependent_id:
                raise CaseDamaged(case_id)  # the case was moved to another person (issue 8 §5)
            stored = row.version if row is not None else None
            if stored != expected_version:
                theirs = views.stored_sheet(row, mk) if row is not None else None
                raise self._sheet_conflict(db, case_id, sheet, theirs, row)
            now = utcnow()
            if row is None:
                row = SheetRow(case_id=case_id, dependent_id=case.dependent_id,
                                  updated_by_id=self.ws.user.id, updated_at=now, version=1,
                                  sealed_json=b"")
                db.add(row)
                db.flush()  # the row's identity is part of what is sealed
            else:
                row.next_version()  # bound into the seal: an older sheet put back won't open
                row.updated_by_id, row.updated_at = self.ws.user.id, now
            row.seal_json_into("sealed_json", mk, stored_json)
            try:
                db.flush()
            except StaleDataError:
                raise StaleCase(case_id) from None
            details: dict[str, Any] = {"version": row.version}
            if confirmations:
                details["confirmations"] = confirmed.record(
                    db, case, row.version, sheet, confirmations, self.ws.user.id, mk)
            self.ws.audit(db, "income.save", f"case:{case_id}", details)
            return SaveResult(row.version, now)

    def _sheet_conflict(self, db: Session, case_id: int, mine: IncomeSheet,
                        theirs: IncomeSheet | None, row: SheetRow | None) -> ConflictError:
        who = views.user_names(db, {row.updated_by_id}).get(row.updated_by_id) \
            if row is not None else None
        return ConflictError(
            "収入の入力", "income sheet", f"case:{case_id}", theirs=theirs,
            their_version=row.version if row is not None else None, changed_by=who,
            changed_at=row.updated_at if row is not None else None,
            differences=differences(mine, theirs))

    # -- document checks ----------------------------------------------------------------------

    def save_document_check(self, case_id: int, review: DocumentReview,
                            expected_version: int | None) -> SaveResult:
        """Mark one row of the 書類 tab (``review.document_id``) OK, deficient or unchecked."""
        verdict = ReviewStatus(review.status.value)
        if verdict is ReviewStatus.DEFICIENT and review.reason is None:
            raise InvalidInput("reason", "不備の理由を選んでください。",
                               "Choose the reason the document is deficient.")
        if len(review.note) > MAX_COMMENT:
            raise InvalidInput("note", f"メモは{MAX_COMMENT}文字以内にしてください。",
                               f"The note may have at most {MAX_COMMENT} characters.")
        mk = self.ws.master_key
        with self.ws.transaction() as db:
            self._editable(db, case_id, "書類の確認を保存できません",
                           "document checks cannot be saved")
            row = db.scalars(select(DocumentCheck).where(
                DocumentCheck.case_id == case_id,
                DocumentCheck.document_key == review.document_id).with_for_update()).first()
            if (row.version if row is not None else None) != expected_version:
                names = views.user_names(db, {row.checked_by_id if row else None})
                theirs = views.check_view(row, mk, names) if row is not None else None
                raise ConflictError(
                    "この書類の確認", "check of this document", f"case:{case_id}",
                    theirs=theirs, their_version=row.version if row else None,
                    changed_by=theirs.checked_by if theirs else None,
                    changed_at=theirs.checked_at if theirs else None,
                    differences=[f for f in ("verdict", "reason", "note") if theirs is None
                                 or getattr(theirs, f) != (verdict.value if f == "verdict"
                                                           else getattr(review, f))])
            now = utcnow()
            if row is None:
                row = DocumentCheck(case_id=case_id, document_key=review.document_id)
                db.add(row)
            row.verdict = verdict.value
            row.reason = review.reason.value if review.reason is not None else None
            row.checked_by_id, row.checked_at = self.ws.user.id, now
            row.next_version()  # bound into the note's seal
            db.flush()
            row.note_sealed = None
            if review.note:
                row.seal_into("note_sealed", mk, review.note.encode())
            db.flush()
            self.ws.audit(db, "document.check", f"case:{case_id}", {
                "document": review.document_id, "verdict": verdict.value,
                "reason": row.reason, "version": row.version})
            return SaveResult(row.version, now)

    # -- evaluation and decisions -------------------------------------------------------------

    def evaluate(self, case_id: int) -> Evaluation:
        """The rules engine on the stored sheet (or the default one) and the workspace profile."""
        with self.ws.transaction(readonly=True) as db:
            case = self._case(db, case_id)
            return self._evaluate(db, case)[0]

    def open_for_review(self, case_id: int, *, take: bool = True) -> OpenedCase:
        """:meth:`open_case`, with the workspace's rule profile (the 収入 tab evaluates with it
        as the examiner types) and the evaluation of the sheet as it is stored.

        A profile that does not load is reported in ``profile_problem`` (the case still opens
        for reading); an invalid stored sheet gives no evaluation (the tab shows which entry is
        wrong). Any other failure is raised."""
        detail = self.open_case(case_id, take=take)
        with self.ws.transaction(readonly=True) as db:
            try:
                _name, profile = self._rule_profile(db)
            except InvalidProfile as problem:
                return OpenedCase(detail, None, None, problem)
        try:
            evaluation: Evaluation | None = evaluate(validate_sheet(detail.income_sheet), profile)
        except InvalidIncomeSheet:
            evaluation = None
        return OpenedCase(detail, profile, evaluation, None)

    def propose(self, case_id: int, verdict: Verdict, exclusion_date: date | None,
                comment: str, expected_case_version: int) -> int:
        """The holder's proposal; the case then awaits approval. Returns the case version."""
        verdict = Verdict(verdict)
        _check_comment(comment)
        if verdict is Verdict.EXCLUDE and exclusion_date is None:
            raise InvalidInput("exclusion_date", "扶養除外には除外日を入力してください。",
                               "An exclusion needs its exclusion date.")
        if verdict is not Verdict.EXCLUDE and exclusion_date is not None:
            raise InvalidInput("exclusion_date", "除外日は扶養除外のときだけ入力します。",
                               "Only an exclusion has an exclusion date.")
        with self.ws.transaction() as db:
            case = self._editable(db, case_id, "判定案を出せません", "no verdict can be proposed")
            self._expect(case, expected_case_version)
            evaluation, snapshot = self._evaluate(db, case)
            if verdict is Verdict.CONTINUE and self._nothing_to_judge(db, case_id):
                raise InvalidInput(
                    "verdict", "収入が何も入力されておらず、書類も確認されていません。"
                    "収入を入力するか書類を確認してから扶養継続を提出してください。",
                    "Nothing has been entered in the income sheet and no document has been "
                    "checked: enter the income or check the documents before proposing to "
                    "continue.")
            engine_verdict = evaluation.verdict
            # Issue 13: a departure from the engine needs its reason, from 要確認 as well.
            if engine_verdict != verdict.value and not comment.strip():
                raise InvalidInput(
                    "comment", f"判定案が自動判定{_vja(engine_verdict)}と異なります。"
                    "理由をコメントに書いてください。",
                    f"The proposal differs from the evaluation ({engine_verdict}): give the "
                    "reason in the comment.")
            decision = self._decision(db, case, DecisionKind.PROPOSAL, verdict.value,
                                      exclusion_date, None, comment, snapshot)
            case.status = lifecycle.next_status(Event.PROPOSE, CaseStatus(case.status)).value
            case.proposed_verdict = verdict.value
            case.proposed_exclusion_date = exclusion_date
            db.flush()
            self.ws.audit(db, "case.propose", f"case:{case_id}", {
                "decision_id": decision.id, "verdict": verdict.value,
                "exclusion_date": exclusion_date.isoformat() if exclusion_date else None,
                "matches_evaluation": engine_verdict == verdict.value})
            return case.version

    def _nothing_to_judge(self, db: Session, case_id: int) -> bool:
        """No income entered and no document checked (issue 13: no 扶養継続 at 0 yen unseen)."""
        sheet, _version = views.income(db, self._case(db, case_id), self.ws.master_key)
        checked = db.scalar(select(DocumentCheck.id).where(
            DocumentCheck.case_id == case_id,
            DocumentCheck.verdict != ReviewStatus.UNCHECKED.value).limit(1))
        return (sheet is None or sheet.nothing_entered()) and checked is None

    def approve(self, case_id: int, comment: str, expected_case_version: int) -> int:
        """Final check (supervisor, not the author): re-evaluates, then the case is done."""
        _check_comment(comment)
        self.ws.require_role(Role.SUPERVISOR, action_ja="判定の承認", action_en="approve verdicts")
        refused: EvaluationChanged | None = None
        version = expected_case_version
        with self.ws.transaction() as db:
            case, proposal = self._decidable(db, case_id, expected_case_version)
            _evaluation, snapshot = self._evaluate(db, case)
            changes = _changes(proposal, snapshot, self.ws.master_key)
            if changes:
                refused = EvaluationChanged(case_id, [c[0] for c in changes],
                                            [c[1] for c in changes])
                self.ws.audit(db, "case.approval_refused", f"case:{case_id}", {
                    "decision_id": proposal.id, "changed": [c[2] for c in changes]})
            else:
                decision = self._decision(db, case, DecisionKind.APPROVAL, proposal.verdict,
                                          proposal.exclusion_date, proposal.id, comment,
                                          snapshot)
                case.status = lifecycle.next_status(Event.APPROVE, CaseStatus(case.status)).value
                db.flush()
                self.ws.audit(db, "case.approve", f"case:{case_id}", {
                    "decision_id": decision.id, "proposal_id": proposal.id,
                    "verdict": proposal.verdict})
                version = case.version
        if refused is not None:
            raise refused
        return version

    def return_case(self, case_id: int, comment: str, expected_case_version: int) -> int:
        """Send the proposal back to its examiner (supervisor, not the author), 審査中 again."""
        _check_comment(comment)
        if not comment.strip():
            raise InvalidInput("comment", "差し戻しの理由をコメントに書いてください。",
                               "Say in the comment why the case is returned.")
        self.ws.require_role(Role.SUPERVISOR, action_ja="判定案の差し戻し",
                             action_en="return proposals")
        with self.ws.transaction() as db:
            case, proposal = self._decidable(db, case_id, expected_case_version)
            _evaluation, snapshot = self._evaluate(db, case)
            decision = self._decision(db, case, DecisionKind.RETURN, None, None, proposal.id,
                                      comment, snapshot)
            case.status = lifecycle.next_status(Event.RETURN, CaseStatus(case.status)).value
            case.proposed_verdict, case.proposed_exclusion_date = None, None
            db.flush()
            self.ws.audit(db, "case.return", f"case:{case_id}", {
                "decision_id": decision.id, "proposal_id": proposal.id})
            return case.version

    # -- notices ------------------------------------------------------------------------------

    def build_notice(self, case_id: int, reply_deadline: date, *, message: str = "",
                     issued_on: date | None = None,
                     notes: Mapping[str, str] | None = None) -> DeficiencyNotice:
        """The notice that :meth:`record_notice` would record now, from the stored submission
        and document checks (the window's preview, the letters and the CLI use the same)."""
        with self.ws.transaction(readonly=True) as db:
            case = self._case(db, case_id)
            return self._notice(db, case, reply_deadline, message, issued_on, notes)

    def record_notice(self, case_id: int, reply_deadline: date, expected_case_version: int, *,
                      message: str = "", issued_on: date | None = None,
                      notes: Mapping[str, str] | None = None) -> int:
        """Keep the itemised 不備連絡 for export; the case becomes 不備連絡中.

        The items are built here from the stored document checks and the required documents
        of the stored answers (:func:`reviewer_app.review.deficiency.build_notice`): every
        document marked deficient and every required document with nothing uploaded that is
        not marked OK. ``notes`` replaces an item's note (by document key) for the member."""
        _check_comment(message)
        with self.ws.transaction() as db:
            case = self._editable(db, case_id, "不備連絡を記録できません",
                                  "no deficiency notice can be recorded")
            self._expect(case, expected_case_version)
            notice = self._notice(db, case, reply_deadline, message, issued_on, notes)
            if not notice.items:
                raise InvalidInput(
                    "items", "不備の項目がありません。書類タブで不備を付けてください。",
                    "The notice lists nothing: mark documents deficient first.")
            if notice.reply_deadline <= notice.issued_on:
                raise InvalidInput("reply_deadline", "回答期限は発行日より後にしてください。",
                                   "The reply deadline must be after the date of issue.")
            items = [{"document_key": i.document_id, "title": i.title_ja,
                      "reason": i.reason.value, "note": i.note, "what_to_submit": i.instead_ja}
                     for i in notice.items]
            row = NoticeRow(case_id=case_id, item_count=len(items),
                            reply_deadline=notice.reply_deadline,
                            created_by_id=self.ws.user.id, created_at=utcnow())
            db.add(row)
            db.flush()
            # The letter's overall message is the member's to read, so it is sealed with the items.
            body = canonical_json({"items": items, "message": notice.message,
                                   "issued_on": notice.issued_on.isoformat()})
            row.seal_into("items_sealed", self.ws.master_key, body)
            case_trust.sign_notice(self.ws, db, row, case, body)
            case.status = lifecycle.next_status(Event.NOTICE, CaseStatus(case.status)).value
            db.flush()
            self.ws.audit(db, "notice.record", f"case:{case_id}", {
                "notice_id": row.id, "items": len(items),
                "reasons": sorted({i["reason"] for i in items}),
                "reply_deadline": notice.reply_deadline.isoformat()})
            return case.version

    def _notice(self, db: Session, case: Case, reply_deadline: date, message: str,
                issued_on: date | None, notes: Mapping[str, str] | None) -> DeficiencyNotice:
        member = db.get(Member, case.dependent.member_id)
        assert member is not None
        revision, _sub, dep = views.submission_of(db, member, case.dependent.dependent_key,
                                                  self.ws.master_key)
        target_year = case.survey.target_year
        statuses = views.document_statuses(
            dep, target_year, views.file_problems(db, case.dependent_id, revision))
        reviews = [c.review for c in views.checks(db, case.id, self.ws.master_key)]
        notice = build_notice(reviews, statuses, reply_deadline,
                              issued_on=issued_on or date.today(), target_year=target_year,
                              message=message)
        for index, item in enumerate(notice.items):
            if notes and item.document_id in notes:
                if len(notes[item.document_id]) > MAX_COMMENT:
                    raise InvalidInput("note", f"補足は{MAX_COMMENT}文字以内にしてください。",
                                       f"A note may have at most {MAX_COMMENT} characters.")
                notice = notice.with_item_note(index, notes[item.document_id])
        return notice

    # -- history ------------------------------------------------------------------------------

    def history(self, case_id: int) -> list[HistoryEntry]:
        with self.ws.transaction(readonly=True) as db:
            case = self._case(db, case_id)
            return history_entries(db, case, self.ws.master_key)

    # -- helpers ------------------------------------------------------------------------------

    def _case(self, db: Session, case_id: int, *, lock: bool = False) -> Case:
        case = db.get(Case, case_id, with_for_update=lock or None)
        if case is None:
            raise CaseNotFound(case_id)
        return case

    def _require_reviewer(self, what_ja: str, what_en: str) -> None:
        """Administrators manage users and keys; they open cases only if they also hold a
        reviewing role (issue 8 §7: separation of duties)."""
        self.ws.require_role(Role.EXAMINER, Role.SUPERVISOR, action_ja=what_ja,
                             action_en=what_en)

    def _locked(self, case: Case, what_ja: str, what_en: str) -> CaseLocked:
        return CaseLocked(case.id, LABELS_JA[CaseStatus(case.status)],
                          LABELS_EN[CaseStatus(case.status)],
                          what_ja, what_en)

    def _editable(self, db: Session, case_id: int, what_ja: str, what_en: str) -> Case:
        """The case, row-locked, if this user holds it and it is in review."""
        case = self._case(db, case_id, lock=True)
        if case.assignee_id != self.ws.user.id:
            holder = db.get(User, case.assignee_id) if case.assignee_id else None
            raise CaseHeldByOther(case_id, holder.name if holder else None)
        if not lifecycle.may_edit(CaseStatus(case.status), case.assignee_id, self.ws.user.id):
            raise self._locked(case, what_ja, what_en)
        return case

    def _expect(self, case: Case, expected: int) -> None:
        if case.version != expected:
            raise StaleCase(case.id)

    def _decidable(self, db: Session, case_id: int, expected: int) -> tuple[Case, Decision]:
        case = self._case(db, case_id, lock=True)
        if not lifecycle.applies(Event.APPROVE, CaseStatus(case.status)):
            raise self._locked(case, "承認も差し戻しもできません",
                               "it can be neither approved nor returned")
        proposal = db.scalars(select(Decision).where(
            Decision.case_id == case_id, Decision.kind == DecisionKind.PROPOSAL.value)
            .order_by(Decision.id.desc()).limit(1)).one()
        if lifecycle.is_own_work(case.assignee_id, proposal.decided_by_id, self.ws.user.id):
            raise SelfApprovalRefused(case_id)
        self._expect(case, expected)
        problems = case_trust.check_case(self.ws, db, case)
        if problems:  # a forged or altered proposal is never approved (issue 8 §1)
            raise CaseRecordInvalid(problems)
        mine = self.ws.authority.current.get(self.ws.user.id)
        if mine is not None and mine.created_by == proposal.decided_by_id:
            raise CreatedByProposer(case_id)
        return case, proposal

    def _decision(self, db: Session, case: Case, kind: DecisionKind, verdict: str | None,
                  exclusion_date: date | None, proposal_id: int | None, comment: str,
                  snapshot: dict[str, Any]) -> Decision:
        decision = Decision(case_id=case.id, kind=kind.value, verdict=verdict,
                            exclusion_date=exclusion_date, proposal_id=proposal_id,
                            decided_by_id=self.ws.user.id, decided_at=utcnow())
        db.add(decision)
        db.flush()
        if comment:
            decision.seal_into("comment_sealed", self.ws.master_key, comment.encode())
        evaluation = canonical_json(snapshot)
        decision.seal_into("evaluation_sealed", self.ws.master_key, evaluation)
        case_trust.sign_decision(self.ws, db, decision, case, evaluation, comment)
        return decision

    def _default_sheet(self, db: Session, case: Case) -> IncomeSheet:
        member = db.get(Member, case.dependent.member_id)
        assert member is not None
        _rev, sub, dep = views.submission_of(db, member, case.dependent.dependent_key,
                                             self.ws.master_key)
        return self._sheet_defaults(case, sub, dep)

    @staticmethod
    def _sheet_defaults(case: Case, sub: schema.Submission,
                        dep: schema.Dependent) -> IncomeSheet:
        survey = case.survey
        return default_sheet(
            answer_start=survey.answer_start, target_year=survey.target_year,
            exclusion_date=survey.non_submission_exclusion_date, insured=sub.insured,
            dependent=dep)

    def profile_name(self, db: Session) -> str:
        return settings.get_text(db, PROFILE_SETTING) or DEFAULT_PROFILE

    def _rule_profile(self, db: Session) -> tuple[str, RuleProfile]:
        """The workspace's rule profile (its name and rules), or :class:`InvalidProfile`."""
        name = self.profile_name(db)
        try:
            return name, load_profile(name)
        except ProfileError as exc:
            raise InvalidProfile(name, exc.problem_ja, exc.problem_en) from None

    def _evaluate(self, db: Session, case: Case) -> tuple[Evaluation, dict[str, Any]]:
        sheet, version = views.income(db, case, self.ws.master_key)
        if sheet is None:
            sheet = self._default_sheet(db, case)
        name, profile = self._rule_profile(db)
        evaluation = evaluate(validate_sheet(sheet), profile)
        snapshot = {"evaluation": evaluation_to_json(evaluation), "profile": name,
                    "sheet_version": version}
        return evaluation, snapshot

    def _detail(self, db: Session, case: Case, *, took: bool) -> CaseDetail:
        mk, me = self.ws.master_key, self.ws.user
        member = db.get(Member, case.dependent.member_id)
        assert member is not None
        # The queue lists these: a row that does not open there must not open here either.
        member.personal(mk), case.dependent.personal(mk)
        revision, sub, dep = views.submission_of(db, member, case.dependent.dependent_key, mk)
        sheet, income_version = views.income(db, case, mk)
        survey = case.survey
        if sheet is None:
            sheet = self._sheet_defaults(case, sub, dep)
        decisions = views.decisions(db, case.id, mk)
        holder = views.user_names(db, {case.assignee_id}).get(case.assignee_id) \
            if case.assignee_id else None
        proposals = [d for d in decisions if d.kind == DecisionKind.PROPOSAL.value]
        can_decide = lifecycle.may_decide(
            CaseStatus(case.status), case.assignee_id,
            proposals[-1].decided_by_id if proposals else None, me.id, me.role)
        statuses, findings = views.review_of(
            sub.insured, dep, survey.target_year, survey.submission_deadline, date.today(),
            views.file_problems(db, case.dependent_id, revision))
        trust = case_trust.check_case(self.ws, db, case)
        return CaseDetail(
            document_statuses=statuses, findings=findings,
            case_id=case.id, version=case.version, status=CaseStatus(case.status),
            assignee_id=case.assignee_id, assignee_name=holder,
            held_by_other=case.assignee_id is not None and case.assignee_id != me.id,
            survey_name=survey.name, target_year=survey.target_year,
            submission_deadline=survey.submission_deadline,
            non_submission_exclusion_date=survey.non_submission_exclusion_date,
            insured=views.InsuredView.of(sub.insured), dependent=views.DependentView.of(dep),
            revision=revision.revision,
            updated_after_review=case.updated_after_review,
            documents=views.documents(db, case, revision, dep, mk),
            checks=views.checks(db, case.id, mk), income_sheet=sheet,
            income_version=income_version, decisions=decisions,
            notices=views.notices(db, case.id, mk),
            editable=lifecycle.may_edit(CaseStatus(case.status), case.assignee_id, me.id),
            can_decide=can_decide and not trust, proposed_verdict=case.proposed_verdict,
            proposed_exclusion_date=case.proposed_exclusion_date, took=took, trust=trust,
            previous_employers=views.previous_employers(db, case, mk))


def _check_comment(comment: str) -> None:
    if len(comment) > MAX_COMMENT:
        raise InvalidInput("comment", f"コメントは{MAX_COMMENT}文字以内にしてください。",
                           f"The comment may have at most {MAX_COMMENT} characters.")


def _changes(proposal: Decision, now: dict[str, Any],
             mk: bytes) -> list[tuple[str, str, str]]:
    """What differs between the proposal's snapshot and the evaluation now: (ja, en, code)."""
    then: dict[str, Any] = proposal.open_json_from("evaluation_sealed", mk) \
        if proposal.evaluation_sealed is not None else {}
    a, b = then.get("evaluation", {}), now["evaluation"]
    out: list[tuple[str, str, str]] = []
    if a.get("verdict") != b.get("verdict"):
        out.append((f"自動判定が{_vja(a.get('verdict'))}から{_vja(b.get('verdict'))}に",
                    f"the verdict went from {a.get('verdict')} to {b.get('verdict')}",
                    "verdict"))
    ea, eb = a.get("exclusion", {}), b.get("exclusion", {})
    if ea.get("date") != eb.get("date") or ea.get("rule") != eb.get("rule"):
        out.append((f"除外日が{ea.get('date') or 'なし'}から{eb.get('date') or 'なし'}に",
                    f"the exclusion date went from {ea.get('date')} to {eb.get('date')}",
                    "exclusion"))
    ra, rb = a.get("recertification", {}), b.get("recertification", {})
    if ra.get("date") != rb.get("date"):
        out.append(("再認定日が変わりました", "the re-certification date changed",
                    "recertification"))
    if then.get("sheet_version") != now.get("sheet_version"):
        out.append(("収入の入力が判定案の後に変更されました",
                    "the income sheet was changed after the proposal", "sheet"))
    if then.get("profile") != now.get("profile"):
        out.append((f"ルールプロファイルが「{then.get('profile')}」から「{now.get('profile')}」に",
                    f"the rule profile went from {then.get('profile')} to {now.get('profile')}",
                    "profile"))
    return out


def _vja(verdict: Any) -> str:
    return f"「{LABELS_JA.get(str(verdict), str(verdict))}」"

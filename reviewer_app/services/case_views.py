"""What the case window shows: frozen views built from the store inside a transaction.

Everything sealed is opened here with the signed-in user's master key; nothing here writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.bundle import schema
from reviewer_app.domain.caseio import sheet_from_json
from reviewer_app.domain.sheet import CaseInputError, EmployerEntry, IncomeSheet
from reviewer_app.domain.text import neutralize
from reviewer_app.domain.vocabulary import (
    CaseStatus,
    DecisionKind,
    Living,
    MemberStatus,
    Occupation,
    Relationship,
    ReviewStatus,
    Verdict,
)
from reviewer_app.errors import UserError
from reviewer_app.render.problems import FileProblem, parse_problem
from reviewer_app.review.deficiency import (
    REASON_LETTER_JA,
    DeficiencyNotice,
    DeficiencyReason,
    DocumentReview,
    NoticeItem,
)
from reviewer_app.review.inconsistencies import Finding, find_inconsistencies
from reviewer_app.review.requirements import DocumentStatus, match_uploads, required_documents
from reviewer_app.security.aead import DecryptionError
from reviewer_app.services.case_trust import TrustProblem
from reviewer_app.store.models import (
    Attachment,
    Case,
    Decision,
    Dependent,
    DocumentCheck,
    Member,
    RequiredDocument,
    SubmissionRevision,
    Survey,
    User,
)
from reviewer_app.store.models import DeficiencyNotice as NoticeRow
from reviewer_app.store.models import IncomeSheet as SheetRow

JST = timezone(timedelta(hours=9))  # deadlines are Japanese calendar days


@dataclass(frozen=True)
class OfficeView:
    code: str
    name: str


@dataclass(frozen=True)
class InsuredView:
    """The insured member as the 調査票 tab shows them."""

    member_id: str
    card_symbol: str
    card_number: str
    name: str
    kana: str
    office: OfficeView
    employee_code: str
    annual_income: int | None

    @classmethod
    def of(cls, insured: schema.Insured) -> InsuredView:
        return cls(insured.member_id, insured.card_symbol, insured.card_number, insured.name,
                   insured.kana, OfficeView(insured.office.code, insured.office.name),
                   insured.employee_code, insured.annual_income)


@dataclass(frozen=True)
class OccupationView:
    occupation: Occupation
    amount: int | None  # members type 1 for zero (seed 004 Q20)


@dataclass(frozen=True)
class AnswersView:
    """The answers to questions 1–7, as given."""

    insured_has_card: bool
    dependent_details_confirmed: bool
    dependent_has_card: bool
    occupations: tuple[OccupationView, ...]
    other_income: int | None
    living: Living
    living_apart_since: str | None  # YYYY-MM
    contact: str

    @classmethod
    def of(cls, a: schema.Answers) -> AnswersView:
        return cls(a.insured_has_card, a.dependent_details_confirmed, a.dependent_has_card,
                   tuple(OccupationView(o.occupation, o.amount) for o in a.occupations),
                   a.other_income, a.living, a.living_apart_since, a.contact)


@dataclass(frozen=True)
class MunicipalIncomeView:
    year: int
    salary_income: int | None
    pension_income: int | None
    total_income: int | None


@dataclass(frozen=True)
class DependentView:
    """The dependent as the case window shows them (never the bundle's wire model)."""

    dependent_id: str
    name: str
    kana: str
    relationship: Relationship
    relationship_label: str  # as printed: 妻, 夫, 長男, 母, …
    birth_date: date
    certified_on: date | None
    status: MemberStatus
    submitted_at: datetime | None
    answers: AnswersView | None  # None while nothing was answered (未提出)
    municipal_income: MunicipalIncomeView | None

    @classmethod
    def of(cls, dep: schema.Dependent) -> DependentView:
        m = dep.municipal_income
        return cls(dep.dependent_id, dep.name, dep.kana, dep.relationship,
                   dep.relationship_label, dep.birth_date, dep.certified_on, dep.status,
                   dep.submitted_at, AnswersView.of(dep.answers) if dep.answers else None,
                   MunicipalIncomeView(m.year, m.salary_income, m.pension_income,
                                       m.total_income) if m is not None else None)


@dataclass(frozen=True)
class AttachmentView:
    attachment_id: int
    file_key: str
    name: str  # the member's original file name
    media_type: str
    size: int
    rotation: int
    page_count: int | None = None
    # 新着: uploaded in this revision, not in any earlier one (a re-submission's new file)
    is_new: bool = False
    # quarantined by the import (issue 9): a FileProblem value; the viewer shows why instead
    problem: str | None = None


@dataclass(frozen=True)
class DocumentView:
    document_key: str
    kind: str  # schema.DocumentKind
    title: str
    proceed_without: bool
    comment: str  # the member's comment (e.g. 賞与支給なし)
    attachments: list[AttachmentView]


@dataclass(frozen=True)
class DocumentCheckView:
    """The stored mark on one row of the 書類 tab; ``version`` is its optimistic lock."""

    document_key: str
    verdict: str  # ReviewStatus: ok | deficient | unchecked
    reason: str | None
    note: str
    version: int
    checked_by: str | None
    checked_at: datetime | None

    @property
    def review(self) -> DocumentReview:
        reason = None
        if self.reason is not None and self.reason in DeficiencyReason.__members__.values():
            reason = DeficiencyReason(self.reason)
        return DocumentReview(self.document_key, ReviewStatus(self.verdict), reason, self.note)


@dataclass(frozen=True)
class EvaluationSnapshot:
    """What a decision recorded of the evaluation it was made on (sealed with it as JSON)."""

    verdict: Verdict | None  # the engine's verdict then
    exclusion_date: date | None  # the engine's exclusion date then
    exclusion_rule: str | None  # and what gave it (three_consecutive_months, age_75, …)
    profile: str | None
    sheet_version: int | None

    @classmethod
    def from_json(cls, snapshot: Any) -> EvaluationSnapshot:
        """Read a stored snapshot (``{"evaluation": …, "profile": …, "sheet_version": …}``);
        what is missing or not understood reads as None."""
        data: dict[str, Any] = snapshot if isinstance(snapshot, dict) else {}
        evaluation = data.get("evaluation")
        if not isinstance(evaluation, dict):
            evaluation = {}
        verdict = evaluation.get("verdict")
        exclusion = evaluation.get("exclusion")
        if not isinstance(exclusion, dict):
            exclusion = {}
        day, rule = exclusion.get("date"), exclusion.get("rule")
        profile, version = data.get("profile"), data.get("sheet_version")
        return cls(Verdict(verdict) if verdict in tuple(Verdict) else None,
                   date.fromisoformat(day) if isinstance(day, str) else None,
                   rule if isinstance(rule, str) else None,
                   profile if isinstance(profile, str) else None,
                   version if isinstance(version, int) else None)


@dataclass(frozen=True)
class DecisionView:
    decision_id: int
    kind: DecisionKind
    verdict: Verdict | None
    exclusion_date: date | None
    decided_by_id: int
    decided_by: str
    decided_at: datetime
    comment: str
    evaluation: EvaluationSnapshot | None  # None for decisions recorded without one


@dataclass(frozen=True)
class NoticeView:
    notice_id: int
    item_count: int
    reply_deadline: date
    created_by: str
    created_at: datetime
    exported_at: datetime | None
    items: tuple[NoticeItem, ...]
    message: str = ""
    answered_at: datetime | None = None  # a newer revision arrived after the notice
    answered_revision: int | None = None

    @property
    def notice(self) -> DeficiencyNotice:
        """The notice as the 不備連絡 tab lists it (issued on the day it was recorded)."""
        return DeficiencyNotice(self.items, self.reply_deadline,
                                self.created_at.astimezone().date(), self.message)

    @property
    def answered_late(self) -> bool:
        return self.answered_at is not None and \
            self.answered_at.astimezone(JST).date() > self.reply_deadline

    def overdue(self, today: date) -> bool:
        """Unanswered past its reply deadline (期限切れ)."""
        return self.answered_at is None and today > self.reply_deadline


@dataclass(frozen=True)
class CaseDetail:
    case_id: int
    version: int  # the case's optimistic lock (propose, approve, return, record_notice)
    status: CaseStatus
    assignee_id: int | None
    assignee_name: str | None
    held_by_other: bool  # someone else holds it: read-only for this user
    survey_name: str
    target_year: int
    submission_deadline: date
    non_submission_exclusion_date: date
    insured: InsuredView
    dependent: DependentView
    revision: int
    updated_after_review: bool
    documents: list[DocumentView]
    checks: list[DocumentCheckView]
    income_sheet: IncomeSheet  # the stored sheet, or the default one when none is stored
    income_version: int | None  # None: nothing stored yet (pass None to the first save)
    decisions: list[DecisionView]
    notices: list[NoticeView]
    # the review rules run here, not in the window: the 書類 rows (required documents against
    # the uploads) and the 調査票 findings (inconsistencies in the answers)
    document_statuses: list[DocumentStatus] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    editable: bool = False  # this user may edit now (holds it, and it is in review)
    can_decide: bool = False  # this user may approve or return it (supervisor, not the author)
    proposed_verdict: str | None = None
    proposed_exclusion_date: date | None = None
    took: bool = False  # this open made the user the holder
    # why the case's signed record does not hold (services.case_trust): shown as invalid
    trust: list[TrustProblem] = field(default_factory=list)
    # the same dependent's employers of the year before (name and pay schedule, no amounts):
    # what a new employer row starts from (issue 13); () when there is no such sheet
    previous_employers: tuple[EmployerEntry, ...] = ()


def document_statuses(dep: schema.Dependent, target_year: int,
                      problems: Mapping[str, FileProblem] | None = None) -> list[DocumentStatus]:
    """The 書類 rows: the documents the answers call for against what was uploaded;
    ``problems`` (file id -> problem) marks the files the import quarantined."""
    return list(match_uploads(required_documents(dep, target_year), dep.required_documents,
                              problems))


def review_of(insured: schema.Insured, dep: schema.Dependent, target_year: int,
              deadline: date, today: date, problems: Mapping[str, FileProblem] | None = None,
              ) -> tuple[list[DocumentStatus], list[Finding]]:
    """The review rules over the stored answers: the 書類 rows and the 調査票 findings."""
    findings = find_inconsistencies(insured, dep, target_year, deadline=deadline, today=today)
    return document_statuses(dep, target_year, problems), list(findings)


def file_problems(db: Session, dependent_id: int,
                  revision: SubmissionRevision) -> dict[str, FileProblem]:
    """File id -> problem of the dependent's files in ``revision`` that the import quarantined."""
    rows = db.execute(
        select(Attachment.file_key, Attachment.quarantine_reason)
        .join(RequiredDocument, RequiredDocument.id == Attachment.required_document_id)
        .where(Attachment.dependent_id == dependent_id,
               RequiredDocument.revision_id == revision.id,
               Attachment.quarantine_reason.is_not(None)))
    out: dict[str, FileProblem] = {}
    for file_key, reason in rows:
        problem = parse_problem(reason)
        if problem is not None:
            out[file_key] = problem
    return out


def user_names(db: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return {uid: name for uid, name in db.execute(select(User.id, User.name)
                                                  .where(User.id.in_(wanted)))}


def submission_of(db: Session, member: Member, dependent_key: str, mk: bytes
                  ) -> tuple[SubmissionRevision, schema.Submission, schema.Dependent]:
    """The newest revision of the member's submission that lists the dependent.

    That is the current revision, except when a newer one no longer lists this dependent: their
    case and the examiner's work stay (services.importing), so it shows the last answers given.
    """
    revisions = db.scalars(select(SubmissionRevision).where(
        SubmissionRevision.member_id == member.id,
        SubmissionRevision.revision <= member.current_revision)
        .order_by(SubmissionRevision.revision.desc())).all()
    for revision in revisions:
        sub = schema.Submission.model_validate(revision.open_json_from("sealed_json", mk))
        for dep in sub.dependents:
            if dep.dependent_id == dependent_key:
                return revision, sub, dep
    raise UserError(
        "この被扶養者の回答が取り込まれたデータに見つかりません。バンドルを取り込み直してください。",
        "This dependent's answers are missing from the imported data. Import the bundle again.",
        code="dependent_not_found", subject=dependent_key)


def documents(db: Session, case: Case, revision: SubmissionRevision, dep: schema.Dependent,
              mk: bytes) -> list[DocumentView]:
    comments = {d.document_id: d.comment for d in dep.required_documents}
    required = db.scalars(select(RequiredDocument).where(
        RequiredDocument.dependent_id == case.dependent_id,
        RequiredDocument.revision_id == revision.id).order_by(RequiredDocument.position,
                                                               RequiredDocument.id)).all()
    # One query for every document's attachments (not one per document).
    by_document: dict[int, list[Attachment]] = {doc.id: [] for doc in required}
    if by_document:
        for att in db.scalars(select(Attachment)
                              .where(Attachment.required_document_id.in_(by_document))
                              .order_by(Attachment.position, Attachment.id)):
            by_document[att.required_document_id].append(att)
    earlier = _earlier_file_hashes(db, case.dependent_id, revision)
    out: list[DocumentView] = []
    for doc in required:
        atts = by_document[doc.id]
        out.append(DocumentView(
            doc.document_key, doc.kind, doc.title, doc.proceed_without,
            comments.get(doc.document_key, ""),
            [AttachmentView(a.id, a.file_key,
                            neutralize(a.open_from("original_name_sealed", mk).decode())
                            if a.original_name_sealed is not None else a.file_key,
                            a.media_type, a.size, a.rotation, a.page_count,
                            is_new=earlier is not None and a.sha256 not in earlier,
                            problem=a.quarantine_reason)
             for a in atts]))
    return out


def _earlier_file_hashes(db: Session, dependent_id: int,
                         revision: SubmissionRevision) -> set[str] | None:
    """SHA-256 of every file the dependent had in revisions before ``revision``; None when this
    is the first revision (then nothing is 新着: everything is simply the submission)."""
    earlier_ids = db.scalars(select(SubmissionRevision.id).where(
        SubmissionRevision.member_id == revision.member_id,
        SubmissionRevision.revision < revision.revision)).all()
    if not earlier_ids:
        return None
    return set(db.scalars(select(Attachment.sha256)
                          .join(RequiredDocument,
                                RequiredDocument.id == Attachment.required_document_id)
                          .where(Attachment.dependent_id == dependent_id,
                                 RequiredDocument.revision_id.in_(earlier_ids))))


def checks(db: Session, case_id: int, mk: bytes) -> list[DocumentCheckView]:
    rows = db.scalars(select(DocumentCheck).where(DocumentCheck.case_id == case_id)
                      .order_by(DocumentCheck.id)).all()
    names = user_names(db, {r.checked_by_id for r in rows})
    return [check_view(r, mk, names) for r in rows]


def check_view(row: DocumentCheck, mk: bytes, names: dict[int, str]) -> DocumentCheckView:
    note = row.open_from("note_sealed", mk).decode() if row.note_sealed is not None else ""
    return DocumentCheckView(row.document_key, row.verdict, row.reason, note, row.version,
                             names.get(row.checked_by_id) if row.checked_by_id else None,
                             row.checked_at)


def income(db: Session, case: Case, mk: bytes) -> tuple[IncomeSheet | None, int | None]:
    """The stored sheet and its version; DecryptionError when it was saved for another person
    (the case's dependent was changed) or put back under another version (issue 8 §5)."""
    row = db.get(SheetRow, case.id)
    if row is None:
        return None, None
    if row.dependent_id != case.dependent_id:
        raise DecryptionError(f"income sheet of case {case.id} belongs to another dependent")
    return stored_sheet(row, mk), row.version


def previous_employers(db: Session, case: Case, mk: bytes) -> tuple[EmployerEntry, ...]:
    """The employers of the same dependent (same insurer, member and dependent keys) in the
    survey of the year before, from its stored sheet: names and pay schedules without amounts.
    A sheet that does not open gives nothing here (its own case shows the damage)."""
    dependent, survey = case.dependent, case.survey
    row = db.scalars(
        select(SheetRow).join(Case, Case.id == SheetRow.case_id)
        .join(Dependent, Dependent.id == Case.dependent_id)
        .join(Member, Member.id == Dependent.member_id)
        .join(Survey, Survey.id == Case.survey_id)
        .where(Survey.insurer_id == survey.insurer_id,
               Survey.target_year == survey.target_year - 1,
               Member.member_key == dependent.member.member_key,
               Dependent.dependent_key == dependent.dependent_key,
               SheetRow.dependent_id == Case.dependent_id)
        .order_by(SheetRow.case_id.desc()).limit(1)).first()
    if row is None:
        return ()
    try:
        sheet = stored_sheet(row, mk)
    except DecryptionError:
        return ()
    return tuple(replace(e, payments=(), bonuses=()) for e in sheet.employers)


def stored_sheet(row: SheetRow, mk: bytes) -> IncomeSheet:
    """The sheet sealed in ``row``. Every stored sheet was read back from a typed sheet, so one
    that does not read is damaged: DecryptionError, like a seal that does not open."""
    try:
        return sheet_from_json(row.open_json_from("sealed_json", mk))
    except CaseInputError:
        raise DecryptionError(f"income sheet of case {row.case_id} is not a sheet") from None


def decisions(db: Session, case_id: int, mk: bytes) -> list[DecisionView]:
    rows = db.scalars(select(Decision).where(Decision.case_id == case_id)
                      .order_by(Decision.id)).all()
    names = user_names(db, {r.decided_by_id for r in rows})
    return [DecisionView(
        r.id, DecisionKind(r.kind), Verdict(r.verdict) if r.verdict is not None else None,
        r.exclusion_date, r.decided_by_id, names.get(r.decided_by_id, "?"), r.decided_at,
        r.open_from("comment_sealed", mk).decode() if r.comment_sealed is not None else "",
        EvaluationSnapshot.from_json(r.open_json_from("evaluation_sealed", mk))
        if r.evaluation_sealed is not None else None,
    ) for r in rows]


@dataclass(frozen=True)
class NoticeBody:
    """The sealed part of a stored notice: its items, the examiner's message, the issue date."""

    items: list[dict[str, Any]]  # {document_key, title, reason, note, what_to_submit}
    message: str
    issued_on: date

    @staticmethod
    def reason_text(item: dict[str, Any]) -> str:
        """The item's problem as the member reads it (REASON_LETTER_JA)."""
        reason = str(item.get("reason", ""))
        if reason not in DeficiencyReason.__members__.values():
            return ""
        return REASON_LETTER_JA[DeficiencyReason(reason)]


def notice_body(row: NoticeRow, mk: bytes) -> NoticeBody:
    """Open a notice's items (early rows hold the bare list of items; both are read)."""
    body = row.open_json_from("items_sealed", mk) if row.items_sealed is not None else {}
    if not isinstance(body, dict):
        return NoticeBody(list(body), "", row.created_at.date())
    issued = body.get("issued_on")
    return NoticeBody(list(body.get("items", [])), str(body.get("message", "")),
                      date.fromisoformat(issued) if issued else row.created_at.date())


def notices(db: Session, case_id: int, mk: bytes) -> list[NoticeView]:
    rows = db.scalars(select(NoticeRow).where(NoticeRow.case_id == case_id)
                      .order_by(NoticeRow.id)).all()
    names = user_names(db, {r.created_by_id for r in rows})
    out: list[NoticeView] = []
    for r in rows:
        body = notice_body(r, mk)
        out.append(NoticeView(r.id, r.item_count, r.reply_deadline,
                              names.get(r.created_by_id, "?"), r.created_at, r.exported_at,
                              tuple(_notice_item(i) for i in body.items), body.message,
                              r.answered_at, r.answered_revision))
    return out


def _notice_item(item: dict[str, Any]) -> NoticeItem:
    """One stored item (``{document_key, title, reason, note, what_to_submit}``)."""
    try:
        reason = DeficiencyReason(str(item.get("reason")))
    except ValueError:
        reason = DeficiencyReason.OTHER
    return NoticeItem(str(item.get("document_key", "")), str(item.get("title", "")), reason,
                      str(item.get("what_to_submit", "")), str(item.get("note", "")))

"""The case queue (issue 4 §2): filters, search, counts by status, pages of rows.

Speed at 100,000 dependents
    Filters and counts touch only clear, indexed columns (``cases.status``, ``assignee_id``,
    ``dependents.relationship``, ``members.office_code``; for the views
    ``dependents.member_status``, ``cases.resubmitted_at`` and ``deficiency_notices.reply_deadline``
    with ``deficiency_notices.case_id``), and each query joins only the tables its filter needs.
    Search never sees clear text: the query is normalised and matched on the blind index
    (:func:`reviewer_app.store.blind_index.matching_dependents`), an equality lookup
    on ``search_tokens.token``. Rows are ordered by case id (stable under paging) and names are
    decrypted only for the page returned by :meth:`QueueService.fetch`.
    ``tests/benchmarks/bench_queue.py`` measures it.

Views (issue 7 §4)
    ``not_submitted`` (未提出): the member-side status is ``not_submitted`` and the case is not
    finished (neither awaiting approval nor done). ``resubmitted`` (再提出あり): a newer revision
    answered a deficiency notice (``cases.resubmitted_at``) and the case is in review again.
    ``overdue`` (期限切れ): the case awaits the member (不備連絡中) and its latest notice's reply
    deadline is before today with no answer. ``paper`` (紙): unfinished cases of dependents
    switched to a paper survey (services.paper); they are never in 未提出. "Today" comes from
    the service's clock (Japan time by default; tests inject one).

Every call is one short read-only transaction, so the queue never waits for a writer.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum
from typing import Any, TypeVarTuple

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session, aliased

from reviewer_app.bundle.schema import MemberStatus
from reviewer_app.domain.vocabulary import CaseStatus, Role
from reviewer_app.security.aead import DecryptionError
from reviewer_app.services.clock import Today, today_jst
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import blind_index
from reviewer_app.store.models import (
    Attachment,
    Case,
    DeficiencyNotice,
    Dependent,
    Member,
    RequiredDocument,
    SubmissionRevision,
    User,
)

MAX_PAGE = 1000
_Ts = TypeVarTuple("_Ts")
# not finished: neither awaiting approval nor done (the 未提出 view)
OPEN_STATUSES = (CaseStatus.NOT_STARTED.value, CaseStatus.IN_REVIEW.value,
                 CaseStatus.NOTICE_SENT.value)


class QueueView(StrEnum):
    """Work lists across statuses (see the module doc)."""

    NOT_SUBMITTED = "not_submitted"  # 未提出
    RESUBMITTED = "resubmitted"  # 再提出あり
    OVERDUE = "overdue"  # 期限切れ
    PAPER = "paper"  # 紙: dependents who answer on a paper survey (issue 14)


@dataclass(frozen=True)
class QueueFilter:
    """What the queue shows; ``None`` means "any". ``search``: name, kana or card number."""

    status: CaseStatus | None = None
    office_code: str | None = None
    assignee_id: int | None = None
    relationship: str | None = None
    proposed_verdict: str | None = None
    updated_after_review: bool | None = None
    view: QueueView | None = None
    search: str = ""


@dataclass(frozen=True)
class QueueRow:
    case_id: int
    version: int
    card: str  # "<symbol>-<number>"
    insured_name: str
    dependent_name: str
    dependent_kana: str
    relationship: str
    relationship_label: str
    office_code: str
    office_name: str
    status: CaseStatus
    assignee_id: int | None
    assignee_name: str | None
    proposed_verdict: str | None
    attachment_count: int
    updated_after_review: bool
    own: bool = False  # held by (or proposed by) the signed-in user
    not_submitted: bool = False  # the member-side status is 未提出 (and not answering on paper)
    paper: bool = False  # switched to a paper survey (紙, issue 14)
    # its sealed names do not open (damaged or altered rows): listed without names, so one bad
    # row never breaks the queue; opening it says so (case_errors.CaseDamaged)
    damaged: bool = False


def apply_filter(stmt: Select[*_Ts], f: QueueFilter, key: bytes, today: date, *,
                 with_status: bool = True) -> Select[*_Ts]:
    """Apply the filter's conditions to a select over ``cases``; joins dependents/members only
    when a filter needs them. ``key``: the blind-index key; ``today``: for ``overdue``."""
    if with_status and f.status is not None:
        stmt = stmt.where(Case.status == CaseStatus(f.status).value)
    if f.assignee_id is not None:
        stmt = stmt.where(Case.assignee_id == f.assignee_id)
    if f.proposed_verdict is not None:
        stmt = stmt.where(Case.proposed_verdict == f.proposed_verdict)
    if f.updated_after_review is not None:
        stmt = stmt.where(Case.updated_after_review.is_(f.updated_after_review))
    view = QueueView(f.view) if f.view is not None else None
    if view is QueueView.NOT_SUBMITTED or view is QueueView.PAPER:
        stmt = stmt.where(Case.status.in_(OPEN_STATUSES))
    elif view is QueueView.RESUBMITTED:
        stmt = stmt.where(Case.resubmitted_at.is_not(None),
                          Case.status == CaseStatus.IN_REVIEW.value)
    elif view is QueueView.OVERDUE:
        stmt = stmt.where(Case.status == CaseStatus.NOTICE_SENT.value,
                          Case.id.in_(_overdue_cases(today)))
    if f.relationship is not None or f.office_code is not None \
            or view in (QueueView.NOT_SUBMITTED, QueueView.PAPER):
        stmt = stmt.join(Dependent, Dependent.id == Case.dependent_id)
        if f.relationship is not None:
            stmt = stmt.where(Dependent.relationship == f.relationship)
        if view is QueueView.NOT_SUBMITTED:
            # a dependent answering on paper is not a web non-submitter (issue 14)
            stmt = stmt.where(Dependent.member_status == MemberStatus.NOT_SUBMITTED.value,
                              Dependent.paper_since.is_(None))
        elif view is QueueView.PAPER:
            stmt = stmt.where(Dependent.paper_since.is_not(None))
        if f.office_code is not None:
            stmt = stmt.join(Member, Member.id == Dependent.member_id).where(
                Member.office_code == f.office_code)
    if f.search.strip():
        stmt = stmt.where(Case.dependent_id.in_(blind_index.matching_dependents(key, f.search)))
    return stmt


def audit_listing(ws: WorkspaceSession, action: str, f: QueueFilter | None,
                  case_ids: list[int], *, offset: int = 0) -> None:
    """Record which cases' personal data a listing showed (MHLW guideline 6.0, 17①), in a
    short write of its own after the read: the filter, a keyed MAC of a search instead of its
    text, the count and the case ids (a range when there are more than :data:`MAX_PAGE`)."""
    details: dict[str, Any] = {"count": len(case_ids), "offset": offset}
    if f is not None:
        details["filter"] = {k: (v.value if isinstance(v, StrEnum) else v)
                             for k, v in asdict(f).items() if k != "search" and v is not None}
        if f.search.strip():
            details["search_mac"] = blind_index.search_mac(ws.blind_index_key, f.search)
    if len(case_ids) <= MAX_PAGE:
        details["case_ids"] = case_ids
    else:
        details["case_id_range"] = [min(case_ids), max(case_ids)]
    with ws.transaction() as db:
        ws.audit(db, action, "", details)


def _overdue_cases(today: date) -> Select[int]:
    """Cases whose latest notice (highest id) is unanswered past its reply deadline: a range on
    ``reply_deadline`` and, per notice, one probe of ``(case_id, id)`` for a later notice."""
    later = aliased(DeficiencyNotice)
    return select(DeficiencyNotice.case_id).where(
        DeficiencyNotice.reply_deadline < today, DeficiencyNotice.answered_at.is_(None),
        ~exists().where(later.case_id == DeficiencyNotice.case_id,
                        later.id > DeficiencyNotice.id))


class QueueService:
    """The queue as the window's item model pages through it."""

    def __init__(self, ws: WorkspaceSession, today: Today = today_jst) -> None:
        self.ws = ws
        self.today = today

    def _where(self, stmt: Select[*_Ts], f: QueueFilter, *,
               with_status: bool = True) -> Select[*_Ts]:
        return apply_filter(stmt, f, self.ws.blind_index_key, self.today(),
                            with_status=with_status)

    def count(self, f: QueueFilter) -> int:
        with self.ws.transaction(readonly=True) as db:
            stmt = self._where(select(func.count(Case.id)), f)
            return int(db.scalar(stmt) or 0)

    def status_counts(self, f: QueueFilter) -> dict[CaseStatus, int]:
        """Cases per status under every filter except ``f.status`` (the tabs' badges)."""
        with self.ws.transaction(readonly=True) as db:
            stmt = self._where(select(Case.status, func.count(Case.id)), f,
                               with_status=False).group_by(Case.status)
            found = {CaseStatus(status): int(n) for status, n in db.execute(stmt)}
        return {status: found.get(status, 0) for status in CaseStatus}

    def fetch(self, f: QueueFilter, offset: int, limit: int) -> list[QueueRow]:
        """Rows ``offset .. offset+limit`` in case-id order (names decrypted for these only).

        Audited (``queue.list``): which cases' names were shown, under which filter."""
        limit = max(0, min(limit, MAX_PAGE))
        if limit == 0:
            return []
        with self.ws.transaction(readonly=True) as db:
            ids = db.scalars(self._where(select(Case.id), f)
                             .order_by(Case.id).offset(max(0, offset)).limit(limit)).all()
            rows = self._rows(db, list(ids))
        audit_listing(self.ws, "queue.list", f, [r.case_id for r in rows], offset=offset)
        return rows

    def approval_queue(self, offset: int = 0, limit: int = MAX_PAGE) -> list[QueueRow]:
        """Cases awaiting approval by case id, a page at a time; ``own`` marks the user's own
        proposals (listed so the supervisor sees them, but :meth:`CaseService.approve` refuses
        them). Count them with ``count(QueueFilter(status=AWAITING_APPROVAL))``."""
        limit = max(0, min(limit, MAX_PAGE))
        with self.ws.transaction(readonly=True) as db:
            ids = db.scalars(select(Case.id).where(
                Case.status == CaseStatus.AWAITING_APPROVAL.value).order_by(Case.id)
                .offset(max(0, offset)).limit(limit)).all()
            rows = self._rows(db, list(ids))
        audit_listing(self.ws, "queue.list", QueueFilter(status=CaseStatus.AWAITING_APPROVAL),
                      [r.case_id for r in rows], offset=offset)
        return rows

    def offices(self) -> list[tuple[str, str]]:
        """(code, name) of every office with a member, by code."""
        with self.ws.transaction(readonly=True) as db:
            rows = db.execute(select(Member.office_code, func.min(Member.office_name))
                              .group_by(Member.office_code).order_by(Member.office_code))
            return [(code, name) for code, name in rows]

    def assignees(self) -> list[tuple[int, str]]:
        """(id, name) of the users who can hold a case: active examiners and supervisors, plus
        anyone who holds one now."""
        with self.ws.transaction(readonly=True) as db:
            holders = select(Case.assignee_id).where(Case.assignee_id.is_not(None)).distinct()
            rows = db.execute(select(User.id, User.name).where(
                ((User.role.in_([Role.EXAMINER.value, Role.SUPERVISOR.value]))
                 & User.disabled.is_(False)) | User.id.in_(holders)).order_by(User.name))
            return [(uid, name) for uid, name in rows]

    # -- rows -----------------------------------------------------------------------------------

    def _rows(self, db: Session, ids: list[int]) -> list[QueueRow]:
        if not ids:
            return []
        rows = db.execute(
            select(Case.id, Case.version, Case.status, Case.assignee_id, User.name,
                   Case.proposed_verdict, Case.updated_after_review, Case.dependent_id,
                   Dependent.relationship, Dependent.relationship_label, Member.office_code,
                   Member.office_name, Member.id, Member.current_revision,
                   Dependent.member_status, Dependent.paper_since)
            .join(Dependent, Dependent.id == Case.dependent_id)
            .join(Member, Member.id == Dependent.member_id)
            .outerjoin(User, User.id == Case.assignee_id)
            .where(Case.id.in_(ids)).order_by(Case.id)).all()
        counts = _attachment_counts(db, [r[7] for r in rows])
        sealed = _personal(db, [r[7] for r in rows])
        mk = self.ws.master_key
        me = self.ws.user.id
        out: list[QueueRow] = []
        for (case_id, version, status, assignee_id, assignee_name, verdict, updated, dep_id,
             rel, rel_label, office_code, office_name, _member_id, _rev, member_status,
             paper_since) in rows:
            member, dependent = sealed[dep_id]
            try:
                ins, dep = member.personal(mk), dependent.personal(mk)
                card = blind_index.card_text(ins["card_symbol"], ins["card_number"])
                damaged = False
            except DecryptionError:
                ins, dep, card, damaged = {"name": ""}, {"name": "", "kana": ""}, "", True
            out.append(QueueRow(
                case_id=case_id, version=version, card=card, damaged=damaged,
                insured_name=ins["name"], dependent_name=dep["name"],
                dependent_kana=dep["kana"], relationship=rel, relationship_label=rel_label,
                office_code=office_code, office_name=office_name, status=CaseStatus(status),
                assignee_id=assignee_id, assignee_name=assignee_name, proposed_verdict=verdict,
                attachment_count=counts.get(dep_id, 0), updated_after_review=bool(updated),
                own=assignee_id == me,
                not_submitted=(member_status == MemberStatus.NOT_SUBMITTED.value
                               and paper_since is None),
                paper=paper_since is not None))
        return out


def _personal(db: Session, dependent_ids: list[int]) -> dict[int, tuple[Member, Dependent]]:
    rows = db.execute(select(Member, Dependent).join(Dependent, Dependent.member_id == Member.id)
                      .where(Dependent.id.in_(dependent_ids))).all()
    return {dep.id: (member, dep) for member, dep in rows}


def _attachment_counts(db: Session, dependent_ids: list[int]) -> dict[int, int]:
    """Attachments of each dependent's current revision."""
    stmt = (select(Attachment.dependent_id, func.count(Attachment.id))
            .join(RequiredDocument, RequiredDocument.id == Attachment.required_document_id)
            .join(SubmissionRevision, SubmissionRevision.id == RequiredDocument.revision_id)
            .join(Dependent, Dependent.id == Attachment.dependent_id)
            .join(Member, Member.id == Dependent.member_id)
            .where(Attachment.dependent_id.in_(dependent_ids),
                   SubmissionRevision.member_id == Member.id,
                   SubmissionRevision.revision == Member.current_revision)
            .group_by(Attachment.dependent_id))
    return {dep_id: int(n) for dep_id, n in db.execute(stmt)}

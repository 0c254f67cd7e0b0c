"""The case list for the CLI (``reviewer-app cases``): one row per dependent under review.

Names and card symbol-numbers are sealed in the store, so each row is opened with the master key;
the attachment count is that of the member's current revision (older revisions keep theirs).
Any reviewer may list (an admin without a reviewing role may not: issue 8 §7); every listing is
audited (``cases.list``: the filter, a MAC of a search, the count and which cases). A
damaged row (its sealed names do not open) is listed without a name and marked ``damaged``. A
:class:`~reviewer_app.services.queue.QueueFilter` narrows the list exactly as it narrows the
window's queue (status or view, office, search…).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, select

from reviewer_app.security.aead import DecryptionError
from reviewer_app.services.clock import Today, today_jst
from reviewer_app.services.queue import QueueFilter, apply_filter, audit_listing
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store.models import (
    Attachment,
    Case,
    Dependent,
    Member,
    RequiredDocument,
    SubmissionRevision,
)


@dataclass(frozen=True)
class CaseRow:
    case_id: int
    card: str  # 記号-番号 of the insured
    name: str  # the dependent's name
    relationship: str  # schema.Relationship code
    relationship_label: str  # 妻, 長男, 母 …
    status: str  # CaseStatus
    attachments: int
    updated_after_review: bool
    member_status: str = ""  # schema.MemberStatus: not_submitted, registered, submitted
    damaged: bool = False  # its sealed data does not open (services.queue.QueueRow.damaged)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def list_cases(ws: WorkspaceSession, f: QueueFilter | None = None,
               today: Today = today_jst) -> list[CaseRow]:
    """Every case matching ``f`` (all of them when None), ordered by case id."""
    key = ws.master_key
    with ws.transaction(readonly=True) as db:
        current = (
            select(SubmissionRevision.id)
            .join(Member, Member.id == SubmissionRevision.member_id)
            .where(SubmissionRevision.revision == Member.current_revision)
        )
        counts: dict[int, int] = {d: n for d, n in db.execute(
            select(Attachment.dependent_id, func.count(Attachment.id))
            .join(RequiredDocument, RequiredDocument.id == Attachment.required_document_id)
            .where(RequiredDocument.revision_id.in_(current))
            .group_by(Attachment.dependent_id))}
        stmt = (select(Case, Dependent, Member)
                .join(Dependent, Dependent.id == Case.dependent_id)
                .join(Member, Member.id == Dependent.member_id))
        if f is not None:
            matching = apply_filter(select(Case.id), f, ws.blind_index_key, today())
            stmt = stmt.where(Case.id.in_(matching))
        rows = db.execute(stmt.order_by(Case.id))
        out: list[CaseRow] = []
        cards: dict[int, str | None] = {}
        for case, dependent, member in rows:
            if member.id not in cards:
                try:
                    personal = member.personal(key)
                    cards[member.id] = f"{personal['card_symbol']}-{personal['card_number']}"
                except DecryptionError:
                    cards[member.id] = None
            try:
                name = str(dependent.personal(key)["name"])
            except DecryptionError:
                name = ""
            card = cards[member.id]
            out.append(CaseRow(
                case.id, card or "", name, dependent.relationship,
                dependent.relationship_label, case.status, counts.get(dependent.id, 0),
                bool(case.updated_after_review), dependent.member_status,
                damaged=card is None or not name))
    audit_listing(ws, "cases.list", f, [r.case_id for r in out])
    return out

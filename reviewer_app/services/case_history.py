"""The 履歴 tab: a case's audit events (``case:<id>`` and its attachments) in words."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.domain.vocabulary import LABELS_JA
from reviewer_app.review.deficiency import REASON_LABEL_JA, DeficiencyReason
from reviewer_app.store.models import Attachment, AuditEvent, Case


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    actor: str
    action: str  # the audit action code, e.g. "case.open"
    summary_ja: str
    summary_en: str = ""
    seq: int = 0


def _label(code: Any) -> str:
    return LABELS_JA.get(str(code), str(code))


def _reason(code: Any) -> str:
    try:
        return REASON_LABEL_JA[DeficiencyReason(str(code))]
    except ValueError:
        return str(code)


def summarise(action: str, d: dict[str, Any]) -> tuple[str, str]:
    """(ja, en) for one event; the details hold ids and codes only."""
    if action == "case.open":
        return (("案件を開き、担当になりました", "opened the case and took it") if d.get("took")
                else ("案件を開きました", "opened the case"))
    if action == "case.release":
        return "担当を解除しました", "released the case"
    if action == "document.open":
        return f"添付資料 {d.get('document', '')} を表示しました", "viewed an attachment"
    if action == "document.rotate":
        return f"添付資料の向きを {d.get('rotation')}° にしました", "rotated an attachment"
    if action == "document.check":
        verdict = _label(d.get("verdict"))
        reason = f"({_reason(d['reason'])})" if d.get("reason") else ""
        return (f"書類 {d.get('document')} を{verdict}{reason}にしました",
                f"marked document {d.get('document')} {d.get('verdict')}")
    if action == "income.save":
        return "収入の入力を保存しました", "saved the income sheet"
    if action == "case.propose":
        date = f" 除外日 {d['exclusion_date']}" if d.get("exclusion_date") else ""
        return (f"判定案「{_label(d.get('verdict'))}」{date}を出しました",
                f"proposed {d.get('verdict')}")
    if action == "case.approve":
        return f"判定「{_label(d.get('verdict'))}」を承認しました", "approved the proposal"
    if action == "case.approval_refused":
        return ("再判定の結果が判定案と違うため承認できませんでした",
                "approval refused: the evaluation changed")
    if action == "case.return":
        return "判定案を差し戻しました", "returned the proposal"
    if action == "notice.record":
        return (f"不備連絡({d.get('items')}件、回答期限 {d.get('reply_deadline')})を記録しました",
                f"recorded a deficiency notice ({d.get('items')} items)")
    return action, action


def history_entries(db: Session, case: Case) -> list[HistoryEntry]:
    attachment_ids = db.scalars(select(Attachment.id)
                                .where(Attachment.dependent_id == case.dependent_id)).all()
    subjects = [f"case:{case.id}", *(f"attachment:{a}" for a in attachment_ids)]
    rows = db.scalars(select(AuditEvent).where(AuditEvent.subject.in_(subjects))
                      .order_by(AuditEvent.seq)).all()
    out: list[HistoryEntry] = []
    for event in rows:
        try:
            details = json.loads(event.details)
        except ValueError:
            details = {}
        ja, en = summarise(event.action, details if isinstance(details, dict) else {})
        out.append(HistoryEntry(event.at, event.actor, event.action, ja, en, event.seq))
    return out

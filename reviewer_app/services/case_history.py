"""The 履歴 tab: a case's audit events (``case:<id>`` and its attachments) in words.

The audit trail names files and documents by id; here they are named as the examiner knows them:
an attachment by the member's file name, a required document by its title (opened from the
seal, neutralised). Runs of the same event by the same person on the same thing (saving the
income sheet cell after cell, paging through one file) are one line with a count (issue 13).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.domain.text import neutralize
from reviewer_app.domain.vocabulary import LABELS_JA
from reviewer_app.review.deficiency import REASON_LABEL_JA, DeficiencyReason
from reviewer_app.store.models import Attachment, AuditEvent, Case, RequiredDocument


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # of the last event of a merged run
    actor: str
    action: str  # the audit action code, e.g. "case.open"
    summary_ja: str
    summary_en: str = ""
    seq: int = 0
    count: int = 1  # events merged into this line (a run of saves, of views of one file)
    first_at: datetime | None = None  # of the first event, when merged


def _label(code: Any) -> str:
    return LABELS_JA.get(str(code), str(code))


def _reason(code: Any) -> str:
    try:
        return REASON_LABEL_JA[DeficiencyReason(str(code))]
    except ValueError:
        return str(code)


@dataclass(frozen=True)
class Names:
    """What the case's ids are called: attachments (by id and by file key) and documents."""

    files: dict[str, str]  # file key or "attachment:<id>" -> the member's file name
    documents: dict[str, str]  # document key -> its title

    def file(self, key: Any) -> str:
        return self.files.get(str(key), str(key))

    def document(self, key: Any) -> str:
        return self.documents.get(str(key), str(key))


def summarise(action: str, d: dict[str, Any], names: Names | None = None,
              subject: str = "") -> tuple[str, str]:
    """(ja, en) for one event; the details hold ids and codes only."""
    names = names or Names({}, {})
    if action == "case.open":
        return (("案件を開き、担当になりました", "opened the case and took it") if d.get("took")
                else ("案件を開きました", "opened the case"))
    if action == "case.release":
        return "担当を解除しました", "released the case"
    if action == "document.open":
        name = names.file(d.get("document", subject))
        return f"「{name}」を表示しました", f"viewed {name}"
    if action == "document.rotate":
        name = names.file(subject)
        return (f"「{name}」の向きを {d.get('rotation')}° にしました",
                f"turned {name} to {d.get('rotation')}°")
    if action == "document.check":
        verdict = _label(d.get("verdict"))
        reason = f"({_reason(d['reason'])})" if d.get("reason") else ""
        title = names.document(d.get("document"))
        return (f"書類「{title}」を{verdict}{reason}にしました",
                f"marked {title} {d.get('verdict')}")
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
    if action == "paper.mark":
        return (f"紙の調査票に切り替えました({d.get('on')})",
                f"switched to a paper survey ({d.get('on')})")
    if action in ("paper.enter", "paper.correct"):
        what_ja = "訂正" if action == "paper.correct" else "入力"
        return (f"紙の調査票を第{d.get('revision')}版として{what_ja}しました"
                f"(スキャン {d.get('files')}件)",
                f"{'corrected' if action == 'paper.correct' else 'entered'} the paper survey "
                f"as revision {d.get('revision')} ({d.get('files')} scans)")
    if action == "paper.check":
        return (f"紙の調査票(第{d.get('revision')}版)の入力確認をしました",
                f"checked the entry of the paper survey (revision {d.get('revision')})")
    if action == "case.damaged":
        return ("案件のデータが開けませんでした(破損または書き換え)",
                "the case's data did not open (damaged or altered)")
    return action, action


# Events repeated as a person works: one line for a run of them (same person, same thing).
_MERGED = frozenset({"income.save", "document.open", "document.rotate", "case.open"})


def names_of(db: Session, case: Case, master_key: bytes) -> Names:
    files: dict[str, str] = {}
    for attachment in db.scalars(select(Attachment)
                                 .where(Attachment.dependent_id == case.dependent_id)):
        try:
            name = neutralize(attachment.open_from("original_name_sealed", master_key).decode())
        except ValueError:  # a damaged row: its id is better than nothing
            name = attachment.file_key
        files[attachment.file_key] = files[f"attachment:{attachment.id}"] = name
    documents = {key: title for key, title in db.execute(
        select(RequiredDocument.document_key, RequiredDocument.title)
        .where(RequiredDocument.dependent_id == case.dependent_id)
        .order_by(RequiredDocument.id))}
    return Names(files, documents)


def history_entries(db: Session, case: Case, master_key: bytes) -> list[HistoryEntry]:
    names = names_of(db, case, master_key)
    subjects = [f"case:{case.id}", *(k for k in names.files if k.startswith("attachment:"))]
    rows = db.scalars(select(AuditEvent).where(AuditEvent.subject.in_(subjects))
                      .order_by(AuditEvent.seq)).all()
    out: list[HistoryEntry] = []
    last_key: tuple[str, str, str] | None = None
    for event in rows:
        try:
            details = json.loads(event.details)
        except ValueError:
            details = {}
        details = details if isinstance(details, dict) else {}
        ja, en = summarise(event.action, details, names, event.subject)
        key = (event.action, event.actor, ja)
        if event.action in _MERGED and key == last_key:
            first = out[-1]
            count = first.count + 1
            out[-1] = HistoryEntry(event.at, event.actor, event.action, ja, en, event.seq,
                                   count=count, first_at=first.first_at or first.at)
            continue
        out.append(HistoryEntry(event.at, event.actor, event.action, ja, en, event.seq))
        last_key = key
    return out

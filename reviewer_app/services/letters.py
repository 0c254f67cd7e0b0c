"""The letters the society mails (issue 7 §5), built from what is stored and rendered by
:mod:`reviewer_app.letters`.

* 除外のお知らせ: every approved exclusion (the date and the reason in plain words);
* 書類不備のお知らせ: every case 不備連絡中 whose latest notice is not answered yet, with the
  same items as the notice the web system receives (for members without e-mail);
* 再認定のご案内: every approved exclusion with a re-certification date (30-day deadline).

Who: supervisors and admins print every letter; an examiner prints only the letters of the
cases they hold. The society's name is the insurer's from the bundle; its contact block (the
department, address, telephone and hours) is the workspace setting ``society_contact`` set by an
admin (:func:`set_society_contact`). Output is one PDF, written atomically, or one PDF per
letter in a folder (file names carry the kind and the case id, never a name). One audit event
``export.letters`` with the counts per kind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.atomic import OutputNotWritable, write_bytes_atomically
from reviewer_app.errors import InputError, UserError
from reviewer_app.letters import (
    Addressee,
    ExclusionLetter,
    Letter,
    NoticeItemText,
    NoticeLetter,
    RecertificationLetter,
    Society,
    letter_file_stem,
    render_letters,
    reply_deadline_from,
)
from reviewer_app.services import case_trust
from reviewer_app.services.case_views import notice_body
from reviewer_app.services.outcomes import EXAMINER_JUDGEMENT, Person, outcomes, people
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import settings
from reviewer_app.store.enums import CaseStatus, Role, Verdict
from reviewer_app.store.models import Case, Insurer, Survey
from reviewer_app.store.models import DeficiencyNotice as NoticeRow

SOCIETY_CONTACT = "society_contact"  # workspace setting (text)
MAX_CONTACT = 500
JST = timezone(timedelta(hours=9))
DEFAULT_CONTACT = ("（連絡先が設定されていません: 管理者が reviewer-app society-contact "
                   "で設定します）")

# The reason as the member reads it in 除外のお知らせ.
REASON_PLAIN_JA: dict[str, str] = {
    "three_consecutive_months":
        "ご提出いただいた給与明細書により、月額の収入が3か月続けて収入限度額を超えたことを確認したため",
    "three_month_average":
        "ご提出いただいた給与明細書により、3か月の平均月額が収入限度額を超えたことを確認したため",
    "daily_benefit": "受給している給付の日額が収入限度額(日額)以上であることを確認したため",
    "age_75": "75歳に到達され、後期高齢者医療制度の被保険者となったため",
    "survey_not_submitted": "被扶養者資格調査の調査票および書類のご提出が期限までになかったため",
    EXAMINER_JUDGEMENT:
        "ご提出いただいた書類により収入を確認した結果、被扶養者の収入要件を満たさないと判断したため",
}


class LetterKind(StrEnum):
    EXCLUSION = "exclusion"
    NOTICE = "notice"
    RECERTIFICATION = "recertification"


@dataclass(frozen=True)
class LettersSummary:
    path: str
    files: int
    by_kind: dict[str, int]

    @property
    def letters(self) -> int:
        return sum(self.by_kind.values())

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "letters": self.letters}


class NoLetters(UserError):
    def __init__(self) -> None:
        super().__init__(
            "書き出す通知文書がありません(承認済みの除外、回答待ちの不備連絡、再認定のいずれも"
            "ありません)。何も書き出していません。",
            "There are no letters to write (no approved exclusion, no notice awaiting an "
            "answer, no re-certification). Nothing was written.", code="no_letters")


def set_society_contact(ws: WorkspaceSession, contact: str) -> None:
    """The contact block printed on every letter (admin only)."""
    ws.require_role(Role.ADMIN, action_ja="通知文書の連絡先の設定",
                    action_en="set the letters' contact block")
    text = contact.strip()
    if not text or len(text) > MAX_CONTACT:
        raise InputError(f"連絡先は1〜{MAX_CONTACT}文字で指定してください。",
                         f"Give a contact block of 1 to {MAX_CONTACT} characters.",
                         code="bad_contact", subject="contact")
    with ws.transaction() as db:
        settings.set_text(db, SOCIETY_CONTACT, text)
        ws.audit(db, "settings.society_contact", "settings:society_contact",
                 {"characters": len(text)})


def build_letters(ws: WorkspaceSession, kinds: Iterable[LetterKind], *,
                  issued_on: date | None = None,
                  case_ids: Iterable[int] | None = None) -> tuple[Society, list[Letter]]:
    """The society and its letters of ``kinds``, in case order (read-only)."""
    wanted = set(kinds)
    issued = issued_on or datetime.now(JST).date()
    mine_only = not ws.user.has(Role.SUPERVISOR, Role.ADMIN)
    ids = set(case_ids) if case_ids is not None else None
    with ws.transaction(readonly=True) as db:
        society = _society(db)
        allowed = _allowed_cases(db, ws.user.id if mine_only else None, ids)
        letters: list[tuple[int, int, Letter]] = []  # (case id, kind order, letter)
        decided = [o for o in outcomes(db, ws.master_key, verdict=Verdict.EXCLUDE,
                                       case_ids=allowed)] \
            if wanted & {LetterKind.EXCLUSION, LetterKind.RECERTIFICATION} else []
        notices = _open_notices(db, allowed) if LetterKind.NOTICE in wanted else []
        # a forged approval or notice never becomes a letter to a member (issue 8 §1)
        case_trust.require_trusted(ws, db, sorted({o.case_id for o in decided}
                                                  | {c for c, _d, _n in notices}))
        persons = people(db, ws.master_key, [o.dependent_id for o in decided]
                         + [dep for _c, dep, _n in notices])
        for o in decided:
            to = _addressee(o.case_id, persons[o.dependent_id])
            if LetterKind.EXCLUSION in wanted and o.exclusion_date is not None:
                letters.append((o.case_id, 0, ExclusionLetter(
                    to, issued, o.exclusion_date, REASON_PLAIN_JA.get(
                        o.rule or "", REASON_PLAIN_JA[EXAMINER_JUDGEMENT]))))
            if LetterKind.RECERTIFICATION in wanted and o.recertification_date is not None:
                letters.append((o.case_id, 2, RecertificationLetter(
                    to, issued, o.recertification_date, reply_deadline_from(issued))))
        for case_id, dependent_id, row in notices:
            letters.append((case_id, 1, _notice_letter(
                _addressee(case_id, persons[dependent_id]), row, ws.master_key)))
    letters.sort(key=lambda t: (t[0], t[1]))
    return society, [letter for _c, _k, letter in letters]


def write_letters(ws: WorkspaceSession, out: Path, kinds: Sequence[LetterKind], *,
                  per_letter: bool = False, issued_on: date | None = None,
                  case_ids: Iterable[int] | None = None) -> LettersSummary:
    """Render the letters to ``out``: one PDF, or (``per_letter``) one PDF per letter in the
    folder ``out``. Raises :class:`NoLetters` when there is nothing to print."""
    out = Path(out)
    if per_letter and out.exists() and not out.is_dir():
        raise OutputNotWritable(out, "フォルダではありません / not a folder")
    if not per_letter and not out.parent.is_dir():
        raise OutputNotWritable(out, "フォルダがありません / no such folder")
    society, letters = build_letters(ws, kinds, issued_on=issued_on, case_ids=case_ids)
    if not letters:
        raise NoLetters()
    by_kind: dict[str, int] = {}
    for letter in letters:
        kind = letter_file_stem(letter).split("-", 1)[0]
        by_kind[kind] = by_kind.get(kind, 0) + 1
    if per_letter:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputNotWritable(out, exc.strerror or type(exc).__name__) from None
        for letter in letters:
            write_bytes_atomically(out / f"{letter_file_stem(letter)}.pdf",
                                   render_letters([letter], society))
        files = len(letters)
    else:
        write_bytes_atomically(out, render_letters(letters, society))
        files = 1
    with ws.transaction() as db:
        ws.audit(db, "export.letters", "", {
            "by_kind": by_kind, "files": files,
            "per_letter": per_letter,
            "case_ids": sorted({int(letter.to.ref.removeprefix("case-")) for letter in letters})})
    return LettersSummary(str(out), files, by_kind)


# --- helpers ------------------------------------------------------------------------------------


def _society(db: Session) -> Society:
    name = db.scalar(select(Insurer.name).join(Survey, Survey.insurer_id == Insurer.id)
                     .order_by(Survey.id.desc()).limit(1)) or "健康保険組合"
    return Society(name, settings.get_text(db, SOCIETY_CONTACT) or DEFAULT_CONTACT)


def _allowed_cases(db: Session, holder: int | None, ids: set[int] | None) -> list[int] | None:
    """None for every case; else the ids the user may print (an examiner: the cases held)."""
    if holder is None and ids is None:
        return None
    stmt = select(Case.id)
    if holder is not None:
        stmt = stmt.where(Case.assignee_id == holder)
    if ids is not None:
        stmt = stmt.where(Case.id.in_(ids))
    return list(db.scalars(stmt))


def _open_notices(db: Session, allowed: list[int] | None) -> list[tuple[int, int, NoticeRow]]:
    """(case id, dependent id, latest notice) of each case waiting for the member's answer."""
    stmt = (select(Case.id, Case.dependent_id, NoticeRow)
            .join(NoticeRow, NoticeRow.case_id == Case.id)
            .where(Case.status == CaseStatus.NOTICE_SENT.value, NoticeRow.answered_at.is_(None))
            .order_by(Case.id, NoticeRow.id))
    if allowed is not None:
        stmt = stmt.where(Case.id.in_(allowed))
    latest: dict[int, tuple[int, int, NoticeRow]] = {}
    for case_id, dependent_id, row in db.execute(stmt):
        latest[case_id] = (case_id, dependent_id, row)
    return list(latest.values())


def _addressee(case_id: int, person: Person) -> Addressee:
    return Addressee(ref=f"case-{case_id}", insured_name=person.insured_name,
                     card_symbol=person.card_symbol, card_number=person.card_number,
                     office_name=person.office_name, dependent_name=person.dependent_name,
                     relationship_label=person.relationship_label)


def _notice_letter(to: Addressee, row: NoticeRow, mk: bytes) -> NoticeLetter:
    body = notice_body(row, mk)
    texts = tuple(NoticeItemText(item["title"], body.reason_text(item),
                                 item.get("what_to_submit") or "", item.get("note") or "")
                  for item in body.items)
    return NoticeLetter(to, body.issued_on, row.reply_deadline, texts, body.message)

"""Results back to the web system (issue 7 §2): keys, and the sequence-numbered results export.

Keys
    The workspace signs results with its own Ed25519 key (``results_signing_key``, sealed under
    the master key; its public half is the setting ``results_public_key`` and the file
    ``DIR/results-signer.pub`` for the web system to pin). :func:`ensure_results_key` makes it at
    ``init`` and, for a workspace made before it existed, at the first sign-in after the upgrade
    (a migration cannot seal: it has no master key). The web system's X25519 key, to which
    results are encrypted, is pinned by an admin (:func:`trust_web_system`).

What an export holds
    One :class:`~reviewer_app.bundle.results.DependentResult` per case whose result changed since
    the last export (``--all``: every case): its status (審査中, 不備連絡中, 継続, 除外 with the
    approved date, 再認定 with its date) and every deficiency notice with its items, message,
    deadline (ISO and 和暦) and the documents to upload again. "Changed" is judged by a keyed MAC
    of the result (:class:`~reviewer_app.store.models.ResultMark`), so no clear text is kept.

Safety
    Supervisors and admins only. The bundle is written to a temporary file beside the target,
    fsync-ed; the export row, the marks and the audit event are written in the same transaction,
    and the file is renamed onto the target just before that transaction commits: a failure at any
    point leaves neither a target file nor a database change (if the commit itself fails after
    the rename, the file is removed again). An export never changes a case; it stamps
    ``exported_at`` on the notices it carries for the first time.
"""

from __future__ import annotations

import contextlib
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from reviewer_app.atomic import publish, temporary_output
from reviewer_app.bundle.results import (
    DependentResult,
    NoticeItemResult,
    NoticeResult,
    ResultStatus,
    ResultsWriter,
    UploadAgain,
)
from reviewer_app.domain.vocabulary import CaseStatus, Role, Verdict
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.errors import InputError, UserError
from reviewer_app.review.deficiency import DeficiencyReason
from reviewer_app.security import keys
from reviewer_app.services import case_trust
from reviewer_app.services.case_views import notice_body
from reviewer_app.services.outcomes import outcomes
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import sealing, settings
from reviewer_app.store.blind_index import content_mac
from reviewer_app.store.models import (
    Case,
    Decision,
    Dependent,
    Member,
    ResultMark,
    ResultsExport,
    Survey,
)
from reviewer_app.store.models import DeficiencyNotice as NoticeRow
from reviewer_app.store.types import utcnow

RESULTS_SIGNER_FILE = "results-signer.pub"
EXPORT_ROLES = (Role.SUPERVISOR, Role.ADMIN)


# --- keys ---------------------------------------------------------------------------------------


def ensure_results_key(db: Session, master_key: bytes) -> Ed25519PrivateKey:
    """The workspace's results signing key, created (sealed) when it is missing."""
    raw = settings.get_sealed(db, settings.RESULTS_PRIVATE_KEY, master_key)
    if raw is not None:
        return keys.signing_key_from_bytes(raw)
    key = keys.generate_signing_key()
    settings.set_sealed(db, settings.RESULTS_PRIVATE_KEY, master_key, keys.private_key_bytes(key))
    settings.set_text(db, settings.RESULTS_PUBLIC_KEY, keys.public_key_to_text(key.public_key()))
    return key


def write_results_signer_file(directory: Path, public_text: str) -> Path:
    path = Path(directory) / RESULTS_SIGNER_FILE
    path.write_text(public_text + "\n", encoding="utf-8")
    return path


def results_public_key(ws: WorkspaceSession) -> str:
    """``reviewer-app-ed25519 …``: the key the web system pins to verify results."""
    with ws.transaction() as db:
        ensure_results_key(db, ws.master_key)
        text = settings.get_text(db, settings.RESULTS_PUBLIC_KEY)
    assert text is not None
    return text


@dataclass(frozen=True)
class WebSystemKey:
    key_id: str
    public_key_text: str
    results_public_key_text: str  # ours, to give to the web system
    replaced: str | None  # the key id pinned before, if any


def trust_web_system(ws: WorkspaceSession, public_key_text: str) -> WebSystemKey:
    """Pin the web system's X25519 key (admin only); results are encrypted to it."""
    ws.require_role(Role.ADMIN, action_ja="Webシステムの鍵の登録",
                    action_en="pin the web system's key")
    public = keys.public_key_from_text(public_key_text)
    if not isinstance(public, X25519PublicKey):
        raise InputError(
            "これはWebシステムの受信用の鍵（reviewer-app-x25519 …）ではありません。"
            "署名用の鍵（reviewer-app-ed25519）は trust-exporter で登録します。"
            "Webシステムの管理者から受け取った受信用公開鍵を指定してください。",
            "This is not the web system's encryption key (reviewer-app-x25519 …); a signing "
            "key (reviewer-app-ed25519) is pinned with trust-exporter. Give the web system's "
            "public encryption key.",
            code="web_system_key_not_x25519")
    kid = keys.key_id(public)
    with ws.transaction() as db:
        before = settings.get_text(db, settings.WEB_SYSTEM_KEY_ID)
        settings.set_text(db, settings.WEB_SYSTEM_PUBLIC_KEY, keys.public_key_to_text(public))
        settings.set_text(db, settings.WEB_SYSTEM_KEY_ID, kid)
        ensure_results_key(db, ws.master_key)
        ours = settings.get_text(db, settings.RESULTS_PUBLIC_KEY)
        ws.audit(db, "web_system.trust", f"web_system:{kid}",
                 {"key_id": kid, "replaced": before if before != kid else None})
    assert ours is not None
    write_results_signer_file(ws.workspace.dir, ours)
    return WebSystemKey(kid, keys.public_key_to_text(public), ours,
                        before if before != kid else None)


def _web_system_key(db: Session) -> X25519PublicKey:
    text = settings.get_text(db, settings.WEB_SYSTEM_PUBLIC_KEY)
    if text is None:
        raise UserError(
            "Webシステムの受信用の鍵が登録されていません。管理者が reviewer-app trust-web-system "
            "で登録してから、もう一度書き出してください。",
            "The web system's encryption key is not pinned. An administrator pins it with "
            "reviewer-app trust-web-system; then export again.",
            code="web_system_key_missing")
    key = keys.public_key_from_text(text)
    assert isinstance(key, X25519PublicKey)
    return key


# --- the export ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultsExportSummary:
    sequence: int
    bundle_id: str
    path: str
    full: bool
    dependents: int
    notices: int
    by_status: dict[str, int]
    file_sha256: str
    bytes: int

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


def export_results(ws: WorkspaceSession, out: Path, *, full: bool = False,
                   now: datetime | None = None) -> ResultsExportSummary:
    """Write the next results bundle to ``out``; see the module doc."""
    import hashlib

    ws.require_role(*EXPORT_ROLES, action_ja="結果の書き出し",
                    action_en="export results to the web system")
    out = Path(out)
    now = now or utcnow()
    mk = ws.master_key
    published = False
    try:
        with ws.transaction() as db:
            recipient = _web_system_key(db)
            signing_key = ensure_results_key(db, mk)
            # every case with a decision or a notice: a forged one never reaches the members
            case_trust.require_trusted(ws, db, sorted(
                set(db.scalars(select(Decision.case_id).distinct()))
                | set(db.scalars(select(NoticeRow.case_id).distinct()))))
            sequence = (db.scalar(select(func.max(ResultsExport.seq))) or 0) + 1
            marks: dict[int, bytes] = dict(
                db.execute(select(ResultMark.case_id, ResultMark.state_mac)).all())
            new_marks: list[dict[str, Any]] = []
            changed_marks: list[dict[str, Any]] = []
            handle, tmp = temporary_output(out)
            try:
                with handle:
                    writer = ResultsWriter(handle, signing_key=signing_key, recipient=recipient,
                                           workspace_id=ws.workspace.workspace_id,
                                           sequence=sequence, full=full, created_at=now)
                    by_status: dict[str, int] = {}
                    notices = 0
                    fresh_notices: list[int] = []
                    for case_id, result, unexported in current_results(db, mk):
                        mac = content_mac(ws.content_mac_key, sealing.canonical_json(
                            _marked_state(result)))
                        mark = marks.get(case_id)
                        if not full and mark == mac:
                            continue
                        writer.add(result)
                        by_status[result.status.value] = by_status.get(result.status.value,
                                                                       0) + 1
                        notices += len(result.notices)
                        fresh_notices += unexported
                        row = {"case_id": case_id, "state_mac": mac, "export_seq": sequence}
                        (new_marks if mark is None else changed_marks).append(row)
                    writer.close()
                # Core statements in bulk: at 10,000 cases one ORM object per mark costs seconds.
                if new_marks:
                    db.execute(insert(ResultMark), new_marks)
                if changed_marks:
                    db.execute(update(ResultMark), changed_marks)
                digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
                size = tmp.stat().st_size
                for notice in db.scalars(select(NoticeRow).where(NoticeRow.id.in_(fresh_notices))):
                    notice.exported_at = now
                db.add(ResultsExport(
                    seq=sequence, bundle_id=writer.bundle_id, full=full,
                    dependents=writer.dependents, notices=notices, file_sha256=digest,
                    recipient_key_id=keys.key_id(recipient), created_by_id=ws.user.id,
                    created_at=now))
                db.flush()
                ws.audit(db, "results.export", f"results:{sequence}", {
                    "sequence": sequence, "bundle_id": writer.bundle_id, "full": full,
                    "dependents": writer.dependents, "notices": notices,
                    "by_status": by_status, "file_sha256": digest})
                publish(tmp, out)
                published = True
            except BaseException:
                tmp.unlink(missing_ok=True)
                raise
    except BaseException:
        if published:  # the commit failed after the rename: take the file back
            with contextlib.suppress(OSError):
                out.unlink()
        raise
    return ResultsExportSummary(sequence, writer.bundle_id, str(out), full, writer.dependents,
                                notices, by_status, digest, size)


def current_results(db: Session, mk: bytes) -> list[tuple[int, DependentResult, list[int]]]:
    """Every case's result as the web system should know it now, with the ids of the notices
    not exported before; ordered by case id."""
    rows = db.execute(
        select(Case.id, Case.status, Dependent.dependent_key, Member.member_key,
               Member.submission_key, Member.current_revision, Survey.survey_key,
               Dependent.paper_since)
        .join(Dependent, Dependent.id == Case.dependent_id)
        .join(Member, Member.id == Dependent.member_id)
        .join(Survey, Survey.id == Case.survey_id)
        .order_by(Case.id)).all()
    decided = {o.case_id: o for o in outcomes(db, mk)}
    by_case: dict[int, list[NoticeRow]] = {}
    for notice in db.scalars(select(NoticeRow).order_by(NoticeRow.id)):
        by_case.setdefault(notice.case_id, []).append(notice)
    out: list[tuple[int, DependentResult, list[int]]] = []
    for (case_id, status, dependent_key, member_key, submission_key, revision, survey_key,
         paper_since) in rows:
        outcome = decided.get(case_id) if status == CaseStatus.DONE.value else None
        result_status = {CaseStatus.NOTICE_SENT.value: ResultStatus.NOTICE_SENT}.get(
            status, ResultStatus.IN_REVIEW)
        exclusion = recert = decided_at = None
        if outcome is not None:
            decided_at = outcome.approved_at
            if outcome.verdict is Verdict.EXCLUDE:
                exclusion, recert = outcome.exclusion_date, outcome.recertification_date
                result_status = (ResultStatus.RECERTIFIED if recert is not None
                                 else ResultStatus.EXCLUDED)
            else:
                result_status = ResultStatus.CONTINUED
        notices = [notice_result(n, mk) for n in by_case.get(case_id, [])]
        out.append((case_id, DependentResult(
            survey_id=survey_key, member_id=member_key, submission_id=submission_key,
            dependent_id=dependent_key, reviewed_revision=revision, status=result_status,
            exclusion_date=exclusion, recertification_date=recert, decided_at=decided_at,
            notices=notices, answered_on_paper=paper_since is not None),
            [n.id for n in by_case.get(case_id, []) if n.exported_at is None]))
    return out


def _marked_state(result: DependentResult) -> dict[str, Any]:
    """What the keyed MAC of a result covers: every field, with ``answered_on_paper`` only when
    true (a web case's MAC is the one it had before the field existed: no re-export)."""
    state = result.model_dump(mode="json")
    if not state.get("answered_on_paper"):
        state.pop("answered_on_paper", None)
    return state


def notice_result(row: NoticeRow, mk: bytes) -> NoticeResult:
    body = notice_body(row, mk)
    again: dict[str, str] = {}
    for item in body.items:
        again.setdefault(item["document_key"], item["title"][:100])
    return NoticeResult(
        notice_id=row.id, issued_on=body.issued_on, reply_deadline=row.reply_deadline,
        reply_deadline_wareki=format_wareki(row.reply_deadline), message=body.message,
        items=[NoticeItemResult(
            document_id=item["document_key"], title=item["title"][:100],
            reason=str(item.get("reason", DeficiencyReason.OTHER.value)),
            reason_text=body.reason_text(item), what_to_submit=item.get("what_to_submit") or "",
            note=item.get("note") or "") for item in body.items],
        upload_again=[UploadAgain(document_id=k, title=v) for k, v in again.items()],
        answered_at=row.answered_at)

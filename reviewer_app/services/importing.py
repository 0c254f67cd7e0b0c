"""Import an export bundle into the workspace: verify everything, store everything, or nothing.

Who may import
    Examiners, supervisors and admins: importing adds the web system's data but decides nothing
    about a case, and the team member who receives the bundle is usually an examiner. The event
    ``bundle.import`` names the user.

One transaction
    The bundle is verified by :mod:`reviewer_app.bundle.reader` (signature before decryption,
    then every object's hash, fields and size as it is read) while its submissions and files are
    written, sealed under the master key, inside ONE transaction. Any error rolls the whole
    import back: no Import row, no audit event, no member, no blob. A refused import is not
    audited (the database stays byte-for-byte as it was; the reason goes to the person who ran
    it).

Quarantine (issue 9)
    A member's file whose *contents* cannot be shown (not an accepted type, not the declared
    type, damaged or cut off, password-protected, a PDF without pages, too many pixels or an
    extreme shape, a bomb that exhausts the check) does not refuse the bundle: every file is
    checked by :mod:`reviewer_app.render.checker` in a child process with a time and memory
    limit, and a failing one is stored sealed like any other with its
    :class:`~reviewer_app.render.problems.FileProblem` in ``quarantine_reason``. The 書類 tab
    shows it as 「ファイルを開けません」 with the reason, the viewer never renders it, and the
    notice proposes asking the member for it again. The summary and the audit event count the
    quarantined files per reason.

Re-imports and revisions (per submission, keyed by survey and the bundle's ``member_id``)
    * the same bundle file again (same bundle id and file SHA-256): nothing is written, the
      summary reports every submission unchanged (``already_imported``), no audit event;
    * a new member: stored, one Case (``not_started``) per dependent: *new*;
    * the stored revision again with the same content (keyed MAC of the canonical JSON, and the
      same file bytes): *unchanged*, nothing written;
    * the stored revision again with DIFFERENT content: the whole import is refused
      (:class:`RevisionConflict`): the web system must raise the revision when it changes a
      submission, and silently choosing one of two versions of a member's answers is unsafe;
    * a LOWER revision: ignored (*outdated*); it is still verified, so a damaged bundle is
      refused, but the newer stored revision stays (bundles may arrive out of order);
    * a HIGHER revision: *updated*: a new SubmissionRevision (old ones kept), the member and
      dependents updated, the new revision's required documents and files stored (a blob is
      bound to its attachment row by its associated data, so a file already stored is sealed
      again rather than shared), search tokens replaced, the examiner's work (income sheet,
      document checks, decisions, notices) untouched, and every case of the member whose review
      had started (status other than ``not_started``) flagged ``updated_after_review``. A
      dependent missing from the new revision keeps their case; a new one gets a case. The
      revision answers the cases' open deficiency notices: each is stamped answered, and a
      case 不備連絡中 returns to 審査中 with ``resubmitted_at`` set (issue 7 §3).

Memory and speed
    One object is held at a time. Blobs are sealed and inserted with Core ``insert()`` (never in
    the ORM identity map) in batches of at most :data:`BLOB_BATCH_BYTES`; metadata rows are
    flushed per submission and dropped. The bundle file's SHA-256 is computed on a second thread
    (hashlib releases the GIL) while the import runs.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reviewer_app.bundle import schema
from reviewer_app.bundle.reader import BundleReader, open_bundle
from reviewer_app.domain.vocabulary import Role
from reviewer_app.errors import UserError
from reviewer_app.render.checker import ContentChecker, shared_checker
from reviewer_app.services import exporters
from reviewer_app.services.import_rows import RowWriter
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import sealing
from reviewer_app.store.blind_index import content_mac
from reviewer_app.store.models import (
    Attachment,
    Import,
    Insurer,
    Member,
    RequiredDocument,
    SubmissionRevision,
    Survey,
)
from reviewer_app.store.types import utcnow

IMPORT_ROLES = (Role.EXAMINER, Role.SUPERVISOR, Role.ADMIN)
BLOB_BATCH_BYTES = 32 * 1024 * 1024
_HASH_CHUNK = 4 * 1024 * 1024


@dataclass(frozen=True)
class ImportSummary:
    """What an import did. Counts of members/dependents/attachments are those in the bundle;
    ``new + updated + unchanged + outdated`` is the number of submissions."""

    bundle_id: str
    import_id: int | None  # None when nothing was written (the same bundle again)
    members: int
    dependents: int
    attachments: int
    new: int
    updated: int
    unchanged: int
    outdated: int
    flagged_cases: int  # cases marked updated_after_review by this import
    bytes: int  # ciphertext bytes of every object in the bundle
    already_imported: bool = False
    resubmitted_cases: int = 0  # 不備連絡中 cases sent back to review by a newer revision
    # files kept quarantined, per FileProblem value (for the same bundle again: as stored)
    quarantined: dict[str, int] = field(default_factory=dict)

    @property
    def quarantined_files(self) -> int:
        return sum(self.quarantined.values())

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


class RevisionConflict(UserError):
    """A submission arrives again at its stored revision but with different content."""

    def __init__(self, object_id: str, revision: int) -> None:
        super().__init__(
            f"バンドルを取り込めません: 提出 {object_id} は取込済みの版 {revision} と同じ版番号"
            "ですが内容が異なります。WEBシステムの管理者に、変更した提出の版番号を上げて"
            "再エクスポートするよう依頼してください。",
            f"Cannot import the bundle: submission {object_id} has the revision {revision} "
            "already imported but different contents. Ask the web system's administrator to "
            "raise the revision of changed submissions and export again.",
            code="revision_conflict", subject=object_id,
        )


class ImportDataError(UserError):
    """The bundle is well-formed but its data cannot be stored (e.g. a duplicated id)."""

    def __init__(self, subject: str, detail: str) -> None:
        super().__init__(
            f"バンドルを取り込めません: {subject} のデータを保存できません（{detail}）。"
            "WEBシステムの管理者に再エクスポートを依頼してください。",
            f"Cannot import the bundle: the data of {subject} cannot be stored ({detail}). "
            "Ask the web system's administrator to export the bundle again.",
            code="unstorable_data", subject=subject,
        )


class InsurerOfOtherExporter(UserError):
    """The bundle speaks for an insurer whose bundles come from another pinned exporter key."""

    def __init__(self, insurer_code: str, bound_key_id: str, bundle_key_id: str) -> None:
        super().__init__(
            f"保険者番号 {insurer_code} のデータは、別のエクスポート元の鍵（key id {bound_key_id}）"
            f"で署名されたバンドルから取り込まれています。このバンドルの署名鍵（key id "
            f"{bundle_key_id}）ではこの保険者のデータを取り込めません。Webシステムの鍵が"
            "変わったときは、管理者が trust-exporter --replaces で新しい鍵に引き継いでください。",
            f"The data of insurer {insurer_code} comes from bundles signed by another exporter "
            f"key (key id {bound_key_id}); this bundle's key (key id {bundle_key_id}) cannot "
            "import data for that insurer. When the web system's key changes, an administrator "
            "hands the insurer over with trust-exporter --replaces.",
            code="insurer_of_other_exporter", subject=insurer_code)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def import_bundle(
    ws: WorkspaceSession, path: Path, *, progress: Callable[[int, int], None] | None = None,
    checker: ContentChecker | None = None,
) -> ImportSummary:
    """Verify and store the bundle at ``path`` in one transaction; see the module doc.

    Raises :class:`~reviewer_app.bundle.errors.BundleError` (the bundle is refused),
    :class:`RevisionConflict` or :class:`ImportDataError`; nothing is stored then.
    ``progress(done_objects, total_objects)`` is called after each submission. ``checker``
    checks the files' contents (default: the process's shared one).
    """
    ws.require_role(*IMPORT_ROLES, action_ja="バンドルの取込", action_en="import bundles")
    path = Path(path)
    checker = checker if checker is not None else shared_checker()
    with (ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-sha256") as pool,
          ThreadPoolExecutor(max_workers=1, thread_name_prefix="file-sha256") as hasher):
        file_hash = pool.submit(file_sha256, path)
        try:
            with ws.transaction() as db:
                recipient = exporters.load_recipient_private_key(db, ws.master_key)
                trusted = exporters.trusted_keys(db)
                with open_bundle(path, trusted_signers=trusted, recipient_key=recipient) as reader:
                    return _import(ws, db, reader, file_hash, hasher, checker, progress)
        except IntegrityError as exc:
            raise ImportDataError(path.name, type(exc.orig).__name__) from None
        finally:
            file_hash.cancel()


def _import(
    ws: WorkspaceSession,
    db: Session,
    reader: BundleReader,
    file_hash: Future[str],
    hasher: Executor,
    checker: ContentChecker,
    progress: Callable[[int, int], None] | None,
) -> ImportSummary:
    manifest = reader.manifest
    previous = db.scalars(select(Import).where(Import.bundle_id == manifest.bundle_id)).all()
    if previous:
        digest = file_hash.result()
        for done in previous:
            if done.file_sha256 == digest:
                return ImportSummary(
                    manifest.bundle_id, None, done.members, done.dependents, done.attachments,
                    0, 0, done.new + done.updated + done.unchanged, 0, 0, reader.total_bytes,
                    already_imported=True, quarantined=_stored_quarantine(db, done.id),
                )
    survey = _survey(db, manifest)
    row = Import(
        bundle_id=manifest.bundle_id, file_sha256="0" * 64,
        exporter_key_id=manifest.exporter_key_id, survey_id=survey.id,
        bundle_created_at=manifest.created_at, imported_at=utcnow(), imported_by_id=ws.user.id,
        members=0, dependents=0, attachments=0, new=0, updated=0, unchanged=0, bytes=0,
    )
    db.add(row)
    db.flush()
    writer = RowWriter(ws, db, survey_id=survey.id, import_id=row.id,
                       blob_batch_bytes=BLOB_BATCH_BYTES, hasher=hasher, checker=checker)
    counts = {"members": 0, "dependents": 0, "attachments": 0, "new": 0, "updated": 0,
              "unchanged": 0, "outdated": 0}
    total = len(manifest.objects)
    done_objects = 0
    for object_id, submission in reader.iter_submissions():
        outcome = _one_submission(ws, db, reader, writer, object_id, submission)
        counts[outcome] += 1
        counts["members"] += 1
        counts["dependents"] += len(submission.dependents)
        n_files = len(submission.file_ids())
        counts["attachments"] += n_files
        done_objects += 1 + n_files
        if progress is not None:
            progress(done_objects, total)
    writer.finish()
    row.file_sha256 = file_hash.result()
    row.members, row.dependents, row.attachments = (
        counts["members"], counts["dependents"], counts["attachments"])
    # The Import row keeps new/updated/unchanged; outdated submissions count as unchanged there.
    row.new, row.updated = counts["new"], counts["updated"]
    row.unchanged = counts["unchanged"] + counts["outdated"]
    row.bytes = reader.total_bytes
    db.flush()
    ws.audit(db, "bundle.import", f"import:{row.id}", {
        "bundle_id": manifest.bundle_id, "exporter_key_id": manifest.exporter_key_id,
        "file_sha256": row.file_sha256, "members": counts["members"],
        "dependents": counts["dependents"], "attachments": counts["attachments"],
        "new": counts["new"], "updated": counts["updated"], "unchanged": counts["unchanged"],
        "outdated": counts["outdated"], "flagged_cases": writer.flagged_cases,
        "resubmitted_cases": writer.resubmitted_cases, "bytes": reader.total_bytes,
        # [reason, files] pairs, not a mapping: the audit trail refuses keys that look like
        # secrets, and "password_protected" is one by its words
        "quarantined": [[reason, n] for reason, n in sorted(writer.quarantined.items())],
    })
    return ImportSummary(
        manifest.bundle_id, row.id, counts["members"], counts["dependents"],
        counts["attachments"], counts["new"], counts["updated"], counts["unchanged"],
        counts["outdated"], writer.flagged_cases, reader.total_bytes,
        resubmitted_cases=writer.resubmitted_cases,
        quarantined=dict(sorted(writer.quarantined.items())),
    )


def _stored_quarantine(db: Session, import_id: int) -> dict[str, int]:
    """Quarantined files per reason among the files an earlier import stored."""
    rows = db.execute(
        select(Attachment.quarantine_reason, func.count())
        .join(RequiredDocument, RequiredDocument.id == Attachment.required_document_id)
        .join(SubmissionRevision, SubmissionRevision.id == RequiredDocument.revision_id)
        .where(SubmissionRevision.import_id == import_id,
               Attachment.quarantine_reason.is_not(None))
        .group_by(Attachment.quarantine_reason))
    return {str(reason): int(count) for reason, count in sorted(rows)}


def _survey(db: Session, manifest: schema.Manifest) -> Survey:
    """The manifest's insurer and survey, created or brought up to date.

    An insurer is bound to the exporter key of its first import: a bundle for it signed by
    another pinned key is refused (:class:`InsurerOfOtherExporter`). The insurer's name and the
    survey's settings (deadline, set date, period…) change only from a bundle created after the
    one they came from: an older export, replayed or late, imports its submissions by their
    revisions but never turns the survey's dates back (issue 8 §8)."""
    insurer = db.scalars(
        select(Insurer).where(Insurer.code == manifest.insurer.code)).one_or_none()
    if insurer is None:
        insurer = Insurer(code=manifest.insurer.code, name=manifest.insurer.name,
                          exporter_key_id=manifest.exporter_key_id)
        db.add(insurer)
        db.flush()
    elif insurer.exporter_key_id is None:  # imported before the binding existed
        insurer.exporter_key_id = manifest.exporter_key_id
    elif insurer.exporter_key_id != manifest.exporter_key_id:
        raise InsurerOfOtherExporter(manifest.insurer.code, insurer.exporter_key_id,
                                     manifest.exporter_key_id)
    s = manifest.survey
    survey = db.scalars(select(Survey).where(
        Survey.insurer_id == insurer.id, Survey.survey_key == s.survey_id)).one_or_none()
    values = {"name": s.name, "target_year": s.target_year, "answer_start": s.answer_period.start,
              "answer_end": s.answer_period.end, "submission_deadline": s.submission_deadline,
              "non_submission_exclusion_date": s.non_submission_exclusion_date,
              "metadata_at": manifest.created_at}
    if survey is None:
        survey = Survey(insurer_id=insurer.id, survey_key=s.survey_id, **values)
        db.add(survey)
        db.flush()
    elif survey.metadata_at is None or manifest.created_at > survey.metadata_at:
        for key, value in values.items():
            if getattr(survey, key) != value:
                setattr(survey, key, value)
        if insurer.name != manifest.insurer.name:
            insurer.name = manifest.insurer.name
    return survey


def _one_submission(
    ws: WorkspaceSession,
    db: Session,
    reader: BundleReader,
    writer: RowWriter,
    object_id: str,
    submission: schema.Submission,
) -> str:
    """Store or check one submission and its files; returns the count it falls under."""
    plaintext = sealing.canonical_json(submission.model_dump(mode="json"))
    mac = content_mac(ws.content_mac_key, plaintext)
    member = db.scalars(select(Member).where(
        Member.survey_id == writer.survey_id,
        Member.member_key == submission.insured.member_id)).one_or_none()
    if member is None:
        writer.store_submission(reader, submission, plaintext, mac, member=None)
        return "new"
    if submission.revision > member.current_revision:
        writer.store_submission(reader, submission, plaintext, mac, member=member)
        return "updated"
    # Same or lower revision: verify every file's integrity (a damaged bundle is refused) and
    # compare; the stored revision keeps the verdicts of its own content checks.
    hashes = _verify_files(reader, submission)
    if submission.revision < member.current_revision:
        return "outdated"
    stored = db.scalars(select(SubmissionRevision).where(
        SubmissionRevision.member_id == member.id,
        SubmissionRevision.revision == submission.revision)).one()
    if stored.source == "paper":
        # staff keyed in a paper survey as this revision (services.paper): the web system's
        # revision of the same number is what the member had before (未提出), not a change
        return "outdated"
    same = hmac.compare_digest(stored.content_mac, mac) and (
        writer.stored_file_hashes(stored.id) == hashes)
    if not same:
        raise RevisionConflict(object_id, submission.revision)
    return "unchanged"


def _verify_files(reader: BundleReader, submission: schema.Submission) -> dict[str, str]:
    out: dict[str, str] = {}
    for dependent in submission.dependents:
        for document in dependent.required_documents:
            for uploaded in document.files:
                data = reader.read_file(uploaded.file_id)
                key = f"{dependent.dependent_id}/{document.document_id}/{uploaded.file_id}"
                out[key] = hashlib.sha256(data).hexdigest()
                del data
    return out

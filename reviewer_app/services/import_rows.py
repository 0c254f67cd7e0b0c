"""The rows one imported submission becomes (used by :mod:`reviewer_app.services.importing`).

Metadata rows (member, dependents, revision, required documents, cases) go through the ORM and
are flushed once per submission; nothing keeps a reference to them afterwards, so the session's
weak identity map lets them go. Attachment rows and their sealed bytes go through Core
``insert()`` one file at a time: the file is read (and verified) from the bundle, hashed, sealed
under the master key with its row id in the associated data, and written, so at most one file's
plaintext and ciphertext are alive at once (plus the few the content check still holds).

The content check (:mod:`reviewer_app.render.checker`) and the plaintext SHA-256 run on other
threads and processes while the file is sealed and written; their results complete the
attachment rows later in the same transaction, in batched UPDATEs, once they are in: ``sha256``,
``page_count`` and, for a file that cannot be shown, ``quarantine_reason`` (issue 9). Waiting
for them at the end of each submission stalled the import on the last file's check every time;
now it waits only when :data:`MAX_UNFINISHED_ROWS` rows are unfinished, before it compares a
stored revision's hashes, and at the end. A quarantined file is stored like any other: it is the
member's upload, and the notice asks for it again.
"""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from concurrent.futures import Executor, Future
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from reviewer_app.bundle import schema
from reviewer_app.domain import lifecycle
from reviewer_app.domain.lifecycle import Event
from reviewer_app.domain.vocabulary import CaseStatus
from reviewer_app.render.checker import ContentChecker
from reviewer_app.render.inspect import Inspection
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import sealing
from reviewer_app.store.blind_index import Field, card_text, token_rows
from reviewer_app.store.models import (
    Attachment,
    AttachmentBlob,
    Base,
    Case,
    Dependent,
    Member,
    RequiredDocument,
    SearchToken,
    SubmissionRevision,
)
from reviewer_app.store.models import DeficiencyNotice as NoticeRow
from reviewer_app.store.types import utcnow

# Attachment rows whose hash and check may still be running; the import waits beyond this.
MAX_UNFINISHED_ROWS = 512
_Unfinished = tuple[dict[str, Any], Future[str], Future[Inspection]]

_ATTACHMENTS = Base.metadata.tables[Attachment.__tablename__]
_BLOBS = Base.metadata.tables[AttachmentBlob.__tablename__]
_TOKENS = Base.metadata.tables[SearchToken.__tablename__]


class FileSource(Protocol):
    """Where a submission's files come from: a verified bundle (bundle.reader.BundleReader) or
    the files staff attach to a paper survey (services.paper)."""

    def read_file(self, object_id: str) -> bytes: ...


def member_personal(insured: schema.Insured) -> dict[str, Any]:
    return {
        "card_symbol": insured.card_symbol, "card_number": insured.card_number,
        "name": insured.name, "kana": insured.kana, "employee_code": insured.employee_code,
        "birth_date": insured.birth_date.isoformat(), "annual_income": insured.annual_income,
    }


def dependent_personal(dependent: schema.Dependent) -> dict[str, Any]:
    return {
        "name": dependent.name, "kana": dependent.kana,
        "birth_date": dependent.birth_date.isoformat(),
        "certified_on": dependent.certified_on.isoformat() if dependent.certified_on else None,
    }


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class RowWriter:
    """Writes submissions of one import (one transaction, one survey)."""

    def __init__(self, ws: WorkspaceSession, db: Session, *, survey_id: int,
                 import_id: int | None,
                 blob_batch_bytes: int, hasher: Executor, checker: ContentChecker) -> None:
        self._ws = ws
        self._db = db
        self._key = ws.master_key
        self.survey_id = survey_id
        self.import_id = import_id
        self.flagged_cases = 0
        self.resubmitted_cases = 0  # 不備連絡中 cases that a newer revision sent back to review
        self._batch: list[dict[str, Any]] = []
        self._batch_bytes = 0
        self._batch_limit = blob_batch_bytes
        # Plaintext SHA-256 on another thread (hashlib releases the GIL) and the content check
        # in a child process while this one seals and writes; both are resolved when the
        # submission's attachment rows are completed.
        self._hasher = hasher
        self._checker = checker
        self._unfinished: deque[_Unfinished] = deque()
        self.quarantined: Counter[str] = Counter()  # FileProblem value -> files

    # -- one submission -------------------------------------------------------------------------

    def store_submission(self, reader: FileSource, submission: schema.Submission,
                         plaintext: bytes, mac: bytes, *, member: Member | None,
                         source: str = "web", entered_by_id: int | None = None,
                         only: frozenset[str] | None = None) -> SubmissionRevision:
        """Store one revision (a new member, or a newer revision of ``member``); returns it.
        ``source`` ``paper`` with ``entered_by_id``: a paper survey keyed in by that user;
        ``only``: the dependents (by key) the revision changes, whose started cases are flagged
        and whose notices it answers (None: every dependent, as for an import)."""
        db, now, ins = self._db, utcnow(), submission.insured
        updating = member is not None
        if member is None:
            member = Member(survey_id=self.survey_id, member_key=ins.member_id,
                            submission_key=submission.submission_id, office_code=ins.office.code,
                            office_name=ins.office.name, current_revision=submission.revision,
                            updated_at=now)
            db.add(member)
        else:
            member.submission_key = submission.submission_id
            member.office_code, member.office_name = ins.office.code, ins.office.name
            member.current_revision = submission.revision
            member.updated_at = now
        revision = SubmissionRevision(revision=submission.revision,
                                      updated_at=submission.updated_at, imported_at=now,
                                      content_mac=mac, import_id=self.import_id,
                                      source=source, entered_by_id=entered_by_id,
                                      entered_at=now if entered_by_id is not None else None)
        db.flush()
        revision.member_id = member.id
        db.add(revision)
        existing: dict[str, Dependent] = {}
        if updating:
            existing = {d.dependent_key: d for d in db.scalars(
                select(Dependent).where(Dependent.member_id == member.id))}
        rows: list[tuple[schema.Dependent, Dependent]] = []
        fresh: list[Dependent] = []
        for dep in submission.dependents:
            row = existing.get(dep.dependent_id)
            if row is None:
                row = Dependent(member_id=member.id, dependent_key=dep.dependent_id)
                db.add(row)
                fresh.append(row)
            row.relationship = dep.relationship.value
            row.relationship_label = dep.relationship_label
            row.member_status = dep.status.value
            row.submitted_at = dep.submitted_at
            rows.append((dep, row))
        db.flush()
        member.seal_json_into("personal_sealed", self._key, member_personal(ins))
        revision.seal_into("sealed_json", self._key, plaintext)
        for dep, row in rows:
            row.seal_json_into("personal_sealed", self._key, dependent_personal(dep))
        for row in fresh:
            db.add(Case(survey_id=self.survey_id, dependent_id=row.id,
                        status=CaseStatus.NOT_STARTED.value, created_at=now, updated_at=now))
        if updating and existing:
            changed = [d.id for key, d in existing.items() if only is None or key in only]
            self._flag_started_cases(changed)
            self._answer_notices(changed, submission.revision, submission.updated_at, now)
        self._replace_tokens(member.id, ins, rows, updating=updating)
        documents: list[tuple[schema.RequiredDocument, Dependent, RequiredDocument]] = []
        for dep, row in rows:
            for position, doc in enumerate(dep.required_documents):
                doc_row = RequiredDocument(
                    dependent_id=row.id, revision_id=revision.id, document_key=doc.document_id,
                    kind=doc.kind.value, title=doc.title, proceed_without=doc.proceed_without,
                    position=position)
                db.add(doc_row)
                documents.append((doc, row, doc_row))
        db.flush()
        for doc, row, doc_row in documents:
            for position, uploaded in enumerate(doc.files):
                self._unfinished.append(
                    self._store_file(reader, uploaded, row.id, doc_row.id, position))
        self.complete_rows(wait=len(self._unfinished) > MAX_UNFINISHED_ROWS)
        return revision

    def complete_rows(self, *, wait: bool = True) -> None:
        """Write the hash and check results of the attachment rows whose results are in (with
        ``wait``, of every row, waiting for them)."""
        done: list[dict[str, Any]] = []
        while self._unfinished:
            values, digest, verdict = self._unfinished[0]
            if not wait and not (digest.done() and verdict.done()):
                break
            self._unfinished.popleft()
            done.append(self._completed(values, digest, verdict))
        if done:
            self._db.execute(update(Attachment), done)

    def _completed(self, values: dict[str, Any], digest: Future[str],
                   verdict: Future[Inspection]) -> dict[str, Any]:
        inspection = verdict.result()
        problem = None if inspection.problem is None else inspection.problem.value
        if problem is not None:
            self.quarantined[problem] += 1
        return dict(values, sha256=digest.result(), quarantine_reason=problem,
                    page_count=inspection.page_count)

    def _store_file(self, reader: FileSource, uploaded: schema.UploadedFile,
                    dependent_id: int, document_id: int, position: int,
                    ) -> _Unfinished:
        data = reader.read_file(uploaded.file_id)
        digest = self._hasher.submit(_sha256_hex, data)
        verdict = self._checker.submit(data, uploaded.media_type)
        # sha256, page_count and quarantine_reason are filled in by the UPDATE at the end of the
        # submission (same transaction).
        attachment_id: int = self._db.execute(insert(_ATTACHMENTS).values(
            required_document_id=document_id, dependent_id=dependent_id,
            file_key=uploaded.file_id, media_type=uploaded.media_type, size=len(data),
            sha256="", uploaded_at=uploaded.uploaded_at,
            position=position, rotation=0).returning(_ATTACHMENTS.c.id)).scalar_one()
        bind = sealing.document_bind(dependent_id, document_id)
        wrapped, sealed = sealing.seal_document(self._key, attachment_id, bind, data)
        del data
        self._batch.append({"attachment_id": attachment_id, "data": sealed,
                            "wrapped_key": wrapped})
        self._batch_bytes += len(sealed)
        if self._batch_bytes >= self._batch_limit:
            self._flush_blobs()
        name = sealing.seal(self._key, "attachments", attachment_id, "original_name_sealed",
                            uploaded.original_name.encode("utf-8"), bind)
        return {"id": attachment_id, "original_name_sealed": name}, digest, verdict

    def _flush_blobs(self) -> None:
        if self._batch:
            self._db.execute(insert(_BLOBS), self._batch)
        self._batch = []
        self._batch_bytes = 0

    def finish(self) -> None:
        self.complete_rows()
        self._flush_blobs()
        self._db.flush()

    # -- helpers --------------------------------------------------------------------------------

    def _flag_started_cases(self, dependent_ids: list[int]) -> None:
        cases = self._db.scalars(select(Case).where(
            Case.dependent_id.in_(dependent_ids),
            Case.status != CaseStatus.NOT_STARTED.value,
            Case.updated_after_review.is_(False)))
        for case in cases:
            # Through the ORM: the version column moves on, so an examiner's open copy of the
            # case sees the change instead of overwriting it.
            case.updated_after_review = True
            self.flagged_cases += 1

    def _answer_notices(self, dependent_ids: list[int], revision: int, answered: datetime,
                        now: datetime) -> None:
        """A newer revision answers the open deficiency notices of the member's cases: each
        notice is stamped answered at the member's update time (on time or late is read
        against its deadline), and a case
        waiting for the member (不備連絡中) goes back to review with 再提出あり; the examiner's
        holder, entries and document checks stay."""
        cases = self._db.scalars(select(Case).where(Case.dependent_id.in_(dependent_ids)))
        for case in cases:
            notices = self._db.scalars(select(NoticeRow).where(
                NoticeRow.case_id == case.id, NoticeRow.answered_at.is_(None))).all()
            for notice in notices:
                notice.answered_at, notice.answered_revision = answered, revision
            status = CaseStatus(case.status)
            if lifecycle.applies(Event.RESUBMITTED, status):
                case.status = lifecycle.next_status(Event.RESUBMITTED, status).value
                case.resubmitted_at = now
                self.resubmitted_cases += 1
            elif notices:
                case.resubmitted_at = now

    def _replace_tokens(self, member_id: int, ins: schema.Insured,
                        rows: list[tuple[schema.Dependent, Dependent]], *,
                        updating: bool) -> None:
        key = self._ws.blind_index_key
        if updating:
            self._db.execute(delete(_TOKENS).where(_TOKENS.c.member_id == member_id))
        values = token_rows(key, member_id=member_id, dependent_id=None, values=[
            (Field.NAME, ins.name), (Field.KANA, ins.kana),
            (Field.CARD, card_text(ins.card_symbol, ins.card_number))])
        for dep, row in rows:
            values += token_rows(key, member_id=member_id, dependent_id=row.id,
                                 values=[(Field.NAME, dep.name), (Field.KANA, dep.kana)])
        if values:
            self._db.execute(insert(_TOKENS), values)

    def stored_file_hashes(self, revision_id: int) -> dict[str, str]:
        """``dependent/document/file`` key -> plaintext SHA-256 of a stored revision's files."""
        self.complete_rows()  # the revision may have been stored by this very import
        rows = self._db.execute(
            select(Dependent.dependent_key, RequiredDocument.document_key, Attachment.file_key,
                   Attachment.sha256)
            .join(RequiredDocument, RequiredDocument.id == Attachment.required_document_id)
            .join(Dependent, Dependent.id == Attachment.dependent_id)
            .where(RequiredDocument.revision_id == revision_id))
        return {f"{d}/{doc}/{f}": sha for d, doc, f, sha in rows}

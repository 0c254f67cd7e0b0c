"""Suggested amounts for the examiner, read from the case's payslips and bonus slips (issue 11).

:meth:`SuggestionService.compute` reads the case's payslip and bonus-slip files that have not
been read yet (or were read by an older engine) with the readers of :mod:`reviewer_app.suggest`
(in a child process, :class:`~reviewer_app.suggest.worker.SuggestWorker`), and caches what each
gave in ``suggestions``, sealed and bound to the file's dependent and the engine. It blocks
while the files are read: the window calls it through :class:`BackgroundSuggestions` (one worker
thread, the open case first and the next case in the queue after it), never on the GUI thread.
:meth:`SuggestionService.for_case` only reads the cache.

What is cached per page: the payment month, kind and gross with the rectangles they were read
from and a confidence, and the rectangles of any My Number (issue 11 §4). Never the text read,
never a My Number's digits; the audit trail names cases and attachments only.

Transactions: the files are decrypted in one short transaction and the results stored in
another; nothing is held open while a file is read.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reviewer_app.bundle.schema import DocumentKind
from reviewer_app.domain.vocabulary import Role
from reviewer_app.errors import UserError
from reviewer_app.review.deficiency import DocumentReview, my_number_proposal
from reviewer_app.security.aead import DecryptionError
from reviewer_app.services import confirmations as confirmed
from reviewer_app.services.case_errors import AttachmentNotFound, CaseNotFound
from reviewer_app.services.confirmations import AcceptedSuggestion, Confirmation
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store.models import (
    Attachment,
    AttachmentBlob,
    Case,
    Member,
    RequiredDocument,
    SubmissionRevision,
    Suggestion,
)
from reviewer_app.store.types import utcnow
from reviewer_app.suggest.model import CONFIDENT, FileResult, Kind, Source
from reviewer_app.suggest.reader import engine_name
from reviewer_app.suggest.worker import SuggestWorker

__all__ = ["CONFIDENT", "AcceptedSuggestion", "BackgroundSuggestions", "CaseSuggestions",
           "Confirmation", "Kind", "MonthSuggestion", "MyNumberMark", "Source",
           "SuggestionService", "UnreadDocument"]

READ_KINDS = (DocumentKind.PAYSLIP.value, DocumentKind.BONUS_SLIP.value)
Rect = tuple[float, float, float, float]
Reader = Callable[[bytes], FileResult]

_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class MonthSuggestion:
    """One amount read from one page: what the 収入 grid offers for ``month``.

    Boxes are in the page's own units (PDF points, or pixels of the upright image) on the page as
    the viewer shows it; ``page_size`` is the page in the same units, so a box can be scaled to
    any zoom (``box[0] / page_size[0]`` …)."""

    month: str  # YYYY-MM, the payment month
    kind: Kind
    gross: int
    source: Source
    confidence: float
    attachment_id: int
    page: int  # 1-based
    box: Rect  # where the gross was read
    page_size: tuple[float, float]
    document_key: str
    month_box: Rect
    kind_box: Rect | None

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT


@dataclass(frozen=True)
class MyNumberMark:
    """Where a My Number shows (the viewer blacks the rectangle out). Never the number."""

    attachment_id: int
    page: int
    box: Rect
    page_size: tuple[float, float]
    labelled: bool
    document_key: str


@dataclass(frozen=True)
class UnreadDocument:
    """A file the readers could not read (damaged, unsupported, OCR missing, too slow)."""

    attachment_id: int
    document_key: str
    message_ja: str
    message_en: str


@dataclass(frozen=True)
class CaseSuggestions:
    case_id: int
    suggestions: tuple[MonthSuggestion, ...]
    my_numbers: tuple[MyNumberMark, ...]
    pending: tuple[int, ...]  # attachments not read yet by the current engine
    unread: tuple[UnreadDocument, ...]

    @property
    def complete(self) -> bool:
        return not self.pending

    def for_month(self, month: str, kind: Kind = Kind.SALARY) -> tuple[MonthSuggestion, ...]:
        """The suggestions for one month, the most confident first."""
        return tuple(sorted((s for s in self.suggestions if s.month == month and s.kind is kind),
                            key=lambda s: -s.confidence))

    def proposals(self) -> tuple[DocumentReview, ...]:
        """The 書類 tab's proposals: 「マイナンバーが写っています」 for every document with one."""
        pages: dict[str, set[int]] = {}
        for mark in self.my_numbers:
            pages.setdefault(mark.document_key, set()).add(mark.page)
        return tuple(my_number_proposal(key, sorted(found)) for key, found in pages.items())


@dataclass(frozen=True)
class _Target:
    attachment_id: int
    dependent_id: int
    document_key: str


class SuggestionService:
    """``reader`` reads one file's bytes (default: a :class:`SuggestWorker` child process)."""

    def __init__(self, ws: WorkspaceSession, reader: Reader | None = None) -> None:
        self.ws = ws
        self._reader = reader
        self._worker: SuggestWorker | None = None

    # -- reading the cache -----------------------------------------------------------------------

    def for_case(self, case_id: int) -> CaseSuggestions:
        """What the cache holds for the case's payslips and bonus slips (nothing is read)."""
        self._require_reviewer()
        engine = engine_name()
        with self.ws.transaction() as db:
            targets = _targets(db, _case(db, case_id))
            result = self._view(db, case_id, targets, engine)
            self.ws.audit(db, "suggestions.read", f"case:{case_id}", {
                "attachments": [t.attachment_id for t in targets],
                "my_numbers": len(result.my_numbers)})
            return result

    def confirmations(self, case_id: int) -> tuple[Confirmation, ...]:
        """The accepted suggestions that still describe the case's income sheet (who confirmed
        which amount from which document and page)."""
        self._require_reviewer()
        with self.ws.transaction() as db:
            case = _case(db, case_id)
            found = confirmed.standing(db, case, self.ws.master_key)
            self.ws.audit(db, "confirmations.read", f"case:{case_id}",
                          {"confirmations": len(found)})
            return tuple(found)

    def reveal_my_number(self, case_id: int, attachment_id: int, page: int) -> None:
        """Audit that the examiner uncovered the My Number masked on one page (issue 11 §4): the
        case, the file and the page, never the number."""
        self._require_reviewer()
        with self.ws.transaction() as db:
            targets = _targets(db, _case(db, case_id))
            if attachment_id not in {t.attachment_id for t in targets}:
                raise AttachmentNotFound(attachment_id)
            self.ws.audit(db, "mynumber.revealed", f"case:{case_id}",
                          {"attachment": attachment_id, "page": page})

    # -- reading the documents -------------------------------------------------------------------

    def compute(self, case_id: int) -> CaseSuggestions:
        """Read the case's files that the cache lacks, store what they gave, and return the
        case's suggestions. Blocks while files are read: call it on a worker thread."""
        self._require_reviewer()
        engine = engine_name()
        with self.ws.transaction() as db:
            targets = _targets(db, _case(db, case_id))
            pending = _pending(db, targets, engine)
            files: list[tuple[_Target, bytes | None]] = []
            for target in pending:
                files.append((target, self._decrypt(db, target.attachment_id)))
            if pending:
                self.ws.audit(db, "suggestions.compute", f"case:{case_id}", {
                    "attachments": [t.attachment_id for t in pending], "engine": engine})
        for target, data in files:
            result = _damaged() if data is None else self._read(data)
            self._store(target, result)
        return self.for_case(case_id)

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def _read(self, data: bytes) -> FileResult:
        if self._reader is not None:
            return self._reader(data)
        if self._worker is None:
            self._worker = SuggestWorker()
        return self._worker.read(data)

    def _decrypt(self, db: Session, attachment_id: int) -> bytes | None:
        att = db.get(Attachment, attachment_id)
        blob = db.get(AttachmentBlob, attachment_id)
        if att is None or blob is None:
            return None
        try:
            return blob.open_document(self.ws.master_key, att)
        except DecryptionError:
            return None

    def _store(self, target: _Target, result: FileResult) -> None:
        body = _result_json(result)
        status = "failed" if result.error is not None else "read"
        try:
            with self.ws.transaction() as db:
                row = db.get(Suggestion, target.attachment_id, with_for_update=True)
                if row is None:
                    row = Suggestion(attachment_id=target.attachment_id,
                                     dependent_id=target.dependent_id, engine=result.engine,
                                     status=status, computed_at=utcnow())
                    db.add(row)
                    db.flush()  # the row's identity is part of what is sealed
                else:
                    row.dependent_id, row.engine = target.dependent_id, result.engine
                    row.status, row.computed_at = status, utcnow()
                row.seal_json_into("result_sealed", self.ws.master_key, body)
        except IntegrityError:
            # another workstation stored the same file's reading a moment earlier: the same
            # engine reads the same bytes the same way, so theirs stands
            _log.info("suggestions for attachment:%s stored elsewhere first", target.attachment_id)

    # -- views -----------------------------------------------------------------------------------

    def _view(self, db: Session, case_id: int, targets: Sequence[_Target],
              engine: str) -> CaseSuggestions:
        rows = {r.attachment_id: r for r in db.scalars(select(Suggestion).where(
            Suggestion.attachment_id.in_([t.attachment_id for t in targets])))}
        suggestions: list[MonthSuggestion] = []
        marks: list[MyNumberMark] = []
        pending: list[int] = []
        unread: list[UnreadDocument] = []
        for target in targets:
            row = rows.get(target.attachment_id)
            body = _opened(row, self.ws.master_key) if row is not None else None
            if row is None or body is None or row.engine != engine:
                pending.append(target.attachment_id)
                continue
            if body.get("error"):
                ja, en = body["error"]
                unread.append(UnreadDocument(target.attachment_id, target.document_key, ja, en))
                continue
            for page in body["pages"]:
                size = (float(page["width"]), float(page["height"]))
                for r in page["readings"]:
                    suggestions.append(MonthSuggestion(
                        r["month"], Kind(r["kind"]), int(r["gross"]), Source(page["source"]),
                        float(r["confidence"]), target.attachment_id, int(page["page"]),
                        _rect(r["box"]), size, target.document_key, _rect(r["month_box"]),
                        _rect(r["kind_box"]) if r["kind_box"] is not None else None))
                for m in page["my_numbers"]:
                    marks.append(MyNumberMark(target.attachment_id, int(page["page"]),
                                              _rect(m["box"]), size, bool(m["labelled"]),
                                              target.document_key))
        suggestions.sort(key=lambda s: (s.month, s.kind.value, -s.confidence))
        return CaseSuggestions(case_id, tuple(suggestions), tuple(marks), tuple(pending),
                               tuple(unread))

    def _require_reviewer(self) -> None:
        self.ws.require_role(Role.EXAMINER, Role.SUPERVISOR,
                             action_ja="書類からの読み取り結果を見ること",
                             action_en="see the amounts read from documents")


# --- helpers -----------------------------------------------------------------------------------


def _case(db: Session, case_id: int) -> Case:
    case = db.get(Case, case_id)
    if case is None:
        raise CaseNotFound(case_id)
    return case


def _targets(db: Session, case: Case) -> list[_Target]:
    """The payslip and bonus-slip files of the newest revision that lists the case's dependent
    (what the case window shows)."""
    member = db.get(Member, case.dependent.member_id)
    assert member is not None
    revision_id = db.scalar(
        select(RequiredDocument.revision_id)
        .join(SubmissionRevision, SubmissionRevision.id == RequiredDocument.revision_id)
        .where(RequiredDocument.dependent_id == case.dependent_id,
               SubmissionRevision.revision <= member.current_revision)
        .order_by(SubmissionRevision.revision.desc()).limit(1))
    if revision_id is None:
        return []
    rows = db.execute(
        select(Attachment.id, Attachment.dependent_id, RequiredDocument.document_key)
        .join(RequiredDocument, RequiredDocument.id == Attachment.required_document_id)
        .where(RequiredDocument.dependent_id == case.dependent_id,
               RequiredDocument.revision_id == revision_id,
               RequiredDocument.kind.in_(READ_KINDS))
        .order_by(RequiredDocument.position, RequiredDocument.id, Attachment.position,
                  Attachment.id)).all()
    return [_Target(int(a), int(d), str(k)) for a, d, k in rows]


def _pending(db: Session, targets: Sequence[_Target], engine: str) -> list[_Target]:
    done = {r.attachment_id for r in db.scalars(select(Suggestion).where(
        Suggestion.attachment_id.in_([t.attachment_id for t in targets]),
        Suggestion.engine == engine))}
    return [t for t in targets if t.attachment_id not in done]


def _opened(row: Suggestion, mk: bytes) -> dict[str, Any] | None:
    try:
        body = row.open_json_from("result_sealed", mk)
    except DecryptionError:
        return None  # damaged or moved: read the file again
    return body if isinstance(body, dict) else None


def _rect(value: Sequence[float]) -> Rect:
    x0, y0, x1, y1 = (float(v) for v in value)
    return (x0, y0, x1, y1)


def _damaged() -> FileResult:
    error = DocumentDamagedForReading()
    return FileResult(error=(error.ja, error.en), engine=engine_name())


class ReadingFailed(UserError):
    def __init__(self) -> None:
        super().__init__(
            "書類の読み取りに失敗しました。金額は書類を見て入力してください。",
            "The documents could not be read. Enter the amounts from the documents.",
            code="suggestions_failed")


class DocumentDamagedForReading(UserError):
    def __init__(self) -> None:
        super().__init__(
            "書類が壊れているか書き換えられているため読み取れません。管理者に連絡してください。",
            "The document is damaged or was altered and cannot be read. Contact your "
            "administrator.", code="document_damaged")


def _result_json(result: FileResult) -> dict[str, Any]:
    """What is sealed: readings and My Number boxes per page. No text, no My Number digits."""
    return {
        "error": list(result.error) if result.error is not None else None,
        "seconds": round(result.seconds, 3),
        "pages": [{
            "page": p.page, "width": p.width, "height": p.height, "source": p.source.value,
            "readings": [{
                "month": r.month, "kind": r.kind.value, "gross": r.gross,
                "confidence": r.confidence, "box": list(r.box.rounded()),
                "month_box": list(r.month_box.rounded()),
                "kind_box": list(r.kind_box.rounded()) if r.kind_box is not None else None,
            } for r in p.readings],
            "my_numbers": [{"box": list(h.box.rounded()), "labelled": h.labelled}
                           for h in p.my_numbers],
        } for p in result.pages],
    }


# --- the window's background reader ------------------------------------------------------------

Ready = Callable[[CaseSuggestions], None]
Failed = Callable[[int, UserError], None]


class BackgroundSuggestions:
    """One worker thread that computes suggestions for the cases the window asks for: the case
    just opened first, then the next case in the queue. ``on_ready`` and ``on_failed`` are
    called on the worker thread (the window posts them to the GUI thread with a signal).

    A case asked for again while it waits is not read twice (a prefetched case that is then
    opened moves to the front); an "open" request goes before every prefetch."""

    def __init__(self, ws: WorkspaceSession, on_ready: Ready, on_failed: Failed | None = None,
                 *, reader: Reader | None = None) -> None:
        self._service = SuggestionService(ws, reader)
        self._on_ready = on_ready
        self._on_failed = on_failed
        self._queue: queue.PriorityQueue[tuple[int, int, int | threading.Event | None]] = \
            queue.PriorityQueue()
        self._waiting: dict[int, int] = {}  # case id -> the best priority it waits with
        self._lock = threading.Lock()
        self._closed = threading.Event()  # set by close(): nothing more is read or reported
        self._sequence = 0
        self._thread = threading.Thread(target=self._run, name="reviewer-suggestions",
                                        daemon=True)
        self._thread.start()

    def request(self, case_id: int, *, next_case_id: int | None = None) -> None:
        """Compute for ``case_id`` now, and for ``next_case_id`` after it."""
        self._put(_OPEN, case_id)
        if next_case_id is not None:
            self._put(_PREFETCH, next_case_id)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once every request made so far is done (tests and benchmarks; never the GUI)."""
        done = threading.Event()
        self._put(_IDLE, done)
        return done.wait(timeout)

    def close(self, *, wait: bool = True) -> None:
        """Stop after the file being read (``wait``: until then; else the window goes on and the
        thread ends, closing its child process, on its own)."""
        self._closed.set()
        self._put(_STOP, None)
        if wait:
            self._thread.join(30.0)

    def _put(self, priority: int, item: int | threading.Event | None) -> None:
        with self._lock:
            if isinstance(item, int) and not isinstance(item, bool):
                if self._waiting.get(item, _STOP) <= priority:
                    return
                self._waiting[item] = priority
            self._sequence += 1
            self._queue.put((priority, self._sequence, item))

    def _run(self) -> None:
        while True:
            _priority, _seq, item = self._queue.get()
            if item is None:
                self._service.close()
                return
            if isinstance(item, threading.Event):
                item.set()
                continue
            with self._lock:
                if item not in self._waiting:
                    continue  # already done at a better priority
                del self._waiting[item]
            if not self._closed.is_set():
                self._compute(item)

    def _compute(self, case_id: int) -> None:
        try:
            result = self._service.compute(case_id)
        except UserError as error:
            self._fail(case_id, error)
            return
        except Exception:  # the thread must survive one bad case
            if self._closed.is_set():
                return  # the window closed its session meanwhile: nothing to tell anyone
            _log.exception("suggestions for case:%s failed", case_id)
            self._fail(case_id, ReadingFailed())
            return
        if self._closed.is_set():
            return
        try:
            self._on_ready(result)
        except Exception:
            _log.exception("suggestions callback failed")

    def _fail(self, case_id: int, error: UserError) -> None:
        if self._on_failed is None or self._closed.is_set():
            return
        try:
            self._on_failed(case_id, error)
        except Exception:
            _log.exception("suggestions callback failed")


_OPEN, _PREFETCH, _IDLE, _STOP = 0, 1, 8, 9

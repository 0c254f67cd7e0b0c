"""Fetching, opening and rendering attachments off the GUI thread (Picard's pattern).

``fetch`` (database + decryption, may be slow) runs on a ``QThreadPool``; opening and rendering
go to the render layer's :class:`~reviewer_app.render.engine.RenderEngine`: PDFs and photos are
decoded in child processes, each request under a deadline and a memory budget (issue 9). Workers
never touch widgets: they post results to a ``_Poster`` living in the GUI thread, whose queued
signals land in :class:`DocumentLoader`, which updates the caches and re-emits. A
``generation`` counter drops results that arrive after :meth:`DocumentLoader.clear` (idle lock)
or for forgotten documents.

Failures are remembered per attachment and page (:meth:`DocumentLoader.failure`): a document or
page that could not be opened or drawn is not tried again on the next view, zoom or thumbnail,
it is shown as its message at once. A failure of background work (a thumbnail or prefetch past
its short deadline) only stops background work; the page itself is still drawn when viewed.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from reviewer_app.render import errors
from reviewer_app.render.cache import PageCache, PageKey
from reviewer_app.render.engine import DEADLINE_BACKGROUND_S, DEADLINE_VIEW_S, RenderEngine
from reviewer_app.render.errors import DocumentError
from reviewer_app.render.sniff import IMAGE_MEDIA_TYPES, PDF, sniff_media_type
from reviewer_app.render.types import (
    DocumentInfo,
    OpenOutcome,
    RenderedPage,
    RenderOutcome,
    RenderRequest,
)
from reviewer_app.ui.qt import QtCore, Signal

_log = logging.getLogger(__name__)

Fetch = Callable[[str], bytes]

# Priorities: lower runs first (RenderEngine heap and QThreadPool.start priority, negated).
PRIORITY_VIEW = 0
PRIORITY_THUMBNAIL = 5
PRIORITY_PREFETCH = 10

DEFAULT_DOCUMENT_BUDGET = 256 * 1024 * 1024  # fetched bytes kept for reuse
MAX_REMEMBERED_FAILURES = 2000
# Failures of a worker's limits: for background work they say nothing about the view.
_LIMIT_CODES = frozenset({"document-timeout", "document-over-memory"})
# Not the file's fault (the database or the disk): tried again on the next view.
_TRANSIENT_CODES = frozenset({"document-unavailable"})
_loader_serial = itertools.count()


# The next case's first page (one job per case): a 12 MP HEIC decodes in 0.3 s, a second or
# more on a busy machine, and the examiner is about to look at it.
DEADLINE_PREFETCH_S = 4.0


def deadline_for(priority: int) -> float:
    """View: the engine's long deadline; thumbnails: the short one; the next case: between."""
    if priority <= PRIORITY_VIEW:
        return DEADLINE_VIEW_S
    return DEADLINE_PREFETCH_S if priority >= PRIORITY_PREFETCH else DEADLINE_BACKGROUND_S


class _Poster(QtCore.QObject):
    """Lives in the GUI thread; emitting from a worker queues the call into the GUI thread."""

    fetched = Signal(object)
    opened = Signal(object)
    rendered = Signal(object)


class _Job(QtCore.QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        try:
            self._work()
        except Exception:  # a worker must never take the application down
            _log.exception("viewer job failed")


@dataclass
class _Document:
    media_type: str | None = None
    data: bytes | None = None
    info: OpenOutcome | None = None
    priority: int = PRIORITY_VIEW  # of the open that made it
    waiting: list[tuple[PageKey, RenderRequest, int]] = field(default_factory=list)

    @property
    def nbytes(self) -> int:
        return 0 if self.data is None else len(self.data)


@dataclass(frozen=True)
class _Failure:
    error: DocumentError
    background_only: bool  # a background job's limit: the view may still try


class DocumentLoader(QtCore.QObject):
    """Opens attachments and renders pages asynchronously; all methods are GUI-thread only.

    ``opened(attachment_id, DocumentInfo | DocumentError)``;
    ``rendered(PageKey, RenderedPage | DocumentError, exact: bool)`` - ``exact`` is False for the
    quick low-resolution pass of a photo.
    """

    opened = Signal(str, object)
    rendered = Signal(object, object, bool)

    def __init__(
        self,
        fetch: Fetch,
        *,
        engine: RenderEngine | None = None,
        page_cache: PageCache | None = None,
        document_budget: int = DEFAULT_DOCUMENT_BUDGET,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._owns_engine = engine is None
        self._engine = engine if engine is not None else RenderEngine()
        # Keys in a shared engine are namespaced: two viewers may show the same attachment id.
        self._namespace = f"v{next(_loader_serial)}"
        self.cache = page_cache if page_cache is not None else PageCache()
        self._document_budget = document_budget
        self._docs: OrderedDict[str, _Document] = OrderedDict()
        self._inflight: dict[PageKey, str] = {}  # key -> tag
        self._failures: OrderedDict[tuple[str, int | None], _Failure] = OrderedDict()
        self._generation = 0
        self._io = QtCore.QThreadPool(self)
        self._io.setMaxThreadCount(2)
        self._poster = _Poster(self)
        self._poster.fetched.connect(self._on_fetched)
        self._poster.opened.connect(self._on_opened)
        self._poster.rendered.connect(self._on_rendered)

    @property
    def engine(self) -> RenderEngine:
        return self._engine

    # --- public API ---------------------------------------------------------------------------

    def info(self, attachment_id: str) -> OpenOutcome | None:
        doc = self._docs.get(attachment_id)
        return None if doc is None else doc.info

    def failure(self, attachment_id: str, page: int | None = None, *,
                background: bool = False) -> DocumentError | None:
        """The remembered failure of the document (``page`` None) or of one page, if any.

        A failure of background work is only reported to background requests."""
        scopes: list[tuple[str, int | None]] = [(attachment_id, None)]
        if page is not None:
            scopes.append((attachment_id, page))
        for scope in scopes:
            found = self._failures.get(scope)
            if found is not None and (background or not found.background_only):
                return found.error
        return None

    def open(self, attachment_id: str, *, priority: int = PRIORITY_VIEW,
             quick_rotation: int | None = None) -> OpenOutcome | None:
        """The document's info if already known; otherwise start opening it (``opened`` follows).

        With ``quick_rotation`` a photo's quick pass is made in the same job, right after the
        header is read (``rendered``, exact=False, before ``opened``).
        """
        doc = self._docs.get(attachment_id)
        background = priority > PRIORITY_VIEW
        if doc is not None and isinstance(doc.info, DocumentError) and not background \
                and self.failure(attachment_id) is None:
            del self._docs[attachment_id]  # a background limit; the view tries again
            doc = None
        if doc is not None:
            self._docs.move_to_end(attachment_id)
            return doc.info
        remembered = self.failure(attachment_id, background=background)
        if remembered is not None:
            self._docs[attachment_id] = _Document(info=remembered, priority=priority)
            return remembered
        self._docs[attachment_id] = _Document(priority=priority)
        generation = self._generation
        poster, fetch, engine = self._poster, self._fetch, self._engine
        engine_key = self._engine_key(attachment_id)

        def work() -> None:
            try:
                data = fetch(attachment_id)
            except Exception as exc:
                _log.warning("fetch failed for an attachment: %s", type(exc).__name__)
                _post(poster.opened, (generation, attachment_id, errors.unavailable(), False))
                return
            media_type = sniff_media_type(data)
            if media_type is None:
                _post(poster.opened, (generation, attachment_id, errors.unsupported(None),
                                      False))
                return
            _post(poster.fetched, (generation, attachment_id, media_type, data))
            quick = quick_rotation if media_type in IMAGE_MEDIA_TYPES else None

            def on_quick(page: RenderedPage) -> None:
                key = PageKey(attachment_id, 0, quick or 0, page.width)
                _post(poster.rendered, (generation, key, page, False, False))

            engine.open(
                engine_key, data, media_type,
                lambda outcome: _post(poster.opened,
                                      (generation, attachment_id, outcome, background)),
                priority=priority, deadline_s=deadline_for(priority), quick_rotation=quick,
                on_quick=on_quick)

        self._io.start(_Job(work), -priority)
        return None

    def quick(self, attachment_id: str, rotation: int, *, priority: int = PRIORITY_VIEW) -> None:
        """For a photo: a fast low-resolution picture (``rendered`` with ``exact=False``)."""
        doc = self._docs.get(attachment_id)
        if (doc is None or doc.data is None or doc.media_type not in IMAGE_MEDIA_TYPES
                or not isinstance(doc.info, DocumentInfo)
                or self.failure(attachment_id, 0, background=True) is not None):
            return
        assert doc.media_type is not None
        generation, poster = self._generation, self._poster

        def deliver(outcome: RenderOutcome) -> None:
            if isinstance(outcome, RenderedPage):
                key = PageKey(attachment_id, 0, rotation, outcome.width)
                _post(poster.rendered, (generation, key, outcome, False, False))

        self._engine.quick(self._engine_key(attachment_id), doc.data, doc.media_type, rotation,
                           deliver, priority=priority, tag=self._tag("view"))

    def render(self, key: PageKey, request: RenderRequest, *, priority: int = PRIORITY_VIEW,
               tag: str = "") -> RenderedPage | None:
        """The cached page if there is one; otherwise start rendering (``rendered`` follows).

        A page that failed before is not rendered again: its failure is emitted (queued)."""
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        if key in self._inflight:
            return None
        background = priority > PRIORITY_VIEW
        remembered = self.failure(key.attachment_id, key.page, background=background)
        if remembered is not None:
            self._emit_later(key, remembered)
            return None
        doc = self._docs.get(key.attachment_id)
        if doc is None:
            self.open(key.attachment_id, priority=priority)
            doc = self._docs[key.attachment_id]
        if not isinstance(doc.info, DocumentInfo) or doc.data is None:
            if doc.info is None and not any(waiting[0] == key for waiting in doc.waiting):
                doc.waiting.append((key, request, priority))
            return None
        assert doc.media_type is not None
        self._inflight[key] = tag
        generation, poster = self._generation, self._poster

        def deliver(outcome: RenderOutcome) -> None:
            _post(poster.rendered, (generation, key, outcome, True, background))

        self._engine.render(self._engine_key(key.attachment_id), doc.data, doc.media_type,
                            request, deliver, priority=priority, tag=self._tag(tag),
                            deadline_s=deadline_for(priority))
        return None

    def cancel(self, tag: str) -> None:
        """Drop pending renders tagged ``tag`` that have not started (e.g. a page left behind).

        A render already running finishes and its page is cached."""
        self._engine.cancel(self._tag(tag))
        self._inflight = {key: t for key, t in self._inflight.items() if t != tag}

    def abandon(self, attachment_id: str) -> None:
        """The examiner left ``attachment_id``: drop its pending work and stop a render of it
        that is still running (its worker is replaced), so it never holds up the next one."""
        self._engine.abandon(self._engine_key(attachment_id))
        self._inflight = {key: t for key, t in self._inflight.items()
                          if key.attachment_id != attachment_id}
        doc = self._docs.get(attachment_id)
        if doc is not None and doc.info is None:
            # Its open was dropped with the rest: opening it again must start afresh, not wait
            # for an answer that will never come.
            del self._docs[attachment_id]

    def clear(self) -> None:
        """Forget every document and page (idle lock): results still in flight are dropped.
        Remembered failures stay: they hold no personal data, and the files have not changed."""
        self._generation += 1
        for tag in ("view", "thumb", "prefetch"):
            self._engine.cancel(self._tag(tag))
        for attachment_id in self._docs:
            self._engine.forget(self._engine_key(attachment_id))
        self._docs.clear()
        self._inflight.clear()
        self.cache.clear()

    def shutdown(self) -> None:
        """Stop accepting work, wait briefly for workers, stop an engine this loader owns."""
        self.clear()
        self._io.clear()
        self._io.waitForDone(2000)
        if self._owns_engine:
            self._engine.shutdown()

    # --- results (GUI thread) -----------------------------------------------------------------

    def _engine_key(self, attachment_id: str) -> str:
        return f"{self._namespace}:{attachment_id}"

    def _tag(self, tag: str) -> str:
        return f"{self._namespace}:{tag}" if tag else ""

    def _remember(self, scope: tuple[str, int | None], error: DocumentError,
                  background: bool) -> None:
        if error.code in _TRANSIENT_CODES:
            return
        soft = background and error.code in _LIMIT_CODES
        known = self._failures.get(scope)
        if known is not None and not known.background_only and soft:
            return
        self._failures[scope] = _Failure(error, soft)
        self._failures.move_to_end(scope)
        while len(self._failures) > MAX_REMEMBERED_FAILURES:
            self._failures.popitem(last=False)

    def _emit_later(self, key: PageKey, error: DocumentError) -> None:
        generation = self._generation

        def emit() -> None:
            if generation == self._generation:
                self.rendered.emit(key, error, True)

        QtCore.QTimer.singleShot(0, self, emit)

    def _on_fetched(self, payload: tuple[int, str, str, bytes]) -> None:
        generation, attachment_id, media_type, data = payload
        doc = self._docs.get(attachment_id)
        if generation != self._generation or doc is None:
            return
        doc.media_type, doc.data = media_type, data
        if media_type not in IMAGE_MEDIA_TYPES | {PDF}:
            doc.info = errors.unsupported(media_type)
        self._trim()

    def _on_opened(self, payload: tuple[int, str, OpenOutcome, bool]) -> None:
        generation, attachment_id, outcome, background = payload
        doc = self._docs.get(attachment_id)
        if generation != self._generation or doc is None:
            return
        doc.info = outcome
        if isinstance(outcome, DocumentError):
            self._remember((attachment_id, None), outcome, background)
        waiting, doc.waiting = doc.waiting, []
        self.opened.emit(attachment_id, outcome)
        if isinstance(outcome, DocumentInfo):
            for key, request, priority in waiting:
                self.render(key, request, priority=priority)

    def _on_rendered(self, payload: tuple[int, PageKey, RenderOutcome, bool, bool]) -> None:
        generation, key, outcome, exact, background = payload
        if generation != self._generation or key.attachment_id not in self._docs:
            return
        if exact:
            self._inflight.pop(key, None)
        if isinstance(outcome, RenderedPage):
            self.cache.put(key, outcome)
        elif exact:
            self._remember((key.attachment_id, key.page), outcome, background)
        self.rendered.emit(key, outcome, exact)

    def _trim(self) -> None:
        total = sum(doc.nbytes for doc in self._docs.values())
        while total > self._document_budget and len(self._docs) > 1:
            attachment_id, doc = next(iter(self._docs.items()))
            if doc.info is None:
                break  # still opening; never drop a document mid-flight
            del self._docs[attachment_id]
            total -= doc.nbytes
            self._engine.forget(self._engine_key(attachment_id))


def _post(signal: Any, payload: object) -> None:
    # RuntimeError: the loader was deleted while this job ran; nobody is waiting any more.
    with contextlib.suppress(RuntimeError):
        signal.emit(payload)

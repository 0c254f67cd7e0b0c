"""Fetching, opening and rendering attachments off the GUI thread (Picard's pattern).

Work runs on two ``QThreadPool``s: ``io`` for ``fetch`` (database + decryption, may be slow) and
``decode`` for Pillow/pillow-heif (they release the GIL). PDFs go to the render layer's
:class:`~reviewer_app.render.pdf.PdfEngine` (PyMuPDF in a child process). Workers never touch
widgets: they post results to a ``_Poster`` living in the GUI thread, whose queued signals land in
:class:`DocumentLoader`, which updates the caches and re-emits. A ``generation`` counter drops
results that arrive after :meth:`DocumentLoader.clear` (idle lock) or for forgotten documents.
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
from reviewer_app.render.errors import DocumentError
from reviewer_app.render.images import ImageDocument
from reviewer_app.render.pdf import PdfEngine
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

# Priorities: lower runs first (PdfEngine heap and QThreadPool.start priority, negated).
PRIORITY_VIEW = 0
PRIORITY_THUMBNAIL = 5
PRIORITY_PREFETCH = 10

DEFAULT_DOCUMENT_BUDGET = 256 * 1024 * 1024  # fetched bytes + decoded photos kept for reuse
_loader_serial = itertools.count()


class _Poster(QtCore.QObject):
    """Lives in the GUI thread; emitting from a worker queues the call into the GUI thread."""

    fetched = Signal(object)
    opened = Signal(object)
    rendered = Signal(object)


class _Ticket:
    """Cancellation flag shared with a queued job. QThreadPool.tryTake is not used: the pool
    deletes finished runnables on its own thread, so holding them from Python would race."""

    __slots__ = ("cancelled",)

    def __init__(self) -> None:
        self.cancelled = False


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
    image: ImageDocument | None = None
    info: OpenOutcome | None = None
    waiting: list[tuple[PageKey, RenderRequest, int]] = field(default_factory=list)

    @property
    def nbytes(self) -> int:
        if self.image is not None:
            return self.image.nbytes
        return 0 if self.data is None else len(self.data)


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
        pdf_engine: PdfEngine | None = None,
        page_cache: PageCache | None = None,
        document_budget: int = DEFAULT_DOCUMENT_BUDGET,
        parent: QtCore.QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fetch = fetch
        self._owns_engine = pdf_engine is None
        self._engine = pdf_engine if pdf_engine is not None else PdfEngine()
        # Keys in a shared engine are namespaced: two viewers may show the same attachment id.
        self._namespace = f"v{next(_loader_serial)}"
        self.cache = page_cache if page_cache is not None else PageCache()
        self._document_budget = document_budget
        self._docs: OrderedDict[str, _Document] = OrderedDict()
        self._inflight: set[PageKey] = set()
        self._queued: dict[PageKey, tuple[_Ticket, str]] = {}
        self._generation = 0
        self._io = QtCore.QThreadPool(self)
        self._io.setMaxThreadCount(2)
        self._decode = QtCore.QThreadPool(self)
        self._decode.setMaxThreadCount(max(2, min(4, QtCore.QThread.idealThreadCount())))
        self._poster = _Poster(self)
        self._poster.fetched.connect(self._on_fetched)
        self._poster.opened.connect(self._on_opened)
        self._poster.rendered.connect(self._on_rendered)

    @property
    def engine(self) -> PdfEngine:
        return self._engine

    # --- public API ---------------------------------------------------------------------------

    def info(self, attachment_id: str) -> OpenOutcome | None:
        doc = self._docs.get(attachment_id)
        return None if doc is None else doc.info

    def open(self, attachment_id: str, *, priority: int = PRIORITY_VIEW,
             quick_rotation: int | None = None) -> OpenOutcome | None:
        """The document's info if already known; otherwise start opening it (``opened`` follows).

        With ``quick_rotation`` a photo's quick pass is made in the same job, right after the
        header is read, so it cannot queue behind full decodes (``rendered``, exact=False).
        """
        doc = self._docs.get(attachment_id)
        if doc is not None:
            self._docs.move_to_end(attachment_id)
            return doc.info
        self._docs[attachment_id] = _Document()
        generation = self._generation
        poster, fetch = self._poster, self._fetch

        def work() -> None:
            try:
                data = fetch(attachment_id)
            except Exception as exc:
                _log.warning("fetch failed for an attachment: %s", type(exc).__name__)
                _post(poster.opened, (generation, attachment_id, errors.unavailable()))
                return
            media_type = sniff_media_type(data)
            if media_type is None:
                _post(poster.opened, (generation, attachment_id, errors.unsupported(None)))
                return
            _post(poster.fetched, (generation, attachment_id, media_type, data, None))
            if media_type == PDF:
                self._engine.open(
                    self._engine_key(attachment_id), data,
                    lambda outcome: _post(poster.opened, (generation, attachment_id, outcome)),
                    priority=priority)
                return
            try:
                image = ImageDocument(data, media_type)
            except DocumentError as error:
                _post(poster.opened, (generation, attachment_id, error))
                return
            _post(poster.fetched, (generation, attachment_id, media_type, data, image))
            if quick_rotation is not None:
                # Before "opened": the exact render (a full decode on every core) is requested
                # only then, so it cannot slow this small decode down. The quick page lands in
                # the cache and the view paints it as the nearest placeholder.
                try:
                    quick = image.quick(quick_rotation)
                    key = PageKey(attachment_id, 0, quick_rotation, quick.width)
                    _post(poster.rendered, (generation, key, quick, False))
                except DocumentError:
                    pass  # the exact render will report the damage
            _post(poster.opened, (generation, attachment_id, image.info))

        self._io.start(_Job(work), -priority)
        return None

    def quick(self, attachment_id: str, rotation: int, *, priority: int = PRIORITY_VIEW) -> None:
        """For a photo: a fast low-resolution picture (``rendered`` with ``exact=False``)."""
        doc = self._docs.get(attachment_id)
        if doc is None or doc.image is None:
            return
        image, generation, poster = doc.image, self._generation, self._poster

        def work() -> None:
            try:
                outcome: RenderOutcome = image.quick(rotation)
            except DocumentError as error:
                outcome = error
            if isinstance(outcome, RenderedPage):
                key = PageKey(attachment_id, 0, rotation, outcome.width)
                _post(poster.rendered, (generation, key, outcome, False))

        self._decode.start(_Job(work), -priority)

    def render(self, key: PageKey, request: RenderRequest, *, priority: int = PRIORITY_VIEW,
               tag: str = "") -> RenderedPage | None:
        """The cached page if there is one; otherwise start rendering (``rendered`` follows)."""
        cached = self.cache.get(key)
        if cached is not None:
            return cached
        if key in self._inflight:
            return None
        doc = self._docs.get(key.attachment_id)
        if doc is None:
            self.open(key.attachment_id, priority=priority)
            doc = self._docs[key.attachment_id]
        if not isinstance(doc.info, DocumentInfo) or doc.data is None:
            if not any(waiting[0] == key for waiting in doc.waiting):
                doc.waiting.append((key, request, priority))
            return None
        self._inflight.add(key)
        generation, poster = self._generation, self._poster

        def deliver(outcome: RenderOutcome) -> None:
            _post(poster.rendered, (generation, key, outcome, True))

        if doc.media_type == PDF:
            self._engine.render(self._engine_key(key.attachment_id), doc.data, request, deliver,
                                priority=priority, tag=self._tag(tag))
        elif doc.image is not None:
            image, ticket = doc.image, _Ticket()

            def work() -> None:
                if ticket.cancelled:
                    return
                try:
                    outcome: RenderOutcome = image.render(request)
                except DocumentError as error:
                    outcome = error
                deliver(outcome)

            if tag:
                self._queued[key] = (ticket, tag)
            self._decode.start(_Job(work), -priority)
        return None

    def cancel(self, tag: str) -> None:
        """Drop pending renders tagged ``tag`` that have not started (e.g. a page left behind)."""
        self._engine.cancel(self._tag(tag))
        for key, (ticket, job_tag) in list(self._queued.items()):
            if job_tag == tag:
                ticket.cancelled = True  # if already running, its result is still cached
                del self._queued[key]
                self._inflight.discard(key)
        # PDF jobs cancelled in the engine never report: forget them so they can be asked again.
        self._inflight = {key for key in self._inflight if key in self._queued
                          or self._docs.get(key.attachment_id, _Document()).media_type != PDF}

    def clear(self) -> None:
        """Forget every document and page (idle lock): results still in flight are dropped."""
        self._generation += 1
        self._engine.cancel(self._tag("view"))
        self._engine.cancel(self._tag("thumb"))
        self._engine.cancel(self._tag("prefetch"))
        for attachment_id, doc in self._docs.items():
            if doc.media_type == PDF:
                self._engine.forget(self._engine_key(attachment_id))
        self._docs.clear()
        self._inflight.clear()
        for ticket, _tag in self._queued.values():
            ticket.cancelled = True
        self._queued.clear()
        self.cache.clear()

    def shutdown(self) -> None:
        """Stop accepting work, wait briefly for workers, stop an engine this loader owns."""
        self.clear()
        self._io.clear()
        self._decode.clear()
        self._io.waitForDone(2000)
        self._decode.waitForDone(2000)
        if self._owns_engine:
            self._engine.shutdown()

    # --- results (GUI thread) -----------------------------------------------------------------

    def _engine_key(self, attachment_id: str) -> str:
        return f"{self._namespace}:{attachment_id}"

    def _tag(self, tag: str) -> str:
        return f"{self._namespace}:{tag}" if tag else ""

    def _on_fetched(self, payload: tuple[int, str, str, bytes, ImageDocument | None]) -> None:
        generation, attachment_id, media_type, data, image = payload
        doc = self._docs.get(attachment_id)
        if generation != self._generation or doc is None:
            return
        doc.media_type, doc.data = media_type, data
        if image is not None:
            doc.image = image
        if media_type not in IMAGE_MEDIA_TYPES | {PDF}:
            doc.info = errors.unsupported(media_type)
        self._trim()

    def _on_opened(self, payload: tuple[int, str, OpenOutcome]) -> None:
        generation, attachment_id, outcome = payload
        doc = self._docs.get(attachment_id)
        if generation != self._generation or doc is None:
            return
        doc.info = outcome
        waiting, doc.waiting = doc.waiting, []
        self.opened.emit(attachment_id, outcome)
        if isinstance(outcome, DocumentInfo):
            for key, request, priority in waiting:
                self.render(key, request, priority=priority)

    def _on_rendered(self, payload: tuple[int, PageKey, RenderOutcome, bool]) -> None:
        generation, key, outcome, exact = payload
        if generation != self._generation or key.attachment_id not in self._docs:
            return
        if exact:
            self._inflight.discard(key)
            self._queued.pop(key, None)
        if isinstance(outcome, RenderedPage):
            self.cache.put(key, outcome)
            self._trim()  # a photo's decoded pixels now count
        self.rendered.emit(key, outcome, exact)

    def _trim(self) -> None:
        total = sum(doc.nbytes for doc in self._docs.values())
        while total > self._document_budget and len(self._docs) > 1:
            attachment_id, doc = next(iter(self._docs.items()))
            if doc.info is None:
                break  # still opening; never drop a document mid-flight
            del self._docs[attachment_id]
            total -= doc.nbytes
            if doc.media_type == PDF:
                self._engine.forget(self._engine_key(attachment_id))


def _post(signal: Any, payload: object) -> None:
    # RuntimeError: the loader was deleted while this job ran; nobody is waiting any more.
    with contextlib.suppress(RuntimeError):
        signal.emit(payload)

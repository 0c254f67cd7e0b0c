"""PDF through PyMuPDF, confined to one worker.

PyMuPDF is not thread-safe and holds the GIL while it renders (measured: a 900 px render of a
scanned A4 page blocks every other Python thread for ~40 ms, a 1800 px one for ~130 ms). So every
PyMuPDF object lives in :class:`PdfBackend`, and the backend lives either in a child process
(default: the GUI's GIL is never held by MuPDF, and a MuPDF crash on a hostile file costs a
restart, not the application) or, where processes are unavailable, on one dedicated thread.

:class:`PdfEngine` owns that worker. Callers submit jobs with a priority; one dispatcher thread
feeds them to the worker one at a time (MuPDF work is serial anyway) and calls each job's callback
on the dispatcher thread. Pending jobs can be cancelled by tag, so a page the examiner has already
left is never rendered.
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import logging
import multiprocessing
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

import pymupdf

from . import errors
from .errors import DocumentError
from .types import (
    FORMAT_RGB888,
    POINTS_TO_LOGICAL,
    DocumentInfo,
    OpenOutcome,
    RenderedPage,
    RenderOutcome,
    RenderRequest,
    normalize_rotation,
)

# Documents kept open in the worker; reopening from bytes costs about a millisecond.
MAX_OPEN_DOCUMENTS = 8
# A single page that takes longer than this is treated as hostile: the child is killed.
RENDER_TIMEOUT_S = 30.0
# A page larger than this (in device pixels, both sides) is refused: the viewer clips first.
MAX_RENDER_PIXELS = 40_000_000

_log = logging.getLogger(__name__)

pymupdf.TOOLS.mupdf_display_errors(False)  # MuPDF's own stderr chatter; errors come back as values


class PdfBackend:
    """The only holder of PyMuPDF objects. Not thread-safe: use it from one thread only."""

    def __init__(self, max_open: int = MAX_OPEN_DOCUMENTS) -> None:
        self._docs: OrderedDict[str, Any] = OrderedDict()
        self._max_open = max_open

    def is_open(self, key: str) -> bool:
        return key in self._docs

    def open(self, key: str, data: bytes) -> DocumentInfo:
        self.close(key)
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:  # MuPDF raises assorted types for damaged files
            raise errors.corrupt(type(exc).__name__) from None
        try:
            if doc.needs_pass:
                raise errors.encrypted()
            if doc.page_count < 1:
                raise errors.corrupt("no pages")
            sizes = tuple(
                (rect.width * POINTS_TO_LOGICAL, rect.height * POINTS_TO_LOGICAL)
                for rect in (doc[number].rect for number in range(doc.page_count))
            )
        except DocumentError:
            doc.close()
            raise
        except Exception as exc:
            doc.close()
            raise errors.corrupt(type(exc).__name__) from None
        self._docs[key] = doc
        while len(self._docs) > self._max_open:
            _, oldest = self._docs.popitem(last=False)
            oldest.close()
        return DocumentInfo("application/pdf", sizes)

    def render(self, key: str, request: RenderRequest) -> RenderedPage:
        doc = self._docs.get(key)
        if doc is None:
            raise errors.render_failed("not open")
        self._docs.move_to_end(key)
        if not 0 <= request.page < doc.page_count:
            raise errors.render_failed(f"page {request.page}")
        try:
            return self._render(doc[request.page], request)
        except DocumentError:
            raise
        except Exception as exc:
            raise errors.render_failed(type(exc).__name__) from None

    @staticmethod
    def _render(page: Any, request: RenderRequest) -> RenderedPage:
        rotation = normalize_rotation(request.rotation)
        rect = page.rect  # already reflects the page's own /Rotate
        turned_w = rect.height if rotation in (90, 270) else rect.width
        zoom = max(request.width, 1) / turned_w
        matrix = pymupdf.Matrix(zoom, zoom).prerotate(rotation)
        clip = None
        if request.clip is not None:
            # The clip is in device pixels of the turned page; MuPDF wants page coordinates.
            whole = rect * matrix  # turned page in device space; may start at negative coords
            x0, y0, x1, y1 = request.clip
            device = pymupdf.Rect(x0 + whole.x0, y0 + whole.y0, x1 + whole.x0, y1 + whole.y0)
            clip = device * ~matrix
            out_w, out_h = x1 - x0, y1 - y0
        else:
            out_w, out_h = request.width, request.height
        if out_w * out_h > MAX_RENDER_PIXELS:
            raise errors.render_failed("render too large")
        pixmap = page.get_pixmap(matrix=matrix, clip=clip, alpha=False,
                                 colorspace=pymupdf.csRGB)
        return RenderedPage(pixmap.width, pixmap.height, pixmap.stride, FORMAT_RGB888,
                            bytes(pixmap.samples_mv))

    def close(self, key: str) -> None:
        doc = self._docs.pop(key, None)
        if doc is not None:
            doc.close()

    def close_all(self) -> None:
        for key in list(self._docs):
            self.close(key)


# --- the child process -------------------------------------------------------------------------

def _error_tuple(error: DocumentError) -> tuple[str, str, str, str, str | None]:
    return ("error", error.ja, error.en, error.code, error.subject)


def _child_main(conn: Connection) -> None:  # pragma: no cover - runs in the child process
    """Serve open/render/close messages until the pipe closes."""
    backend = PdfBackend()
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        kind = message[0]
        try:
            if kind == "open":
                conn.send(("ok", backend.open(message[1], message[2])))
            elif kind == "render":
                page = backend.render(message[1], message[2])
                # Pixels go as raw bytes, not pickled: pickling a 2 MB page costs two extra copies.
                conn.send(("pixels", page.width, page.height, page.stride, page.format))
                conn.send_bytes(page.data)
            elif kind == "close":
                backend.close(message[1])
            elif kind == "stop":
                backend.close_all()
                return
        except DocumentError as error:
            conn.send(_error_tuple(error))
        except Exception as exc:  # the child must answer every request
            conn.send(_error_tuple(errors.render_failed(type(exc).__name__)))


class _WorkerGone(Exception):
    """The child process died or hung; it is restarted for the next job."""


class _ProcessWorker:
    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=_child_main, args=(child_conn,),
                                        name="reviewer-pdf", daemon=True)
        self._process.start()
        child_conn.close()
        self.open_keys: OrderedDict[str, None] = OrderedDict()

    def call(self, message: tuple[Any, ...]) -> Any:
        try:
            self._conn.send(message)
            if not self._conn.poll(RENDER_TIMEOUT_S):
                raise _WorkerGone("timeout")
            reply = self._conn.recv()
        except (EOFError, OSError, BrokenPipeError) as exc:
            raise _WorkerGone(type(exc).__name__) from None
        if reply[0] == "error":
            _, ja, en, code, subject = reply
            raise DocumentError(ja, en, code=code, subject=subject)
        if reply[0] == "pixels":
            _, width, height, stride, fmt = reply
            try:
                data = self._conn.recv_bytes()
            except (EOFError, OSError) as exc:
                raise _WorkerGone(type(exc).__name__) from None
            return RenderedPage(width, height, stride, fmt, data)
        return reply[1]

    def open(self, key: str, data: bytes) -> DocumentInfo:
        info: DocumentInfo = self.call(("open", key, data))
        self.open_keys[key] = None
        # Mirror the child's LRU so we know when to resend a document's bytes.
        while len(self.open_keys) > MAX_OPEN_DOCUMENTS:
            self.open_keys.popitem(last=False)
        return info

    def is_open(self, key: str) -> bool:
        if key in self.open_keys:
            self.open_keys.move_to_end(key)
            return True
        return False

    def render(self, key: str, request: RenderRequest) -> RenderedPage:
        page: RenderedPage = self.call(("render", key, request))
        return page

    def close(self, key: str) -> None:
        if self.open_keys.pop(key, "absent") is None:
            with contextlib.suppress(OSError, BrokenPipeError):
                self._conn.send(("close", key))

    def stop(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError):
            self._conn.send(("stop",))
        self._process.join(2.0)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(1.0)
        self._conn.close()

    def kill(self) -> None:
        self._process.kill()
        self._process.join(1.0)
        self._conn.close()


class _ThreadWorker:
    """Same interface, PyMuPDF on the dispatcher thread itself (no process available)."""

    def __init__(self) -> None:
        self._backend = PdfBackend()

    def open(self, key: str, data: bytes) -> DocumentInfo:
        return self._backend.open(key, data)

    def is_open(self, key: str) -> bool:
        return self._backend.is_open(key)

    def render(self, key: str, request: RenderRequest) -> RenderedPage:
        return self._backend.render(key, request)

    def close(self, key: str) -> None:
        self._backend.close(key)

    def stop(self) -> None:
        self._backend.close_all()

    def kill(self) -> None:
        self._backend.close_all()


# --- the engine --------------------------------------------------------------------------------

OpenCallback = Callable[[OpenOutcome], None]
RenderCallback = Callable[[RenderOutcome], None]


@dataclass(order=True)
class _Job:
    priority: int
    sequence: int
    key: str = field(compare=False)
    data: bytes = field(compare=False, repr=False)
    request: RenderRequest | None = field(compare=False)
    on_open: OpenCallback | None = field(compare=False)
    on_render: RenderCallback | None = field(compare=False)
    tag: str = field(compare=False, default="")


class PdfEngine:
    """One PDF worker (child process or thread) fed by one dispatcher thread.

    Lower ``priority`` numbers run first. Callbacks run on the dispatcher thread: callers that
    need the GUI thread post the result on (the viewer does so with a queued Qt signal).
    """

    def __init__(self, *, use_process: bool = True) -> None:
        self.use_process = use_process
        self._heap: list[_Job] = []
        self._cancelled: set[int] = set()
        self._sequence = itertools.count()
        self._condition = threading.Condition()
        self._stopping = False
        self._infos: dict[str, DocumentInfo] = {}
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="reviewer-pdf-dispatch",
                                        daemon=True)
        self._thread.start()

    def wait_ready(self, timeout: float | None = None) -> bool:
        """True once the worker has started (benchmarks wait for it; the GUI never does)."""
        return self._ready.wait(timeout)

    def open(self, key: str, data: bytes, callback: OpenCallback, *, priority: int = 0,
             tag: str = "") -> None:
        self._push(_Job(priority, next(self._sequence), key, data, None, callback, None, tag))

    def render(self, key: str, data: bytes, request: RenderRequest, callback: RenderCallback,
               *, priority: int = 0, tag: str = "") -> None:
        """Render ``request``; ``data`` is only sent to the worker if it has not got it open."""
        self._push(_Job(priority, next(self._sequence), key, data, request, None, callback, tag))

    def cancel(self, tag: str) -> None:
        """Drop pending jobs with ``tag`` (a job already running finishes and reports)."""
        with self._condition:
            self._cancelled.update(job.sequence for job in self._heap if job.tag == tag)

    def forget(self, key: str) -> None:
        """Close ``key`` in the worker when the dispatcher is next free."""
        self._push(_Job(-1, next(self._sequence), key, b"", None, None, None, "__close__"))

    def shutdown(self) -> None:
        with self._condition:
            self._stopping = True
            self._condition.notify_all()
        self._thread.join(5.0)

    def _push(self, job: _Job) -> None:
        with self._condition:
            if self._stopping:
                return
            heapq.heappush(self._heap, job)
            self._condition.notify()

    def _next(self) -> _Job | None:
        with self._condition:
            while True:
                while self._heap:
                    job = heapq.heappop(self._heap)
                    if job.sequence in self._cancelled:
                        self._cancelled.discard(job.sequence)
                        continue
                    return job
                if self._stopping:
                    return None
                self._condition.wait()

    def _start_worker(self) -> _ProcessWorker | _ThreadWorker:
        if self.use_process:
            try:
                return _ProcessWorker()
            except (OSError, RuntimeError, ValueError):
                self.use_process = False  # e.g. a sandbox without fork/exec: degrade, keep working
        return _ThreadWorker()

    def _run(self) -> None:
        worker = self._start_worker()
        self._ready.set()
        while (job := self._next()) is not None:
            try:
                self._execute(worker, job)
            except _WorkerGone as gone:
                worker.kill()
                worker = self._start_worker()
                self._infos.clear()
                self._report(job, errors.render_failed(str(gone)))
        worker.stop()

    def _execute(self, worker: _ProcessWorker | _ThreadWorker, job: _Job) -> None:
        if job.tag == "__close__":
            worker.close(job.key)
            self._infos.pop(job.key, None)
            return
        try:
            if not (worker.is_open(job.key) and job.key in self._infos):
                self._infos[job.key] = worker.open(job.key, job.data)
            if job.on_open is not None:
                _deliver(job.on_open, self._infos[job.key])
                return
            assert job.request is not None and job.on_render is not None
            _deliver(job.on_render, worker.render(job.key, job.request))
        except DocumentError as error:
            self._report(job, error)

    @staticmethod
    def _report(job: _Job, error: DocumentError) -> None:
        if job.on_open is not None:
            _deliver(job.on_open, error)
        elif job.on_render is not None:
            _deliver(job.on_render, error)


def _deliver(callback: Callable[[Any], None], outcome: Any) -> None:
    # A failing callback must not kill the dispatcher: every later PDF would hang silently.
    try:
        callback(outcome)
    except Exception:
        _log.exception("PDF callback failed")

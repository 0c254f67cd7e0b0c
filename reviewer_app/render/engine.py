"""The viewer's renderer: PDFs and photos decoded in child processes, each request bounded.

Why children and not threads (issue 9): a decoder cannot be stopped from another thread, so a
crafted file (a PDF page whose drawing instructions inflate to 540 MB, a JPEG of 65,327 x 169
pixels) held a worker for half a minute and a photo could grow the application by gigabytes.
Here every request runs in a :class:`~.isolation.LimitedChild` with

* a **deadline**: :data:`DEADLINE_VIEW_S` for what the examiner is looking at,
  :data:`DEADLINE_BACKGROUND_S` for thumbnails, quick passes and prefetches (the caller picks);
  past it the child is killed and the request answers :func:`~.errors.too_slow`;
* a **memory budget** derived from the output, never from what the file claims:
  :data:`DECODE_ALLOWANCE` (enough to decode the largest image the importer accepts, 50 MP) plus
  :data:`OUTPUT_FACTOR` times the pixels asked for; over it the request answers
  :func:`~.errors.over_memory` (on platforms with ``RLIMIT_AS``). The budget bounds how far the
  child's address space may grow during the request; memory the child already has mapped and
  free (after loading PyMuPDF, after an earlier decode) is used first, so the child's size is
  bounded by its size at the start of the request plus the budget.

Two children (:data:`DEFAULT_WORKERS`) serve one priority queue, so a slow page never holds up
another document: the other child takes it. Two requests for the same page never run at once
(the second waits for the first, and for a photo both want the same decode). A page the
examiner left can be abandoned (:meth:`RenderEngine.abandon`): its pending requests are dropped
and a request still running after :data:`ABANDON_GRACE_S` has its child killed, so a case switch
frees the child at once. The first child starts with the engine, the second when the viewer is
first used; both load PyMuPDF at start (0.5-1.5 s and 120 MB each), so the worker that takes
over from one stuck on a slow PDF page can start at once: loading it only when needed held the
next document up for as long as the import took (0.7-1.7 s measured on a busy machine, against
0.1 s). The second stops after :data:`IDLE_STOP_S` without work. A job goes to a worker that can
start on it at once when one is free.

Callbacks run on the engine's threads; the viewer posts them to the GUI thread. Where child
processes cannot be started, the same work runs on the engine's threads without deadlines or
budgets (logged once).
"""

from __future__ import annotations

import contextlib
import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from . import errors
from .backend import NOT_OPEN, DocumentBackend, error_from, handle, page_from
from .errors import DocumentError
from .isolation import START_TIMEOUT_S, ChildFailed, LimitedChild
from .sniff import PDF
from .types import DocumentInfo, OpenOutcome, RenderedPage, RenderOutcome, RenderRequest

_log = logging.getLogger(__name__)

DEFAULT_WORKERS = 2
# What the examiner looks at: a 12 MP HEIC decodes in about 0.3 s, a scanned page renders in
# 0.1 s; ten seconds leaves room for a slow machine under load.
DEADLINE_VIEW_S = 10.0
# Thumbnails, quick passes and prefetches: work nobody waits for yet, so it may not hold a child
# for long ("a slow page never holds up another document for more than about a second").
DEADLINE_BACKGROUND_S = 1.0
MIB = 1024 * 1024
# Opening: PyMuPDF's page tree of a 5 MB PDF, or an image header.
OPEN_BUDGET = 192 * MIB
# Decoding the largest image the importer accepts (50 MP: 150 MB of RGB) with room for the
# decoder's own buffers. A fixed allowance: never raised by the sizes a file claims.
DECODE_ALLOWANCE = 320 * MIB
OUTPUT_FACTOR = 4  # the output, its conversions and the copy that crosses the pipe
ABANDON_GRACE_S = 0.3
IDLE_STOP_S = 60.0
_FACTORY = "reviewer_app.render.backend:make_handler"

OpenCallback = Callable[[OpenOutcome], None]
RenderCallback = Callable[[RenderOutcome], None]
QuickCallback = Callable[[RenderedPage], None]


def render_budget(request: RenderRequest | None) -> int:
    """The memory a render may use: the decode allowance and a multiple of its output."""
    if request is None:
        return DECODE_ALLOWANCE
    if request.clip is not None:
        x0, y0, x1, y1 = request.clip
        pixels = max(0, x1 - x0) * max(0, y1 - y0)
    else:
        pixels = request.width * request.height
    return DECODE_ALLOWANCE + OUTPUT_FACTOR * 3 * min(pixels, 40_000_000)


def failure_error(failure: ChildFailed, deadline_s: float) -> DocumentError:
    if failure.kind == "timeout":
        return errors.too_slow(deadline_s)
    if failure.kind == "memory":
        return errors.over_memory()
    return errors.render_failed(f"worker {failure}")


@dataclass(order=True)
class _Job:
    priority: int
    sequence: int
    kind: str = field(compare=False)  # "open", "render" or "quick"
    key: str = field(compare=False)
    data: bytes = field(compare=False, repr=False)
    media_type: str = field(compare=False)
    request: RenderRequest | None = field(compare=False, default=None)
    rotation: int | None = field(compare=False, default=None)  # quick pass
    on_done: Callable[[Any], None] | None = field(compare=False, default=None)
    on_quick: QuickCallback | None = field(compare=False, default=None)
    tag: str = field(compare=False, default="")
    deadline_s: float = field(compare=False, default=DEADLINE_VIEW_S)

    @property
    def lane(self) -> tuple[str, int | None]:
        """Requests in one lane never run at once: one page (a photo has one), or an open."""
        if self.kind == "render" and self.request is not None:
            return self.key, self.request.page
        return self.key, (0 if self.kind == "quick" else None)


@dataclass(eq=False)
class _Slot:
    index: int
    child: LimitedChild | None = None
    backend: DocumentBackend | None = None  # the in-process fallback
    open_keys: set[str] = field(default_factory=set)
    pdf_ready: bool = False
    running: _Job | None = None
    started: float = 0.0
    killed_for: _Job | None = None  # the job abandon() killed the child for
    to_close: set[str] = field(default_factory=set)


class RenderEngine:
    """Render children fed from one priority queue; every method is thread-safe.

    Lower ``priority`` numbers run first. Jobs carry the file's bytes, so any child can serve
    them (a child that lacks the document opens it first).
    """

    def __init__(self, *, workers: int = DEFAULT_WORKERS, use_process: bool = True,
                 warm_pdf: bool = True) -> None:
        self.use_process = use_process
        self._warm_pdf = warm_pdf
        self._heap: list[_Job] = []
        self._sequence = itertools.count()
        self._condition = threading.Condition()
        self._stopping = False
        self._ready = threading.Event()
        self._slots = [_Slot(n) for n in range(max(1, workers))]
        self._threads = [threading.Thread(target=self._serve, args=(slot,), daemon=True,
                                          name=f"reviewer-render-{slot.index}")
                         for slot in self._slots]
        for thread in self._threads:
            thread.start()

    # --- requests -----------------------------------------------------------------------------

    def wait_ready(self, timeout: float | None = None) -> bool:
        """True once the first worker has started (benchmarks wait for it; the GUI never does)."""
        return self._ready.wait(timeout)

    def open(self, key: str, data: bytes, media_type: str, callback: OpenCallback, *,
             priority: int = 0, tag: str = "", deadline_s: float = DEADLINE_VIEW_S,
             quick_rotation: int | None = None, on_quick: QuickCallback | None = None) -> None:
        """Open ``data``; ``callback(DocumentInfo | DocumentError)``. For a photo with
        ``quick_rotation``, ``on_quick(page)`` first gets a small picture from the same job."""
        self._push(_Job(priority, next(self._sequence), "open", key, data, media_type, None,
                        quick_rotation, callback, on_quick, tag, deadline_s))

    def render(self, key: str, data: bytes, media_type: str, request: RenderRequest,
               callback: RenderCallback, *, priority: int = 0, tag: str = "",
               deadline_s: float = DEADLINE_VIEW_S) -> None:
        self._push(_Job(priority, next(self._sequence), "render", key, data, media_type,
                        request, None, callback, None, tag, deadline_s))

    def quick(self, key: str, data: bytes, media_type: str, rotation: int,
              callback: RenderCallback, *, priority: int = 0, tag: str = "",
              deadline_s: float = DEADLINE_BACKGROUND_S) -> None:
        """A photo's small picture (JPEG DCT scaling, a HEIC's embedded thumbnail)."""
        self._push(_Job(priority, next(self._sequence), "quick", key, data, media_type, None,
                        rotation, callback, None, tag, deadline_s))

    def cancel(self, tag: str) -> None:
        """Drop pending jobs with ``tag``; they never call back (a running one finishes)."""
        with self._condition:
            self._drop(lambda job: job.tag == tag)

    def abandon(self, key: str) -> None:
        """Nobody wants ``key`` any more: drop its pending jobs, and kill a child that has been
        rendering it for longer than :data:`ABANDON_GRACE_S` (it is replaced; nothing calls
        back for the killed job)."""
        now = time.monotonic()
        with self._condition:
            self._drop(lambda job: job.key == key)
            for slot in self._slots:
                job = slot.running
                if (job is not None and job.key == key and slot.child is not None
                        and slot.killed_for is None and now - slot.started > ABANDON_GRACE_S):
                    slot.killed_for = job
                    slot.child.signal_kill()

    def forget(self, key: str) -> None:
        """Close ``key`` in every worker when it is next free."""
        with self._condition:
            for slot in self._slots:
                if key in slot.open_keys:
                    slot.to_close.add(key)
            self._condition.notify_all()

    def running_keys(self) -> list[str]:
        """Documents being rendered right now (for tests and benchmarks)."""
        with self._condition:
            return [slot.running.key for slot in self._slots if slot.running is not None]

    def running_for(self, key: str) -> float | None:
        """Seconds the oldest running job for ``key`` has run, or None (tests, benchmarks)."""
        now = time.monotonic()
        with self._condition:
            ages = [now - slot.started for slot in self._slots
                    if slot.running is not None and slot.running.key == key]
        return max(ages) if ages else None

    def worker_pids(self) -> list[int]:
        """The render children's process ids (the viewer benchmark measures their memory)."""
        with self._condition:
            return [pid for slot in self._slots if slot.child is not None
                    for pid in [slot.child.pid] if pid is not None]

    def shutdown(self) -> None:
        with self._condition:
            self._stopping = True
            self._heap.clear()
            for slot in self._slots:
                if slot.running is not None and slot.child is not None:
                    slot.killed_for = slot.running
                    slot.child.signal_kill()
            self._condition.notify_all()
        for thread in self._threads:
            thread.join(5.0)

    def _push(self, job: _Job) -> None:
        with self._condition:
            if self._stopping:
                return
            heapq.heappush(self._heap, job)
            self._condition.notify_all()

    def _drop(self, unwanted: Callable[[_Job], bool]) -> None:
        kept = [job for job in self._heap if not unwanted(job)]
        if len(kept) != len(self._heap):
            self._heap = kept
            heapq.heapify(self._heap)

    # --- one worker ---------------------------------------------------------------------------

    @staticmethod
    def _ready_for(slot: _Slot, job: _Job) -> bool:
        """The worker can start on ``job`` at once (no process to start, no MuPDF to load)."""
        if slot.backend is not None:
            return True
        return slot.child is not None and (job.media_type != PDF or slot.pdf_ready)

    def _pick(self, slot: _Slot) -> _Job | None:
        busy_lanes = {s.running.lane for s in self._slots if s.running is not None}
        others = [s for s in self._slots if s is not slot]
        for job in sorted(self._heap):
            if job.lane in busy_lanes:
                continue
            if not self._ready_for(slot, job) and any(
                    s.running is None and self._ready_for(s, job) for s in others):
                continue  # a warm idle worker serves it sooner
            if job.key not in slot.open_keys:
                holders = [s for s in others if job.key in s.open_keys]
                # A worker that holds the document (its pages parsed, its photo decoded) takes
                # it when free; background work waits for it while it renders that document.
                # What the examiner looks at never waits for another document.
                if any(s.running is None for s in holders):
                    continue
                if job.priority > 0 and any(s.running is not None and s.running.key == job.key
                                            for s in holders):
                    continue
            self._heap.remove(job)
            heapq.heapify(self._heap)
            return job
        return None

    def _take(self, slot: _Slot) -> _Job | None:
        with self._condition:
            while not self._stopping:
                job = self._pick(slot)
                if job is not None:
                    slot.running, slot.started = job, time.monotonic()
                    # Another worker may have left a job to this one while it was idle.
                    self._condition.notify_all()
                    return job
                if (slot.index > 0 and slot.child is None and self.use_process
                        and (self._heap or any(s.running is not None for s in self._slots))):
                    return _WARM  # the viewer is in use: be ready when the first one is busy
                idle = IDLE_STOP_S if slot.index > 0 and slot.child is not None else None
                if not self._condition.wait(idle) and idle is not None:
                    return _IDLE
            return None

    def _serve(self, slot: _Slot) -> None:
        if slot.index == 0:
            self._start(slot, pdf=self._warm_pdf)
            self._ready.set()
        while True:
            self._close_forgotten(slot)
            job = self._take(slot)
            if job is None:
                break
            if job is _IDLE:
                self._stop_child(slot)
                continue
            if job is _WARM:
                self._start(slot, pdf=self._warm_pdf)
                with self._condition:
                    self._condition.notify_all()
                continue
            outcome: Any = None
            quick: RenderedPage | None = None
            failed: ChildFailed | None = None
            try:
                outcome, quick = self._execute(slot, job)
            except ChildFailed as failure:
                failed = failure
            except Exception as exc:  # a bug here must not silence the viewer
                _log.exception("render job failed")
                outcome = errors.render_failed(type(exc).__name__)
            with self._condition:
                killed_for, slot.killed_for = slot.killed_for, None
                slot.running = None
            if killed_for is not None and failed is None and slot.child is not None:
                slot.child.kill()  # abandon() killed it as this job finished: clean up
            retry = False
            if failed is not None or killed_for is not None:
                self._lost_child(slot)
            if failed is not None:
                if killed_for is job:
                    outcome = None  # abandoned: nobody waits for it
                elif killed_for is not None:
                    retry = True  # killed for another job (a race): run this one again
                else:
                    outcome = failure_error(failed, job.deadline_s)
            with self._condition:
                if retry and not self._stopping:
                    heapq.heappush(self._heap, job)
                self._condition.notify_all()
            if quick is not None and job.on_quick is not None:
                _deliver(job.on_quick, quick)
            if outcome is not None and job.on_done is not None:
                _deliver(job.on_done, outcome)
            if slot.index == 0 and slot.child is None and self.use_process and not retry:
                self._start(slot, pdf=self._warm_pdf)  # keep one warm worker
        self._stop_child(slot)

    def _start(self, slot: _Slot, *, pdf: bool = False) -> None:
        if not self.use_process:
            slot.backend = slot.backend or DocumentBackend()
            return
        try:
            slot.child = LimitedChild(_FACTORY, name=f"reviewer-render-{slot.index}")
            slot.open_keys.clear()
            slot.pdf_ready = False
            if pdf:
                self._prepare_pdf(slot)
        except (OSError, RuntimeError, ValueError, ChildFailed) as exc:
            _log.warning("rendering in-process, without deadlines (no child process: %s)",
                         type(exc).__name__)
            slot.child = None
            self.use_process = False
            slot.backend = DocumentBackend()

    def _prepare_pdf(self, slot: _Slot) -> None:
        """Load PyMuPDF in the child outside any budget (a library, not a document)."""
        if slot.child is not None and not slot.pdf_ready:
            slot.child.request(("prepare-pdf",), timeout=START_TIMEOUT_S, budget=None)
            slot.pdf_ready = True

    def _lost_child(self, slot: _Slot) -> None:
        slot.child = None
        slot.open_keys.clear()
        slot.pdf_ready = False

    def _stop_child(self, slot: _Slot) -> None:
        if slot.child is not None:
            slot.child.stop()
        self._lost_child(slot)

    def _close_forgotten(self, slot: _Slot) -> None:
        with self._condition:
            keys, slot.to_close = slot.to_close, set()
        for key in keys:
            if key not in slot.open_keys:
                continue  # its worker was replaced meanwhile: nothing to close
            slot.open_keys.discard(key)
            with contextlib.suppress(ChildFailed):
                self._call(slot, ("close", key), [], timeout=5.0, budget=None)
        if keys and slot.child is None and slot.backend is None:
            self._lost_child(slot)  # a close that killed it (a timeout) left nothing open

    def _call(self, slot: _Slot, message: tuple[Any, ...], payloads: list[bytes], *,
              timeout: float, budget: int | None) -> tuple[Any, list[bytes]]:
        if slot.child is not None:
            return slot.child.request(message, timeout=timeout, budget=budget,
                                      payloads=payloads)
        assert slot.backend is not None
        return handle(slot.backend, message, payloads)

    def _execute(self, slot: _Slot, job: _Job) -> tuple[Any, RenderedPage | None]:
        """(outcome for on_done, quick page or None); raises ChildFailed."""
        if slot.child is None and slot.backend is None:
            self._start(slot, pdf=self._warm_pdf)
        if job.media_type == PDF:
            self._prepare_pdf(slot)
        for attempt in (0, 1):
            quick: RenderedPage | None = None
            if job.kind == "open" or job.key not in slot.open_keys:
                rotation = job.rotation if job.kind == "open" else None
                budget = OPEN_BUDGET + (DECODE_ALLOWANCE if rotation is not None else 0)
                reply, data = self._call(slot, ("open", job.key, job.media_type, rotation),
                                         [job.data], timeout=job.deadline_s, budget=budget)
                if reply[0] == "error":
                    return error_from(reply), None
                slot.open_keys.add(job.key)
                if job.kind == "open":
                    info: DocumentInfo = reply[1]
                    quick = page_from(reply[2], data) if reply[2] is not None else None
                    return info, quick
            if job.kind == "quick":
                message: tuple[Any, ...] = ("quick", job.key, job.rotation)
            else:
                message = ("render", job.key, job.request)
            reply, data = self._call(slot, message, [], timeout=job.deadline_s,
                                     budget=render_budget(job.request))
            if reply[0] == "page":
                return page_from(reply, data), None
            error = error_from(reply)
            if error.code == NOT_OPEN and attempt == 0:
                slot.open_keys.discard(job.key)  # the child let it go: send it again
                continue
            return error, None
        return errors.render_failed("not open"), None


_IDLE = _Job(0, -1, "idle", "", b"", "")
_WARM = _Job(0, -2, "warm", "", b"", "")


def _deliver(callback: Callable[[Any], None], outcome: Any) -> None:
    # A failing callback must not kill the worker thread: every later document would hang.
    try:
        callback(outcome)
    except Exception:
        _log.exception("render callback failed")


__all__ = [
    "ABANDON_GRACE_S",
    "DEADLINE_BACKGROUND_S",
    "DEADLINE_VIEW_S",
    "DECODE_ALLOWANCE",
    "RenderEngine",
    "render_budget",
]

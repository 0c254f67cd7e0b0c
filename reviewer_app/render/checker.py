"""The importer's content checks, run beside the import in a small pool of limited children.

:meth:`ContentChecker.submit` hands one file to the pool and returns a future of its
:class:`~.inspect.Inspection`; the importer goes on decrypting, sealing and storing meanwhile and
collects the verdicts when it completes the submission's attachment rows, so on a machine with a
spare core the checks cost little wall time (``tests/benchmarks/bench_import.py``).

Each child checks one file at a time under :data:`CHECK_TIMEOUT_S` and :data:`CHECK_BUDGET_BYTES`
(:mod:`.isolation`). A check that runs out of either is a verdict too, ``too_complex``, and a child
that crashes on a file makes it ``damaged``; the child is replaced and the import goes on. A
child idle for :data:`IDLE_STOP_S` is stopped and started again on demand.

Where child processes cannot be started (a locked-down sandbox) the checks run on the pool's
threads instead, without the limits, and a warning is logged once.
"""

from __future__ import annotations

import atexit
import logging
import queue
import threading
from concurrent.futures import Future
from dataclasses import dataclass

from .inspect import Inspection, inspect_file
from .isolation import ChildFailed, LimitedChild
from .problems import FileProblem
from .sniff import sniff_media_type

_log = logging.getLogger(__name__)

# The checks themselves take microseconds to a few milliseconds (inspect's module doc); a file
# that needs seconds is hostile. The limit is generous for a machine under load.
CHECK_TIMEOUT_S = 10.0
# Opening a 5 MB PDF or parsing an image header needs a few MB; content streams are measured
# by streaming inflate. A file that makes the check want more than this is a bomb.
CHECK_BUDGET_BYTES = 256 * 1024 * 1024
IDLE_STOP_S = 30.0
# One child keeps up with the import by a wide margin (a check costs about 0.1 ms of CPU plus
# the transfer); a second one would cost another start (MuPDF: 0.6 s of CPU, 120 MB).
DEFAULT_WORKERS = 1
# Bytes handed over but not yet checked: the importer waits beyond this, so memory stays flat
# however far the checks fall behind.
MAX_PENDING_BYTES = 48 * 1024 * 1024
# Files sent to a child in one request. One round trip per file cost the import a third of its
# throughput on a busy two-core machine (each send and receive waits for the GIL behind the
# importing thread); a batch of what is waiting costs one. A batch that fails is checked again
# file by file, so a hostile file is still named alone.
MAX_BATCH_FILES = 32
MAX_BATCH_BYTES = 16 * 1024 * 1024
_FACTORY = "reviewer_app.render.inspect:make_handler"


@dataclass(eq=False)
class _Job:
    data: bytes
    declared: str
    future: Future[Inspection]


def failed_check(data: bytes, failure: ChildFailed) -> Inspection:
    """The verdict on a file whose check did not answer."""
    media_type = sniff_media_type(data)
    if failure.kind == "crash":
        return Inspection(media_type, FileProblem.DAMAGED, detail=f"check crashed ({failure})")
    return Inspection(media_type, FileProblem.TOO_COMPLEX, detail=f"check {failure}")


class ContentChecker:
    """A pool of ``workers`` checking children fed from one queue; thread-safe."""

    def __init__(self, workers: int = DEFAULT_WORKERS, *, timeout_s: float = CHECK_TIMEOUT_S,
                 budget_bytes: int = CHECK_BUDGET_BYTES, idle_stop_s: float = IDLE_STOP_S,
                 use_process: bool = True, max_pending_bytes: int = MAX_PENDING_BYTES,
                 factory: str = _FACTORY) -> None:
        self._factory = factory
        self.timeout_s = timeout_s
        self.budget_bytes = budget_bytes
        self.idle_stop_s = idle_stop_s
        self.use_process = use_process
        self._max_pending = max_pending_bytes
        self._pending = 0
        self._room = threading.Condition()
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._closed = False
        self._threads = [threading.Thread(target=self._run, name=f"content-check-{n}",
                                          daemon=True) for n in range(max(1, workers))]
        for thread in self._threads:
            thread.start()

    def submit(self, data: bytes, declared_media_type: str) -> Future[Inspection]:
        """Queue one file; waits while :data:`MAX_PENDING_BYTES` wait for their check."""
        future: Future[Inspection] = Future()
        if self._closed:
            future.set_exception(RuntimeError("the content checker is closed"))
            return future
        size = len(data)
        with self._room:
            self._room.wait_for(lambda: self._pending == 0
                                or self._pending + size <= self._max_pending)
            self._pending += size
        future.add_done_callback(lambda _f: self._release(size))
        self._queue.put(_Job(data, declared_media_type, future))
        return future

    def _release(self, size: int) -> None:
        with self._room:
            self._pending -= size
            self._room.notify_all()

    def check(self, data: bytes, declared_media_type: str) -> Inspection:
        return self.submit(data, declared_media_type).result()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        for _ in self._threads:
            self._queue.put(None)
        for thread in self._threads:
            thread.join(5.0)

    # --- one worker thread ------------------------------------------------------------------

    def _start_child(self) -> LimitedChild | None:
        if not self.use_process:
            return None
        try:
            return LimitedChild(self._factory, name="reviewer-content-check")
        except (OSError, RuntimeError, ValueError, ChildFailed) as exc:
            if self.use_process:
                _log.warning("content checks run in-process (no child process: %s)",
                             type(exc).__name__)
            self.use_process = False
            return None

    def _next_batch(self, idle: float | None) -> list[_Job] | None:
        """What is waiting (at least one job); None to stop; [] after ``idle`` seconds."""
        try:
            first = self._queue.get(timeout=idle)
        except queue.Empty:
            return []
        if first is None:
            return None
        batch, size = [first], len(first.data)
        while len(batch) < MAX_BATCH_FILES and size < MAX_BATCH_BYTES:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                break
            if job is None:
                self._queue.put(None)  # for the next round of this loop
                break
            batch.append(job)
            size += len(job.data)
        return [job for job in batch if job.future.set_running_or_notify_cancel()]

    def _run(self) -> None:
        # Started at once: the import verifies the bundle's manifest meanwhile.
        child: LimitedChild | None = self._start_child()
        while True:
            batch = self._next_batch(self.idle_stop_s if child is not None else None)
            if batch is None:
                break
            if not batch:
                if child is not None:
                    child.stop()  # idle: give the memory back; started again on demand
                    child = None
                continue
            try:
                child = self._check(child, batch)
            except BaseException as exc:  # never leave the importer waiting forever
                for job in batch:
                    if not job.future.done():
                        job.future.set_exception(exc)
            del batch
        if child is not None:
            child.stop()

    def _check(self, child: LimitedChild | None, batch: list[_Job]) -> LimitedChild | None:
        """Check ``batch``; returns the child to use next (None when it had to be killed)."""
        if child is None:
            child = self._start_child()
        if child is None:  # in-process
            for job in batch:
                job.future.set_result(inspect_file(job.data, job.declared))
            return None
        if len(batch) > 1:
            try:
                for job, verdict in zip(batch, self._request(child, batch), strict=True):
                    job.future.set_result(verdict)
                return child
            except ChildFailed:
                child = None  # one of them is hostile: check each alone to name it
        for job in batch:
            child = child or self._start_child()
            if child is None:
                job.future.set_result(inspect_file(job.data, job.declared))
                continue
            try:
                job.future.set_result(self._request(child, [job])[0])
            except ChildFailed as failure:
                child = None  # killed by request(); the next file starts a new one
                job.future.set_result(failed_check(job.data, failure))
        return child

    def _request(self, child: LimitedChild, batch: list[_Job]) -> list[Inspection]:
        reply, _ = child.request(("inspect", [job.declared for job in batch]),
                                 timeout=self.timeout_s, budget=self.budget_bytes,
                                 payloads=[job.data for job in batch])
        verdicts: list[Inspection] = reply
        return verdicts


_shared: ContentChecker | None = None
_shared_lock = threading.Lock()


def shared_checker() -> ContentChecker:
    """The process's checker, started on first use (its children stop when idle)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared._closed:
            _shared = ContentChecker()
            atexit.register(_shared.close)
        return _shared


__all__ = [
    "CHECK_BUDGET_BYTES",
    "CHECK_TIMEOUT_S",
    "ContentChecker",
    "failed_check",
    "shared_checker",
]

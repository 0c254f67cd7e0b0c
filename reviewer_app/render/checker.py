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
DEFAULT_WORKERS = 2
# Files handed over but not yet checked: the importer blocks beyond this, so memory stays flat
# however far the checks fall behind (at most this many 5 MB files waiting).
MAX_PENDING = 8
_FACTORY = "reviewer_app.render.inspect:make_handler"

_Job = tuple[bytes, str, "Future[Inspection]"]


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
                 use_process: bool = True, max_pending: int = MAX_PENDING,
                 factory: str = _FACTORY) -> None:
        self._factory = factory
        self._slots = threading.BoundedSemaphore(max_pending)
        self.timeout_s = timeout_s
        self.budget_bytes = budget_bytes
        self.idle_stop_s = idle_stop_s
        self.use_process = use_process
        self._queue: queue.Queue[_Job | None] = queue.Queue()
        self._closed = False
        self._threads = [threading.Thread(target=self._run, name=f"content-check-{n}",
                                          daemon=True) for n in range(max(1, workers))]
        for thread in self._threads:
            thread.start()

    def submit(self, data: bytes, declared_media_type: str) -> Future[Inspection]:
        """Queue one file; blocks while :data:`MAX_PENDING` files wait for their check."""
        future: Future[Inspection] = Future()
        if self._closed:
            future.set_exception(RuntimeError("the content checker is closed"))
            return future
        self._slots.acquire()
        future.add_done_callback(lambda _f: self._slots.release())
        self._queue.put((data, declared_media_type, future))
        return future

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

    def _run(self) -> None:
        # Started at once: the import verifies the bundle's manifest meanwhile.
        child: LimitedChild | None = self._start_child()
        while True:
            try:
                job = self._queue.get(timeout=self.idle_stop_s if child is not None else None)
            except queue.Empty:
                if child is not None:
                    child.stop()  # idle: give the memory back; started again on demand
                    child = None
                continue
            if job is None:
                break
            data, declared, future = job
            if not future.set_running_or_notify_cancel():
                continue
            if child is None:
                child = self._start_child()
            try:
                if child is None:
                    future.set_result(inspect_file(data, declared))
                    continue
                reply, _ = child.request(("inspect", declared), timeout=self.timeout_s,
                                         budget=self.budget_bytes, payload=data)
                future.set_result(reply)
            except ChildFailed as failure:
                child = None  # killed by request(); the next job starts a new one
                future.set_result(failed_check(data, failure))
            except BaseException as exc:  # never leave the importer waiting forever
                future.set_exception(exc)
            finally:
                del data, job
        if child is not None:
            child.stop()


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

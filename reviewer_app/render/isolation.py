"""Hostile files are opened in child processes with a deadline and a memory budget per request.

A :class:`LimitedChild` is one ``spawn`` child (never ``fork``: the parent may run Qt) serving
requests one at a time through a pipe. Each request carries

* a **deadline**: the parent waits that long for the answer, then kills the child
  (:class:`ChildFailed` ``"timeout"``); the caller starts a new one;
* a **memory budget** in bytes: before handling the request the child lowers its own soft
  ``RLIMIT_AS`` to its current address-space size plus the budget, so a decoder that asks for
  more gets an allocation failure (``MemoryError``, or MuPDF/libheif's own error), reported as
  :class:`ChildFailed` ``"memory"``; the limit is lifted again after the request. The budget is
  the caller's choice, derived from what it wants out (a page of so many pixels), never from the
  sizes a file claims. Where ``RLIMIT_AS`` or ``/proc/self/statm`` is missing (Windows, macOS)
  only the deadline applies.

A child that dies (a decoder crash) is :class:`ChildFailed` ``"crash"``. Everything that crosses
the pipe is plain data; file bytes and pixels go as raw bytes, not pickled, each as its own
message (no joining and slicing: two fewer copies of every byte).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import multiprocessing
import os
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

_log = logging.getLogger(__name__)

resource: Any
try:  # POSIX only
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None

# A child imports its libraries before answering "ready"; that is not part of any deadline.
START_TIMEOUT_S = 60.0
_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096

# (message, payloads) -> (reply, payloads); runs in the child. Exceptions become replies.
Handler = Callable[[Any, list[bytes]], tuple[Any, list[bytes]]]


class ChildFailed(Exception):
    """A request got no answer: ``kind`` is ``"timeout"``, ``"memory"`` or ``"crash"``."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind
        self.detail = detail


def is_memory_failure(exc: BaseException) -> bool:
    """An allocation failure, as Python, MuPDF and libheif report it."""
    if isinstance(exc, MemoryError):
        return True
    text = str(exc).lower()
    # MuPDF: "code=2: realloc (536870912 bytes) failed", "malloc (…) failed"
    return ("alloc" in text and "fail" in text) or any(
        word in text for word in ("out of memory", "memory allocation", "cannot allocate"))


# --- the child -----------------------------------------------------------------------------------

def _statm(field: int) -> int | None:
    """A field of /proc/self/statm in bytes (0: address space, 1: resident), where there is one."""
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[field]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


def _set_budget(budget: int | None) -> None:
    """Lower the soft RLIMIT_AS to the current size + ``budget`` (None: lift it)."""
    if resource is None:  # pragma: no cover - Windows
        return
    try:
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if budget is None:
            resource.setrlimit(resource.RLIMIT_AS, (hard, hard))
            return
        current = _statm(0)
        if current is None:
            return
        limit = current + budget
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):  # pragma: no cover - a platform that refuses
        pass


_TRIM_ABOVE = 192 * 1024 * 1024


def _give_back() -> None:
    """Return freed heap memory to the system when the child has grown (glibc keeps what a
    decode freed; a viewer's worker would otherwise stay at its largest page's size)."""
    resident = _statm(1)
    if resident is None or resident < _TRIM_ABOVE:
        return
    with contextlib.suppress(Exception):
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c")
        if name:
            ctypes.CDLL(name).malloc_trim(0)


def _fewer_malloc_arenas() -> None:
    """glibc reserves 64 MB of address space per thread arena; a decoder's threads would eat the
    budget in reservations alone. Two arenas are plenty for one request at a time."""
    with contextlib.suppress(Exception):
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c")
        if name:
            ctypes.CDLL(name).mallopt(-8, 2)  # M_ARENA_MAX


def serve(conn: Connection, factory: str) -> None:  # pragma: no cover - runs in the child
    """The child's loop: ``factory`` is ``"module:function"`` returning the :data:`Handler`."""
    _fewer_malloc_arenas()
    module, _, name = factory.partition(":")
    handler: Handler = getattr(importlib.import_module(module), name)()
    conn.send(("ready",))
    while True:
        try:
            budget, message, count = conn.recv()
            payloads = [conn.recv_bytes() for _ in range(count)]
        except (EOFError, OSError):
            return
        if message == "stop":
            return
        _set_budget(budget)
        try:
            reply, out = handler(message, payloads)
            status = "ok"
        except Exception as exc:
            reply, out = (type(exc).__name__, [])
            status = "memory" if is_memory_failure(exc) else "error"
        finally:
            payloads = []
            _set_budget(None)
        try:
            conn.send((status, reply, len(out)))
            for data in out:
                conn.send_bytes(data)
        except (EOFError, OSError):
            return
        out = []
        _give_back()


# --- the parent ----------------------------------------------------------------------------------

class LimitedChild:
    """One child process; :meth:`request` is not thread-safe (one caller thread per child)."""

    def __init__(self, factory: str, *, name: str = "reviewer-worker") -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child_conn = context.Pipe()
        self._process = context.Process(target=serve, args=(child_conn, factory), name=name,
                                        daemon=True)
        self._process.start()
        child_conn.close()
        try:
            if not self._conn.poll(START_TIMEOUT_S):
                raise ChildFailed("timeout", "start")
            self._conn.recv()
        except (EOFError, OSError) as exc:
            self.kill()
            raise ChildFailed("crash", f"start: {type(exc).__name__}") from None
        except ChildFailed:
            self.kill()
            raise

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def alive(self) -> bool:
        return self._process.is_alive()

    def request(self, message: Any, *, timeout: float, budget: int | None,
                payloads: Sequence[bytes] = ()) -> tuple[Any, list[bytes]]:
        """Send ``message`` and ``payloads``; the reply and its payloads, or
        :class:`ChildFailed`.

        After any ChildFailed the child is dead (killed here on a timeout or memory failure).
        A handler exception other than memory comes back as ``ChildFailed("crash")``: the
        handlers turn every expected failure into a reply value, so anything else is a bug or
        a decoder in an unknown state.
        """
        try:
            self._conn.send((budget, message, len(payloads)))
            for payload in payloads:
                self._conn.send_bytes(payload)
            if not self._conn.poll(timeout):
                self.kill()
                raise ChildFailed("timeout", f"{timeout:.1f} s")
            status, reply, count = self._conn.recv()
            data = [self._conn.recv_bytes() for _ in range(count)]
        except (EOFError, OSError) as exc:
            self.kill()
            raise ChildFailed("crash", self._exit_detail(exc)) from None
        if status == "memory":
            self.kill()  # a library that ran out of memory may be left in a bad state
            raise ChildFailed("memory", str(reply))
        if status == "error":
            self.kill()
            raise ChildFailed("crash", str(reply))
        return reply, data

    def _exit_detail(self, exc: BaseException) -> str:
        self._process.join(0.5)
        code = self._process.exitcode
        return f"exit code {code}" if code is not None else type(exc).__name__

    def stop(self) -> None:
        with contextlib.suppress(OSError, BrokenPipeError, ValueError):
            self._conn.send((None, "stop", 0))
        self._process.join(2.0)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(1.0)
        with contextlib.suppress(OSError):
            self._conn.close()

    def kill(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self._process.kill()
        self._process.join(2.0)
        with contextlib.suppress(OSError):
            self._conn.close()

    def signal_kill(self) -> None:
        """Kill without waiting (safe from another thread: the caller of :meth:`request` sees
        the child die and cleans up)."""
        with contextlib.suppress(OSError, ValueError):
            self._process.kill()


__all__ = ["ChildFailed", "Handler", "LimitedChild", "is_memory_failure", "serve"]

"""Reading documents in a child process, with a time limit: never on the GUI thread.

OCR holds a core for about a second a page and PyMuPDF holds the GIL while it works, so
documents are read in one child process (``spawn``: a process that runs Qt is never forked), as
the PDF renderer does (reviewer_app/render/pdf.py). The child reports after every page; when a
page takes longer than :data:`PAGE_TIMEOUT_S` (a hostile or pathological file) or the child dies,
it is killed, the file gets an error, and the next file starts a fresh child. The caller blocks
while its file is read, so it must be a worker thread (services.suggestions runs one).

Only bytes go to the child and only :class:`~.model.FileResult` values come back: the text read
stays in the child and is dropped with each page.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
import sys
import threading
from multiprocessing.connection import Connection
from typing import Any

from .model import FileResult
from .reader import read_document

PAGE_TIMEOUT_S = 30.0
# The first page also waits for the child to start and to load the OCR models.
START_TIMEOUT_S = 60.0


def timeout_error() -> tuple[str, str]:
    return ("読み取りに時間がかかりすぎたため中止しました。金額は書類を見て入力してください。",
            "Reading took too long and was stopped. Enter the amounts from the document.")


def crash_error() -> tuple[str, str]:
    return ("読み取り中に処理が異常終了しました。金額は書類を見て入力してください。",
            "The reader stopped unexpectedly. Enter the amounts from the document.")


def peak_memory_kb() -> int:
    """This process's peak resident memory in KiB (Linux and macOS report it differently)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return int(peak // 1024 if sys.platform == "darwin" else peak)


def _child_main(conn: Connection) -> None:  # pragma: no cover - runs in the child process
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message[0] == "stop":
            return
        _kind, data, use_ocr = message

        def page_done(number: int) -> None:
            conn.send(("page", number))

        try:
            result = read_document(data, use_ocr=use_ocr, on_page=page_done)
        except Exception as exc:  # the child must answer every request
            result = FileResult(error=crash_error(), notes=(type(exc).__name__,))
        conn.send(("done", result, peak_memory_kb()))


class SuggestWorker:
    """One child process that reads one document at a time. Thread-safe: callers queue."""

    def __init__(self, *, page_timeout_s: float = PAGE_TIMEOUT_S,
                 start_timeout_s: float = START_TIMEOUT_S) -> None:
        self.page_timeout_s = page_timeout_s
        self.start_timeout_s = start_timeout_s
        self.child_peak_kb = 0  # the largest peak memory a child reported
        self._lock = threading.Lock()
        self._process: Any = None
        self._conn: Connection | None = None
        self._fresh = True

    def read(self, data: bytes, *, use_ocr: bool = True) -> FileResult:
        with self._lock:
            conn = self._ensure()
            try:
                conn.send(("read", data, use_ocr))
                wait = self.start_timeout_s if self._fresh else self.page_timeout_s
                self._fresh = False
                while True:
                    if not conn.poll(wait):
                        self._kill()
                        return FileResult(error=timeout_error())
                    reply = conn.recv()
                    if reply[0] == "done":
                        self.child_peak_kb = max(self.child_peak_kb, int(reply[2]))
                        result: FileResult = reply[1]
                        return result
                    wait = self.page_timeout_s
            except (EOFError, OSError, BrokenPipeError):
                self._kill()
                return FileResult(error=crash_error())

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                with contextlib.suppress(OSError, BrokenPipeError):
                    self._conn.send(("stop",))
            if self._process is not None:
                self._process.join(2.0)
            self._kill()

    def _ensure(self) -> Connection:
        if self._conn is None or self._process is None or not self._process.is_alive():
            self._kill()
            context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
            parent, child = context.Pipe()
            process = context.Process(target=_child_main, args=(child,),
                                      name="reviewer-suggest", daemon=True)
            process.start()
            child.close()
            self._process, self._conn, self._fresh = process, parent, True
        return self._conn

    def _kill(self) -> None:
        if self._process is not None and self._process.is_alive():
            self._process.kill()
            self._process.join(2.0)
        if self._conn is not None:
            self._conn.close()
        self._process, self._conn = None, None

    def __enter__(self) -> SuggestWorker:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

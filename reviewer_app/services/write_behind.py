"""Write-behind for a long SQLite transaction: flush the WAL to disk while the import runs.

A large import writes hundreds of megabytes to ``<db>-wal`` and SQLite (``synchronous=FULL``)
fsyncs it once, at COMMIT, where the whole write-back then happens with nothing else to do: on
the benchmark machine that was as long as decrypting and hashing the bundle. This helper calls
``fdatasync`` on the WAL from a background thread whenever it has grown by
:data:`SYNC_EVERY_BYTES`, so the disk works while the CPU does, and COMMIT only flushes the tail.

It only ever syncs (never writes, truncates or locks) and keeps its descriptor open until the
transaction is over: SQLite takes no POSIX locks on the WAL file itself (they are on the
database file and ``-shm``), so this descriptor cannot release one of SQLite's locks when closed.
Syncing pages of a transaction that is later rolled back is harmless: SQLite ignores WAL frames
after the last commit frame. On PostgreSQL (or ``:memory:``) it does nothing.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from types import TracebackType

from sqlalchemy.engine import make_url

SYNC_EVERY_BYTES = 32 * 1024 * 1024
POLL_SECONDS = 0.05


class WriteBehind:
    def __init__(self, db_url: str) -> None:
        url = make_url(db_url)
        self._wal: Path | None = None
        if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
            self._wal = Path(url.database + "-wal")
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> WriteBehind:
        if self._wal is not None:
            self._thread = threading.Thread(target=self._run, name="wal-write-behind",
                                            daemon=True)
            self._thread.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self) -> None:
        assert self._wal is not None
        fd: int | None = None
        synced = 0
        try:
            while not self._stop.wait(POLL_SECONDS):
                try:
                    size = self._wal.stat().st_size
                except OSError:
                    continue
                if size < synced:  # the WAL was reset (checkpointed) by a commit
                    synced = 0
                if size - synced < SYNC_EVERY_BYTES:
                    continue
                if fd is None:
                    fd = os.open(self._wal, os.O_RDONLY)
                os.fdatasync(fd)
                synced = size
        except OSError:
            return  # an optimisation only: COMMIT still syncs everything
        finally:
            if fd is not None:
                os.close(fd)

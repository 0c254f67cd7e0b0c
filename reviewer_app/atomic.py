"""Write a file so that the target name holds either nothing new or the whole file.

The bytes go to a temporary file in the target's folder, are flushed and ``fsync``-ed, and only
then renamed over the target (``os.replace`` is atomic on POSIX and on Windows within one
volume); the folder is fsync-ed too where the platform allows. A failure or a SIGKILL part-way
leaves at most a ``.<name>.*.tmp`` file beside the target, never a half-written target.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from reviewer_app.errors import UserError


class OutputNotWritable(UserError):
    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"{path} に書き出せません（{reason}）。"
            "書き込めるフォルダとファイル名を指定してください。何も書き出していません。",
            f"Cannot write {path} ({reason}). Choose a folder and file name you can write to. "
            "Nothing was written.",
            code="output_not_writable", subject=str(path))


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[tuple[BinaryIO, Path]]:
    """Yield ``(file, temporary path)`` open for writing; on a clean exit the file is fsync-ed
    and renamed to ``path``. On an exception the temporary file is removed and nothing is left.

    A caller that must commit a database transaction only if the file landed does the commit
    *after* this block; one that must rename only after its commit uses :func:`temporary_output`
    and :func:`publish`.
    """
    handle, tmp = temporary_output(path)
    try:
        with handle:
            yield handle, tmp
        publish(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def temporary_output(path: Path) -> tuple[BinaryIO, Path]:
    """A new temporary file beside ``path`` (mode 0600), open for writing."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise OutputNotWritable(path, "フォルダです / it is a folder")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise OutputNotWritable(path, exc.strerror or type(exc).__name__) from None
    return os.fdopen(fd, "wb"), Path(name)


def publish(tmp: Path, path: Path) -> None:
    """fsync ``tmp`` and rename it to ``path``; the folder entry is fsync-ed where possible."""
    try:
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputNotWritable(Path(path), exc.strerror or type(exc).__name__) from None
    if os.name == "posix":
        with contextlib.suppress(OSError):
            dir_fd = os.open(Path(path).parent or ".", os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def write_bytes_atomically(path: Path, data: bytes) -> None:
    with atomic_output(path) as (fh, _tmp):
        fh.write(data)

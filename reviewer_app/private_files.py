"""Workspace files only their owner can read (issue 8 §6: the database was created 0644 in 0755).

On POSIX the workspace folder is 0700 and every file in it 0600:

- while a workspace is created, :func:`owner_only_umask` makes every new file and folder
  owner-only from the first byte. A chmod afterwards would be too late: another local user who
  opened the database in the moment it was 0644 keeps reading through that descriptor.
- when a workspace is opened, :func:`tighten` sets the folder, its files and the files of its
  sub-folders (the demo's ``demo-web-system``) to those modes, so workspaces made by earlier
  releases are corrected at the next sign-in. SQLite creates ``-wal`` and ``-shm`` with the
  database file's mode, so once the database is 0600 so are they; existing ones are tightened too.

Symbolic links are never followed (a planted link must not make us chmod another file), and a
file we cannot change (owned by someone else, a read-only disk) is left as it is. On Windows
these modes mean nothing; docs/security.md says which ACLs to set instead.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

POSIX = os.name == "posix"
DIR_MODE = 0o700
FILE_MODE = 0o600
_UMASK = 0o077


@contextlib.contextmanager
def owner_only_umask() -> Iterator[None]:
    """Create files 0600 and folders 0700 inside the block (POSIX; a no-op elsewhere).

    The umask belongs to the whole process: use it only where no other thread is writing files
    that should stay readable by others (creating a workspace, before any window is open).
    """
    if not POSIX:
        yield
        return
    previous = os.umask(_UMASK)
    try:
        yield
    finally:
        os.umask(previous)


def _set_mode(path: Path, kind: int, mode: int) -> bool:
    """Set ``mode`` on ``path`` if it is of ``kind`` (lstat: links are skipped); True if changed."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    if stat.S_IFMT(info.st_mode) != kind or stat.S_IMODE(info.st_mode) == mode:
        return False
    try:
        os.chmod(path, mode)
    except OSError:
        return False
    return True


def _entries(folder: Path) -> list[Path]:
    try:
        return sorted(folder.iterdir())
    except OSError:
        return []


def tighten(directory: Path, extra_files: Iterable[Path] = ()) -> list[Path]:
    """Folder 0700, its files and its sub-folders' files 0600, sub-folders 0700 (POSIX only).

    ``extra_files`` are files of the workspace kept elsewhere (a SQLite database outside the
    folder). Returns the paths whose mode was changed.
    """
    if not POSIX:
        return []
    directory = Path(directory)
    changed: list[Path] = []
    if _set_mode(directory, stat.S_IFDIR, DIR_MODE):
        changed.append(directory)
    for entry in _entries(directory):
        if _set_mode(entry, stat.S_IFREG, FILE_MODE):
            changed.append(entry)
        elif entry.is_dir() and not entry.is_symlink():
            if _set_mode(entry, stat.S_IFDIR, DIR_MODE):
                changed.append(entry)
            changed.extend(e for e in _entries(entry) if _set_mode(e, stat.S_IFREG, FILE_MODE))
    changed.extend(p for p in extra_files if _set_mode(p, stat.S_IFREG, FILE_MODE))
    return changed

"""reviewer_app.private_files: owner-only creation and tightening (issue 8 §6)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from reviewer_app.private_files import owner_only_umask, tighten

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_files_and_folders_made_under_the_umask_are_owner_only(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        with owner_only_umask():
            (tmp_path / "d").mkdir()
            (tmp_path / "d" / "f").write_text("x", encoding="utf-8")
        assert os.umask(0o022) == 0o022  # given back
    finally:
        os.umask(previous)
    assert _mode(tmp_path / "d") == 0o700
    assert _mode(tmp_path / "d" / "f") == 0o600


def test_tighten_reports_what_it_changed_and_never_follows_a_link(tmp_path: Path) -> None:
    ws = tmp_path / "ws"
    (ws / "sub").mkdir(parents=True)
    for path in (ws / "a", ws / "sub" / "b"):
        path.write_text("x", encoding="utf-8")
        os.chmod(path, 0o644)
    (ws / "ok").write_text("x", encoding="utf-8")
    os.chmod(ws / "ok", 0o600)
    target = tmp_path / "elsewhere"
    target.write_text("x", encoding="utf-8")
    os.chmod(target, 0o644)
    (ws / "link").symlink_to(target)
    (ws / "sub" / "link").symlink_to(target)
    os.chmod(ws / "sub", 0o755)
    os.chmod(ws, 0o755)

    changed = tighten(ws)

    assert sorted(changed) == sorted([ws, ws / "a", ws / "sub", ws / "sub" / "b"])
    assert (_mode(ws), _mode(ws / "sub")) == (0o700, 0o700)
    assert (_mode(ws / "a"), _mode(ws / "sub" / "b"), _mode(ws / "ok")) == (0o600,) * 3
    assert _mode(target) == 0o644
    assert tighten(ws) == []


def test_tighten_takes_extra_files_and_skips_missing_ones(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere.sqlite3"
    db.write_bytes(b"")
    os.chmod(db, 0o644)
    (tmp_path / "ws").mkdir(mode=0o700)
    assert tighten(tmp_path / "ws", [db, tmp_path / "elsewhere.sqlite3-wal"]) == [db]
    assert _mode(db) == 0o600

"""After an import, neither the SQLite file and its WAL nor a PostgreSQL dump hold any document
bytes or any person's name or kana in clear (DESIGN.md: a stolen database reveals no document)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from helpers_bundles import make_pdf, make_png, submission_dict
from helpers_import import bundle_keys, make_workspace, write_bundle

from reviewer_app.services.importing import import_bundle

NAMES = ["鷹司 珠緒", "タカツカサ タマオ", "鷹司 玄一郎", "タカツカサ ゲンイチロウ"]
PDF_TEXT = "給与明細書 ZQXJ-4711-UNIQUE 令和6年"


def _needles(files: dict[str, bytes]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for file_id, data in files.items():
        out[f"{file_id} head"] = data[:48]
        middle = len(data) // 2
        out[f"{file_id} middle"] = data[middle:middle + 48]
        out[f"{file_id} tail"] = data[-48:]
    for name in NAMES:
        out[name] = name.encode("utf-8")
    return out


def _submission() -> dict[str, Any]:
    data = submission_dict(1, [("f-png", "image/png"), ("f-pdf", "application/pdf")])
    data["insured"].update(name=NAMES[2], kana=NAMES[3])
    data["dependents"][0].update(name=NAMES[0], kana=NAMES[1])
    return data


def _assert_absent(haystack: bytes, needles: dict[str, bytes], where: str) -> None:
    for label, needle in needles.items():
        assert needle not in haystack, f"{label} in clear in {where}"
        assert needle.hex().encode() not in haystack, f"{label} hex-encoded in {where}"


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_database_holds_no_document_bytes_and_no_names(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    pg = request.getfixturevalue("pg_server") if backend == "postgres" else None
    ws = make_workspace(tmp_path, pg)
    try:
        keys = bundle_keys(ws)
        files = {"f-png": make_png(300, 200), "f-pdf": make_pdf(PDF_TEXT)}
        assert b"%PDF-" in files["f-pdf"] and b"IHDR" in files["f-png"]
        path = write_bundle(tmp_path / "b.zip", keys, [_submission()], files=files)
        import_bundle(ws.login("examiner"), path)
        needles = _needles(files)
        if ws.backend == "sqlite":
            wal = ws.dir / "workspace.sqlite3-wal"
            # Before the checkpoint the imported pages are in the WAL; after it, in the file.
            _assert_absent(wal.read_bytes() if wal.exists() else b"", needles, "the WAL")
            _assert_absent(ws.sqlite_path.read_bytes(), needles, "the SQLite file")
            ws.snapshot()  # checkpoint
            _assert_absent(ws.sqlite_path.read_bytes(), needles, "the checkpointed file")
        else:
            dump = ws.pg_dump()
            assert b"attachment_blobs" in dump  # the dump is real and has the table
            _assert_absent(dump, needles, "pg_dump")
    finally:
        ws.close()
        if pg is not None and ws.db_url:
            pg.drop_database(ws.db_url)

"""Every refusal of issue 3 §4 through the import: the message names the object and the reason,
and the database is byte-for-byte unchanged (SQLite file after a WAL checkpoint; PostgreSQL
``pg_dump --data-only``). One workspace per back end, already holding an import, serves every
defect of ``helpers_bundles.DEFECTS`` (one per rejection code, and then some).

A file whose contents are unusable (type not allowed or not as declared, over the pixel limit,
damaged) refused the bundle until issue 9; it is now imported quarantined
(``test_import_quarantine.py``), so those three entries left issue 3 §4's list here."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers_bundles import DEFECTS, BundleKeys, Defect, submission_dict
from helpers_import import Ws, bundle_keys, make_workspace, write_bundle

from reviewer_app.bundle.errors import CODES, BundleError
from reviewer_app.cli import main
from reviewer_app.services.importing import import_bundle
from reviewer_app.services.session import WorkspaceSession

# issue 3 §4's list, each with the defects that stand for it
REQUIRED = {
    "unknown format": "unknown_format", "unknown version": "version_2",
    "bad signature": "manifest_changed_after_signing", "untrusted exporter": "untrusted_exporter",
    "not addressed to this workspace": "not_addressed", "hash mismatch": "file_hash_mismatch",
    "truncated zip": "truncated_zip", "corrupt zip": "damaged_entry_crc",
    "path tricks": "dot_dot_entry", "file over 5 MB": "file_too_large",
    "invalid field": "submission_invalid_field",
}


@pytest.fixture(scope="module",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def populated(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Ws, BundleKeys]]:
    pg = request.getfixturevalue("pg_server") if request.param == "postgres" else None
    root = tmp_path_factory.mktemp(f"rejections-{request.param}")
    ws = make_workspace(root, pg)
    keys = bundle_keys(ws)
    session = ws.login("examiner")
    import_bundle(session, write_bundle(
        root / "base.zip", keys,
        [submission_dict(7, [("f-base-1", "image/png"), ("f-base-2", "application/pdf")])],
        bundle_id="base"))
    try:
        yield ws, keys
    finally:
        ws.close()
        if pg is not None and ws.db_url:
            pg.drop_database(ws.db_url)


@pytest.fixture(scope="module")
def session(populated: tuple[Ws, BundleKeys]) -> WorkspaceSession:
    return populated[0].login("examiner")


def test_the_defects_cover_every_code_and_every_required_rejection() -> None:
    assert {d.code for d in DEFECTS} == CODES
    names = {d.name for d in DEFECTS}
    assert set(REQUIRED.values()) <= names


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_rejected_bundle_names_object_and_reason_and_stores_nothing(
        defect: Defect, populated: tuple[Ws, BundleKeys], session: WorkspaceSession,
        tmp_path: Path) -> None:
    ws, keys = populated
    path = tmp_path / f"{defect.name}.zip"
    defect.build(path, keys)
    before = ws.snapshot()
    with pytest.raises(BundleError) as info:
        import_bundle(session, path)
    error = info.value
    subject = defect.expected_subject(path)
    assert (error.code, error.subject) == (defect.code, subject)
    for lang in ("ja", "en"):
        message = error.message(lang)
        assert subject in message
    assert ws.snapshot() == before


@pytest.mark.parametrize("name", ["untrusted_exporter", "file_hash_mismatch", "truncated_zip"])
def test_cli_import_exits_non_zero_with_the_message(
        name: str, populated: tuple[Ws, BundleKeys], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    ws, keys = populated
    (defect,) = [d for d in DEFECTS if d.name == name]
    path = tmp_path / f"{name}.zip"
    defect.build(path, keys)
    before = ws.logical_dump()
    capsys.readouterr()
    status = main(["import", *ws.args("examiner"), str(path)])
    err = capsys.readouterr().err
    assert status == 1
    assert defect.expected_subject(path) in err and "取り込めません" in err
    after = ws.logical_dump()
    # Signing in is its own use case (login.ok, last_login_at); the import added nothing.
    for table in before:
        if table not in ("users", "audit_events"):
            assert after[table] == before[table], table
    new_events = after["audit_events"][len(before["audit_events"]):]
    assert [e[4] for e in new_events] == ["login.ok"]

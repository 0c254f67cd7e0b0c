"""Damaged uploads never block a bundle (issue 9): a bundle with one damaged file per kind
imports every member; each damaged file is stored sealed and quarantined with its problem, the
summary (and ``import --json``) counts them per reason, the case shows 「ファイルを開けません」
and the notice proposes asking the member for the file again. SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from helpers_bundles import BundleKeys, make_pdf, make_png, submission_dict
from helpers_crafted import DAMAGED_KINDS, DamagedKind
from helpers_import import (  # noqa: F401 (ws_fixture provides the fixture ws)
    Ws,
    bundle_keys,
    write_bundle,
    ws_fixture,
)
from sqlalchemy import select

from reviewer_app.cli import main
from reviewer_app.render.problems import FileProblem
from reviewer_app.review.deficiency import DeficiencyReason
from reviewer_app.services.cases import list_cases
from reviewer_app.services.casework import CaseService
from reviewer_app.services.importing import import_bundle
from reviewer_app.store.models import Attachment, AttachmentBlob, AuditEvent


@cache
def damaged_bytes() -> dict[str, bytes]:
    return {kind.name: kind.make() for kind in DAMAGED_KINDS}


def _bad_id(number: int) -> str:
    return f"f-{number:04d}-bad"


def _bundle(path: Path, ws: Ws, kinds: tuple[DamagedKind, ...], first: int = 1,
            keys: BundleKeys | None = None) -> Path:
    """Member ``first`` uploads a sound PNG and PDF; each next member a sound PNG and one
    damaged file of ``kinds``. ``keys``: the exporter of an earlier bundle (an insurer's
    bundles come from one exporter, issue 8)."""
    keys = keys or bundle_keys(ws)
    submissions = [submission_dict(first, [(f"f-{first:04d}-png", "image/png"),
                                           (f"f-{first:04d}-pdf", "application/pdf")])]
    files = {f"f-{first:04d}-png": make_png(), f"f-{first:04d}-pdf": make_pdf()}
    for n, kind in enumerate(kinds, start=first + 1):
        submissions.append(submission_dict(n, [(f"f-{n:04d}-ok", "image/png"),
                                               (_bad_id(n), kind.declared)]))
        files[_bad_id(n)] = damaged_bytes()[kind.name]
    return write_bundle(path, keys, submissions, files=files)


def test_one_damaged_file_per_kind_imports_every_member_and_quarantines_each(
        ws: Ws, tmp_path: Path) -> None:
    path = _bundle(tmp_path / "damaged.zip", ws, DAMAGED_KINDS)
    session = ws.login("examiner")
    summary = import_bundle(session, path)

    assert (summary.members, summary.new) == (len(DAMAGED_KINDS) + 1,) * 2
    assert summary.attachments == 2 * len(DAMAGED_KINDS) + 2
    expected = Counter(kind.problem.value for kind in DAMAGED_KINDS)
    assert summary.quarantined == dict(expected)
    assert summary.quarantined_files == len(DAMAGED_KINDS)
    assert summary.as_json()["quarantined"] == dict(expected)
    with session.transaction(readonly=True) as db:
        rows = {a.file_key: a for a in db.scalars(select(Attachment))}
        for n, kind in enumerate(DAMAGED_KINDS, start=2):
            row = rows[_bad_id(n)]
            assert row.quarantine_reason == kind.problem.value, kind.name
            # kept: the member's upload, sealed like any other
            blob = db.get(AttachmentBlob, row.id)
            assert blob is not None
            assert blob.open_document(session.master_key, row) == damaged_bytes()[kind.name]
            assert row.size == len(damaged_bytes()[kind.name]) and len(row.sha256) == 64
            sound = rows[f"f-{n:04d}-ok"]
            assert (sound.quarantine_reason, sound.page_count) == (None, 1)
        assert (rows["f-0001-pdf"].quarantine_reason, rows["f-0001-pdf"].page_count) == (None, 1)
        event = db.scalars(select(AuditEvent).where(AuditEvent.action == "bundle.import")).one()
        assert dict(json.loads(event.details)["quarantined"]) == dict(expected)
    assert len(list_cases(session)) == len(DAMAGED_KINDS) + 1

    again = import_bundle(session, path)  # the same file: nothing written, counts as stored
    assert again.already_imported and again.quarantined == dict(expected)


def test_the_case_shows_the_file_cannot_be_opened_and_the_notice_asks_for_it_again(
        ws: Ws, tmp_path: Path) -> None:
    kinds = tuple(k for k in DAMAGED_KINDS
                  if k.name in ("password_protected_pdf", "truncated_jpeg", "not_an_allowed_type"))
    path = _bundle(tmp_path / "three.zip", ws, kinds)
    session = ws.login("examiner")
    import_bundle(session, path)
    service = CaseService(session)
    by_card = {row.card: row.case_id for row in list_cases(session)}
    wording = {"password_protected_pdf": "パスワードを設定していない",
               "truncated_jpeg": "もう一度アップロード",
               "not_an_allowed_type": "jpg・jpeg・png・bmp・gif・pdf・heic"}
    for n, kind in enumerate(kinds, start=2):
        case_id = by_card[f"10-{100 + n}"]
        detail = service.open_case(case_id)
        (document,) = detail.documents
        problems = {a.file_key: a.problem for a in document.attachments}
        assert problems == {f"f-{n:04d}-ok": None, _bad_id(n): kind.problem.value}
        # the payslip row holds the upload; the bonus-slip row (required, nothing uploaded) none
        row, bonus = detail.document_statuses
        assert [(u.file_id, u.problem) for u in row.unusable] == [(_bad_id(n), kind.problem)]
        assert row.unusable[0].name.startswith("明細_2.") and not bonus.unusable

        notice = service.build_notice(case_id, date(2024, 10, 15), issued_on=date(2024, 10, 1))
        item, missing = notice.items
        assert (item.document_id, missing.document_id) == (row.key, bonus.key)
        assert missing.reason is DeficiencyReason.MISSING
        assert item.reason is DeficiencyReason.FILE_UNUSABLE
        assert wording[kind.name] in item.instead_ja and "給与明細書" in item.instead_ja
        assert item.note == f"対象のファイル: {row.unusable[0].name}"
        # recorded like any notice: the member is asked for the file again
        version = service.record_notice(case_id, date(2024, 10, 15), detail.version,
                                        issued_on=date(2024, 10, 1))
        assert version > detail.version

    sound_case = by_card["10-101"]
    assert [i.reason for i in service.build_notice(sound_case, date(2024, 10, 15)).items] == [
        DeficiencyReason.MISSING]  # the bonus slip only
    assert all(not row.unusable for row in service.open_case(sound_case).document_statuses)


def test_an_examiner_who_marks_the_row_ok_drops_the_proposed_item(
        ws: Ws, tmp_path: Path) -> None:
    from reviewer_app.domain.vocabulary import ReviewStatus
    from reviewer_app.review.deficiency import DocumentReview

    (kind,) = (k for k in DAMAGED_KINDS if k.name == "truncated_pdf")
    path = _bundle(tmp_path / "one.zip", ws, (kind,))
    session = ws.login("examiner")
    import_bundle(session, path)
    service = CaseService(session)
    case_id = {row.card: row.case_id for row in list_cases(session)}["10-102"]
    detail = service.open_case(case_id)
    row = detail.document_statuses[0]

    def reasons() -> list[DeficiencyReason]:
        return [i.reason for i in service.build_notice(case_id, date(2024, 10, 15)).items
                if i.document_id == row.key]

    assert reasons() == [DeficiencyReason.FILE_UNUSABLE]
    service.save_document_check(case_id, DocumentReview(row.key, ReviewStatus.OK), None)
    assert reasons() == []


def test_cli_import_json_counts_quarantined_files_per_reason(
        ws: Ws, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kinds = tuple(k for k in DAMAGED_KINDS if k.problem in (FileProblem.DAMAGED,
                                                            FileProblem.PASSWORD_PROTECTED))
    keys = bundle_keys(ws)
    path = _bundle(tmp_path / "cli.zip", ws, kinds, keys=keys)
    capsys.readouterr()
    assert main(["import", *ws.args("examiner"), "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["quarantined"] == dict(Counter(k.problem.value for k in kinds))
    assert out["members"] == len(kinds) + 1

    text_path = _bundle(tmp_path / "cli2.zip", ws, kinds[:1], first=50, keys=keys)
    assert main(["import", *ws.args("examiner"), str(text_path)]) == 0
    text = capsys.readouterr().out
    assert "開けないため隔離したファイル: 1 件" in text
    assert "壊れている・途中で切れている 1 件" in text

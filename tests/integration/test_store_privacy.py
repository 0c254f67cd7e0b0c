"""Personal data is sealed at rest, and still searchable through the blind index."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import insert, select

from reviewer_app.store import blind_index, sealing
from reviewer_app.store.blind_index import Field
from reviewer_app.store.models import (
    Attachment,
    AttachmentBlob,
    Case,
    Dependent,
    Insurer,
    Member,
    RequiredDocument,
    SearchToken,
    SubmissionRevision,
    Survey,
)

AT = datetime(2024, 9, 2, 10, 0, tzinfo=UTC)
INSURED = {"card_symbol": "47118253", "card_number": "9081726354", "name": "轟 勘九郎",
           "kana": "トドロキ カンクロウ", "birth_date": "1970-04-01"}
DEPENDENTS = [
    {"key": "d1", "name": "轟 紗綾香", "kana": "トドロキ サヤカ", "relationship": "spouse"},
    {"key": "d2", "name": "轟 瑛太", "kana": "トドロキ エイタ", "relationship": "child"},
]
DOCUMENT = b"%PDF-1.7 payslip of TODOROKI SAYAKA 1234567 yen" + b"\x00" * 64


def _store_submission(ws) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """What the importer does for one submission: clear columns, sealed columns, tokens."""
    key = ws.blind_index_key
    with ws.transaction() as db:
        insurer = Insurer(code="06123456", name="テスト健康保険組合")
        survey = Survey(insurer=insurer, survey_key="s2024", name="令和6年度 検認",
                        target_year=2024, answer_start=AT, answer_end=AT,
                        submission_deadline=AT.date(), non_submission_exclusion_date=AT.date())
        member = Member(survey=survey, member_key="m1", submission_key="sub1",
                        office_code="001", office_name="本社", current_revision=1)
        db.add(member)
        db.flush()
        member.seal_json_into("personal_sealed", ws.master_key, INSURED)
        db.execute(insert(SearchToken), blind_index.token_rows(
            key, member_id=member.id, dependent_id=None, values=[
                (Field.NAME, INSURED["name"]), (Field.KANA, INSURED["kana"]),
                (Field.CARD,
                 blind_index.card_text(INSURED["card_symbol"], INSURED["card_number"]))]))
        revision = SubmissionRevision(member_id=member.id, revision=1, updated_at=AT,
                                      content_mac=b"\x00" * 32)
        db.add(revision)
        db.flush()
        revision.seal_json_into("sealed_json", ws.master_key,
                                {"insured": INSURED, "dependents": DEPENDENTS})
        ids: dict[str, int] = {}
        for d in DEPENDENTS:
            dep = Dependent(member=member, dependent_key=d["key"],
                            relationship=d["relationship"], relationship_label="妻",
                            member_status="submitted")
            db.add(dep)
            db.flush()
            dep.seal_json_into("personal_sealed", ws.master_key,
                               {"name": d["name"], "kana": d["kana"]})
            db.execute(insert(SearchToken), blind_index.token_rows(
                key, member_id=member.id, dependent_id=dep.id,
                values=[(Field.NAME, d["name"]), (Field.KANA, d["kana"])]))
            db.add(Case(survey=survey, dependent=dep))
            ids[d["key"]] = dep.id
        doc = RequiredDocument(dependent_id=ids["d1"], revision_id=revision.id,
                               document_key="doc1", kind="payslip", title="給与明細書")
        db.add(doc)
        db.flush()
        att = Attachment(required_document_id=doc.id, dependent_id=ids["d1"], file_key="f1",
                         media_type="application/pdf", size=len(DOCUMENT), sha256="0" * 64,
                         uploaded_at=AT)
        db.add(att)
        db.flush()
        att.seal_into("original_name_sealed", ws.master_key, "轟紗綾香_給与.pdf".encode())
        wrapped, sealed = sealing.seal_document(
            ws.master_key, att.id, sealing.document_bind(att.dependent_id, doc.id), DOCUMENT)
        db.add(AttachmentBlob(attachment_id=att.id, data=sealed, wrapped_key=wrapped))
        db.flush()
        ids["attachment"] = att.id
        return ids


# Digits are long on purpose: the audit chain stores SHA-256 hex digests, where a 4-digit
# number turns up by chance in a few per cent of runs.
SECRETS = [
    "轟", "勘九郎", "紗綾香", "トドロキ", "サヤカ", "47118253", "9081726354", "1970-04-01",
    "TODOROKI", "payslip of",
]


def _assert_no_clear_text(data: bytes) -> None:
    for secret in SECRETS:
        for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
            pattern = secret.encode(encoding)
            # A 2-byte pattern (one kanji in UTF-16) turns up by chance in the ciphertext and
            # HMAC tokens; the longer forms of the same names still cover it.
            if len(pattern) < 3:
                continue
            assert pattern not in data, f"{secret!r} found in clear ({encoding})"


def test_no_personal_data_or_document_bytes_in_clear(workspace, request) -> None:  # type: ignore[no-untyped-def]
    with workspace.login("admin") as ws:
        ids = _store_submission(ws)
        with ws.transaction(readonly=True) as db:
            dep = db.get(Dependent, ids["d1"])
            assert dep is not None
            assert dep.open_json_from("personal_sealed", ws.master_key)["name"] == "轟 紗綾香"
            att = db.get(Attachment, ids["attachment"])
            assert att is not None and att.blob is not None
            assert att.blob.open_document(ws.master_key, att) == DOCUMENT
    if workspace.db_url is None:
        files = sorted(Path(workspace.dir).glob("workspace.sqlite3*"))
        assert files
        data = b"".join(p.read_bytes() for p in files)
    else:
        data = request.getfixturevalue("pg_server").pg_dump(workspace.db_url)
        assert b"CREATE TABLE public.members" in data
    assert "本社".encode() in data  # the scan does see clear columns
    _assert_no_clear_text(data)


def test_a_sealed_value_moved_to_another_row_does_not_open(workspace) -> None:  # type: ignore[no-untyped-def]
    from reviewer_app.security.aead import DecryptionError

    with workspace.login("admin") as ws:
        ids = _store_submission(ws)
        with ws.transaction() as db:
            d1, d2 = db.get(Dependent, ids["d1"]), db.get(Dependent, ids["d2"])
            assert d1 is not None and d2 is not None
            d2.personal_sealed = d1.personal_sealed
            with pytest.raises(DecryptionError):
                d2.open_from("personal_sealed", ws.master_key)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("轟 紗綾香", {"d1"}),
        ("紗綾香", {"d1"}),  # a part
        ("轟紗", {"d1"}),  # a prefix of the whole name
        ("とどろき さや", {"d1"}),  # hiragana finds katakana
        ("ｻﾔｶ", {"d1"}),  # half-width kana
        ("エイタ", {"d2"}),
        ("轟", {"d1", "d2"}),  # the insured's name matches every dependent
        ("47118253-9081726354", {"d1", "d2"}),
        ("４７１１８２５３ ９０８１７２６３５４", {"d1", "d2"}),  # full-width digits, space
        ("9081726354", {"d1", "d2"}),  # the number alone
        ("鈴木", set()),
        ("綾香", set()),  # no infix search (documented)
    ],
)
def test_blind_index_search(workspace, query: str, expected: set[str]) -> None:  # type: ignore[no-untyped-def]
    with workspace.login("examiner") as ws:
        ids = _store_submission(ws)
        with ws.transaction(readonly=True) as db:
            found = set(db.scalars(blind_index.matching_dependents(ws.blind_index_key, query)))
    assert found == {ids[k] for k in expected}


def test_case_listing_needs_no_blob(workspace) -> None:  # type: ignore[no-untyped-def]
    # loading attachments does not read their bytes (separate table, loaded on access)
    from sqlalchemy import inspect

    with workspace.login("examiner") as ws:
        ids = _store_submission(ws)
        with ws.transaction(readonly=True) as db:
            att = db.scalars(select(Attachment).where(Attachment.id == ids["attachment"])).one()
            assert "blob" in inspect(att).unloaded
            assert db.scalars(select(Case)).all()

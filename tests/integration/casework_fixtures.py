"""Cases for the queue and casework tests, built with the store models directly.

Rows are written the way the importer writes them (``reviewer_app.services.importing``): the
submission JSON sealed on its revision, the personal data sealed on members and dependents, the
blind-index tokens of names, kana and the card, required documents and attachments with sealed
bytes, and one case per dependent. Seal after a flush (the associated data names the row id).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select

from reviewer_app.bundle import schema
from reviewer_app.services.session import WorkspaceSession
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
from reviewer_app.store.types import utcnow

JST = timezone(timedelta(hours=9))
SURVEY_KEY = "survey-2024"


@dataclass
class PersonSpec:
    number: int
    insured_name: str = "御室 太郎"
    insured_kana: str = "オムロ タロウ"
    card_symbol: str = "123"
    card_number: str = "45678"
    office_code: str = "001"
    office_name: str = "本社"
    dependent_name: str = "御室 花子"
    dependent_kana: str = "オムロ ハナコ"
    relationship: str = "spouse"
    relationship_label: str = "妻"
    birth_date: str = "1982-03-03"
    annual_income: int | None = 6_000_000
    living: str = "together"
    # the member-side status: "not_submitted" makes a non-submitter (no answers, no documents)
    member_status: str = "submitted"
    # (bytes, media type, original name) uploaded for one payslip document
    files: list[tuple[bytes, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Seeded:
    case_id: int
    dependent_id: int
    member_id: int
    attachment_ids: list[int]
    document_key: str


def submission_dict(spec: PersonSpec, revision: int = 1) -> dict[str, Any]:
    data = _submission_dict(spec, revision)
    if spec.member_status == "not_submitted":
        dep = data["dependents"][0]
        dep.update(status="not_submitted", submitted_at=None, answers=None,
                   required_documents=[])
    elif spec.member_status != "submitted":
        data["dependents"][0]["status"] = spec.member_status
    return data


def _submission_dict(spec: PersonSpec, revision: int) -> dict[str, Any]:
    n = spec.number
    return {
        "submission_id": f"sub-{n:05d}",
        "revision": revision,
        "updated_at": "2024-08-10T12:30:00+09:00",
        "insured": {
            "member_id": f"m-{n:05d}",
            "card_symbol": spec.card_symbol,
            "card_number": spec.card_number,
            "name": spec.insured_name,
            "kana": spec.insured_kana,
            "office": {"code": spec.office_code, "name": spec.office_name},
            "employee_code": f"E{n:05d}",
            "birth_date": "1980-05-10",
            "annual_income": spec.annual_income,
        },
        "dependents": [{
            "dependent_id": f"d-{n:05d}-1",
            "name": spec.dependent_name,
            "kana": spec.dependent_kana,
            "relationship": spec.relationship,
            "relationship_label": spec.relationship_label,
            "birth_date": spec.birth_date,
            "certified_on": "2010-04-01",
            "status": "submitted",
            "submitted_at": "2024-08-10T12:30:00+09:00",
            "answers": {
                "insured_has_card": True,
                "dependent_details_confirmed": True,
                "dependent_has_card": True,
                "occupations": [{"occupation": "part_time", "amount": 1_000_000}],
                "living": spec.living,
                "contact": "",
            },
            "required_documents": [{
                "document_id": f"doc-{n:05d}-1",
                "kind": "payslip",
                "title": "給与明細書（12ヶ月分）",
                "comment": "賞与支給なし",
                "files": [
                    {"file_id": f"f-{n:05d}-{i}", "original_name": name, "media_type": media,
                     "uploaded_at": "2024-08-10T12:00:00+09:00"}
                    for i, (_data, media, name) in enumerate(spec.files)
                ],
            }],
        }],
    }


def _survey(db: Any, year: int = 2024) -> Survey:
    """The survey of ``year`` (2024 unless told), all of one insurer."""
    key = SURVEY_KEY if year == 2024 else f"survey-{year}"
    found = db.scalars(select(Survey).where(Survey.survey_key == key)).first()
    if found is not None:
        return found  # type: ignore[no-any-return]
    insurer = db.scalars(select(Insurer).where(Insurer.code == "06139999")).first()
    if insurer is None:
        insurer = Insurer(code="06139999", name="テスト健康保険組合")
        db.add(insurer)
        db.flush()
    survey = Survey(
        insurer_id=insurer.id, survey_key=key, name=f"令和{year - 2018}年度 被扶養者資格調査",
        target_year=year, answer_start=datetime(year, 7, 1, tzinfo=JST),
        answer_end=datetime(year, 8, 25, 23, 59, tzinfo=JST),
        submission_deadline=date(year, 8, 25), non_submission_exclusion_date=date(year, 9, 1))
    db.add(survey)
    db.flush()
    return survey


def seed_case(ws: WorkspaceSession, spec: PersonSpec, *, year: int = 2024) -> Seeded:
    """Store one member with one dependent, their documents and a not-started case (in the
    survey of ``year``: the same ``spec`` in two years is the same person)."""
    data = submission_dict(spec)
    sub = schema.Submission.model_validate(data)  # the fixture itself must be a valid bundle
    ins, dep = sub.insured, sub.dependents[0]
    key, mk = ws.blind_index_key, ws.master_key
    with ws.transaction() as db:
        survey = _survey(db, year)
        member = Member(survey_id=survey.id, member_key=ins.member_id,
                        submission_key=sub.submission_id, office_code=ins.office.code,
                        office_name=ins.office.name, current_revision=sub.revision)
        db.add(member)
        db.flush()
        member.seal_json_into("personal_sealed", mk, {
            "card_symbol": ins.card_symbol, "card_number": ins.card_number, "name": ins.name,
            "kana": ins.kana, "employee_code": ins.employee_code,
            "birth_date": ins.birth_date.isoformat(), "annual_income": ins.annual_income})
        dependent = Dependent(member_id=member.id, dependent_key=dep.dependent_id,
                              relationship=dep.relationship.value,
                              relationship_label=dep.relationship_label,
                              member_status=dep.status.value, submitted_at=dep.submitted_at)
        db.add(dependent)
        db.flush()
        dependent.seal_json_into("personal_sealed", mk, {
            "name": dep.name, "kana": dep.kana, "birth_date": dep.birth_date.isoformat(),
            "certified_on": dep.certified_on.isoformat() if dep.certified_on else None})
        plaintext = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
        revision = SubmissionRevision(
            member_id=member.id, revision=sub.revision, updated_at=sub.updated_at,
            content_mac=blind_index.content_mac(ws.content_mac_key, plaintext))
        db.add(revision)
        db.flush()
        revision.seal_into("sealed_json", mk, plaintext)
        for token in blind_index.tokens_for_person(
                key, [(Field.NAME, ins.name), (Field.KANA, ins.kana),
                      (Field.CARD, blind_index.card_text(ins.card_symbol, ins.card_number))]):
            db.add(SearchToken(member_id=member.id, dependent_id=None, token=token))
        for token in blind_index.tokens_for_person(
                key, [(Field.NAME, dep.name), (Field.KANA, dep.kana)]):
            db.add(SearchToken(member_id=member.id, dependent_id=dependent.id, token=token))
        attachment_ids: list[int] = []
        for pos, doc in enumerate(dep.required_documents):
            required = RequiredDocument(
                dependent_id=dependent.id, revision_id=revision.id, document_key=doc.document_id,
                kind=doc.kind.value, title=doc.title, proceed_without=doc.proceed_without,
                position=pos)
            db.add(required)
            db.flush()
            for i, (uploaded, (blob, media, name)) in enumerate(
                    zip(doc.files, spec.files, strict=True)):
                att = Attachment(
                    required_document_id=required.id, dependent_id=dependent.id,
                    file_key=uploaded.file_id, media_type=media, size=len(blob),
                    sha256=hashlib.sha256(blob).hexdigest(), uploaded_at=uploaded.uploaded_at,
                    position=i)
                db.add(att)
                db.flush()
                att.seal_into("original_name_sealed", mk, name.encode())
                wrapped, sealed = sealing.seal_document(
                    mk, att.id, sealing.document_bind(dependent.id, required.id), blob)
                db.add(AttachmentBlob(attachment_id=att.id, data=sealed, wrapped_key=wrapped))
                db.flush()
                attachment_ids.append(att.id)
        case = Case(survey_id=survey.id, dependent_id=dependent.id, created_at=utcnow())
        db.add(case)
        db.flush()
        return Seeded(case.id, dependent.id, member.id, attachment_ids,
                      dep.required_documents[0].document_id if dep.required_documents else "")

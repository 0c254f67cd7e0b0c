"""Small builders for the bundle schema objects the review tests need.

Imported as ``unit.review.builders`` (``tests/`` is on ``sys.path`` through its conftest and the
folders below it are namespace packages).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from reviewer_app.bundle.schema import (
    Answers,
    Dependent,
    DocumentKind,
    Insured,
    Living,
    MemberStatus,
    MunicipalIncome,
    Occupation,
    OccupationAnswer,
    Office,
    Relationship,
    RequiredDocument,
    UploadedFile,
)
from reviewer_app.bundle.schema import DocumentKind as K

JST = timezone(timedelta(hours=9))
TARGET_YEAR = 2023


def insured(**kw: Any) -> Insured:
    fields: dict[str, Any] = {
        "member_id": "m-001",
        "card_symbol": "10",
        "card_number": "12345",
        "name": "御室 太郎",
        "kana": "オムロ タロウ",
        "office": Office(code="K01", name="京都本社"),
        "employee_code": "99",
        "birth_date": date(1980, 5, 10),
    }
    fields.update(kw)
    return Insured(**fields)


def occ(occupation: Occupation, amount: int | None = None) -> OccupationAnswer:
    return OccupationAnswer(occupation=occupation, amount=amount)


def answers(*occupations: OccupationAnswer, **kw: Any) -> Answers:
    fields: dict[str, Any] = {
        "insured_has_card": True,
        "dependent_details_confirmed": True,
        "dependent_has_card": True,
        "occupations": list(occupations) or [occ(Occupation.UNEMPLOYED)],
        "living": Living.TOGETHER,
    }
    fields.update(kw)
    return Answers(**fields)


def upload(name: str = "scan.pdf", file_id: str = "f-1") -> UploadedFile:
    return UploadedFile(
        file_id=file_id,
        original_name=name,
        media_type="application/pdf",
        uploaded_at=datetime(2024, 9, 10, 10, 0, tzinfo=JST),
    )


def document(
    kind: DocumentKind,
    *,
    files: int = 1,
    doc_id: str | None = None,
    title: str | None = None,
    proceed_without: bool = False,
    comment: str = "",
) -> RequiredDocument:
    return RequiredDocument(
        document_id=doc_id or f"d-{kind.value}",
        kind=kind,
        title=title or kind.value,
        files=[
            upload(f"{kind.value}-{i + 1}.pdf", f"f-{kind.value}-{i + 1}") for i in range(files)
        ],
        proceed_without=proceed_without,
        comment=comment,
    )


def dependent(
    *occupations: OccupationAnswer,
    docs: list[RequiredDocument] | None = None,
    status: MemberStatus = MemberStatus.SUBMITTED,
    municipal: MunicipalIncome | None = None,
    no_answers: bool = False,
    **answer_kw: Any,
) -> Dependent:
    dep_kw: dict[str, Any] = {}
    for key in ("birth_date", "relationship", "relationship_label", "name", "certified_on"):
        if key in answer_kw:
            dep_kw[key] = answer_kw.pop(key)
    fields: dict[str, Any] = {
        "dependent_id": "dep-001",
        "name": "御室 花子",
        "kana": "オムロ ハナコ",
        "relationship": Relationship.SPOUSE,
        "relationship_label": "妻",
        "birth_date": date(1985, 12, 1),
        "certified_on": date(2010, 4, 1),
        "status": status,
        "submitted_at": (None if status is MemberStatus.NOT_SUBMITTED
                         else datetime(2024, 9, 12, 21, 5, tzinfo=JST)),
        "answers": None if no_answers else answers(*occupations, **answer_kw),
        "municipal_income": municipal,
        "required_documents": docs or [],
    }
    fields.update(dep_kw)
    return Dependent(**fields)


def sample_case() -> tuple[Insured, Dependent]:
    """A realistic case with several findings, used by the GUI tests and the screenshots."""
    dep = dependent(
        occ(Occupation.PART_TIME, 1_050_000),
        occ(Occupation.PENSIONER, 1),
        occ(Occupation.RETIRED),
        docs=[
            document(K.PAYSLIP, files=12, title="給与明細書"),
            document(K.BONUS_SLIP, files=0, title="賞与明細書", proceed_without=True,
                     comment="賞与支給なし"),
            document(K.STUDENT_CERTIFICATE, title="在学証明書"),
        ],
        municipal=MunicipalIncome(year=TARGET_YEAR, salary_income=1_250_000,
                                  pension_income=0, total_income=700_000),
        living=Living.APART_OTHER,
        living_apart_since="2021-07",
        contact="確定申告はしていない。毎月15日締め・当月25日払い。パートは退職しました。",
        other_income=1,
        birth_date=date(1962, 3, 14),
        relationship=Relationship.PARENT,
        relationship_label="母",
        name="御室 和子",
    )
    return insured(), dep

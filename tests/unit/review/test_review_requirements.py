"""Which documents the answers call for (seeds 000 and 004), and pairing them with uploads."""

from __future__ import annotations

from typing import Any

from unit.review.builders import TARGET_YEAR, dependent, document, occ

from reviewer_app.bundle.schema import DocumentKind as K
from reviewer_app.bundle.schema import Occupation as O
from reviewer_app.bundle.schema import OccupationAnswer
from reviewer_app.review.requirements import (
    DocumentState,
    match_uploads,
    missing_key,
    required_documents,
    says_no_tax_return,
)


def kinds(*occupations: OccupationAnswer, **kw: Any) -> list[K]:
    return [r.kind for r in required_documents(dependent(*occupations, **kw), TARGET_YEAR)]


def test_part_time_calls_for_payslips_and_bonus_slips_not_a_certificate() -> None:
    reqs = required_documents(dependent(occ(O.PART_TIME, 900_000)), TARGET_YEAR)
    assert [r.kind for r in reqs] == [K.PAYSLIP, K.BONUS_SLIP]
    assert "2023年1月～12月" in reqs[0].title_ja
    assert K.SALARY_CERTIFICATE in reqs[0].alternatives  # lost payslips, Q26
    assert reqs[1].may_proceed_without  # 賞与支給なし, Q29


def test_unemployed_calls_for_an_income_or_non_taxation_certificate() -> None:
    assert kinds(occ(O.UNEMPLOYED)) == [K.INCOME_CERTIFICATE]


def test_removal_calls_for_the_new_employers_insurance_card() -> None:
    assert kinds(occ(O.REMOVAL)) == [K.OTHER_INSURANCE_CARD]


def test_pensioner_calls_for_a_notice_for_every_pension() -> None:
    (req,) = required_documents(dependent(occ(O.PENSIONER, 800_000)), TARGET_YEAR)
    assert req.kind is K.PENSION_NOTICE
    assert "すべて" in req.title_ja and "Q34" in req.seed_ref


def test_self_employed_calls_for_the_tax_return_with_the_income_statement() -> None:
    (req,) = required_documents(dependent(occ(O.SELF_EMPLOYED, 1_000_000)), TARGET_YEAR)
    assert req.kind is K.TAX_RETURN
    assert "第一表・第二表" in req.title_ja and "青色申告決算書" in req.title_ja


def test_self_employed_without_a_tax_return_calls_for_the_resident_tax_return() -> None:
    assert kinds(occ(O.SELF_EMPLOYED, 500_000), contact="確定申告はしていない") == [
        K.RESIDENT_TAX_RETURN
    ]
    assert says_no_tax_return("確定申告は　していない")


def test_stocks_call_for_the_annual_trading_report() -> None:
    assert kinds(occ(O.INVESTMENT, 30_000)) == [K.TRADING_REPORT]


def test_student_proves_income_not_enrolment() -> None:
    assert kinds(occ(O.STUDENT_LIVING_TOGETHER)) == [K.INCOME_CERTIFICATE]
    with_pay = kinds(occ(O.STUDENT_BOARDING), occ(O.PART_TIME, 600_000))
    assert K.STUDENT_CERTIFICATE not in with_pay
    assert with_pay == [K.PAYSLIP, K.BONUS_SLIP]


def test_temporary_rise_calls_for_the_employer_certificate_beside_payslips() -> None:
    got = kinds(occ(O.PART_TIME, 1_400_000), occ(O.TEMP_RISE_THIS_YEAR))
    assert got == [K.PAYSLIP, K.BONUS_SLIP, K.TEMP_RISE_CERTIFICATE]


def test_benefits_call_for_the_benefit_notice_once() -> None:
    reqs = required_documents(
        dependent(occ(O.UNEMPLOYMENT_BENEFIT, 400_000), occ(O.SOCIAL_INSURANCE_BENEFIT, 1)),
        TARGET_YEAR,
    )
    assert [r.kind for r in reqs] == [K.BENEFIT_NOTICE]
    assert "雇用保険受給資格者証" in reqs[0].title_ja


def test_abroad_calls_for_the_residence_record_instead_of_a_certificate() -> None:
    assert kinds(occ(O.UNEMPLOYED), occ(O.LIVES_ABROAD)) == [K.RESIDENCE_CERTIFICATE]


def test_non_lineal_relative_calls_for_the_residence_certificate() -> None:
    assert K.RESIDENCE_CERTIFICATE in kinds(occ(O.UNEMPLOYED), occ(O.NON_LINEAL_RELATIVE))


def test_other_income_calls_for_proof_but_one_yen_does_not() -> None:
    assert K.OTHER in kinds(occ(O.UNEMPLOYED), other_income=2_000_000)
    assert K.OTHER not in kinds(occ(O.UNEMPLOYED), other_income=1)


def test_several_answers_calling_for_payslips_give_one_row_with_both_reasons() -> None:
    reqs = required_documents(
        dependent(occ(O.PART_TIME, 500_000), occ(O.RETIRED), contact="2023年8月退職"), TARGET_YEAR
    )
    assert [r.kind for r in reqs].count(K.PAYSLIP) == 1
    assert "退職" in reqs[0].why_ja


def test_no_answers_no_requirements() -> None:
    assert required_documents(dependent(no_answers=True), TARGET_YEAR) == []


def test_uploads_pair_with_requirements_and_extras_and_missing_get_rows() -> None:
    dep = dependent(
        occ(O.PART_TIME, 900_000),
        docs=[
            document(K.PAYSLIP, files=3),
            document(K.BONUS_SLIP, files=0, proceed_without=True, comment="賞与支給なし"),
            document(K.STUDENT_CERTIFICATE),
        ],
    )
    reqs = required_documents(dep, TARGET_YEAR) + required_documents(
        dependent(occ(O.PENSIONER, 1)), TARGET_YEAR
    )
    statuses = match_uploads(reqs, dep.required_documents)
    assert [(s.title_ja[:4], s.state, s.file_count) for s in statuses] == [
        ("給与明細", DocumentState.PROVIDED, 3),
        ("賞与明細", DocumentState.PROCEED_WITHOUT, 0),
        ("年金振込", DocumentState.MISSING, 0),
        ("student_certificate"[:4], DocumentState.EXTRA, 1),
    ]
    assert statuses[1].notes_ja == ("未提出で進める: 賞与支給なし",)
    assert statuses[2].key == missing_key(K.PENSION_NOTICE)
    assert statuses[0].key == "d-payslip"


def test_salary_certificate_stands_in_for_lost_payslips() -> None:
    dep = dependent(occ(O.PART_TIME, 900_000), docs=[document(K.SALARY_CERTIFICATE)])
    statuses = match_uploads(required_documents(dep, TARGET_YEAR), dep.required_documents)
    assert statuses[0].state is DocumentState.SUBSTITUTED
    assert statuses[0].document is not None
    assert statuses[0].document.kind is K.SALARY_CERTIFICATE
    assert statuses[1].state is DocumentState.MISSING  # the bonus slip

"""Inconsistent answers, each pinned with the smallest answers that trigger it."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from unit.review.builders import TARGET_YEAR, dependent, document, insured, occ

from reviewer_app.bundle.schema import (
    Dependent,
    Living,
    MemberStatus,
    MunicipalIncome,
    Relationship,
)
from reviewer_app.bundle.schema import DocumentKind as K
from reviewer_app.bundle.schema import Occupation as O
from reviewer_app.review.inconsistencies import (
    Finding,
    FindingCode,
    Severity,
    find_inconsistencies,
    mentions_month,
)


def findings(dep: Dependent, **kw: Any) -> list[Finding]:
    return find_inconsistencies(insured(), dep, TARGET_YEAR, **kw)


def codes(dep: Dependent, **kw: Any) -> set[FindingCode]:
    return {f.code for f in findings(dep, **kw)}


def test_clean_answers_have_no_findings() -> None:
    assert findings(dependent(occ(O.PART_TIME, 900_000))) == []


def test_removal_with_living_apart_is_flagged_on_question_6() -> None:
    (f,) = [x for x in findings(dependent(occ(O.REMOVAL), living=Living.APART_OTHER,
                                          living_apart_since="2021-07"))
            if x.code is FindingCode.REMOVAL_LIVING_APART]
    assert (f.severity, f.question, f.occupation) == (Severity.WARN, 6, O.REMOVAL)
    assert "同居" in f.message_ja


def test_removal_living_together_is_fine() -> None:
    assert FindingCode.REMOVAL_LIVING_APART not in codes(dependent(occ(O.REMOVAL)))


@pytest.mark.parametrize(
    "contact",
    ["2023年8月退職", "２０２３年８月退職", "令和5年8月末で退職", "R5.8 退職", "Ｈ３１／３退職",
     "2023/08 退職", "八月に退職", "5月末日退職しました"],
)
def test_retired_with_a_month_in_the_contact_field_is_fine(contact: str) -> None:
    assert mentions_month(contact)
    dep = dependent(occ(O.UNEMPLOYED), occ(O.RETIRED), contact=contact)
    assert FindingCode.RETIRED_NO_MONTH not in codes(dep)


@pytest.mark.parametrize("contact", ["", "退職しました", "確定申告はしていない", "2023年退職"])
def test_retired_without_a_month_is_flagged_on_question_7(contact: str) -> None:
    dep = dependent(occ(O.UNEMPLOYED), occ(O.RETIRED), contact=contact)
    (f,) = findings(dep)
    assert (f.code, f.question, f.occupation) == (FindingCode.RETIRED_NO_MONTH, 7, O.RETIRED)


def test_one_yen_is_information_meaning_zero_not_an_error() -> None:
    dep = dependent(occ(O.PENSIONER, 1), docs=[document(K.PENSION_NOTICE)], other_income=1)
    got = findings(dep)
    assert {(f.code, f.severity, f.question) for f in got} == {
        (FindingCode.ONE_YEN_MEANS_ZERO, Severity.INFO, 4),
        (FindingCode.ONE_YEN_MEANS_ZERO, Severity.INFO, 5),
    }
    assert all("0円の意味で1円と入力" in f.message_ja for f in got)


def test_unemployed_with_income_over_one_yen_is_flagged() -> None:
    got = findings(dependent(occ(O.UNEMPLOYED), occ(O.PART_TIME, 300_000)))
    assert [f.code for f in got] == [FindingCode.UNEMPLOYED_WITH_INCOME]
    assert "300,000円" in got[0].message_ja


def test_unemployed_with_one_yen_is_not_income() -> None:
    dep = dependent(occ(O.UNEMPLOYED), occ(O.PART_TIME, 1))
    assert FindingCode.UNEMPLOYED_WITH_INCOME not in codes(dep)


@pytest.mark.parametrize("occupation", [O.PART_TIME, O.SELF_EMPLOYED, O.SHORT_TERM_PART_TIME])
def test_income_occupation_without_an_amount_is_flagged(occupation: O) -> None:
    (f,) = [x for x in findings(dependent(occ(occupation)))
            if x.code is FindingCode.AMOUNT_MISSING]
    assert f.occupation is occupation and f.question == 4


def test_pensioner_without_a_pension_notice_is_flagged() -> None:
    bare = dependent(occ(O.PENSIONER, 900_000))
    assert FindingCode.PENSION_NOTICE_MISSING in codes(bare)
    empty = dependent(occ(O.PENSIONER, 900_000), docs=[document(K.PENSION_NOTICE, files=0)])
    assert FindingCode.PENSION_NOTICE_MISSING in codes(empty)
    ok = dependent(occ(O.PENSIONER, 900_000), docs=[document(K.PENSION_NOTICE)])
    assert FindingCode.PENSION_NOTICE_MISSING not in codes(ok)


@pytest.mark.parametrize(
    ("birth", "flagged"),
    [(date(2004, 1, 1), False),  # 19 at the end of 2023
     (date(2001, 1, 2), False),  # 22
     (date(2001, 1, 1), True),   # 23: legally one day older on 31 December
     (date(2005, 6, 1), True)],  # 18
)
def test_student_outside_19_to_22_is_information(birth: date, flagged: bool) -> None:
    dep = dependent(occ(O.STUDENT_LIVING_TOGETHER), birth_date=birth,
                    relationship=Relationship.CHILD, relationship_label="長男")
    assert (FindingCode.STUDENT_AGE in codes(dep)) is flagged


def test_student_with_part_time_is_information() -> None:
    dep = dependent(occ(O.STUDENT_BOARDING), occ(O.PART_TIME, 500_000),
                    birth_date=date(2003, 4, 1), relationship=Relationship.CHILD,
                    relationship_label="長女", living=Living.APART_STUDENT,
                    living_apart_since="2022-04")
    (f,) = findings(dep)
    assert (f.code, f.severity) == (FindingCode.STUDENT_WITH_PART_TIME, Severity.INFO)


def test_lives_abroad_is_flagged() -> None:
    assert FindingCode.LIVES_ABROAD in codes(dependent(occ(O.UNEMPLOYED), occ(O.LIVES_ABROAD)))


def test_living_apart_without_a_date_is_flagged() -> None:
    assert FindingCode.LIVING_APART_NO_DATE in codes(
        dependent(occ(O.UNEMPLOYED), living=Living.APART_INSURED_POSTING))
    assert FindingCode.LIVING_APART_NO_DATE not in codes(
        dependent(occ(O.UNEMPLOYED), living=Living.APART_INSURED_POSTING,
                  living_apart_since="2022-04"))


def test_non_lineal_relative_living_apart_is_flagged() -> None:
    dep = dependent(occ(O.UNEMPLOYED), occ(O.NON_LINEAL_RELATIVE), living=Living.APART_OTHER,
                    living_apart_since="2020-01", relationship=Relationship.OTHER,
                    relationship_label="義母")
    assert FindingCode.NON_LINEAL_LIVING_APART in codes(dep)


def test_municipal_income_far_from_the_answer_is_flagged_near_is_not() -> None:
    muni = MunicipalIncome(year=TARGET_YEAR, salary_income=1_250_000)
    far = findings(dependent(occ(O.PART_TIME, 900_000), municipal=muni))
    assert [f.code for f in far] == [FindingCode.MUNICIPAL_INCOME_DIFFERS]
    assert "1,250,000円" in far[0].message_ja and "350,000円" in far[0].message_ja
    near = dependent(occ(O.PART_TIME, 1_200_000), municipal=muni)
    assert codes(near) == set()
    assert codes(near, municipal_margin=10_000) == {FindingCode.MUNICIPAL_INCOME_DIFFERS}


def test_municipal_pension_compared_with_the_pension_answer() -> None:
    muni = MunicipalIncome(year=TARGET_YEAR, pension_income=1_500_000)
    dep = dependent(occ(O.PENSIONER, 800_000), municipal=muni, docs=[document(K.PENSION_NOTICE)])
    (f,) = findings(dep)
    assert f.code is FindingCode.MUNICIPAL_INCOME_DIFFERS and f.occupation is O.PENSIONER


def test_municipal_income_of_another_year_is_not_compared() -> None:
    muni = MunicipalIncome(year=TARGET_YEAR - 1, salary_income=1_250_000)
    assert codes(dependent(occ(O.PART_TIME, 900_000), municipal=muni)) == set()


def test_not_submitted_past_the_deadline_is_flagged_with_the_wareki_date() -> None:
    dep = dependent(no_answers=True, status=MemberStatus.NOT_SUBMITTED)
    (f,) = findings(dep, deadline=date(2024, 9, 30), today=date(2024, 10, 1))
    assert f.code is FindingCode.NOT_SUBMITTED_PAST_DEADLINE and f.question is None
    assert "令和6年9月30日" in f.message_ja
    assert findings(dep, deadline=date(2024, 9, 30), today=date(2024, 9, 30)) == []


def test_warnings_come_before_information() -> None:
    dep = dependent(occ(O.PENSIONER, 1), occ(O.SELF_EMPLOYED))
    sev = [f.severity for f in findings(dep)]
    assert sev == sorted(sev, key=lambda s: s is Severity.INFO)
    assert Severity.INFO in sev and Severity.WARN in sev

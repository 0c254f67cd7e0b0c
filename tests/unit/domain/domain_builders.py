"""Small builders for domain tests: a case from twelve monthly amounts and a few knobs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TypedDict, Unpack

from reviewer_app.domain.case import (
    Benefit,
    Bonus,
    Case,
    Dependent,
    Employer,
    Insured,
    LabourContract,
    OtherIncome,
    Payment,
    Pension,
    SelfEmployment,
    Survey,
    TemporaryRiseCertificate,
)
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.engine import Evaluation, evaluate
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.vocabulary import Relationship

DEFAULT = RuleProfile()
TARGET_YEAR = 2023


def employer(amounts: Sequence[int | None], *, cutoff_day: int = 15, offset: int = 0,
             pay_day: int | None = 25, year: int = TARGET_YEAR,
             bonuses: Sequence[tuple[int, int]] = (), name: str = "A社") -> Employer:
    """Amounts from January of ``year`` on; None leaves the month without an entry."""
    payments = tuple(
        Payment(YearMonth.from_index(year * 12 + i), gross)
        for i, gross in enumerate(amounts) if gross is not None)
    return Employer(name, cutoff_day, offset, pay_day, payments,
                    tuple(Bonus(YearMonth(year, m), g) for m, g in bonuses))


class CaseChanges(TypedDict, total=False):
    """The fields of :class:`Case` a test may set beside the builder's knobs."""

    judgment_date: date
    target_year: int
    dependent: Dependent
    profile: str | None
    insured: Insured
    pensions: tuple[Pension, ...]
    self_employment: tuple[SelfEmployment, ...]
    other_income: tuple[OtherIncome, ...]
    benefits: tuple[Benefit, ...]
    labour_contract: LabourContract | None
    temporary_rise_certificate: TemporaryRiseCertificate | None
    recertification_from: YearMonth | None
    survey: Survey


def make_case(*employers: Employer, birth: date = date(1985, 6, 1),
              judgment: date = date(2024, 9, 2), relationship: Relationship = Relationship.SPOUSE,
              **changes: Unpack[CaseChanges]) -> Case:
    dependent = Dependent(birth_date=birth, relationship=relationship)
    case = Case(judgment_date=judgment, target_year=TARGET_YEAR, dependent=dependent,
                employers=tuple(employers))
    return replace(case, **changes) if changes else case


def run(case: Case, profile: RuleProfile = DEFAULT) -> Evaluation:
    return evaluate(case, profile)


def check(ev: Evaluation, code: str) -> str:
    results = [c.result for c in ev.checks if c.code == code]
    assert len(results) == 1, f"expected one {code} check, got {results}"
    return results[0]

"""The input of an evaluation: one dependent's case, as plain frozen data.

Amounts are integer yen as entered (payslip gross, 総支給額); months are :class:`YearMonth`.
Building a case validates nothing beyond types: ``caseio.case_from_json`` validates untrusted
input, and the UI validates as the examiner types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from reviewer_app.domain.dates import CUTOFF_END, YearMonth
from reviewer_app.domain.vocabulary import BenefitKind, Relationship


@dataclass(frozen=True, slots=True)
class Dependent:
    birth_date: date
    relationship: Relationship = Relationship.OTHER
    disability_pension: bool = False
    living_with_insured: bool = True
    lives_abroad: bool = False
    # An exception to the domestic-residence rule (留学, 同行家族, …); any text counts as one.
    residence_exception: str | None = None
    certified_on: date | None = None


@dataclass(frozen=True, slots=True)
class Insured:
    annual_income: int | None = None
    annual_remittance: int | None = None


@dataclass(frozen=True, slots=True)
class Payment:
    month: YearMonth
    gross: int


@dataclass(frozen=True, slots=True)
class Bonus:
    month: YearMonth
    gross: int


@dataclass(frozen=True, slots=True)
class Employer:
    name: str = ""
    # None (with either): unknown; the attendance period is then the payment month itself
    cutoff_day: int | None = CUTOFF_END  # 1–31; 31 also stands for 末日 ("end")
    pay_month_offset: int | None = 0  # 0 当月払い, 1 翌月払い, 2 翌々月払い
    pay_day: int | None = None  # 1–31 (31 = 末日); None: unknown, treated as the month's last day
    payments: tuple[Payment, ...] = ()
    bonuses: tuple[Bonus, ...] = ()


@dataclass(frozen=True, slots=True)
class Pension:
    kind: str
    annual: int


@dataclass(frozen=True, slots=True)
class SelfEmployment:
    revenue: int
    direct_expenses: int

    @property
    def net(self) -> int:
        """Revenue less direct expenses; a loss counts as 0 and never offsets other income."""
        return max(0, self.revenue - self.direct_expenses)


@dataclass(frozen=True, slots=True)
class OtherIncome:
    label: str
    amount: int


@dataclass(frozen=True, slots=True)
class Benefit:
    kind: BenefitKind
    daily_amount: int
    start_date: date | None = None


@dataclass(frozen=True, slots=True)
class LabourContract:
    annual_expected: int


@dataclass(frozen=True, slots=True)
class TemporaryRiseCertificate:
    submitted: bool
    previous_uses: tuple[int, ...] = ()  # the years for which a certificate was used before


@dataclass(frozen=True, slots=True)
class Survey:
    """Whether the survey was answered; an unanswered one excludes as of ``exclusion_date``."""

    submitted: bool = True
    exclusion_date: date | None = None


@dataclass(frozen=True, slots=True)
class Case:
    judgment_date: date
    target_year: int
    dependent: Dependent
    profile: str | None = None
    insured: Insured = field(default_factory=Insured)
    employers: tuple[Employer, ...] = ()
    pensions: tuple[Pension, ...] = ()
    self_employment: tuple[SelfEmployment, ...] = ()
    other_income: tuple[OtherIncome, ...] = ()
    benefits: tuple[Benefit, ...] = ()
    labour_contract: LabourContract | None = None
    temporary_rise_certificate: TemporaryRiseCertificate | None = None
    recertification_from: YearMonth | None = None
    survey: Survey = field(default_factory=Survey)

"""The income sheet the examiner fills in for one case: issue 2's input, typed.

The window edits it, the services validate and store it, and the engine reads the
:class:`~reviewer_app.domain.case.Case` that :func:`to_case` makes of it. JSON exists only at the
edges (the stored sheet, the ``calc`` command): :mod:`reviewer_app.domain.caseio`.

A sheet is immutable: an edit makes a new sheet that shares every unchanged part with the old
one, so undo keeps the old sheet as it is and nothing is copied deeply. While the examiner types,
a row of a list section may be half entered (``None`` where nothing was typed yet);
:func:`to_case` refuses such a row with the path of its field (``pensions[0].annual``), and
:func:`without_half_rows` leaves out the rows of the tables the examiner is still in (issue 13).
Ranges (an amount from 0 to ten billion yen, a cutoff day from 1 to 31, …) are checked by
:func:`to_case` too, so a sheet read from storage shows even when a rule has since tightened.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

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
from reviewer_app.domain.dates import CUTOFF_END, YearMonth
from reviewer_app.domain.vocabulary import BenefitKind, PensionKind

MAX_YEN = 10_000_000_000  # ten billion yen: beyond any dependent, catches stray digits
FIRST_YEAR, LAST_YEAR = 1990, 2100

# The list sections of the sheet, as the 収入 tab's tables name them.
Section = Literal["employers", "bonuses", "pensions", "self_employment", "other_income",
                  "benefits"]


class CaseInputError(ValueError):
    """A field of the input is wrong: its path (``employers[0].payments[3].gross``) and the
    problem in Japanese and English."""

    def __init__(self, field: str, problem_ja: str, problem_en: str) -> None:
        super().__init__(f"{field}: {problem_en}")
        self.field = field
        self.problem_ja = problem_ja
        self.problem_en = problem_en


def required(path: str) -> CaseInputError:
    return CaseInputError(path, "必須の項目がありません", "is required")


# --- the rows -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BonusEntry:
    month: YearMonth | None = None
    gross: int | None = None


@dataclass(frozen=True, slots=True)
class EmployerEntry:
    name: str = ""
    cutoff_day: int | None = CUTOFF_END  # 1–31; 31 is 末日 ("end" in JSON); None: unknown
    pay_month_offset: int | None = 0  # 0 当月払い, 1 翌月払い, 2 翌々月払い; None: unknown
    pay_day: int | None = None  # 1–31 (31 = 末日); None: unknown
    payments: tuple[Payment, ...] = ()  # the month grid: always a month and an amount
    bonuses: tuple[BonusEntry, ...] = ()

    def payment(self, month: YearMonth) -> int | None:
        """The gross paid in ``month``; None when nothing is entered for it."""
        for p in self.payments:
            if p.month == month:
                return p.gross
        return None

    def with_payment(self, month: YearMonth, gross: int | None) -> EmployerEntry:
        """This employer with ``month`` set to ``gross`` (None removes it), months in order."""
        kept = [p for p in self.payments if p.month != month]
        if gross is not None:
            kept.append(Payment(month, gross))
        return replace(self, payments=tuple(sorted(kept, key=lambda p: p.month)))


@dataclass(frozen=True, slots=True)
class PensionEntry:
    kind: str = PensionKind.OTHER
    annual: int | None = None


@dataclass(frozen=True, slots=True)
class BusinessEntry:
    revenue: int | None = None
    direct_expenses: int | None = None  # None: not entered, counted as 0
    label: str = ""


@dataclass(frozen=True, slots=True)
class OtherIncomeEntry:
    label: str = ""
    amount: int | None = None


@dataclass(frozen=True, slots=True)
class BenefitEntry:
    kind: BenefitKind | None = None
    daily_amount: int | None = None
    start_date: date | None = None


# --- the sheet ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IncomeSheet:
    judgment_date: date
    target_year: int
    dependent: Dependent
    insured: Insured | None = None
    employers: tuple[EmployerEntry, ...] = ()
    pensions: tuple[PensionEntry, ...] = ()
    self_employment: tuple[BusinessEntry, ...] = ()
    other_income: tuple[OtherIncomeEntry, ...] = ()
    benefits: tuple[BenefitEntry, ...] = ()
    labour_contract: LabourContract | None = None
    temporary_rise_certificate: TemporaryRiseCertificate | None = None
    recertification_from: YearMonth | None = None
    survey: Survey | None = None
    # the rows of the 賞与 table: (employer, bonus) in the order the table lists them
    bonus_rows: tuple[tuple[int, BonusEntry], ...] = field(init=False, repr=False,
                                                            compare=False)

    def __post_init__(self) -> None:
        rows = tuple((i, b) for i, e in enumerate(self.employers) for b in e.bonuses)
        object.__setattr__(self, "bonus_rows", rows)

    def nothing_entered(self) -> bool:
        """True while the sheet holds no income entry at all (no employer, pension, business,
        other income, benefit, contract or certificate): the engine would say 扶養継続 at 0 yen,
        which is no verdict but the absence of data (issue 13)."""
        return not (self.employers or self.pensions or self.self_employment
                    or self.other_income or self.benefits or self.labour_contract
                    or self.temporary_rise_certificate)

    def with_employer(self, index: int, employer: EmployerEntry) -> IncomeSheet:
        employers = list(self.employers)
        employers[index] = employer
        return replace(self, employers=tuple(employers))


# --- half-entered rows ----------------------------------------------------------------------------


def _half_bonus(b: BonusEntry) -> bool:
    return b.month is None or b.gross is None


def without_half_rows(sheet: IncomeSheet, sections: frozenset[str] | set[str]) -> IncomeSheet:
    """``sheet`` without the rows lacking a required entry in the tables the examiner is in
    (``sections``); every other row, complete or not, is kept."""
    out = sheet
    if "bonuses" in sections and any(_half_bonus(b) for _i, b in sheet.bonus_rows):
        out = replace(out, employers=tuple(
            replace(e, bonuses=tuple(b for b in e.bonuses if not _half_bonus(b)))
            for e in sheet.employers))
    if "pensions" in sections:
        out = replace(out, pensions=tuple(p for p in out.pensions if p.annual is not None))
    if "self_employment" in sections:
        out = replace(out, self_employment=tuple(
            b for b in out.self_employment if b.revenue is not None))
    if "other_income" in sections:
        out = replace(out, other_income=tuple(o for o in out.other_income if o.amount is not None))
    if "benefits" in sections:
        out = replace(out, benefits=tuple(
            b for b in out.benefits if b.kind is not None and b.daily_amount is not None))
    return out


# --- validation: the engine's case ----------------------------------------------------------------


def _range(value: int, path: str, lo: int, hi: int) -> int:
    if not lo <= value <= hi:
        raise CaseInputError(path, f"{lo:,}から{hi:,}までにしてください",
                             f"must be from {lo:,} to {hi:,}")
    return value


def _yen(value: int | None, path: str) -> int:
    if value is None:
        raise required(path)
    return _range(value, path, 0, MAX_YEN)


def _opt_yen(value: int | None, path: str) -> int | None:
    return None if value is None else _yen(value, path)


def _employer(e: EmployerEntry, path: str) -> Employer:
    payments = tuple(
        Payment(p.month, _yen(p.gross, f"{path}.payments[{j}].gross"))
        for j, p in enumerate(e.payments))
    bonuses: list[Bonus] = []
    for j, b in enumerate(e.bonuses):
        bp = f"{path}.bonuses[{j}]"
        if b.month is None:
            raise required(f"{bp}.month")
        bonuses.append(Bonus(b.month, _yen(b.gross, f"{bp}.gross")))
    return Employer(
        name=e.name,
        cutoff_day=None if e.cutoff_day is None else _range(e.cutoff_day,
                                                             f"{path}.cutoff_day", 1, 31),
        pay_month_offset=None if e.pay_month_offset is None else _range(
            e.pay_month_offset, f"{path}.pay_month_offset", 0, 2),
        pay_day=None if e.pay_day is None else _range(e.pay_day, f"{path}.pay_day", 1, 31),
        payments=payments, bonuses=tuple(bonuses))


def _benefit(b: BenefitEntry, path: str) -> Benefit:
    if b.kind is None:
        raise required(f"{path}.kind")
    return Benefit(b.kind, _yen(b.daily_amount, f"{path}.daily_amount"), b.start_date)


def to_case(sheet: IncomeSheet, *, profile: str | None = None) -> Case:
    """The engine's case, or :class:`CaseInputError` for the first field that is missing or out
    of range (its path as in the JSON contract)."""
    _range(sheet.target_year, "target_year", FIRST_YEAR, LAST_YEAR)
    if sheet.dependent.birth_date > sheet.judgment_date:
        raise CaseInputError("dependent.birth_date", "判定日より後の日付です",
                             "is after the judgment date")
    insured = sheet.insured or Insured()
    insured = Insured(_opt_yen(insured.annual_income, "insured.annual_income"),
                      _opt_yen(insured.annual_remittance, "insured.annual_remittance"))
    employers = tuple(_employer(e, f"employers[{i}]") for i, e in enumerate(sheet.employers))
    pensions = tuple(Pension(p.kind, _yen(p.annual, f"pensions[{i}].annual"))
                     for i, p in enumerate(sheet.pensions))
    businesses = tuple(
        SelfEmployment(_yen(s.revenue, f"self_employment[{i}].revenue"),
                       _yen(s.direct_expenses or 0, f"self_employment[{i}].direct_expenses"))
        for i, s in enumerate(sheet.self_employment))
    others = tuple(OtherIncome(o.label, _yen(o.amount, f"other_income[{i}].amount"))
                   for i, o in enumerate(sheet.other_income))
    benefits = tuple(_benefit(b, f"benefits[{i}]") for i, b in enumerate(sheet.benefits))
    contract = sheet.labour_contract
    if contract is not None:
        contract = LabourContract(_yen(contract.annual_expected,
                                       "labour_contract.annual_expected"))
    certificate = sheet.temporary_rise_certificate
    if certificate is not None:
        for i, year in enumerate(certificate.previous_uses):
            _range(year, f"temporary_rise_certificate.previous_uses[{i}]", FIRST_YEAR, LAST_YEAR)
    return Case(
        judgment_date=sheet.judgment_date, target_year=sheet.target_year,
        dependent=sheet.dependent, profile=profile, insured=insured, employers=employers,
        pensions=pensions, self_employment=businesses, other_income=others, benefits=benefits,
        labour_contract=contract, temporary_rise_certificate=certificate,
        recertification_from=sheet.recertification_from, survey=sheet.survey or Survey())

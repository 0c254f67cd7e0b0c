"""The tests besides the monthly rule (RULES.md §2, §6): each gives pass, review or fail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.case import Case
from reviewer_app.domain.dates import birthday_of_age
from reviewer_app.domain.limits import Limits
from reviewer_app.domain.messages import Line, Message, Param, msg, render
from reviewer_app.domain.profile import RuleProfile

PASS = "pass"
REVIEW = "review"
FAIL = "fail"


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    result: str  # pass | review | fail
    parts: Line  # what it says, as message codes (reviewer_app.domain.messages)
    date: date | None = None  # the date a failure takes effect, when the test gives one

    @property
    def message(self) -> str:
        """The Japanese sentence (the engine's wording)."""
        return render(self.parts, "ja")

    def text(self, lang: str) -> str:
        return render(self.parts, lang)


def check(code: str, result: str, *parts: Message, on: date | None = None) -> Check:
    return Check(code, result, tuple(parts), on)


@dataclass(frozen=True, slots=True)
class CertificateUse:
    uses: int  # including this year's
    allowed: int
    counting: str  # total | consecutive

    @property
    def accepted(self) -> bool:
        return self.uses <= self.allowed


def certificate_use(case: Case, profile: RuleProfile) -> CertificateUse | None:
    """How many uses this year's certificate makes, counted as the profile says; None when no
    certificate was submitted. Uses recorded for the target year or later are this use."""
    cert = case.temporary_rise_certificate
    if cert is None or not cert.submitted:
        return None
    earlier = {y for y in cert.previous_uses if y < case.target_year}
    if profile.certificate_counting == "total":
        uses = len(earlier) + 1
    else:
        uses = 1
        while case.target_year - uses in earlier:
            uses += 1
    return CertificateUse(uses, profile.certificate_max_uses, profile.certificate_counting)


def contract_applies(case: Case, profile: RuleProfile) -> bool:
    """The 2026-04 rule (保保発1001第3号): a salary-only dependent judged by the contract."""
    if case.labour_contract is None or case.judgment_date < profile.contract_effective_from:
        return False
    if any(p.annual > 0 for p in case.pensions) or any(s.net > 0 for s in case.self_employment) \
            or any(o.amount > 0 for o in case.other_income):
        return False
    if profile.contract_coverage == "all":
        return True
    certified = case.dependent.certified_on
    return certified is not None and certified >= profile.contract_effective_from


def annual_check(assessed: int, limits: Limits, contract: bool,
                 cert: CertificateUse | None) -> Check:
    facts: dict[str, Param] = {"source": "contract" if contract else "annual", "assessed": assessed,
             "limit": limits.annual, "basis": limits.basis}
    if assessed < limits.annual:
        return check("annual_limit", PASS, msg("annual_under", **facts))
    head = msg("annual_over", **facts)
    if cert is None:
        return check("annual_limit", FAIL, head)
    uses: dict[str, Param] = {"counting": cert.counting, "uses": cert.uses, "allowed": cert.allowed}
    if cert.accepted:
        return check("annual_limit", PASS, head, msg("certificate_accepted", **uses))
    return check("annual_limit", REVIEW, head, msg("certificate_exceeded", **uses))


def daily_benefit_checks(case: Case, limits: Limits) -> list[Check]:
    out: list[Check] = []
    daily_limit = -(-limits.annual // 360)  # the smallest daily amount that is over
    for b in case.benefits:
        facts: dict[str, Param] = {"kind": str(b.kind), "daily": b.daily_amount,
                                   "limit": daily_limit}
        if limits.daily_over(b.daily_amount):
            out.append(check("daily_benefit", FAIL,
                             msg("benefit_over", start=b.start_date, **facts), on=b.start_date))
        else:
            out.append(check("daily_benefit", PASS, msg("benefit_under", **facts)))
    return out


def support_check(case: Case, assessed: int, profile: RuleProfile) -> Check | None:
    """同居: half of the insured's income; 別居: the remittance (RULES.md §6)."""
    if case.dependent.living_with_insured:
        insured = case.insured.annual_income
        if insured is None or not profile.half_income_check:
            return None
        if 2 * assessed < insured:
            return check("half_income", PASS,
                         msg("half_income_pass", assessed=assessed, insured=insured))
        if assessed < insured:
            return check("half_income", REVIEW,
                         msg("half_income_review", assessed=assessed, insured=insured))
        return check("half_income", FAIL,
                     msg("half_income_fail", assessed=assessed, insured=insured))
    remittance = case.insured.annual_remittance
    if remittance is None:
        return check("remittance", REVIEW, msg("remittance_missing"))
    if assessed < remittance:
        return check("remittance", PASS,
                     msg("remittance_pass", assessed=assessed, remittance=remittance))
    return check("remittance", FAIL,
                 msg("remittance_fail", assessed=assessed, remittance=remittance))


def residence_check(case: Case) -> Check | None:
    dep = case.dependent
    if not dep.lives_abroad:
        return None
    if dep.residence_exception:
        return check("residence", PASS,
                     msg("residence_exception", exception=dep.residence_exception))
    return check("residence", FAIL, msg("residence_fail"))


def age_75_check(case: Case, profile: RuleProfile) -> Check | None:
    birthday = birthday_of_age(case.dependent.birth_date, profile.late_elderly_age)
    if birthday > case.judgment_date:
        return None
    return check("age_75", FAIL, msg("age_75", birthday=birthday, age=profile.late_elderly_age),
                 on=birthday)


def survey_check(case: Case) -> Check | None:
    if case.survey.submitted:
        return None
    when = case.survey.exclusion_date
    return check("survey_not_submitted", FAIL, msg("survey_not_submitted", on=when), on=when)


def monthly_message(rule: str | None, months: tuple[str, ...], limit: int, day: date | None,
                    basis: str | None) -> Message:
    if rule is None:
        return msg("monthly_none", limit=limit)
    return msg("monthly_over", rule=rule, months=months, limit=limit, day=day, basis=basis or "")

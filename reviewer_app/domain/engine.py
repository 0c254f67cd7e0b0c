"""``evaluate(case, profile)``: every rule of RULES.md applied to one case.

Pure and cheap (the UI calls it on every keystroke): no copies of the case, integer arithmetic
in twelfths of a yen (see income.py), one pass over the months per rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer_app.domain import checks as ck
from reviewer_app.domain.case import Case
from reviewer_app.domain.dates import legal_age, month_index
from reviewer_app.domain.exclusion import Trigger, exclusion_date, find_trigger, trigger_rows
from reviewer_app.domain.income import IncomeBySource, MonthRow, income_by_source, month_rows
from reviewer_app.domain.limits import limits_for
from reviewer_app.domain.messages import Line, Message, msg, render
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.recertification import NONE as NO_RECERTIFICATION
from reviewer_app.domain.recertification import Recertification, find_recertification
from reviewer_app.domain.vocabulary import Verdict

INCOME_RULES = ("three_consecutive_months", "three_month_average")


@dataclass(frozen=True, slots=True)
class Exclusion:
    """The proposed exclusion. ``rule``: ``three_consecutive_months``, ``three_month_average``
    (the monthly rule of §5), or, when an earlier-dated test fails, ``daily_benefit``, ``age_75``,
    ``survey_not_submitted``; None when nothing gives a date."""

    rule: str | None = None
    date: date | None = None
    months: tuple[str, ...] = ()
    date_basis: str | None = None


NO_EXCLUSION = Exclusion()


@dataclass(frozen=True, slots=True)
class Evaluation:
    profile: str
    annual_income: int  # actual income of the target year, all sources
    assessed_income: int  # what the annual test used (the contract's amount under the 2026 rule)
    income_by_source: IncomeBySource
    annual_limit: int
    limit_basis: str
    monthly_limit: int
    age_on_judgment_date: int
    months: tuple[MonthRow, ...]
    monthly_trigger: Exclusion  # the §5 monthly rule alone, whatever the verdict
    exclusion: Exclusion
    recertification: Recertification
    checks: tuple[ck.Check, ...]
    verdict: Verdict
    explanation_lines: tuple[Line, ...]  # message codes with parameters, one tuple per line

    @property
    def explanation(self) -> tuple[str, ...]:
        """The explanation in Japanese (the engine's wording, as stored and printed)."""
        return self.explained("ja")

    def explained(self, lang: str) -> tuple[str, ...]:
        """The explanation rendered in ``lang`` (``ja`` or ``en``)."""
        return tuple(render(line, lang) for line in self.explanation_lines)


def evaluate(case: Case, profile: RuleProfile) -> Evaluation:
    limits = limits_for(case, profile)
    rows = month_rows(case, limits.monthly)
    by_source = income_by_source(case)
    annual = by_source.total
    contract = ck.contract_applies(case, profile)
    assessed = case.labour_contract.annual_expected if (contract and case.labour_contract) \
        else annual
    cert = ck.certificate_use(case, profile)
    annual_check = ck.annual_check(assessed, limits, contract, cert)
    checks: list[ck.Check] = [annual_check]

    # The monthly rule (§5). Its result follows the annual test: it fails with it, is explained
    # away by an accepted certificate, and otherwise asks whether the rise is lasting (恒常的).
    trigger = find_trigger(rows, limits.monthly, profile.exclusion_rules)
    monthly = NO_EXCLUSION
    if trigger is None:
        checks.append(ck.check("monthly_limit", ck.PASS,
                               ck.monthly_message(None, (), limits.monthly, None, None)))
    else:
        day, date_basis = exclusion_date(rows, trigger, case.employers, profile)
        keys = tuple(r.month for r in trigger_rows(rows, trigger))
        monthly = Exclusion(trigger.rule, day, keys, date_basis)
        parts = [ck.monthly_message(trigger.rule, keys, limits.monthly, day, date_basis)]
        parts.extend(_unknown_schedule(case, rows, trigger, date_basis))
        if annual_check.result == ck.FAIL:
            result = ck.FAIL
        elif annual_check.result == ck.PASS and cert is not None and assessed >= limits.annual:
            result = ck.PASS  # covered by the accepted certificate
        else:
            result = ck.REVIEW
            if annual_check.result == ck.PASS:
                parts.append(msg("monthly_lasting"))
        checks.append(ck.check("monthly_limit", result, *parts, on=day))

    missing = [r.month for r in rows if r.missing]
    if missing:
        checks.append(ck.check("missing_months", ck.REVIEW,
                               msg("missing_months", months=tuple(missing))))
    if contract and case.labour_contract is not None:
        checks.append(ck.check("labour_contract", ck.PASS,
                               msg("labour_contract", assessed=assessed, annual=annual)))
    checks.extend(ck.daily_benefit_checks(case, limits))
    for optional in (ck.support_check(case, assessed, profile), ck.residence_check(case),
                     ck.age_75_check(case, profile), ck.survey_check(case)):
        if optional is not None:
            checks.append(optional)

    results = {c.result for c in checks}
    verdict = Verdict.EXCLUDE if ck.FAIL in results else Verdict.NEEDS_REVIEW \
        if ck.REVIEW in results else Verdict.CONTINUE
    exclusion = _proposed_exclusion(checks, monthly)
    recert = NO_RECERTIFICATION
    if exclusion.rule in INCOME_RULES and profile.recertification_enabled:
        start = (case.recertification_from.index if case.recertification_from
                 else month_index(case.target_year + 1, 1))
        recert = find_recertification(rows, start, profile)
    explanation = _explain(case, checks, exclusion, recert, verdict)
    return Evaluation(
        profile=profile.name, annual_income=annual, assessed_income=assessed,
        income_by_source=by_source, annual_limit=limits.annual, limit_basis=limits.basis,
        monthly_limit=limits.monthly,
        age_on_judgment_date=legal_age(case.dependent.birth_date, case.judgment_date),
        months=rows, monthly_trigger=monthly, exclusion=exclusion, recertification=recert,
        checks=tuple(checks), verdict=verdict, explanation_lines=explanation,
    )


def _proposed_exclusion(checks: list[ck.Check], monthly: Exclusion) -> Exclusion:
    """The earliest dated cause among failing tests and a monthly rule that did not pass."""
    best = NO_EXCLUSION
    for c in checks:
        if c.result == ck.PASS or c.date is None:
            continue
        if c.code == "monthly_limit":
            candidate = monthly
        elif c.result == ck.FAIL and c.code in ("daily_benefit", "age_75", "survey_not_submitted"):
            candidate = Exclusion(c.code, c.date)
        else:
            continue
        if best.date is None or (candidate.date is not None and candidate.date < best.date):
            best = candidate
    return best


def _unknown_schedule(case: Case, rows: tuple[MonthRow, ...], trigger: Trigger,
                      date_basis: str) -> list[Message]:
    """What the exclusion date assumed for an employer whose cutoff day and pay month, or pay
    day, the examiner left unknown (issue 13: a new employer is no longer 末日/翌月/25日)."""
    months = trigger_rows(rows, trigger)
    employers = case.employers
    if date_basis == "attendance_period_start" and any(
            e.cutoff_day is None or e.pay_month_offset is None for e in employers):
        return [msg("schedule_unknown")]
    if date_basis == "day_after_third_pay_day":
        third = months[-1].schedule
        if 0 <= third < len(employers) and employers[third].pay_day is None:
            return [msg("pay_day_unknown")]
    return []


def _explain(case: Case, checks: list[ck.Check], exclusion: Exclusion, recert: Recertification,
             verdict: Verdict) -> tuple[Line, ...]:
    lines: list[Line] = [(msg("judged_year", year=case.target_year),)]
    lines.extend(c.parts for c in checks if c.code in ("annual_limit", "monthly_limit")
                 or c.result != ck.PASS)
    if exclusion.date is not None:
        lines.append((msg("exclusion_date", day=exclusion.date, rule=exclusion.rule or ""),))
    elif verdict is Verdict.EXCLUDE:
        lines.append((msg("exclusion_undetermined"),))
    if recert.date is not None:
        lines.append((msg("recertification", months=recert.months, day=recert.date),))
    lines.append((msg("verdict", verdict=verdict.value),))
    return tuple(lines)

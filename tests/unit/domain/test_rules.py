"""Every rule and edge of RULES.md, one behaviour per test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest
from domain_builders import DEFAULT, check, employer, make_case, run

from reviewer_app.domain.case import (
    Benefit,
    Case,
    Dependent,
    Insured,
    LabourContract,
    OtherIncome,
    Pension,
    SelfEmployment,
    Survey,
    TemporaryRiseCertificate,
)
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.vocabulary import BenefitKind, Relationship

# --- §2 limits -------------------------------------------------------------------------------

def test_108333_is_within_the_monthly_limit_and_108334_is_over() -> None:
    ev = run(make_case(employer([108_333, 108_334] + [0] * 10)))
    assert ev.monthly_limit == 108_333
    assert [r.over for r in ev.months[:2]] == [False, True]

CHILD, SPOUSE = Relationship.CHILD, Relationship.SPOUSE


def test_three_months_at_108333_do_not_trigger_but_108334_do() -> None:
    at = run(make_case(employer([108_333] * 3 + [0] * 9)))
    above = run(make_case(employer([108_334] * 3 + [0] * 9)))
    assert at.exclusion.rule is None
    assert above.exclusion.rule == "three_consecutive_months"


def test_annual_income_equal_to_limit_is_over() -> None:
    under = run(make_case(employer([0] * 11 + [1_299_999])))
    at = run(make_case(employer([0] * 11 + [1_300_000])))
    assert check(under, "annual_limit") == "pass"
    assert check(at, "annual_limit") == "fail"


def test_fractional_bonus_share_is_compared_exactly() -> None:
    # 6 yen of bonus over a year is 0.5 yen a month: 108,333 + 0.5 is over 108,333.
    ev = run(make_case(employer([108_333] * 12, bonuses=[(7, 6)])))
    row = ev.months[0]
    assert row.bonus_share == Fraction(1, 2)
    assert row.total == Fraction(216_667, 2)
    assert row.over
    assert ev.exclusion.rule == "three_consecutive_months"


def test_bonus_share_of_a_twelfth_keeps_comparing_exactly() -> None:
    # 4 yen/12 = 0.333… a month: 108,333 + 0.333… is over; rounding to the yen would hide it.
    ev = run(make_case(employer([108_333] * 12, bonuses=[(12, 4)])))
    assert all(r.over for r in ev.months)


def test_bonus_is_spread_only_over_its_own_calendar_year() -> None:
    amounts = [100_000] * 12 + [100_000] * 3
    ev = run(make_case(employer(amounts, bonuses=[(7, 120_000)])))
    assert [r.bonus_share for r in ev.months] == [10_000] * 12 + [0] * 3
    assert ev.income_by_source.bonus == 120_000


@pytest.mark.parametrize(("birth", "basis", "limit"), [
    (date(1964, 9, 3), "60_or_over", 1_800_000),  # 60 on 2 Sept 2024 (the day before)
    (date(1964, 9, 4), "under_60", 1_300_000),
])
def test_sixty_is_judged_on_the_judgment_date(birth: date, basis: str, limit: int) -> None:
    ev = run(make_case(employer([0] * 12), birth=birth))
    assert (ev.limit_basis, ev.annual_limit) == (basis, limit)


def test_sixty_on_31_december_of_target_year_when_profile_says_so() -> None:
    profile = replace(DEFAULT, senior_age_reference="target_year_end")
    ev = run(make_case(employer([0] * 12), birth=date(1964, 1, 5)), profile)
    assert ev.limit_basis == "under_60"  # 59 on 31 Dec 2023, though 60 on the judgment date
    assert ev.monthly_limit == 108_333


def test_disability_pension_raises_limit_to_1_8_million() -> None:
    ev = run(make_case(pensions=(Pension("disability", 900_000),)))
    assert (ev.limit_basis, ev.annual_limit, ev.monthly_limit) == (
        "disability_pension", 1_800_000, 150_000)


@pytest.mark.parametrize(("birth", "relationship", "judgment", "basis"), [
    (date(2003, 1, 2), CHILD, date(2025, 10, 1), "age_19_to_22"),  # 22 on 31 Dec 2025
    (date(2003, 1, 1), CHILD, date(2025, 10, 1), "under_60"),  # 23 at the end of 31 Dec
    (date(2007, 1, 1), CHILD, date(2025, 10, 1), "age_19_to_22"),  # 19 at the end of 31 Dec
    (date(2007, 1, 2), CHILD, date(2025, 10, 1), "under_60"),  # still 18 on 31 Dec
    (date(2004, 5, 5), SPOUSE, date(2025, 10, 1), "under_60"),  # spouses are excluded
    (date(2004, 5, 5), CHILD, date(2025, 9, 30), "under_60"),  # before the notice applies
])
def test_19_to_22_band_uses_age_on_31_december_of_judgment_year(
        birth: date, relationship: Relationship, judgment: date, basis: str) -> None:
    ev = run(make_case(employer([0] * 12), birth=birth, judgment=judgment,
                       relationship=relationship))
    assert ev.limit_basis == basis
    if basis == "age_19_to_22":
        assert (ev.annual_limit, ev.monthly_limit) == (1_500_000, 125_000)


@pytest.mark.parametrize(("daily", "annual_birth", "result"), [
    (3_611, date(1985, 1, 1), "pass"),
    (3_612, date(1985, 1, 1), "fail"),  # 3,612 × 360 = 1,300,320 ≥ 1,300,000
    (4_999, date(1950, 1, 1), "pass"),
    (5_000, date(1950, 1, 1), "fail"),  # 5,000 × 360 = 1,800,000
])
def test_daily_benefit_limit_is_daily_times_360_at_or_over_annual(
        daily: int, annual_birth: date, result: str) -> None:
    start = date(2023, 6, 1)
    benefit = Benefit(BenefitKind.UNEMPLOYMENT, daily, start)
    ev = run(make_case(birth=annual_birth, benefits=(benefit,)))
    assert check(ev, "daily_benefit") == result
    if result == "fail":
        assert ev.verdict == "exclude"
        assert (ev.exclusion.rule, ev.exclusion.date) == ("daily_benefit", start)


def test_19_to_22_band_daily_limit_is_4167() -> None:
    def student(daily: int) -> Case:
        return make_case(benefits=(Benefit(BenefitKind.SICKNESS, daily),), birth=date(2004, 5, 5),
                         judgment=date(2025, 10, 1), relationship=CHILD)

    assert check(run(student(4_166)), "daily_benefit") == "pass"
    assert check(run(student(4_167)), "daily_benefit") == "fail"


def test_75th_birthday_ends_dependency() -> None:
    turning = run(make_case(birth=date(1949, 9, 2)))
    before = run(make_case(birth=date(1949, 9, 3)))
    assert check(turning, "age_75") == "fail"
    assert (turning.exclusion.rule, turning.exclusion.date) == ("age_75", date(2024, 9, 2))
    assert not [c for c in before.checks if c.code == "age_75"]


# --- §1 income --------------------------------------------------------------------------------

def test_negative_self_employment_counts_zero_and_never_offsets() -> None:
    ev = run(make_case(employer([100_000] * 12),
                       self_employment=(SelfEmployment(800_000, 950_000),
                                        SelfEmployment(300_000, 100_000))))
    assert ev.income_by_source.self_employment == 200_000
    assert ev.annual_income == 1_400_000


def test_annual_income_sums_every_source() -> None:
    ev = run(make_case(employer([50_000] * 12, bonuses=[(7, 60_000)]),
                       pensions=(Pension("survivors", 600_000),),
                       other_income=(OtherIncome("相続", 100_000),)))
    src = ev.income_by_source
    assert (src.salary, src.bonus, src.pension, src.other) == (600_000, 60_000, 600_000, 100_000)
    assert ev.annual_income == 1_360_000


def test_payment_counts_in_payment_month_not_work_month() -> None:
    # December 2022 work paid in January 2023 belongs to 2023; a 2024 payment does not.
    ev = run(make_case(employer([100_000] * 13)))
    assert ev.income_by_source.salary == 1_200_000
    assert len(ev.months) == 13


# --- §3 missing months, §5 employers ----------------------------------------------------------

def test_missing_month_counts_zero_is_reported_and_needs_review() -> None:
    amounts: list[int | None] = [90_000] * 12
    amounts[4] = None
    ev = run(make_case(employer(amounts)))
    row = ev.months[4]
    assert (row.month, row.salary, row.missing) == ("2023-05", 0, True)
    assert ev.verdict == "needs_review"
    assert check(ev, "missing_months") == "review"


def test_explicit_zero_is_not_missing() -> None:
    ev = run(make_case(employer([90_000] * 4 + [0] + [90_000] * 7)))
    assert not any(r.missing for r in ev.months)
    assert ev.verdict == "continue"


def test_dependent_without_employer_has_no_months_and_no_missing() -> None:
    ev = run(make_case())
    assert ev.months == ()
    assert ev.verdict == "continue"


def test_second_employer_without_entries_makes_every_month_missing() -> None:
    ev = run(make_case(employer([90_000] * 12), employer([])))
    assert all(r.missing for r in ev.months)


def test_single_employer_with_zero_second_employer_keeps_attendance_rule() -> None:
    a = [100_000, 100_000, 120_000, 120_000, 120_000] + [100_000] * 7
    ev = run(make_case(employer(a), employer([0] * 12, cutoff_day=31, name="B社")))
    assert ev.exclusion.date == date(2023, 2, 16)


def test_cutoff_30_in_february_gives_period_start_1_march() -> None:
    amounts = [0, 0, 120_000, 120_000, 120_000] + [0] * 7
    ev = run(make_case(employer(amounts, cutoff_day=30)))
    assert ev.months[2].period_start == date(2023, 3, 1)
    assert ev.exclusion.date == date(2023, 3, 1)
    assert ev.months[1].period_start == date(2023, 1, 31)


# --- §5 other societies' policies --------------------------------------------------------------

AVERAGE_CASE = [90_000, 90_000, 90_000, 130_000, 100_000, 110_000] + [90_000] * 6


@pytest.mark.parametrize(("basis", "expected"), [
    ("attendance_period_start", date(2023, 3, 16)),
    ("first_day_of_first_over_month", date(2023, 4, 1)),
    ("first_day_of_month_after_trigger", date(2023, 7, 1)),
    ("day_after_third_pay_day", date(2023, 6, 26)),
])
def test_exclusion_date_policies(basis: str, expected: date) -> None:
    profile = replace(DEFAULT, exclusion_date_basis=basis)
    ev = run(make_case(employer(AVERAGE_CASE, pay_day=25)), profile)
    assert ev.exclusion.date == expected


def test_unknown_pay_day_counts_as_month_end() -> None:
    profile = replace(DEFAULT, exclusion_date_basis="day_after_third_pay_day")
    ev = run(make_case(employer(AVERAGE_CASE, pay_day=None)), profile)
    assert ev.exclusion.date == date(2023, 7, 1)


def test_consecutive_only_profile_ignores_average_windows() -> None:
    profile = replace(DEFAULT, exclusion_rules=("three_consecutive_months",))
    ev = run(make_case(employer(AVERAGE_CASE)), profile)
    assert ev.exclusion.rule is None


def test_later_run_wins_over_earlier_average_window_as_seed_orders_the_rules() -> None:
    # ❷ applies only when ❶ does not: a run in October beats an average window in January.
    amounts = [400_000] + [0] * 8 + [110_000] * 3
    ev = run(make_case(employer(amounts)))
    assert ev.exclusion.rule == "three_consecutive_months"
    assert ev.exclusion.months == ("2023-10", "2023-11", "2023-12")


def test_monthly_trigger_with_annual_under_limit_needs_review() -> None:
    ev = run(make_case(employer([120_000] * 3 + [60_000] * 9)))
    assert check(ev, "annual_limit") == "pass"
    assert check(ev, "monthly_limit") == "review"
    assert ev.verdict == "needs_review"
    assert ev.exclusion.date == date(2022, 12, 16)


# --- §6 checks ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("income", "result"), [
    (1_199_999, "pass"), (1_200_000, "review"), (2_399_999, "review"), (2_400_000, "fail")])
def test_half_of_insured_income_for_living_together(income: int, result: str) -> None:
    # A 60-year-old parent so that the 1.8M limit does not decide first.
    ev = run(make_case(birth=date(1950, 1, 1), insured=Insured(2_400_000, None),
                       other_income=(OtherIncome("家賃", income),)))
    assert check(ev, "half_income") == result


def test_living_apart_needs_remittance_above_income() -> None:
    apart = Dependent(date(1950, 1, 1), Relationship.PARENT, living_with_insured=False)
    case = make_case(dependent=apart, other_income=(OtherIncome("年金外", 1_000_000),))
    assert check(run(case), "remittance") == "review"
    ok = replace(case, insured=Insured(None, 1_000_001))
    short = replace(case, insured=Insured(None, 1_000_000))
    assert check(run(ok), "remittance") == "pass"
    assert check(run(short), "remittance") == "fail"


def test_lives_abroad_fails_unless_exception() -> None:
    abroad = Dependent(date(2000, 1, 1), CHILD, lives_abroad=True)
    assert check(run(make_case(dependent=abroad)), "residence") == "fail"
    student = replace(abroad, residence_exception="留学")
    assert check(run(make_case(dependent=student)), "residence") == "pass"


def test_unsubmitted_survey_excludes_as_of_survey_date() -> None:
    ev = run(make_case(survey=Survey(False, date(2024, 9, 1))))
    assert ev.verdict == "exclude"
    assert (ev.exclusion.rule, ev.exclusion.date) == ("survey_not_submitted", date(2024, 9, 1))


OVER_YEAR = [120_000] * 12


@pytest.mark.parametrize(("counting", "previous", "verdict"), [
    ("total", (), "continue"),
    ("total", (2020,), "continue"),
    ("total", (2018, 2020), "needs_review"),  # third use in total
    ("consecutive", (2018, 2020), "continue"),  # not consecutive: this is use 1 of a run
    ("consecutive", (2022,), "continue"),
    ("consecutive", (2021, 2022), "needs_review"),  # third consecutive use
])
def test_certificate_uses_counted_as_profile_says(
        counting: str, previous: tuple[int, ...], verdict: str) -> None:
    profile = replace(DEFAULT, certificate_counting=counting)
    case = make_case(employer(OVER_YEAR),
                     temporary_rise_certificate=TemporaryRiseCertificate(True, previous))
    ev = run(case, profile)
    assert ev.verdict == verdict
    if verdict == "continue":
        assert ev.exclusion.date is None
        assert ev.monthly_trigger.rule == "three_consecutive_months"


def _contract_case(certified: date | None, judgment: date) -> Case:
    dep = Dependent(date(1985, 6, 1), SPOUSE, certified_on=certified)
    return make_case(employer(OVER_YEAR), dependent=dep, judgment=judgment,
                     labour_contract=LabourContract(1_200_000))


def test_labour_contract_rule_applies_from_2026_04_01() -> None:
    before = run(_contract_case(date(2015, 4, 1), date(2026, 3, 31)))
    after = run(_contract_case(date(2015, 4, 1), date(2026, 4, 1)))
    assert check(before, "annual_limit") == "fail"
    assert check(after, "annual_limit") == "pass"
    assert after.assessed_income == 1_200_000
    assert after.annual_income == 1_440_000


def test_labour_contract_rule_for_new_dependents_only_when_profile_says_so() -> None:
    profile = replace(DEFAULT, contract_coverage="certified_on_or_after_effective_date")
    old = _contract_case(date(2015, 4, 1), date(2026, 9, 1))
    new = _contract_case(date(2026, 4, 1), date(2026, 9, 1))
    assert run(old, profile).assessed_income == 1_440_000
    assert run(new, profile).assessed_income == 1_200_000


def test_labour_contract_rule_needs_salary_only_income() -> None:
    case = replace(_contract_case(None, date(2026, 9, 1)),
                   pensions=(Pension("old_age", 10_000),))
    assert run(case).assessed_income == 1_450_000


# --- §7 re-certification -----------------------------------------------------------------------

def test_recertification_is_searched_from_the_given_month() -> None:
    amounts = OVER_YEAR + [90_000] * 3 + [120_000] + [90_000] * 3
    case = make_case(employer(amounts), recertification_from=YearMonth(2024, 2))
    ev = run(case)
    assert ev.recertification.months == ("2024-05", "2024-06", "2024-07")
    assert run(make_case(employer(amounts))).recertification.date == date(2023, 12, 16)


def test_recertification_needs_entered_months() -> None:
    amounts: list[int | None] = [*OVER_YEAR, 90_000, None, 90_000, 90_000, 90_000]
    ev = run(make_case(employer(amounts)))
    assert ev.recertification.months == ("2024-03", "2024-04", "2024-05")


def test_no_recertification_without_income_exclusion() -> None:
    ev = run(make_case(employer([90_000] * 15)))
    assert ev.recertification.date is None


def test_explanation_names_date_rule_and_verdict() -> None:
    ev = run(make_case(employer([100_000, 100_000] + [120_000] * 3 + [110_000] * 7)))
    text = "".join(ev.explanation)
    assert "2023年2月16日" in text
    assert "3か月連続" in text
    assert ev.explanation[-1] == "判定案: 扶養除外。"


def test_default_profile_object_matches_shipped_default() -> None:
    from reviewer_app.profiles import load_profile

    shipped = load_profile("default")
    assert replace(shipped, title=DEFAULT.title, description=DEFAULT.description) == \
        replace(RuleProfile(), description=DEFAULT.description)

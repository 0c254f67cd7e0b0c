"""The worked examples of seed 004 (扶養家族確認調査), each pinned to the day."""

from __future__ import annotations

from datetime import date

from domain_builders import check, employer, make_case, run

from reviewer_app.domain.case import TemporaryRiseCertificate

UNDER = 100_000
OVER = 120_000


def test_march_to_may_over_excludes_from_16_february() -> None:
    amounts = [UNDER, UNDER, OVER, OVER, OVER] + [UNDER] * 7
    ev = run(make_case(employer(amounts, cutoff_day=15, offset=0, pay_day=25)))
    assert ev.exclusion.rule == "three_consecutive_months"
    assert ev.exclusion.months == ("2023-03", "2023-04", "2023-05")
    assert ev.exclusion.date == date(2023, 2, 16)
    assert ev.exclusion.date_basis == "attendance_period_start"


def test_april_to_june_average_over_excludes_from_16_march() -> None:
    # April over, May under, June over: no 3-month run, but April–June averages 113,333 > 108,333.
    low = 90_000
    amounts = [low, low, low, 130_000, 100_000, 110_000] + [low] * 6
    ev = run(make_case(employer(amounts, cutoff_day=15, offset=0, pay_day=25)))
    assert ev.exclusion.rule == "three_month_average"
    assert ev.exclusion.months == ("2023-04", "2023-05", "2023-06")
    assert ev.exclusion.date == date(2023, 3, 16)


def test_two_employers_exclude_from_first_day_of_first_over_payment_month() -> None:
    a = [UNDER, UNDER, 60_000, 60_000, 60_000] + [UNDER] * 7
    b = [0, 0, 60_000, 60_000, 60_000] + [0] * 7
    ev = run(make_case(employer(a), employer(b, cutoff_day=31, offset=1, name="B社")))
    assert ev.exclusion.rule == "three_consecutive_months"
    assert ev.exclusion.date == date(2023, 3, 1)
    assert ev.exclusion.date_basis == "first_day_of_payment_month"
    assert [r.employers for r in ev.months[:5]] == [1, 1, 2, 2, 2]


def test_recertification_from_first_run_of_three_months_within_limit() -> None:
    over_2023 = [OVER] * 12
    year_2024 = [OVER, UNDER, UNDER, UNDER, UNDER]
    ev = run(make_case(employer(over_2023 + year_2024, cutoff_day=15, offset=0)))
    assert ev.verdict == "exclude"
    assert ev.recertification.months == ("2024-02", "2024-03", "2024-04")
    assert ev.recertification.date == date(2024, 1, 16)


def test_employer_certificate_third_use_in_total_needs_review() -> None:
    amounts = [OVER] * 12
    second = TemporaryRiseCertificate(True, (2021,))
    third = TemporaryRiseCertificate(True, (2019, 2021))
    assert run(make_case(employer(amounts), temporary_rise_certificate=second)).verdict \
        == "continue"
    ev = run(make_case(employer(amounts), temporary_rise_certificate=third))
    assert ev.verdict == "needs_review"
    assert check(ev, "annual_limit") == "review"


def test_seed_case_annual_over_is_excluded() -> None:
    ev = run(make_case(employer([OVER] * 12)))
    assert ev.annual_income == 1_440_000
    assert check(ev, "annual_limit") == "fail"
    assert ev.verdict == "exclude"

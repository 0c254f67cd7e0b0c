"""Exclusion-date policies (除外日, RULES.md §5).

The trigger (which months) and the date (which day) are separate: societies agree on the
triggers and differ on the date, so the date basis is a profile setting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.case import Employer
from reviewer_app.domain.dates import CUTOFF_END, ONE_DAY, clamped_date, first_of_month
from reviewer_app.domain.income import MonthRow
from reviewer_app.domain.profile import RuleProfile

CONSECUTIVE = "three_consecutive_months"
AVERAGE = "three_month_average"
WINDOW = 3


@dataclass(frozen=True, slots=True)
class Trigger:
    rule: str
    start: int  # position in the month rows of the trigger's first month (3 months from there)


def find_trigger(rows: tuple[MonthRow, ...], monthly_limit: int,
                 rules: tuple[str, ...]) -> Trigger | None:
    """The first rule in profile order that fires, at its earliest position.

    Order matters and follows the seed (❷ applies only when ❶ does not): a later 3-month run can
    therefore win over an earlier average window.
    """
    for rule in rules:
        position = (_first_run(rows) if rule == CONSECUTIVE
                    else _first_average_window(rows, monthly_limit))
        if position is not None:
            return Trigger(rule, position)
    return None


def _first_run(rows: tuple[MonthRow, ...]) -> int | None:
    run = 0
    for position, row in enumerate(rows):
        run = run + 1 if row.over else 0
        if run == WINDOW:
            return position - WINDOW + 1
    return None


def _first_average_window(rows: tuple[MonthRow, ...], monthly_limit: int) -> int | None:
    # average > limit  ⇔  sum of the three totals (in twelfths) > 3 * 12 * limit: exact.
    bound = 36 * monthly_limit
    for position in range(len(rows) - WINDOW + 1):
        if (rows[position].total_twelfths + rows[position + 1].total_twelfths
                + rows[position + 2].total_twelfths) > bound:
            return position
    return None


def trigger_rows(rows: tuple[MonthRow, ...], trigger: Trigger) -> tuple[MonthRow, ...]:
    return rows[trigger.start:trigger.start + WINDOW]


def pay_date(employer: Employer, month_index: int) -> date:
    """The pay day in the payment month; an unknown pay day counts as the month's last day, the
    latest it can be, so the policy never excludes earlier than the facts allow."""
    return clamped_date(month_index, employer.pay_day if employer.pay_day else CUTOFF_END)


def exclusion_date(rows: tuple[MonthRow, ...], trigger: Trigger, employers: tuple[Employer, ...],
                   profile: RuleProfile) -> tuple[date, str]:
    """The exclusion date of a trigger and the basis it used (a ``DATE_BASES`` value or
    ``first_day_of_payment_month`` for the several-employers rule)."""
    months = trigger_rows(rows, trigger)
    first = months[0]
    if (profile.multiple_employers_basis == "first_day_of_payment_month"
            and any(r.employers >= 2 for r in months)):
        # Seed rule 3: with two or more employers, "超えた月の1日" — the payment month itself.
        return first_of_month(first.month_index), "first_day_of_payment_month"
    basis = profile.exclusion_date_basis
    if basis == "attendance_period_start":
        return first.period_start, basis
    if basis == "first_day_of_first_over_month":
        # An average window always holds a month over the limit; fall back to the first month
        # only to keep the function total.
        over = next((r for r in months if r.over), first)
        return first_of_month(over.month_index), basis
    if basis == "first_day_of_month_after_trigger":
        return first_of_month(months[-1].month_index + 1), basis
    third = months[-1]
    return pay_date(employers[third.schedule], third.month_index) + ONE_DAY, basis

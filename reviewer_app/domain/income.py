"""Income by payment month (支払日基準) and annual totals by source (RULES.md §1, §3).

Monthly totals are kept in **twelfths of a yen** as integers: a month's total is
``salary + (bonuses of its calendar year) / 12``, so ``12 * total`` is always an integer and every
comparison against a limit is exact without Fraction or Decimal arithmetic in the hot path.
``MonthRow.total`` and ``.bonus_share`` give the exact value as a ``Fraction`` (a Decimal could
not hold 100,000 / 12 exactly, and sums of rounded Decimals drift); display rounds it down.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import NamedTuple

from reviewer_app.domain.case import Case
from reviewer_app.domain.dates import CUTOFF_END, attendance_period, month_index, month_key


class MonthRow(NamedTuple):
    """One payment month. A NamedTuple rather than a dataclass: the engine builds up to 24 of these
    per keystroke and tuple construction is several times cheaper than a frozen dataclass."""

    month_index: int  # year * 12 + month - 1, see dates.py
    salary: int  # salaries paid this month by all employers
    bonus_twelfths: int  # bonuses paid in this month's calendar year; the share is this / 12
    total_twelfths: int  # 12 * salary + bonus_twelfths
    over: bool  # total > monthly limit
    missing: bool  # a target-year month for which a listed employer has no entry
    complete: bool  # every listed employer has an entry (missing or not in the target year)
    employers: int  # employers that paid a positive gross this month
    period_start: date  # first day of the attendance period (勤怠期間)
    schedule: int  # the employer whose cutoff defines period_start (index into case.employers)

    @property
    def month(self) -> str:
        return month_key(self.month_index)

    @property
    def bonus_share(self) -> Fraction:
        return Fraction(self.bonus_twelfths, 12)

    @property
    def total(self) -> Fraction:
        return Fraction(self.total_twelfths, 12)


@dataclass(frozen=True, slots=True)
class IncomeBySource:
    salary: int = 0
    bonus: int = 0
    pension: int = 0
    self_employment: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.salary + self.bonus + self.pension + self.self_employment + self.other


def income_by_source(case: Case) -> IncomeBySource:
    """Annual income of the target year by source (bonuses and salaries by payment month)."""
    first = month_index(case.target_year, 1)
    last = first + 11
    salary = 0
    bonus = 0
    for employer in case.employers:
        for payment in employer.payments:
            if first <= payment.month.index <= last:
                salary += payment.gross
        for b in employer.bonuses:
            if b.month.year == case.target_year:
                bonus += b.gross
    return IncomeBySource(
        salary=salary,
        bonus=bonus,
        pension=sum(p.annual for p in case.pensions),
        self_employment=sum(s.net for s in case.self_employment),
        other=sum(o.amount for o in case.other_income),
    )


def month_rows(case: Case, monthly_limit: int) -> tuple[MonthRow, ...]:
    """Rows from January of the target year to the last month entered (at least December).

    A dependent with no employer has no rows (and so no missing months).
    """
    employers = case.employers
    if not employers:
        return ()
    first = month_index(case.target_year, 1)
    target_last = first + 11
    last = target_last
    salary: dict[int, int] = {}
    bonus_by_year: dict[int, int] = {}
    # per month: employers with an entry, employers with a positive gross (as bit sets)
    entered: dict[int, int] = {}
    paid: dict[int, int] = {}
    for position, employer in enumerate(employers):
        bit = 1 << position
        for payment in employer.payments:
            i = payment.month.index
            if i < first:
                continue  # paid before the target year: outside every scan
            if i > last:
                last = i
            salary[i] = salary.get(i, 0) + payment.gross
            entered[i] = entered.get(i, 0) | bit
            if payment.gross > 0:
                paid[i] = paid.get(i, 0) | bit
        for bonus in employer.bonuses:
            i = bonus.month.index
            if i > last:
                last = i
            year = bonus.month.year
            bonus_by_year[year] = bonus_by_year.get(year, 0) + bonus.gross
    all_bits = (1 << len(employers)) - 1
    limit_twelfths = 12 * monthly_limit
    # An unknown cutoff or pay month: the period is the payment month itself (the engine says
    # so in its explanation, engine._unknown_schedule).
    schedules = [(e.cutoff_day, e.pay_month_offset)
                 if e.cutoff_day is not None and e.pay_month_offset is not None
                 else (CUTOFF_END, 0) for e in employers]
    rows: list[MonthRow] = []
    for i in range(first, last + 1):
        s = salary.get(i, 0)
        b = bonus_by_year.get(i // 12, 0)
        t = 12 * s + b
        complete = entered.get(i, 0) == all_bits
        bits = paid.get(i, 0)
        count = bits.bit_count()
        if count <= 1:
            schedule = bits.bit_length() - 1 if bits else 0
            start = attendance_period(*schedules[schedule], i)[0]
        else:
            # Several employers with different cutoffs: the earliest period start, so a date
            # derived from the row never falls after any employer's period.
            schedule, start = -1, date.max
            for p, (cut, off) in enumerate(schedules):
                if bits >> p & 1:
                    candidate = attendance_period(cut, off, i)[0]
                    if candidate < start:
                        schedule, start = p, candidate
        rows.append(MonthRow(i, s, b, t, t > limit_twelfths,
                             (not complete) and i <= target_last, complete, count, start,
                             schedule))
    return tuple(rows)

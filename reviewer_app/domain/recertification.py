"""Re-certification (遡り再認定, RULES.md §7)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.dates import first_of_month
from reviewer_app.domain.income import MonthRow
from reviewer_app.domain.profile import RuleProfile

RUN = 3


@dataclass(frozen=True, slots=True)
class Recertification:
    date: date | None = None
    months: tuple[str, ...] = ()


NONE = Recertification()


def find_recertification(rows: tuple[MonthRow, ...], from_index: int,
                         profile: RuleProfile) -> Recertification:
    """The earliest run of 3 consecutive months, from ``from_index`` on, each within the monthly
    limit; the date is the first day of the attendance period of the run's first month.

    A month for which a listed employer has no entry breaks the run: the seed re-certifies only
    on monthly income that has been checked (月別の収入の確認が出来る方に限ります).
    """
    run = 0
    for position, row in enumerate(rows):
        if row.month_index < from_index:
            continue
        run = run + 1 if (row.complete and not row.over) else 0
        if run == RUN:
            months = rows[position - RUN + 1:position + 1]
            first = months[0]
            several = (first.employers >= 2
                       and profile.multiple_employers_basis == "first_day_of_payment_month")
            if profile.recertification_date_basis == "first_day_of_month" or several:
                start = first_of_month(first.month_index)
            else:
                start = first.period_start
            return Recertification(start, tuple(r.month for r in months))
    return NONE

"""Typed income sheets for the tests: the services and the window take an
:class:`~reviewer_app.domain.sheet.IncomeSheet`, as the examiner's entries are kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from reviewer_app.domain.case import Payment
from reviewer_app.domain.dates import CUTOFF_END, YearMonth
from reviewer_app.domain.sheet import EmployerEntry, IncomeSheet


def payments(months: Mapping[str, int]) -> tuple[Payment, ...]:
    """``{"2024-01": 90_000, …}`` as payments."""
    out = []
    for key, gross in months.items():
        month = YearMonth.parse(key)
        assert month is not None, key
        out.append(Payment(month, gross))
    return tuple(out)


def monthly(year: int, amounts: Sequence[int]) -> tuple[Payment, ...]:
    """One payment a month from January of ``year``."""
    return tuple(Payment(YearMonth(year, m), gross) for m, gross in enumerate(amounts, 1))


# 90,000 yen in January and February, 150,000 from March: over the monthly limit from March.
OVER_FROM_MARCH = monthly(2024, [90_000] * 2 + [150_000] * 10)
UNDER_ALL_YEAR = monthly(2024, [90_000] * 12)


def employer(paid: Sequence[Payment] = (), *, name: str = "A社", cutoff_day: int = CUTOFF_END,
             pay_month_offset: int = 1, pay_day: int | None = 25) -> EmployerEntry:
    """An employer (末日締め・翌月25日払い unless told) with its monthly payments."""
    return EmployerEntry(name, cutoff_day, pay_month_offset, pay_day, tuple(paid))


def with_employers(sheet: IncomeSheet, *employers: EmployerEntry) -> IncomeSheet:
    return replace(sheet, employers=employers)

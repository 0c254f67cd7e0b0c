"""Calendar rules: legal age, month arithmetic, attendance periods (勤怠期間).

Months are handled internally as a single integer ``year * 12 + (month - 1)`` (a *month index*):
comparing, stepping and hashing an int is far cheaper than a date, and the engine runs on every
keystroke. :class:`YearMonth` is the readable form at the edges.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

# ``"end"`` (末日) and 31 are the same cutoff once clamped to each month's last day, so the
# domain stores 末日 as 31.
CUTOFF_END = 31
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    year: int
    month: int

    @property
    def index(self) -> int:
        return self.year * 12 + self.month - 1

    @classmethod
    def from_index(cls, index: int) -> YearMonth:
        return cls(index // 12, index % 12 + 1)

    @classmethod
    def parse(cls, text: object) -> YearMonth | None:
        """The month of ``YYYY-MM`` (exactly: four digits, a hyphen, 01–12); None otherwise."""
        if isinstance(text, str) and len(text) == 7 and text[4] == "-" \
                and text[:4].isdigit() and text[5:].isdigit() and 1 <= int(text[5:]) <= 12:
            return cls(int(text[:4]), int(text[5:]))
        return None

    def shifted(self, months: int) -> YearMonth:
        """The month ``months`` later (earlier when negative)."""
        return YearMonth.from_index(self.index + months)

    def __str__(self) -> str:
        return month_key(self.index)


def month_index(year: int, month: int) -> int:
    return year * 12 + month - 1


def month_key(index: int) -> str:
    """``2023-03`` for a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_range(first: YearMonth, last: YearMonth) -> list[YearMonth]:
    """Every month from ``first`` to ``last``, both included."""
    return [YearMonth.from_index(i) for i in range(first.index, last.index + 1)]


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@lru_cache(maxsize=4096)
def clamped_date(index: int, day: int) -> date:
    """``day`` of the month ``index``, clamped to the month's last day (31 → 28 in February)."""
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day, last_day(year, month)))


def first_of_month(index: int) -> date:
    return date(index // 12, index % 12 + 1, 1)


@lru_cache(maxsize=8192)
def attendance_period(cutoff_day: int, pay_month_offset: int, pay_index: int) -> tuple[date, date]:
    """The attendance period (start, cutoff date) of a payment made in month ``pay_index``.

    The cutoff date lies in month ``pay_index - offset`` on the clamped cutoff day; the period
    starts the day after the previous month's (clamped) cutoff date (RULES.md §4).
    """
    cutoff_index = pay_index - pay_month_offset
    end = clamped_date(cutoff_index, cutoff_day)
    start = clamped_date(cutoff_index - 1, cutoff_day) + ONE_DAY
    return start, end


def legal_age(birth: date, on: date) -> int:
    """Age on ``on`` under 年齢計算ニ関スル法律.

    A person attains an age at the end of the day before the birthday, so on that day they already
    count as older: the legal age on ``on`` equals the ordinary age on the next day. Someone born on
    29 February attains the age at the end of 28 February in common years (民法143条), which the
    ordinary comparison on 1 March gives as well.
    """
    nxt = on + ONE_DAY
    age = nxt.year - birth.year
    if (nxt.month, nxt.day) < (birth.month, birth.day):
        age -= 1
    return age


def birthday_of_age(birth: date, age: int) -> date:
    """The birthday on which a person turns ``age`` (29 February → 1 March in common years)."""
    year = birth.year + age
    if birth.month == 2 and birth.day == 29 and not calendar.isleap(year):
        return date(year, 3, 1)
    return date(year, birth.month, birth.day)

"""Japanese wording: amounts, dates and the sentences that explain an evaluation.

Amounts are rounded **down** to the yen for display only (a bonus share of 10,000.5 yen shows as
10,000円 while the engine compared 10,000.5). Dates read ``2023年2月16日`` (西暦) everywhere in
sentences; ``wareki.format_wareki`` gives 和暦 where a letter needs it.
"""

from __future__ import annotations

import math
from datetime import date
from decimal import ROUND_FLOOR, Decimal
from fractions import Fraction

from reviewer_app.domain.dates import month_index


def yen(amount: int | Decimal | Fraction) -> str:
    """``1,300,000円``; a fractional amount is rounded down (floor) for display only."""
    if isinstance(amount, Decimal):
        amount = int(amount.to_integral_value(rounding=ROUND_FLOOR))
    elif isinstance(amount, Fraction):
        amount = math.floor(amount)
    return f"{amount:,}円"


def jdate(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def jmonth(index: int) -> str:
    return f"{index // 12}年{index % 12 + 1}月"


def jmonths(keys: tuple[str, ...]) -> str:
    """``2023年3月・4月・5月`` for consecutive months of one year, else each month in full."""
    indexes = [month_index(int(k[:4]), int(k[5:7])) for k in keys]
    parts: list[str] = []
    year = None
    for i in indexes:
        parts.append(f"{i % 12 + 1}月" if i // 12 == year else jmonth(i))
        year = i // 12
    return "・".join(parts)


RULE_JA = {
    "three_consecutive_months": "3か月連続で月額限度額を超えた",
    "three_month_average": "3か月平均で月額限度額を超えた",
    "daily_benefit": "給付の日額が限度額以上",
    "age_75": "75歳到達(後期高齢者医療制度へ移行)",
    "survey_not_submitted": "調査票の未提出",
}
BASIS_JA = {
    "attendance_period_start": "最初の月の勤怠期間の初日",
    "first_day_of_payment_month": "2か所以上から収入があるため、超えた月の1日",
    "first_day_of_first_over_month": "最初に超えた月の1日",
    "first_day_of_month_after_trigger": "3か月目の翌月1日",
    "day_after_third_pay_day": "3か月目の支払日の翌日",
}

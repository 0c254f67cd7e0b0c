"""Amounts and months as the examiner types and reads them.

Parsing accepts what people copy from payslips and spreadsheets ("98,000", "98000", full-width
"９８０００", a trailing 円); anything else is refused with a sentence saying what to type.
Display rounds *down* to the yen: the engine compares exact values (a bonus share may be
10,000.5 yen) and the screen must never show a rounded-up amount that suggests a different
verdict (RULES.md: "never round before comparing").
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_FLOOR, Decimal, InvalidOperation

from reviewer_app.ui.qt import QtCore

MAX_AMOUNT = 999_999_999
_PLAIN = re.compile(r"\d+")
_GROUPED = re.compile(r"\d{1,3}(,\d{3})+")


class AmountError(ValueError):
    """Text that is not an amount; ``str(exc)`` is the message for the status line."""


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("IncomeAmount", text)


def parse_amount(text: str) -> int | None:
    """The yen amount in ``text``; None for blank text (the cell is cleared: not entered)."""
    # NFKC folds full-width digits, commas and minus signs to ASCII (９８，０００ → 98,000).
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if not cleaned:
        return None
    if cleaned.startswith("¥") or cleaned.startswith("\\"):
        cleaned = cleaned[1:]
    if cleaned.endswith("円"):
        cleaned = cleaned[:-1]
    if cleaned.startswith(("-", "−", "▲", "△")):
        raise AmountError(_tr("マイナスの金額は入力できません。0以上の整数を入力してください。"))
    if re.fullmatch(r"[\d,]*\.\d*", cleaned):
        raise AmountError(_tr("円未満は入力できません。円単位の整数を入力してください。"))
    if not (_PLAIN.fullmatch(cleaned) or _GROUPED.fullmatch(cleaned)):
        raise AmountError(
            _tr("「{text}」は金額として読めません。"
                "98000 や 98,000 のように数字で入力してください。")
            .replace("{text}", text.strip()[:20]))
    value = int(cleaned.replace(",", ""))
    if value > MAX_AMOUNT:
        raise AmountError(_tr("金額が大きすぎます。桁を確かめてください。"))
    return value


def to_decimal(value: object) -> Decimal | None:
    """An engine amount (int, float, Decimal or numeric string) as an exact Decimal."""
    if value is None or isinstance(value, bool):
        return None
    try:
        # str() first: Decimal(0.1) would expose the float's binary expansion.
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def floor_yen(value: object) -> int | None:
    amount = to_decimal(value)
    if amount is None:
        return None
    return int(amount.to_integral_value(rounding=ROUND_FLOOR))


def format_yen(value: object, *, unit: bool = False) -> str:
    """``98,000`` (or ``98,000円``); fractions are cut off, never rounded up; '' for no value."""
    yen = floor_yen(value)
    if yen is None:
        return ""
    text = f"{yen:,}"
    return text + _tr("円") if unit else text


def format_man(value: object) -> str:
    """``130万円`` for a round limit, else ``1,234,567円``."""
    yen = floor_yen(value)
    if yen is None:
        return ""
    if yen % 10_000 == 0:
        return _tr("{n}万円").replace("{n}", f"{yen // 10_000:,}")
    return format_yen(yen, unit=True)


def month_key(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def parse_month(text: object) -> tuple[int, int] | None:
    """(year, month) of ``YYYY-MM``; None when it is not one."""
    if not isinstance(text, str):
        return None
    match = re.fullmatch(r"(\d{4})-(\d{2})", text.strip())
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return (year, month) if 1 <= month <= 12 else None


def month_label(key: str) -> str:
    """``2023年3月`` for ``2023-03``."""
    parsed = parse_month(key)
    if parsed is None:
        return key
    return _tr("{y}年{m}月").replace("{y}", str(parsed[0])).replace("{m}", str(parsed[1]))


def month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` inclusive (both ``YYYY-MM``)."""
    a, b = parse_month(first), parse_month(last)
    if a is None or b is None:
        return []
    start, end = a[0] * 12 + a[1] - 1, b[0] * 12 + b[1] - 1
    return [month_key(i // 12, i % 12 + 1) for i in range(start, end + 1)]


def add_months(key: str, count: int) -> str:
    parsed = parse_month(key)
    if parsed is None:
        return key
    index = parsed[0] * 12 + parsed[1] - 1 + count
    return month_key(index // 12, index % 12 + 1)

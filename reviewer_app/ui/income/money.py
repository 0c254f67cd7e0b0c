"""Amounts as the examiner types them.

Parsing accepts what people copy from payslips and spreadsheets ("98,000", "98000", full-width
"９８０００", a trailing 円); anything else is refused with a sentence saying what to type.
(Display is :func:`reviewer_app.ui.labels.format_yen`.)
"""

from __future__ import annotations

import re
import unicodedata

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

"""Text as the parser compares it: full-width folded, OCR look-alikes mapped, amounts parsed.

Members' documents mix half- and full-width digits (``１４０，８００円``), yen signs (``¥``, ``￥``,
and the backslash a Japanese font draws as ¥), and OCR adds its own noise: a Chinese-trained
model writes simplified forms (额 for 額), a comma read as a full stop (``22.250``), both at once
(``8,.400``), 円 read as 月. :func:`fold` maps a string to one comparable form *character for
character* (the parser maps matches back to positions, so the length never changes), and
:func:`parse_amount` reads a yen amount from the start of a string.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Simplified or look-alike forms an OCR model writes for the characters of payslip labels.
_LOOKALIKE = str.maketrans({
    "额": "額", "总": "総", "给": "給", "计": "計", "险": "険", "劳": "労", "动": "動",
    "缔": "締", "样": "様", "樣": "様", "扣": "控", "赏": "賞",
})
# Characters that are not part of an amount but stand where a separator does in OCR output.
_DASHES = "-‐‑‒–—―ー−"


def fold(text: str) -> str:
    """NFKC per character (full-width digits and letters to ASCII, ￥ to ¥), then the look-alike
    map. Characters whose NFKC form is longer than one character are kept as they are, so that
    ``fold(s)`` has the same length as ``s``."""
    out: list[str] = []
    for ch in text:
        folded = unicodedata.normalize("NFKC", ch)
        out.append(folded if len(folded) == 1 else ch)
    return "".join(out).translate(_LOOKALIKE)


# An amount: optional yen sign, digits with thousands separators (comma, or a full stop that an
# OCR reader put for a comma), optional 円 (or the 月 OCR reads for it).
_AMOUNT = re.compile(
    r"[¥\\]?\s?(?P<num>\d{1,3}(?:(?:,|\.|,\.|\.,|\s,|,\s)\d{3})+|\d+)(?!\d)"
    r"(?P<tail>\s?(?:円|月|-)?)"
)
# What may follow an amount's digits without making it something else (a time, a count, a rate).
_NOT_MONEY_AFTER = ("時間", "時", "日", "%", "回", "歳", "人", "分", "年", "h", "H", ":")

MAX_AMOUNT = 100_000_000  # a gross above this on a payslip is a misread, not a salary


@dataclass(frozen=True, slots=True)
class Amount:
    value: int
    start: int  # span in the string it was read from
    end: int
    plain: bool  # written as money: commas in place, or a yen sign or 円; False: bare digits


def parse_amount(text: str, start: int = 0) -> Amount | None:
    """The yen amount that begins at ``start`` (after spaces), or None.

    ``text`` must be folded (:func:`fold`). ``22.250`` is 22,250 (a comma read as a full stop);
    ``66.25`` is not an amount (two decimals: hours or a rate)."""
    pos = start
    while pos < len(text) and text[pos] in " :：":
        pos += 1
    match = _AMOUNT.match(text, pos)
    if match is None:
        return None
    num = match.group("num")
    rest = text[match.end("num"):]
    if rest[:1] == "." and rest[1:2].isdigit():
        return None  # a decimal (66.25): not yen
    if rest.lstrip().startswith(_NOT_MONEY_AFTER) and not match.group("tail").strip():
        return None
    digits = re.sub(r"[,.\s]", "", num)
    if not digits.isdigit():
        return None
    value = int(digits)
    if value > MAX_AMOUNT:
        return None
    yen_sign = text[match.start()] in "¥\\"
    tail = match.group("tail").strip()
    grouped = len(digits) > 3 and "," in num
    plain = grouped or yen_sign or tail == "円" or len(digits) <= 3
    end = match.end() if tail in ("円", "月") else match.end("num")
    return Amount(value, match.start(), end, plain)


def strip_dashes(text: str) -> str:
    return text.strip(_DASHES + " ")

"""My Number (個人番号) on a page: where it shows, never what it is.

:func:`find_my_numbers` returns the rectangle of every twelve-digit number with a valid check
digit (:mod:`reviewer_app.domain.mynumber`, 番号法施行令 第8条) on the page, written
123456789018, 1234 5678 9018 or 1234-5678-9018, in one word or several, and whether 個人番号 /
マイナンバー stands next to it. The digits themselves are dropped as soon as they are checked:
nothing here returns, logs or keeps them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from reviewer_app.domain.mynumber import is_my_number

from .layout import lines_of
from .model import Box, MyNumberHit, Word

_CANDIDATE = re.compile(
    r"(?<![\d,.])(\d{4})[ \-‐－]?(\d{4})[ \-‐－]?(\d{4})(?![\d,.])"
)
_LABEL = re.compile(r"個人番号|マイナンバー")


def find_my_numbers(words: Sequence[Word]) -> tuple[MyNumberHit, ...]:
    """Every My Number on the page, as rectangles (in the words' page coordinates)."""
    hits: list[MyNumberHit] = []
    for line in lines_of(words):
        for match in _CANDIDATE.finditer(line.text):
            if not is_my_number("".join(match.groups())):
                continue
            box = line.span_box(*match.span())
            near = line.text[max(0, match.start() - 12):match.start()]
            hits.append(MyNumberHit(box, bool(_LABEL.search(near))))
    return tuple(_merge(hits))


def _merge(hits: list[MyNumberHit]) -> list[MyNumberHit]:
    out: list[MyNumberHit] = []
    for hit in hits:
        if any(_same(hit.box, other.box) for other in out):
            continue
        out.append(hit)
    return out


def _same(a: Box, b: Box) -> bool:
    return a.x_overlap(b) > 0 and a.y_overlap(b) > 0

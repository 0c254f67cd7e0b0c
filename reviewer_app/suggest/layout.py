"""Words into lines and sheets, and a page straightened: the geometry the parser reads.

A :class:`Line` is the words that share a row (on the straightened page), left to right, with
their folded text joined by single spaces and, for every character, the word it came from: a
pattern found in the line's text maps back to a rectangle on the page (:meth:`Line.span_box`),
even when an OCR reader put a label and its value into one box.

A photo can show several slips side by side (a phone photo of three payslips on a desk), and a
screenshot adds its app's title bar above the slip. :func:`sheets` cuts the words into one group
per slip title (明細), so that each slip's month, kind and amount are read from its own words.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .model import Box, Word
from .normalize import fold


@dataclass(frozen=True, slots=True)
class Line:
    words: tuple[Word, ...]  # left to right
    text: str  # folded, the words joined by one space
    owners: tuple[int, ...]  # per character of ``text``: index into ``words``; -1 for a joint
    offsets: tuple[int, ...]  # per character: its index within its word

    @property
    def top(self) -> float:
        return min(w.at.y0 for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.at.y1 for w in self.words)

    @property
    def height(self) -> float:
        return sorted(w.at.height for w in self.words)[len(self.words) // 2]

    def word_at(self, index: int) -> int:
        """The word of character ``index`` (a joint belongs to the word after it)."""
        while index < len(self.owners) and self.owners[index] < 0:
            index += 1
        return self.owners[min(index, len(self.owners) - 1)]

    def span_box(self, start: int, end: int) -> Box:
        """Where characters ``start``–``end`` of :attr:`text` are on the page (not straightened):
        whole words where the span covers them, a share of the word's width where it does not
        (each character weighs one em, a half-width one half)."""
        box: Box | None = None
        for index in range(start, end):
            owner = self.owners[index]
            if owner < 0:
                continue
            part = _char_box(self.words[owner], self.offsets[index])
            box = part if box is None else box.union(part)
        if box is None:
            raise ValueError("empty span")
        return box

    def words_in(self, start: int, end: int) -> list[Word]:
        seen: list[int] = []
        for owner in self.owners[start:end]:
            if owner >= 0 and owner not in seen:
                seen.append(owner)
        return [self.words[i] for i in seen]


def _weight(ch: str) -> float:
    return 0.5 if ch < "\u0370" or "\uff61" <= ch <= "\uff9f" else 1.0


def _char_box(word: Word, offset: int) -> Box:
    text = word.text
    if len(text) <= 1:
        return word.box
    weights = [_weight(ch) for ch in text]
    total = sum(weights)
    before = sum(weights[:offset])
    left = word.box.x0 + word.box.width * before / total
    right = word.box.x0 + word.box.width * (before + weights[offset]) / total
    return Box(left, word.box.y0, right, word.box.y1)


def make_line(words: Iterable[Word]) -> Line:
    ordered = tuple(sorted(words, key=lambda w: w.at.x0))
    parts: list[str] = []
    owners: list[int] = []
    offsets: list[int] = []
    for index, word in enumerate(ordered):
        if index:
            parts.append(" ")
            owners.append(-1)
            offsets.append(0)
        text = fold(word.text)
        parts.append(text)
        owners.extend([index] * len(text))
        offsets.extend(range(len(text)))
    return Line(ordered, "".join(parts), tuple(owners), tuple(offsets))


def lines_of(words: Iterable[Word]) -> list[Line]:
    """Rows of words, top to bottom: a word joins the row whose middle is within half a text
    height of its own middle (on the straightened page)."""
    rows: list[list[Word]] = []
    middles: list[float] = []
    heights: list[float] = []
    for word in sorted(words, key=lambda w: w.at.cy):
        if not word.text.strip():
            continue
        best, best_distance = -1, math.inf
        for index, (middle, height) in enumerate(zip(middles, heights, strict=True)):
            distance = abs(word.at.cy - middle)
            if distance < 0.5 * max(height, word.at.height) and distance < best_distance:
                best, best_distance = index, distance
        if best < 0:
            rows.append([word])
            middles.append(word.at.cy)
            heights.append(word.at.height)
        else:
            rows[best].append(word)
            n = len(rows[best])
            middles[best] += (word.at.cy - middles[best]) / n
            heights[best] = max(heights[best], word.at.height)
    lines = [make_line(row) for row in rows]
    return sorted(lines, key=lambda line: (line.top + line.bottom) / 2)


# --- straightening ---------------------------------------------------------------------------


def rotate_box(box: Box, angle: float, cx: float, cy: float) -> Box:
    """The axis-aligned box around ``box`` turned by ``-angle`` radians about (cx, cy): a page
    whose rows rise by ``angle`` comes out level."""
    cos, sin = math.cos(-angle), math.sin(-angle)
    xs, ys = [], []
    for x, y in ((box.x0, box.y0), (box.x1, box.y0), (box.x0, box.y1), (box.x1, box.y1)):
        dx, dy = x - cx, y - cy
        xs.append(cx + dx * cos - dy * sin)
        ys.append(cy + dx * sin + dy * cos)
    # Shrink back towards the original size: turning a box grows it by the text's slant only.
    grow_x = (max(xs) - min(xs) - box.width) / 2
    grow_y = (max(ys) - min(ys) - box.height) / 2
    return Box(min(xs) + grow_x, min(ys) + grow_y, max(xs) - grow_x, max(ys) - grow_y)


def skew_of(slopes: Sequence[tuple[float, float]]) -> float:
    """The page's slant in radians from ``(angle, weight)`` pairs (e.g. an OCR box's angle and
    its length): the weighted median, 0 when there is nothing to go by."""
    usable = sorted((a, w) for a, w in slopes if w > 0 and abs(a) < math.radians(20))
    if not usable:
        return 0.0
    half = sum(w for _a, w in usable) / 2
    seen = 0.0
    for angle, weight in usable:
        seen += weight
        if seen >= half:
            return angle
    return usable[-1][0]  # pragma: no cover - the loop returns once half the weight is seen


def straighten(words: Sequence[Word], angle: float, width: float, height: float) -> list[Word]:
    """``words`` with :attr:`Word.layout` set to their boxes on the page turned level."""
    if abs(angle) < 1e-4:
        return list(words)
    cx, cy = width / 2, height / 2
    return [Word(w.text, w.box, w.conf, rotate_box(w.box, angle, cx, cy)) for w in words]


# --- sheets ----------------------------------------------------------------------------------

# A slip's title: 給与明細書, 賞与明細, 給与支給明細書, 支給明細, 給料明細, 賞与計算書 …
TITLE = re.compile(r"明細|計算書")


def titles(words: Iterable[Word]) -> list[Word]:
    return [w for w in words if TITLE.search(fold(w.text))]


def sheets(words: Sequence[Word]) -> list[list[Word]]:
    """The words cut into one group per slip title; one group when there is at most one title.

    Titles side by side (a photo of several slips) cut the page into columns halfway between
    them; titles one above the other (a screenshot's title bar over the slip, two slips on one
    scan) cut it into bands that begin just above each title's row."""
    heads = titles(words)
    if len(heads) < 2:
        return [list(words)]
    xs = sorted(h.at.cx for h in heads)
    ys = sorted(h.at.cy for h in heads)
    side_by_side = (xs[-1] - xs[0]) > (ys[-1] - ys[0])
    if side_by_side:
        cuts = [(a + b) / 2 for a, b in itertools.pairwise(xs)]
        groups: list[list[Word]] = [[] for _ in heads]
        for word in words:
            groups[sum(word.at.cx > cut for cut in cuts)].append(word)
    else:
        tops = sorted(h.at.y0 - h.at.height * 0.6 for h in heads)
        groups = [[] for _ in heads]
        for word in words:
            groups[max(0, sum(word.at.cy >= top for top in tops) - 1)].append(word)
    return [g for g in groups if g]

"""Reading a payslip or bonus slip from its words: payment month, kind and gross total.

Pure: words and boxes in, :class:`~reviewer_app.suggest.model.Reading` out; no PDF library, no
OCR. What it looks for, on each slip of the page (:func:`layout.sheets`):

Gross total
    A label that names the gross (総支給額, 支給合計, 支給額計, 総支給金額, 支給総額 …), never one
    that names the net or a part (差引支給額, 課税支給額, 控除合計, 振込額 …), and the amount right
    of it on its row or, in a table whose labels head the columns, under it.

Payment month
    A date labelled 支給日 / 支払日 (before it, or 支給 after it) wins; else the 〇年〇月分
    heading. 和暦 (令和5年3月25日, R5.3.25) and 西暦 (2023年3月25日, 2023/03/25), full-width digits.

Kind
    賞与 (or ボーナス) in the slip's title makes a bonus, 給与 / 給料 a salary; with no title the
    kind is assumed (salary, or bonus when 賞与 is written on the slip) at a lower confidence.

Confidence
    The product of how sure each of the three is. The amount is *verified* when the slip's own
    arithmetic agrees with it: the items above it in its column add up to it, or the net plus the
    deductions total makes it. A verified amount from OCR is as good as a text layer's; an
    amount the arithmetic contradicts is offered at a low confidence, never a high one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.wareki import era_names, gregorian_year

from .layout import Line, lines_of, sheets, titles
from .model import Box, Kind, PageText, Reading, Source, Word
from .normalize import Amount, fold, parse_amount

# --- labels ----------------------------------------------------------------------------------

# The gross total. 総支給 followed by anything (額, 金額, 合計, and OCR's misreads of 額).
_GROSS_STRONG = re.compile(
    r"総支給|支給総額|支給(?:額|金額)?(?:合計|計)|総額支給"
)
# What an OCR reader makes of 総支給額 when it drops 総 (支給, 支給額, or 支給 and a misread of 額
# such as 顏): weaker, and only as a whole label (its own word, an amount or nothing after it).
_GROSS_WEAK = re.compile(r"支給(?:金額|[^\s\d¥\\日])?(?=\s|$|[\d¥\\])")
# Labels that contain the words above but name something else.
_NOT_GROSS_BEFORE = ("差引", "課税", "非課税", "控除", "振込", "手取", "現物", "前回", "累計", "純",
                     "引", "税")
_NOT_GROSS_AFTER = ("日", "年月日", "対象", "期間", "予定")

_NET = re.compile(r"差引(?:支給|支払)?(?:額|金額)?(?:合計|計)?|手取(?:り)?(?:額)?|振込(?:支給)?額")
_DEDUCTIONS = re.compile(r"控除(?:額|金額)?(?:合計|計|総額)")

# Payment date labels, before the date (支給日 令和5年3月25日) or after it (3月25日支給).
# 支日 and 支拟日 are what an OCR reader makes of 支払日 when it drops or misreads 払.
_PAY_LABEL_BEFORE = re.compile(r"(?:支[^\s\d]?|振込)(?:年月日|日付?)\s?[:：]?\s?$")
_PAY_LABEL_AFTER = re.compile(r"^\s?(?:支給|支払|振込)(?!期間|対象|額|金額|合計|総額|計)")

_ERA = "|".join(era_names())
# 和暦: 令和5年3月25日, 令和5年3月分, R5.3.25, 令和元年; an OCR reader's "今和"/"信和" for 令和.
_WAREKI = re.compile(
    rf"(?P<era>{_ERA}|[^\s\d]和|[RH])\s?(?P<y>\d{{1,2}}|元)\s?(?:年|\.|/|-)\s?"
    r"(?P<m>\d{1,2})\s?(?:月|\.|/|-)?\s?(?:(?P<d>\d{1,2})(?!\d)\s?日?)?"
)
_SEIREKI = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})\s?(?:年|/|\.|-)\s?(?P<m>\d{1,2})(?!\d)\s?(?:月|/|\.|-)?\s?"
    r"(?:(?P<d>\d{1,2})(?!\d)\s?日?)?"
)
_LETTER_ERAS = {"R": "令和", "H": "平成"}

_BONUS_WORDS = re.compile(r"賞与|ボーナス|期末手当|夏季手当|冬季手当")
_SALARY_WORDS = re.compile(r"給与|給料|月給|賃金")

# How sure each part is, before the reader's own confidence.
_LABEL_STRONG, _LABEL_WEAK = 1.0, 0.75
_MONTH_PAID, _MONTH_HEADING, _MONTH_GUESSED_ERA = 1.0, 0.9, 0.9
_KIND_TITLE, _KIND_WORD, _KIND_ASSUMED = 1.0, 0.95, 0.8
_VERIFIED = {Source.TEXT: 0.99, Source.OCR: 0.97}
_UNVERIFIED = {Source.TEXT: 0.95, Source.OCR: 0.85}
_CONTRADICTED = {Source.TEXT: 0.6, Source.OCR: 0.4}


@dataclass(frozen=True, slots=True)
class _Value:
    amount: int
    box: Box
    layout: Box
    conf: float
    row: int  # the line it is on


@dataclass(frozen=True, slots=True)
class _Gross:
    value: _Value
    label_strength: float
    order: int  # reading order on the slip


@dataclass(frozen=True, slots=True)
class _Month:
    month: str
    box: Box
    paid: bool  # labelled as the payment date (else a 〇月分 heading)
    conf: float
    order: int


# --- the page --------------------------------------------------------------------------------


def read_page(page: PageText, *, exclude: Sequence[Box] = ()) -> tuple[Reading, ...]:
    """Every slip read on ``page``. Words inside ``exclude`` (a My Number found there) are
    never read as an amount."""
    words = [w for w in page.words if not any(_inside(w.box, box) for box in exclude)]
    out: list[Reading] = []
    for sheet in sheets(words):
        reading = _read_sheet(sheet, page.source)
        if reading is not None:
            out.append(reading)
    return tuple(out)


def slips_on(words: Sequence[Word]) -> int:
    """How many slips the page seems to hold: the slips (:func:`layout.sheets`) where a gross
    label can be read, at least one. The OCR reader looks closer while fewer than this many got a
    confident reading."""
    found = sum(1 for sheet in sheets(words)
                if any(_label_matches(line) for line in lines_of(sheet)))
    return max(1, found)


def _inside(word: Box, area: Box) -> bool:
    return word.x_overlap(area) * word.y_overlap(area) > 0.5 * word.width * word.height


def _read_sheet(words: Sequence[Word], source: Source) -> Reading | None:
    lines = lines_of(words)
    grosses = _grosses(lines)
    if not grosses:
        return None
    months = _months(lines)
    if not months:
        return None
    gross, gross_conf = _best_gross(grosses, lines, source)
    month = _best_month(months)
    kind, kind_box, kind_conf = _kind(words, lines)
    confidence = round(min(0.99, gross_conf * month.conf * kind_conf), 2)
    return Reading(month.month, kind, gross.value.amount, confidence, gross.value.box,
                   month.box, kind_box)


# --- the gross -------------------------------------------------------------------------------


def _label_matches(line: Line) -> list[tuple[int, int, float]]:
    """(start, end, strength) of every gross label in the line."""
    found: list[tuple[int, int, float]] = []
    taken: list[tuple[int, int]] = []
    for pattern, strength in ((_GROSS_STRONG, _LABEL_STRONG), (_GROSS_WEAK, _LABEL_WEAK)):
        for match in pattern.finditer(line.text):
            start, end = match.span()
            if any(a < end and start < b for a, b in taken):
                continue
            before = line.text[max(0, start - 4):start]
            word_start = line.text.rfind(" ", 0, start) + 1
            own_prefix = line.text[word_start:start]
            if any(before.endswith(p) or p in own_prefix for p in _NOT_GROSS_BEFORE):
                continue
            if line.text[end:].startswith(_NOT_GROSS_AFTER):
                continue
            if strength == _LABEL_WEAK and len(own_prefix) > 1:
                continue  # 支給 inside a longer word is not a label (one misread 総 may stand)
            # the rest of the label's own word (額, 金額, 合計, an OCR misread): skip past it
            while end < len(line.text) and line.text[end] not in " " and \
                    not line.text[end].isdigit() and line.text[end] not in "¥\\":
                end += 1
            taken.append((start, end))
            found.append((start, end, strength))
    return found


def _value_after(lines: Sequence[Line], row: int, end: int) -> _Value | None:
    """The amount that follows a label on its row: in the label's own word (an OCR box that
    holds both) or in the next word. A word of text in between means the row has no amount."""
    amount = parse_amount(lines[row].text, end)
    if amount is None or not amount.plain:
        return None
    return _value(lines, row, amount)


def _value(lines: Sequence[Line], row: int, amount: Amount) -> _Value:
    line = lines[row]
    words = line.words_in(amount.start, amount.end)
    conf = min(w.conf for w in words)
    layout = words[0].at
    for w in words[1:]:
        layout = layout.union(w.at)
    return _Value(amount.value, line.span_box(amount.start, amount.end), layout, conf, row)


def _value_below(lines: Sequence[Line], row: int, label: Box) -> _Value | None:
    """The amount under a label that heads a column (within three rows): the word nearest below
    it that overlaps the label widened by half its width each side (a centred heading over a
    right-aligned amount)."""
    reach = max(label.width / 2, label.height)
    column = Box(label.x0 - reach, label.y0, label.x1 + reach, label.y1)
    for below in range(row + 1, min(len(lines), row + 4)):
        line = lines[below]
        under = [(abs(w.at.cx - label.cx), i) for i, w in enumerate(line.words)
                 if w.at.x_overlap(column) > 0]
        if under:
            index = min(under)[1]
            amount = parse_amount(line.text, _word_start(line, index))
            if amount is None or not amount.plain or line.word_at(amount.start) != index:
                return None
            return _value(lines, below, amount)
    return None


def _word_start(line: Line, index: int) -> int:
    return line.owners.index(index)


def _grosses(lines: Sequence[Line]) -> list[_Gross]:
    found: list[_Gross] = []
    for row, line in enumerate(lines):
        for start, end, strength in _label_matches(line):
            value = _value_after(lines, row, end)
            if value is None:
                label = _layout_span(line, start, end)
                value = _value_below(lines, row, label)
            if value is not None:
                found.append(_Gross(value, strength, len(found)))
    return found


def _layout_span(line: Line, start: int, end: int) -> Box:
    words = line.words_in(start, end)
    box = words[0].at
    for w in words[1:]:
        box = box.union(w.at)
    return box


def _best_gross(grosses: Sequence[_Gross], lines: Sequence[Line],
                source: Source) -> tuple[_Gross, float]:
    scored: list[tuple[float, int, _Gross, float]] = []
    for gross in grosses:
        check = _check(gross.value, lines)
        if check is True:
            conf = _VERIFIED[source]
        elif check is False:
            conf = _CONTRADICTED[source] * gross.value.conf
        else:
            conf = min(_UNVERIFIED[source], gross.value.conf)
        conf *= gross.label_strength if check is not True else 1.0
        scored.append((conf, -gross.order, gross, conf))
    scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
    best, conf = scored[0][2], scored[0][3]
    rivals = {g.value.amount for _c, _o, g, _ in scored if g.label_strength == _LABEL_STRONG}
    if len(rivals) > 1 and conf < _VERIFIED[source]:
        conf *= 0.6  # two strong labels with different amounts, neither verified
    return best, conf


# --- the slip's arithmetic -------------------------------------------------------------------


def _numbers(line: Line) -> list[tuple[Word, int]]:
    out: list[tuple[Word, int]] = []
    for index, word in enumerate(line.words):
        amount = parse_amount(line.text, _word_start(line, index))
        if amount is not None and line.word_at(amount.start) == index and (
                line.word_at(max(amount.start, amount.end - 1)) == index):
            out.append((word, amount.value))
    return out


def _same_column(a: Box, b: Box) -> bool:
    """Right-aligned amounts of one column: right edges within a character's width, or most of
    the narrower box overlapping."""
    height = min(a.height, b.height)
    return abs(a.x1 - b.x1) < 1.2 * height or a.x_overlap(b) > 0.6 * min(a.width, b.width)


def _column_sums(value: _Value, lines: Sequence[Line]) -> bool | None:
    """Do the amounts above ``value`` in its column add up to it? None: none to add."""
    total, terms, gap = 0, 0, 0
    for line in reversed(lines[:value.row]):
        in_column = [w for w in line.words if _same_column(w.at, value.layout)]
        if not in_column:
            gap += 1
            if gap > 1:
                break
            continue
        gap = 0
        numbers = [v for w, v in _numbers(line) if w in in_column]
        if not numbers:
            break  # the column's heading
        total += numbers[0]
        terms += 1
        if total == value.amount:
            return True
        if total > value.amount:
            break
    return False if terms else None


def _labelled_amount(lines: Sequence[Line], pattern: re.Pattern[str]) -> int | None:
    for row, line in enumerate(lines):
        for match in pattern.finditer(line.text):
            value = _value_after(lines, row, match.end())
            if value is None:
                value = _value_below(lines, row, _layout_span(line, *match.span()))
            if value is not None:
                return value.amount
    return None


def _check(value: _Value, lines: Sequence[Line]) -> bool | None:
    """True when the slip's arithmetic confirms the gross, False when what could be checked
    disagrees, None when nothing could be checked."""
    column = _column_sums(value, lines)
    if column is True:
        return True
    net = _labelled_amount(lines, _NET)
    deductions = _labelled_amount(lines, _DEDUCTIONS)
    if net is not None and deductions is not None:
        return value.amount - deductions == net
    return column


# --- the month -------------------------------------------------------------------------------


def _date_parts(match: re.Match[str], western: bool) -> tuple[int, int, int | None, float] | None:
    conf = 1.0
    if western:
        year = int(match.group("y"))
    else:
        era = match.group("era")
        era = _LETTER_ERAS.get(era, era)
        if era not in era_names():
            if era.endswith("和") and not era.startswith("昭"):
                era, conf = "令和", _MONTH_GUESSED_ERA  # an OCR misread of 令
            else:
                return None
        raw = match.group("y")
        try:
            year = gregorian_year(era, 1 if raw == "元" else int(raw))
        except ValueError:
            return None
    month = int(match.group("m"))
    day = int(match.group("d")) if match.group("d") else None
    if not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            date(year, month, day)
        except ValueError:
            day = None
    return year, month, day, conf


def _months(lines: Sequence[Line]) -> list[_Month]:
    found: list[_Month] = []
    for line in lines:
        text = line.text
        spans: list[tuple[int, int]] = []
        for pattern, western in ((_WAREKI, False), (_SEIREKI, True)):
            for match in pattern.finditer(text):
                start, end = match.span()
                if any(a < end and start < b for a, b in spans):
                    continue
                parts = _date_parts(match, western)
                if parts is None:
                    continue
                year, month, day, conf = parts
                spans.append((start, end))
                ym = str(YearMonth(year, month))
                label_before = _PAY_LABEL_BEFORE.search(text[max(0, start - 8):start])
                after = text[end:]
                if day is not None and (label_before or _PAY_LABEL_AFTER.match(after)):
                    box = line.span_box(start, end)
                    found.append(_Month(ym, box, True, conf * _MONTH_PAID, len(found)))
                elif day is None and after.lstrip().startswith("分"):
                    box = line.span_box(start, min(len(text), end + after.index("分") + 1))
                    found.append(_Month(ym, box, False, conf * _MONTH_HEADING, len(found)))
    return found


def _best_month(months: Sequence[_Month]) -> _Month:
    paid = [m for m in months if m.paid]
    pool = paid or list(months)
    return max(pool, key=lambda m: (m.conf, -m.order))


# --- the kind --------------------------------------------------------------------------------


def _kind(words: Sequence[Word], lines: Sequence[Line]) -> tuple[Kind, Box | None, float]:
    heads = titles(words)
    for head in sorted(heads, key=lambda w: w.at.y0):
        text = fold(head.text)
        # the keyword itself was read: the reader's doubt about the rest of the title (明細書
        # misread) says nothing about it
        if _BONUS_WORDS.search(text):
            return Kind.BONUS, head.box, _KIND_TITLE
        if _SALARY_WORDS.search(text):
            return Kind.SALARY, head.box, _KIND_TITLE
    for pattern, kind in ((_BONUS_WORDS, Kind.BONUS), (_SALARY_WORDS, Kind.SALARY)):
        for line in lines:
            match = pattern.search(line.text)
            if match:
                return kind, line.span_box(*match.span()), _KIND_WORD
    return Kind.SALARY, None, _KIND_ASSUMED

"""Reading payslips from plain words and boxes (no PDF, no OCR): the pure parser."""

from __future__ import annotations

import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.domain.wareki import format_wareki
from reviewer_app.suggest.layout import lines_of, sheets, straighten
from reviewer_app.suggest.model import CONFIDENT, Box, Kind, PageText, Source, Word
from reviewer_app.suggest.mynumber import find_my_numbers
from reviewer_app.suggest.normalize import fold, parse_amount
from reviewer_app.suggest.payslip import read_page

FULL = str.maketrans("0123456789,", "０１２３４５６７８９，")
SIZE = 10.0  # points per character


def word(x: float, y: float, text: str, conf: float = 1.0) -> Word:
    """A word whose left edge is at x and baseline row at y, one em per character."""
    width = sum(SIZE if ord(c) > 0x7F else SIZE / 2 for c in text)
    return Word(text, Box(x, y, x + width, y + SIZE), conf)


def right(x1: float, y: float, text: str, conf: float = 1.0) -> Word:
    """A right-aligned word ending at x1."""
    w = word(0, y, text, conf)
    return Word(text, Box(x1 - w.box.width, y, x1, y + SIZE), conf)


def page(*words: Word, source: Source = Source.TEXT) -> PageText:
    return PageText(tuple(words), 600.0, 420.0, source)


def classic(gross: int = 82_750, *, paid: str = "支給日 令和5年3月24日",
            heading: str = "令和5年3月分", title: str = "給与明細書",
            label: str = "総支給額", items: tuple[int, ...] = (76_450, 0, 6_300),
            deductions: int = 1_250) -> list[Word]:
    """A slip like the generator's classic layout: heading, title, date, a 支給 column."""
    words = [word(30, 30, heading), word(250, 28, title), word(420, 30, paid),
             word(30, 60, "社員番号 1127"), word(200, 100, "支給"), word(400, 100, "控除")]
    y = 120.0
    for name, value in zip(("基本給", "残業手当", "通勤手当"), items, strict=True):
        words += [word(200, y, name), right(370, y, f"{value:,}")]
        y += 16
    words += [word(200, y, label), right(370, y, f"{gross:,}")]
    words += [word(400, 120, "所得税"), right(560, 120, f"{deductions:,}"),
              word(400, 136, "控除合計"), right(560, 136, f"{deductions:,}"),
              word(400, 250, "差引支給額"), right(560, 250, f"{gross - deductions:,}円")]
    return words


def only(text: PageText):  # type: ignore[no-untyped-def]
    readings = read_page(text)
    assert len(readings) == 1, readings
    return readings[0]


def test_the_classic_slip_gives_month_kind_gross_and_their_boxes() -> None:
    reading = only(page(*classic()))
    assert (reading.month, reading.kind, reading.gross) == ("2023-03", Kind.SALARY, 82_750)
    assert reading.confidence >= CONFIDENT
    assert reading.box == Box(340.0, 168.0, 370.0, 178.0)  # the amount, not the label
    assert reading.kind_box is not None and reading.kind_box.x0 == 250


def test_the_net_and_the_deductions_total_are_never_the_gross() -> None:
    words = [w for w in classic() if w.text != "総支給額"]
    assert read_page(page(*words)) == ()


@pytest.mark.parametrize("label", ["総支給額", "支給合計", "支給額計", "総支給金額", "支給総額",
                                   "支給額合計", "総支給額（円）"])
def test_every_gross_label(label: str) -> None:
    assert only(page(*classic(label=label))).gross == 82_750


@pytest.mark.parametrize("label", ["差引支給額", "課税支給合計", "控除合計", "振込支給額",
                                   "非課税支給額"])
def test_labels_that_name_something_else(label: str) -> None:
    assert read_page(page(*classic(label=label))) == ()


@pytest.mark.parametrize(("paid", "month"), [
    ("支給日 令和5年3月24日", "2023-03"),
    ("支給日 2023/03/24", "2023-03"),
    ("支払日：令和５年４月２５日", "2023-04"),
    ("支給年月日 2023.04.25", "2023-04"),
    ("支給日 R5.4.25", "2023-04"),
    ("支給日 令和元年5月25日", "2019-05"),
    ("支給日 平成31年4月25日", "2019-04"),
    ("2023年4月25日支給", "2023-04"),
])
def test_the_payment_date_wins_over_the_heading(paid: str, month: str) -> None:
    assert only(page(*classic(paid=paid))).month == month


def test_the_heading_month_serves_when_no_payment_date_is_written() -> None:
    reading = only(page(*classic(paid="", heading="2023年11月分")))
    assert reading.month == "2023-11"
    with_date = only(page(*classic()))
    assert reading.confidence < with_date.confidence


def test_a_period_or_a_birth_date_is_not_a_payment_month() -> None:
    words = [*classic(paid="", heading="給与"),
             word(30, 80, "勤怠期間 令和5年2月1日 ～ 令和5年2月28日"),
             word(30, 95, "生年月日 平成10年4月1日")]
    assert read_page(page(*words)) == ()


def test_a_bonus_slip_is_a_bonus() -> None:
    words = classic(title="賞与明細書", items=(30_000, 0, 0), gross=30_000)
    assert only(page(*words)).kind is Kind.BONUS


def test_without_a_title_the_kind_is_assumed_at_a_lower_confidence() -> None:
    reading = only(page(*classic(title="明細")))
    assert reading.kind is Kind.SALARY and reading.kind_box is None
    assert reading.confidence < CONFIDENT


def test_full_width_digits_yen_signs_and_commas() -> None:
    gross = 140_800
    words = [word(30, 30, "令和５年３月分"), word(250, 28, "給料明細書"),
             word(420, 30, "支払日：令和５年３月２５日"),
             word(200, 120, "基本給"), right(370, 120, "￥" + f"{gross:,}".translate(FULL)),
             word(200, 136, "支給合計"), right(370, 136, "￥" + f"{gross:,}".translate(FULL))]
    reading = only(page(*words))
    assert (reading.month, reading.gross) == ("2023-03", gross)
    assert reading.confidence >= CONFIDENT  # the column above adds up to it


def test_a_column_layout_reads_the_amount_under_its_heading() -> None:
    words = [word(30, 30, "2023年03月分"), word(250, 28, "給与支給明細書"),
             word(420, 30, "支給日 2023/03/24")]
    heads = ["基本給", "時間外手当", "通勤手当", "支給額計"]
    values = [76_450, 0, 6_300, 82_750]
    for k, (head, value) in enumerate(zip(heads, values, strict=True)):
        words += [word(50 + 80 * k + 12, 100, head), right(50 + 80 * k + 76, 118, f"{value:,}")]
    words += [word(50, 150, "控除額計"), right(126, 168, "0"),
              word(440, 250, "差引支給額"), right(580, 250, "82,750")]
    reading = only(page(*words))
    assert reading.gross == 82_750 and reading.confidence >= CONFIDENT


def test_arithmetic_that_disagrees_lowers_the_confidence_never_raises_it() -> None:
    # an OCR misread: the gross says 82,150 but the items add up to 82,750
    words = [w if w.text != "82,750" else Word("82,150", w.box, 0.95) for w in classic()]
    reading = only(page(*words, source=Source.OCR))
    assert reading.gross == 82_150 and reading.confidence < 0.5


def test_ocr_boxes_that_hold_a_label_and_its_value_together() -> None:
    words = [word(30, 30, "令和5年3月分", 0.99), word(250, 28, "給与明細書", 0.95),
             word(420, 30, "支給日令和5年3月24日", 0.98),
             word(200, 120, "基本給76,450", 0.97), word(200, 136, "通勤手当6,300", 0.97),
             word(200, 152, "总支给额82,750円", 0.96)]  # simplified forms from a Chinese model
    reading = only(page(*words, source=Source.OCR))
    assert (reading.month, reading.gross) == ("2023-03", 82_750)
    # the box is the amount's share of the OCR box, not the label
    assert reading.box.x0 > 200 + 4 * SIZE - 1


def test_two_slips_side_by_side_are_read_separately() -> None:
    left = classic(gross=82_750, paid="支給日 令和5年3月24日")
    right_ = [Word(w.text, Box(w.box.x0 + 620, w.box.y0, w.box.x1 + 620, w.box.y1), w.conf)
              for w in classic(gross=91_000, paid="支給日 令和5年4月25日",
                               items=(84_700, 0, 6_300))]
    readings = read_page(PageText(tuple(left + right_), 1240.0, 420.0, Source.TEXT))
    assert sorted((r.month, r.gross) for r in readings) == [("2023-03", 82_750),
                                                          ("2023-04", 91_000)]


def test_a_slanted_photo_is_read_once_straightened() -> None:
    angle = math.radians(3.0)
    slanted = []
    for w in classic():
        # turn every box about the page's centre as a photo taken askew would show it
        cx, cy = 300.0, 210.0
        x, y = w.box.x0 - cx, w.box.y0 - cy
        nx, ny = cx + x * math.cos(angle) - y * math.sin(angle), cy + x * math.sin(angle) + \
            y * math.cos(angle)
        slanted.append(Word(w.text, Box(nx, ny, nx + w.box.width, ny + w.box.height), 0.98))
    level = straighten(slanted, angle, 600, 420)
    reading = only(PageText(tuple(level), 600, 420, Source.OCR))
    assert reading.gross == 82_750
    assert reading.box == next(w.box for w in slanted if w.text == "82,750")


def test_a_my_number_is_never_read_as_an_amount() -> None:
    words = [w for w in classic() if w.text not in ("82,750",)]
    words.append(word(340, 168, "123456789018"))
    hits = find_my_numbers(words)
    assert len(hits) == 1
    assert read_page(page(*words), exclude=[h.box for h in hits]) == ()


def test_my_numbers_are_found_where_written_and_only_with_a_valid_check_digit() -> None:
    words = [word(30, 60, "個人番号"), word(80, 60, "1234"), word(105, 60, "5678"),
             word(130, 60, "9018"), word(30, 80, "口座番号 123456789017"),
             word(30, 100, "マイナンバー：１２３４－５６７８－９０１８")]
    hits = find_my_numbers(words)
    assert [h.labelled for h in hits] == [True, True]
    assert hits[0].box == Box(80, 60, 150, 70)
    assert all("1234" not in repr(h) for h in hits)  # the digits are not kept


def test_sheets_cut_a_screenshot_title_bar_from_the_slip() -> None:
    bar = word(250, 5, "Web給与明細")
    groups = sheets([bar, *classic()])
    assert len(groups) == 2 and groups[0] == [bar]


def test_lines_group_words_of_one_row() -> None:
    rows = lines_of([word(10, 10, "a"), word(50, 12, "b"), word(10, 30, "c")])
    assert [line.text for line in rows] == ["a b", "c"]


@pytest.mark.parametrize(("text", "value"), [
    ("82,750", 82_750), ("¥82,750", 82_750), ("82,750円", 82_750), ("22.250", 22_250),
    ("8,.400", 8_400), ("\\140,800", 140_800), ("0", 0), ("75,975月", 75_975),
])
def test_amounts(text: str, value: int) -> None:
    amount = parse_amount(fold(text))
    assert amount is not None and amount.value == value


@pytest.mark.parametrize("text", ["66.25時間", "14日", "12:30", "abc", "1,00", "3.5%"])
def test_not_amounts(text: str) -> None:
    amount = parse_amount(fold(text))
    assert amount is None or not amount.plain or amount.end < len(text)


def test_fold_keeps_the_length() -> None:
    text = "総支給額　１４０，８００円（税込）"
    assert len(fold(text)) == len(text)


# --- property: any slip the generator could draw is read exactly -----------------------------

_LABELS = ("総支給額", "支給合計", "支給額計", "総支給金額", "支給総額")


def _paid_text(day: date, style: int, fullwidth: bool) -> str:
    text = [f"支給日 {format_wareki(day)}", f"支給日 {day:%Y/%m/%d}",
            f"支払日：{format_wareki(day)}", f"支給年月日 {day:%Y.%m.%d}"][style]
    return text.translate(FULL) if fullwidth else text


@settings(max_examples=150, deadline=None)
@given(st.dates(date(2019, 5, 1), date(2030, 12, 31)),
       st.lists(st.integers(0, 400_000), min_size=1, max_size=5),
       st.integers(0, 50_000), st.sampled_from(_LABELS), st.integers(0, 3), st.booleans(),
       st.booleans())
def test_generated_slips_are_read_exactly(day: date, items: list[int], deductions: int,
                                          label: str, style: int, fullwidth: bool,
                                          yen_sign: bool) -> None:
    gross = sum(items)

    def money(v: int) -> str:
        text = f"{v:,}".translate(FULL) if fullwidth else f"{v:,}"
        return ("￥" if yen_sign else "") + text

    words = [word(250, 28, "給与明細書"), word(400, 30, _paid_text(day, style, fullwidth)),
             word(200, 100, "支給")]
    y = 120.0
    for k, value in enumerate(items):
        words += [word(200, y, f"手当{k}"), right(370, y, money(value))]
        y += 16
    words += [word(200, y, label), right(370, y, money(gross)),
              word(400, 120, "控除合計"), right(560, 120, money(deductions)),
              word(400, 250, "差引支給額"), right(560, 250, money(max(0, gross - deductions)))]
    reading = only(page(*words))
    assert (reading.month, reading.kind, reading.gross) == (f"{day:%Y-%m}", Kind.SALARY, gross)
    assert reading.confidence >= CONFIDENT


@pytest.mark.parametrize(("paid", "label"), [
    ("支拟日:令和5年3月24日", "熊支給額"),  # 払 and 総 misread
    ("支日令和5年3月24日", "支給顏"),  # 払 dropped, 額 misread
    ("支給日 令和5年3月24日", "純支給額"),  # 純支給額 is the net: never read
])
def test_ocr_misreads_of_the_labels(paid: str, label: str) -> None:
    words = classic(paid=paid, label=label)
    readings = read_page(page(*words, source=Source.OCR))
    if label == "純支給額":
        assert readings == ()
    else:
        [reading] = readings
        assert (reading.month, reading.gross) == ("2023-03", 82_750)
        assert reading.confidence >= CONFIDENT  # verified by the column and the net


def test_slips_on_counts_slips_not_title_bars() -> None:
    from reviewer_app.suggest.payslip import slips_on

    bar = word(250, 5, "Web給与明細")
    assert slips_on([bar, *classic()]) == 1
    right_ = [Word(w.text, Box(w.box.x0 + 620, w.box.y0, w.box.x1 + 620, w.box.y1))
              for w in classic()]
    assert slips_on([*classic(), *right_]) == 2
    assert slips_on([bar]) == 1

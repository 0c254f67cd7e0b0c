"""Letters rendered to PDF: text layer, pixels, pages, escaping, embedded subset font, A4."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pymupdf
import pytest
from unit.letters.letter_builders import (
    ISSUED,
    SOCIETY,
    exclusion,
    notice,
    recertification,
)

from reviewer_app.letters import (
    Letter,
    letter_file_stem,
    render_letters,
    reply_deadline_from,
)

SHOTS = Path("/tmp/letters")


def _open(letters: list[Letter]) -> Iterator[pymupdf.Document]:
    doc = pymupdf.open("pdf", render_letters(letters, SOCIETY))
    try:
        yield doc
    finally:
        doc.close()


def _text(doc: pymupdf.Document) -> str:
    """The text layer of every page, without the line breaks of the layout."""
    return "".join(page.get_text() for page in doc.pages()).replace("\n", "")


def _assert_common(text: str, n: int = 1) -> None:
    assert "令和6年10月15日" in text                      # issued on, in 和暦
    assert f"山田 太郎{n}" in text and f"山田 花子{n}" in text
    assert f"12・{3400 + n}" in text                      # 記号・番号
    assert "東京本社 営業部" in text and "妻" in text
    assert SOCIETY.name in text
    for line in SOCIETY.contact.splitlines():
        assert line in text
    assert "拝啓" in text and "敬具" in text and "以上" in text


def _assert_not_blank(page: pymupdf.Page, name: str) -> None:
    pix = page.get_pixmap(dpi=60, colorspace=pymupdf.csGRAY)
    samples = pix.samples
    dark = sum(1 for b in samples if b < 128)
    assert 0.005 < dark / len(samples) < 0.5, "page looks blank or solid"
    SHOTS.mkdir(parents=True, exist_ok=True)
    pix.save(SHOTS / f"{name}.png")
    assert (SHOTS / f"{name}.png").read_bytes().startswith(b"\x89PNG")


def test_exclusion_letter_prints_title_dates_reason_and_recertification_deadline() -> None:
    for doc in _open([exclusion()]):
        assert doc.page_count == 1
        text = _text(doc)
        _assert_common(text)
        assert "扶養家族除外のお知らせ" in text
        assert "令和6年2月16日" in text                  # exclusion date
        assert "月額限度額108,333円を超えたため" in text
        assert "被扶養者異動[減]申請書" in text
        assert "遡り再認定" in text and "30日以内" in text
        assert "令和6年11月14日" in text                 # issued on + 30 days
        _assert_not_blank(doc[0], "exclusion")


def test_notice_letter_prints_every_item_and_the_reply_deadline() -> None:
    for doc in _open([notice(items=3)]):
        text = _text(doc)
        _assert_common(text)
        assert "提出書類の不備について" in text
        assert "令和6年10月31日" in text
        for k in (1, 2, 3):
            assert f"{k}．給与明細書（{k}月分）" in text
            assert f"{k}月分の給与明細書が添付されていません。" in text
            assert f"令和5年{k}月分の給与明細書" in text
        assert text.count("紛失された場合は給与額等証明書でも可") == 3
        assert "ご不明な点はお問い合わせ先までご連絡ください。" in text
        _assert_not_blank(doc[0], "notice")


def test_recertification_letter_prints_the_date_and_the_30_day_deadline() -> None:
    for doc in _open([recertification()]):
        assert doc.page_count == 1
        text = _text(doc)
        _assert_common(text)
        assert "再認定のご案内" in text
        assert "令和6年6月16日" in text
        assert "30日以内" in text and "令和6年11月14日" in text
        assert "被扶養者異動[増]申請書" in text
        _assert_not_blank(doc[0], "recertification")


def test_reply_deadline_is_30_days_after_the_letter() -> None:
    assert (reply_deadline_from(ISSUED) - ISSUED).days == 30


def test_every_letter_starts_on_a_new_page_with_its_own_addressee() -> None:
    letters: list[Letter] = [exclusion(1), notice(2), recertification(3), exclusion(4)]
    for doc in _open(letters):
        assert doc.page_count == 4
        for i, page in enumerate(doc.pages(), start=1):
            text = page.get_text()
            assert f"山田 太郎{i}" in text
            assert all(f"山田 太郎{j}" not in text for j in range(1, 5) if j != i)


def test_letters_split_over_stories_and_parts_keep_one_addressee_per_page() -> None:
    letters: list[Letter] = [exclusion(1), notice(2), recertification(3), exclusion(4),
                             notice(5)]
    pdf = render_letters(letters, SOCIETY, letters_per_story=2, letters_per_part=3)
    doc = pymupdf.open("pdf", pdf)
    assert doc.page_count == 5
    for i, page in enumerate(doc.pages(), start=1):
        assert f"山田 太郎{i}" in page.get_text()
        assert all("+" in font[3] for font in page.get_fonts())   # subset in every part


def test_a_long_notice_continues_on_more_pages_and_the_next_letter_starts_fresh() -> None:
    for doc in _open([notice(1, items=12), recertification(2)]):
        assert doc.page_count >= 3
        assert "12．給与明細書（12月分）" in _text(doc)
        last = doc[-1].get_text()
        assert last.startswith("令和6年10月15日") and "山田 太郎2" in last
        assert "山田 太郎1" not in last


@pytest.mark.parametrize("name", ["<b>山田</b> 太郎", "山田 & 太郎", "<script>x</script>&amp;"])
def test_markup_in_a_name_is_printed_literally(name: str) -> None:
    for doc in _open([exclusion(1, insured_name=name)]):
        assert name in doc[0].get_text()


def test_font_is_embedded_as_a_small_subset() -> None:
    pdf = render_letters([exclusion(), notice(2), recertification(3)], SOCIETY)
    assert len(pdf) < 200_000                   # the whole font is 3.5 MB
    doc = pymupdf.open("pdf", pdf)
    for page in doc.pages():
        fonts = page.get_fonts()
        assert fonts
        for xref, ext, _type, basefont, _name, _enc in fonts:
            assert ext == "ttf"                 # an embedded font file, not a reference
            prefix, _, _rest = basefont.partition("+")
            assert len(prefix) == 6 and prefix.isupper()   # subset tag, e.g. "ABCDEF+"
            # Uncompressed, the subset keeps empty slots for unused glyphs; still far below 3.5 MB.
            assert len(doc.extract_font(xref)[3]) < 1_000_000


def test_pages_are_a4() -> None:
    for doc in _open([exclusion(), notice(2)]):
        for page in doc.pages():
            assert (round(page.rect.width), round(page.rect.height)) == (595, 842)


def test_file_stem_names_kind_and_ref_but_no_personal_data() -> None:
    assert letter_file_stem(exclusion(12)) == "exclusion-case-12"
    assert letter_file_stem(notice(3)) == "notice-case-3"
    assert letter_file_stem(recertification(7)) == "recertification-case-7"


def test_file_stem_replaces_unsafe_characters_and_refuses_an_empty_ref() -> None:
    letter = exclusion()
    odd = replace(letter, to=replace(letter.to, ref="../山田/x"))
    assert letter_file_stem(odd) == "exclusion-x"
    with pytest.raises(ValueError):
        letter_file_stem(replace(letter, to=replace(letter.to, ref="山田")))


def test_no_letters_is_refused() -> None:
    with pytest.raises(ValueError):
        render_letters([], SOCIETY)

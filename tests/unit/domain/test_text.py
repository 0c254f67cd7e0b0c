"""domain.text.neutralize: member text shows in its stored order, on one line, without controls."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.domain.text import BIDI_CONTROLS, REPLACEMENT, neutralize


def test_a_right_to_left_override_cannot_disguise_a_file_name() -> None:
    assert neutralize("請求書\u202efdp.exe") == "請求書fdp.exe"


def test_line_breaks_become_spaces_in_one_line_fields() -> None:
    assert neutralize("御室\r\n花子\n") == "御室 花子 "


def test_line_breaks_stay_in_multiline_fields_and_crlf_is_one_break() -> None:
    assert neutralize("退職\r\n2024年3月\u2028以上", multiline=True) == "退職\n2024年3月\n以上"


def test_nul_and_other_controls_show_as_the_replacement_character() -> None:
    assert neutralize("花\x00子\x1b[31m\x7f") == f"花{REPLACEMENT}子{REPLACEMENT}[31m{REPLACEMENT}"


def test_ordinary_japanese_text_is_unchanged() -> None:
    text = "御室 花子（オムロ　ハナコ）給与明細_2024年3月.pdf 👨‍👩‍👧"
    assert neutralize(text) is text or neutralize(text) == text


@given(st.text())
def test_nothing_invisible_or_line_breaking_survives(text: str) -> None:
    out = neutralize(text)
    assert not any(ch in BIDI_CONTROLS for ch in out)
    assert "\n" not in out and "\r" not in out and "\x00" not in out
    assert neutralize(out) == out  # idempotent

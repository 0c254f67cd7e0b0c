"""The My Number check digit (番号法施行令 第8条), on numbers built by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.domain.mynumber import check_digit, is_my_number


def _by_hand(first_eleven: str) -> int:
    """The ordinance's formula written out term by term: P_n is the n-th digit from the right,
    Q_n = n + 1 for n ≤ 6 and n − 5 for n ≥ 7."""
    digits = [int(c) for c in first_eleven]
    weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]  # Q_11 … Q_1, left to right
    remainder = sum(p * q for p, q in zip(digits, weights, strict=True)) % 11
    return 0 if remainder <= 1 else 11 - remainder


@pytest.mark.parametrize(("number", "valid"), [
    # 1·6 + 2·5 + 3·4 + 4·3 + 5·2 + 6·7 + 7·6 + 8·5 + 9·4 + 0·3 + 1·2 = 212;
    # 212 mod 11 = 3; 11 − 3 = 8
    ("123456789018", True),
    ("123456789017", False),
    ("123456789019", False),
    # all zeros: remainder 0, check digit 0
    ("000000000000", True),
    ("000000000001", False),
    # 1 at Q_1 (weight 2): 2 mod 11 = 2 → 9
    ("000000000019", True),
    # 1 at Q_5 (weight 6) and at Q_6 (weight 7): 13 mod 11 = 2 → 9
    ("000001100009", True),
    # a remainder of 1 gives 0: 6·2 = 12 → 1 → 0 (digit 6 at Q_1)
    ("000000000060", True),
    ("000000000061", False),
])
def test_numbers_built_by_hand(number: str, valid: bool) -> None:
    assert is_my_number(number) is valid


@pytest.mark.parametrize("text", ["12345678901", "1234567890123", "12345678901a",
                                  "１２３４５６７８９０１８", ""])
def test_not_twelve_ascii_digits_is_never_a_my_number(text: str) -> None:
    assert not is_my_number(text)


def test_check_digit_wants_eleven_digits() -> None:
    with pytest.raises(ValueError):
        check_digit("1234")


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_exactly_one_check_digit_fits_every_eleven_digits(first: str) -> None:
    assert check_digit(first) == _by_hand(first)
    assert [d for d in range(10) if is_my_number(first + str(d))] == [check_digit(first)]

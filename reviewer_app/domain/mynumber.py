"""The check digit of a My Number (個人番号), as 番号法施行令 第8条 defines it.

A 個人番号 is eleven digits and a check digit:

    check = 11 − (Σ_{n=1}^{11} P_n × Q_n  mod 11), and 0 when that remainder is 0 or 1,

where P_n is the n-th of the eleven digits counted from the right (P_1 the last of them) and
Q_n = n + 1 for 1 ≤ n ≤ 6, n − 5 for 7 ≤ n ≤ 11.
"""

from __future__ import annotations

LENGTH = 12


def check_digit(first_eleven: str) -> int:
    """The check digit of an eleven-digit string."""
    if len(first_eleven) != LENGTH - 1 or not first_eleven.isascii() or \
            not first_eleven.isdigit():
        raise ValueError("eleven ASCII digits are needed")
    total = 0
    for n in range(1, LENGTH):
        p = int(first_eleven[-n])
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    return 0 if remainder <= 1 else 11 - remainder


def is_my_number(digits: str) -> bool:
    """Twelve ASCII digits whose last is the check digit of the first eleven."""
    if len(digits) != LENGTH or not digits.isascii() or not digits.isdigit():
        return False
    return check_digit(digits[:-1]) == int(digits[-1])

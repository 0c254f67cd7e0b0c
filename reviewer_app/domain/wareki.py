"""Japanese era dates (和暦): ``令和6年9月1日``, with 元年 for an era's first year."""

from __future__ import annotations

from datetime import date

# (first day, name), newest first. Dates before 昭和 are outside any survey this app handles.
_ERAS: tuple[tuple[date, str], ...] = (
    (date(2019, 5, 1), "令和"),
    (date(1989, 1, 8), "平成"),
    (date(1926, 12, 25), "昭和"),
)


def era_year(d: date) -> tuple[str, int]:
    """The era name and the year within it."""
    for start, name in _ERAS:
        if d >= start:
            return name, d.year - start.year + 1
    raise ValueError(f"{d.isoformat()} is before 昭和 (1926-12-25)")


def format_wareki(d: date) -> str:
    name, year = era_year(d)
    year_text = "元" if year == 1 else str(year)
    return f"{name}{year_text}年{d.month}月{d.day}日"

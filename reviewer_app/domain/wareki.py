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


def era_names() -> tuple[str, ...]:
    """The eras this module knows, newest first (``令和``, ``平成``, ``昭和``)."""
    return tuple(name for _start, name in _ERAS)


def gregorian_year(era: str, year: int) -> int:
    """The Western year of ``year`` of ``era`` (``令和5`` → 2023; 元年 is 1).

    Raises ValueError for an unknown era or a year the era never reached (``平成32``)."""
    for index, (start, name) in enumerate(_ERAS):
        if name == era:
            last = _ERAS[index - 1][0].year if index > 0 else None
            western = start.year + year - 1
            if year < 1 or (last is not None and western > last):
                raise ValueError(f"{era}{year}年 does not exist")
            return western
    raise ValueError(f"unknown era {era!r}")


def format_wareki(d: date) -> str:
    name, year = era_year(d)
    year_text = "元" if year == 1 else str(year)
    return f"{name}{year_text}年{d.month}月{d.day}日"

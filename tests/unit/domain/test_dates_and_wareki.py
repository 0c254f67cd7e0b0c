"""Legal age, clamped cutoffs, attendance periods and 和暦."""

from __future__ import annotations

from datetime import date

import pytest

from reviewer_app.domain.dates import attendance_period, birthday_of_age, legal_age, month_index
from reviewer_app.domain.wareki import era_names, era_year, format_wareki, gregorian_year


def test_age_is_attained_on_the_day_before_the_birthday() -> None:
    birth = date(1964, 4, 1)
    assert legal_age(birth, date(2024, 3, 30)) == 59
    assert legal_age(birth, date(2024, 3, 31)) == 60
    assert legal_age(birth, date(2024, 4, 1)) == 60


def test_leap_day_birthday_ages_at_end_of_28_february_in_common_years() -> None:
    birth = date(2004, 2, 29)
    assert legal_age(birth, date(2023, 2, 27)) == 18
    assert legal_age(birth, date(2023, 2, 28)) == 19
    assert birthday_of_age(birth, 19) == date(2023, 3, 1)


@pytest.mark.parametrize(("cutoff", "pay_month", "expected"), [
    (15, (2023, 3), (date(2023, 2, 16), date(2023, 3, 15))),
    (30, (2023, 3), (date(2023, 3, 1), date(2023, 3, 30))),  # Feb 30 clamps to Feb 28
    (30, (2023, 2), (date(2023, 1, 31), date(2023, 2, 28))),
    (31, (2024, 2), (date(2024, 2, 1), date(2024, 2, 29))),  # leap year
    (31, (2024, 3), (date(2024, 3, 1), date(2024, 3, 31))),
    (1, (2023, 1), (date(2022, 12, 2), date(2023, 1, 1))),
])
def test_attendance_period_clamps_cutoff_to_month_end(
        cutoff: int, pay_month: tuple[int, int], expected: tuple[date, date]) -> None:
    assert attendance_period(cutoff, 0, month_index(*pay_month)) == expected


def test_next_month_payment_covers_previous_month() -> None:
    # 20日締め翌月5日払い: the March payment covers 21 January – 20 February.
    assert attendance_period(20, 1, month_index(2023, 3)) == (date(2023, 1, 21), date(2023, 2, 20))
    # 末日締め翌々月払い: the March payment covers January.
    assert attendance_period(31, 2, month_index(2023, 3)) == (date(2023, 1, 1), date(2023, 1, 31))


@pytest.mark.parametrize(("day", "text"), [
    (date(2024, 9, 1), "令和6年9月1日"),
    (date(2019, 5, 1), "令和元年5月1日"),
    (date(2019, 4, 30), "平成31年4月30日"),
    (date(1989, 1, 8), "平成元年1月8日"),
    (date(1989, 1, 7), "昭和64年1月7日"),
    (date(1985, 6, 1), "昭和60年6月1日"),
])
def test_format_wareki(day: date, text: str) -> None:
    assert format_wareki(day) == text


def test_format_wareki_rejects_dates_before_showa() -> None:
    with pytest.raises(ValueError, match="昭和"):
        format_wareki(date(1926, 12, 24))


@pytest.mark.parametrize(("era", "year", "western"), [
    ("令和", 1, 2019), ("令和", 5, 2023), ("平成", 31, 2019), ("平成", 1, 1989),
    ("昭和", 64, 1989), ("昭和", 1, 1926),
])
def test_gregorian_year_of_an_era_year(era: str, year: int, western: int) -> None:
    assert gregorian_year(era, year) == western


@pytest.mark.parametrize(("era", "year"), [("平成", 32), ("昭和", 65), ("令和", 0), ("大正", 5)])
def test_gregorian_year_refuses_a_year_the_era_never_had(era: str, year: int) -> None:
    with pytest.raises(ValueError):
        gregorian_year(era, year)


def test_era_names_round_trip_through_format_wareki() -> None:
    for day in (date(2023, 3, 25), date(2019, 4, 30), date(1989, 1, 7)):
        name, year = era_year(day)
        assert name in era_names() and gregorian_year(name, year) == day.year

"""Today's date where the society works (Japan time), injectable so tests choose the day.

Deadlines of the survey (提出期限, 回答期限) are calendar dates in Japan: a workstation set to
another time zone must still see a deadline pass at midnight JST.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9))

Today = Callable[[], date]


def today_jst() -> date:
    return datetime.now(JST).date()

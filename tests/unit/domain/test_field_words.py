"""Field paths of the income sheet in the examiner's words (issue 13, defect 6)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from reviewer_app.domain.case import Dependent, Payment
from reviewer_app.domain.caseio import case_from_json, sheet_from_json
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.field_words import describe_field
from reviewer_app.domain.sheet import BonusEntry, CaseInputError, EmployerEntry, IncomeSheet

SHEET = IncomeSheet(date(2024, 9, 2), 2023, Dependent(date(1985, 6, 1)), employers=(
    EmployerEntry("A社", bonuses=(BonusEntry(YearMonth(2023, 6), 1), BonusEntry(gross=2)),
                  payments=(Payment(YearMonth(2023, 3), 1),)),
    EmployerEntry("", bonuses=(BonusEntry(),))))


@pytest.mark.parametrize(("path", "ja", "en"), [
    ("employers[0].bonuses[0].month", "賞与 1 行目の支給月", "the payment month of bonus row 1"),
    ("employers[0].bonuses[1].month", "賞与 2 行目の支給月", "the payment month of bonus row 2"),
    ("employers[1].bonuses[0].gross", "賞与 3 行目の賞与額", "the amount of bonus row 3"),
    ("employers[0].payments[0].gross", "A社の3月給与", "the salary for 2023-03 from A社"),
    ("employers[1].cutoff_day", "勤務先 2 行目の締め日", "the cutoff day of employer row 2"),
    ("pensions[0].annual", "年金 1 行目の年額", "the annual amount of pension row 1"),
    ("benefits[2].daily_amount", "給付 3 行目の日額", "the daily amount of benefit row 3"),
    ("dependent.birth_date", "被扶養者の生年月日", "the dependent's date of birth"),
    ("temporary_rise_certificate.previous_uses[0]", "事業主の証明",
     "the employer's certificate"),
])
def test_a_path_becomes_the_words_of_its_table_row(path: str, ja: str, en: str) -> None:
    assert describe_field(path, SHEET) == (ja, en)


@pytest.mark.parametrize("sheet", [
    {"judgment_date": "2024-09-02", "target_year": 2023,
     "dependent": {"birth_date": "1985-06-01"},
     "employers": [{"bonuses": [{"gross": 1}]}]},
    {"judgment_date": "2024-09-02", "target_year": 2023,
     "dependent": {"birth_date": "1985-06-01"},
     "employers": [{"payments": [{"month": "2023-01", "gros": 1}]}]},
    {"judgment_date": "2024-09-02", "target_year": 2023, "dependent": {}},
    {"judgment_date": "2024-09-02", "target_year": 2023,
     "dependent": {"birth_date": "1985-06-01"}, "other_income": [{"amount": -1}]},
])
def test_no_words_show_a_field_path(sheet: dict[str, object]) -> None:
    with pytest.raises(CaseInputError) as info:
        case_from_json(sheet)
    for words in describe_field(info.value.field, _typed(sheet)):
        assert not re.search(r"[\[\]_.]|employers|payments|bonuses", words), words


def _typed(data: dict[str, object]) -> IncomeSheet | None:
    """The sheet the words are found in, when the input reads as one (a misspelt key does not)."""
    try:
        return sheet_from_json(data)
    except CaseInputError:
        return None

"""The typed income sheet (issue 12 §2): JSON only at the edge, half-entered rows, validation."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.domain.case import (
    Dependent,
    Insured,
    LabourContract,
    Payment,
    Survey,
    TemporaryRiseCertificate,
)
from reviewer_app.domain.caseio import case_from_json, sheet_from_json, sheet_to_json
from reviewer_app.domain.dates import CUTOFF_END, YearMonth
from reviewer_app.domain.sheet import (
    BenefitEntry,
    BonusEntry,
    BusinessEntry,
    CaseInputError,
    EmployerEntry,
    IncomeSheet,
    OtherIncomeEntry,
    PensionEntry,
    to_case,
    without_half_rows,
)
from reviewer_app.domain.vocabulary import BenefitKind, PensionKind, Relationship

SEED: Any = json.loads((Path(__file__).resolve().parents[3] / "examples" / "seed_case.json")
                       .read_text(encoding="utf-8"))
BASE = IncomeSheet(date(2024, 9, 2), 2023, Dependent(date(1985, 6, 1), Relationship.SPOUSE))
FULL = replace(
    BASE, insured=Insured(5_200_000, 1_000_000),
    employers=(EmployerEntry("A社", 15, 0, 25, (Payment(YearMonth(2023, 1), 98_000),),
                             (BonusEntry(YearMonth(2023, 7), 60_000),)),
               EmployerEntry("B社", CUTOFF_END, 1, None)),
    pensions=(PensionEntry(PensionKind.SURVIVORS, 60_000),),
    self_employment=(BusinessEntry(800_000, 950_000, "農業"),),
    other_income=(OtherIncomeEntry("相続", 100_000),),
    benefits=(BenefitEntry(BenefitKind.SICKNESS, 3_000, date(2023, 6, 1)),),
    labour_contract=LabourContract(1_200_000),
    temporary_rise_certificate=TemporaryRiseCertificate(True, (2021, 2022)),
    recertification_from=YearMonth(2024, 6),
    survey=Survey(True, date(2024, 9, 1)))


def test_a_sheet_written_as_json_reads_back_equal() -> None:
    for sheet in (BASE, FULL):
        data = sheet_to_json(sheet)
        assert json.loads(json.dumps(data)) == data  # plain JSON: no dates, no enums
        assert sheet_from_json(data) == sheet


def test_the_seed_case_reads_as_a_sheet_and_as_the_same_case() -> None:
    without_profile = {k: v for k, v in SEED.items() if k != "profile"}
    assert to_case(sheet_from_json(without_profile)) == replace(case_from_json(SEED), profile=None)


amounts = st.integers(min_value=0, max_value=10_000_000_000)
months = st.builds(YearMonth, st.integers(2000, 2030), st.integers(1, 12))


@given(st.lists(st.tuples(months, amounts), max_size=14, unique_by=lambda p: p[0]),
       st.lists(st.tuples(st.none() | months, st.none() | amounts), max_size=3),
       st.integers(1, 31), st.integers(0, 2), st.none() | st.integers(1, 31))
def test_any_employer_round_trips(paid: list[tuple[YearMonth, int]],
                                  bonuses: list[tuple[YearMonth | None, int | None]],
                                  cutoff: int, offset: int, pay_day: int | None) -> None:
    employer = EmployerEntry("社", cutoff, offset, pay_day,
                             tuple(Payment(m, g) for m, g in sorted(paid)),
                             tuple(BonusEntry(m, g) for m, g in bonuses))
    sheet = replace(BASE, employers=(employer,))
    assert sheet_from_json(sheet_to_json(sheet)) == sheet


@pytest.mark.parametrize(("sheet", "field"), [
    (replace(BASE, employers=(EmployerEntry(bonuses=(BonusEntry(gross=1),)),)),
     "employers[0].bonuses[0].month"),
    (replace(BASE, employers=(EmployerEntry(bonuses=(BonusEntry(YearMonth(2023, 7)),)),)),
     "employers[0].bonuses[0].gross"),
    (replace(BASE, pensions=(PensionEntry(),)), "pensions[0].annual"),
    (replace(BASE, self_employment=(BusinessEntry(),)), "self_employment[0].revenue"),
    (replace(BASE, other_income=(OtherIncomeEntry("x"),)), "other_income[0].amount"),
    (replace(BASE, benefits=(BenefitEntry(daily_amount=1),)), "benefits[0].kind"),
    (replace(BASE, employers=(EmployerEntry(payments=(Payment(YearMonth(2023, 1), -1),)),)),
     "employers[0].payments[0].gross"),
    (replace(BASE, employers=(EmployerEntry(pay_month_offset=3),)),
     "employers[0].pay_month_offset"),
    (replace(BASE, target_year=2101), "target_year"),
    (replace(BASE, judgment_date=date(1980, 1, 1)), "dependent.birth_date"),
    (replace(BASE, temporary_rise_certificate=TemporaryRiseCertificate(True, (1900,))),
     "temporary_rise_certificate.previous_uses[0]"),
])
def test_what_the_engine_cannot_read_is_named_by_its_path(sheet: IncomeSheet,
                                                          field: str) -> None:
    with pytest.raises(CaseInputError) as info:
        to_case(sheet)
    assert info.value.field == field


def test_half_rows_are_left_out_only_in_the_tables_being_entered() -> None:
    half = replace(BASE, employers=(EmployerEntry(bonuses=(
        BonusEntry(YearMonth(2023, 7), 10), BonusEntry(gross=5))),),
        pensions=(PensionEntry(annual=1), PensionEntry()),
        benefits=(BenefitEntry(BenefitKind.UNEMPLOYMENT),))
    assert without_half_rows(half, set()) == half
    entering = without_half_rows(half, {"bonuses", "pensions"})
    assert entering.employers[0].bonuses == (BonusEntry(YearMonth(2023, 7), 10),)
    assert entering.pensions == (PensionEntry(annual=1),)
    assert entering.benefits == half.benefits  # not being entered: still an error for to_case
    with pytest.raises(CaseInputError):
        to_case(entering)
    to_case(without_half_rows(half, {"bonuses", "pensions", "benefits"}))


def test_nothing_entered_until_any_income_is() -> None:
    assert BASE.nothing_entered()
    assert replace(BASE, insured=Insured(5_000_000)).nothing_entered()  # not the dependent's
    assert not replace(BASE, pensions=(PensionEntry(),)).nothing_entered()
    assert not replace(BASE, labour_contract=LabourContract(1)).nothing_entered()


def test_bonus_rows_list_every_employers_bonuses_in_table_order() -> None:
    sheet = replace(BASE, employers=(
        EmployerEntry("A", bonuses=(BonusEntry(gross=1), BonusEntry(gross=2))),
        EmployerEntry("B", bonuses=(BonusEntry(gross=3),))))
    assert [(i, b.gross) for i, b in sheet.bonus_rows] == [(0, 1), (0, 2), (1, 3)]


def test_a_stored_sheet_cannot_choose_its_profile() -> None:
    with pytest.raises(CaseInputError) as info:
        sheet_from_json({**sheet_to_json(BASE), "profile": "mhlw_strict"})
    assert info.value.field == "profile"
    assert case_from_json({**sheet_to_json(BASE), "profile": "mhlw_strict"}).profile \
        == "mhlw_strict"  # the calc command's input may

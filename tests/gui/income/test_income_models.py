"""Item models of the 収入 tab pass qtmodeltester; amounts parse and display as examiners expect."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from fractions import Fraction

import pytest
from income_helpers import base_sheet, sheet_with
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.sheet import (
    BenefitEntry,
    BonusEntry,
    BusinessEntry,
    EmployerEntry,
    IncomeSheet,
    OtherIncomeEntry,
    PensionEntry,
)
from reviewer_app.domain.vocabulary import BenefitKind, PensionKind
from reviewer_app.profiles import load_profile
from reviewer_app.ui.income.document import IncomeDocument
from reviewer_app.ui.income.models import MonthGridModel, grid_months
from reviewer_app.ui.income.money import AmountError, parse_amount
from reviewer_app.ui.income.tab import IncomeTab
from reviewer_app.ui.labels import format_yen
from reviewer_app.ui.qt import Qt

pytestmark = pytest.mark.gui


def _document(sheet: IncomeSheet) -> IncomeDocument:
    document = IncomeDocument()
    document.load(sheet, load_profile("default"))
    return document


@pytest.mark.parametrize("amounts", [[], [98_000] * 12, [98_000, None, 120_000, 120_000, 120_000]])
def test_month_grid_model_passes_modeltester(qtmodeltester: ModelTester,
                                             amounts: list[int | None]) -> None:
    document = _document(sheet_with(amounts))
    model = MonthGridModel(document)
    qtmodeltester.check(model)
    # Changes that reset the model (a second employer) and that only change data.
    document.edit("add", lambda s: replace(s, employers=(*s.employers, EmployerEntry("B社"))))
    qtmodeltester.check(model)
    document.undo_stack.undo()
    document.undo_stack.redo()
    qtmodeltester.check(model)


def test_month_grid_model_without_employers(qtmodeltester: ModelTester) -> None:
    model = MonthGridModel(_document(replace(base_sheet(), employers=())))
    qtmodeltester.check(model)
    assert model.columnCount() == 3  # bonus share, total, status


def test_section_models_pass_modeltester(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    sheet = _with_bonus(sheet_with([98_000] * 12), 60_001)
    sheet = replace(
        sheet, pensions=(PensionEntry(PensionKind.SURVIVORS, 600_000),),
        self_employment=(BusinessEntry(800_000, 950_000),),
        other_income=(OtherIncomeEntry("相続", 100_000),),
        benefits=(BenefitEntry(BenefitKind.UNEMPLOYMENT, 3_500, date(2023, 6, 1)),))
    tab = IncomeTab()
    qtbot.addWidget(tab)
    tab.set_sheet(sheet, load_profile("default"))
    for model in [tab.grid_model, tab.employers_model, *tab.section_models.values()]:
        qtmodeltester.check(model)
        assert model.rowCount() >= 1
    for model in tab.section_models.values():
        model.add_record()
        qtmodeltester.check(model)
        model.remove_record(0)
        qtmodeltester.check(model)


def test_grid_rows_are_the_target_year_then_twelve_months_for_recertification() -> None:
    months = [str(m) for m in grid_months(base_sheet())]
    assert months[0] == "2023-01" and months[11] == "2023-12" and months[-1] == "2024-12"
    assert len(months) == 24
    later = replace(base_sheet(), recertification_from=YearMonth(2024, 6))
    assert str(grid_months(later)[-1]) == "2025-05"


def test_bonus_share_is_shown_rounded_down_but_kept_exact() -> None:
    sheet = _with_bonus(sheet_with([98_000] * 12), 60_006)  # 5,000.5 a month
    model = MonthGridModel(_document(sheet))
    row = model.row_of("2023-01")
    assert model.index(row, 1).data() == "5,000"
    assert model.index(row, 2).data() == "103,000"
    assert "103,000.5" in model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize(("text", "value"), [
    ("98000", 98_000), ("98,000", 98_000), ("９８０００", 98_000), ("９８，０００", 98_000),
    (" 98,000円 ", 98_000), ("¥1,234,567", 1_234_567), ("0", 0), ("", None), ("　", None),
])
def test_parse_amount_accepts(text: str, value: int | None) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["abc", "-1", "－１", "98.5", "9,8000", "1e5", "98 000x",
                                  "1,0000,000"])
def test_parse_amount_refuses(text: str) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize(("value", "text"), [
    (108_333, "108,333"), (Fraction("10000.5"), "10,000"), (Fraction(833_399, 100), "8,333"),
    (Fraction(100_000, 12), "8,333"), (0, "0"), (None, ""),
])
def test_format_yen_rounds_down(value: int | Fraction | None, text: str) -> None:
    assert format_yen(value) == text


def _with_bonus(sheet: IncomeSheet, gross: int) -> IncomeSheet:
    """A社 pays a bonus of ``gross`` in July 2023."""
    first = replace(sheet.employers[0], bonuses=(BonusEntry(YearMonth(2023, 7), gross),))
    return sheet.with_employer(0, first)

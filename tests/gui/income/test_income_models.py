"""Item models of the 収入 tab pass qtmodeltester; amounts parse and display as examiners expect."""

from __future__ import annotations

from decimal import Decimal

import pytest
from income_helpers import base_sheet, sheet_with
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reviewer_app.profiles import load_profile
from reviewer_app.ui.income.document import IncomeDocument
from reviewer_app.ui.income.models import MonthGridModel, grid_months
from reviewer_app.ui.income.money import AmountError, format_yen, parse_amount
from reviewer_app.ui.income.tab import IncomeTab
from reviewer_app.ui.qt import Qt

pytestmark = pytest.mark.gui


def _document(sheet: dict[str, object]) -> IncomeDocument:
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
    document.edit("add", lambda s: s["employers"].append({"name": "B社", "payments": []}))
    qtmodeltester.check(model)
    document.undo_stack.undo()
    document.undo_stack.redo()
    qtmodeltester.check(model)


def test_month_grid_model_without_employers(qtmodeltester: ModelTester) -> None:
    model = MonthGridModel(_document(base_sheet(employers=[])))
    qtmodeltester.check(model)
    assert model.columnCount() == 3  # bonus share, total, status


def test_section_models_pass_modeltester(qtbot: QtBot, qtmodeltester: ModelTester) -> None:
    sheet = sheet_with([98_000] * 12)
    sheet["employers"][0]["bonuses"] = [{"month": "2023-07", "gross": 60_001}]
    sheet["pensions"] = [{"kind": "survivors", "annual": 600_000}]
    sheet["self_employment"] = [{"revenue": 800_000, "direct_expenses": 950_000}]
    sheet["other_income"] = [{"label": "相続", "amount": 100_000}]
    sheet["benefits"] = [{"kind": "unemployment", "daily_amount": 3_500,
                          "start_date": "2023-06-01"}]
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
    months = grid_months(base_sheet())
    assert months[0] == "2023-01" and months[11] == "2023-12" and months[-1] == "2024-12"
    assert len(months) == 24
    later = base_sheet(recertification_from="2024-06")
    assert grid_months(later)[-1] == "2025-05"


def test_bonus_share_is_shown_rounded_down_but_kept_exact() -> None:
    sheet = sheet_with([98_000] * 12)
    sheet["employers"][0]["bonuses"] = [{"month": "2023-07", "gross": 60_006}]  # 5,000.5 a month
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
    (108_333, "108,333"), (Decimal("10000.5"), "10,000"), (8333.99, "8,333"),
    (100000 / 12, "8,333"), (0, "0"), (None, ""),
])
def test_format_yen_rounds_down(value: object, text: str) -> None:
    assert format_yen(value) == text

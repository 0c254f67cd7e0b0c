"""The month grid's item model: rows are payment months, columns the employers' salaries, the
bonus share, the month's total and the monthly-limit status.

It reads the sheet and the engine's :class:`~reviewer_app.domain.engine.Evaluation` from
:class:`IncomeDocument`; it computes no rule (totals, over, missing and the triggering run all
come from the engine).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from reviewer_app.domain.dates import YearMonth, month_range
from reviewer_app.domain.income import MonthRow
from reviewer_app.domain.sheet import BonusEntry, EmployerEntry, IncomeSheet
from reviewer_app.services.suggestions import Kind, MonthSuggestion, Source
from reviewer_app.ui import palette
from reviewer_app.ui.income.document import IncomeDocument
from reviewer_app.ui.income.money import AmountError, parse_amount
from reviewer_app.ui.income.suggested import SUGGESTED_EMPLOYER, SuggestedAmounts
from reviewer_app.ui.labels import format_exact, format_yen, month_label
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore, QtGui, Signal

_INVALID = QtCore.QModelIndex()

# Custom roles, read by the delegate that outlines the triggering run.
RUN_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # "first" / "middle" / "last" / "single" / None
MONTH_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the row's month, "YYYY-MM"
# the MonthSuggestion a cell offers (not accepted yet), else None
SUGGESTION_ROLE = int(Qt.ItemDataRole.UserRole) + 3
SUGGESTED_MARK = "◇"  # before an amount read from a document and not confirmed yet
CONFIRMED_MARK = "✓"  # before an amount confirmed from a document

RECERT_MONTHS = 12  # rows after the target year, for 遡り再認定


@dataclass(frozen=True)
class GridColumn:
    kind: str  # "salary" | "bonus" | "total" | "status"
    employer: int = -1


def target_year(sheet: IncomeSheet | None) -> int:
    if sheet is not None and 1900 <= sheet.target_year <= 2200:
        return sheet.target_year
    return datetime.date.today().year - 1


def grid_months(sheet: IncomeSheet | None) -> list[YearMonth]:
    """The target year's twelve months, then months for re-certification (at least twelve, and
    enough to show every entered payment and a year from ``recertification_from``)."""
    year = target_year(sheet)
    months = [YearMonth(year, 1), YearMonth(year + 1, RECERT_MONTHS)]
    if sheet is not None:
        months += [p.month for e in sheet.employers for p in e.payments]
        if sheet.recertification_from is not None:
            months.append(sheet.recertification_from.shifted(11))
    return month_range(min(months), max(months))


class MonthGridModel(QtCore.QAbstractTableModel):
    inputRejected = Signal(str)

    def __init__(self, document: IncomeDocument, parent: QtCore.QObject | None = None, *,
                 suggested: SuggestedAmounts | None = None,
                 new_employer: Callable[[IncomeSheet], EmployerEntry] | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.suggested = suggested if suggested is not None else SuggestedAmounts(self)
        self._new_employer = new_employer or (lambda _sheet: EmployerEntry())
        self._months: list[YearMonth] = []
        self._columns: list[GridColumn] = []
        self._names: list[str] = []
        self._evaluated: dict[YearMonth, MonthRow] = {}
        self._run: list[YearMonth] = []
        self._recert: set[YearMonth] = set()
        self._year = 0
        self._rebuild()
        document.changed.connect(self._on_changed)
        document.readOnlyChanged.connect(self._on_changed)
        self.suggested.changed.connect(self._on_changed)

    # -- structure -----------------------------------------------------------------------
    def _shape(self) -> tuple[list[YearMonth], list[GridColumn], list[str]]:
        employers = self._doc.employers()
        columns = [GridColumn("salary", i) for i in range(len(employers))]
        names = [e.name for e in employers]
        if not employers and self.suggested.has_salary() and not self._doc.read_only:
            # Amounts read from payslips and no employer yet: accepting one makes the employer.
            columns, names = [GridColumn("salary", SUGGESTED_EMPLOYER)], [""]
        columns += [GridColumn("bonus"), GridColumn("total"), GridColumn("status")]
        return grid_months(self._doc.sheet), columns, names

    def _rebuild(self) -> None:
        self._months, self._columns, self._names = self._shape()
        self._year = target_year(self._doc.sheet)
        ev = self._doc.evaluation
        self._evaluated = {YearMonth.from_index(r.month_index): r
                           for r in ev.months} if ev is not None else {}
        self._run = _months(ev.exclusion.months) if ev is not None else []
        self._recert = set(_months(ev.recertification.months)) if ev is not None else set()

    def _on_changed(self) -> None:
        months, columns, names = self._shape()
        if (months, columns) != (self._months, self._columns):
            self.beginResetModel()
            self._rebuild()
            self.endResetModel()
            return
        self._rebuild()
        if names != self._names:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)
        if self._months and self._columns:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._months) - 1, len(self._columns) - 1))

    # -- public helpers for the view -----------------------------------------------------
    def month(self, row: int) -> YearMonth:
        return self._months[row]

    def column(self, col: int) -> GridColumn:
        return self._columns[col]

    def salary_columns(self) -> list[int]:
        return [i for i, c in enumerate(self._columns) if c.kind == "salary"]

    def row_of(self, month: YearMonth | str) -> int:
        key = month if isinstance(month, YearMonth) else YearMonth.parse(month)
        if key is None:
            raise ValueError(f"not a month: {month!r}")
        return self._months.index(key)

    # -- QAbstractTableModel -------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._months)

    def columnCount(self, parent: ModelIndex = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._columns[index.column()].kind == "salary" and not self._doc.read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if not 0 <= section < len(self._months):
                return None
            month = self._months[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return month_label(month)
            if role == Qt.ItemDataRole.ForegroundRole and month.year != self._year:
                return QtGui.QBrush(palette.SECONDARY_TEXT)
            if role == Qt.ItemDataRole.ToolTipRole and month.year != self._year:
                return self.tr("対象年の翌年以降(遡り再認定の確認用)")
            return None
        if not 0 <= section < len(self._columns):
            return None
        column = self._columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == "salary":
                name = self._names[column.employer] or self.tr("勤務先{n}").replace(
                    "{n}", str(column.employer + 1))
                return self.tr("給与\n{name}").replace("{name}", name)
            return {"bonus": self.tr("賞与\n(按分)"), "total": self.tr("合計"),
                    "status": self.tr("月額限度\n判定")}[column.kind]
        if role == Qt.ItemDataRole.ToolTipRole:
            return {"salary": self.tr("支払月ごとの総支給額(通勤手当を含む)。空欄は未入力、"
                                      "支給がない月は 0 を入力します。"),
                    "bonus": self.tr("その年の賞与合計の12分の1(エンジンの計算値)"),
                    "total": self.tr("給与と賞与按分の合計(エンジンの計算値)"),
                    "status": self.tr("月額限度額との比較")}[column.kind]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        month = self._months[index.row()]
        column = self._columns[index.column()]
        evaluated = self._evaluated.get(month)
        if role == MONTH_ROLE:
            return str(month)
        if role == RUN_ROLE:
            return self._run_position(month)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind == "status":
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column.kind == "salary":
            offered = self.suggested.pending(self._doc.sheet, Kind.SALARY, column.employer,
                                             month)
            if offered is not None and not self._doc.read_only:
                return self._suggested_data(offered, role)
            return self._salary_data(month, column.employer, evaluated, role)
        if column.kind == "bonus":
            offered = self.suggested.pending(self._doc.sheet, Kind.BONUS, SUGGESTED_EMPLOYER,
                                             month)
            if offered is not None and not self._doc.read_only:
                return self._suggested_data(offered, role)
        if role == SUGGESTION_ROLE:
            return None
        return self._computed_data(month, column.kind, evaluated, role)

    def _suggested_data(self, offered: MonthSuggestion, role: int) -> Any:
        if role == SUGGESTION_ROLE:
            return offered
        if role == Qt.ItemDataRole.DisplayRole:
            return SUGGESTED_MARK + format_yen(offered.gross)
        if role == Qt.ItemDataRole.EditRole:
            return ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QtGui.QBrush(palette.SECONDARY_TEXT)
        if role == Qt.ItemDataRole.FontRole:
            font = QtGui.QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.suggestion_tip(offered)
        return None

    def suggestion_tip(self, offered: MonthSuggestion) -> str:
        source = (self.tr("PDFの文字情報") if offered.source is Source.TEXT
                  else self.tr("画像の文字認識(OCR)"))
        kind = self.tr("賞与") if offered.kind is Kind.BONUS else self.tr("給与")
        text = self.tr("書類から読み取った{kind}の候補: {amount}円\n読み取り元: {source}"
                       "（{page}ページ目、確からしさ {confidence}%）").replace(
            "{kind}", kind).replace("{amount}", format_exact(offered.gross)).replace(
            "{source}", source).replace("{page}", str(offered.page)).replace(
            "{confidence}", str(round(offered.confidence * 100)))
        if not offered.confident:
            text += "\n" + self.tr("確からしさが低い候補です。書類をよく確かめてください。")
        return text + "\n" + self.tr("Enter で確定して次の月へ ／ 数字を入力すると置き換え")

    def _run_position(self, month: YearMonth) -> str | None:
        if month not in self._run:
            return None
        i = self._run.index(month)
        first = i == 0 or self._run[i - 1] != month.shifted(-1)
        last = i == len(self._run) - 1 or self._run[i + 1] != month.shifted(1)
        return {(True, True): "single", (True, False): "first",
                (False, True): "last", (False, False): "middle"}[(first, last)]

    def _salary_data(self, month: YearMonth, employer: int, evaluated: MonthRow | None,
                     role: int) -> Any:
        employers = self._doc.employers()
        gross = employers[employer].payment(month) if employer < len(employers) else None
        missing = gross is None and evaluated is not None and evaluated.missing
        confirmed = self.suggested.confirmed(self._doc.sheet, Kind.SALARY, employer, month)
        if role == Qt.ItemDataRole.DisplayRole:
            if confirmed is not None and gross is not None:
                return CONFIRMED_MARK + format_yen(gross)
            return format_yen(gross) if gross is not None else (
                self.tr("未入力") if missing else "")
        if role == Qt.ItemDataRole.EditRole:
            return str(gross) if gross is not None else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return QtGui.QBrush(palette.MISSING_BG) if missing else self._row_background(
                evaluated, month)
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return QtGui.QBrush(palette.MISSING_FG)
        if role == Qt.ItemDataRole.FontRole and missing:
            font = QtGui.QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and missing:
            return self.tr("未入力です。支給がなかった月は 0 を入力してください。")
        if role == Qt.ItemDataRole.ToolTipRole and confirmed is not None:
            text = self.tr("書類から読み取った金額を確認して確定しました（{page}ページ目）")
            return text.replace("{page}", str(confirmed.page))
        return None

    def _row_background(self, evaluated: MonthRow | None, month: YearMonth) -> Any:
        if evaluated is not None and evaluated.over:
            return QtGui.QBrush(palette.OVER_BG)
        if month in self._recert:
            return QtGui.QBrush(palette.RECERT_BG)
        return None

    def _computed_data(self, month: YearMonth, kind: str, evaluated: MonthRow | None,
                       role: int) -> Any:
        if evaluated is None:
            return None
        over = evaluated.over
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "bonus":
                return format_yen(evaluated.bonus_share)
            if kind == "total":
                return format_yen(evaluated.total)
            return self._status_text(month, evaluated)
        if role == Qt.ItemDataRole.BackgroundRole:
            if evaluated.missing and kind == "status":
                return QtGui.QBrush(palette.MISSING_BG)
            return self._row_background(evaluated, month)
        if role == Qt.ItemDataRole.ForegroundRole and over and kind != "bonus":
            return QtGui.QBrush(palette.OVER_FG)
        if role == Qt.ItemDataRole.FontRole and over and kind != "bonus":
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            exact = evaluated.total if kind != "bonus" else evaluated.bonus_share
            text = self.tr("{month}: {amount}円").replace("{month}", month_label(month)).replace(
                "{amount}", format_exact(exact))
            if month in self._run:
                text += "\n" + self.tr("除外日の判定に使われた月です。")
            return text
        return None

    def _status_text(self, month: YearMonth, evaluated: MonthRow) -> str:
        if evaluated.missing:
            text = self.tr("未入力")
        elif evaluated.over:
            text = self.tr("超過")
        else:
            text = self.tr("以内")
        if month in self._run:
            text += self.tr("・判定")
        elif month in self._recert:
            text += self.tr("・再認定")
        return text

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self._columns[index.column()]
        if column.kind != "salary":
            return False
        try:
            gross = parse_amount(str(value) if value is not None else "")
        except AmountError as exc:
            self.inputRejected.emit(str(exc))
            return False
        month = self._months[index.row()]
        self.suggested.typed(Kind.SALARY, column.employer, month)
        return self.set_amounts(column.employer, month, [gross])

    def set_amounts(self, employer: int, first_month: YearMonth,
                    amounts: list[int | None]) -> bool:
        """Set consecutive months from ``first_month`` for one employer as one undo step."""

        def change(sheet: IncomeSheet) -> IncomeSheet:
            sheet = self._with_employer(sheet, employer)
            target = sheet.employers[employer]
            for offset, amount in enumerate(amounts):
                target = target.with_payment(first_month.shifted(offset), amount)
            return sheet.with_employer(employer, target)

        label = month_label(first_month)
        text = (self.tr("{month}の給与を入力") if len(amounts) == 1
                else self.tr("{month}から{n}か月分を貼り付け").replace("{n}", str(len(amounts))))
        return self._doc.edit(text.replace("{month}", label), change)


    def _with_employer(self, sheet: IncomeSheet, employer: int) -> IncomeSheet:
        """``sheet`` with employers up to ``employer`` (the grid offers the first employer's
        column before there is one when payslips were read)."""
        while len(sheet.employers) <= employer:
            sheet = replace(sheet, employers=(*sheet.employers, self._new_employer(sheet)))
        return sheet

    # -- suggestions ---------------------------------------------------------------------
    def offered(self, index: ModelIndex) -> MonthSuggestion | None:
        value = index.data(SUGGESTION_ROLE) if index.isValid() else None
        return value if isinstance(value, MonthSuggestion) else None

    def accept(self, index: ModelIndex) -> bool:
        """Write the suggestion the cell offers into the sheet (one undo step)."""
        offered = self.offered(index)
        if offered is None or self._doc.read_only:
            return False
        return self.accept_all([offered], self.tr("{month}の候補を確定").replace(
            "{month}", month_label(self._months[index.row()])))

    def accept_all(self, offered: list[MonthSuggestion], text: str | None = None) -> bool:
        """Write these suggestions into the sheet as one undo step, and remember them as
        accepted (recorded with the next save)."""
        if not offered or self._doc.read_only:
            return False

        def change(sheet: IncomeSheet) -> IncomeSheet:
            sheet = self._with_employer(sheet, SUGGESTED_EMPLOYER)
            target = sheet.employers[SUGGESTED_EMPLOYER]
            for s in offered:
                month = YearMonth.parse(s.month)
                assert month is not None
                if s.kind is Kind.SALARY:
                    target = target.with_payment(month, s.gross)
                else:
                    target = replace(target, bonuses=tuple(sorted(
                        (*target.bonuses, BonusEntry(month, s.gross)),
                        key=lambda b: (b.month is None, b.month or YearMonth(0, 1)))))
            return sheet.with_employer(SUGGESTED_EMPLOYER, target)

        for s in offered:
            self.suggested.accepted(s)
        label = text or self.tr("{n}件の候補を確定").replace("{n}", str(len(offered)))
        return self._doc.edit(label, change)

    def index_of(self, suggestion: MonthSuggestion) -> ModelIndex:
        month = YearMonth.parse(suggestion.month)
        if month is None or month not in self._months:
            return _INVALID
        kind = "salary" if suggestion.kind is Kind.SALARY else "bonus"
        for col, column in enumerate(self._columns):
            if column.kind == kind and (kind == "bonus" or column.employer == SUGGESTED_EMPLOYER):
                return self.index(self._months.index(month), col)
        return _INVALID


def _months(keys: tuple[str, ...]) -> list[YearMonth]:
    return [m for m in (YearMonth.parse(k) for k in keys) if m is not None]

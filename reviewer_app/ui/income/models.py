"""The month grid's item model: rows are payment months, columns the employers' salaries, the
bonus share, the month's total and the monthly-limit status.

It reads the sheet and the engine's evaluation from :class:`IncomeDocument`; it computes no rule
(totals, over, missing and the triggering run all come from the engine).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from reviewer_app.ui.income.document import IncomeDocument, Sheet
from reviewer_app.ui.income.money import (
    AmountError,
    add_months,
    format_yen,
    month_key,
    month_label,
    month_range,
    parse_amount,
    parse_month,
    to_decimal,
)
from reviewer_app.ui.qt import Qt, QtCore, QtGui, Signal

ModelIndex = QtCore.QModelIndex | QtCore.QPersistentModelIndex
_INVALID = QtCore.QModelIndex()

# Custom roles, read by the delegate that outlines the triggering run.
RUN_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # "first" / "middle" / "last" / "single" / None
MONTH_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the row's month, "YYYY-MM"

OVER_BG = QtGui.QColor("#fbe3e1")
OVER_FG = QtGui.QColor("#a1261c")
MISSING_BG = QtGui.QColor("#fff6d6")
MISSING_FG = QtGui.QColor("#8a6d1d")
RECERT_BG = QtGui.QColor("#e4f4e6")
NEXT_YEAR_FG = QtGui.QColor("#5b6b7a")
RECERT_MONTHS = 12  # rows after the target year, for 遡り再認定


@dataclass(frozen=True)
class GridColumn:
    kind: str  # "salary" | "bonus" | "total" | "status"
    employer: int = -1


def target_year(sheet: Sheet) -> int:
    year = sheet.get("target_year")
    if isinstance(year, int) and not isinstance(year, bool) and 1900 <= year <= 2200:
        return year
    return datetime.date.today().year - 1


def grid_months(sheet: Sheet) -> list[str]:
    """The target year's twelve months, then months for re-certification (at least twelve, and
    enough to show every entered payment and a year from ``recertification_from``)."""
    year = target_year(sheet)
    first, last = month_key(year, 1), month_key(year + 1, RECERT_MONTHS)
    keys = [first, last]
    employers = sheet.get("employers")
    for employer in employers if isinstance(employers, list) else []:
        payments = employer.get("payments") if isinstance(employer, dict) else None
        for payment in payments if isinstance(payments, list) else []:
            if isinstance(payment, dict) and parse_month(payment.get("month")) is not None:
                keys.append(str(payment["month"]))
    recert = sheet.get("recertification_from")
    if parse_month(recert) is not None:
        keys.append(add_months(str(recert), 11))
    return month_range(min(keys), max(keys))


def payment_of(employer: dict[str, Any], month: str) -> int | None:
    payments = employer.get("payments")
    for payment in payments if isinstance(payments, list) else []:
        if isinstance(payment, dict) and payment.get("month") == month:
            gross = payment.get("gross")
            return gross if isinstance(gross, int) and not isinstance(gross, bool) else None
    return None


def set_payment(employer: dict[str, Any], month: str, gross: int | None) -> None:
    """Set (or with None remove) the employer's payment for ``month``, keeping months sorted."""
    payments = [p for p in employer.get("payments") or [] if not
                (isinstance(p, dict) and p.get("month") == month)]
    if gross is not None:
        payments.append({"month": month, "gross": gross})
    payments.sort(key=lambda p: str(p.get("month", "")) if isinstance(p, dict) else "")
    employer["payments"] = payments


class MonthGridModel(QtCore.QAbstractTableModel):
    inputRejected = Signal(str)

    def __init__(self, document: IncomeDocument, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._months: list[str] = []
        self._columns: list[GridColumn] = []
        self._names: list[str] = []
        self._evaluated: dict[str, dict[str, Any]] = {}
        self._run: list[str] = []
        self._recert: set[str] = set()
        self._year = 0
        self._rebuild()
        document.changed.connect(self._on_changed)
        document.readOnlyChanged.connect(self._on_changed)

    # -- structure -----------------------------------------------------------------------
    def _shape(self) -> tuple[list[str], list[GridColumn], list[str]]:
        sheet = self._doc.sheet
        employers = self._doc.employers()
        columns = [GridColumn("salary", i) for i in range(len(employers))]
        columns += [GridColumn("bonus"), GridColumn("total"), GridColumn("status")]
        names = [str(e.get("name") or "") for e in employers]
        return grid_months(sheet), columns, names

    def _rebuild(self) -> None:
        self._months, self._columns, self._names = self._shape()
        self._year = target_year(self._doc.sheet)
        ev = self._doc.evaluation or {}
        self._evaluated = {str(m.get("month")): m for m in ev.get("months") or []
                           if isinstance(m, dict)}
        exclusion = ev.get("exclusion") or {}
        self._run = [str(m) for m in exclusion.get("months") or []]
        self._recert = {str(m) for m in (ev.get("recertification") or {}).get("months") or []}

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
    def month(self, row: int) -> str:
        return self._months[row]

    def column(self, col: int) -> GridColumn:
        return self._columns[col]

    def salary_columns(self) -> list[int]:
        return [i for i, c in enumerate(self._columns) if c.kind == "salary"]

    def row_of(self, month: str) -> int:
        return self._months.index(month)

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
            if role == Qt.ItemDataRole.ForegroundRole and not month.startswith(f"{self._year}-"):
                return QtGui.QBrush(NEXT_YEAR_FG)
            if role == Qt.ItemDataRole.ToolTipRole and not month.startswith(f"{self._year}-"):
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
            return month
        if role == RUN_ROLE:
            return self._run_position(month)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if column.kind == "status":
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if column.kind == "salary":
            return self._salary_data(month, column.employer, evaluated, role)
        return self._computed_data(month, column.kind, evaluated, role)

    def _run_position(self, month: str) -> str | None:
        if month not in self._run:
            return None
        i = self._run.index(month)
        first = i == 0 or self._run[i - 1] != add_months(month, -1)
        last = i == len(self._run) - 1 or self._run[i + 1] != add_months(month, 1)
        return {(True, True): "single", (True, False): "first",
                (False, True): "last", (False, False): "middle"}[(first, last)]

    def _salary_data(self, month: str, employer: int, evaluated: dict[str, Any] | None,
                     role: int) -> Any:
        employers = self._doc.employers()
        gross = payment_of(employers[employer], month) if employer < len(employers) else None
        missing = gross is None and bool(evaluated and evaluated.get("missing"))
        if role == Qt.ItemDataRole.DisplayRole:
            return format_yen(gross) if gross is not None else (
                self.tr("未入力") if missing else "")
        if role == Qt.ItemDataRole.EditRole:
            return str(gross) if gross is not None else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return QtGui.QBrush(MISSING_BG) if missing else self._row_background(evaluated, month)
        if role == Qt.ItemDataRole.ForegroundRole and missing:
            return QtGui.QBrush(MISSING_FG)
        if role == Qt.ItemDataRole.FontRole and missing:
            font = QtGui.QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and missing:
            return self.tr("未入力です。支給がなかった月は 0 を入力してください。")
        return None

    def _row_background(self, evaluated: dict[str, Any] | None, month: str) -> Any:
        if evaluated and evaluated.get("over"):
            return QtGui.QBrush(OVER_BG)
        if month in self._recert:
            return QtGui.QBrush(RECERT_BG)
        return None

    def _computed_data(self, month: str, kind: str, evaluated: dict[str, Any] | None,
                       role: int) -> Any:
        if evaluated is None:
            return None
        over = bool(evaluated.get("over"))
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == "bonus":
                return format_yen(evaluated.get("bonus_share"))
            if kind == "total":
                return format_yen(evaluated.get("total"))
            return self._status_text(month, evaluated)
        if role == Qt.ItemDataRole.BackgroundRole:
            if evaluated.get("missing") and kind == "status":
                return QtGui.QBrush(MISSING_BG)
            return self._row_background(evaluated, month)
        if role == Qt.ItemDataRole.ForegroundRole and over and kind != "bonus":
            return QtGui.QBrush(OVER_FG)
        if role == Qt.ItemDataRole.FontRole and over and kind != "bonus":
            font = QtGui.QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            exact = to_decimal(evaluated.get("total" if kind != "bonus" else "bonus_share"))
            text = self.tr("{month}: {amount}円").replace("{month}", month_label(month)).replace(
                "{amount}", f"{exact:,}" if exact is not None else "")
            if month in self._run:
                text += "\n" + self.tr("除外日の判定に使われた月です。")
            return text
        return None

    def _status_text(self, month: str, evaluated: dict[str, Any]) -> str:
        if evaluated.get("missing"):
            text = self.tr("未入力")
        elif evaluated.get("over"):
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
        return self.set_amounts(column.employer, self._months[index.row()], [gross])

    def set_amounts(self, employer: int, first_month: str, amounts: list[int | None]) -> bool:
        """Set consecutive months from ``first_month`` for one employer as one undo step."""
        month = first_month
        changes: list[tuple[str, int | None]] = []
        for amount in amounts:
            changes.append((month, amount))
            month = add_months(month, 1)

        def mutate(sheet: Sheet) -> None:
            target = [e for e in sheet.get("employers") or [] if isinstance(e, dict)][employer]
            for key, amount in changes:
                set_payment(target, key, amount)

        label = month_label(first_month)
        text = (self.tr("{month}の給与を入力") if len(amounts) == 1
                else self.tr("{month}から{n}か月分を貼り付け").replace("{n}", str(len(amounts))))
        return self._doc.edit(text.replace("{month}", label), mutate)

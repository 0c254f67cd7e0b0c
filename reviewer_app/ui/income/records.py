"""Item models for the list sections of the sheet: employers, bonuses, pensions,
self-employment, other income and benefits. One generic table model, configured by columns."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from reviewer_app.ui.income.delegates import CHOICES_ROLE
from reviewer_app.ui.income.document import IncomeDocument, Sheet
from reviewer_app.ui.income.money import AmountError, format_yen, parse_amount, parse_month
from reviewer_app.ui.qt import Qt, QtCore, Signal

ModelIndex = QtCore.QModelIndex | QtCore.QPersistentModelIndex
_INVALID = QtCore.QModelIndex()
Choices = list[tuple[Any, str]]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: str  # "amount" | "text" | "choice" | "month" | "date"
    choices: Callable[[], Choices] | None = None


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("IncomeRecords", text)


def cutoff_choices() -> Choices:
    return [*((d, _tr("{d}日").replace("{d}", str(d))) for d in range(1, 31)), ("end", _tr("末日"))]


def pay_day_choices() -> Choices:
    days = [(d, _tr("{d}日").replace("{d}", str(d))) for d in range(1, 31)]
    return [(None, _tr("不明")), *days, (31, _tr("末日"))]


def offset_choices() -> Choices:
    return [(0, _tr("当月")), (1, _tr("翌月")), (2, _tr("翌々月"))]


def pension_choices() -> Choices:
    return [("old_age", _tr("老齢年金")), ("survivors", _tr("遺族年金")),
            ("disability", _tr("障害年金")), ("other", _tr("その他の年金"))]


def benefit_choices() -> Choices:
    return [("unemployment", _tr("失業給付")), ("sickness", _tr("傷病手当金")),
            ("maternity", _tr("出産手当金"))]


class RecordTableModel(QtCore.QAbstractTableModel):
    """Rows are the records of one list in the sheet (``sheet[section]``)."""

    inputRejected = Signal(str)

    def __init__(self, document: IncomeDocument, section: str, columns: list[Column],
                 new_record: Callable[[Sheet], dict[str, Any]], noun: str,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._section = section
        self._columns = columns
        self._new_record = new_record
        self._noun = noun
        self._rows = self.records(document.sheet)
        document.changed.connect(self._on_changed)
        document.readOnlyChanged.connect(self._on_changed)

    @property
    def section(self) -> str:
        return self._section

    @property
    def document(self) -> IncomeDocument:
        return self._doc

    # Subclasses with a nested list (bonuses) override these two.
    def records(self, sheet: Sheet) -> list[dict[str, Any]]:
        value = sheet.get(self._section)
        return [dict(r) for r in value if isinstance(r, dict)] if isinstance(value, list) else []

    def write(self, sheet: Sheet, records: list[dict[str, Any]]) -> None:
        if records:
            sheet[self._section] = records
        else:
            sheet.pop(self._section, None)

    def _on_changed(self) -> None:
        rows = self.records(self._doc.sheet)
        if len(rows) != len(self._rows):
            self.beginResetModel()
            self._rows = rows
            self.endResetModel()
            return
        self._rows = rows
        if rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(rows) - 1, len(self._columns) - 1))

    def rowCount(self, parent: ModelIndex = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = _INVALID) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags if self._doc.read_only else flags | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].header
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        column = self._columns[index.column()]
        value = self._rows[index.row()].get(column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == "amount":
                return format_yen(value)
            if column.kind == "choice" and column.choices is not None:
                return next((label for v, label in column.choices() if v == value),
                            "" if value is None else str(value))
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.EditRole:
            if column.kind == "choice":
                return value
            return "" if value is None else str(value)
        if role == CHOICES_ROLE and column.kind == "choice" and column.choices is not None:
            return column.choices()
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind == "amount":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind in ("month", "date"):
            return _tr("YYYY-MM 形式(例: 2023-07)") if column.kind == "month" else _tr(
                "YYYY-MM-DD 形式(例: 2023-06-01)")
        return None

    def _convert(self, column: Column, value: Any) -> Any:
        """The value to store; raises AmountError (any ValueError) with the message to show."""
        if column.kind == "amount":
            return parse_amount("" if value is None else str(value))
        if column.kind == "choice":
            return value
        text = ("" if value is None else str(value)).strip()
        if column.kind == "month" and text and parse_month(text) is None:
            raise AmountError(_tr("年月は 2023-07 のように入力してください。"))
        if column.kind == "date" and text:
            try:
                datetime.date.fromisoformat(text)
            except ValueError:
                raise AmountError(_tr("日付は 2023-06-01 のように入力してください。")) from None
        return text or None

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        column = self._columns[index.column()]
        try:
            stored = self._convert(column, value)
        except AmountError as exc:
            self.inputRejected.emit(str(exc))
            return False
        row = index.row()

        def mutate(sheet: Sheet) -> None:
            records = self.records(sheet)
            if stored is None:
                records[row].pop(column.key, None)
            else:
                records[row][column.key] = stored
            self.write(sheet, records)

        text = _tr("{noun}の「{column}」を変更").replace("{noun}", self._noun)
        return self._doc.edit(text.replace("{column}", column.header.replace("\n", "")), mutate)

    def add_record(self) -> bool:
        def mutate(sheet: Sheet) -> None:
            self.write(sheet, [*self.records(sheet), self._new_record(sheet)])

        return self._doc.edit(_tr("{noun}を追加").replace("{noun}", self._noun), mutate)

    def remove_record(self, row: int) -> bool:
        if not 0 <= row < len(self._rows):
            return False

        def mutate(sheet: Sheet) -> None:
            records = self.records(sheet)
            del records[row]
            self.write(sheet, records)

        return self._doc.edit(_tr("{noun}を削除").replace("{noun}", self._noun), mutate)


class BonusTableModel(RecordTableModel):
    """Bonuses live under each employer; shown as one list with the employer as a column."""

    def records(self, sheet: Sheet) -> list[dict[str, Any]]:
        rows = []
        employers = sheet.get("employers")
        for i, employer in enumerate(employers if isinstance(employers, list) else []):
            bonuses = employer.get("bonuses") if isinstance(employer, dict) else None
            for bonus in bonuses if isinstance(bonuses, list) else []:
                if isinstance(bonus, dict):
                    rows.append({**bonus, "employer": i})
        return rows

    def write(self, sheet: Sheet, records: list[dict[str, Any]]) -> None:
        employers = [e for e in sheet.get("employers") or [] if isinstance(e, dict)]
        for employer in employers:
            employer.pop("bonuses", None)
        for record in records:
            target = record.get("employer")
            if isinstance(target, int) and 0 <= target < len(employers):
                bonus = {k: v for k, v in record.items() if k != "employer"}
                employers[target].setdefault("bonuses", []).append(bonus)
        for employer in employers:
            # by month; a row without its month yet stays last, where the examiner typed it
            employer.get("bonuses", []).sort(
                key=lambda b: (not b.get("month"), str(b.get("month", ""))))


def employer_choices_for(document: IncomeDocument) -> Callable[[], Choices]:
    def choices() -> Choices:
        return [(i, str(e.get("name") or _tr("勤務先{n}").replace("{n}", str(i + 1))))
                for i, e in enumerate(document.employers())]
    return choices

"""Item models for the list sections of the sheet: employers, bonuses, pensions,
self-employment, other income and benefits. One generic table model over the sheet's typed rows
(frozen dataclasses), configured by columns that name the row's fields."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.sheet import BonusEntry, IncomeSheet, Section
from reviewer_app.domain.vocabulary import BenefitKind, PensionKind
from reviewer_app.ui import labels
from reviewer_app.ui.income.delegates import CHOICES_ROLE, PATTERN_ROLE, PLACEHOLDER_ROLE
from reviewer_app.ui.income.document import IncomeDocument
from reviewer_app.ui.income.money import AmountError, parse_amount
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore, Signal

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

    Row = DataclassInstance
else:
    Row = object

_INVALID = QtCore.QModelIndex()
Choices = list[tuple[Any, str]]
# What a month or date cell accepts as typed (issue 13: the bonus month's format is shown and
# nothing else can be typed); a prefix is accepted while typing.
MONTH_PATTERN = r"\d{4}-(0[1-9]|1[0-2])"
DATE_PATTERN = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"


@dataclass(frozen=True)
class Column:
    key: str  # the row's field
    header: str
    kind: str  # "amount" | "text" | "choice" | "month" | "date"
    choices: Callable[[], Choices] | None = None


@dataclass(frozen=True, slots=True)
class BonusRow:
    """A row of the 賞与 table: the bonuses of every employer, the employer as a column."""

    employer: int
    month: YearMonth | None = None
    gross: int | None = None


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("IncomeRecords", text)


def cutoff_choices() -> Choices:
    days = [(d, _tr("{d}日").replace("{d}", str(d))) for d in range(1, 31)]
    return [(None, _tr("不明")), *days, (31, _tr("末日"))]


def pay_day_choices() -> Choices:
    days = [(d, _tr("{d}日").replace("{d}", str(d))) for d in range(1, 31)]
    return [(None, _tr("不明")), *days, (31, _tr("末日"))]


def offset_choices() -> Choices:
    return [(None, _tr("不明")), (0, _tr("当月")), (1, _tr("翌月")), (2, _tr("翌々月"))]


def pension_choices() -> Choices:
    return [(kind, labels.pension_kind_label(kind)) for kind in PensionKind]


def benefit_choices() -> Choices:
    return [(kind, labels.benefit_kind_label(kind)) for kind in BenefitKind]


class RecordTableModel(QtCore.QAbstractTableModel):
    """Rows are the records of one list in the sheet (``sheet.<section>``)."""

    inputRejected = Signal(str)

    def __init__(self, document: IncomeDocument, section: Section, columns: list[Column],
                 new_record: Callable[[IncomeSheet], Row], noun: str,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self._section = section
        self._columns = columns
        self._new_record = new_record
        self._noun = noun
        self._rows = self._records_of_document()
        document.changed.connect(self._on_changed)
        document.readOnlyChanged.connect(self._on_changed)

    @property
    def section(self) -> Section:
        return self._section

    @property
    def document(self) -> IncomeDocument:
        return self._doc

    # The bonus table (rows nested under each employer) overrides these two.
    def records(self, sheet: IncomeSheet) -> list[Row]:
        rows: Sequence[Row] = getattr(sheet, self._section)
        return list(rows)

    def write(self, sheet: IncomeSheet, records: list[Row]) -> IncomeSheet:
        changes: dict[str, Any] = {self._section: tuple(records)}
        return replace(sheet, **changes)

    def _records_of_document(self) -> list[Row]:
        sheet = self._doc.sheet
        return self.records(sheet) if sheet is not None else []

    def _on_changed(self) -> None:
        rows = self._records_of_document()
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
        value = getattr(self._rows[index.row()], column.key)
        if role == Qt.ItemDataRole.DisplayRole:
            if column.kind == "amount":
                return labels.format_yen(value)
            if column.kind == "choice" and column.choices is not None:
                return next((label for v, label in column.choices() if v == value),
                            "" if value is None else str(value))
            return _text(value)
        if role == Qt.ItemDataRole.EditRole:
            if column.kind == "choice":
                return value
            return _text(value)
        if role == CHOICES_ROLE and column.kind == "choice" and column.choices is not None:
            return column.choices()
        if role == PLACEHOLDER_ROLE and column.kind in ("month", "date"):
            return _tr("例: 2023-07") if column.kind == "month" else _tr("例: 2023-06-01")
        if role == PATTERN_ROLE and column.kind in ("month", "date"):
            return MONTH_PATTERN if column.kind == "month" else DATE_PATTERN
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
            # the choice's own value (an enum member), whatever the editor handed back
            offered = column.choices() if column.choices is not None else []
            return next((v for v, _label in offered if v == value), value)
        text = ("" if value is None else str(value)).strip()
        if column.kind == "month":
            month = YearMonth.parse(text)
            if text and month is None:
                raise AmountError(_tr("年月は 2023-07 のように入力してください。"))
            return month
        if column.kind == "date":
            if not text:
                return None
            try:
                return datetime.date.fromisoformat(text)
            except ValueError:
                raise AmountError(_tr("日付は 2023-06-01 のように入力してください。")) from None
        return text

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

        def change(sheet: IncomeSheet) -> IncomeSheet:
            records = self.records(sheet)
            records[row] = replace(records[row], **{column.key: stored})
            return self.write(sheet, records)

        text = _tr("{noun}の「{column}」を変更").replace("{noun}", self._noun)
        return self._doc.edit(text.replace("{column}", column.header.replace("\n", "")), change)

    def add_record(self) -> bool:
        def change(sheet: IncomeSheet) -> IncomeSheet:
            return self.write(sheet, [*self.records(sheet), self._new_record(sheet)])

        return self._doc.edit(_tr("{noun}を追加").replace("{noun}", self._noun), change)

    def remove_record(self, row: int) -> bool:
        if not 0 <= row < len(self._rows):
            return False

        def change(sheet: IncomeSheet) -> IncomeSheet:
            records = self.records(sheet)
            del records[row]
            return self.write(sheet, records)

        return self._doc.edit(_tr("{noun}を削除").replace("{noun}", self._noun), change)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


class BonusTableModel(RecordTableModel):
    """Bonuses live under each employer; shown as one list with the employer as a column."""

    def records(self, sheet: IncomeSheet) -> list[Row]:
        return [BonusRow(i, b.month, b.gross) for i, b in sheet.bonus_rows]

    def write(self, sheet: IncomeSheet, records: list[Row]) -> IncomeSheet:
        grouped: list[list[BonusEntry]] = [[] for _ in sheet.employers]
        for record in records:
            assert isinstance(record, BonusRow)
            if 0 <= record.employer < len(grouped):
                grouped[record.employer].append(BonusEntry(record.month, record.gross))
        # by month; a row without its month yet stays last, where the examiner typed it
        return replace(sheet, employers=tuple(
            replace(e, bonuses=tuple(sorted(bonuses, key=lambda b: (
                b.month is None, b.month or YearMonth(0, 1)))))
            for e, bonuses in zip(sheet.employers, grouped, strict=True)))


def employer_choices_for(document: IncomeDocument) -> Callable[[], Choices]:
    def choices() -> Choices:
        return [(i, e.name or _tr("勤務先{n}").replace("{n}", str(i + 1)))
                for i, e in enumerate(document.employers())]
    return choices

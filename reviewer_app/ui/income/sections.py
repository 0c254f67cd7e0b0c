"""Widgets for the sheet's smaller sections: a table with add/remove buttons for each list, and a
form for the labour contract, the temporary-rise certificate and the re-certification month."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace

from reviewer_app.domain.case import LabourContract, TemporaryRiseCertificate
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.ui import palette
from reviewer_app.ui.income.delegates import ChoiceDelegate
from reviewer_app.ui.income.document import IncomeDocument
from reviewer_app.ui.income.money import AmountError, parse_amount
from reviewer_app.ui.income.records import RecordTableModel
from reviewer_app.ui.labels import format_yen
from reviewer_app.ui.qt import Qt, QtWidgets


class RecordSection(QtWidgets.QWidget):
    """A compact table of one list section, with 追加 and 削除 below it."""

    def __init__(self, model: RecordTableModel, add_text: str, hint: str = "",
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.view = QtWidgets.QTableView(self)
        self.view.setModel(model)
        self.view.setItemDelegate(ChoiceDelegate(self.view))
        self.view.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.AllEditTriggers)
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 12)
        self.add_button = QtWidgets.QPushButton(add_text, self)
        self.remove_button = QtWidgets.QPushButton(self.tr("選択行を削除"), self)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        buttons = QtWidgets.QHBoxLayout()
        if hint:
            label = QtWidgets.QLabel(hint, self)
            label.setWordWrap(True)
            label.setStyleSheet(f"color: {palette.SECONDARY_TEXT.name()};")
            buttons.addWidget(label, 1)
        else:
            buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        # A half-entered row is no error until the examiner leaves the table (issue 13).
        app = QtWidgets.QApplication.instance()
        if isinstance(app, QtWidgets.QApplication):
            app.focusChanged.connect(self._update_entering)

    def _update_entering(self, *_args: object) -> None:
        focus = QtWidgets.QApplication.focusWidget()
        inside = focus is not None and (focus is self.view or self.view.isAncestorOf(focus))
        self.model.document.set_entering(self.model.section, inside)

    def set_read_only(self, read_only: bool) -> None:
        self.add_button.setEnabled(not read_only)
        self.remove_button.setEnabled(not read_only)

    def _add(self) -> None:
        # The new row is being entered from the start: not saved, no error, until left.
        self.model.document.set_entering(self.model.section, True)
        if self.model.add_record():
            last = self.model.index(self.model.rowCount() - 1, 0)
            self.view.setFocus()
            self.view.setCurrentIndex(last)
        else:
            self._update_entering()

    def _remove(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_record(index.row())


def _years(text: str) -> list[int] | None:
    """``2021, 2022`` → [2021, 2022]; None when the text is not a list of years."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    if not cleaned:
        return []
    parts = [p for p in re.split(r"[,、\s]+", cleaned) if p]
    if not all(re.fullmatch(r"\d{4}", p) for p in parts):
        return None
    return sorted({int(p) for p in parts})


class ContractForm(QtWidgets.QWidget):
    """労働条件通知書, 一時的な収入変動の事業主証明, and the re-certification start month."""

    def __init__(self, document: IncomeDocument, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._doc = document
        self.contract = QtWidgets.QLineEdit(self)
        self.contract.setPlaceholderText(self.tr("未提出なら空欄"))
        self.contract.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.certificate = QtWidgets.QCheckBox(self.tr("事業主の証明書が提出されている"), self)
        self.previous_uses = QtWidgets.QLineEdit(self)
        self.previous_uses.setPlaceholderText(self.tr("例: 2021, 2022"))
        self.recert_from = QtWidgets.QLineEdit(self)
        self.recert_from.setPlaceholderText(self.tr("既定は対象年の翌年1月(例: 2024-01)"))
        form = QtWidgets.QFormLayout(self)
        form.setContentsMargins(12, 10, 12, 10)
        form.setVerticalSpacing(10)
        form.setFieldGrowthPolicy(QtWidgets.QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # Narrow (the month grid beside the document, longer English labels): a label goes
        # above its field instead of widening the whole 収入 tab (issue 13).
        form.setRowWrapPolicy(QtWidgets.QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("労働契約の見込み年収(円)"), self.contract)
        form.addRow(self.tr("一時的な収入変動"), self.certificate)
        form.addRow(self.tr("証明書を使った年"), self.previous_uses)
        form.addRow(self.tr("遡り再認定の起算月"), self.recert_from)
        self.contract.editingFinished.connect(self._contract_edited)
        self.certificate.clicked.connect(self._certificate_edited)
        self.previous_uses.editingFinished.connect(self._certificate_edited)
        self.recert_from.editingFinished.connect(self._recert_edited)
        document.changed.connect(self.refresh)
        document.readOnlyChanged.connect(self.set_read_only)
        self.refresh()

    def set_read_only(self, read_only: bool) -> None:
        for edit in (self.contract, self.previous_uses, self.recert_from):
            edit.setReadOnly(read_only)
        self.certificate.setEnabled(not read_only)

    def refresh(self) -> None:
        sheet = self._doc.sheet
        contract = sheet.labour_contract if sheet is not None else None
        self.contract.setText(format_yen(contract.annual_expected) if contract else "")
        cert = sheet.temporary_rise_certificate if sheet is not None else None
        self.certificate.setChecked(cert is not None and cert.submitted)
        self.previous_uses.setText(", ".join(str(u) for u in cert.previous_uses) if cert else "")
        recert = sheet.recertification_from if sheet is not None else None
        self.recert_from.setText(str(recert) if recert is not None else "")

    def _contract_edited(self) -> None:
        try:
            amount = parse_amount(self.contract.text())
        except AmountError as exc:
            self._doc.rejected.emit(str(exc))
            self.refresh()
            return

        def change(sheet: IncomeSheet) -> IncomeSheet:
            return replace(sheet, labour_contract=None if amount is None
                           else LabourContract(amount))

        self._doc.edit(self.tr("労働契約の見込み年収を変更"), change)
        self.refresh()

    def _certificate_edited(self) -> None:
        years = _years(self.previous_uses.text())
        if years is None:
            self._doc.rejected.emit(self.tr("証明書を使った年は 2021, 2022 のように西暦で"
                                            "入力してください。"))
            self.refresh()
            return
        submitted = self.certificate.isChecked()

        def change(sheet: IncomeSheet) -> IncomeSheet:
            return replace(sheet, temporary_rise_certificate=None if not submitted and not years
                           else TemporaryRiseCertificate(submitted, tuple(years)))

        self._doc.edit(self.tr("事業主の証明を変更"), change)
        self.refresh()

    def _recert_edited(self) -> None:
        text = unicodedata.normalize("NFKC", self.recert_from.text()).strip()
        month = YearMonth.parse(text)
        if text and month is None:
            self._doc.rejected.emit(self.tr("起算月は 2024-01 のように入力してください。"))
            self.refresh()
            return

        def change(sheet: IncomeSheet) -> IncomeSheet:
            return replace(sheet, recertification_from=month)

        self._doc.edit(self.tr("遡り再認定の起算月を変更"), change)
        self.refresh()

"""表示/設定: language (applies at the next start), idle-lock minutes, date style (和暦/西暦)."""

from __future__ import annotations

from reviewer_app.ui.i18n import LANGUAGES
from reviewer_app.ui.qt import QtWidgets
from reviewer_app.ui.settings import DATE_STYLE, IDLE_LOCK_MINUTES, LANGUAGE, Settings


class SettingsDialog(QtWidgets.QDialog):
    def __init__(self, settings: Settings, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self.setWindowTitle(self.tr("設定"))
        self.language_combo = QtWidgets.QComboBox()
        for code, name in LANGUAGES.items():
            self.language_combo.addItem(name, code)
        self.language_combo.setCurrentIndex(self.language_combo.findData(settings.get(LANGUAGE)))
        self.language_note = QtWidgets.QLabel(self.tr("言語の変更は次回の起動から反映されます。"))
        self.language_note.setStyleSheet("color: #5a6470;")
        self.language_note.setWordWrap(True)
        self.idle_spin = QtWidgets.QSpinBox()
        self.idle_spin.setRange(1, 240)
        self.idle_spin.setSuffix(self.tr(" 分"))
        self.idle_spin.setValue(settings.get(IDLE_LOCK_MINUTES))
        self.date_combo = QtWidgets.QComboBox()
        self.date_combo.addItem(self.tr("和暦（令和6年9月1日）"), "wareki")
        self.date_combo.addItem(self.tr("西暦（2024/09/01）"), "western")
        self.date_combo.setCurrentIndex(self.date_combo.findData(settings.get(DATE_STYLE)))
        form = QtWidgets.QFormLayout()
        form.setHorizontalSpacing(14)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("言語 / Language"), self.language_combo)
        form.addRow("", self.language_note)
        form.addRow(self.tr("自動ロックまでの時間"), self.idle_spin)
        form.addRow(self.tr("日付の表示"), self.date_combo)
        buttons = QtWidgets.QDialogButtonBox(
            QtWidgets.QDialogButtonBox.StandardButton.Ok
            | QtWidgets.QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Ok).setText(self.tr("保存"))
        buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("キャンセル"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 12)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self._settings.set(LANGUAGE, str(self.language_combo.currentData()))
        self._settings.set(IDLE_LOCK_MINUTES, int(self.idle_spin.value()))
        self._settings.set(DATE_STYLE, str(self.date_combo.currentData()))
        super().accept()

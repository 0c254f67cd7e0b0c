"""Someone saved the income sheet first: the examiner chooses whether to keep their own entries
(saved over the newer version) or take the other ones. Nothing typed is dropped without that
choice.

The choice is a :data:`ConflictResolver` handed to the case view (tests pass one that answers
without a person); :func:`ask_in_dialog` is the window's.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.services.case_errors import ConflictError
from reviewer_app.ui.case.save_queue import IncomeSaveQueue
from reviewer_app.ui.income import IncomeTab
from reviewer_app.ui.qt import QtWidgets
from reviewer_app.ui.tasks import TaskFailure

# (parent, failure carrying the ConflictError) -> True to keep mine, False to take theirs
ConflictResolver = Callable[[QtWidgets.QWidget, TaskFailure], bool]


class ConflictDialog(QtWidgets.QMessageBox):
    """Someone saved first: show who, when and what differs; keep mine or take theirs."""

    def __init__(self, failure: TaskFailure, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        error = failure.error
        assert isinstance(error, ConflictError)
        self.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        self.setWindowTitle(self.tr("ほかの端末で保存されています"))
        when = (error.changed_at.astimezone().strftime("%Y-%m-%d %H:%M")
                if error.changed_at else "")
        self.setText(self.tr("{who}さんが {when} に先に保存しました。").format(
            who=error.changed_by or "?", when=when))
        self.setInformativeText(
            failure.message + "\n\n"
            + self.tr("「自分の入力を残す」は、あなたの入力で相手の保存内容を上書きします。"
                      "「相手の内容にする」は、画面を相手の保存内容に置き換えます。"))
        if error.differences:
            self.setDetailedText("\n".join(error.differences))
        self.keep_button = self.addButton(self.tr("自分の入力を残す"),
                                          QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        self.take_button = self.addButton(self.tr("相手の内容にする"),
                                          QtWidgets.QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.keep_button)

    def keep_mine(self) -> bool:
        return self.clickedButton() is self.keep_button


def ask_in_dialog(parent: QtWidgets.QWidget, failure: TaskFailure) -> bool:
    """The window's resolver: a modal :class:`ConflictDialog`."""
    dialog = ConflictDialog(failure, parent)
    dialog.exec()
    return dialog.keep_mine()


def settle_sheet_conflict(page: QtWidgets.QWidget, failure: TaskFailure,
                          resolve: ConflictResolver, saves: IncomeSaveQueue,
                          income_tab: IncomeTab) -> bool:
    """Someone saved the sheet first: keep mine (saved over theirs; True) or show theirs."""
    error = failure.error
    assert isinstance(error, ConflictError)
    if resolve(page, failure):
        saves.keep_mine(error.their_version, income_tab.sheet())
        return True
    saves.take_theirs(error.their_version)
    if isinstance(error.theirs, IncomeSheet):
        income_tab.set_sheet(error.theirs, income_tab.document.profile)
    return False

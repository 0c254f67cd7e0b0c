"""Unexpected exceptions in the window: logged without personal data, shown in a dialog, and the
window keeps running.

PySide6 hands an exception raised in a slot, a timer callback or an event handler to
``sys.excepthook`` and carries on with the event loop, so the window is still usable afterwards:
the failed action simply did not finish. Every saved entry was committed by its own transaction
(services/), so nothing saved is lost; what the examiner was typing and had not saved yet may
be. :class:`CrashReporter` is installed as ``sys.excepthook`` and ``threading.excepthook``; it
writes the traceback to the log (type and frames only, reviewer_app.applog) and shows one
non-modal dialog that says what happened, that saved entries are safe, and where the log is.
Further errors while the dialog is open only count up in it (a failing paint would otherwise open
a dialog per frame). Ctrl+C in the terminal quits as before; a MemoryError asks to restart.
"""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path
from types import TracebackType
from typing import Any

from reviewer_app import applog
from reviewer_app.ui.qt import QtCore, QtWidgets, Signal

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("CrashReporter", text)


class CrashReporter(QtCore.QObject):
    """``install()`` / ``uninstall()``; ``dialog`` is the open dialog, if any."""

    _reported = Signal(object)  # the exception; queued to the GUI thread from other threads

    def __init__(self, log_path: Path | None, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: QtWidgets.QMessageBox | None = None
        self.count = 0
        self._previous_hook: Any = None
        self._previous_thread_hook: Any = None
        self._reported.connect(self._show)

    def install(self) -> None:
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook or sys.__excepthook__
        if threading.excepthook == self._thread_hook:
            threading.excepthook = self._previous_thread_hook or threading.__excepthook__

    # -- hooks ------------------------------------------------------------------------------------

    def excepthook(self, exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QtWidgets.QApplication.quit()
            return
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        applog.log_unexpected(log, "unexpected error in the window", exc)
        self._reported.emit(exc)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    # -- the dialog -------------------------------------------------------------------------------

    def message(self, exc: BaseException) -> str:
        where = str(self.log_path) if self.log_path is not None else _tr("（ログを書けません）")
        text = _tr(
            "予期しないエラーが起きました（{kind}）。直前の操作は完了していない可能性があります。\n\n"
            "保存済みの入力はすべてデータベースに残っており、失われていません。"
            "このまま作業を続けられます。\n\n"
            "繰り返し起きる場合は、アプリを終了して開き直し、管理者に次のログファイルを"
            "渡してください（個人情報は含まれていません）:\n{path}"
        ).format(kind=type(exc).__name__, path=where)
        if isinstance(exc, MemoryError):
            text += "\n\n" + _tr("メモリが不足しています。アプリを終了して開き直してください。")
        return text

    def _show(self, exc: BaseException) -> None:
        self.count += 1
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.setInformativeText(
                _tr("このダイアログを開いてから {n} 回起きています。").format(n=self.count))
            return
        self.count = 1
        parent = QtWidgets.QApplication.activeWindow()
        dialog = QtWidgets.QMessageBox(parent)
        dialog.setObjectName("crashDialog")
        dialog.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        dialog.setWindowTitle(_tr("予期しないエラー"))
        dialog.setText(self.message(exc))
        dialog.setStandardButtons(QtWidgets.QMessageBox.StandardButton.Ok)
        # Non-modal: the window stays usable, and nothing waits on the dialog.
        dialog.setWindowModality(QtCore.Qt.WindowModality.NonModal)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(self._on_closed)
        self.dialog = dialog
        dialog.show()

    def _on_closed(self, _result: int) -> None:
        self.dialog = None
        self.count = 0

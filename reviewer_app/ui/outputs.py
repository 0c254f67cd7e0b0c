"""The 出力 (output) menu of supervisors and admins: the results bundle for the web system, the
exclusion list, and the letters (除外・書類不備・再認定, one PDF) (issue 7 §2, §5).

Each action asks where to write (``ask_path``, the file dialog: the one thing tests replace),
runs the service on the database worker and reports what was written. The services write
atomically and audit; a failure is shown with its message and nothing is left half-written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewer_app.services.exclusion_list import write_exclusion_list
from reviewer_app.services.letters import LetterKind, LettersSummary, write_letters
from reviewer_app.services.results import ResultsExportSummary, export_results
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.tasks import TaskFailure, TaskManager, show_failure

AskPath = Callable[[QtWidgets.QWidget, str, str, str], str]


def ask_save_path(parent: QtWidgets.QWidget, title: str, suggested: str, filters: str) -> str:
    path, _ = QtWidgets.QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path


class OutputMenu(QtCore.QObject):
    """Builds the menu; ``finished(text)`` after each successful output (tests wait on it)."""

    finished = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget, session: WorkspaceSession,
                 tasks: TaskManager, ask_path: AskPath = ask_save_path) -> None:
        super().__init__(parent)
        self._parent = parent
        self._session = session
        self._tasks = tasks
        self.ask_path = ask_path
        self.menu = QtWidgets.QMenu(self.tr("出力(&O)"), parent)
        self.menu.setObjectName("outputMenu")
        self.results_action = self.menu.addAction(self.tr("Webシステムへ結果を出力…"),
                                                  self.export_results)
        self.results_action.setObjectName("export_results")
        self.menu.addSeparator()
        self.xlsx_action = self.menu.addAction(self.tr("除外者一覧 (Excel)…"),
                                               lambda: self.export_exclusions("xlsx"))
        self.xlsx_action.setObjectName("export_exclusions_xlsx")
        self.csv_action = self.menu.addAction(self.tr("除外者一覧 (CSV)…"),
                                              lambda: self.export_exclusions("csv"))
        self.csv_action.setObjectName("export_exclusions_csv")
        self.menu.addSeparator()
        self.letters_action = self.menu.addAction(self.tr("通知文書 (PDF)…"), self.export_letters)
        self.letters_action.setObjectName("export_letters")

    def _folder(self) -> Path:
        return Path.home()

    def export_results(self) -> None:
        path = self.ask_path(self._parent, self.tr("Webシステムへ結果を出力"),
                             str(self._folder() / "results.zip"),
                             self.tr("結果バンドル (*.zip)"))
        if not path:
            return
        session = self._session

        def ok(summary: ResultsExportSummary) -> None:
            text = self.tr("結果を書き出しました (通番 {seq}): 被扶養者 {n} 件、不備連絡 {m} 件\n"
                           "{path}").format(seq=summary.sequence, n=summary.dependents,
                                            m=summary.notices, path=summary.path)
            self._done(text)

        self._tasks.run(lambda: export_results(session, Path(path)), ok,
                        self._failed(self.tr("結果を書き出せません")))

    def export_exclusions(self, fmt: str) -> None:
        suffix = "xlsx" if fmt == "xlsx" else "csv"
        label = self.tr("Excel ブック (*.xlsx)") if fmt == "xlsx" else self.tr("CSV (*.csv)")
        path = self.ask_path(self._parent, self.tr("除外者一覧を出力"),
                             str(self._folder() / f"exclusions.{suffix}"), label)
        if not path:
            return
        session = self._session

        def ok(count: int) -> None:
            self._done(self.tr("除外者一覧を書き出しました ({n} 件)\n{path}").format(
                n=count, path=path))

        self._tasks.run(lambda: write_exclusion_list(session, Path(path), fmt), ok,
                        self._failed(self.tr("除外者一覧を書き出せません")))

    def export_letters(self) -> None:
        path = self.ask_path(self._parent, self.tr("通知文書を出力"),
                             str(self._folder() / "letters.pdf"), self.tr("PDF (*.pdf)"))
        if not path:
            return
        session = self._session

        def ok(summary: LettersSummary) -> None:
            self._done(self.tr("通知文書を書き出しました ({n} 通)\n{path}").format(
                n=summary.letters, path=summary.path))

        self._tasks.run(lambda: write_letters(session, Path(path), list(LetterKind)), ok,
                        self._failed(self.tr("通知文書を書き出せません")))

    def _done(self, text: str) -> None:
        self.finished.emit(text)
        QtWidgets.QMessageBox.information(self._parent, self.tr("出力"), text)

    def _failed(self, title: str) -> Callable[[TaskFailure], None]:
        def failed(failure: TaskFailure) -> None:
            show_failure(self._parent, failure, title)
        return failed

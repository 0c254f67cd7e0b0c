"""ファイル → バンドルを取り込む…: import an export bundle from the window (issue 9).

The examiner picks the bundle (``ask_path``, the file dialog: the one thing tests replace); the
import runs on the database worker and the summary says what was stored, including how many
files could not be opened and why (they are quarantined: the 書類 tab names them and the notice
asks for them again). A refused bundle is shown with its message; nothing was stored then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reviewer_app.errors import current_language
from reviewer_app.services.file_problems import FileProblem
from reviewer_app.services.file_problems import short_label as problem_label
from reviewer_app.services.importing import IMPORT_ROLES, ImportSummary, import_bundle
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.tasks import TaskFailure, TaskManager, show_failure

AskPath = Callable[[QtWidgets.QWidget, str, str], str]


def ask_open_path(parent: QtWidgets.QWidget, title: str, filters: str) -> str:
    path, _ = QtWidgets.QFileDialog.getOpenFileName(parent, title, str(Path.home()), filters)
    return path


class ImportAction(QtCore.QObject):
    """The menu action; ``finished(text, summary)`` after a successful import (tests wait)."""

    finished = QtCore.Signal(str, object)

    def __init__(self, parent: QtWidgets.QWidget, session: WorkspaceSession,
                 tasks: TaskManager, *, after: Callable[[], None] | None = None,
                 ask_path: AskPath = ask_open_path) -> None:
        super().__init__(parent)
        self._parent = parent
        self._session = session
        self._tasks = tasks
        self._after = after
        self.ask_path = ask_path

    @staticmethod
    def allowed(session: WorkspaceSession) -> bool:
        return session.user.role in IMPORT_ROLES

    def run(self) -> None:
        path = self.ask_path(self._parent, self.tr("バンドルを取り込む"),
                             self.tr("エクスポートバンドル (*.zip *.rvb);;すべてのファイル (*)"))
        if not path:
            return
        session = self._session

        def ok(summary: ImportSummary) -> None:
            text = self.summary_text(summary)
            self.finished.emit(text, summary)
            if self._after is not None:
                self._after()
            QtWidgets.QMessageBox.information(self._parent, self.tr("取込"), text)

        def failed(failure: TaskFailure) -> None:
            show_failure(self._parent, failure, self.tr("バンドルを取り込めません"))

        self._tasks.run(lambda: import_bundle(session, Path(path)), ok, failed)

    def summary_text(self, summary: ImportSummary) -> str:
        if summary.already_imported:
            head = self.tr("このバンドル ({bundle}) は取込済みです。変更はありません。").format(
                bundle=summary.bundle_id)
        else:
            head = self.tr("バンドル {bundle} を取り込みました。").format(bundle=summary.bundle_id)
        lines = [head, self.tr(
            "被保険者 {members} 名、被扶養者 {dependents} 名、添付 {attachments} 件\n"
            "新規 {new}、更新 {updated}、変更なし {unchanged}、旧版 (無視) {outdated}").format(
            members=summary.members, dependents=summary.dependents,
            attachments=summary.attachments, new=summary.new, updated=summary.updated,
            unchanged=summary.unchanged, outdated=summary.outdated)]
        if summary.quarantined_files:
            lang = current_language()
            reasons = "\n".join(
                f"  ・{problem_label(problem, lang)}: {summary.quarantined[problem.value]}"
                for problem in FileProblem if summary.quarantined.get(problem.value))
            lines.append(self.tr(
                "開けないファイル {n} 件 (隔離して保存しました。書類タブに理由が表示され、"
                "不備連絡で再提出を依頼できます):").format(n=summary.quarantined_files)
                + "\n" + reasons)
        return "\n\n".join(lines)


__all__ = ["ImportAction", "ask_open_path"]

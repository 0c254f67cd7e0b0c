"""The queue's bulk actions (issue 7 §4): confirm once, run on the task worker, report.

「選択した未提出者を除外で提案」 and 「選択を承認」 each ask one question naming the count
(:func:`confirm`, the one modal step), run
:func:`~reviewer_app.services.non_submitters.propose_exclusions` or
:func:`~reviewer_app.services.non_submitters.approve_many` off the GUI thread, then show a
summary (n done, m skipped with their reasons) that does not block, and call ``reload``.
"""

from __future__ import annotations

from collections.abc import Callable

from reviewer_app.services.clock import Today, today_jst
from reviewer_app.services.non_submitters import BulkResult, approve_many, propose_exclusions
from reviewer_app.services.queue import QueueRow
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.ui.qt import QtCore, QtWidgets, Signal
from reviewer_app.ui.tasks import TaskFailure, TaskManager, show_failure

MAX_LISTED = 20  # skipped cases named in the summary; the rest are counted


def confirm(parent: QtWidgets.QWidget | None, title: str, text: str) -> bool:
    """Ask once before a bulk action (tests replace this function: the modal edge)."""
    answer = QtWidgets.QMessageBox.question(
        parent, title, text,
        QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.Cancel,
        QtWidgets.QMessageBox.StandardButton.Cancel)
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


class BulkActions(QtCore.QObject):
    """``finished(BulkResult)`` after a bulk action ran and its summary is shown."""

    finished = Signal(object)

    def __init__(self, tasks: TaskManager, session: WorkspaceSession,
                 parent: QtWidgets.QWidget, today: Today = today_jst) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._session = session
        self._parent = parent
        self._today = today
        self.summary: QtWidgets.QMessageBox | None = None  # the last summary shown

    def propose_exclusions(self, rows: list[QueueRow], reload: Callable[[], None]) -> None:
        ids = [r.case_id for r in rows]
        if not ids or not confirm(
                self._parent, self.tr("未提出者を除外で提案"),
                self.tr("選択した{count}件のうち、調査票が未提出の被扶養者を扶養除外として"
                        "提案します。よろしいですか？").format(count=f"{len(ids):,}")):
            return
        session, today = self._session, self._today()
        self._run(lambda: propose_exclusions(session, ids, today), reload,
                  self.tr("除外の提案"), self.tr("{done}件を除外で提案しました。"),
                  self.tr("除外で提案できません"))

    def approve(self, rows: list[QueueRow], reload: Callable[[], None]) -> None:
        ids = [r.case_id for r in rows]
        versions = {r.case_id: r.version for r in rows}
        if not ids or not confirm(
                self._parent, self.tr("選択を承認"),
                self.tr("選択した{count}件の判定案を承認します。よろしいですか？").format(
                    count=f"{len(ids):,}")):
            return
        session = self._session
        self._run(lambda: approve_many(session, ids, versions), reload,
                  self.tr("一括承認"), self.tr("{done}件を承認しました。"),
                  self.tr("承認できません"))

    def _run(self, job: Callable[[], BulkResult], reload: Callable[[], None], title: str,
             done_text: str, failed_title: str) -> None:
        def succeeded(result: BulkResult) -> None:
            self._show_summary(title, done_text, result)
            reload()
            self.finished.emit(result)

        def failed(failure: TaskFailure) -> None:
            reload()  # a failure halfway may have done some cases
            show_failure(self._parent, failure, failed_title)

        self._tasks.run(job, succeeded, failed)

    def summary_text(self, done_text: str, result: BulkResult) -> str:
        lang = self._tasks.language
        lines = [done_text.format(done=f"{result.done_count:,}")]
        if result.skipped:
            lines.append(self.tr("{skipped}件は対象外でした:").format(
                skipped=f"{result.skipped_count:,}"))
            lines.extend(f"・{o.reason(lang)}" for o in result.skipped[:MAX_LISTED])
            if result.skipped_count > MAX_LISTED:
                lines.append(self.tr("ほか{more}件").format(
                    more=f"{result.skipped_count - MAX_LISTED:,}"))
        return "\n".join(lines)

    def _show_summary(self, title: str, done_text: str, result: BulkResult) -> None:
        if self.summary is not None:
            self.summary.close()
        box = QtWidgets.QMessageBox(QtWidgets.QMessageBox.Icon.Information, title,
                                    self.summary_text(done_text, result),
                                    QtWidgets.QMessageBox.StandardButton.Ok, self._parent)
        box.setObjectName("bulkSummary")
        box.open()  # window-modal but not blocking: the queue reloads behind it
        self.summary = box

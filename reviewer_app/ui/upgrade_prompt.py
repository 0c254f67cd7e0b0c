"""The window's side of an older workspace (issue 10 §3): after a sign-in is refused because the
schema is older, an admin is asked whether to upgrade now (a backup is made first), anyone else
is told that an admin must upgrade first. The work itself is services.upgrade's, on the worker.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reviewer_app.services.upgrade import PendingUpgrade, offer, upgrade_workspace
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.tasks import TaskFailure, TaskManager


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("UpgradePrompt", text)


def offer_upgrade(dialog: Any, tasks: TaskManager, directory: Path, user: str,
                  password: str) -> None:
    """``dialog`` is the LoginDialog whose sign-in was refused; it shows the outcome."""

    def on_checked(pending: PendingUpgrade) -> None:
        dialog._set_busy(False)
        if pending.backend != "sqlite":
            dialog._show_message(_tr(
                "このワークスペース（PostgreSQL）は旧版の形式です（{current} → {head}）。"
                "先に pg_dump でバックアップを取り、reviewer-app upgrade … --i-have-a-backup "
                "で更新してください（docs/operations.md の「Upgrading」）。").format(
                    current=pending.current, head=pending.head))
            return
        answer = QtWidgets.QMessageBox.question(
            dialog, _tr("ワークスペースの更新"),
            _tr("このワークスペースは旧版の形式です（{current} → {head}）。"
                "この版で使うには更新が必要です。\n\n"
                "更新の前に、次の場所にバックアップを作ります:\n{backup}\n\n"
                "今すぐ更新しますか？ 更新中は他の人が使わないようにしてください。").format(
                    current=pending.current, head=pending.head, backup=str(pending.backup)),
            QtWidgets.QMessageBox.StandardButton.Yes | QtWidgets.QMessageBox.StandardButton.No,
            QtWidgets.QMessageBox.StandardButton.No)
        if answer != QtWidgets.QMessageBox.StandardButton.Yes:
            dialog._show_message(_tr("更新しませんでした。更新するまでこのワークスペースは"
                                     "開けません。"))
            return
        dialog._set_busy(True)
        dialog.message.setText(_tr("バックアップを作って更新しています…"))
        tasks.run(lambda: upgrade_workspace(directory, user, password), on_upgraded, on_failed)

    def on_upgraded(result: Any) -> None:
        dialog._set_busy(False)
        dialog.note.setText(_tr("ワークスペースを更新しました。バックアップ: {backup}").format(
            backup=str(result.backup)))
        dialog.note.setVisible(True)
        dialog.user_edit.setText(user)
        dialog.password_edit.setText(password)
        dialog.submit()  # sign in on the upgraded workspace

    def on_failed(failure: TaskFailure) -> None:
        dialog._set_busy(False)
        dialog._show_message(failure.message)

    dialog._set_busy(True)
    tasks.run(lambda: offer(directory, user, password), on_checked, on_failed)

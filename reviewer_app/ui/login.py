"""The sign-in dialog. The password check (Argon2id, lockout, audit) runs in
:func:`reviewer_app.services.workspace.open_session` on the worker: the dialog only shows the
outcome, in the words the service chose (wrong password and unknown user read the same).
"""

from __future__ import annotations

from pathlib import Path

from reviewer_app.services.schema import UPGRADE_NEEDED
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.services.workspace import open_session
from reviewer_app.ui.qt import Qt, QtWidgets, Signal
from reviewer_app.ui.tasks import TaskFailure, TaskManager

ERROR_STYLE = "color: #a1261c; font-weight: bold;"


class LoginDialog(QtWidgets.QDialog):
    """``loggedIn(WorkspaceSession)`` on success; the dialog then accepts itself."""

    loggedIn = Signal(object)

    def __init__(self, tasks: TaskManager, workspace_dir: Path, *, user: str = "",
                 note: str = "", parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._dir = Path(workspace_dir)
        self.session: WorkspaceSession | None = None
        self._attempt: tuple[str, str] | None = None
        self.setWindowTitle(self.tr("ログイン - 被扶養者資格調査 審査"))
        self.setMinimumWidth(420)

        title = QtWidgets.QLabel(self.tr("被扶養者資格調査 審査"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        where = QtWidgets.QLabel(self.tr("ワークスペース: {path}").format(path=str(self._dir)))
        where.setWordWrap(True)
        where.setStyleSheet("color: #5a6470;")

        self.user_edit = QtWidgets.QLineEdit(user)
        self.user_edit.setObjectName("loginUser")
        self.password_edit = QtWidgets.QLineEdit()
        self.password_edit.setObjectName("loginPassword")
        self.password_edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        form = QtWidgets.QFormLayout()
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("ユーザー名"), self.user_edit)
        form.addRow(self.tr("パスワード"), self.password_edit)

        self.message = QtWidgets.QLabel()
        self.message.setObjectName("loginMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        self.note = QtWidgets.QLabel(note)
        self.note.setWordWrap(True)
        self.note.setVisible(bool(note))
        self.note.setStyleSheet("background: #fff6d6; color: #5b4700; padding: 6px;"
                                " border-radius: 4px;")

        self.buttons = QtWidgets.QDialogButtonBox()
        self.login_button = self.buttons.addButton(
            self.tr("ログイン"), QtWidgets.QDialogButtonBox.ButtonRole.AcceptRole)
        self.login_button.setDefault(True)
        self.buttons.addButton(self.tr("終了"), QtWidgets.QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setSpacing(10)
        layout.setContentsMargins(20, 20, 20, 16)
        layout.addWidget(title)
        layout.addWidget(where)
        layout.addWidget(self.note)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        (self.password_edit if user else self.user_edit).setFocus(
            Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        user = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not user or not password:
            self._show_message(self.tr("ユーザー名とパスワードを入力してください。"))
            return
        self._set_busy(True)
        directory = self._dir
        self._attempt = (user, password)
        self._tasks.run(lambda: open_session(directory, user, password),
                        self._on_success, self._on_failure)

    def _on_success(self, session: WorkspaceSession) -> None:
        self._set_busy(False)
        self._attempt = None
        self.password_edit.clear()
        self.session = session
        self.loggedIn.emit(session)
        self.accept()

    def _on_failure(self, failure: TaskFailure) -> None:
        self._set_busy(False)
        attempt, self._attempt = self._attempt, None
        if failure.code == UPGRADE_NEEDED and attempt is not None:
            # An older workspace: an admin may upgrade it now, others are told to wait.
            from reviewer_app.ui.upgrade_prompt import offer_upgrade

            self.password_edit.clear()
            offer_upgrade(self, self._tasks, self._dir, *attempt)
            return
        self.password_edit.clear()
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        self._show_message(failure.message)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
        self.adjustSize()  # a message of several lines (an older workspace's) needs the height

    def _set_busy(self, busy: bool) -> None:
        self.login_button.setEnabled(not busy)
        self.user_edit.setEnabled(not busy)
        self.password_edit.setEnabled(not busy)
        if busy:
            self.message.setStyleSheet("color: #3d4752;")
            self.message.setText(self.tr("確認しています…"))
            self.message.show()
        else:
            self.message.setStyleSheet(ERROR_STYLE)
            self.message.hide()

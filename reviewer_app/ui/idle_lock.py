"""The idle lock: after N minutes without keyboard or mouse input the window hides every name,
number and document behind a lock page until the same user types their password again.

:class:`IdleWatcher` is an application-wide event filter that restarts a timer on user input;
:class:`LockPage` is what covers the window. The password is checked by the service on the
worker (a wrong one counts toward the account lockout like any sign-in).
"""

from __future__ import annotations

from reviewer_app.ui.qt import Qt, QtCore, QtWidgets, Signal

_INPUT_EVENTS = frozenset({
    QtCore.QEvent.Type.KeyPress,
    QtCore.QEvent.Type.MouseButtonPress,
    QtCore.QEvent.Type.MouseMove,
    QtCore.QEvent.Type.Wheel,
    QtCore.QEvent.Type.TouchBegin,
    QtCore.QEvent.Type.TabletPress,
})


class IdleWatcher(QtCore.QObject):
    """Emits ``idle`` once after ``interval_ms`` without input; input restarts the count."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)
        self._installed = False

    def set_minutes(self, minutes: int) -> None:
        self.set_interval_ms(max(1, minutes) * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)
        if self._timer.isActive():
            self._timer.start()

    def interval_ms(self) -> int:
        return self._timer.interval()

    def start(self) -> None:
        app = QtCore.QCoreApplication.instance()
        if app is not None and not self._installed:
            app.installEventFilter(self)
            self._installed = True
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QtCore.QCoreApplication.instance()
        if app is not None and self._installed:
            app.removeEventFilter(self)
            self._installed = False

    def pause(self) -> None:
        """Stop counting (while locked) but keep the filter."""
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:
        # Cheap on purpose: this sees every event of the application.
        if event.type() in _INPUT_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockPage(QtWidgets.QWidget):
    """The lock screen: who is signed in, a password field, a message. Shows no case data."""

    unlockRequested = Signal(str)
    logoutRequested = Signal()

    def __init__(self, user_name: str, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPage")
        title = QtWidgets.QLabel(self.tr("画面をロックしました"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        explain = QtWidgets.QLabel(self.tr(
            "一定時間操作がなかったため、個人情報を隠しました。"
            "{user} さんのパスワードを入力すると再開します。").format(user=user_name))
        explain.setWordWrap(True)
        explain.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.password_edit = QtWidgets.QLineEdit()
        self.password_edit.setObjectName("unlockPassword")
        self.password_edit.setEchoMode(QtWidgets.QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("パスワード"))
        self.password_edit.returnPressed.connect(self._submit)
        self.setFocusProxy(self.password_edit)  # the page's focus is the password's
        self.unlock_button = QtWidgets.QPushButton(self.tr("ロック解除"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._submit)
        self.logout_button = QtWidgets.QPushButton(self.tr("ログアウト"))
        self.logout_button.clicked.connect(self.logoutRequested)
        self.message = QtWidgets.QLabel()
        self.message.setObjectName("unlockMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #a1261c; font-weight: bold;")
        self.message.hide()

        box = QtWidgets.QFrame()
        box.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        box.setMaximumWidth(460)
        inner = QtWidgets.QVBoxLayout(box)
        inner.setSpacing(12)
        inner.setContentsMargins(24, 24, 24, 24)
        inner.addWidget(title)
        inner.addWidget(explain)
        inner.addWidget(self.password_edit)
        inner.addWidget(self.message)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(self.logout_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        inner.addLayout(buttons)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addStretch(1)
        row = QtWidgets.QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 1)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)

    def reset(self) -> None:
        self.password_edit.clear()
        self.message.hide()
        self.set_busy(False)
        self.focus_password()

    def focus_password(self) -> None:
        """Put the caret in the password field, now and once more after the events in flight:
        a menu that triggered the lock gives the focus back to the page's former widget as it
        closes, after this call (issue 13)."""
        self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        QtCore.QTimer.singleShot(0, self, self._refocus)

    def _refocus(self) -> None:
        if self.isVisible() and self.password_edit.isEnabled():
            self.password_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_busy(self, busy: bool) -> None:
        self.password_edit.setEnabled(not busy)
        self.unlock_button.setEnabled(not busy)

    def show_failure(self, text: str) -> None:
        self.set_busy(False)
        self.password_edit.clear()
        self.message.setText(text)
        self.message.show()
        self.focus_password()

    def _submit(self) -> None:
        password = self.password_edit.text()
        if not password:
            return
        self.set_busy(True)
        self.unlockRequested.emit(password)

"""Starting the window: the QApplication (names, Japanese font, translator, icon), the sign-in
dialog, and the main window for the signed-in user; logging out comes back to the dialog.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from reviewer_app.services.session import WorkspaceSession
from reviewer_app.ui.fonts import ensure_japanese_font
from reviewer_app.ui.i18n import install_translator
from reviewer_app.ui.qt import QtCore, QtGui, QtWidgets
from reviewer_app.ui.settings import LANGUAGE, LAST_USER, Settings
from reviewer_app.ui.smoke import SmokeOptions
from reviewer_app.ui.tasks import TaskManager

log = logging.getLogger(__name__)

APP_NAME = "reviewer-app"
ORG_NAME = "reviewer-app"


def app_icon() -> QtGui.QIcon:
    """A plain drawn icon (a document with a check mark): no image file to ship."""
    pixmap = QtGui.QPixmap(64, 64)
    pixmap.fill(QtCore.Qt.GlobalColor.transparent)
    p = QtGui.QPainter(pixmap)
    p.setRenderHint(QtGui.QPainter.RenderHint.Antialiasing)
    p.setBrush(QtGui.QColor("#ffffff"))
    p.setPen(QtGui.QPen(QtGui.QColor("#1c4f8f"), 3))
    p.drawRoundedRect(12, 6, 40, 52, 4, 4)
    p.setPen(QtGui.QPen(QtGui.QColor("#1e6b33"), 6))
    p.drawPolyline([QtCore.QPointF(20, 34), QtCore.QPointF(29, 44), QtCore.QPointF(46, 20)])
    p.end()
    return QtGui.QIcon(pixmap)


def create_application(argv: list[str] | None = None,
                       settings: Settings | None = None) -> QtWidgets.QApplication:
    """The QApplication set up for the reviewer (reuses an existing instance, as tests have)."""
    app = QtWidgets.QApplication.instance()
    if not isinstance(app, QtWidgets.QApplication):
        app = QtWidgets.QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(
        QtCore.QCoreApplication.translate("App", "被扶養者資格調査 審査"))
    ensure_japanese_font(app)
    settings = settings or Settings()
    lang = settings.get(LANGUAGE)
    translator = install_translator(app, lang)
    # Qt does not own the translator: keep it alive as long as the application.
    app._reviewer_translator = translator  # type: ignore[attr-defined]
    app.setWindowIcon(app_icon())
    return app


# Set (to anything) to print LOGIN_SHOWN_LINE and quit once the sign-in window is shown: how
# tests/benchmarks/bench_startup.py times a start without a person.
LOGIN_SHOWN_ENV = "REVIEWER_APP_QUIT_AT_LOGIN"
LOGIN_SHOWN_LINE = "reviewer-app: sign-in window shown"


class Shell(QtCore.QObject):
    """Sign-in → main window → (log out) → sign-in … until the user quits."""

    def __init__(self, workspace_dir: Path, *, settings: Settings | None = None,
                 prefill_user: str = "", demo: bool = False,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings or Settings()
        self.workspace_dir = Path(workspace_dir)
        self.tasks = TaskManager(self.settings.get(LANGUAGE), self)
        self.prefill_user = prefill_user or self.settings.get(LAST_USER)
        self.demo = demo
        self.window: QtWidgets.QMainWindow | None = None
        self.login: QtWidgets.QDialog | None = None
        self._login_reported = False

    def show_login(self) -> None:
        from reviewer_app.ui.login import LoginDialog

        note = ""
        if self.demo:
            note = self.tr("デモ用ワークスペースです（架空の人物）。パスワードはターミナルに"
                           "表示されています。")
        dialog = LoginDialog(self.tasks, self.workspace_dir, user=self.prefill_user, note=note)
        dialog.loggedIn.connect(self._on_logged_in)
        dialog.rejected.connect(self._on_login_rejected)
        self.login = dialog
        dialog.show()
        if os.environ.get(LOGIN_SHOWN_ENV) and not self._login_reported:
            # tests/benchmarks/bench_startup.py: the time to the sign-in window, then quit
            self._login_reported = True
            QtCore.QTimer.singleShot(0, self._report_login_shown)

    def _report_login_shown(self) -> None:
        print(LOGIN_SHOWN_LINE, flush=True)
        QtWidgets.QApplication.quit()

    def _on_login_rejected(self) -> None:
        if self.window is None:
            QtWidgets.QApplication.quit()

    def _on_logged_in(self, session: WorkspaceSession) -> None:
        from reviewer_app.ui.main_window import MainWindow

        self.settings.set(LAST_USER, session.user.name)
        self.prefill_user = session.user.name
        window = MainWindow(session, self.tasks, self.settings)
        window.loggedOut.connect(self._on_logged_out)
        self.window = window
        window.show()

    def _on_logged_out(self) -> None:
        window, self.window = self.window, None
        self.show_login()  # first, so that closing the window does not quit the application
        if window is not None:
            window.close()
            window.deleteLater()

    def shutdown(self) -> None:
        if self.window is not None:
            self.window.close()
        self.tasks.shutdown()


def _qt_message(mode: QtCore.QtMsgType, _context: QtCore.QMessageLogContext, text: str) -> None:
    """Qt's own warnings go to the log file, not the terminal (reviewer_app.applog)."""
    level = {QtCore.QtMsgType.QtDebugMsg: logging.DEBUG,
             QtCore.QtMsgType.QtInfoMsg: logging.INFO,
             QtCore.QtMsgType.QtWarningMsg: logging.WARNING}.get(mode, logging.ERROR)
    logging.getLogger("qt").log(level, "%s", text)


def run_gui(workspace_dir: Path, *, prefill_user: str = "",
            prefill_password: str | None = None, demo: bool = False,
            smoke: SmokeOptions | None = None) -> int:
    """Open the window and run the event loop until the user quits; the exit status.

    ``smoke`` drives the window once without a person (reviewer_app.ui.smoke) and returns its
    status."""
    from reviewer_app import applog
    from reviewer_app.platform_check import ensure_window_platform
    from reviewer_app.ui.crash import CrashReporter

    # Qt aborts the process when its platform plugin cannot load: say what to install instead.
    ensure_window_platform()
    log_path = applog.setup()
    QtCore.qInstallMessageHandler(_qt_message)
    settings = Settings()
    app = create_application(settings=settings)
    crashes = CrashReporter(log_path, app)
    crashes.install()
    shell = Shell(workspace_dir, settings=settings, prefill_user=prefill_user, demo=demo)
    shell.show_login()
    if prefill_password is not None and shell.login is not None:
        from reviewer_app.ui.login import LoginDialog

        if isinstance(shell.login, LoginDialog):
            shell.login.password_edit.setText(prefill_password)
    app.setQuitOnLastWindowClosed(True)
    if smoke is not None:
        from reviewer_app.ui.smoke import SmokeRun

        run = SmokeRun(shell, smoke, app)
        QtCore.QTimer.singleShot(0, run.start)
    status = app.exec()
    shell.shutdown()
    crashes.uninstall()
    return int(status)

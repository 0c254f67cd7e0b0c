"""``reviewer-app gui --smoke-test``: drive the real window once, without a person, and quit.

It signs in through the sign-in dialog with a password file, waits for the queue, opens the first
case that has a PDF (else the first case) as a person would, waits until the case is loaded and
its first page is painted (which needs the PDF renderer's child process: in the packaged app that
proves ``freeze_support`` and the bundled MuPDF work), then logs out and quits with status 0. Any
refusal, failure or the time limit ends it with status 1 and a sentence on stderr. CI runs it on
the packaged executable (tools/smoke_frozen.sh); an operator can run it after installing.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app.ui.qt import QtCore, QtWidgets

log = logging.getLogger(__name__)

POLL_MS = 100
# How many queue rows are looked at for a case with a PDF (one service read each).
CASES_TO_LOOK_AT = 20


@dataclass(frozen=True)
class SmokeOptions:
    user: str
    password: str
    timeout_s: float = 180.0
    # a PNG of the screen once the page is shown: on a real display (X11 under Xvfb in CI) the
    # screen itself, so what the window server composed is what is checked (issue 13 §1)
    screenshot: Path | None = None


class SmokeRun(QtCore.QObject):
    """A small state machine ticking on a timer: sign-in → queue → case → page → done."""

    def __init__(self, shell: Any, options: SmokeOptions,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.options = options
        self.step = "sign-in"
        self.status: int | None = None
        self.case_id: int | None = None
        self.expect_page = False
        self.page_shown = False
        self.failure = ""
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._tick)
        self._deadline = QtCore.QTimer(self)
        self._deadline.setSingleShot(True)
        self._deadline.timeout.connect(
            lambda: self._fail(f"timed out after {self.options.timeout_s:.0f} s at {self.step}"))

    def start(self) -> None:
        from reviewer_app.ui.login import LoginDialog

        dialog = self.shell.login
        if not isinstance(dialog, LoginDialog):
            self._fail("no sign-in dialog")
            return
        dialog.user_edit.setText(self.options.user)
        dialog.password_edit.setText(self.options.password)
        dialog.submit()
        self._deadline.start(int(self.options.timeout_s * 1000))
        self._timer.start()

    # -- steps ------------------------------------------------------------------------------------

    def _tick(self) -> None:
        try:
            getattr(self, "_step_" + self.step.replace("-", "_"))()
        except Exception as exc:  # report and stop: a smoke test never hangs on its own error
            from reviewer_app.applog import log_unexpected

            log_unexpected(log, "smoke test step failed", exc)
            self._fail(f"{type(exc).__name__} at {self.step}")

    def _step_sign_in(self) -> None:
        window = self.shell.window
        if window is not None:
            self.step = "queue"
            return
        dialog = self.shell.login
        if dialog is not None and dialog.login_button.isEnabled() and dialog.message.isVisible():
            self._fail(f"sign-in refused: {dialog.message.text()}")

    def _step_queue(self) -> None:
        window = self.shell.window
        model = window.queue.model
        if model.rowCount() == 0 or model.is_loading:
            return
        case_id, self.expect_page = self._choose_case(window)
        self.case_id = case_id
        viewer = window.case_view.viewer
        viewer.pageShown.connect(self._on_page_shown)
        viewer.documentFailed.connect(self._on_document_failed)
        window.open_case(case_id)
        self.step = "case"

    def _choose_case(self, window: Any) -> tuple[int, bool]:
        rows = list(window.queue.model.loaded_rows())
        for row in rows[:CASES_TO_LOOK_AT]:
            detail = window.case_service.open_case(row.case_id, take=False)
            for document in detail.documents:
                if any(a.media_type == "application/pdf" for a in document.attachments):
                    return int(row.case_id), True
        return int(rows[0].case_id), False

    def _step_case(self) -> None:
        view = self.shell.window.case_view
        if view.detail is None or view.detail.case_id != self.case_id or view.is_loading:
            return
        self.step = "page" if self.expect_page else "done"

    def _step_page(self) -> None:
        if self.page_shown:
            self.step = "done"

    def _step_done(self) -> None:
        self._timer.stop()
        self._deadline.stop()
        what = "no document to show"
        if self.expect_page:
            engine = self.shell.window.case_view.viewer.loader.engine
            where = "a child process" if engine.use_process else "a thread"
            what = f"its first PDF page shown (rendered in {where})"
        if self.options.screenshot is not None:
            self._screenshot(self.options.screenshot)
        print(f"smoke test passed: signed in as {self.options.user}, opened case "
              f"{self.case_id}, {what}")
        log.info("smoke test passed: case %s page=%s", self.case_id, self.page_shown)
        self._finish(0)

    def _screenshot(self, path: Path) -> None:
        app = QtWidgets.QApplication.instance()
        screen = app.primaryScreen() if isinstance(app, QtWidgets.QApplication) else None
        window = self.shell.window
        QtWidgets.QApplication.processEvents()  # the last paint is on the screen
        pixmap = screen.grabWindow(0) if screen is not None else None
        if pixmap is None or pixmap.isNull():  # the offscreen platform has no screen to grab
            pixmap = window.grab()
        if not pixmap.save(str(path), "PNG"):
            raise OSError(f"cannot write {path}")

    def _on_page_shown(self, _attachment: str, _page: int, _exact: bool) -> None:
        self.page_shown = True

    def _on_document_failed(self, _attachment: str, message: str) -> None:
        if self.step in ("case", "page"):
            self._fail(f"the document did not open: {message}")

    # -- ending -----------------------------------------------------------------------------------

    def _fail(self, reason: str) -> None:
        if self.status is not None:
            return
        self._timer.stop()
        self._deadline.stop()
        self.failure = reason
        print(f"reviewer-app: smoke test failed: {reason}", file=sys.stderr)
        log.error("smoke test failed at %s", self.step)
        self._finish(1)

    def _finish(self, status: int) -> None:
        self.status = status
        app = QtWidgets.QApplication.instance()
        if isinstance(app, QtWidgets.QApplication):
            app.setQuitOnLastWindowClosed(False)  # the status below, not a plain quit, ends it
        window = self.shell.window
        if window is not None:
            window.close()  # the session closes on the worker, after anything still saving
        if self.shell.login is not None:
            self.shell.login.close()
        QtWidgets.QApplication.exit(status)

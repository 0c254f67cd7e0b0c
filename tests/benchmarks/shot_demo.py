"""Start the demo on a virtual screen and save screenshots to look at (issue 4 §6).

    uv run python tests/benchmarks/shot_demo.py [OUT_DIR] [--workspace DIR] [--lang en]

Creates (or reuses) a demo workspace, signs in as ``examiner``, and saves PNGs of the login
dialog, the queue, a case with a PDF, a case with a HEIC photo, the 収入 tab with twelve months
typed, then signs in as ``supervisor`` in a second window and saves the approval queue and the
判定 tab of the proposed case. Runs on the offscreen platform unless QT_QPA_PLATFORM says
otherwise (``xvfb-run`` works too).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reviewer_app.commands.demo import ensure_demo_workspace
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.vocabulary import CaseStatus
from reviewer_app.ui.app import create_application
from reviewer_app.ui.login import LoginDialog
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.settings import LANGUAGE, Settings
from reviewer_app.ui.tasks import TaskManager

SIZE = (1600, 960)
AMOUNTS = [98000, 98000, 200000, 200000, 200000, 98000, 98000, 98000, 98000, 98000, 98000,
           98000]


def wait(condition: Callable[[], Any], timeout_s: float = 60.0) -> None:
    timer = QtCore.QElapsedTimer()
    timer.start()
    while not condition():
        if timer.elapsed() > timeout_s * 1000:
            raise TimeoutError("the window did not get there in time")
        QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)


def settle(ms: int = 600) -> None:
    timer = QtCore.QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        QtCore.QCoreApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)


def save(widget: QtWidgets.QWidget, path: Path) -> None:
    settle()
    window = widget if isinstance(widget, MainWindow) else None
    if window is not None and window.stack.currentWidget() is window.case_view:
        # First legible pixels of the current document before the shot.
        wait(lambda: window.case_view.viewer.page_count > 0)
        settle(1500)
    widget.grab().save(str(path))
    print(path)


def sign_in(tasks: TaskManager, directory: Path, user: str, password: str, settings: Settings,
            out: Path | None) -> MainWindow:
    dialog = LoginDialog(tasks, directory, user=user)
    dialog.show()
    dialog.password_edit.setText(password)
    if out is not None:
        save(dialog, out / "00-login.png")
    dialog.submit()
    wait(lambda: dialog.session is not None)
    assert dialog.session is not None
    window = MainWindow(dialog.session, tasks, settings)
    window.resize(*SIZE)
    window.show()
    wait(lambda: window.queue.model.rowCount() > 0)
    return window


def open_case(window: MainWindow, case_id: int) -> None:
    window.show_queue()
    window.queue.select_case(case_id)
    window.open_case(case_id)
    view = window.case_view
    wait(lambda: view.detail is not None and view.detail.case_id == case_id
         and not view.is_loading)


def case_with(window: MainWindow, media: str, relationship: str | None = None) -> int:
    for row in window.queue.model.loaded_rows():
        if relationship is not None and row.relationship != relationship:
            continue
        detail = window.case_service.open_case(row.case_id, take=False)
        if detail.documents and detail.documents[0].attachments and \
                detail.documents[0].attachments[0].media_type.startswith(media):
            return row.case_id
    raise LookupError(media)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/shots", type=Path)
    parser.add_argument("--workspace", type=Path,
                        default=Path(tempfile.gettempdir()) / "reviewer-shot-demo")
    parser.add_argument("--lang", default="ja", choices=("ja", "en"))
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    demo = ensure_demo_workspace(args.workspace)
    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    settings = Settings(QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat))
    settings.set(LANGUAGE, args.lang)
    create_application(sys.argv[:1], settings=settings)
    tasks = TaskManager(args.lang)
    window = sign_in(tasks, demo.dir, "examiner", demo.passwords["examiner"], settings, out)
    save(window, out / "01-queue.png")

    pdf_case = case_with(window, "application/pdf", "spouse")
    open_case(window, pdf_case)
    view = window.case_view
    wait(lambda: view.viewer.current_attachment_id is not None)
    save(window, out / "02-case-pdf.png")

    heic_case = case_with(window, "image/heic")
    open_case(window, heic_case)
    save(window, out / "03-case-heic.png")

    # Back to the PDF case: twelve months in the 収入 tab, then propose.
    open_case(window, pdf_case)
    assert view.detail is not None
    year = view.detail.target_year
    # As the examiner would: an employer (15日締め・当月25日払い), then twelve months pasted.
    employers = view.income_tab.employers_model
    employers.add_record()
    for column, value in ((0, "株式会社サンプル商事"), (1, 15), (2, 0), (3, 25)):
        employers.setData(employers.index(0, column), value)
    view.income_tab.grid_model.set_amounts(0, YearMonth(year, 1), list(AMOUNTS))
    view.tabs.setCurrentWidget(view.income_tab)
    save(window, out / "04-case-income.png")
    view.tabs.setCurrentWidget(view.decision_tab)
    view.decision_tab.exclude_radio.setChecked(True)
    view.decision_tab.comment_edit.setPlainText("3〜5月が月額限度を超過。給与明細で確認済み。")
    save(window, out / "05-case-decision.png")
    view.decision_tab.propose_button.click()
    wait(lambda: view.detail is not None
         and view.detail.status is CaseStatus.AWAITING_APPROVAL and not view.is_loading)
    view.tabs.setCurrentWidget(view.documents_tab)
    save(window, out / "06-case-documents.png")
    view.tabs.setCurrentWidget(view.answers_tab)
    save(window, out / "07-case-answers.png")
    window.show_queue()
    save(window, out / "08-queue-after.png")

    supervisor_tasks = TaskManager(args.lang)
    supervisor = sign_in(supervisor_tasks, demo.dir, "supervisor", demo.passwords["supervisor"],
                         settings, None)
    supervisor.show_approvals()
    wait(lambda: supervisor.approvals.model.rowCount() > 0)
    save(supervisor, out / "09-approval-queue.png")
    supervisor.approvals.select_case(pdf_case)
    supervisor.approvals.open_current()
    sview = supervisor.case_view
    wait(lambda: sview.detail is not None and not sview.is_loading)
    sview.tabs.setCurrentWidget(sview.decision_tab)
    save(supervisor, out / "10-approval-decision.png")
    window.lock()
    save(window, out / "11-idle-lock.png")
    for w in (window, supervisor):
        w.close()
    tasks.shutdown()
    supervisor_tasks.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())

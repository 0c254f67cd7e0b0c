"""Screenshots of the survey's round trip on a real X server (issue 7), at three screen sizes.

    xvfb-run -s "-screen 0 1920x1080x24" uv run python tests/benchmarks/shot_round_trip.py [OUT]

Makes a demo workspace, records a deficiency notice, exports the results as the supervisor,
plays the web system (some members re-upload), then saves: the examiner's queue filtered to
再提出あり, the re-submitted case with its 【新着】 file, the supervisor's 出力 menu and the
進捗 page, each at 1366×768, 1440×900 and 1920×1080, to OUT (default /tmp/shots/round-trip).
"""

from __future__ import annotations

import functools
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from reviewer_app.commands.demo import answer_results, ensure_demo_workspace
from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.services.casework import CaseService
from reviewer_app.services.results import export_results
from reviewer_app.services.workspace import open_session
from reviewer_app.ui.app import create_application
from reviewer_app.ui.case_view import CaseView
from reviewer_app.ui.main_window import MainWindow
from reviewer_app.ui.qt import QtCore, QtWidgets
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskManager

SIZES = ((1366, 768), (1440, 900), (1920, 1080))


def shows_case(view: CaseView, case_id: int) -> bool:
    return view.detail is not None and view.detail.case_id == case_id


def wait(app: QtWidgets.QApplication, condition: Callable[[], Any], seconds: float = 60) -> None:
    timer = QtCore.QElapsedTimer()
    timer.start()
    while not condition():
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if timer.elapsed() > seconds * 1000:
            raise TimeoutError("the window did not get there in time")


def settle(app: QtWidgets.QApplication, ms: int = 800) -> None:
    timer = QtCore.QElapsedTimer()
    timer.start()
    while timer.elapsed() < ms:
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 50)


def prepare(directory: Path) -> tuple[dict[str, str], int]:
    demo = ensure_demo_workspace(directory, members=12)
    with open_session(demo.dir, "examiner", demo.passwords["examiner"]) as ws:
        service = CaseService(ws)
        noticed: list[tuple[int, str]] = []
        for case_id in range(1, 40):
            detail = service.open_case(case_id, take=False)
            if detail.dependent.status.value != "submitted" or not any(
                    d.attachments for d in detail.documents):
                continue
            if noticed and detail.insured.member_id == noticed[-1][1]:
                continue
            service.open_case(case_id)
            document = next(d for d in detail.documents if d.attachments)
            service.save_document_check(case_id, DocumentReview(
                document.document_key, ReviewStatus.DEFICIENT, DeficiencyReason.UNREADABLE,
                "4月分がぼやけて読めません"), None)
            service.record_notice(case_id, date(2024, 10, 31),
                                  service.open_case(case_id).version,
                                  issued_on=date(2024, 10, 3))
            noticed.append((case_id, detail.insured.member_id))
            if len(noticed) == 2:
                break
    results = directory.parent / "results-1.zip"
    with open_session(demo.dir, "supervisor", demo.passwords["supervisor"]) as ws:
        export_results(ws, results)
    answer_results(demo.dir, results)
    return demo.passwords, noticed[0][0]


def window_for(app: QtWidgets.QApplication, directory: Path, user: str, password: str,
               tmp: Path) -> tuple[MainWindow, TaskManager]:
    tasks = TaskManager("ja")
    session = open_session(directory, user, password)
    store = QtCore.QSettings(str(tmp / f"{user}.ini"), QtCore.QSettings.Format.IniFormat)
    window = MainWindow(session, tasks, Settings(store))
    window.show()
    wait(app, lambda: window.queue.model.rowCount() > 0)
    return window, tasks


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/shots/round-trip")
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([])
    with tempfile.TemporaryDirectory(prefix="shot-round-trip-") as tmp_name:
        tmp = Path(tmp_name)
        passwords, case_id = prepare(tmp / "demo")
        examiner, tasks = window_for(app, tmp / "demo", "examiner", passwords["examiner"], tmp)
        for width, height in SIZES:
            examiner.resize(width, height)
            examiner.show_queue()
            settle(app)
            examiner.grab().save(str(out / f"queue-{width}x{height}.png"))
            examiner.open_case(case_id)
            view = examiner.case_view
            wait(app, functools.partial(shows_case, view, case_id))
            settle(app, 2000)
            examiner.grab().save(str(out / f"resubmitted-case-{width}x{height}.png"))
        tasks.wait_idle()
        examiner.close()
        supervisor, stasks = window_for(app, tmp / "demo", "supervisor",
                                        passwords["supervisor"], tmp)
        for width, height in SIZES:
            supervisor.resize(width, height)
            supervisor.show_progress()
            settle(app, 2500)
            supervisor.grab().save(str(out / f"progress-{width}x{height}.png"))
        stasks.wait_idle()
        supervisor.close()
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

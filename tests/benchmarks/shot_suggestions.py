"""Screenshots of the amounts read from the payslips (issue 11), to look at.

    xvfb-run -a -s "-screen 0 1366x768x24" uv run python tests/benchmarks/shot_suggestions.py \
        OUT_DIR 1366x768

Makes a workspace with one case (twelve text-layer payslips, one of them printing a My Number,
and a bonus slip), signs in as the examiner, opens the case on 収入 and saves two PNGs of the
whole screen-sized window: March's suggestion under the cursor with its box outlined in the
viewer, and February's page with its My Number blacked out.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(HERE), str(HERE / "integration")]

from casework_fixtures import PersonSpec, seed_case  # noqa: E402
from helpers_payslips import Slip, payslip_pdf  # noqa: E402
from shot_demo import settle, wait  # noqa: E402

from reviewer_app.services.users import add_user  # noqa: E402
from reviewer_app.services.workspace import init_workspace, open_session  # noqa: E402
from reviewer_app.ui.app import create_application  # noqa: E402
from reviewer_app.ui.main_window import MainWindow  # noqa: E402
from reviewer_app.ui.qt import QtCore  # noqa: E402
from reviewer_app.ui.settings import Settings  # noqa: E402
from reviewer_app.ui.tasks import TaskManager  # noqa: E402

MY_NUMBER = "123456789018"


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    width, height = (int(v) for v in (sys.argv[2] if len(sys.argv) > 2 else "1440x900").split("x"))
    out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    root = Path(tempfile.mkdtemp(prefix="shot-suggestions-"))
    admin_pw, examiner_pw = secrets.token_urlsafe(12), secrets.token_urlsafe(12)
    init_workspace(root / "ws", None, "admin", admin_pw)
    with open_session(root / "ws", "admin", admin_pw) as admin:
        add_user(admin, "examiner", "examiner", examiner_pw)
        files = [(payslip_pdf(Slip(paid=f"支給日 2024/{m:02d}/25",
                                   items=(("基本給", 95_000 + 700 * m), ("通勤手当", 5_000)),
                                   my_number=MY_NUMBER if m == 2 else None)),
                  "application/pdf", f"{m}月給与.pdf") for m in range(1, 13)]
        files.append((payslip_pdf(Slip(title="賞与明細書", paid="支給日 2024/07/10",
                                       items=(("賞与", 48_000),))), "application/pdf",
                      "夏季賞与.pdf"))
        case = seed_case(admin, PersonSpec(1, files=files))
    session = open_session(root / "ws", "examiner", examiner_pw)
    tasks = TaskManager("ja")
    settings = Settings(QtCore.QSettings(str(root / "settings.ini"),
                                         QtCore.QSettings.Format.IniFormat))
    window = MainWindow(session, tasks, settings)
    window.resize(width, height)
    window.show()
    wait(lambda: window.queue.model.rowCount() > 0)
    window.open_case(case.case_id)
    view = window.case_view
    wait(lambda: view.detail is not None and not view.is_loading)
    view.tabs.setCurrentWidget(view.income_tab)
    tab = view.income_tab
    wait(lambda: tab.suggested.found is not None)
    tab.grid.setFocus()

    def shoot(month: str, name: str) -> None:
        tab.grid.setCurrentIndex(tab.grid_model.index(tab.grid_model.row_of(month), 0))
        wait(lambda: view.viewer.page_view.pixmap_exact)
        settle()
        path = out / f"{name}_{width}x{height}.png"
        window.grab().save(str(path))
        print(path)

    shoot("2024-03", "suggestions")
    shoot("2024-02", "mynumber_masked")
    view.suggestions and view.suggestions.wait_idle(60)
    window.close()
    tasks.wait_idle()
    tasks.shutdown()
    del app


if __name__ == "__main__":
    main()

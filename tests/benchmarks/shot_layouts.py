"""Screenshots of the case view with a payslip open and twelve months typed, at the examiners'
screen sizes, in Japanese and English (issue 13: layouts for 1366×768, 1440×900, 1920×1080).

    xvfb-run -a -s "-screen 0 1920x1080x24" uv run python tests/benchmarks/shot_layouts.py \
        /tmp/shots [--workspace DIR]

Each window is maximised-size (``resize`` to the screen size) and grabbed; the viewer shows a
PDF payslip and the 収入 tab its month grid. Runs offscreen unless QT_QPA_PLATFORM says otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from shot_demo import AMOUNTS, case_with, open_case, save, sign_in, wait

from reviewer_app.commands.demo import ensure_demo_workspace
from reviewer_app.domain.dates import YearMonth
from reviewer_app.ui.app import create_application
from reviewer_app.ui.i18n import install_translator
from reviewer_app.ui.qt import QtCore
from reviewer_app.ui.settings import LANGUAGE, Settings
from reviewer_app.ui.tasks import TaskManager

SIZES = ((1366, 768), (1440, 900), (1920, 1080))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="/tmp/shots", type=Path)
    parser.add_argument("--workspace", type=Path,
                        default=Path(tempfile.gettempdir()) / "reviewer-shot-demo")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    demo = ensure_demo_workspace(args.workspace)
    settings_file = Path(tempfile.mkdtemp()) / "settings.ini"
    settings = Settings(QtCore.QSettings(str(settings_file), QtCore.QSettings.Format.IniFormat))
    app = create_application(sys.argv[:1], settings=settings)
    for lang in ("ja", "en"):
        settings.set(LANGUAGE, lang)
        translator = install_translator(app, lang)
        tasks = TaskManager(lang)
        window = sign_in(tasks, demo.dir, "examiner", demo.passwords["examiner"], settings, None)
        pdf_case = case_with(window, "application/pdf", "spouse")
        open_case(window, pdf_case)
        view = window.case_view
        assert view.detail is not None
        if not view.income_tab.employers_model.rowCount():
            employers = view.income_tab.employers_model
            employers.add_record()
            for column, value in ((0, "株式会社サンプル商事"), (1, 15), (2, 0), (3, 25)):
                employers.setData(employers.index(0, column), value)
            view.income_tab.grid_model.set_amounts(0, YearMonth(view.detail.target_year, 1),
                                                   list(AMOUNTS))
        view.tabs.setCurrentWidget(view.income_tab)
        wait(lambda v=view: v.viewer.current_attachment_id is not None)  # type: ignore[misc]
        for width, height in SIZES:
            window.resize(width, height)
            save(window, out / f"case-{lang}-{width}x{height}.png")
        window.resize(1440, 900)
        window.focus_action.trigger()  # the focus layout: the document and the month grid
        save(window, out / f"focus-{lang}-1440x900.png")
        window.focus_action.trigger()
        view.tabs.setCurrentWidget(view.decision_tab)
        window.resize(1366, 768)
        save(window, out / f"decision-{lang}-1366x768.png")
        window.close()
        tasks.shutdown()
        if translator is not None:
            app.removeTranslator(translator)
    return 0


if __name__ == "__main__":
    sys.exit(main())

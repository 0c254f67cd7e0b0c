"""Screenshots of the paper survey form (issue 14): ファイル→紙の調査票を入力 with the demo's
third paper survey filled in and its scanned payslips split in two, before saving; then the same
dialog after the second person's 入力確認.

    xvfb-run -s "-screen 0 1920x1080x24" uv run python tests/benchmarks/shot_paper.py OUT

A demo workspace (24 members) is made in a temporary folder. Each view is saved at 1366x768,
1440x900 and 1920x1080 (the dialog fills the screen as an examiner would maximise it).
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

SIZES = ((1366, 768), (1440, 900), (1920, 1080))


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    from reviewer_app.commands.demo import DEMO_SEED, PAPER_FOLDER, ensure_demo_workspace
    from reviewer_app.domain.vocabulary import DocumentKind
    from reviewer_app.services.workspace import open_session
    from reviewer_app.ui.fonts import ensure_japanese_font
    from reviewer_app.ui.paper_dialog import PaperDialog
    from reviewer_app.ui.qt import QtCore, QtWidgets
    from reviewer_app.ui.tasks import TaskManager

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv)
    assert isinstance(app, QtWidgets.QApplication)
    ensure_japanese_font(app)
    root = Path(tempfile.mkdtemp(prefix="shot-paper-"))
    tasks = TaskManager("ja")

    def wait(condition: object, seconds: float = 30) -> None:
        timer = QtCore.QElapsedTimer()
        timer.start()
        while not condition() and timer.elapsed() < seconds * 1000:  # type: ignore[operator]
            app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)

    try:
        demo = ensure_demo_workspace(root / "demo", members=24, seed=DEMO_SEED)
        folder = demo.dir / PAPER_FOLDER
        hint = (folder / "README.txt").read_text(encoding="utf-8")
        member = hint.split("--member ")[1].split()[0]
        dependent = hint.split("--dependent ")[1].split()[0]
        answers = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
        sessions = [open_session(demo.dir, name, demo.passwords[name])
                    for name in ("examiner", "examiner2")]
        dialog = PaperDialog(None, sessions[0], tasks,
                             ask_paths=lambda *_a: [str(folder / "scan.pdf")] * 2)
        dialog.member_edit.setText(member)
        dialog.dependent_edit.setText(dependent)
        dialog.show()
        dialog.look_up()
        wait(lambda: dialog.target is not None)
        dialog.set_answers(answers)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(DocumentKind.PAYSLIP.value))
        dialog.add_files()
        for row, pages in enumerate(("1-6", "7-12")):
            item = dialog.scan_list.item(row, 2)
            assert item is not None
            item.setText(pages)
        for width, height in SIZES:
            dialog.resize(width, height)
            wait(lambda: False, 0.4)
            path = out / f"paper_form_{width}x{height}.png"
            dialog.grab().save(str(path))
            print(path)
        saved: list[str] = []
        dialog.done_.connect(saved.append)
        dialog.save()
        wait(lambda: bool(saved))
        second = PaperDialog(None, sessions[1], tasks)
        second.open_case(dialog.target.case_id if dialog.target else 0)
        second.show()
        wait(lambda: second.target is not None)
        second.check()
        wait(lambda: second.state is not None and second.state.checked)
        for width, height in SIZES:
            second.resize(width, height)
            wait(lambda: False, 0.4)
            path = out / f"paper_checked_{width}x{height}.png"
            second.grab().save(str(path))
            print(path)
        for session in sessions:
            session.close()
    finally:
        tasks.wait_idle()
        tasks.shutdown()
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The 出力 menu (results, exclusion list) and the 新着 marks of a re-submission, on a real demo
workspace with real widgets; only the file dialog and the message box are replaced."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from pytestqt.qtbot import QtBot
from shell_helpers import (  # noqa: F401 (the *_fixture names are fixtures)
    Demo,
    child,
    demo_fixture,
    messages_fixture,
    open_case,
    open_window,
    settings_fixture,
    tasks_fixture,
    wait,
)

from reviewer_app.bundle.results import ResultStatus, read_results
from reviewer_app.commands.demo import WEB_DIR, WEB_KEY_FILE, answer_results
from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.security import keys
from reviewer_app.services.casework import CaseService
from reviewer_app.services.results import RESULTS_SIGNER_FILE, export_results
from reviewer_app.services.workspace import open_session
from reviewer_app.ui import outputs
from reviewer_app.ui.qt import QtWidgets
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskFailure, TaskManager

pytestmark = pytest.mark.gui


def _read(demo: Demo, path: Path) -> Any:
    web = keys.recipient_key_from_bytes((demo.dir / WEB_DIR / WEB_KEY_FILE).read_bytes())
    signer = keys.public_key_from_text((demo.dir / RESULTS_SIGNER_FILE).read_text())
    assert isinstance(signer, Ed25519PublicKey)
    return read_results(path, web_system_key=web, trusted_workspaces=[signer])


def test_supervisor_exports_results_and_exclusions_from_the_output_menu(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo, tmp_path: Path,
        messages: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, tasks, settings, demo, user="supervisor")
    assert window.outputs is not None
    assert window.outputs.menu.menuAction() in window.menuBar().actions()
    target = tmp_path / "results.zip"
    window.outputs.ask_path = lambda *_args: str(target)
    with qtbot.waitSignal(window.outputs.finished, timeout=30_000):
        window.outputs.results_action.trigger()
    opened = _read(demo, target)
    assert opened.manifest.sequence == 1 and len(opened.results) > 0
    assert "通番 1" in messages[-1]
    xlsx = tmp_path / "exclusions.xlsx"
    window.outputs.ask_path = lambda *_args: str(xlsx)
    with qtbot.waitSignal(window.outputs.finished, timeout=30_000):
        window.outputs.xlsx_action.trigger()
    assert xlsx.stat().st_size > 0 and "除外者一覧" in messages[-1]
    # letters: the demo has no approved exclusion or notice yet, so the message says so
    failures: list[str] = []

    def show_failure(_parent: object, failure: TaskFailure, _title: str | None = None) -> None:
        failures.append(failure.message)

    monkeypatch.setattr(outputs, "show_failure", show_failure)
    window.outputs.ask_path = lambda *_args: str(tmp_path / "letters.pdf")
    window.outputs.letters_action.trigger()
    wait(qtbot, lambda: failures)
    assert "通知文書がありません" in failures[0] and not (tmp_path / "letters.pdf").exists()
    window.outputs.ask_path = lambda *_args: ""  # cancelled: nothing happens
    window.outputs.csv_action.trigger()
    assert not (tmp_path / "exclusions.csv").exists()


def test_examiners_have_no_output_menu(qtbot: QtBot, tasks: TaskManager, settings: Settings,
                                       demo: Demo) -> None:
    window = open_window(qtbot, tasks, settings, demo, user="examiner")
    assert window.outputs is None
    menus = [a.menu() for a in window.menuBar().actions()]
    assert menus and not any(m is not None and m.objectName() == "outputMenu" for m in menus)
    assert window.findChild(QtWidgets.QMenu, "outputMenu") is None


def test_a_resubmitted_file_is_marked_new_in_the_document_list(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo,
        tmp_path: Path) -> None:
    with open_session(demo.dir, "examiner", demo.passwords["examiner"]) as ws:
        service = CaseService(ws)
        case_id = None
        for candidate in range(1, 30):
            detail = service.open_case(candidate, take=False)
            if detail.dependent.status.value == "submitted" and any(
                    d.attachments for d in detail.documents):
                case_id = candidate
                break
        assert case_id is not None
        detail = service.open_case(case_id)
        document = next(d for d in detail.documents if d.attachments)
        service.save_document_check(case_id, DocumentReview(
            document.document_key, ReviewStatus.DEFICIENT, DeficiencyReason.UNREADABLE), None)
        service.record_notice(case_id, date(2024, 10, 31), service.open_case(case_id).version,
                              issued_on=date(2024, 10, 3))
    results = tmp_path / "results.zip"
    with open_session(demo.dir, "supervisor", demo.passwords["supervisor"]) as ws:
        export_results(ws, results)
    assert any(r.status is ResultStatus.NOTICE_SENT for r in _read(demo, results).results)
    summary, answered, _ignored = answer_results(demo.dir, results)
    assert len(answered) == 1 and summary.resubmitted_cases == 1

    window = open_window(qtbot, tasks, settings, demo, user="examiner")
    view = open_case(qtbot, window, case_id)
    wait(qtbot, lambda: view.detail is not None and view.detail.case_id == case_id)
    tree = view.viewer._tree
    groups = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    labels = [item.text(0) for group in groups if group is not None
              for j in range(group.childCount()) if (item := group.child(j)) is not None]
    new = [label for label in labels if label.startswith("【新着】")]
    assert len(new) == 1 and "再提出_" in new[0]
    banner = child(view, QtWidgets.QLabel, "caseBanner")
    assert "再提出がありました" in banner.text() and banner.isVisible()

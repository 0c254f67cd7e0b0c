"""Quarantined uploads in the case screen (issue 9): a real workspace imports a bundle with a
password-protected PDF and a cut-off JPEG beside a sound PNG; the 書類 tab says
「ファイルを開けません」 with the reason and the next step, the viewer shows the reason instead of
the page and never fetches the file, the notice proposes asking for it again. And the viewer on
crafted files: a failed decode is remembered, not retried, and extreme shapes are refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from helpers_bundles import CREATED_AT, insurer, make_png, submission_dict, survey
from helpers_crafted import content_bomb_pdf, cut, encrypted_pdf, long_jpeg, streamed_png
from helpers_documents import corrupt_jpeg, make_jpeg, make_pdf
from pytestqt.qtbot import QtBot
from shell_helpers import (  # noqa: F401 (the *_fixture names are fixtures)
    Demo,
    demo_fixture,
    messages_fixture,
    open_window,
    settings_fixture,
)

from reviewer_app.bundle import schema
from reviewer_app.bundle.writer import BundleWriter
from reviewer_app.render.engine import RenderEngine
from reviewer_app.review.deficiency import DeficiencyReason
from reviewer_app.security.keys import generate_signing_key, public_key_from_text
from reviewer_app.security.keys import public_key_to_text as key_text
from reviewer_app.services.cases import list_cases
from reviewer_app.services.casework import CaseService
from reviewer_app.services.exporters import trust_exporter
from reviewer_app.services.importing import import_bundle
from reviewer_app.ui.case.documents_model import Column
from reviewer_app.ui.case_view import CaseView
from reviewer_app.ui.qt import Qt
from reviewer_app.ui.settings import Settings
from reviewer_app.ui.tasks import TaskManager
from reviewer_app.ui.viewer import AttachmentGroup, AttachmentRef, DocumentViewer

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]
TIMEOUT_MS = 30_000


def _bundle(path: Path, ws_dir: Path, admin: Any) -> Path:
    signing = generate_signing_key()
    trust_exporter(admin, key_text(signing.public_key()))
    recipient = public_key_from_text((ws_dir / "recipient.pub").read_text(encoding="utf-8"))
    assert isinstance(recipient, X25519PublicKey)
    files = {"f-ok": make_png(), "f-pw": encrypted_pdf(), "f-cut": cut(make_jpeg(), 0.6),
             "f-ok2": make_pdf(1)}
    with BundleWriter(path, signing_key=signing, recipients=[recipient], insurer=insurer(),
                      survey=survey(), bundle_id="quarantine-gui", created_at=CREATED_AT) as w:
        for file_id, data in files.items():
            w.add_file(file_id, data)
        w.add_submission(schema.Submission.model_validate(submission_dict(
            1, [("f-ok", "image/png"), ("f-pw", "application/pdf")])))
        w.add_submission(schema.Submission.model_validate(submission_dict(
            2, [("f-ok2", "application/pdf"), ("f-cut", "image/jpeg")])))
    return path


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[TaskManager]:
    manager = TaskManager("ja")
    yield manager
    manager.wait_idle()
    manager.shutdown()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_documents_tab_viewer_and_notice_show_the_quarantined_file(
        qtbot: QtBot, workspace: Any, tmp_path: Path, tasks: TaskManager) -> None:
    admin = workspace.login("admin")
    import_bundle(workspace.login("examiner"), _bundle(tmp_path / "b.zip", workspace.dir, admin))
    session = workspace.login("examiner")
    service = CaseService(session)
    fetched: list[int] = []
    original = service.attachment_bytes

    def counting(attachment_id: int) -> bytes:
        fetched.append(attachment_id)
        return original(attachment_id)

    service.attachment_bytes = counting  # type: ignore[method-assign]
    case_id = {row.card: row.case_id for row in list_cases(session)}["10-101"]
    view = CaseView(tasks, service, session.user)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    view.open_case(case_id)
    qtbot.waitUntil(lambda: view.detail is not None and not view.is_loading, timeout=TIMEOUT_MS)
    assert view.detail is not None

    # 書類: the payslip row says the file cannot be opened, why, and what to ask for
    tab = view.documents_tab
    model = tab.model
    row = next(r for r in range(model.rowCount()) if model.status_at(r).unusable)
    state = model.index(row, Column.STATE)
    assert model.data(state) == "ファイルを開けません"
    assert "パスワード付きのPDF" in model.data(state, Qt.ItemDataRole.ToolTipRole)
    tab.select_row(row)
    assert "明細_2.pdf" in tab.unusable_label.text()
    assert "パスワードを外したPDF" in tab.unusable_label.text()
    assert not tab.unusable_label.isHidden()
    assert "開けないファイル 1件" in tab.summary.text()

    # 不備連絡: proposed with the wording for a password, naming the file
    items = view.notice_tab.items_model.items()
    item = next(i for i in items if i.document_id == model.status_at(row).key)
    assert item.reason is DeficiencyReason.FILE_UNUSABLE
    assert "パスワードを設定していない" in item.instead_ja and "明細_2.pdf" in item.note

    # the viewer: the file is listed, marked, shown as its reason, and never fetched
    attachments = {a.file_key: a for doc in view.detail.documents for a in doc.attachments}
    locked = attachments["f-pw"].attachment_id
    viewer = view.viewer
    viewer.show_attachment(str(locked))
    qtbot.waitUntil(lambda: viewer.current_attachment_id == str(locked), timeout=TIMEOUT_MS)
    message = viewer.page_view.message or ""
    assert message.startswith("ファイルを開けません: パスワード付きのPDFです")
    assert not viewer.action_zoom_in.isEnabled() and not viewer.action_rotate_right.isEnabled()
    assert locked not in fetched
    viewer.show_attachment(str(attachments["f-ok"].attachment_id))
    qtbot.waitUntil(lambda: viewer.page_view.pixmap_exact, timeout=TIMEOUT_MS)
    assert locked not in fetched and attachments["f-ok"].attachment_id in fetched

    # marking the row 不備 picks the reason 「ファイルを開けない」
    with qtbot.waitSignal(tab.reviewChanged, timeout=TIMEOUT_MS) as blocker:
        tab.deficient_button.click()
    assert blocker.args[0].reason is DeficiencyReason.FILE_UNUSABLE
    view.shutdown()


# --- the viewer on crafted files --------------------------------------------------------------


def shown_viewer(qtbot: QtBot, fetch: Any, engine: RenderEngine) -> DocumentViewer:
    viewer = DocumentViewer(fetch, engine=engine)
    qtbot.addWidget(viewer)
    viewer.resize(900, 700)
    viewer.show()
    return viewer


@pytest.fixture(scope="module")
def engine() -> Iterator[RenderEngine]:
    engine = RenderEngine()
    assert engine.wait_ready(60)
    yield engine
    engine.shutdown()


def test_a_failed_decode_is_remembered_and_not_tried_again(
        qtbot: QtBot, engine: RenderEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    files = {"bad": corrupt_jpeg(), "good": make_png(320, 240)}
    renders: list[str] = []
    original = engine.render

    def counting(key: str, *args: Any, **kwargs: Any) -> None:
        renders.append(key.split(":", 1)[1])
        original(key, *args, **kwargs)

    monkeypatch.setattr(engine, "render", counting)
    viewer = shown_viewer(qtbot, files.__getitem__, engine)
    viewer.set_attachments([AttachmentGroup("書類", [
        AttachmentRef("bad", "bad.jpg", "image/jpeg"),
        AttachmentRef("good", "good.png", "image/png")])])
    qtbot.waitUntil(lambda: viewer.loader.failure("bad", 0) is not None, timeout=TIMEOUT_MS)
    assert "壊れて" in (viewer.page_view.message or "")
    tried = renders.count("bad")
    viewer.show_attachment("good")
    qtbot.waitUntil(lambda: viewer.page_view.pixmap_exact, timeout=TIMEOUT_MS)
    viewer.show_attachment("bad")
    viewer.zoom_in()
    viewer.rotate_right()
    qtbot.waitUntil(lambda: "壊れて" in (viewer.page_view.message or ""), timeout=TIMEOUT_MS)
    assert renders.count("bad") == tried  # neither the view, the zoom nor the thumbnails
    viewer.shutdown()


@pytest.mark.parametrize(("name", "make", "media_type"), [
    ("png-1x50000000", lambda: streamed_png(1, 50_000_000), "image/png"),
    ("png-4x12500000", lambda: streamed_png(4, 12_500_000), "image/png"),
    ("jpeg-65327x169", long_jpeg, "image/jpeg"),
])
def test_extreme_shapes_are_refused_before_decoding(
        qtbot: QtBot, engine: RenderEngine, name: str, make: Any, media_type: str) -> None:
    data = make()
    viewer = shown_viewer(qtbot, lambda _aid: data, engine)
    with qtbot.waitSignal(viewer.documentFailed, timeout=TIMEOUT_MS) as blocker:
        viewer.set_attachments([AttachmentGroup("書類", [AttachmentRef(name, name,
                                                                      media_type)])])
    assert blocker.args == [name, "document-extreme-aspect"]
    assert "極端に細長い" in (viewer.page_view.message or "")
    viewer.shutdown()


# --- the window's import and its summary ------------------------------------------------------


def test_the_window_imports_a_bundle_and_counts_the_quarantined_files_per_reason(
        qtbot: QtBot, tasks: TaskManager, settings: Settings, demo: Demo, tmp_path: Path,
        messages: list[str]) -> None:
    from reviewer_app.services.workspace import open_session

    with open_session(demo.dir, "admin", demo.passwords["admin"]) as admin:
        bundle = _bundle(tmp_path / "window.zip", demo.dir, admin)
    window = open_window(qtbot, tasks, settings, demo, user="examiner")
    assert window.import_action.isVisible()
    rows_before = window.queue.model.rowCount()
    window.importer.ask_path = lambda *_args: str(bundle)
    with qtbot.waitSignal(window.importer.finished, timeout=TIMEOUT_MS) as blocker:
        window.import_action.trigger()
    text, summary = blocker.args
    assert summary.quarantined == {"damaged": 1, "password_protected": 1}
    assert "開けないファイル 2 件" in text
    assert "・壊れている・途中で切れている: 1" in text and "・パスワード付きPDF: 1" in text
    assert messages == [text]
    qtbot.waitUntil(lambda: window.queue.model.rowCount() == rows_before + 2,
                    timeout=TIMEOUT_MS)


def test_leaving_a_document_while_it_opens_and_coming_back_shows_it(
        qtbot: QtBot, engine: RenderEngine) -> None:
    """Abandoning drops the pending open; coming back must open it again, not wait forever."""
    import time

    from reviewer_app.render.engine import ABANDON_GRACE_S
    from reviewer_app.render.types import RenderRequest

    slow = content_bomb_pdf(80_000_000)  # seconds per render
    for key in ("busy-1", "busy-2"):  # both workers busy: the viewer's open waits in the queue
        engine.render(key, slow, "application/pdf", RenderRequest(0, 0, 600, 849),
                      lambda _outcome: None, deadline_s=60)
    qtbot.waitUntil(lambda: len(engine.running_keys()) == 2, timeout=TIMEOUT_MS)
    files = {"a": make_pdf(2), "b": make_png(320, 240)}
    viewer = shown_viewer(qtbot, files.__getitem__, engine)
    viewer.set_attachments([AttachmentGroup("書類", [
        AttachmentRef("a", "a.pdf", "application/pdf"),
        AttachmentRef("b", "b.png", "image/png")])])
    loader = viewer.loader
    qtbot.waitUntil(lambda: loader._docs.get("a") is not None
                    and loader._docs["a"].data is not None, timeout=TIMEOUT_MS)
    viewer.show_attachment("b")  # leaves "a" while its open is still queued
    while min(engine.running_for("busy-1") or 0, engine.running_for("busy-2") or 0) \
            <= ABANDON_GRACE_S:
        time.sleep(0.05)
    engine.abandon("busy-1")
    engine.abandon("busy-2")
    viewer.show_attachment("a")
    qtbot.waitUntil(lambda: viewer.page_view.pixmap_exact, timeout=TIMEOUT_MS)
    assert viewer.current_attachment_id == "a" and viewer.page_count == 2
    viewer.shutdown()

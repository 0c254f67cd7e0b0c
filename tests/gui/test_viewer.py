"""The document viewer on real files: pages, zoom, rotation, HEIC, damaged files, keys, clear."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
from helpers_documents import (
    corrupt_jpeg,
    is_red,
    is_white,
    make_heic,
    make_jpeg,
    make_pdf,
    make_png_header,
)
from pytestqt.qtbot import QtBot

from reviewer_app.render.engine import RenderEngine
from reviewer_app.ui.qt import Qt, QtCore, QtGui
from reviewer_app.ui.viewer import AttachmentGroup, AttachmentRef, DocumentViewer, ZoomMode

# The offscreen platform warns on every show(); it says nothing about the viewer.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

TIMEOUT_MS = 20_000


@pytest.fixture(scope="module")
def engine() -> Iterator[RenderEngine]:
    engine = RenderEngine()  # the child process, as in the application
    yield engine
    engine.shutdown()


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return {
        "pdf": make_pdf(3),
        "heic": make_heic(4032, 3024, orientation=6, thumbnails=(320,)),
        "jpeg": make_jpeg(800, 600, orientation=8),
        "corrupt": corrupt_jpeg(),
        "bomb": make_png_header(30_000, 30_000),
        "text": b"this is not a document",
    }


class Fetcher:
    """``fetch`` for the viewer: records the calling thread, so tests can prove it is not GUI."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.threads: list[threading.Thread] = []

    def __call__(self, attachment_id: str) -> bytes:
        self.threads.append(threading.current_thread())
        return self.files[attachment_id]


@pytest.fixture
def fetcher(files: dict[str, bytes]) -> Fetcher:
    return Fetcher(files)


@pytest.fixture
def viewer(qtbot: QtBot, engine: RenderEngine, fetcher: Fetcher) -> Iterator[DocumentViewer]:
    widget = DocumentViewer(fetcher, engine=engine)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def ref(attachment_id: str, media_type: str = "application/pdf", rotation: int = 0
        ) -> AttachmentRef:
    return AttachmentRef(attachment_id, f"{attachment_id}.bin", media_type, rotation)


def wait_shown(qtbot: QtBot, viewer: DocumentViewer, action: Callable[[], None],
               attachment_id: str, page: int) -> None:
    """Run ``action`` and wait for the exact render of ``page`` to be painted."""
    def matches(aid: str, number: int, exact: bool) -> bool:
        return aid == attachment_id and number == page and exact

    with qtbot.waitSignal(viewer.pageShown, timeout=TIMEOUT_MS, check_params_cb=matches):
        action()


def wait_exact(qtbot: QtBot, viewer: DocumentViewer, action: Callable[[], None]) -> None:
    """Run ``action`` and wait until the page is painted from an exact render of the new size
    (a zoom that lands in the same size bucket reuses the render and emits nothing new)."""
    view = viewer.page_view
    action()

    def exact() -> bool:
        key, _, base_key, _ = view._desired()
        return view.pixmap_exact and view._pixmap_key == (base_key or key)

    qtbot.waitUntil(exact, timeout=TIMEOUT_MS)


def view_pixel(viewer: DocumentViewer, fx: float, fy: float) -> tuple[int, int, int]:
    """Colour at a fraction of the page rectangle, as actually painted on screen."""
    view = viewer.page_view
    image = view.viewport().grab().toImage()
    rect = view._page_geometry()  # the painted page; private but the point of the check
    color = QtGui.QColor(image.pixel(int(rect.left() + rect.width() * fx),
                                     int(rect.top() + rect.height() * fy)))
    return color.red(), color.green(), color.blue()


def test_pdf_pages_navigate_with_buttons_and_keys(qtbot: QtBot, viewer: DocumentViewer,
                                                  fetcher: Fetcher) -> None:
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf")])]), "pdf", 0)
    assert viewer.page_count == 3
    assert all(t is not threading.main_thread() for t in fetcher.threads)
    assert is_red(view_pixel(viewer, 0.1, 0.1))
    wait_shown(qtbot, viewer, viewer.next_page, "pdf", 1)
    assert viewer.current_page == 1
    view = viewer.page_view
    view.setFocus()
    wait_shown(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_PageDown), "pdf", 2)
    assert viewer.current_page == 2
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # already on the last page: stays
    assert viewer.current_page == 2
    wait_shown(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_PageUp), "pdf", 1)
    assert viewer.current_page == 1


def test_zoom_in_out_fit_width_fit_page_and_100(qtbot: QtBot, viewer: DocumentViewer) -> None:
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf")])]), "pdf", 0)
    view = viewer.page_view
    fit_page = viewer.zoom()
    assert view.mode is ZoomMode.FIT_PAGE
    wait_exact(qtbot, viewer, viewer.fit_width)
    assert viewer.zoom() > fit_page  # A4 portrait in a landscape window: width fit is larger
    wait_exact(qtbot, viewer, viewer.actual_size)
    assert viewer.zoom() == pytest.approx(1.0)
    view.setFocus()
    wait_exact(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_Equal,
                                                      Qt.KeyboardModifier.ControlModifier))
    assert viewer.zoom() == pytest.approx(1.1)
    wait_exact(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_Minus,
                                                      Qt.KeyboardModifier.ControlModifier))
    assert viewer.zoom() == pytest.approx(1.0)
    # The exact render matches the painted size times the device pixel ratio (bucketed).
    size = view.pixmap_size
    assert size is not None and view.pixmap_exact
    assert abs(size.width() - view._page_geometry().width() * view.devicePixelRatioF()) <= 8
    wait_exact(qtbot, viewer, viewer.fit_page)
    assert viewer.zoom() == pytest.approx(fit_page)


def test_ctrl_wheel_zooms(qtbot: QtBot, viewer: DocumentViewer) -> None:
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf")])]), "pdf", 0)
    before = viewer.zoom()
    view = viewer.page_view
    center = QtCore.QPointF(view.viewport().rect().center())
    event = QtGui.QWheelEvent(center, view.viewport().mapToGlobal(center), QtCore.QPoint(),
                              QtCore.QPoint(0, 120), Qt.MouseButton.NoButton,
                              Qt.KeyboardModifier.ControlModifier, Qt.ScrollPhase.NoScrollPhase,
                              False)
    wait_exact(qtbot, viewer, lambda: view.wheelEvent(event))
    assert viewer.zoom() > before


def test_high_zoom_renders_a_clip_not_the_whole_page(qtbot: QtBot,
                                                     viewer: DocumentViewer) -> None:
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf")])]), "pdf", 0)
    view = viewer.page_view
    wait_shown(qtbot, viewer, lambda: view.set_zoom(6.0), "pdf", 0)
    qtbot.waitUntil(lambda: view._clip is not None and view._clip[0] == view._desired()[0],
                    timeout=TIMEOUT_MS)
    assert view._clip is not None
    key = view._clip[0]
    assert key.clip is not None
    x0, y0, x1, y1 = key.clip
    assert (x1 - x0) * (y1 - y0) * 4 < key.width ** 2  # a small part of the whole page
    # Scrolled to the top-left corner, the clip shows the red block in crisp pixels.
    color = QtGui.QColor(view.viewport().grab().toImage().pixel(40, 40))
    assert is_red((color.red(), color.green(), color.blue()))


def test_rotation_is_emitted_applied_and_remembered(qtbot: QtBot,
                                                    viewer: DocumentViewer) -> None:
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf", rotation=0), ref("jpeg", "image/jpeg")])]),
        "pdf", 0)
    with qtbot.waitSignal(viewer.rotationChanged, timeout=TIMEOUT_MS) as blocker:
        wait_shown(qtbot, viewer, viewer.rotate_right, "pdf", 0)
    assert blocker.args == ["pdf", 90]
    # Turned clockwise, the red top-left block is now top-right.
    assert is_red(view_pixel(viewer, 0.9, 0.1))
    assert is_white(view_pixel(viewer, 0.1, 0.1))
    view = viewer.page_view
    view.setFocus()
    with qtbot.waitSignal(viewer.rotationChanged, timeout=TIMEOUT_MS) as blocker:
        wait_shown(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_L,
                                                          Qt.KeyboardModifier.ControlModifier),
                   "pdf", 0)
    assert blocker.args == ["pdf", 0]
    wait_shown(qtbot, viewer, viewer.rotate_left, "pdf", 0)
    assert viewer.rotation("pdf") == 270
    wait_shown(qtbot, viewer, viewer.next_attachment, "jpeg", 0)
    wait_shown(qtbot, viewer, viewer.previous_attachment, "pdf", 0)
    assert viewer.page_view.rotation == 270  # remembered per attachment while the case is open


def test_initial_rotation_comes_from_the_reference(qtbot: QtBot, viewer: DocumentViewer) -> None:
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf", rotation=180)])]), "pdf", 0)
    assert viewer.page_view.rotation == 180
    assert is_red(view_pixel(viewer, 0.9, 0.9))


def test_heic_photo_is_shown_upright_quick_pass_first(qtbot: QtBot,
                                                      viewer: DocumentViewer) -> None:
    shown: list[tuple[str, int, bool]] = []
    viewer.pageShown.connect(lambda *args: shown.append(args))
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("年金通知", [ref("heic", "image/heic")])]), "heic", 0)
    assert shown[0] == ("heic", 0, False)  # embedded thumbnail painted before the full decode
    assert shown[-1] == ("heic", 0, True)
    assert viewer.page_view.pixmap_exact
    # Stored turned with EXIF orientation 6; shown landscape with the red block top-left.
    rect = viewer.page_view._page_geometry()
    assert rect.width() > rect.height()
    assert is_red(view_pixel(viewer, 0.1, 0.1))
    assert is_white(view_pixel(viewer, 0.9, 0.9))


def test_keyboard_switches_attachments(qtbot: QtBot, viewer: DocumentViewer) -> None:
    groups = [AttachmentGroup("給与明細", [ref("pdf")]),
              AttachmentGroup("写真", [ref("jpeg", "image/jpeg"), ref("heic", "image/heic")])]
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(groups), "pdf", 0)
    view = viewer.page_view
    view.setFocus()
    wait_shown(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_PageDown,
                                                      Qt.KeyboardModifier.ControlModifier),
               "jpeg", 0)
    assert viewer.current_attachment_id == "jpeg"
    assert is_red(view_pixel(viewer, 0.1, 0.1))  # EXIF orientation 8 applied
    wait_shown(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_BracketRight), "heic", 0)
    wait_shown(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_BracketLeft), "jpeg", 0)
    wait_shown(qtbot, viewer, lambda: qtbot.keyClick(view, Qt.Key.Key_PageUp,
                                                      Qt.KeyboardModifier.ControlModifier),
               "pdf", 0)
    assert viewer.current_attachment_id == "pdf"


@pytest.mark.parametrize(("attachment_id", "code", "words"), [
    ("corrupt", "document-corrupt", "壊れて"),
    ("bomb", "document-too-many-pixels", "大きすぎる"),
    ("text", "document-unsupported", "対応していない"),
])
def test_bad_files_show_a_message_in_place_of_the_page(
    qtbot: QtBot, viewer: DocumentViewer, attachment_id: str, code: str, words: str
) -> None:
    with qtbot.waitSignal(viewer.documentFailed, timeout=TIMEOUT_MS) as blocker:
        viewer.set_attachments([AttachmentGroup("給与明細", [ref(attachment_id, "image/jpeg")])])
    assert blocker.args == [attachment_id, code]
    message = viewer.page_view.message
    assert message is not None and words in message
    # And the viewer keeps working afterwards.
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf")])]), "pdf", 0)


def test_fetch_failure_is_a_message(qtbot: QtBot, engine: RenderEngine) -> None:
    def broken(_attachment_id: str) -> bytes:
        raise ConnectionError("database gone")

    widget = DocumentViewer(broken, engine=engine)
    qtbot.addWidget(widget)
    widget.show()
    try:
        with qtbot.waitSignal(widget.documentFailed, timeout=TIMEOUT_MS) as blocker:
            widget.set_attachments([AttachmentGroup("給与明細", [ref("x")])])
        assert blocker.args == ["x", "document-unavailable"]
    finally:
        widget.shutdown()


def test_clear_hides_everything_and_frees_pixels(qtbot: QtBot, viewer: DocumentViewer) -> None:
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf")])]), "pdf", 0)
    assert viewer.loader.cache.nbytes > 0
    viewer.clear()
    assert viewer.current_attachment_id is None
    assert viewer.page_view.pixmap_size is None
    assert viewer.loader.cache.nbytes == 0
    assert viewer.page_count == 0
    image = viewer.page_view.viewport().grab().toImage()
    center = QtGui.QColor(image.pixel(image.width() // 2, image.height() // 2))
    assert not is_white((center.red(), center.green(), center.blue()))  # no page painted


def test_prefetched_attachment_shows_from_cache(qtbot: QtBot, viewer: DocumentViewer,
                                                fetcher: Fetcher) -> None:
    wait_shown(qtbot, viewer, lambda: viewer.set_attachments(
        [AttachmentGroup("給与明細", [ref("pdf")])]), "pdf", 0)
    viewer.prefetch([ref("jpeg", "image/jpeg")])
    qtbot.waitUntil(lambda: any(key.attachment_id == "jpeg" and key.clip is None
                                for key in viewer.loader.cache._pages), timeout=TIMEOUT_MS)
    calls = len(fetcher.threads)
    shown: list[tuple[str, int, bool]] = []
    viewer.pageShown.connect(lambda *args: shown.append(args))
    viewer.set_attachments([AttachmentGroup("写真", [ref("jpeg", "image/jpeg")])])
    # Wait for the page to be shown (a condition, not a time limit that flakes under load).
    qtbot.waitUntil(lambda: bool(shown), timeout=TIMEOUT_MS)
    assert shown[0] == ("jpeg", 0, True)  # exact from the first paint
    assert len(fetcher.threads) == calls  # no second fetch

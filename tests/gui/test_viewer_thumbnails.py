"""Issue 13, ghost thumbnails: one thumbnail per page, numbered once, in cells that keep their
size when the page's render replaces the placeholder (a cell that shrank left its old painting
on screen under xcb: a blank thumbnail with the same number)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from helpers_documents import is_red, make_jpeg, make_pdf
from pytestqt.qtbot import QtBot

from reviewer_app.render.engine import RenderEngine
from reviewer_app.ui.qt import QtCore, QtGui, QtWidgets
from reviewer_app.ui.viewer import AttachmentGroup, AttachmentRef, DocumentViewer
from reviewer_app.ui.viewer.viewer import _ROLE_RENDERED

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("does not support propagateSizeHints")]

TIMEOUT_MS = 20_000
FILES = {
    "photo": ("image/jpeg", make_jpeg(800, 600)),  # landscape: shorter than the icon box
    "pdf": ("application/pdf", make_pdf(3)),  # portrait, landscape, portrait
}


@pytest.fixture(scope="module")
def engine() -> Iterator[RenderEngine]:
    engine = RenderEngine()
    yield engine
    engine.shutdown()


@pytest.fixture
def viewer(qtbot: QtBot, engine: RenderEngine) -> Iterator[DocumentViewer]:
    widget = DocumentViewer(lambda attachment_id: FILES[attachment_id][1], engine=engine)
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.shutdown()


def thumbnail_list(viewer: DocumentViewer) -> QtWidgets.QListWidget:
    lists = viewer.findChildren(QtWidgets.QListWidget)
    assert len(lists) == 1
    return lists[0]


def show_and_wait(qtbot: QtBot, viewer: DocumentViewer, attachment_id: str) -> None:
    media_type = FILES[attachment_id][0]
    viewer.set_attachments([AttachmentGroup("給与明細", [
        AttachmentRef(attachment_id, f"{attachment_id}.bin", media_type, 0)])])
    thumbs = thumbnail_list(viewer)

    def rendered() -> bool:
        return thumbs.count() > 0 and all(
            thumbs.item(i).data(_ROLE_RENDERED) for i in range(thumbs.count()))

    qtbot.waitUntil(rendered, timeout=TIMEOUT_MS)
    thumbs.doItemsLayout()
    QtWidgets.QApplication.processEvents()


def cells(thumbs: QtWidgets.QListWidget) -> list[QtCore.QRect]:
    return [thumbs.visualItemRect(thumbs.item(i)) for i in range(thumbs.count())]


def assert_cells_hold_the_icon_box(thumbs: QtWidgets.QListWidget) -> None:
    box = thumbs.iconSize()
    rects = cells(thumbs)
    assert len({(r.width(), r.height()) for r in rects}) == 1, rects
    for rect in rects:
        assert rect.height() > box.height() and rect.width() >= box.width(), (rect, box)
    for above, below in itertools.pairwise(rects):
        assert not above.intersects(below), rects
    for i in range(thumbs.count()):
        icon = thumbs.item(i).icon()
        assert icon.actualSize(box) == box


def red_top_left(icon: QtGui.QIcon, box: QtCore.QSize) -> bool:
    image = icon.pixmap(box).toImage()
    # The thumbnail is centred in the box: find its first non-transparent row and column.
    xs = [x for x in range(image.width()) if image.pixelColor(x, image.height() // 2).alpha()]
    ys = [y for y in range(image.height()) if image.pixelColor(image.width() // 2, y).alpha()]
    color = image.pixelColor(xs[0] + 3, ys[0] + 3)
    return is_red((color.red(), color.green(), color.blue()))


def test_single_page_image_has_one_thumbnail_in_a_cell_of_the_icon_size(
        qtbot: QtBot, viewer: DocumentViewer) -> None:
    show_and_wait(qtbot, viewer, "photo")
    thumbs = thumbnail_list(viewer)
    assert viewer.page_count == 1
    assert [thumbs.item(i).text() for i in range(thumbs.count())] == ["1"]
    assert_cells_hold_the_icon_box(thumbs)


def test_multi_page_pdf_numbers_each_page_once_in_cells_of_one_size(
        qtbot: QtBot, viewer: DocumentViewer) -> None:
    show_and_wait(qtbot, viewer, "pdf")
    thumbs = thumbnail_list(viewer)
    assert viewer.page_count == 3
    assert [thumbs.item(i).text() for i in range(thumbs.count())] == ["1", "2", "3"]
    assert_cells_hold_the_icon_box(thumbs)
    box = thumbs.iconSize()
    # Each cell shows its own page (the red block in the top-left corner), landscape included.
    assert all(red_top_left(thumbs.item(i).icon(), box) for i in range(3))


def test_rotating_keeps_one_thumbnail_per_page(qtbot: QtBot, viewer: DocumentViewer) -> None:
    show_and_wait(qtbot, viewer, "pdf")
    thumbs = thumbnail_list(viewer)
    viewer.rotate_right()
    qtbot.waitUntil(lambda: all(thumbs.item(i).data(_ROLE_RENDERED)
                                for i in range(thumbs.count())), timeout=TIMEOUT_MS)
    thumbs.doItemsLayout()
    assert [thumbs.item(i).text() for i in range(thumbs.count())] == ["1", "2", "3"]
    assert_cells_hold_the_icon_box(thumbs)

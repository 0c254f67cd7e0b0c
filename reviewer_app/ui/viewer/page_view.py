"""The page area: one page at a time, zoomed and turned, painted from the page cache.

Rendering is asked of the :class:`~.loader.DocumentLoader` at exactly the device pixels shown
(size x device pixel ratio, bucketed). Until that arrives the nearest cached size of the same page
is painted scaled (qpageview's placeholder). Above :data:`CLIP_THRESHOLD` device pixels only the
visible part (plus a margin, on a grid so scrolling reuses it) is rendered, over a scaled whole-page
placeholder, so a 400 % zoom never asks for a 100-megapixel render.
"""

from __future__ import annotations

import enum

from reviewer_app.render.cache import PageKey, size_bucket
from reviewer_app.render.errors import DocumentError
from reviewer_app.render.types import (
    FORMAT_GRAY8,
    DocumentInfo,
    OpenOutcome,
    RenderedPage,
    RenderOutcome,
    RenderRequest,
)
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

from .loader import PRIORITY_THUMBNAIL, PRIORITY_VIEW, DocumentLoader

MARGIN = 12  # logical pixels of grey around the page
# Device pixels of a whole page beyond which only the visible part is rendered.
CLIP_THRESHOLD = 9_000_000
CLIP_GRID = 512  # clip rectangles snap to this grid (device pixels) so small scrolls reuse them
ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0,
              5.0, 6.0, 8.0)
MIN_LEGIBLE_WIDTH = 240  # device pixels: a placeholder narrower than this is not "legible"

# A rectangle on a page as fractions of its width and height (x0, y0, x1, y1), unturned.
Fraction = tuple[float, float, float, float]
HIGHLIGHT_FILL = QtGui.QColor(255, 213, 0, 70)
HIGHLIGHT_PEN = QtGui.QColor(230, 120, 0)


def turned(rect: Fraction, rotation: int) -> Fraction:
    """``rect`` on the page turned clockwise by ``rotation`` degrees."""
    x0, y0, x1, y1 = rect
    if rotation == 90:
        return (1 - y1, x0, 1 - y0, x1)
    if rotation == 180:
        return (1 - x1, 1 - y1, 1 - x0, 1 - y0)
    if rotation == 270:
        return (y0, 1 - x1, y1, 1 - x0)
    return rect


def mask_pixmap(pixmap: QtGui.QPixmap, masks: list[Fraction], rotation: int) -> QtGui.QPixmap:
    """A copy of ``pixmap`` (a whole page) with opaque black boxes over ``masks``."""
    if not masks:
        return pixmap
    out = QtGui.QPixmap(pixmap)
    painter = QtGui.QPainter(out)
    w, h = out.width() / out.devicePixelRatio(), out.height() / out.devicePixelRatio()
    for rect in masks:
        x0, y0, x1, y1 = turned(rect, rotation)
        painter.fillRect(QtCore.QRectF(x0 * w - 2, y0 * h - 2, (x1 - x0) * w + 4,
                                       (y1 - y0) * h + 4), Qt.GlobalColor.black)
    painter.end()
    return out


class ZoomMode(enum.Enum):
    FIT_PAGE = "fit-page"
    FIT_WIDTH = "fit-width"
    MANUAL = "manual"


def to_image(page: RenderedPage) -> QtGui.QImage:
    """Copy the render into a QImage that owns its memory.

    Not ``QImage(bytes, w, h, stride, fmt)``: with PySide6 that constructor borrows the Python
    buffer and its reference handling corrupted the interpreter under load (a "deallocating None"
    abort in the benchmark). One memcpy per row band is cheap by comparison.
    """
    fmt = (QtGui.QImage.Format.Format_Grayscale8 if page.format == FORMAT_GRAY8
           else QtGui.QImage.Format.Format_RGB888)
    image = QtGui.QImage(page.width, page.height, fmt)
    bits = memoryview(image.bits())  # writable: the QImage owns it
    line = image.bytesPerLine()
    row = page.width * (1 if page.format == FORMAT_GRAY8 else 3)
    if line == page.stride:
        bits[: line * page.height] = page.data[: line * page.height]
    else:
        source = memoryview(page.data)
        for y in range(page.height):
            bits[y * line : y * line + row] = source[y * page.stride : y * page.stride + row]
    return image


def to_pixmap(page: RenderedPage) -> QtGui.QPixmap:
    return QtGui.QPixmap.fromImage(to_image(page))


class PageView(QtWidgets.QAbstractScrollArea):
    """Paints the current page; ``shown(attachment_id, page, exact)`` after legible pixels paint."""

    shown = Signal(str, int, bool)
    zoomChanged = Signal(float)

    def __init__(self, loader: DocumentLoader, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._loader = loader
        self._attachment_id: str | None = None
        self._info: DocumentInfo | None = None
        self._message: str | None = None
        self._page = 0
        self._rotation = 0
        self._mode = ZoomMode.FIT_PAGE
        self._manual_zoom = 1.0
        self._pixmap: QtGui.QPixmap | None = None
        self._pixmap_key: PageKey | None = None
        self._pixmap_exact = False
        self._clip: tuple[PageKey, QtGui.QPixmap] | None = None
        self._announce: bool | None = None  # exact flag of pixels not yet reported as shown
        self._highlight: tuple[str, int, Fraction] | None = None  # attachment, page, rect
        self._masks: dict[tuple[str, int], list[Fraction]] = {}  # My Numbers, black
        self._veiled: frozenset[str] = frozenset()  # not checked for a My Number yet
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setAutoFillBackground(False)
        self.horizontalScrollBar().valueChanged.connect(self._on_scrolled)
        self.verticalScrollBar().valueChanged.connect(self._on_scrolled)

    # --- state --------------------------------------------------------------------------------

    @property
    def attachment_id(self) -> str | None:
        return self._attachment_id

    @property
    def page(self) -> int:
        return self._page

    @property
    def rotation(self) -> int:
        return self._rotation

    @property
    def mode(self) -> ZoomMode:
        return self._mode

    @property
    def message(self) -> str | None:
        """The text shown in place of the page (an error or "loading"), if any."""
        return self._message

    @property
    def pixmap_exact(self) -> bool:
        return self._pixmap is not None and self._pixmap_exact

    @property
    def pixmap_size(self) -> QtCore.QSize | None:
        return None if self._pixmap is None else self._pixmap.size()

    def set_highlight(self, attachment_id: str | None, page: int = 0,
                      rect: Fraction | None = None) -> None:
        """Outline ``rect`` on ``page`` (0-based) of ``attachment_id`` (None: no outline)."""
        self._highlight = None if attachment_id is None or rect is None \
            else (attachment_id, page, rect)
        self.viewport().update()

    def set_masks(self, masks: dict[tuple[str, int], list[Fraction]]) -> None:
        """Black boxes by (attachment, 0-based page): painted over every pixel of the page."""
        self._masks = {k: list(v) for k, v in masks.items() if v}
        self.viewport().update()

    def set_veiled(self, attachment_ids: frozenset[str]) -> None:
        """Cover every page of these attachments until they are checked for a My Number."""
        self._veiled = attachment_ids
        self.viewport().update()

    @property
    def veiled(self) -> bool:
        """The page on screen is covered (not checked for a My Number yet)."""
        return self._attachment_id is not None and self._attachment_id in self._veiled

    @property
    def highlight(self) -> tuple[str, int, Fraction] | None:
        """(attachment, 0-based page, rectangle) outlined, if any."""
        return self._highlight

    def page_rect(self) -> QtCore.QRectF | None:
        """Where the page is drawn in the viewport (None: no page)."""
        return None if self._info is None else self._page_geometry()

    def masks_on(self, attachment_id: str | None, page: int) -> list[Fraction]:
        return list(self._masks.get((attachment_id or "", page), ()))

    def set_document(self, attachment_id: str | None, outcome: OpenOutcome | None, *,
                     page: int = 0, rotation: int = 0) -> None:
        """Show ``attachment_id`` (``outcome`` None while it is still opening)."""
        self._attachment_id = attachment_id
        self._page, self._rotation = page, rotation
        self._drop_pixels()
        self.set_outcome(outcome)

    def set_outcome(self, outcome: OpenOutcome | None) -> None:
        self._info = outcome if isinstance(outcome, DocumentInfo) else None
        if isinstance(outcome, DocumentError):
            self._message = outcome.message()
        elif outcome is None and self._attachment_id is not None:
            self._message = self.tr("読み込み中…")
        else:
            self._message = None
        if self._info is not None:
            self._page = min(self._page, self._info.page_count - 1)
        self._relayout()

    def set_page(self, page: int) -> None:
        if self._info is None and self._attachment_id is not None and page >= 0:
            self._page = page  # still opening: shown at this page once open (clamped then)
            return
        if self._info is None or not 0 <= page < self._info.page_count or page == self._page:
            return
        self._page = page
        self._drop_pixels()
        self.verticalScrollBar().setValue(0)
        self._relayout()

    def set_rotation(self, rotation: int) -> None:
        if rotation == self._rotation:
            return
        self._rotation = rotation
        self._drop_pixels()
        self._relayout()

    def set_zoom_mode(self, mode: ZoomMode) -> None:
        self._mode = mode
        self._relayout()

    def set_zoom(self, factor: float) -> None:
        self._manual_zoom = min(max(factor, ZOOM_STEPS[0]), ZOOM_STEPS[-1])
        self._mode = ZoomMode.MANUAL
        self._relayout()

    def zoom_in(self) -> None:
        current = self.zoom()
        self.set_zoom(next((s for s in ZOOM_STEPS if s > current * 1.01), ZOOM_STEPS[-1]))

    def zoom_out(self) -> None:
        current = self.zoom()
        smaller = [s for s in ZOOM_STEPS if s < current / 1.01]
        self.set_zoom(smaller[-1] if smaller else ZOOM_STEPS[0])

    def zoom(self) -> float:
        """The effective zoom (1.0 = 100 %: a PDF at 96 dpi, a photo one pixel per pixel)."""
        if self._info is None:
            return self._manual_zoom
        return self.zoom_for(self._info, self._page, self._rotation)

    def zoom_for(self, info: DocumentInfo, page: int, rotation: int) -> float:
        if self._mode is ZoomMode.MANUAL:
            return self._manual_zoom
        width, height = info.page_size(page, rotation)
        viewport = self.viewport().size()
        fit_w = max(viewport.width() - 2 * MARGIN, 16) / max(width, 1.0)
        if self._mode is ZoomMode.FIT_WIDTH:
            return fit_w
        fit_h = max(viewport.height() - 2 * MARGIN, 16) / max(height, 1.0)
        return min(fit_w, fit_h)

    def clear(self) -> None:
        """Forget the document and free its pixmaps (idle lock)."""
        self._attachment_id = None
        self._info = None
        self._message = None
        self._drop_pixels()
        self._relayout()

    # --- render requests ----------------------------------------------------------------------

    def whole_page_target(self, attachment_id: str, info: DocumentInfo, page: int,
                          rotation: int, zoom: float | None = None,
                          max_pixels: int = CLIP_THRESHOLD) -> tuple[PageKey, RenderRequest]:
        """Key and request for the whole page at ``zoom`` (default: as it would be shown now),
        scaled down to ``max_pixels`` if larger."""
        zoom = self.zoom_for(info, page, rotation) if zoom is None else zoom
        width, height = info.page_size(page, rotation)
        width, height = max(width, 1e-3), max(height, 1e-3)
        dpr = self.devicePixelRatioF()
        device_w, device_h = width * zoom * dpr, height * zoom * dpr
        if device_w * device_h > max_pixels:
            shrink = (max_pixels / (device_w * device_h)) ** 0.5
            device_w, device_h = device_w * shrink, device_h * shrink
        bucket = size_bucket(round(device_w))
        request_h = max(1, round(bucket * height / width))
        if bucket > 1.5 * max(device_w, 1.0):
            # Rounding the width up to the bucket grows the height by the same factor: for a
            # page a few pixels wide (an extreme shape) no rounding, or 1 x 50,000,000 became an
            # 8 x 400,000,000 request (issue 9).
            bucket, request_h = max(1, round(device_w)), max(1, round(device_h))
        # Whatever the shape, never more pixels than asked for (a nonsense page is squashed).
        request_h = min(request_h, max(1, int(max_pixels) // bucket))
        request = RenderRequest(page, rotation, bucket, request_h)
        return PageKey(attachment_id, page, rotation, bucket), request

    def _page_geometry(self) -> QtCore.QRectF:
        """The page's rectangle in viewport coordinates (logical pixels)."""
        assert self._info is not None
        width, height = self._info.page_size(self._page, self._rotation)
        zoom = self.zoom()
        w, h = width * zoom, height * zoom
        viewport = self.viewport().size()
        x = (MARGIN - self.horizontalScrollBar().value() if w + 2 * MARGIN > viewport.width()
             else (viewport.width() - w) / 2)
        y = (MARGIN - self.verticalScrollBar().value() if h + 2 * MARGIN > viewport.height()
             else (viewport.height() - h) / 2)
        return QtCore.QRectF(x, y, w, h)

    def _desired(self) -> tuple[PageKey, RenderRequest, PageKey | None, RenderRequest | None]:
        """(key, request) to show now, and for clipped views the whole-page placeholder's."""
        assert self._info is not None and self._attachment_id is not None
        page_rect = self._page_geometry()
        full_key, full_request = self.whole_page_target(
            self._attachment_id, self._info, self._page, self._rotation, max_pixels=10**12)
        if full_request.width * full_request.height <= CLIP_THRESHOLD:
            return full_key, full_request, None, None
        # Visible part of the page in device pixels of the whole-page render, snapped outward.
        scale = full_request.width / page_rect.width()
        visible = QtCore.QRectF(self.viewport().rect()).intersected(page_rect)
        x0 = int((visible.left() - page_rect.left()) * scale) // CLIP_GRID * CLIP_GRID
        y0 = int((visible.top() - page_rect.top()) * scale) // CLIP_GRID * CLIP_GRID
        x1 = -(-int((visible.right() - page_rect.left()) * scale) // CLIP_GRID) * CLIP_GRID
        y1 = -(-int((visible.bottom() - page_rect.top()) * scale) // CLIP_GRID) * CLIP_GRID
        clip = (max(0, x0), max(0, y0), min(full_request.width, x1),
                min(full_request.height, y1))
        key = PageKey(self._attachment_id, self._page, self._rotation, full_key.width, clip)
        request = RenderRequest(self._page, self._rotation, full_request.width,
                                full_request.height, clip)
        base_key, base_request = self.whole_page_target(
            self._attachment_id, self._info, self._page, self._rotation)
        return key, request, base_key, base_request

    def _relayout(self) -> None:
        self._update_scrollbars()
        self.zoomChanged.emit(self.zoom())
        self._request()
        self.viewport().update()

    def _update_scrollbars(self) -> None:
        if self._info is None:
            self.horizontalScrollBar().setRange(0, 0)
            self.verticalScrollBar().setRange(0, 0)
            return
        width, height = self._info.page_size(self._page, self._rotation)
        zoom = self.zoom()
        viewport = self.viewport().size()
        content_w, content_h = round(width * zoom) + 2 * MARGIN, round(height * zoom) + 2 * MARGIN
        for bar, content, visible in (
            (self.horizontalScrollBar(), content_w, viewport.width()),
            (self.verticalScrollBar(), content_h, viewport.height()),
        ):
            bar.setRange(0, max(0, content - visible))
            bar.setPageStep(visible)
            bar.setSingleStep(max(16, visible // 20))

    def _request(self) -> None:
        if self._info is None or self._attachment_id is None:
            return
        key, request, base_key, base_request = self._desired()
        self._loader.cancel("view")
        whole_key = base_key if base_key is not None else key
        if self._pixmap_key != whole_key or not self._pixmap_exact:
            cached = self._loader.cache.get(whole_key)
            if cached is not None:
                self._set_pixmap(whole_key, cached, exact=True)
            elif self._pixmap is None or not self._same_page(self._pixmap_key):
                nearest = self._loader.cache.nearest(whole_key)
                if nearest is not None:
                    self._set_pixmap(nearest[0], nearest[1], exact=False)
            elif self._pixmap_exact:
                self._pixmap_exact = False  # still painted, scaled, until the new size arrives
        if base_key is not None and base_request is not None:
            self._loader.render(base_key, base_request, priority=PRIORITY_THUMBNAIL, tag="view")
            if self._clip is None or self._clip[0] != key:
                cached = self._loader.cache.get(key)
                if cached is not None:
                    self._clip = (key, to_pixmap(cached))
                    self._announce = True
        else:
            self._clip = None
        self._loader.render(key, request, priority=PRIORITY_VIEW, tag="view")

    def offer(self, key: PageKey, outcome: RenderOutcome, exact: bool) -> None:
        """A render finished (any page of any attachment): use it if it belongs here."""
        if not self._same_page(key) or self._info is None:
            return
        desired, _, base_key, _ = self._desired()
        if isinstance(outcome, DocumentError):
            if key in (desired, base_key):
                self._message = outcome.message()
                self._drop_pixels()
                self.viewport().update()
            return
        if key.clip is not None:
            if key == desired:
                self._clip = (key, to_pixmap(outcome))
                self._announce = True
                self.viewport().update()
            return
        whole_key = base_key if base_key is not None else desired
        if key == whole_key and exact:
            self._set_pixmap(key, outcome, exact=True)
        elif not self._pixmap_exact and (
            self._pixmap_key is None
            or abs(key.width - whole_key.width) < abs(self._pixmap_key.width - whole_key.width)
        ):
            self._set_pixmap(key, outcome, exact=False)

    def _same_page(self, key: PageKey | None) -> bool:
        return (key is not None and key.attachment_id == self._attachment_id
                and key.page == self._page and key.rotation == self._rotation)

    def _set_pixmap(self, key: PageKey, page: RenderedPage, *, exact: bool) -> None:
        self._pixmap = to_pixmap(page)
        self._pixmap_key = key
        self._pixmap_exact = exact
        self._message = None
        if exact or page.width >= MIN_LEGIBLE_WIDTH:
            self._announce = exact
        self.viewport().update()

    def _drop_pixels(self) -> None:
        self._pixmap = None
        self._pixmap_key = None
        self._pixmap_exact = False
        self._clip = None
        self._announce = None

    # --- Qt events ----------------------------------------------------------------------------

    def _on_scrolled(self, _value: int) -> None:
        if self._clip is not None or (self._info is not None and self._desired()[2] is not None):
            self._request()
        self.viewport().update()

    def resizeEvent(self, event: QtGui.QResizeEvent) -> None:
        super().resizeEvent(event)
        self._relayout()

    def wheelEvent(self, event: QtGui.QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            if event.angleDelta().y() > 0:
                self.zoom_in()
            elif event.angleDelta().y() < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)

    def paintEvent(self, event: QtGui.QPaintEvent) -> None:
        painter = QtGui.QPainter(self.viewport())
        try:
            painter.fillRect(self.viewport().rect(), QtGui.QColor(96, 96, 96))
            if self._message is not None or self._info is None:
                self._paint_message(painter)
                return
            page_rect = self._page_geometry()
            painter.fillRect(page_rect, Qt.GlobalColor.white)
            painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform, True)
            if self._pixmap is not None:
                painter.drawPixmap(page_rect, self._pixmap, QtCore.QRectF(self._pixmap.rect()))
            if self._clip is not None:
                key, pixmap = self._clip
                x0, y0, x1, y1 = key.clip or (0, 0, 0, 0)
                scale = page_rect.width() / key.width
                target = QtCore.QRectF(page_rect.left() + x0 * scale, page_rect.top() + y0 * scale,
                                       (x1 - x0) * scale, (y1 - y0) * scale)
                painter.drawPixmap(target, pixmap, QtCore.QRectF(pixmap.rect()))
            self._paint_overlays(painter, page_rect)
            if self.veiled:
                painter.fillRect(page_rect, QtGui.QColor(238, 241, 244))
                painter.setPen(QtGui.QColor(61, 71, 82))
                painter.drawText(page_rect.adjusted(12, 12, -12, -12), int(
                    Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap), self.tr(
                    "マイナンバー（個人番号）が写っていないか確認しています…"))
        finally:
            painter.end()
        if self._announce is not None and self._attachment_id is not None:
            exact, self._announce = self._announce, None
            self.shown.emit(self._attachment_id, self._page, exact)

    def _paint_overlays(self, painter: QtGui.QPainter, page_rect: QtCore.QRectF) -> None:
        def area(rect: Fraction, pad: float) -> QtCore.QRectF:
            x0, y0, x1, y1 = turned(rect, self._rotation)
            return QtCore.QRectF(page_rect.left() + x0 * page_rect.width() - pad,
                                 page_rect.top() + y0 * page_rect.height() - pad,
                                 (x1 - x0) * page_rect.width() + 2 * pad,
                                 (y1 - y0) * page_rect.height() + 2 * pad)

        if self._highlight is not None and self._highlight[:2] == (self._attachment_id,
                                                                    self._page):
            painter.setPen(QtGui.QPen(HIGHLIGHT_PEN, 2))
            painter.setBrush(HIGHLIGHT_FILL)
            painter.drawRect(area(self._highlight[2], 4))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        for rect in self.masks_on(self._attachment_id, self._page):
            painter.fillRect(area(rect, 3), Qt.GlobalColor.black)

    def _paint_message(self, painter: QtGui.QPainter) -> None:
        if not self._message:
            return
        area = self.viewport().rect().adjusted(24, 24, -24, -24)
        painter.setPen(Qt.GlobalColor.white)
        painter.drawText(area, int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                         self._message)

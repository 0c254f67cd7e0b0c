"""PDF through PyMuPDF, held by one :class:`PdfBackend` per worker.

PyMuPDF is not thread-safe and holds the GIL while it renders (measured: a 900 px render of a
scanned A4 page blocks every other Python thread for ~40 ms, a 1800 px one for ~130 ms). So every
PyMuPDF object lives in a :class:`PdfBackend`, and the backend lives in a render child process
(:mod:`.engine`, :mod:`.backend`: the GUI's GIL is never held by MuPDF, a MuPDF crash on a hostile
file costs a restart, and every render has a deadline and a memory budget) or, where processes
are unavailable, on one engine thread.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

import pymupdf

from . import errors
from .errors import DocumentError
from .isolation import is_memory_failure
from .types import (
    FORMAT_RGB888,
    POINTS_TO_LOGICAL,
    DocumentInfo,
    RenderedPage,
    RenderRequest,
    normalize_rotation,
)

# Documents kept open in the worker; reopening from bytes costs about a millisecond.
MAX_OPEN_DOCUMENTS = 8
# A page larger than this (in device pixels, both sides) is refused: the viewer clips first.
MAX_RENDER_PIXELS = 40_000_000

_log = logging.getLogger(__name__)

pymupdf.TOOLS.mupdf_display_errors(False)  # MuPDF's own stderr chatter; errors come back as values


class PdfBackend:
    """The only holder of PyMuPDF objects. Not thread-safe: use it from one thread only."""

    def __init__(self, max_open: int = MAX_OPEN_DOCUMENTS) -> None:
        self._docs: OrderedDict[str, Any] = OrderedDict()
        self._max_open = max_open

    def is_open(self, key: str) -> bool:
        return key in self._docs

    def open(self, key: str, data: bytes) -> DocumentInfo:
        self.close(key)
        try:
            doc = pymupdf.open(stream=data, filetype="pdf")
        except Exception as exc:  # MuPDF raises assorted types for damaged files
            if is_memory_failure(exc):
                raise  # the worker reports it (its memory budget, not a damaged file)
            raise errors.corrupt(type(exc).__name__) from None
        try:
            if doc.needs_pass:
                raise errors.encrypted()
            if doc.page_count < 1:
                raise errors.corrupt("no pages")
            sizes = tuple(
                (rect.width * POINTS_TO_LOGICAL, rect.height * POINTS_TO_LOGICAL)
                for rect in (doc[number].rect for number in range(doc.page_count))
            )
        except DocumentError:
            doc.close()
            raise
        except Exception as exc:
            doc.close()
            if is_memory_failure(exc):
                raise
            raise errors.corrupt(type(exc).__name__) from None
        self._docs[key] = doc
        while len(self._docs) > self._max_open:
            _, oldest = self._docs.popitem(last=False)
            oldest.close()
        return DocumentInfo("application/pdf", sizes)

    def render(self, key: str, request: RenderRequest) -> RenderedPage:
        doc = self._docs.get(key)
        if doc is None:
            raise errors.render_failed("not open")
        self._docs.move_to_end(key)
        if not 0 <= request.page < doc.page_count:
            raise errors.render_failed(f"page {request.page}")
        try:
            return self._render(doc[request.page], request)
        except DocumentError:
            raise
        except Exception as exc:
            if is_memory_failure(exc):
                raise
            raise errors.render_failed(type(exc).__name__) from None

    @staticmethod
    def _render(page: Any, request: RenderRequest) -> RenderedPage:
        rotation = normalize_rotation(request.rotation)
        rect = page.rect  # already reflects the page's own /Rotate
        turned_w = rect.height if rotation in (90, 270) else rect.width
        zoom = max(request.width, 1) / turned_w
        matrix = pymupdf.Matrix(zoom, zoom).prerotate(rotation)
        clip = None
        if request.clip is not None:
            # The clip is in device pixels of the turned page; MuPDF wants page coordinates.
            whole = rect * matrix  # turned page in device space; may start at negative coords
            x0, y0, x1, y1 = request.clip
            device = pymupdf.Rect(x0 + whole.x0, y0 + whole.y0, x1 + whole.x0, y1 + whole.y0)
            clip = device * ~matrix
            out_w, out_h = x1 - x0, y1 - y0
        else:
            out_w, out_h = request.width, request.height
        if out_w * out_h > MAX_RENDER_PIXELS:
            raise errors.render_failed("render too large")
        pixmap = page.get_pixmap(matrix=matrix, clip=clip, alpha=False,
                                 colorspace=pymupdf.csRGB)
        return RenderedPage(pixmap.width, pixmap.height, pixmap.stride, FORMAT_RGB888,
                            bytes(pixmap.samples_mv))

    def close(self, key: str) -> None:
        doc = self._docs.pop(key, None)
        if doc is not None:
            doc.close()

    def close_all(self) -> None:
        for key in list(self._docs):
            self.close(key)

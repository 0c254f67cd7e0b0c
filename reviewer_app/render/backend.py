"""What a render child runs: documents open by key, pages and quick passes rendered on request.

One :class:`DocumentBackend` per child process (:mod:`.engine` starts them through
:mod:`.isolation`): PDFs go to :class:`~.pdf.PdfBackend` (PyMuPDF, loaded on the first PDF),
photos to :class:`~.images.ImageDocument`. Failures a viewer expects (a damaged page, a
password) come back as values; a request the child cannot survive (a deadline, a memory budget,
a crash) is the engine's business.

Messages (see :func:`make_handler`)::

    ("open", key, media_type, quick_rotation | None) + [file]  -> ("info", DocumentInfo)
                                                                  (+ quick page when asked)
    ("render", key, RenderRequest)                          -> ("page", meta) + [pixels]
    ("quick", key, rotation)                                -> ("page", meta) + [pixels]
    ("prepare-pdf",)                                        -> ("ok",)  (loads PyMuPDF)
    ("close", key)                                          -> ("ok",)
    any failure the viewer shows                            -> ("error", ja, en, code, subject)

A key the child no longer holds (evicted) answers ``("error", ..., "document-not-open", ...)``;
the engine sends the file again.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from . import errors
from .errors import DocumentError
from .images import ImageDocument
from .sniff import IMAGE_MEDIA_TYPES, PDF
from .types import DocumentInfo, RenderedPage, RenderRequest

if TYPE_CHECKING:
    from .pdf import PdfBackend

MAX_OPEN_IMAGES = 8
# Decoded photos kept between requests (a 12 MP photo is 36 MB decoded).
MAX_IMAGE_BYTES = 160 * 1024 * 1024
NOT_OPEN = "document-not-open"


def not_open(key: str) -> DocumentError:
    return DocumentError("書類が開かれていません。", "The document is not open.", code=NOT_OPEN,
                         subject=key)


class DocumentBackend:
    """Not thread-safe: one per child process (or per engine thread in the fallback)."""

    def __init__(self) -> None:
        self._images: OrderedDict[str, ImageDocument] = OrderedDict()
        self._pdf: PdfBackend | None = None

    def prepare_pdf(self) -> PdfBackend:
        if self._pdf is None:
            from .pdf import PdfBackend  # MuPDF: about 0.5 s and 120 MB, only where needed

            self._pdf = PdfBackend()
        return self._pdf

    def is_open(self, key: str) -> bool:
        return key in self._images or (self._pdf is not None and self._pdf.is_open(key))

    def open(self, key: str, media_type: str, data: bytes) -> DocumentInfo:
        self.close(key)
        if media_type == PDF:
            return self.prepare_pdf().open(key, data)
        if media_type not in IMAGE_MEDIA_TYPES:
            raise errors.unsupported(media_type)
        image = ImageDocument(data, media_type)
        self._images[key] = image
        self._trim()
        return image.info

    def render(self, key: str, request: RenderRequest) -> RenderedPage:
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
            page = image.render(request)
            self._trim()
            return page
        if self._pdf is not None and self._pdf.is_open(key):
            return self._pdf.render(key, request)
        raise not_open(key)

    def quick(self, key: str, rotation: int) -> RenderedPage:
        image = self._images.get(key)
        if image is None:
            raise not_open(key)
        page = image.quick(rotation)
        self._trim()
        return page

    def close(self, key: str) -> None:
        self._images.pop(key, None)
        if self._pdf is not None:
            self._pdf.close(key)

    def close_all(self) -> None:
        self._images.clear()
        if self._pdf is not None:
            self._pdf.close_all()

    def _trim(self) -> None:
        """Forget the least recently used photos beyond the count and byte limits (the one in
        use stays: it is the last)."""
        while len(self._images) > 1 and (
                len(self._images) > MAX_OPEN_IMAGES
                or sum(image.nbytes for image in self._images.values()) > MAX_IMAGE_BYTES):
            self._images.popitem(last=False)


def error_reply(error: DocumentError) -> tuple[str, str, str, str, str | None]:
    return ("error", error.ja, error.en, error.code, error.subject)


def error_from(reply: tuple[Any, ...]) -> DocumentError:
    _, ja, en, code, subject = reply
    return DocumentError(ja, en, code=code, subject=subject)


def page_reply(page: RenderedPage) -> tuple[tuple[Any, ...], list[bytes]]:
    return ("page", page.width, page.height, page.stride, page.format), [page.data]


def page_from(reply: tuple[Any, ...], data: list[bytes]) -> RenderedPage:
    _, width, height, stride, fmt = reply
    return RenderedPage(width, height, stride, fmt, data[0])


def handle(backend: DocumentBackend, message: tuple[Any, ...],
           payloads: list[bytes]) -> tuple[Any, list[bytes]]:
    """One request (see the module doc); memory failures propagate (the child reports them)."""
    kind = message[0]
    try:
        if kind == "open":
            _, key, media_type, quick_rotation = message
            info = backend.open(key, media_type, payloads[0])
            if quick_rotation is None or media_type == PDF:
                return ("info", info, None), []
            try:
                quick, data = page_reply(backend.quick(key, quick_rotation))
            except DocumentError:
                return ("info", info, None), []  # the exact render will report the damage
            return ("info", info, quick), data
        if kind == "render":
            return page_reply(backend.render(message[1], message[2]))
        if kind == "quick":
            return page_reply(backend.quick(message[1], message[2]))
        if kind == "close":
            backend.close(message[1])
            return ("ok",), []
        if kind == "prepare-pdf":
            backend.prepare_pdf()
            return ("ok",), []
        raise ValueError(f"unknown request {kind!r}")
    except DocumentError as error:
        return error_reply(error), []


def make_handler() -> Callable[[Any, list[bytes]], tuple[Any, list[bytes]]]:
    """The render child's handler (:func:`~.isolation.serve`)."""
    backend = DocumentBackend()
    return lambda message, payloads: handle(backend, message, payloads)


__all__ = [
    "NOT_OPEN",
    "DocumentBackend",
    "error_from",
    "error_reply",
    "handle",
    "make_handler",
    "page_from",
    "page_reply",
]

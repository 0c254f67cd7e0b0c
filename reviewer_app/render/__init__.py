"""Decoding and rendering of uploaded documents into plain pixel buffers (no Qt in here).

- :mod:`.sniff` types files by magic bytes and counts pixels from headers (shared with import).
- :mod:`.images` decodes photos and scans with Pillow/pillow-heif on worker threads.
- :mod:`.pdf` confines PyMuPDF to one worker (a child process by default).
- :mod:`.cache` keeps rendered pages within a byte budget.
Failures come back as :class:`~.errors.DocumentError` values with Japanese and English text.
"""

from .cache import PageCache, PageKey, size_bucket
from .errors import DocumentError
from .images import ImageDocument
from .pdf import PdfBackend, PdfEngine
from .sniff import MAX_PIXELS, SUPPORTED_MEDIA_TYPES, pixel_count, sniff_media_type
from .types import (
    DocumentInfo,
    OpenOutcome,
    RenderedPage,
    RenderOutcome,
    RenderRequest,
    normalize_rotation,
)

__all__ = [
    "MAX_PIXELS",
    "SUPPORTED_MEDIA_TYPES",
    "DocumentError",
    "DocumentInfo",
    "ImageDocument",
    "OpenOutcome",
    "PageCache",
    "PageKey",
    "PdfBackend",
    "PdfEngine",
    "RenderOutcome",
    "RenderRequest",
    "RenderedPage",
    "normalize_rotation",
    "pixel_count",
    "size_bucket",
    "sniff_media_type",
]

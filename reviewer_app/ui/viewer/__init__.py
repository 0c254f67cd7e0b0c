"""The document viewer: attachments by required document, pages, thumbnails, zoom, rotation."""

from . import _refcount_guard
from .loader import DocumentLoader
from .page_view import PageView, ZoomMode
from .refs import AttachmentGroup, AttachmentRef
from .viewer import DocumentViewer

_refcount_guard.apply()  # before any of our signals fire; see the module for why

__all__ = [
    "AttachmentGroup",
    "AttachmentRef",
    "DocumentLoader",
    "DocumentViewer",
    "PageView",
    "ZoomMode",
]

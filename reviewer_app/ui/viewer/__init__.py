"""The document viewer: attachments by required document, pages, thumbnails, zoom, rotation."""

from .loader import DocumentLoader
from .page_view import PageView, ZoomMode
from .refs import AttachmentGroup, AttachmentRef
from .viewer import DocumentViewer

__all__ = [
    "AttachmentGroup",
    "AttachmentRef",
    "DocumentLoader",
    "DocumentViewer",
    "PageView",
    "ZoomMode",
]

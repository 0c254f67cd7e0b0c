"""Rendered pages by (attachment, page, rotation, size bucket x DPR), within a byte budget.

As in Frescobaldi's qpageview: an exact hit is painted as is; otherwise the nearest cached size of
the same page and rotation is painted scaled as a placeholder while the exact size renders.
Not thread-safe: the viewer uses it from the GUI thread only (lookups are dictionary operations).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

from .types import RenderedPage

# Widths are rounded up to this many device pixels, so a window resized by a few pixels reuses
# the render (painted a fraction of a percent smaller) instead of rendering again.
SIZE_BUCKET = 8
DEFAULT_BUDGET_BYTES = 256 * 1024 * 1024


def size_bucket(width_px: int) -> int:
    """The device-pixel width to render for a page shown ``width_px`` wide (>= width_px)."""
    width_px = max(1, width_px)
    return -(-width_px // SIZE_BUCKET) * SIZE_BUCKET


@dataclass(frozen=True, slots=True)
class PageKey:
    """``width`` is in device pixels (logical width x device pixel ratio, bucketed)."""

    attachment_id: str
    page: int
    rotation: int
    width: int
    clip: tuple[int, int, int, int] | None = None


class PageCache:
    """LRU over rendered pages, bounded by the bytes of their pixels."""

    def __init__(self, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self.budget_bytes = budget_bytes
        self._pages: OrderedDict[PageKey, RenderedPage] = OrderedDict()
        self._bytes = 0

    @property
    def nbytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._pages)

    def __contains__(self, key: object) -> bool:
        return key in self._pages

    def get(self, key: PageKey) -> RenderedPage | None:
        page = self._pages.get(key)
        if page is not None:
            self._pages.move_to_end(key)
        return page

    def put(self, key: PageKey, page: RenderedPage) -> None:
        old = self._pages.pop(key, None)
        if old is not None:
            self._bytes -= old.nbytes
        if page.nbytes > self.budget_bytes:
            return  # would evict everything and still not fit
        self._pages[key] = page
        self._bytes += page.nbytes
        while self._bytes > self.budget_bytes:
            _, evicted = self._pages.popitem(last=False)
            self._bytes -= evicted.nbytes

    def nearest(self, key: PageKey) -> tuple[PageKey, RenderedPage] | None:
        """The whole-page render of ``key``'s page and rotation closest in width, if any.

        Larger renders are preferred at equal distance: scaling down stays sharp.
        """
        best: tuple[PageKey, RenderedPage] | None = None
        best_score: tuple[int, int] | None = None
        for candidate, page in self._pages.items():
            if (candidate.clip is not None or candidate.attachment_id != key.attachment_id
                    or candidate.page != key.page or candidate.rotation != key.rotation):
                continue
            score = (abs(candidate.width - key.width), 0 if candidate.width >= key.width else 1)
            if best_score is None or score < best_score:
                best, best_score = (candidate, page), score
        return best

    def discard_attachment(self, attachment_id: str) -> None:
        for key in [k for k in self._pages if k.attachment_id == attachment_id]:
            self._bytes -= self._pages.pop(key).nbytes

    def clear(self) -> None:
        self._pages.clear()
        self._bytes = 0

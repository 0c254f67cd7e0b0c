"""Plain values passed between the render layer and the viewer (no Qt, all picklable).

Why plain buffers and not ``QImage``: the PDF renderer runs in a child process, and results cross
the process boundary by pickling; the bundle importer and unit tests use this layer without a
``QApplication``; and a ``QImage`` wrapped around these bytes in the GUI thread costs no copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import DocumentError

# Layout unit: 1/96 inch ("CSS pixel", Qt's logical pixel at 100 % scaling). A PDF point is 1/72.
POINTS_TO_LOGICAL = 96 / 72

FORMAT_RGB888 = "RGB888"  # 3 bytes per pixel, R G B: QImage.Format_RGB888
FORMAT_GRAY8 = "Grayscale8"  # 1 byte per pixel: QImage.Format_Grayscale8


def normalize_rotation(degrees: int) -> int:
    """Clockwise degrees folded into 0, 90, 180 or 270 (other angles are rounded to a quarter)."""
    return (round(degrees / 90) * 90) % 360


@dataclass(frozen=True, slots=True)
class RenderedPage:
    """Pixels of one rendered page (or a clipped part of it), top row first."""

    width: int
    height: int
    stride: int
    format: str
    data: bytes

    @property
    def nbytes(self) -> int:
        return len(self.data)


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """What the viewer needs for layout before any pixel exists.

    ``page_sizes`` are unrotated page sizes in logical pixels at 100 % zoom: PDF points x 96/72,
    image pixels after EXIF orientation (so a portrait phone photo is taller than wide).
    """

    media_type: str
    page_sizes: tuple[tuple[float, float], ...]

    @property
    def page_count(self) -> int:
        return len(self.page_sizes)

    def page_size(self, page: int, rotation: int = 0) -> tuple[float, float]:
        """The page's size in logical pixels at 100 % after a clockwise ``rotation``."""
        width, height = self.page_sizes[page]
        return (height, width) if normalize_rotation(rotation) in (90, 270) else (width, height)


@dataclass(frozen=True, slots=True)
class RenderRequest:
    """Render ``page`` turned ``rotation`` degrees clockwise so the whole page is ``width`` x
    ``height`` device pixels; with ``clip`` (x0, y0, x1, y1 in those device pixels) only that part.
    """

    page: int
    rotation: int
    width: int
    height: int
    clip: tuple[int, int, int, int] | None = None


RenderOutcome = RenderedPage | DocumentError
OpenOutcome = DocumentInfo | DocumentError


def unrotate_rect(
    rect: tuple[int, int, int, int], rotation: int, width: int, height: int
) -> tuple[int, int, int, int]:
    """Map a rectangle on the page turned ``rotation`` degrees clockwise back onto the unturned one.

    ``width`` x ``height`` is the size of the *unturned* page in the same pixels.
    """
    x0, y0, x1, y1 = rect
    rotation = normalize_rotation(rotation)
    if rotation == 90:  # unturned (x, y) was shown at (height - y, x)
        return y0, height - x1, y1, height - x0
    if rotation == 180:
        return width - x1, height - y1, width - x0, height - y0
    if rotation == 270:  # unturned (x, y) was shown at (y, width - x)
        return width - y1, x0, width - y0, x1
    return rect

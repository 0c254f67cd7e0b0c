"""Photos and scans (JPEG, PNG, BMP, GIF, HEIC) through Pillow and pillow-heif.

The viewer runs this in its render children (:mod:`.engine`, :mod:`.backend`), each decode under
a deadline and a memory budget; an :class:`ImageDocument` serialises its own decoding with a lock,
so it may also be shared by threads (the in-process fallback, tests). The header is checked on
construction: too many pixels or an extreme shape is refused before any pixel is decoded.

Speed for the first legible pixels: :meth:`ImageDocument.quick` uses JPEG DCT scaling (``draft``)
or the thumbnail a phone embeds in a HEIC, a few milliseconds instead of a full decode. Exact
renders decode a JPEG only at the DCT scale the screen needs, and other formats once in full.
"""

from __future__ import annotations

import math
import threading

from PIL import Image, ImageOps

from . import errors
from .inspect import image_shape_problem
from .isolation import is_memory_failure
from .problems import FileProblem
from .sniff import HEIC, IMAGE_MEDIA_TYPES, JPEG, open_image_header
from .types import (
    FORMAT_RGB888,
    DocumentInfo,
    RenderedPage,
    RenderRequest,
    normalize_rotation,
    unrotate_rect,
)

# Quick pass: decode to at least this long side (enough to read a payslip's headings on a
# placeholder, small enough to decode in a few milliseconds).
QUICK_LONG_SIDE = 320
# A render larger than this (device pixels) is refused: the viewer clips long before (issue 9:
# size rounding once turned a 1-pixel-wide fit view into 8 x 400,000,000 pixels).
MAX_RENDER_PIXELS = 40_000_000

# EXIF orientations 5-8 swap width and height.
_SWAPS_AXES = frozenset({5, 6, 7, 8})
_ORIENTATION_TAG = 0x0112
# Clockwise user rotation -> Pillow transpose (Pillow's ROTATE_n turns counter-clockwise).
_TURN = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}
# Failures Pillow and libheif report for damaged, truncated or hostile files.
DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError, TypeError,
                 MemoryError, RuntimeError, Image.DecompressionBombError)


def _to_rgb(image: Image.Image) -> Image.Image:
    """RGB pixels for display; transparent parts are shown on white paper, not black.
    Called at output size: the decoded base keeps its alpha (see :func:`_displayable`)."""
    if image.mode == "RGB":
        return image
    image = _displayable(image)
    if image.mode in ("RGBA", "LA"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return image.convert("RGB")


def _displayable(image: Image.Image) -> Image.Image:
    """The decoded picture in a mode that resamples well: RGB, L, RGBA or LA.

    Grey and transparent pictures stay as they are until they are at output size: converting a
    50 MP transparent PNG to RGB on white paper at full size took three 200 MB copies.
    """
    if image.mode in ("RGB", "L", "RGBA", "LA"):
        return image
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        # 16-bit greyscale (some scanners): scale to 8 bits instead of clipping at 255.
        return image.point(lambda value: value / 256).convert("L")
    if image.mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode in ("PA", "RGBa", "La"):
        return image.convert("RGBA")
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGB")


def _resample(image: Image.Image, size: tuple[int, int], box: tuple[float, float, float, float],
              resample: Image.Resampling) -> Image.Image:
    """``box`` of ``image`` resized to ``size``. A transparent picture is box-reduced first in
    its own mode: Pillow would copy it premultiplied at full size before resizing."""
    if image.mode in ("RGBA", "LA"):
        fx = int((box[2] - box[0]) / size[0] / 2) or 1
        fy = int((box[3] - box[1]) / size[1] / 2) or 1
        if fx > 1 or fy > 1:
            x0, y0 = int(box[0]) // fx * fx, int(box[1]) // fy * fy
            x1 = min(image.width, -(-math.ceil(box[2]) // fx) * fx)
            y1 = min(image.height, -(-math.ceil(box[3]) // fy) * fy)
            image = image.reduce((fx, fy), box=(x0, y0, x1, y1))
            box = ((box[0] - x0) / fx, (box[1] - y0) / fy, (box[2] - x0) / fx,
                   (box[3] - y0) / fy)
            box = (box[0], box[1], min(box[2], image.width), min(box[3], image.height))
    return image.resize(size, resample, box=box, reducing_gap=2.0)


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_ORIENTATION_TAG, 1)
    except DECODE_ERRORS:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def _page(image: Image.Image) -> RenderedPage:
    rgb = _to_rgb(image)
    return RenderedPage(rgb.width, rgb.height, rgb.width * 3, FORMAT_RGB888, rgb.tobytes())


class ImageDocument:
    """One uploaded image: header checked on construction, pixels decoded on demand.

    Construction raises :class:`~reviewer_app.render.errors.DocumentError` (unsupported type,
    over the pixel limit, unreadable header); the other methods raise it for a damaged body.
    """

    def __init__(self, data: bytes, media_type: str) -> None:
        if media_type not in IMAGE_MEDIA_TYPES:
            raise errors.unsupported(media_type)
        self.data = data
        self.media_type = media_type
        try:
            header = open_image_header(data, media_type)
        except DECODE_ERRORS as exc:
            raise errors.corrupt(type(exc).__name__) from None
        width, height = header.size
        shape = image_shape_problem(width, height)
        if shape is not None:
            header.close()
            if shape[0] is FileProblem.TOO_MANY_PIXELS:
                raise errors.too_many_pixels(width * height)
            if shape[0] is FileProblem.EXTREME_ASPECT:
                raise errors.extreme_aspect(width, height)
            raise errors.corrupt("empty image")
        # libheif applies a HEIC's rotation itself (and pillow-heif resets the EXIF tag to 1);
        # for the others the EXIF tag decides whether the displayed picture is turned.
        self._orientation = 1 if media_type == HEIC else _orientation(header)
        header.close()
        if self._orientation in _SWAPS_AXES:
            width, height = height, width
        self.width, self.height = width, height  # as displayed, after EXIF orientation
        self._lock = threading.Lock()
        self._base: Image.Image | None = None  # upright RGB pixels, possibly DCT-reduced
        self._base_is_full = False

    @property
    def info(self) -> DocumentInfo:
        return DocumentInfo(self.media_type, ((float(self.width), float(self.height)),))

    @property
    def nbytes(self) -> int:
        """Memory held: the file plus decoded pixels (for the caller's cache budget)."""
        base = self._base
        bands = 0 if base is None else len(base.getbands())
        return len(self.data) + (0 if base is None else base.width * base.height * bands)

    def _decode(self, min_size: tuple[int, int] | None) -> Image.Image:
        """Upright pixels (:func:`_displayable`) of at least ``min_size`` (displayed
        orientation), or full size."""
        try:
            image = open_image_header(self.data, self.media_type)
            if min_size is not None:
                # draft() works in stored orientation; a 90-degree EXIF turn swaps the axes.
                wanted = min_size[::-1] if self._orientation in _SWAPS_AXES else min_size
                image.draft("RGB", wanted)
            image.load()
            upright: Image.Image = image
            if self._orientation != 1:
                # exif_transpose reads the tag from the image itself: draft/load keep it.
                upright = ImageOps.exif_transpose(image)
            return _displayable(upright)
        except DECODE_ERRORS as exc:
            if is_memory_failure(exc):
                raise  # the worker's memory budget: reported as such, not as damage
            raise errors.corrupt(type(exc).__name__) from None

    def quick(self, rotation: int = 0) -> RenderedPage:
        """A small picture for the first legible pixels (JPEG DCT scaling, HEIC thumbnail).

        Upright, then turned ``rotation`` degrees clockwise like :meth:`render`.

        Formats without a cheap reduced decode (PNG, BMP, GIF) decode in full here and keep the
        pixels, so the exact render that follows only resamples.
        """
        scale = QUICK_LONG_SIDE / max(self.width, self.height)
        size = (max(1, round(self.width * scale)), max(1, round(self.height * scale)))
        if self.media_type in (JPEG, HEIC):
            # Decoded outside the lock: a full decode for an exact render may hold it for
            # hundreds of milliseconds, and the quick pass exists to come first.
            image = self._base if self._base is not None else self._decode(size)
            with self._lock:
                if self._base is None:
                    # Kept: a JPEG's reduced decode may serve small renders, and a HEIC without
                    # a thumbnail (or a tiny picture) has just been decoded in full.
                    self._base = image
                    self._base_is_full = image.size == (self.width, self.height)
        else:
            image = self._full_base()
        if image.size != size:
            image = _resample(image, size, (0, 0, image.width, image.height),
                              Image.Resampling.BILINEAR)
        rotation = normalize_rotation(rotation)
        if rotation:
            image = image.transpose(_TURN[rotation])
        return _page(image)

    def _full_base(self) -> Image.Image:
        with self._lock:
            if not self._base_is_full:
                self._base = self._decode(None)
                self._base_is_full = True
            assert self._base is not None
            return self._base

    def _base_for(self, width: int, height: int) -> Image.Image:
        """Pixels with at least ``width`` x ``height`` (displayed orientation) worth of detail."""
        if self.media_type != JPEG:
            return self._full_base()
        with self._lock:
            base = self._base
            if base is not None and (self._base_is_full or (base.width >= min(width, self.width)
                                                            and base.height >= min(height,
                                                                                   self.height))):
                return base
            # JPEG: decode only at the DCT scale (1/1, 1/2, 1/4, 1/8) the screen needs.
            base = self._decode((width, height))
            self._base = base
            self._base_is_full = base.size == (self.width, self.height)
            return base

    def render(self, request: RenderRequest) -> RenderedPage:
        """The picture turned ``request.rotation`` clockwise at the requested device size."""
        if request.page != 0:
            raise errors.render_failed(f"page {request.page}")
        out_w, out_h = ((request.clip[2] - request.clip[0], request.clip[3] - request.clip[1])
                        if request.clip is not None else (request.width, request.height))
        if out_w * out_h > MAX_RENDER_PIXELS or request.width * request.height > 4 * 10**9:
            raise errors.render_failed("render too large")
        rotation = normalize_rotation(request.rotation)
        # Target size of the whole picture before the user's turn.
        if rotation in (90, 270):
            full_w, full_h = request.height, request.width
        else:
            full_w, full_h = request.width, request.height
        full_w, full_h = max(1, full_w), max(1, full_h)
        base = self._base_for(full_w, full_h)
        region = (0, 0, full_w, full_h)
        if request.clip is not None:
            region = unrotate_rect(request.clip, rotation, full_w, full_h)
            region = (max(0, region[0]), max(0, region[1]),
                      min(full_w, region[2]), min(full_h, region[3]))
            if region[2] <= region[0] or region[3] <= region[1]:
                raise errors.render_failed("empty clip")
        sx, sy = base.width / full_w, base.height / full_h
        box = (region[0] * sx, region[1] * sy, region[2] * sx, region[3] * sy)
        out_size = (region[2] - region[0], region[3] - region[1])
        try:
            if request.clip is None and out_size == base.size:
                image = base
            else:
                # reducing_gap: box-reduce first, then Lanczos; near-Lanczos quality, much faster.
                image = _resample(base, out_size, box, Image.Resampling.LANCZOS)
            if rotation:
                image = image.transpose(_TURN[rotation])
        except DECODE_ERRORS as exc:
            if is_memory_failure(exc):
                raise
            raise errors.render_failed(type(exc).__name__) from None
        return _page(image)


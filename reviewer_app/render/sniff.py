"""What a file really is, from its first bytes, and how many pixels it would decode to.

Shared by the viewer and the bundle importer: a member's upload is typed by its magic bytes, never
by its name or declared type, and an image is refused from its header alone when decoding it would
need more memory than a workstation should spend (a decompression bomb is a few hundred bytes).
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Callable

import pillow_heif
from PIL import BmpImagePlugin, GifImagePlugin, ImageFile, JpegImagePlugin, PngImagePlugin
from pillow_heif.as_plugin import HeifImageFile

# Registering is idempotent; it teaches Pillow HEIF/HEIC (iPhone photos) next to its own formats.
pillow_heif.register_heif_opener()

JPEG = "image/jpeg"
PNG = "image/png"
BMP = "image/bmp"
GIF = "image/gif"
PDF = "application/pdf"
HEIC = "image/heic"

IMAGE_MEDIA_TYPES = frozenset({JPEG, PNG, BMP, GIF, HEIC})
SUPPORTED_MEDIA_TYPES = IMAGE_MEDIA_TYPES | {PDF}

# 50 megapixels: a 12 MP phone photo (4032 x 3024) and even a 48 MP one (8064 x 6048) pass, an A3
# scan at 600 dpi (7016 x 9921 = 70 MP) does not. Decoded as RGB that is at most 150 MB, which a
# workstation can spare for one page; anything larger is far more likely a bomb than a payslip.
MAX_PIXELS = 50_000_000

# HEIF brands that mean HEVC-coded still images (what iPhones write). "mif1"/"msf1" are generic
# HEIF brands, used as major brand by some encoders, with the codec named in the compatible list.
_HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"})
_GENERIC_HEIF_BRANDS = frozenset({b"mif1", b"msf1"})
# BITMAPCOREHEADER .. BITMAPV5HEADER sizes: "BM" alone is too weak a signature (text can start so).
_BMP_DIB_HEADER_SIZES = frozenset({12, 16, 40, 52, 56, 64, 108, 124})
# Acrobat accepts "%PDF-" anywhere in the first 1024 bytes; scanners sometimes prepend junk.
_PDF_SEARCH_WINDOW = 1024


def sniff_media_type(data: bytes) -> str | None:
    """The media type that ``data`` really is, or ``None`` when it is none of the supported ones."""
    head = bytes(data[:_PDF_SEARCH_WINDOW])
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"BM") and len(head) >= 18:
        (dib_size,) = struct.unpack_from("<I", head, 14)
        if dib_size in _BMP_DIB_HEADER_SIZES:
            return BMP
        return None
    if _is_heic(head):
        return HEIC
    if b"%PDF-" in head:
        return PDF
    return None


def _is_heic(head: bytes) -> bool:
    if len(head) < 16 or head[4:8] != b"ftyp":
        return False
    (box_size,) = struct.unpack_from(">I", head, 0)
    box_end = min(max(box_size, 16), len(head))
    major = head[8:12]
    compatible = {head[i : i + 4] for i in range(16, box_end - 3, 4)}
    if major in _HEIC_BRANDS:
        return True
    # AVIF shares the container but not the codec (and this build of libheif has no AV1 decoder).
    return major in _GENERIC_HEIF_BRANDS and bool(compatible & _HEIC_BRANDS)


# Opening the plugin class directly (instead of Image.open) reads the header only, never lets a
# file sniffed as one format be decoded by another plugin, and skips Image.open's own bomb check,
# whose DecompressionBombWarning would otherwise fire before our limit could be applied.
_PLUGINS: dict[str, Callable[[io.BytesIO], ImageFile.ImageFile]] = {
    JPEG: JpegImagePlugin.JpegImageFile,
    PNG: PngImagePlugin.PngImageFile,
    BMP: BmpImagePlugin.BmpImageFile,
    GIF: GifImagePlugin.GifImageFile,
    HEIC: HeifImageFile,
}


def open_image_header(data: bytes, media_type: str) -> ImageFile.ImageFile:
    """A lazily-loaded Pillow image for ``data`` (header parsed, pixels not decoded).

    Raises ``ValueError`` for a media type that is not an image, and whatever Pillow raises
    (``SyntaxError``, ``OSError``, ``struct.error`` ...) for a header it cannot read.
    """
    plugin = _PLUGINS.get(media_type)
    if plugin is None:
        raise ValueError(f"not an image media type: {media_type}")
    with warnings.catch_warnings():
        # Some plugins warn about odd-but-readable headers; the limit below decides, not a warning.
        warnings.simplefilter("ignore")
        return plugin(io.BytesIO(data))


def pixel_count(data: bytes, media_type: str) -> int | None:
    """Width x height of the (first) image from its header alone, without decoding pixels.

    ``None`` for PDF (it has no pixel size: it is rendered at screen resolution) and for an image
    whose header cannot be read; callers treat ``None`` for an image type as a corrupt file.
    """
    if media_type not in IMAGE_MEDIA_TYPES:
        return None
    try:
        image = open_image_header(data, media_type)
    except Exception:  # any parser failure means "unreadable header"
        return None
    width, height = image.size
    image.close()
    return int(width) * int(height)


def within_pixel_limit(data: bytes, media_type: str) -> bool:
    """True for a PDF, or an image whose header is readable and at most :data:`MAX_PIXELS`."""
    if media_type == PDF:
        return True
    count = pixel_count(data, media_type)
    return count is not None and 0 < count <= MAX_PIXELS


__all__ = [
    "BMP",
    "GIF",
    "HEIC",
    "IMAGE_MEDIA_TYPES",
    "JPEG",
    "MAX_PIXELS",
    "PDF",
    "PNG",
    "SUPPORTED_MEDIA_TYPES",
    "open_image_header",
    "pixel_count",
    "sniff_media_type",
    "within_pixel_limit",
]

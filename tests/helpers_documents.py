"""Real documents for tests and benchmarks: JPEG/PNG/BMP/GIF/HEIC/PDF bytes made on the fly.

Nothing here is a fixture file on disk: each helper builds a genuine file with Pillow, pillow-heif
or PyMuPDF so the decoders under test see exactly what a member's upload would contain. Other
packages' tests may import these helpers (the bundle importer needs the same kinds of files).

Orientation checks use :func:`marker_image`: a white picture with a red block in its top-left
corner, so "upright" can be verified by sampling one pixel (:func:`is_red`).
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from collections.abc import Sequence

import pillow_heif
import pymupdf
from PIL import Image, ImageDraw

pillow_heif.register_heif_opener()

RED = (220, 20, 20)
WHITE = (255, 255, 255)

# EXIF orientation -> the transpose that turns the upright picture into the stored one (the
# inverse of what ImageOps.exif_transpose applies when reading).
_STORE_TRANSPOSE: dict[int, Image.Transpose | None] = {
    1: None,
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}
EXIF_ORIENTATION_TAG = 0x0112


def marker_image(width: int, height: int) -> Image.Image:
    """An upright RGB test picture: white with a red block in the top-left quarter."""
    image = Image.new("RGB", (width, height), WHITE)
    ImageDraw.Draw(image).rectangle((0, 0, width // 4, height // 4), fill=RED)
    return image


def is_red(rgb: Sequence[int]) -> bool:
    """True for the marker's red after lossy compression and scaling."""
    r, g, b = rgb[0], rgb[1], rgb[2]
    return r > 150 and g < 100 and b < 100


def is_white(rgb: Sequence[int]) -> bool:
    return all(c > 200 for c in rgb[:3])


def _stored(upright: Image.Image, orientation: int) -> Image.Image:
    method = _STORE_TRANSPOSE[orientation]
    return upright if method is None else upright.transpose(method)


def _exif_bytes(orientation: int) -> bytes:
    exif = Image.Exif()
    exif[EXIF_ORIENTATION_TAG] = orientation
    return exif.tobytes()


def make_jpeg(
    width: int = 640,
    height: int = 480,
    *,
    orientation: int = 1,
    quality: int = 85,
    image: Image.Image | None = None,
) -> bytes:
    """A JPEG whose *displayed* (EXIF-corrected) picture is ``image`` or a marker picture.

    With ``orientation`` other than 1 the pixels are stored turned and the EXIF tag says how to
    turn them back, as phone cameras do.
    """
    upright = image if image is not None else marker_image(width, height)
    buffer = io.BytesIO()
    _stored(upright, orientation).save(
        buffer, "JPEG", quality=quality, exif=_exif_bytes(orientation)
    )
    return buffer.getvalue()


def make_png(width: int = 320, height: int = 240, *, mode: str = "RGB") -> bytes:
    buffer = io.BytesIO()
    marker_image(width, height).convert(mode).save(buffer, "PNG")
    return buffer.getvalue()


def make_bmp(width: int = 320, height: int = 240) -> bytes:
    buffer = io.BytesIO()
    marker_image(width, height).save(buffer, "BMP")
    return buffer.getvalue()


def make_gif(width: int = 320, height: int = 240) -> bytes:
    buffer = io.BytesIO()
    marker_image(width, height).convert("P", palette=Image.Palette.ADAPTIVE).save(buffer, "GIF")
    return buffer.getvalue()


def make_heic(
    width: int = 4032,
    height: int = 3024,
    *,
    orientation: int = 1,
    thumbnails: Sequence[int] = (320,),
    quality: int = 50,
    image: Image.Image | None = None,
) -> bytes:
    """A real HEIC (HEVC via libheif/x265), tiled in 512 px tiles as iPhones store photos.

    ``thumbnails`` are the long-side sizes of embedded thumbnails (an iPhone stores one of about
    320 px); ``orientation`` is written as EXIF, with the pixels stored turned.
    """
    upright = image if image is not None else marker_image(width, height)
    buffer = io.BytesIO()
    _stored(upright, orientation).save(
        buffer,
        "HEIF",
        quality=quality,
        exif=_exif_bytes(orientation),
        thumbnails=list(thumbnails),
        tile_size=512,
    )
    return buffer.getvalue()


PAYSLIP_LINES = (
    "給与明細書 令和7年4月分",
    "株式会社サンプル 総務部",
    "基本給 180,000円  通勤手当 12,000円",
    "総支給額 192,000円",
)


def make_pdf(pages: int = 3, *, width: float = 595, height: float = 842) -> bytes:
    """A text PDF (A4 by default) with Japanese lines; page n says ``n ページ`` near the top.

    Page 2 is landscape when ``pages`` >= 2 so page-size handling is exercised.
    """
    doc = pymupdf.open()
    for number in range(1, pages + 1):
        w, h = (height, width) if number == 2 else (width, height)
        page = doc.new_page(width=w, height=h)
        # A red block in the top-left corner lets tests check orientation after rotation.
        page.draw_rect(pymupdf.Rect(0, 0, w / 4, h / 4), color=RED_PDF, fill=RED_PDF)
        page.insert_text((72, h / 4 + 40), f"{number} ページ", fontname="japan", fontsize=24)
        for line_number, line in enumerate(PAYSLIP_LINES):
            page.insert_text((72, h / 4 + 80 + 24 * line_number), line, fontname="japan",
                             fontsize=14)
    data: bytes = doc.tobytes()
    doc.close()
    return data


RED_PDF = (220 / 255, 20 / 255, 20 / 255)


def scanned_page_image(width: int, height: int, rng: random.Random) -> Image.Image:
    """Grey paper grain with dark text-like bars: compresses like a real scan, not like white."""
    paper = Image.new("L", (width, height), 235)
    grain = Image.effect_noise((width, height), 28)
    image = Image.blend(paper, grain, 0.35)
    draw = ImageDraw.Draw(image)
    line_height = max(8, height // 90)
    y = height // 12
    while y < height - height // 12:
        x = width // 12
        while x < width - width // 12:
            word = rng.randint(width // 60, width // 12)
            draw.rectangle((x, y, min(x + word, width - width // 12), y + line_height * 2 // 3),
                           fill=rng.randint(20, 70))
            x += word + rng.randint(width // 150, width // 60)
        y += line_height * 2
    return image.convert("RGB")


def make_scanned_pdf(
    pages: int = 4,
    *,
    target_bytes: int = 5_000_000,
    dpi: int = 300,
    seed: int = 4,
) -> bytes:
    """A "scanned" PDF: each A4 page one full-page JPEG, sized to about ``target_bytes`` in total.

    JPEG quality is searched so the file lands near the target (±15 %), since upload limits are
    5 MB and the benchmark budget is stated for a 5 MB PDF.
    """
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    rng = random.Random(seed)
    images = [scanned_page_image(width, height, rng) for _ in range(pages)]

    def build(quality: int) -> bytes:
        doc = pymupdf.open()
        for image in images:
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=quality)
            page = doc.new_page(width=595, height=842)
            page.insert_image(page.rect, stream=buffer.getvalue())
            page.insert_text((40, 30), "給与明細書（スキャン）", fontname="japan", fontsize=10)
        data: bytes = doc.tobytes(garbage=3, deflate=True)
        doc.close()
        return data

    low, high = 10, 95
    best = build(50)
    while low <= high:
        quality = (low + high) // 2
        data = build(quality)
        if abs(len(data) - target_bytes) < abs(len(best) - target_bytes):
            best = data
        if abs(len(data) - target_bytes) <= target_bytes * 0.05:
            return data
        if len(data) < target_bytes:
            low = quality + 1
        else:
            high = quality - 1
    return best


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def make_png_header(width: int, height: int) -> bytes:
    """A PNG that *claims* ``width`` × ``height`` (valid signature, IHDR, tiny IDAT, IEND).

    A decompression bomb in spirit: a few dozen bytes that would ask a decoder for gigabytes.
    Readers must refuse it from the header alone.
    """
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 16)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr) + _png_chunk(b"IDAT", idat)
            + _png_chunk(b"IEND", b""))


def truncated(data: bytes, keep: float = 0.5) -> bytes:
    """The first ``keep`` fraction of ``data``: an upload cut off mid-transfer."""
    return data[: max(1, int(len(data) * keep))]


def corrupt_jpeg(width: int = 640, height: int = 480) -> bytes:
    """A JPEG with a valid header whose entropy-coded data is garbage and which has no end."""
    data = make_jpeg(width, height)
    header_end = data.index(b"\xff\xda") + 20  # keep SOI..SOS so sniffing and headers pass
    rng = random.Random(7)
    garbage = bytes(rng.randrange(256) for _ in range(2000)).replace(b"\xff", b"\x00")
    return data[:header_end] + garbage


def pixel(page: object, x: int, y: int) -> tuple[int, int, int]:
    """RGB at (x, y) of a render-layer ``RenderedPage`` in RGB888 (duck-typed: no import here)."""
    stride: int = page.stride  # type: ignore[attr-defined]
    data: bytes = page.data  # type: ignore[attr-defined]
    offset = y * stride + x * 3
    r, g, b = data[offset : offset + 3]
    return r, g, b

"""The importer's content check of one uploaded file: can it be shown, and if not, why.

:func:`inspect_file` runs in a child process with a time and memory limit
(:mod:`.isolation`); it returns an :class:`Inspection`, never raises for a bad file.

What is checked, and why only this (it has to keep up with decrypting and storing, about
80 MB/s on a workstation, see ``tests/benchmarks/bench_import.py``):

* the type, by magic bytes: one of the accepted types, and the type declared for the file;
* images: the header (width, height) is readable, at most :data:`~.sniff.MAX_PIXELS` and no side
  more than :data:`MAX_ASPECT_RATIO` times the other, and the file is **structurally complete**:
  JPEG segments to the start of scan and an end-of-image marker after it; every PNG chunk
  complete with a correct CRC-32 up to ``IEND`` (a flipped bit anywhere is found); GIF blocks
  complete to the trailer; a BMP as long as its pixel array; HEIF boxes that end where the file
  ends. This catches truncated and bit-damaged uploads in microseconds to a few milliseconds. A
  GIF's first frame is decoded too (GIF data has no checksum; GIF uploads are rare and small).
  Photos are **not** decoded: a full decode costs 20-40 ms for a 12 MP JPEG and about 250 ms for
  a 12 MP HEIC, three to thirty times the import's own cost per byte. A file whose compressed
  data is corrupt but whose structure is intact (for example a HEIC whose main image is damaged
  while its thumbnail is fine) is accepted here and shown as damaged by the viewer, which
  remembers the failure;
* PDFs: PyMuPDF opens the file; it must not need a password, must have at least one page, page 1
  must load, the file must end with ``%%EOF`` (a truncated upload does not), and page 1's content
  streams must inflate to at most :data:`MAX_PAGE_CONTENT_BYTES` (measured by streaming, so a
  content bomb is found without holding it). The page count is reported for the attachment.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .isolation import is_memory_failure
from .problems import FileProblem
from .sniff import (
    BMP,
    GIF,
    HEIC,
    IMAGE_MEDIA_TYPES,
    JPEG,
    MAX_PIXELS,
    PDF,
    PNG,
    SUPPORTED_MEDIA_TYPES,
    open_image_header,
    sniff_media_type,
)

# One side at most this many times the other. Long receipts and scrolling screenshots are about
# 1:10 to 1:20; a 1 x 50,000,000 "image" is a bomb that passes the pixel limit (issue 9).
MAX_ASPECT_RATIO = 50
# Page 1's drawing instructions, inflated. A payslip page is kilobytes to a few megabytes; the
# content bomb of issue 9 (1.3 MB inflating to 540 MB) ties up MuPDF for half a minute.
MAX_PAGE_CONTENT_BYTES = 64 * 1024 * 1024
_INFLATE_CHUNK = 1024 * 1024
_PDF_TAIL = 1024  # %%EOF within the last kilobyte, as readers accept it


@dataclass(frozen=True, slots=True)
class Inspection:
    """The verdict on one file: ``problem`` None means it can be shown.

    ``media_type`` is what the bytes are (None when no accepted type); ``page_count`` is 1 for an
    image and the PDF's page count when it could be read; ``detail`` a short technical note in
    English for logs and the robustness script (never file contents).
    """

    media_type: str | None
    problem: FileProblem | None
    page_count: int | None = None
    detail: str = ""

    @property
    def accepted(self) -> bool:
        return self.problem is None


def inspect_file(data: bytes, declared_media_type: str) -> Inspection:
    """Check ``data`` that arrived declared as ``declared_media_type``; see the module doc."""
    actual = sniff_media_type(data)
    if actual is None or actual not in SUPPORTED_MEDIA_TYPES:
        return Inspection(actual, FileProblem.TYPE_NOT_ALLOWED, detail="unknown magic bytes")
    if actual != declared_media_type:
        return Inspection(actual, FileProblem.TYPE_MISMATCH,
                          detail=f"declared {declared_media_type}, contents are {actual}")
    try:
        if actual == PDF:
            return _inspect_pdf(data)
        return _inspect_image(data, actual)
    except MemoryError:
        return Inspection(actual, FileProblem.TOO_COMPLEX, detail="out of memory")
    except Exception as exc:  # a parser failing on hostile input is a damaged file
        if is_memory_failure(exc):
            return Inspection(actual, FileProblem.TOO_COMPLEX, detail="out of memory")
        return Inspection(actual, FileProblem.DAMAGED, detail=type(exc).__name__)




# --- images -------------------------------------------------------------------------------------


def image_shape_problem(width: int, height: int) -> tuple[FileProblem, str] | None:
    """The pixel and aspect limits (shared with the viewer, which refuses before decoding)."""
    if width <= 0 or height <= 0:
        return FileProblem.DAMAGED, f"empty image {width}x{height}"
    if width * height > MAX_PIXELS:
        return FileProblem.TOO_MANY_PIXELS, f"{width * height:,} pixels, limit {MAX_PIXELS:,}"
    if max(width, height) > MAX_ASPECT_RATIO * min(width, height):
        return FileProblem.EXTREME_ASPECT, f"{width}x{height}, limit 1:{MAX_ASPECT_RATIO}"
    return None


def _inspect_image(data: bytes, media_type: str) -> Inspection:
    try:
        header = open_image_header(data, media_type)
        width, height = (int(side) for side in header.size)
        tile = list(getattr(header, "tile", []) or [])
        header.close()
    except Exception as exc:
        if is_memory_failure(exc):
            raise
        return Inspection(media_type, FileProblem.DAMAGED,
                          detail=f"header unreadable ({type(exc).__name__})")
    shape = image_shape_problem(width, height)
    if shape is not None:
        return Inspection(media_type, shape[0], detail=shape[1])
    incomplete = _STRUCTURE[media_type](data, tile)
    if incomplete is None and media_type == GIF:
        incomplete = _gif_decodes(data)
    if incomplete is not None:
        return Inspection(media_type, FileProblem.DAMAGED, 1, detail=incomplete)
    return Inspection(media_type, None, 1)


def _gif_decodes(data: bytes) -> str | None:
    """GIF data has no checksum, so its first frame is decoded: GIF uploads are rare and small
    (a 2 MP frame decodes in milliseconds), unlike JPEG and HEIC photos."""
    try:
        image = open_image_header(data, GIF)
        image.load()
        image.close()
    except Exception as exc:
        if is_memory_failure(exc):
            raise
        return f"image data broken ({type(exc).__name__})"
    return None


def _jpeg_structure(data: bytes, _tile: list[Any]) -> str | None:
    """Header segments complete up to the first scan, and an end-of-image marker after it."""
    pos, size = 2, len(data)
    while pos + 4 <= size:
        if data[pos] != 0xFF:
            return "broken segment structure"
        marker = data[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in (0x01, 0xD8) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        if marker == 0xD9:
            return "ends before the image data"
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if length < 2 or pos + 2 + length > size:
            return "cut off in a header segment"
        if marker == 0xDA:  # start of scan: entropy-coded data follows
            # In entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so
            # FF D9 after the scan header is the end-of-image marker. Searched from the end:
            # in a sound file it is there (or just before a trailer), and 0xFF is so common in
            # scan data that a forward search costs half a millisecond per photo.
            if data.rfind(b"\xff\xd9", pos + 2 + length) < 0:
                return "cut off (no end-of-image marker)"
            return None
        pos += 2 + length
    return "cut off before the image data"


def _png_structure(data: bytes, _tile: list[Any]) -> str | None:
    """Every chunk complete with a correct CRC-32, IHDR first, IDAT present, IEND reached."""
    view = memoryview(data)
    pos, size, seen_idat = 8, len(data), False
    while pos + 12 <= size:
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if end > size:
            return f"cut off in a {kind.decode('latin-1')!r} chunk"
        (crc,) = struct.unpack_from(">I", data, end - 4)
        if zlib.crc32(view[pos + 4 : end - 4]) != crc:
            return f"damaged {kind.decode('latin-1')!r} chunk (CRC mismatch)"
        if pos == 8 and kind != b"IHDR":
            return "IHDR is not the first chunk"
        if kind == b"IDAT":
            seen_idat = True
        elif kind == b"IEND":
            return None if seen_idat else "no image data"
        pos = end
    return "cut off (no IEND chunk)"


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    """Position after a GIF sub-block chain, or -1 when the file ends inside it."""
    size = len(data)
    while pos < size:
        length = data[pos]
        pos += 1 + length
        if length == 0:
            return pos if pos <= size else -1
    return -1


def _gif_structure(data: bytes, _tile: list[Any]) -> str | None:
    """Blocks complete up to the trailer (or an end exactly after a complete image)."""
    size = len(data)
    if size < 13:
        return "cut off in the header"
    pos = 13
    if data[10] & 0x80:
        pos += 3 * 2 ** ((data[10] & 0x07) + 1)
    images = 0
    while pos < size:
        introducer = data[pos]
        if introducer == 0x3B:
            return None if images else "no image"
        if introducer == 0x21 and pos + 2 <= size:
            pos = _skip_sub_blocks(data, pos + 2)
        elif introducer == 0x2C and pos + 11 <= size:
            flags = data[pos + 9]
            pos += 10
            if flags & 0x80:
                pos += 3 * 2 ** ((flags & 0x07) + 1)
            pos = _skip_sub_blocks(data, pos + 1)  # after the LZW minimum code size
            images += 1
        else:
            return "broken block structure"
        if pos < 0:
            return "cut off in a data block"
    return None if images and pos == size else "cut off (no trailer)"


def _bmp_structure(data: bytes, tile: list[Any]) -> str | None:
    """An uncompressed BMP is at least as long as its pixel array."""
    if not tile:
        return "no pixel data"
    decoder, extents, offset, args = tile[0]
    if not isinstance(offset, int) or offset >= len(data):
        return "cut off before the pixel data"
    if decoder == "raw" and isinstance(args, tuple) and len(args) >= 2:
        stride, height = abs(int(args[1])), abs(int(extents[3]) - int(extents[1]))
        if offset + stride * height > len(data):
            return "cut off in the pixel data"
    return None


def _heic_structure(data: bytes, _tile: list[Any]) -> str | None:
    """Top-level boxes (ftyp, meta, mdat ...) end exactly where the file ends."""
    pos, size = 0, len(data)
    while pos < size:
        if pos + 8 > size:
            return "cut off in a box header"
        box_size, kind = struct.unpack_from(">I4s", data, pos)
        if box_size == 1:
            if pos + 16 > size:
                return "cut off in a box header"
            (box_size,) = struct.unpack_from(">Q", data, pos + 8)
        elif box_size == 0:  # the last box runs to the end of the file
            return None
        if box_size < 8:
            return f"broken {kind.decode('latin-1')!r} box"
        if pos + box_size > size:
            return f"cut off in the {kind.decode('latin-1')!r} box"
        pos += box_size
    return None


_STRUCTURE = {JPEG: _jpeg_structure, PNG: _png_structure, GIF: _gif_structure,
              BMP: _bmp_structure, HEIC: _heic_structure}
assert set(_STRUCTURE) == IMAGE_MEDIA_TYPES


# --- PDF ----------------------------------------------------------------------------------------


def _inspect_pdf(data: bytes) -> Inspection:
    import pymupdf  # here, not at module level: the importer's parent never loads MuPDF

    pymupdf.TOOLS.mupdf_display_errors(False)
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:
        if is_memory_failure(exc):
            raise
        return Inspection(PDF, FileProblem.DAMAGED,
                          detail=f"cannot be opened ({type(exc).__name__})")
    try:
        if doc.needs_pass:
            return Inspection(PDF, FileProblem.PASSWORD_PROTECTED, detail="needs a password")
        pages = int(doc.page_count)
        if pages < 1:
            return Inspection(PDF, FileProblem.NO_PAGES, 0, detail="no pages")
        try:
            page = doc.load_page(0)
            rect = page.rect
        except Exception as exc:
            if is_memory_failure(exc):
                raise
            return Inspection(PDF, FileProblem.DAMAGED, pages,
                              detail=f"page 1 does not load ({type(exc).__name__})")
        if not rect.width > 0 or not rect.height > 0:
            return Inspection(PDF, FileProblem.DAMAGED, pages, detail="page 1 has no size")
        if b"%%EOF" not in data[-_PDF_TAIL:]:
            return Inspection(PDF, FileProblem.DAMAGED, pages, detail="cut off (no %%EOF)")
        inflated = _content_bytes(doc, page, MAX_PAGE_CONTENT_BYTES)
        if inflated > MAX_PAGE_CONTENT_BYTES:
            return Inspection(PDF, FileProblem.TOO_COMPLEX, pages,
                              detail=f"page 1 content over {MAX_PAGE_CONTENT_BYTES:,} bytes")
        return Inspection(PDF, None, pages)
    finally:
        doc.close()


def _content_bytes(doc: Any, page: Any, limit: int) -> int:
    """Inflated size of the page's content streams, counting no further than ``limit`` + 1."""
    total = 0
    for xref in page.get_contents():
        kind, value = doc.xref_get_key(xref, "Filter")
        if kind == "null":
            total += len(doc.xref_stream_raw(xref))
        elif kind == "name" and value == "/FlateDecode":
            total += _inflated_size(doc.xref_stream_raw(xref), limit - total + 1)
        else:  # other or chained filters: MuPDF decodes (memory-limited in the child)
            total += len(doc.xref_stream(xref))
        if total > limit:
            break
    return total


def _inflated_size(raw: bytes, limit: int) -> int:
    """How many bytes ``raw`` inflates to, stopping once past ``limit`` (never holds them)."""
    inflater = zlib.decompressobj()
    total = 0
    pending = raw
    try:
        while total <= limit and not inflater.eof:
            chunk = inflater.decompress(pending, _INFLATE_CHUNK)
            pending = inflater.unconsumed_tail
            if not chunk and not pending:
                break  # the stream ends early: nothing more comes out
            total += len(chunk)
    except zlib.error:
        pass  # damaged data: MuPDF draws what inflates; the size so far is what counts
    return total




def make_handler() -> Callable[[Any, list[bytes]], tuple[Any, list[bytes]]]:
    """The content checker's child handler (:func:`~.isolation.serve`): ``("inspect",
    [declared media type ...])`` with one payload per file -> a list of :class:`Inspection`."""
    import pymupdf  # loaded before "ready": a library import is not part of any deadline

    pymupdf.TOOLS.mupdf_display_errors(False)

    def handle(message: Any, payloads: list[bytes]) -> tuple[Any, list[bytes]]:
        kind, declared = message
        if kind != "inspect" or len(declared) != len(payloads):
            raise ValueError(f"unknown request {kind!r}")
        return [inspect_file(data, media_type)
                for data, media_type in zip(payloads, declared, strict=True)], []

    return handle


__all__ = [
    "MAX_ASPECT_RATIO",
    "MAX_PAGE_CONTENT_BYTES",
    "Inspection",
    "image_shape_problem",
    "inspect_file",
    "make_handler",
]

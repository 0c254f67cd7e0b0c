"""One uploaded file in, what its pages say out: the impure edge of the suggestions.

* PDF pages with a text layer: PyMuPDF's words and their boxes (``page.get_text("words")``),
  turned into the page's displayed orientation.
* PDF pages without one (a scan), photos and screenshots (JPEG, PNG, BMP, GIF, HEIC): pixels for
  :mod:`reviewer_app.suggest.ocr`, boxes scaled back to PDF points or to the upright image's
  pixels (EXIF orientation applied, as the viewer shows it).

Every page then goes through the pure parsers: :func:`~.mynumber.find_my_numbers` first, and
:func:`~.payslip.read_page` with the My Number boxes excluded. The text read is dropped when the
page is done; only the readings and the My Number *boxes* leave this module.

This module runs in the suggestion worker's child process (:mod:`.worker`) and in the
``reviewer-app suggest`` command; never on the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pymupdf
from PIL import Image

from reviewer_app.errors import UserError
from reviewer_app.render import errors as render_errors
from reviewer_app.render.images import ImageDocument
from reviewer_app.render.sniff import IMAGE_MEDIA_TYPES, PDF, sniff_media_type
from reviewer_app.render.types import RenderRequest

from . import ocr
from .model import CONFIDENT, Box, FileResult, MyNumberHit, PageResult, PageText, Source, Word
from .mynumber import find_my_numbers
from .payslip import read_page, slips_on

# Bumped whenever a change to the parsers could change what a document gives: cached readings
# made by another version are read again.
PARSER_VERSION = "1"
# A page whose text layer has fewer characters than this is treated as a picture (a scan).
MIN_TEXT_CHARS = 20
# OCR looks twice only where once was not enough: a quick pass (scanned PDF pages at 120 dpi, an
# A5 page is 992 x 700 pixels; photos brought down to 1.6 megapixels), and a sharper one (200 dpi,
# up to 9 megapixels) when the quick pass left a slip without a confident reading (small print on
# a phone screenshot, several slips on one photo, a coarse scan) and the picture has enough more
# detail to give (at least 1.35 times the quick pass's width; a picture smaller than the quick
# pass, such as an old 100 dpi GIF scan, is enlarged twice for it).
SCAN_DPI = (120, 200)
PHOTO_PIXELS = (1_600_000, 9_000_000)
SHARPER = 1.35
SMALL_PICTURE_ENLARGED = 2.0
# Pages read per file at most: payslips come a year at a time (12 and a bonus or two).
MAX_PAGES = 40

pymupdf.TOOLS.mupdf_display_errors(False)


def engine_name(*, with_ocr: bool | None = None) -> str:
    """What reads documents here: the parser's version and the OCR package, if any."""
    use_ocr = ocr.available() if with_ocr is None else with_ocr
    name = f"parse-{PARSER_VERSION}; pymupdf-{pymupdf.VersionBind}"
    package = ocr.package() if use_ocr else None
    return name + (f"; {package.replace(' ', '-')}" if package else "; no-ocr")


def no_ocr_error() -> UserError:
    return UserError(
        "文字認識（OCR）が入っていないため、画像や文字情報のない PDF は読み取れません。"
        "reviewer-app[ocr] を入れてください。",
        "OCR is not installed, so images and PDFs without a text layer cannot be read. "
        "Install reviewer-app[ocr].",
        code="ocr-unavailable",
    )


PageDone = Callable[[int], None]


def read_document(data: bytes, *, use_ocr: bool = True,
                  on_page: PageDone | None = None) -> FileResult:
    """What every page of ``data`` gives. A file that cannot be read at all gives a
    :class:`FileResult` with ``error`` set (never an exception). ``on_page(n)`` is called as
    each page is done (the worker's sign of life)."""
    done: PageDone = on_page or (lambda _n: None)
    started, cpu = time.monotonic(), time.process_time()
    with_ocr = use_ocr and ocr.available()
    engine = engine_name(with_ocr=with_ocr)
    media_type = sniff_media_type(data)
    try:
        if media_type == PDF:
            pages, notes = _read_pdf(data, with_ocr, done)
        elif media_type in IMAGE_MEDIA_TYPES:
            if not with_ocr:
                raise no_ocr_error()
            pages, notes = [_read_image(data, media_type)], []
            done(1)
        else:
            raise render_errors.unsupported(media_type)
    except UserError as error:
        return FileResult(error=(error.ja, error.en), engine=engine,
                          seconds=time.monotonic() - started,
                          cpu_seconds=time.process_time() - cpu)
    return FileResult(pages=tuple(pages), engine=engine, seconds=time.monotonic() - started,
                      cpu_seconds=time.process_time() - cpu, notes=tuple(notes))


def analyse(page: int, text: PageText) -> PageResult:
    """The pure part: My Numbers first, then the slips with those boxes left out."""
    hits = find_my_numbers(text.words)
    readings = read_page(text, exclude=[h.box for h in hits])
    return PageResult(page, text.width, text.height, text.source, readings, hits)


# --- PDF ---------------------------------------------------------------------------------------


def _open_pdf(data: bytes) -> Any:
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises assorted types for damaged files
        raise render_errors.corrupt(type(exc).__name__) from None
    if doc.needs_pass:
        doc.close()
        raise render_errors.encrypted()
    if doc.page_count < 1:
        doc.close()
        raise render_errors.corrupt("no pages")
    return doc


def _read_pdf(data: bytes, with_ocr: bool,
              done: PageDone) -> tuple[list[PageResult], list[str]]:
    doc = _open_pdf(data)
    pages: list[PageResult] = []
    notes: list[str] = []
    try:
        for number in range(min(doc.page_count, MAX_PAGES)):
            try:
                page = doc[number]
                text = _text_layer(page)
                if sum(len(w.text.strip()) for w in text.words) >= MIN_TEXT_CHARS:
                    pages.append(analyse(number + 1, text))
                elif with_ocr:
                    pages.append(_ocr_pdf_page(number + 1, page))
                else:
                    notes.append(f"page {number + 1}: no text layer and no OCR")
                    pages.append(PageResult(number + 1, text.width, text.height, Source.TEXT))
            except Exception as exc:  # one damaged page must not lose the others
                notes.append(f"page {number + 1}: {type(exc).__name__}")
            done(number + 1)
        if doc.page_count > MAX_PAGES:
            notes.append(f"pages after {MAX_PAGES} not read")
    finally:
        doc.close()
    return pages, notes


def _text_layer(page: Any) -> PageText:
    """The page's words: laid out as written (PyMuPDF gives them unrotated, where the lines of a
    turned page still run left to right) and boxed as the page is shown (/Rotate applied)."""
    matrix = page.rotation_matrix
    words: list[Word] = []
    for x0, y0, x1, y1, text, *_rest in page.get_text("words"):
        rect = pymupdf.Rect(x0, y0, x1, y1) * matrix
        words.append(Word(str(text), Box(rect.x0, rect.y0, rect.x1, rect.y1),
                          layout=Box(x0, y0, x1, y1)))
    rect = page.rect
    return PageText(tuple(words), float(rect.width), float(rect.height), Source.TEXT)


def _ocr_pdf_page(number: int, page: Any) -> PageResult:
    rect = page.rect

    def render(dpi: int) -> Callable[[], tuple[Image.Image, float]]:
        def run() -> tuple[Image.Image, float]:
            zoom = dpi / 72
            pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), colorspace=pymupdf.csRGB,
                                  alpha=False)
            return Image.frombytes("RGB", (pix.width, pix.height), pix.samples), 1 / zoom
        return run

    return _ocr_passes(number, float(rect.width), float(rect.height),
                       [render(dpi) for dpi in SCAN_DPI])


Render = Callable[[], tuple[Image.Image, float] | None]


def _ocr_passes(number: int, width: float, height: float,
                renders: list[Render]) -> PageResult:
    """OCR each rendering in turn until every slip title on the page has a confident reading;
    the pass with the most confident readings wins, My Numbers found by any pass are kept."""
    best: tuple[tuple[int, int], PageResult] | None = None
    hits: list[MyNumberHit] = []
    for render in renders:
        rendered = render()
        if rendered is None:
            continue
        image, back = rendered
        words, _angle = ocr.read_image(image)
        text = PageText(tuple(_scaled(w, back) for w in words), width, height, Source.OCR)
        result = analyse(number, text)
        hits += [h for h in result.my_numbers
                 if not any(h.box.x_overlap(o.box) and h.box.y_overlap(o.box) for o in hits)]
        score = (sum(r.confidence >= CONFIDENT for r in result.readings), len(result.readings))
        if best is None or score > best[0]:
            best = (score, result)
        if score[0] >= slips_on(words):
            break
    assert best is not None, "the first pass always renders"
    return replace(best[1], my_numbers=tuple(hits))


# --- images ------------------------------------------------------------------------------------


def _read_image(data: bytes, media_type: str) -> PageResult:
    document = ImageDocument(data, media_type)  # checks the header and the pixel limit
    full = document.width * document.height
    # a picture smaller than the quick pass (an old 100 dpi scan) is enlarged for the sharper one
    largest = 1.0 if full >= PHOTO_PIXELS[0] else SMALL_PICTURE_ENLARGED
    sizes: list[tuple[int, int]] = []
    for pixels in PHOTO_PIXELS:
        scale = min(largest if sizes else 1.0, (pixels / full) ** 0.5)
        size = (max(1, round(document.width * scale)), max(1, round(document.height * scale)))
        if not sizes or size[0] >= sizes[-1][0] * SHARPER:
            sizes.append(size)

    def render(width: int, height: int) -> Render:
        def run() -> tuple[Image.Image, float]:
            page = document.render(RenderRequest(0, 0, width, height))
            image = Image.frombytes("RGB", (page.width, page.height), page.data, "raw", "RGB",
                                    page.stride)
            return image, document.width / page.width
        return run

    return _ocr_passes(1, float(document.width), float(document.height),
                       [render(w, h) for w, h in sizes])


def _scaled(word: Word, factor: float) -> Word:
    layout = word.layout.scaled(factor) if word.layout is not None else None
    return Word(word.text, word.box.scaled(factor), word.conf, layout)

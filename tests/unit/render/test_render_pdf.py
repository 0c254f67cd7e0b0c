"""PDF through PyMuPDF: pages, sizes, rotation, clipping, failures (the engine that runs it in
child processes: test_render_engine.py)."""

from __future__ import annotations

import pymupdf
import pytest
from helpers_documents import is_red, is_white, make_pdf, pixel, truncated

from reviewer_app.render.errors import DocumentError
from reviewer_app.render.pdf import PdfBackend
from reviewer_app.render.types import (
    POINTS_TO_LOGICAL,
    RenderRequest,
)


@pytest.fixture(scope="module")
def three_pages() -> bytes:
    return make_pdf(3)


def test_japanese_text_is_in_the_sample(three_pages: bytes) -> None:
    with pymupdf.open(stream=three_pages, filetype="pdf") as doc:
        assert "給与明細書" in doc[0].get_text()
        assert "2 ページ" in doc[1].get_text()


def test_page_count_and_sizes_in_logical_pixels(three_pages: bytes) -> None:
    info = PdfBackend().open("a", three_pages)
    assert info.page_count == 3
    assert info.page_sizes[0] == pytest.approx((595 * POINTS_TO_LOGICAL, 842 * POINTS_TO_LOGICAL))
    assert info.page_sizes[1] == pytest.approx((842 * POINTS_TO_LOGICAL, 595 * POINTS_TO_LOGICAL))
    assert info.page_size(0, 90) == pytest.approx(info.page_sizes[0][::-1])


def test_render_at_requested_size_with_red_block_top_left(three_pages: bytes) -> None:
    backend = PdfBackend()
    backend.open("a", three_pages)
    page = backend.render("a", RenderRequest(0, 0, 400, 566))
    assert page.width == 400 and abs(page.height - 566) <= 1
    assert is_red(pixel(page, 20, 20))
    assert is_white(pixel(page, 380, 20))


@pytest.mark.parametrize(("rotation", "x_frac", "y_frac"),
                         [(90, 0.95, 0.05), (180, 0.95, 0.95), (270, 0.05, 0.95)])
def test_rotation_turns_clockwise(three_pages: bytes, rotation: int, x_frac: float,
                                  y_frac: float) -> None:
    backend = PdfBackend()
    backend.open("a", three_pages)
    w, h = (566, 400) if rotation in (90, 270) else (400, 566)
    page = backend.render("a", RenderRequest(0, rotation, w, h))
    assert abs(page.width - w) <= 1 and abs(page.height - h) <= 1
    assert is_red(pixel(page, int(page.width * x_frac), int(page.height * y_frac)))


def test_clip_renders_part_of_a_high_zoom_page(three_pages: bytes) -> None:
    backend = PdfBackend()
    backend.open("a", three_pages)
    # At 4000 px wide the whole page would be 4000 x 5660; render only 300 x 200 of it.
    page = backend.render("a", RenderRequest(0, 0, 4000, 5660, clip=(3000, 0, 3300, 200)))
    assert (page.width, page.height) == (300, 200)
    assert is_white(pixel(page, 150, 100))
    page = backend.render("a", RenderRequest(0, 0, 4000, 5660, clip=(0, 0, 300, 200)))
    assert is_red(pixel(page, 150, 100))


def test_clip_on_rotated_page(three_pages: bytes) -> None:
    backend = PdfBackend()
    backend.open("a", three_pages)
    # Turned 90 clockwise the red block is top-right of a 5660 x 4000 picture.
    page = backend.render("a", RenderRequest(0, 90, 5660, 4000, clip=(5360, 0, 5660, 200)))
    assert (page.width, page.height) == (300, 200)
    assert is_red(pixel(page, 150, 100))


def test_truncated_pdf_is_refused_or_renders_what_is_there() -> None:
    data = truncated(make_pdf(3), 0.3)
    backend = PdfBackend()
    try:
        info = backend.open("a", data)
    except DocumentError as error:
        assert error.code == "document-corrupt"
        return
    # MuPDF repairs some truncations; then every page either renders or fails with a message.
    for number in range(info.page_count):
        try:
            backend.render("a", RenderRequest(number, 0, 100, 141))
        except DocumentError as error:
            assert error.code == "document-render-failed"


def test_garbage_is_corrupt() -> None:
    with pytest.raises(DocumentError) as caught:
        PdfBackend().open("a", b"%PDF-1.7\n" + b"\x00garbage" * 100)
    assert caught.value.code == "document-corrupt"


def test_password_protected_pdf_says_so(three_pages: bytes) -> None:
    with pymupdf.open(stream=three_pages, filetype="pdf") as doc:
        locked = doc.tobytes(encryption=pymupdf.mupdf.PDF_ENCRYPT_AES_256, user_pw="secret",
                             owner_pw="owner")
    with pytest.raises(DocumentError) as caught:
        PdfBackend().open("a", locked)
    assert caught.value.code == "document-encrypted"
    assert "パスワード" in caught.value.ja

"""Decoding photos and scans: orientation, quick pass, limits and damaged files."""

from __future__ import annotations

import io

import pytest
from helpers_documents import (
    corrupt_jpeg,
    is_red,
    is_white,
    make_bmp,
    make_gif,
    make_heic,
    make_jpeg,
    make_png,
    make_png_header,
    pixel,
    truncated,
)
from PIL import Image

from reviewer_app.render.errors import DocumentError
from reviewer_app.render.images import QUICK_LONG_SIDE, ImageDocument
from reviewer_app.render.sniff import BMP, GIF, HEIC, JPEG, PDF, PNG
from reviewer_app.render.types import FORMAT_RGB888, RenderedPage, RenderRequest


def assert_upright(page: RenderedPage) -> None:
    """The marker's red block is top-left: not turned, not mirrored."""
    assert page.format == FORMAT_RGB888
    w, h = page.width, page.height
    assert is_red(pixel(page, w // 16, h // 16)), pixel(page, w // 16, h // 16)
    assert is_white(pixel(page, w - 1 - w // 16, h // 16))
    assert is_white(pixel(page, w // 16, h - 1 - h // 16))
    assert is_white(pixel(page, w - 1 - w // 16, h - 1 - h // 16))


@pytest.mark.parametrize("orientation", [1, 2, 3, 4, 5, 6, 7, 8])
def test_exif_rotated_jpeg_comes_out_upright(orientation: int) -> None:
    doc = ImageDocument(make_jpeg(640, 480, orientation=orientation), JPEG)
    assert (doc.width, doc.height) == (640, 480)
    page = doc.render(RenderRequest(0, 0, 320, 240))
    assert (page.width, page.height) == (320, 240)
    assert_upright(page)
    assert_upright(doc.quick())


def test_unrotated_jpeg_sanity_check_fails_on_a_turned_picture() -> None:
    # Guards the guard: rendering turned 180 degrees must NOT look upright.
    doc = ImageDocument(make_jpeg(640, 480), JPEG)
    with pytest.raises(AssertionError):
        assert_upright(doc.render(RenderRequest(0, 180, 640, 480)))


@pytest.mark.parametrize(("rotation", "corner"), [(90, "top-right"), (180, "bottom-right"),
                                                  (270, "bottom-left")])
def test_user_rotation_turns_clockwise(rotation: int, corner: str) -> None:
    doc = ImageDocument(make_jpeg(640, 480), JPEG)
    w, h = (240, 320) if rotation in (90, 270) else (320, 240)
    page = doc.render(RenderRequest(0, rotation, w, h))
    assert (page.width, page.height) == (w, h)
    x = w - 1 - w // 16 if "right" in corner else w // 16
    y = h - 1 - h // 16 if "bottom" in corner else h // 16
    assert is_red(pixel(page, x, y))


def test_clip_renders_only_the_requested_part() -> None:
    doc = ImageDocument(make_jpeg(800, 600), JPEG)
    # Whole picture at 1600 x 1200; the clip is the top-left 200 x 150 (inside the red block).
    page = doc.render(RenderRequest(0, 0, 1600, 1200, clip=(0, 0, 200, 150)))
    assert (page.width, page.height) == (200, 150)
    assert is_red(pixel(page, 199, 149))
    # Bottom-right quarter of the whole picture is white.
    page = doc.render(RenderRequest(0, 0, 1600, 1200, clip=(800, 600, 1600, 1200)))
    assert is_white(pixel(page, 10, 10))


def test_clip_on_a_rotated_picture_maps_back_correctly() -> None:
    doc = ImageDocument(make_jpeg(800, 600), JPEG)
    # Turned 90 clockwise the red block is top-right of a 600 x 800 picture.
    page = doc.render(RenderRequest(0, 90, 600, 800, clip=(500, 0, 600, 100)))
    assert (page.width, page.height) == (100, 100)
    assert is_red(pixel(page, 50, 50))


def test_heic_12_megapixels_upright_with_quick_thumbnail_first() -> None:
    data = make_heic(4032, 3024, orientation=6, thumbnails=(320,))
    doc = ImageDocument(data, HEIC)
    # Orientation 6 stores the picture turned; displayed it is landscape again.
    assert (doc.width, doc.height) == (4032, 3024)
    quick = doc.quick()
    assert max(quick.width, quick.height) <= QUICK_LONG_SIDE
    assert_upright(quick)
    page = doc.render(RenderRequest(0, 0, 1008, 756))
    assert (page.width, page.height) == (1008, 756)
    assert_upright(page)


@pytest.mark.parametrize(("maker", "media_type"),
                         [(make_png, PNG), (make_bmp, BMP), (make_gif, GIF)])
def test_lossless_formats_render(maker: object, media_type: str) -> None:
    data = maker(320, 240)  # type: ignore[operator]
    doc = ImageDocument(data, media_type)
    assert_upright(doc.render(RenderRequest(0, 0, 160, 120)))
    assert_upright(doc.quick())


def test_transparent_png_is_shown_on_white_paper() -> None:
    # A red block on a fully transparent background: the background must render white, not
    # black (what dropping the alpha channel would give).
    image = Image.new("RGBA", (64, 48), (0, 0, 0, 0))
    image.paste((255, 0, 0, 255), (0, 0, 16, 12))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    page = ImageDocument(buffer.getvalue(), PNG).render(RenderRequest(0, 0, 64, 48))
    assert is_red(pixel(page, 4, 4))
    assert is_white(pixel(page, 40, 30))


def test_image_over_the_pixel_limit_is_refused_from_its_header() -> None:
    with pytest.raises(DocumentError) as caught:
        ImageDocument(make_png_header(20_000, 20_000), PNG)
    assert caught.value.code == "document-too-many-pixels"
    assert "大きすぎる" in caught.value.ja
    assert "too large" in caught.value.en


def test_corrupt_jpeg_reports_a_message_not_a_crash() -> None:
    doc = ImageDocument(corrupt_jpeg(), JPEG)  # header is fine
    with pytest.raises(DocumentError) as caught:
        doc.render(RenderRequest(0, 0, 320, 240))
    assert caught.value.code == "document-corrupt"
    assert "壊れて" in caught.value.message("ja")


def test_truncated_header_is_corrupt_at_open() -> None:
    with pytest.raises(DocumentError) as caught:
        ImageDocument(truncated(make_png(), 0.02), PNG)
    assert caught.value.code == "document-corrupt"


def test_pdf_is_not_an_image_document() -> None:
    with pytest.raises(DocumentError) as caught:
        ImageDocument(b"%PDF-1.7", PDF)
    assert caught.value.code == "document-unsupported"

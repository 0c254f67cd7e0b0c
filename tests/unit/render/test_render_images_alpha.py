"""Transparent pictures keep their alpha until output size (issue 9: a 50 MP transparent PNG
took three full-size copies on the way to RGB) and still show on white paper, whole or
clipped, reduced or not."""

from __future__ import annotations

import io

import pytest
from helpers_documents import is_red, is_white, pixel
from PIL import Image, ImageDraw

from reviewer_app.render.images import ImageDocument
from reviewer_app.render.types import RenderRequest


@pytest.fixture(scope="module")
def transparent_png() -> bytes:
    image = Image.new("RGBA", (2000, 1500), (0, 0, 0, 0))  # transparent black
    ImageDraw.Draw(image).rectangle((0, 0, 499, 374), fill=(220, 20, 20, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("width", [200, 1000, 2000])
def test_transparent_png_on_white_at_every_reduction(transparent_png: bytes,
                                                      width: int) -> None:
    doc = ImageDocument(transparent_png, "image/png")
    page = doc.render(RenderRequest(0, 0, width, width * 3 // 4))
    assert (page.width, page.height) == (width, width * 3 // 4)
    assert is_red(pixel(page, 2, 2))
    assert is_white(pixel(page, width - 3, page.height - 3))


def test_a_clip_of_a_transparent_png_maps_to_the_right_place(transparent_png: bytes) -> None:
    doc = ImageDocument(transparent_png, "image/png")
    # the whole picture at 4000 x 3000, only (0,0)-(1200,900): the red block is 1000 x 750 there
    page = doc.render(RenderRequest(0, 0, 4000, 3000, (0, 0, 1200, 900)))
    assert (page.width, page.height) == (1200, 900)
    assert is_red(pixel(page, 990, 740)) and is_white(pixel(page, 1010, 760))
    quick = doc.quick(0)
    assert is_red(pixel(quick, 1, 1)) and is_white(pixel(quick, quick.width - 2, 1))

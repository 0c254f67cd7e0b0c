"""Typing uploads by magic bytes and refusing bombs from the header."""

from __future__ import annotations

import pytest
from helpers_documents import (
    make_bmp,
    make_gif,
    make_heic,
    make_jpeg,
    make_pdf,
    make_png,
    make_png_header,
)

from reviewer_app.render.sniff import (
    BMP,
    GIF,
    HEIC,
    JPEG,
    MAX_PIXELS,
    PDF,
    PNG,
    pixel_count,
    sniff_media_type,
    within_pixel_limit,
)


@pytest.fixture(scope="module")
def samples() -> dict[str, bytes]:
    return {
        JPEG: make_jpeg(64, 48),
        PNG: make_png(64, 48),
        BMP: make_bmp(64, 48),
        GIF: make_gif(64, 48),
        HEIC: make_heic(64, 48, thumbnails=()),
        PDF: make_pdf(1),
    }


@pytest.mark.parametrize("media_type", [JPEG, PNG, BMP, GIF, HEIC, PDF])
def test_each_supported_type_is_recognised_by_content(
    samples: dict[str, bytes], media_type: str
) -> None:
    assert sniff_media_type(samples[media_type]) == media_type


def test_wrong_extension_does_not_matter_only_bytes_do(samples: dict[str, bytes]) -> None:
    # A PNG uploaded as "payslip.jpg": the sniffer never sees the name, and says PNG.
    named_jpg = {"name": "payslip.jpg", "data": samples[PNG]}
    assert sniff_media_type(named_jpg["data"]) == PNG  # type: ignore[arg-type]
    assert sniff_media_type(samples[HEIC]) == HEIC


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello, world",
        b"BM this is text, not a bitmap header at all",
        b"PK\x03\x04" + b"\x00" * 60,  # a .docx/.zip
        b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf",  # AVIF: not decodable here
        b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2",  # an MP4 video
    ],
)
def test_other_content_is_not_recognised(data: bytes) -> None:
    assert sniff_media_type(data) is None


def test_pdf_header_after_scanner_junk_is_still_pdf(samples: dict[str, bytes]) -> None:
    assert sniff_media_type(b"\r\n\x00junk" + samples[PDF]) == PDF


def test_heic_with_generic_major_brand_and_heic_compatible_brand() -> None:
    header = b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic"
    assert sniff_media_type(header + b"\x00" * 16) == HEIC


def test_pixel_count_reads_headers_of_every_image_type(samples: dict[str, bytes]) -> None:
    for media_type in (JPEG, PNG, BMP, GIF, HEIC):
        assert pixel_count(samples[media_type], media_type) == 64 * 48, media_type
    assert pixel_count(samples[PDF], PDF) is None


def test_twelve_megapixel_phone_photo_is_within_the_limit() -> None:
    assert MAX_PIXELS >= 4032 * 3024
    header = make_png_header(4032, 3024)
    assert pixel_count(header, PNG) == 4032 * 3024
    assert within_pixel_limit(header, PNG)


def test_crafted_png_header_over_the_limit_is_counted_without_decoding() -> None:
    bomb = make_png_header(100_000, 100_000)  # 10 gigapixels in about 60 bytes
    assert len(bomb) < 100
    assert pixel_count(bomb, PNG) == 10_000_000_000
    assert not within_pixel_limit(bomb, PNG)


def test_unreadable_header_counts_as_none() -> None:
    assert pixel_count(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10, PNG) is None
    assert not within_pixel_limit(b"\x89PNG\r\n\x1a\n", PNG)
    assert within_pixel_limit(b"%PDF-1.7", PDF)

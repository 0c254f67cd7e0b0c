"""The importer's content check of one file (issue 9): every kind of damage is named, every sound
upload of every accepted type passes, PDFs report their page count."""

from __future__ import annotations

import pytest
from helpers_crafted import (
    DAMAGED_KINDS,
    DamagedKind,
    content_bomb_pdf,
    cut,
    flip_bit,
    heic_broken_main_image,
    streamed_png,
)
from helpers_documents import (
    make_bmp,
    make_gif,
    make_heic,
    make_jpeg,
    make_pdf,
    make_png,
    make_scanned_pdf,
)

from reviewer_app.render.inspect import (
    MAX_ASPECT_RATIO,
    MAX_PAGE_CONTENT_BYTES,
    image_shape_problem,
    inspect_file,
)
from reviewer_app.render.problems import FileProblem, parse_problem, unusable_message


@pytest.mark.parametrize("kind", DAMAGED_KINDS, ids=lambda k: k.name)
def test_each_damaged_kind_is_named(kind: DamagedKind) -> None:
    verdict = inspect_file(kind.make(), kind.declared)
    assert verdict.problem is kind.problem, verdict.detail
    assert not verdict.accepted and verdict.detail


@pytest.mark.parametrize(("data", "media_type"), [
    (make_jpeg(640, 480, orientation=6), "image/jpeg"),
    (make_png(320, 240, mode="RGBA"), "image/png"),
    (make_gif(), "image/gif"),
    (make_bmp(), "image/bmp"),
    (make_heic(640, 480), "image/heic"),
], ids=["jpeg", "png", "gif", "bmp", "heic"])
def test_sound_images_pass_as_one_page(data: bytes, media_type: str) -> None:
    verdict = inspect_file(data, media_type)
    assert (verdict.problem, verdict.media_type, verdict.page_count) == (None, media_type, 1)


def test_sound_pdfs_pass_with_their_page_count() -> None:
    assert inspect_file(make_pdf(3), "application/pdf").page_count == 3
    assert inspect_file(make_scanned_pdf(2, target_bytes=400_000, dpi=100),
                        "application/pdf").page_count == 2


def test_data_after_the_end_marker_is_no_damage() -> None:
    """Phones append data after a JPEG's end (MPF, trailers); scanners pad PDFs."""
    assert inspect_file(make_jpeg() + b"\x00" * 500, "image/jpeg").accepted
    assert inspect_file(make_png() + b"junk", "image/png").accepted
    assert inspect_file(make_pdf(1) + b"\n\n", "application/pdf").accepted


@pytest.mark.parametrize("keep", [0.3, 0.6, 0.9, 0.99])
def test_every_truncation_of_a_jpeg_png_or_pdf_is_damaged(keep: float) -> None:
    for data, media_type in ((make_jpeg(), "image/jpeg"), (make_png(), "image/png"),
                             (make_pdf(2), "application/pdf")):
        verdict = inspect_file(cut(data, keep), media_type)
        assert verdict.problem is FileProblem.DAMAGED, (media_type, keep)


def test_a_flipped_bit_in_png_data_is_found_by_its_crc() -> None:
    for at in (0.3, 0.5, 0.8):
        assert inspect_file(flip_bit(make_png(), at), "image/png").problem is FileProblem.DAMAGED


def test_a_gif_whose_pixel_data_is_broken_is_damaged() -> None:
    """GIF data has no checksum: its first frame is decoded (the corpus found these)."""
    gif = make_gif(320, 240)
    # after the image descriptor (10 bytes), the LZW code size and the first block's length
    start = gif.index(b"\x2c", 13) + 12
    assert gif[start - 1] > 40  # stay inside the first data block: the structure stays sound
    broken = gif[:start] + bytes(b ^ 0x5A for b in gif[start : start + 40]) + gif[start + 40:]
    verdict = inspect_file(broken, "image/gif")
    assert verdict.problem is FileProblem.DAMAGED and "image data broken" in verdict.detail


def test_the_shape_limits() -> None:
    assert image_shape_problem(4032, 3024) is None
    assert image_shape_problem(500, 500 * MAX_ASPECT_RATIO) is None
    too_long = image_shape_problem(500, 500 * MAX_ASPECT_RATIO + 1)
    assert too_long is not None and too_long[0] is FileProblem.EXTREME_ASPECT
    bomb = image_shape_problem(10_000, 10_000)
    assert bomb is not None and bomb[0] is FileProblem.TOO_MANY_PIXELS
    assert inspect_file(streamed_png(4, 12_500_000), "image/png").problem \
        is FileProblem.EXTREME_ASPECT


def test_a_content_bomb_is_measured_without_being_held() -> None:
    verdict = inspect_file(content_bomb_pdf(MAX_PAGE_CONTENT_BYTES * 2), "application/pdf")
    assert verdict.problem is FileProblem.TOO_COMPLEX and verdict.page_count == 1
    # A page just under the limit is drawn by the viewer under its own deadline.
    assert inspect_file(content_bomb_pdf(4_000_000), "application/pdf").accepted


def test_a_heic_whose_main_image_is_broken_passes_its_structure_check() -> None:
    """Decoding a 12 MP HEIC costs ~250 ms, too much per file at import: the viewer finds it."""
    assert inspect_file(heic_broken_main_image(), "image/heic").accepted


def test_messages_name_the_problem_and_the_next_step() -> None:
    damaged = unusable_message(FileProblem.DAMAGED, "ja")
    assert damaged.startswith("ファイルを開けません") and "もう一度アップロード" in damaged
    allowed = unusable_message(FileProblem.TYPE_NOT_ALLOWED, "en")
    assert "jpg, jpeg, png, bmp, gif, pdf, heic" in allowed
    assert "without a password" in unusable_message(FileProblem.PASSWORD_PROTECTED, "en")
    assert "パスワードを外した" in unusable_message(FileProblem.PASSWORD_PROTECTED, "ja")
    assert parse_problem(None) is None
    assert parse_problem("no_pages") is FileProblem.NO_PAGES
    assert parse_problem("a-later-code") is FileProblem.DAMAGED

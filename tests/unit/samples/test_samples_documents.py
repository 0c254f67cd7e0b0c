"""The sample documents are real files whose figures match the ground truth."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from typing import cast

import pillow_heif
import pymupdf
import pytest
from PIL import Image, ImageFilter, ImageStat

from reviewer_app.bundle.schema import MAX_FILE_BYTES
from reviewer_app.domain.mynumber import is_my_number
from reviewer_app.domain.wareki import format_wareki as wareki
from reviewer_app.render.sniff import sniff_media_type
from reviewer_app.samples.documents import raster, render_file
from reviewer_app.samples.payslips import full
from reviewer_app.samples.people import generate_population
from reviewer_app.samples.sheet import Sheet
from reviewer_app.samples.truth import (
    PAYSLIP_STYLES,
    BonusPage,
    DeficiencyCode,
    FileFormat,
    FileSpec,
    PayslipPage,
    payslip_style,
)

pillow_heif.register_heif_opener()


@pytest.fixture(scope="module")
def files() -> list[FileSpec]:
    return [f for p in generate_population(30, 21) for s in p.scenarios for f in s.files()]


def _first(files: list[FileSpec], fmt: FileFormat, **want: object) -> FileSpec:
    for f in files:
        if f.fmt == fmt and all(getattr(f, k) == v for k, v in want.items()) and (
            not f.near_limit
        ):
            return f
    raise AssertionError(f"no {fmt} file in the population")


def test_cjk_glyphs_render_and_differ() -> None:
    def ink(text: str) -> Image.Image:
        sheet = Sheet(200, 40)
        sheet.text(10, 28, text, 20)
        return raster(sheet, 72, grey=True)

    a, b = ink("総支給額"), ink("給与明細")
    assert ImageStat.Stat(a).mean[0] < 250  # something was drawn
    assert a.tobytes() != b.tobytes()  # different glyphs, not the same missing-glyph box


# What each payroll system (truth.payslip_style) calls the slip and its gross total, and how it
# writes the gross and the payment date.
STYLE_TEXT: dict[str, tuple[str, str, Callable[[int], str], Callable[[date], str]]] = {
    "classic": ("給与明細書", "総支給額", lambda g: f"{g:,}", lambda d: wareki(d)),
    "grid": ("給与支給明細書", "支給額計", lambda g: f"{g:,}", lambda d: f"{d:%Y/%m/%d}"),
    "fullwidth": ("給料明細書", "支給合計", lambda g: full(f"￥{g:,}"),
                  lambda d: full(wareki(d))),
    "western": ("支給明細書", "総支給金額", lambda g: f"{g:,}円", lambda d: f"{d:%Y.%m.%d}"),
}


@pytest.mark.parametrize("style", PAYSLIP_STYLES)
def test_payslip_pdf_has_japanese_text_and_the_true_gross(files: list[FileSpec],
                                                         style: str) -> None:
    spec = next(f for f in files if f.fmt == FileFormat.PDF
                and isinstance(f.pages[0], PayslipPage) and len(f.pages) > 2
                and payslip_style(f.pages[0].employer) == style)
    data = render_file(spec)
    assert data.startswith(b"%PDF-") and sniff_media_type(data) == "application/pdf"
    doc = pymupdf.open(stream=data)
    assert len(doc) == len(spec.pages)
    title, label, gross, paid = STYLE_TEXT[style]
    for page, source in zip(doc.pages(), spec.pages, strict=True):
        assert isinstance(source, PayslipPage)
        text = page.get_text()
        assert label in text and title in text
        assert gross(source.slip.gross) in text
        assert paid(source.slip.pay_date) in text
        assert source.employee.name in text
    assert render_file(spec) == data  # deterministic bytes


def test_every_payslip_style_and_a_my_number_occur_and_bonus_files_hold_payslips() -> None:
    population = generate_population(60, 21)
    pages = [(f, page) for p in population for s in p.scenarios for f in s.files()
             for page in f.pages if isinstance(page, PayslipPage | BonusPage)]
    assert {payslip_style(page.employer) for _f, page in pages} == set(PAYSLIP_STYLES)
    numbered = [page for _f, page in pages if page.my_number is not None]
    assert numbered and all(is_my_number(page.my_number or "") for page in numbered)
    # the western payroll system prints a bonus slip and that month's payslip into one file
    mixed = [f for f, _page in pages if isinstance(f.pages[0], BonusPage)
             and any(isinstance(page, PayslipPage) for page in f.pages)]
    assert mixed and all(payslip_style(cast(BonusPage, f.pages[0]).employer) == "western"
                         for f in mixed)


def test_a_printed_my_number_is_in_the_text_layer() -> None:
    population = generate_population(60, 21)
    spec = next(f for p in population for s in p.scenarios for f in s.files()
                if f.fmt == FileFormat.PDF and isinstance(f.pages[0], PayslipPage)
                and f.pages[0].my_number is not None)
    first = spec.pages[0]
    assert isinstance(first, PayslipPage)
    number = first.my_number
    assert number is not None
    text = pymupdf.open(stream=render_file(spec))[0].get_text()
    assert f"個人番号 {number[:4]} {number[4:8]} {number[8:]}" in text


def test_scanned_pdf_has_no_text_layer(files: list[FileSpec]) -> None:
    spec = _first(files, FileFormat.PDF_SCAN)
    doc = pymupdf.open(stream=render_file(spec))
    assert len(doc) == len(spec.pages)
    for page in doc.pages():
        assert page.get_text().strip() == ""
        assert page.get_images()


def test_jpeg_photo_has_exif_orientation_and_is_stored_turned(files: list[FileSpec]) -> None:
    spec = _first(files, FileFormat.JPEG_PHOTO, orientation=6)
    data = render_file(spec)
    assert sniff_media_type(data) == "image/jpeg"
    image = Image.open(io.BytesIO(data))
    assert image.getexif()[0x0112] == 6
    upright_portrait = spec.pages[0].__class__ is not PayslipPage
    # payslips are A5 landscape, other documents A4 portrait; orientation 6 stores them turned
    stored_landscape = image.width > image.height
    assert stored_landscape == upright_portrait
    assert render_file(spec) == data


def test_heic_is_a_real_phone_sized_heic(files: list[FileSpec]) -> None:
    spec = _first(files, FileFormat.HEIC_PHOTO)
    data = render_file(spec)
    assert data[4:12] == b"ftypheic"
    assert sniff_media_type(data) == "image/heic"
    heif = pillow_heif.open_heif(data)
    assert heif.size == (4032, 3024)
    assert len(data) < MAX_FILE_BYTES


@pytest.mark.parametrize(("fmt", "media_type"), [
    (FileFormat.PNG_SCREENSHOT, "image/png"),
    (FileFormat.BMP_SCAN, "image/bmp"),
    (FileFormat.GIF_SCAN, "image/gif"),
])
def test_other_images_are_sniffed_by_their_bytes(files: list[FileSpec], fmt: FileFormat,
                                                 media_type: str) -> None:
    spec = _first(files, fmt)
    data = render_file(spec)
    assert spec.media_type == media_type
    assert sniff_media_type(data) == media_type
    assert len(data) < MAX_FILE_BYTES
    Image.open(io.BytesIO(data)).verify()


def test_blurred_photo_has_fewer_edges_than_a_sharp_one(files: list[FileSpec]) -> None:
    from dataclasses import replace

    population = generate_population(30, 21)
    blurred = next(f for p in population for s in p.scenarios for d in s.deficiencies
                   if d.code == DeficiencyCode.BLURRED for f in s.files()
                   if f.file_id == d.file_id)
    sharp = replace(blurred, blurred=False)

    def edges(spec: FileSpec) -> float:
        image = Image.open(io.BytesIO(render_file(spec))).convert("L")
        return float(ImageStat.Stat(image.filter(ImageFilter.FIND_EDGES)).mean[0])

    assert edges(blurred) < edges(sharp) * 0.7


@pytest.mark.slow
def test_near_limit_scan_is_just_under_five_megabytes(files: list[FileSpec]) -> None:
    population = generate_population(40, 1)
    spec = next(f for p in population for s in p.scenarios for f in s.files() if f.near_limit)
    data = render_file(spec)
    assert 4_000_000 < len(data) < MAX_FILE_BYTES
    doc = pymupdf.open(stream=data)
    assert all(page.get_text().strip() == "" for page in doc.pages())

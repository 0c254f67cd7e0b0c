"""Reading real files: text-layer PDFs by PyMuPDF, photos and scans by OCR, in a child process."""

from __future__ import annotations

import io

import pymupdf
import pytest
from helpers_payslips import Slip, payslip_pdf, photo_of
from PIL import Image

from reviewer_app.suggest.model import CONFIDENT, Kind, Source
from reviewer_app.suggest.reader import read_document
from reviewer_app.suggest.worker import SuggestWorker

MY_NUMBER = "123456789018"  # check digit 8 (see tests/unit/domain/test_mynumber.py)


def test_a_text_layer_pdf_with_other_labels() -> None:
    slips = (Slip(), Slip(paid="支給日 2023年4月25日", label="総支給金額", money="{:,}円",
                          title="賞与支給明細書", items=(("賞与", 250_000),),
                          deduction_label="控除合計", deductions=41_000))
    result = read_document(payslip_pdf(*slips), use_ocr=False)
    assert result.error is None and len(result.pages) == 2
    first, second = (page.readings[0] for page in result.pages)
    assert (first.month, first.kind, first.gross) == ("2023-03", Kind.SALARY, 140_800)
    assert (second.month, second.kind, second.gross) == ("2023-04", Kind.BONUS, 250_000)
    assert all(page.source is Source.TEXT for page in result.pages)
    assert first.confidence >= CONFIDENT and second.confidence >= CONFIDENT
    # the box is where the amount is printed (left of x=260, on the label's row)
    assert 170 < first.box.x0 < first.box.x1 <= 261 and 100 < first.box.y1 < 200


def test_a_turned_pdf_page_gives_boxes_on_the_page_as_shown() -> None:
    result = read_document(payslip_pdf(Slip(), rotate=90), use_ocr=False)
    page = result.pages[0]
    assert (page.width, page.height) == (300, 595)  # as displayed: turned
    reading = page.readings[0]
    assert reading.gross == 140_800
    # upright the amount ends at x=260 on the row y≈154–167; a page turned 90° clockwise shows
    # the point (x, y) at (300 − y, x)
    upright = read_document(payslip_pdf(Slip()), use_ocr=False).pages[0].readings[0].box
    assert reading.box.x0 == pytest.approx(300 - upright.y1)
    assert reading.box.y0 == pytest.approx(upright.x0)
    assert reading.box.height == pytest.approx(upright.width)


def test_a_my_number_in_the_text_layer_is_found_and_never_returned() -> None:
    result = read_document(payslip_pdf(Slip(my_number=MY_NUMBER)), use_ocr=False)
    hits = result.pages[0].my_numbers
    assert len(hits) == 1 and hits[0].labelled
    assert MY_NUMBER not in repr(result) and MY_NUMBER[:4] not in repr(hits)
    assert result.pages[0].readings[0].gross == 140_800


@pytest.mark.parametrize(("data", "code"), [
    (b"not a document", "unsupported"), (b"%PDF-1.7\n garbage", "corrupt"),
])
def test_a_file_that_cannot_be_read_gives_an_error_not_an_exception(data: bytes,
                                                                     code: str) -> None:
    result = read_document(data)
    assert result.error is not None and result.pages == ()
    assert all(result.error)  # both languages


def test_without_ocr_an_image_is_refused_and_a_scan_gives_no_readings() -> None:
    image = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(image, "PNG")
    result = read_document(image.getvalue(), use_ocr=False)
    assert result.error is not None and "OCR" in result.error[1]
    doc = pymupdf.open()
    doc.new_page()
    scan = read_document(doc.tobytes(), use_ocr=False)
    assert scan.error is None and scan.pages[0].readings == ()
    assert scan.notes == ("page 1: no text layer and no OCR",)


# --- OCR (the optional extra; CI installs it) --------------------------------------------------


def test_a_photo_stored_sideways_is_read_upright(ocr: None) -> None:
    photo = photo_of(payslip_pdf(Slip(my_number=MY_NUMBER)))
    result = read_document(photo)
    assert result.error is None
    page = result.pages[0]
    upright = Image.open(io.BytesIO(photo))
    assert (page.width, page.height) == (upright.height, upright.width)  # EXIF 6: turned
    assert page.source is Source.OCR
    assert [(r.month, r.gross) for r in page.readings] == [("2023-03", 140_800)]
    assert len(page.my_numbers) == 1
    # the amount's box lies in the photo's upright coordinates, inside the picture
    box = page.readings[0].box
    assert 0 < box.x0 < box.x1 < page.width and 0 < box.y0 < box.y1 < page.height


def test_a_scanned_pdf_page_is_read_by_ocr(ocr: None) -> None:
    photo = Image.open(io.BytesIO(photo_of(payslip_pdf(Slip()), orientation=1, angle=0.5)))
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=300 * photo.height / photo.width * 595 / 300)
    buf = io.BytesIO()
    photo.convert("L").save(buf, "JPEG", quality=80)
    page.insert_image(page.rect, stream=buf.getvalue())
    result = read_document(doc.tobytes())
    reading = result.pages[0].readings[0]
    assert result.pages[0].source is Source.OCR
    assert (reading.month, reading.gross) == ("2023-03", 140_800)
    assert 0 < reading.box.x1 <= 595  # in PDF points


def test_the_worker_reads_in_a_child_and_recovers_from_a_timeout(ocr: None) -> None:
    with SuggestWorker(page_timeout_s=0.0, start_timeout_s=0.0) as hasty:
        stopped = hasty.read(payslip_pdf(Slip()))
        assert stopped.error is not None and "too long" in stopped.error[1]
        hasty.page_timeout_s = hasty.start_timeout_s = 120.0
        again = hasty.read(payslip_pdf(Slip()))  # a fresh child
        assert again.error is None and again.pages[0].readings[0].gross == 140_800
        assert hasty.child_peak_kb > 0


def test_a_small_old_gif_scan_is_enlarged_for_the_second_look(ocr: None) -> None:
    # the generator's 100 dpi, 32-colour GIF of a grid-style bonus slip (827 x 584 pixels):
    # read only once enlarged
    from datetime import date, datetime

    from reviewer_app.samples.documents import render_file
    from reviewer_app.samples.truth import (
        Bonus,
        BonusPage,
        Employer,
        FileFormat,
        FileSpec,
        Person,
        payslip_style,
    )

    employer = Employer("株式会社みどりマート 浦和店", "埼玉県さいたま市浦和区高砂1-1", "0005",
                        1_100, "end", 25, 0, ())
    assert payslip_style(employer) == "grid"
    person = Person("鈴木 花子", "スズキ ハナコ", date(1985, 4, 1), "埼玉県さいたま市")
    page = BonusPage(employer, Bonus(date(2023, 12, 8), 58_000, 348, 1_184), person)
    spec = FileSpec("f-gif", "image001.gif", FileFormat.GIF_SCAN, (page,),
                    datetime(2024, 8, 1, 9, 0), 7)
    result = read_document(render_file(spec))
    [read] = result.pages
    assert (read.width, read.height) == (827, 584)  # boxes in the GIF's own pixels
    assert [(r.month, r.kind, r.gross) for r in read.readings] == [
        ("2023-12", Kind.BONUS, 58_000)]
    assert 0 < read.readings[0].box.x1 <= 827

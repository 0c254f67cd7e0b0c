"""Payslips drawn by hand for the suggestion tests, unlike the generator's layouts.

:func:`payslip_pdf` writes a text-layer PDF with PyMuPDF's own text calls (labels and formats of
the caller's choosing, optional /Rotate); :func:`photo_of` turns a PDF page into a phone-style JPEG
(turned a little, on a grey desk, stored sideways with EXIF orientation 6).
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pymupdf
from PIL import Image, ImageOps

FONT = "japan"


@dataclass(frozen=True)
class Slip:
    title: str = "給与支払明細書"
    paid: str = "令和5年3月25日支給"
    label: str = "支給額合計"
    items: tuple[tuple[str, int], ...] = (("基本給", 120_000), ("通勤手当", 20_800))
    deduction_label: str = "控除額合計"
    deductions: int = 8_460
    money: str = "¥{:,}"
    my_number: str | None = None

    @property
    def gross(self) -> int:
        return sum(v for _n, v in self.items)


def _draw(page: pymupdf.Page, slip: Slip) -> None:
    def text(x: float, y: float, s: str, size: float = 10) -> None:
        page.insert_text((x, y), s, fontname=FONT, fontsize=size)

    def right(x1: float, y: float, s: str, size: float = 10) -> None:
        if s.isascii():
            width = len(s) * size * 0.55
            page.insert_text((x1 - width, y), s, fontname="helv", fontsize=size)
        else:  # ￥ and full-width digits need the CJK font (one em per character)
            page.insert_text((x1 - len(s) * size, y), s, fontname=FONT, fontsize=size)

    text(40, 50, slip.title, 18)
    text(360, 50, slip.paid, 10)
    text(40, 80, "山田 花子 様", 12)
    if slip.my_number:
        n = slip.my_number
        text(300, 80, f"マイナンバー {n[:4]}-{n[4:8]}-{n[8:]}", 10)
    y = 120.0
    for name, value in slip.items:
        text(40, y, name)
        right(260, y, slip.money.format(value))
        y += 22
    text(40, y, slip.label)
    right(260, y, slip.money.format(slip.gross))
    text(300, 120, "雇用保険料")
    right(520, 120, slip.money.format(slip.deductions))
    text(300, 142, slip.deduction_label)
    right(520, 142, slip.money.format(slip.deductions))
    text(300, 200, "差引支給額")
    right(520, 200, slip.money.format(slip.gross - slip.deductions))


def payslip_pdf(*slips: Slip, rotate: int = 0) -> bytes:
    doc = pymupdf.open()
    for slip in slips:
        page = doc.new_page(width=595, height=300)
        _draw(page, slip)
        if rotate:
            page.set_rotation(rotate)
    data: bytes = doc.tobytes()
    doc.close()
    return data


def photo_of(pdf: bytes, *, page: int = 0, angle: float = 2.0, orientation: int = 6) -> bytes:
    """A JPEG 'photo' of one page: 200 dpi, turned ``angle`` degrees on a grey desk, stored
    sideways with EXIF ``orientation`` (6: the camera was held upright)."""
    doc = pymupdf.open(stream=pdf)
    pix = doc[page].get_pixmap(dpi=200, alpha=False)
    sheet = Image.frombytes("RGB", (pix.width, pix.height), pix.samples)
    doc.close()
    turned = sheet.convert("RGBA").rotate(angle, expand=True, resample=Image.Resampling.BICUBIC)
    desk = Image.new("RGB", (turned.width + 160, turned.height + 160), (120, 118, 110))
    desk.paste(turned, (80, 80), turned)
    stored = desk
    if orientation == 6:
        stored = desk.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = orientation
    buf = io.BytesIO()
    stored.save(buf, "JPEG", quality=85, exif=exif.tobytes())
    upright = ImageOps.exif_transpose(Image.open(io.BytesIO(buf.getvalue())))
    assert upright.size == desk.size
    return buf.getvalue()

"""``reviewer-app suggest``: the issue's JSON shape, files from outside the generator, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_payslips import Slip, payslip_pdf, photo_of

from reviewer_app.cli import main

FULL = str.maketrans("0123456789,", "０１２３４５６７８９，")


def _suggest(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["suggest", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_json_shape_for_pdfs_with_other_labels_and_a_bad_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    slips = tmp_path / "明細.pdf"
    slips.write_bytes(payslip_pdf(
        Slip(),  # 給与支払明細書, 令和5年3月25日支給, 支給額合計 ¥140,800
        Slip(title="給与明細", paid="支払日 2023/04/25", label="総支給金額",
             money="{:,}円", items=(("基本給", 98_500),)),
        Slip(title="賞与明細書", paid="支給日 令和５年７月１０日".translate(FULL),
             label="支給合計", money="￥{:,}", items=(("賞与", 50_000),)),
    ))
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7 nothing else")
    missing = tmp_path / "missing.pdf"
    status, out, _ = _suggest(capsys, "--json", str(slips), str(broken), str(missing))
    data = json.loads(out)
    assert status == 1  # one file or more could not be read
    first, bad, gone = data["files"]
    assert first["file"] == str(slips)
    assert [(s["page"], s["month"], s["kind"], s["gross"], s["source"])
            for s in first["suggestions"]] == [
        (1, "2023-03", "salary", 140_800, "text"), (2, "2023-04", "salary", 98_500, "text"),
        (3, "2023-07", "bonus", 50_000, "text")]
    for s in first["suggestions"]:
        assert set(s) == {"page", "month", "kind", "gross", "source", "confidence", "box"}
        assert 0 < s["confidence"] <= 1 and len(s["box"]) == 4
        x0, y0, x1, y1 = s["box"]
        assert 0 <= x0 < x1 <= 595 and 0 <= y0 < y1 <= 300
    assert set(bad) == {"file", "error"} and "壊れている" in bad["error"]
    assert set(gone) == {"file", "error"} and "読めません" in gone["error"]


def test_text_output_names_my_number_pages_not_the_number(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "slip.pdf"
    path.write_bytes(payslip_pdf(Slip(my_number="123456789018")))
    status, out, _ = _suggest(capsys, str(path))
    assert status == 0
    assert "2023-03  給与  140,800円  (文字情報, 0.99)" in out
    assert "マイナンバーが写っています: p1" in out
    assert "1234" not in out


def test_a_jpeg_photo_is_read_by_ocr(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                     ocr: None) -> None:
    photo = tmp_path / "IMG_0001.JPG"
    photo.write_bytes(photo_of(payslip_pdf(Slip())))
    status, out, _ = _suggest(capsys, "--json", str(photo))
    [entry] = json.loads(out)["files"]
    assert status == 0
    assert [(s["month"], s["kind"], s["gross"], s["source"]) for s in entry["suggestions"]] == [
        ("2023-03", "salary", 140_800, "ocr")]

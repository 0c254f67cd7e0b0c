"""The exclusion list's pure formatting: CSV bytes and the xlsx workbook, without a database."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from reviewer_app.exports.exclusion_list import (
    HEADERS,
    ExclusionRow,
    csv_bytes,
    display_width,
    neutralise,
    render,
    xlsx_bytes,
)


def row(**changes: object) -> ExclusionRow:
    base: dict[str, object] = dict(
        case_id=7, office_code="001", office_name="本社", card_symbol="0123",
        card_number="045678", insured_name="𠮷田 太郎", dependent_name="吉田 花子",
        dependent_kana="ヨシダ ハナコ", birth_date=date(1982, 3, 3), relationship_label="妻",
        exclusion_date=date(2024, 2, 1), reason="3か月連続で月額限度額を超えた",
        approved_by="supervisor", approved_at=datetime(2024, 9, 30, 15, 5, 59, tzinfo=UTC))
    base.update(changes)
    return ExclusionRow(**base)  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["=1+1", "+81", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_formula_like_values_get_a_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["御室 花子", "a=b", "'quoted", "", "＝全角"])
def test_other_values_are_kept(text: str) -> None:
    assert neutralise(text) == text


def test_csv_is_utf8_with_bom_crlf_and_jst_times() -> None:
    data = csv_bytes([row()])
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data[3:].decode("utf-8").split("\r\n")
    assert lines[0] == ",".join(HEADERS) and lines[-1] == ""
    fields = next(csv.reader([lines[1]]))
    # 15:05 UTC is 00:05 the next day in Japan; names outside cp932 (𠮷) survive
    assert fields == ["0123", "045678", "𠮷田 太郎", "吉田 花子", "ヨシダ ハナコ", "1982/03/03",
                      "妻", "2024/02/01", "3か月連続で月額限度額を超えた", "supervisor",
                      "2024/10/01 00:05", "001", "本社", "7"]


def test_csv_quotes_commas_and_newlines_in_values() -> None:
    data = csv_bytes([row(office_name="本社,第2\n営業部", insured_name='"A"')])
    [_, fields] = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert fields[12] == "本社,第2\n営業部" and fields[2] == '"A"'


def test_an_empty_list_has_the_header_only() -> None:
    assert csv_bytes([]) == ("\ufeff" + ",".join(HEADERS) + "\r\n").encode("utf-8")
    sheet = load_workbook(io.BytesIO(xlsx_bytes([])))["除外者一覧"]
    assert [c.value for c in sheet[1]] == list(HEADERS) and sheet.max_row == 1


def test_xlsx_replaces_characters_xml_cannot_hold() -> None:
    sheet = load_workbook(io.BytesIO(xlsx_bytes([row(dependent_name="花\x00子\x1b")])))
    assert sheet.active is not None
    assert sheet.active["D2"].value == "花\ufffd子\ufffd"


def test_xlsx_keeps_leading_zeros_and_fits_widths() -> None:
    wb = load_workbook(io.BytesIO(xlsx_bytes([row(office_name="株式会社ながいながい事業所名")])))
    sheet = wb["除外者一覧"]
    assert (sheet["A2"].value, sheet["B2"].value) == ("0123", "045678")
    assert sheet["K2"].value == datetime(2024, 10, 1, 0, 5, 59)
    assert sheet.column_dimensions["M"].width == display_width("株式会社ながいながい事業所名") + 2


def test_display_width_counts_full_width_twice() -> None:
    assert display_width("ｶﾅ abc") == 6
    assert display_width("カナ漢字") == 8


def test_unknown_format_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="ods"):
        render([], "ods")

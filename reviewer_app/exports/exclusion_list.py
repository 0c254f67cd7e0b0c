"""The exclusion list (除外者一覧) as CSV or Excel bytes: one row per approved exclusion.

Pure formatting: rows in, bytes out; the service (``reviewer_app.services.exclusion_list``)
reads the rows, writes the file atomically and audits. The columns, the encoding and the date
formats are documented for the society in ``docs/exports.md``.

CSV encoding: **UTF-8 with a byte-order mark, CRLF line ends.** Japanese Excel opens a CSV by
double-click as UTF-8 only when it starts with the BOM (Excel 2016 and later); without it Excel
assumes cp932 and shows mojibake. cp932 itself is not an option: it has 髙 and 﨑 (as IBM
extensions; strict Shift_JIS has neither) but not the JIS X 0213 and supplementary-plane kanji of
real names such as 𠮷 (つちよし) or 𡈽, so a name would be lost or the export would fail. CRLF is
what Excel and Windows tools write and expect.

Dates are ``YYYY/MM/DD`` (Excel reads them as dates); the approval time is Japan time
``YYYY/MM/DD HH:MM``. In the workbook they are real date cells with those number formats.

Formula injection: a text value that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return would be run as a formula by Excel or LibreOffice. In the CSV it is prefixed with ``'``;
in the workbook it is stored as a text cell (never a formula) with Excel's quote prefix, so that
editing the cell does not turn it into one either. Every text column is treated so, not only the
member-supplied ones: a rule that needs no list of columns cannot miss one.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

JST = timezone(timedelta(hours=9))  # Japan has no daylight saving time
SHEET_TITLE = "除外者一覧"
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a BOM, see the module docstring
DATE_FORMAT = "%Y/%m/%d"
DATETIME_FORMAT = "%Y/%m/%d %H:%M"
XLSX_DATE_FORMAT = "yyyy/mm/dd"
XLSX_DATETIME_FORMAT = "yyyy/mm/dd hh:mm"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class ExclusionRow:
    """One approved exclusion, as printed. ``approved_at`` is aware (any zone; printed in JST)."""

    case_id: int
    office_code: str
    office_name: str
    card_symbol: str
    card_number: str
    insured_name: str
    dependent_name: str
    dependent_kana: str
    birth_date: date
    relationship_label: str
    exclusion_date: date | None  # an approved exclusion always has one; printed blank if not
    reason: str  # the rule in Japanese (Outcome.rule_ja)
    approved_by: str
    approved_at: datetime


Value = str | int | date | datetime | None

# (header, value of a row), in the order of the file; the one place the columns are defined.
COLUMNS: tuple[tuple[str, Callable[[ExclusionRow], Value]], ...] = (
    ("記号", lambda r: r.card_symbol),
    ("番号", lambda r: r.card_number),
    ("被保険者氏名", lambda r: r.insured_name),
    ("被扶養者氏名", lambda r: r.dependent_name),
    ("被扶養者カナ", lambda r: r.dependent_kana),
    ("生年月日", lambda r: r.birth_date),
    ("続柄", lambda r: r.relationship_label),
    ("除外日", lambda r: r.exclusion_date),
    ("除外の理由", lambda r: r.reason),
    ("承認者", lambda r: r.approved_by),
    ("承認日時", lambda r: r.approved_at),
    ("事業所コード", lambda r: r.office_code),
    ("事業所名", lambda r: r.office_name),
    ("ケースID", lambda r: r.case_id),
)
HEADERS: tuple[str, ...] = tuple(header for header, _ in COLUMNS)


def is_formula_like(text: str) -> bool:
    return text.startswith(FORMULA_PREFIXES)


def neutralise(text: str) -> str:
    """The CSV text of a value: ``'`` before anything a spreadsheet would run as a formula."""
    return "'" + text if is_formula_like(text) else text


def values(row: ExclusionRow) -> list[Value]:
    return [get(row) for _, get in COLUMNS]


def _jst(at: datetime) -> datetime:
    if at.tzinfo is None:  # the store only hands out aware times; a naive one is a bug
        raise ValueError("approved_at must be timezone-aware")
    return at.astimezone(JST)


def _csv_text(value: Value) -> str | int:
    if value is None:
        return ""
    if isinstance(value, datetime):  # before date: a datetime is a date
        return _jst(value).strftime(DATETIME_FORMAT)
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, str):
        return neutralise(value)
    return value


def csv_bytes(rows: Sequence[ExclusionRow]) -> bytes:
    """The CSV file: UTF-8 with BOM, CRLF, a header row, fields quoted where needed."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([_csv_text(v) for v in values(row)])
    return buffer.getvalue().encode(CSV_ENCODING)


def display_width(text: str) -> int:
    """Columns ``text`` takes in a Japanese spreadsheet font: full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 1 for ch in text)


def xlsx_bytes(rows: Sequence[ExclusionRow]) -> bytes:
    """The workbook: sheet 除外者一覧, bold frozen header with an autofilter, date cells, text
    cells for every text value, widths fitted to the Japanese text, no personal data in the
    document properties."""
    # Imported here: openpyxl takes about half a second to import, and every CLI command (even
    # --help) imports this module through export_exclusions for FORMATS.
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    sheet = wb.active
    assert sheet is not None  # a new Workbook always has one sheet
    sheet.title = SHEET_TITLE
    # The properties travel with the file: a fixed title, never a user's or a member's name.
    wb.properties.creator = "reviewer-app"
    wb.properties.lastModifiedBy = "reviewer-app"
    wb.properties.title = SHEET_TITLE
    bold = Font(bold=True)
    widths = [display_width(h) for h in HEADERS]
    for col, header in enumerate(HEADERS, start=1):
        sheet.cell(row=1, column=col, value=header).font = bold
    for r, row in enumerate(rows, start=2):
        for col, value in enumerate(values(row), start=1):
            cell = sheet.cell(row=r, column=col)
            if value is None:
                continue
            if isinstance(value, datetime):
                # Excel has no time zones; whole seconds (a day fraction blurs microseconds).
                cell.value = _jst(value).replace(tzinfo=None, microsecond=0)
                cell.number_format = XLSX_DATETIME_FORMAT
                shown = len("0000/00/00 00:00")
            elif isinstance(value, date):
                cell.value = value
                cell.number_format = XLSX_DATE_FORMAT
                shown = len("0000/00/00")
            elif isinstance(value, str):
                # XML 1.0 cannot hold most C0 control characters; openpyxl would refuse the file.
                text = ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
                cell.value = text
                # openpyxl makes a formula of any text starting with "=": force a text cell.
                cell.data_type = "s"
                cell.number_format = "@"  # 記号・番号 keep their leading zeros when edited
                if is_formula_like(text):
                    cell.quotePrefix = True
                shown = display_width(text)
            else:
                cell.value = value
                shown = len(str(value))
            widths[col - 1] = max(widths[col - 1], shown)
    for col, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, 60)
    sheet.freeze_panes = "A2"
    last = get_column_letter(len(HEADERS))
    sheet.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 1)}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def render(rows: Sequence[ExclusionRow], fmt: str) -> bytes:
    """The file in ``fmt`` (one of :data:`FORMATS`)."""
    if fmt == "csv":
        return csv_bytes(rows)
    if fmt == "xlsx":
        return xlsx_bytes(rows)
    raise ValueError(f"unknown exclusion list format {fmt!r}; expected one of {FORMATS}")

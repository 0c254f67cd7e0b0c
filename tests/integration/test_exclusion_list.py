"""The exclusion list (除外者一覧): cases driven to approval through CaseService, exported as CSV
and xlsx, read back (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from casework_fixtures import PersonSpec, seed_case
from openpyxl import load_workbook
from sqlalchemy import select

from reviewer_app.atomic import OutputNotWritable
from reviewer_app.cli import main
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import PermissionDenied
from reviewer_app.services.exclusion_list import (
    AUDIT_ACTION,
    exclusion_rows,
    write_exclusion_list,
)
from reviewer_app.store.enums import Verdict
from reviewer_app.store.models import AuditEvent

JST = timezone(timedelta(hours=9))
OVER_FROM_MARCH = [{"month": f"2024-{m:02d}", "gross": 90_000 if m < 3 else 150_000}
                   for m in range(1, 13)]
UNDER_ALL_YEAR = [{"month": f"2024-{m:02d}", "gross": 90_000} for m in range(1, 13)]
HYPERLINK = '=HYPERLINK("http://evil.example/","開く")'
RULE = "3か月連続で月額限度額を超えた"
HEADER = ["記号", "番号", "被保険者氏名", "被扶養者氏名", "被扶養者カナ", "生年月日", "続柄",
          "除外日", "除外の理由", "承認者", "承認日時", "事業所コード", "事業所名", "ケースID"]
PDF = [(b"%PDF-1.4 x", "application/pdf", "給与.pdf")]

SPOUSE = PersonSpec(1, files=PDF)  # 記号 123, 番号 45678
CHILD = PersonSpec(2, insured_name="髙橋 一郎", insured_kana="タカハシ イチロウ",
                   card_number="9", office_code="002", office_name="大阪支店",
                   dependent_name=HYPERLINK, dependent_kana="@タカハシ ジロウ",
                   relationship="child", relationship_label="長男", birth_date="2004-11-20",
                   files=PDF)
CONTINUED = PersonSpec(3, insured_name="継続 三郎", card_number="100",
                       dependent_name="継続 良子", dependent_kana="ケイゾク ヨシコ", files=PDF)
NAMES = ["御室 太郎", "御室 花子", "オムロ ハナコ", "髙橋 一郎", HYPERLINK, "@タカハシ ジロウ",
         "継続 三郎", "継続 良子"]


@dataclass(frozen=True)
class Finished:
    spouse: int  # case ids
    child: int
    continued: int
    approved_at: dict[int, datetime]  # case id -> approval time


def _drive(workspace: Any, case_id: int, payments: list[dict[str, Any]],
           verdict: Verdict) -> datetime:
    examiner = CaseService(workspace.login("examiner"))
    detail = examiner.open_case(case_id)
    sheet = {**detail.income_sheet, "employers": [{
        "name": "A社", "cutoff_day": "end", "pay_month_offset": 1, "pay_day": 25,
        "payments": payments}]}
    examiner.save_income_sheet(case_id, sheet, detail.income_version)
    version = examiner.open_case(case_id).version
    exclusion_date = date(2024, 2, 1) if verdict is Verdict.EXCLUDE else None
    assert examiner.evaluate(case_id).verdict == verdict.value
    version = examiner.propose(case_id, verdict, exclusion_date, "", version)
    supervisor = CaseService(workspace.login("supervisor"))
    supervisor.approve(case_id, "確認しました", version)
    approval = supervisor.open_case(case_id).decisions[-1]
    assert approval.kind == "approval"
    return approval.decided_at


@pytest.fixture
def finished(workspace: Any) -> Finished:
    admin = workspace.login("admin")
    ids = [seed_case(admin, spec).case_id for spec in (SPOUSE, CHILD, CONTINUED)]
    approved_at = {
        ids[0]: _drive(workspace, ids[0], OVER_FROM_MARCH, Verdict.EXCLUDE),
        ids[1]: _drive(workspace, ids[1], OVER_FROM_MARCH, Verdict.EXCLUDE),
        ids[2]: _drive(workspace, ids[2], UNDER_ALL_YEAR, Verdict.CONTINUE),
    }
    return Finished(ids[0], ids[1], ids[2], approved_at)


def _jst_text(at: datetime) -> str:
    return at.astimezone(JST).strftime("%Y/%m/%d %H:%M")


def _expected_csv(f: Finished) -> list[list[str]]:
    # Ordered by 記号・番号 as numbers: 番号 9 before 45678; the continued case is not listed.
    return [HEADER,
            ["123", "9", "髙橋 一郎", "'" + HYPERLINK, "'@タカハシ ジロウ", "2004/11/20", "長男",
             "2024/02/01", RULE, "supervisor", _jst_text(f.approved_at[f.child]), "002",
             "大阪支店", str(f.child)],
            ["123", "45678", "御室 太郎", "御室 花子", "オムロ ハナコ", "1982/03/03", "妻",
             "2024/02/01", RULE, "supervisor", _jst_text(f.approved_at[f.spouse]), "001",
             "本社", str(f.spouse)]]


def _events(ws: Any) -> list[AuditEvent]:
    with ws.transaction(readonly=True) as db:
        return list(db.scalars(select(AuditEvent).where(AuditEvent.action == AUDIT_ACTION)
                               .order_by(AuditEvent.seq)))


def test_rows_are_the_approved_exclusions_only(workspace: Any, finished: Finished) -> None:
    rows = exclusion_rows(workspace.login("supervisor"))
    assert [r.case_id for r in rows] == [finished.child, finished.spouse]
    spouse = rows[1]
    assert (spouse.insured_name, spouse.dependent_name, spouse.relationship_label,
            spouse.birth_date, spouse.exclusion_date, spouse.reason, spouse.approved_by) == (
        "御室 太郎", "御室 花子", "妻", date(1982, 3, 3), date(2024, 2, 1), RULE, "supervisor")
    assert exclusion_rows(workspace.login("admin")) == rows


def test_csv_has_bom_crlf_and_exact_rows(workspace: Any, finished: Finished,
                                         tmp_path: Path) -> None:
    out = tmp_path / "除外者一覧.csv"
    assert write_exclusion_list(workspace.login("supervisor"), out, "csv") == 2
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 3 and data.count(b"\n") == 3  # CRLF only, no bare LF
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == _expected_csv(finished)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_xlsx_has_typed_cells_and_exact_rows(workspace: Any, finished: Finished,
                                             tmp_path: Path) -> None:
    out = tmp_path / "除外者一覧.xlsx"
    assert write_exclusion_list(workspace.login("supervisor"), out, "xlsx") == 2
    wb = load_workbook(out)
    assert wb.sheetnames == ["除外者一覧"]
    sheet = wb["除外者一覧"]
    got = [[c.value for c in row] for row in sheet.iter_rows()]

    def at(case_id: int) -> datetime:  # Excel has no zones: JST wall time, to the second
        return finished.approved_at[case_id].astimezone(JST).replace(tzinfo=None, microsecond=0)

    assert got == [
        HEADER,
        ["123", "9", "髙橋 一郎", HYPERLINK, "@タカハシ ジロウ", datetime(2004, 11, 20), "長男",
         datetime(2024, 2, 1), RULE, "supervisor", at(finished.child), "002", "大阪支店",
         finished.child],
        ["123", "45678", "御室 太郎", "御室 花子", "オムロ ハナコ", datetime(1982, 3, 3), "妻",
         datetime(2024, 2, 1), RULE, "supervisor", at(finished.spouse), "001", "本社",
         finished.spouse]]
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:N3"
    assert sheet["F2"].is_date and sheet["F2"].number_format == "yyyy/mm/dd"
    assert sheet["H2"].is_date and sheet["H2"].number_format == "yyyy/mm/dd"
    assert sheet["K2"].is_date and sheet["K2"].number_format == "yyyy/mm/dd hh:mm"
    # the injected name is a text cell, never a formula
    assert sheet["D2"].data_type == "s" and sheet["D2"].quotePrefix
    assert sheet["A2"].data_type == "s"  # 記号 stays text (leading zeros would survive)
    assert sheet.column_dimensions["C"].width >= 11  # 髙橋 一郎: 4 full-width + 1
    with zipfile.ZipFile(out) as zf:
        assert "<f>" not in zf.read("xl/worksheets/sheet1.xml").decode()
        props = (zf.read("docProps/core.xml") + zf.read("docProps/app.xml")).decode()
    assert wb.properties.creator == "reviewer-app"
    for text in [*NAMES, "supervisor"]:
        assert text not in props


def test_examiner_is_refused(workspace: Any, finished: Finished, tmp_path: Path) -> None:
    examiner = workspace.login("examiner")
    with pytest.raises(PermissionDenied):
        exclusion_rows(examiner)
    with pytest.raises(PermissionDenied):
        write_exclusion_list(examiner, tmp_path / "x.csv", "csv")
    assert not (tmp_path / "x.csv").exists()
    assert _events(examiner) == []


@pytest.mark.parametrize("where", ["missing_folder", "existing_folder"])
def test_unwritable_path_writes_nothing(workspace: Any, finished: Finished, tmp_path: Path,
                                        where: str) -> None:
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    target = out_dir / "no-such-folder" / "x.csv" if where == "missing_folder" else out_dir
    supervisor = workspace.login("supervisor")
    for fmt in ("csv", "xlsx"):
        with pytest.raises(OutputNotWritable) as info:
            write_exclusion_list(supervisor, target, fmt)
        assert info.value.code == "output_not_writable"
        assert "書き込めるフォルダ" in info.value.message("ja")
        assert "Nothing was written" in info.value.message("en")
    assert list(out_dir.iterdir()) == []
    assert _events(supervisor) == []


def test_one_audit_event_per_export_without_names(workspace: Any, finished: Finished,
                                                  tmp_path: Path) -> None:
    supervisor = workspace.login("supervisor")
    write_exclusion_list(supervisor, tmp_path / "a.csv", "csv")
    write_exclusion_list(supervisor, tmp_path / "a.xlsx", "xlsx")
    events = _events(supervisor)
    listed = sorted([finished.spouse, finished.child])  # which cases' data left (issue 8 §7)
    assert [(e.actor, json.loads(e.details)) for e in events] == [
        ("supervisor", {"count": 2, "format": "csv", "case_ids": listed}),
        ("supervisor", {"count": 2, "format": "xlsx", "case_ids": listed})]
    for event in events:
        text = f"{event.subject} {event.details}"
        for name in NAMES:
            assert name not in text


def test_unknown_format_is_refused(workspace: Any, finished: Finished, tmp_path: Path) -> None:
    from reviewer_app.services.exclusion_list import UnknownFormat

    with pytest.raises(UnknownFormat):
        write_exclusion_list(workspace.login("supervisor"), tmp_path / "x.ods", "ods")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith((".x.ods", "x.ods"))]


def test_cli_export_exclusions(workspace: Any, finished: Finished, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "list.csv"
    status = main(["export", "exclusions", *workspace.args("supervisor"),
                   "--format", "csv", "--out", str(out)])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "2件" in captured.out and str(out) in captured.out
    with out.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == _expected_csv(finished)

    monkeypatch.setenv("REVIEWER_APP_LANG", "en")
    xlsx = tmp_path / "list.xlsx"
    assert main(["export", "exclusions", *workspace.args("supervisor"),
                 "--format", "xlsx", "--out", str(xlsx)]) == 0
    assert "(2 rows)" in capsys.readouterr().out
    assert load_workbook(io.BytesIO(xlsx.read_bytes())).sheetnames == ["除外者一覧"]

    status = main(["export", "exclusions", *workspace.args("examiner"),
                   "--format", "csv", "--out", str(tmp_path / "refused.csv")])
    assert status == 1 and "Only supervisors or admins" in capsys.readouterr().err
    status = main(["export", "exclusions", *workspace.args("supervisor"),
                   "--format", "csv", "--out", str(tmp_path / "missing" / "x.csv")])
    assert status == 1 and "Nothing was written" in capsys.readouterr().err
    assert not (tmp_path / "refused.csv").exists() and not (tmp_path / "missing").exists()

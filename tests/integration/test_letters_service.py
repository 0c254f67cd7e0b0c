"""Letters from stored decisions and notices (issue 7 §5), SQLite and PostgreSQL: which letters,
who may print which, one file or one per letter, the audit event, the CLI."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pymupdf
import pytest
from casework_fixtures import PersonSpec, seed_case
from sqlalchemy import select
from test_casework_decisions import propose_exclusion
from workspace_fixture import WorkspaceFixture

from reviewer_app.cli import main
from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.errors import InputError
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import PermissionDenied
from reviewer_app.services.letters import (
    LetterKind,
    NoLetters,
    build_letters,
    set_society_contact,
    write_letters,
)
from reviewer_app.services.users import add_user
from reviewer_app.store.models import AuditEvent

ALL = list(LetterKind)
PDF = [(b"%PDF-1.4 x", "application/pdf", "給与.pdf")]


@pytest.fixture
def decided(workspace: WorkspaceFixture) -> dict[str, int]:
    admin = workspace.login("admin")
    excluded = seed_case(admin, PersonSpec(1, dependent_name="除外 花子", files=PDF))
    noticed = seed_case(admin, PersonSpec(2, dependent_name="不備 次郎", card_number="99001",
                                          files=PDF))
    seed_case(admin, PersonSpec(3, dependent_name="未着手 三郎", files=PDF))
    examiner = CaseService(workspace.login("examiner"))
    version = propose_exclusion(examiner, excluded.case_id)
    CaseService(workspace.login("supervisor")).approve(excluded.case_id, "", version)
    detail = examiner.open_case(noticed.case_id)
    examiner.save_document_check(noticed.case_id, DocumentReview(
        noticed.document_key, ReviewStatus.DEFICIENT, DeficiencyReason.UNREADABLE,
        "4月分が読めません"), None)
    examiner.record_notice(noticed.case_id, date(2024, 10, 31),
                           examiner.open_case(noticed.case_id).version,
                           issued_on=date(2024, 10, 3), message="再提出をお願いします。")
    assert detail.case_id == noticed.case_id
    set_society_contact(admin, "業務部 適用グループ\n電話 03-0000-0000 (平日9時〜17時)")
    return {"excluded": excluded.case_id, "noticed": noticed.case_id}


def _text(path: Path) -> list[str]:
    with pymupdf.open(path) as doc:
        return [page.get_text() for page in doc]


def test_one_pdf_holds_the_exclusion_and_the_notice_letter(
        workspace: WorkspaceFixture, decided: dict[str, int], tmp_path: Path) -> None:
    out = tmp_path / "letters.pdf"
    summary = write_letters(workspace.login("supervisor"), out, ALL, issued_on=date(2024, 11, 1))
    assert summary.by_kind == {"exclusion": 1, "notice": 1} and summary.files == 1
    pages = _text(out)
    joined = "\n".join(pages)
    assert "除外 花子" in joined and "不備 次郎" in joined and "未着手 三郎" not in joined
    assert "令和6年2月1日" in joined  # the approved exclusion date, in 和暦
    assert "3か月続けて" in joined  # the rule in plain words
    assert "令和6年10月31日" in joined and "4月分が読めません" in joined
    assert "再提出をお願いします。" in joined
    assert "テスト健康保険組合" in joined and "03-0000-0000" in joined
    assert "令和6年11月1日" in joined
    first = next(i for i, p in enumerate(pages) if "除外 花子" in p)
    assert "不備 次郎" not in pages[first]  # each letter on its own page(s)
    with pymupdf.open(out) as doc:
        pix = doc[0].get_pixmap(dpi=60)
        assert len(set(pix.samples)) > 2  # not blank
        pix.save(str(tmp_path / "letter-1.png"))


def test_one_file_per_letter_named_without_personal_data(
        workspace: WorkspaceFixture, decided: dict[str, int], tmp_path: Path) -> None:
    folder = tmp_path / "letters"
    summary = write_letters(workspace.login("admin"), folder, [LetterKind.EXCLUSION,
                                                               LetterKind.NOTICE],
                            per_letter=True)
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"exclusion-case-{decided['excluded']}.pdf",
                            f"notice-case-{decided['noticed']}.pdf"])
    assert summary.files == 2
    only_notices = build_letters(workspace.login("admin"), [LetterKind.NOTICE])[1]
    assert len(only_notices) == 1


def test_an_examiner_prints_only_the_letters_of_cases_they_hold(
        workspace: WorkspaceFixture, decided: dict[str, int], tmp_path: Path) -> None:
    admin = workspace.login("admin")
    add_user(admin, "examiner2", "examiner", workspace.accounts["examiner"].password + "2")
    from reviewer_app.services.workspace import open_session

    with (open_session(workspace.dir, "examiner2",
                       workspace.accounts["examiner"].password + "2") as other,
          pytest.raises(NoLetters)):
        write_letters(other, tmp_path / "none.pdf", ALL)
    assert not (tmp_path / "none.pdf").exists()
    mine = build_letters(workspace.login("examiner"), ALL)[1]
    assert len(mine) == 2  # the examiner holds both decided cases


def test_audited_without_names_and_contact_is_for_admins(
        workspace: WorkspaceFixture, decided: dict[str, int], tmp_path: Path) -> None:
    write_letters(workspace.login("supervisor"), tmp_path / "l.pdf", ALL)
    with workspace.login("admin").transaction(readonly=True) as db:
        [event] = db.scalars(select(AuditEvent).where(AuditEvent.action == "export.letters"))
    assert json.loads(event.details)["by_kind"] == {"exclusion": 1, "notice": 1}
    assert "花子" not in event.details and "次郎" not in event.details
    with pytest.raises(PermissionDenied):
        set_society_contact(workspace.login("supervisor"), "x")
    with pytest.raises(InputError):
        set_society_contact(workspace.login("admin"), "   ")


def test_cli_export_letters(workspace: WorkspaceFixture, decided: dict[str, int], tmp_path: Path,
                            capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "cli.pdf"
    assert main(["export", "letters", *workspace.args("supervisor"), "--out", str(out),
                 "--kind", "exclusion", "--date", "2024-11-01", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["by_kind"] == {"exclusion": 1} and out.exists()
    assert main(["export", "letters", *workspace.args("supervisor"), "--out", str(out),
                 "--kind", "postcard"]) == 2
    assert "--kind" in capsys.readouterr().err

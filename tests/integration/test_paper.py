"""Paper surveys (issue 14) through the services on SQLite and PostgreSQL: a dependent switched
to paper, the answers and scans entered, checked by a second person, reviewed, notified by
letter, approved, listed; the results bundle marks the case so the web system does not e-mail
it; bad input names the field and stores nothing."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from casework_fixtures import PersonSpec, seed_case
from PIL import Image
from sqlalchemy import func, select
from test_attacks_pg_roles import pg_workspace  # noqa: F401 (a fixture)
from test_casework_decisions import propose_exclusion
from workspace_fixture import WorkspaceFixture

from reviewer_app.bundle import schema
from reviewer_app.bundle.results import read_results
from reviewer_app.domain.vocabulary import CaseStatus, ReviewStatus
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.security import keys
from reviewer_app.services.casework import CaseService
from reviewer_app.services.exclusion_list import exclusion_rows
from reviewer_app.services.letters import LetterKind, build_letters
from reviewer_app.services.non_submitters import propose_exclusions
from reviewer_app.services.paper import (
    PaperCheckPending,
    PaperInputError,
    PaperService,
    Scan,
    set_paper_deadline,
)
from reviewer_app.services.queue import QueueFilter, QueueService, QueueView
from reviewer_app.services.results import (
    RESULTS_SIGNER_FILE,
    current_results,
    export_results,
    trust_web_system,
)
from reviewer_app.store.models import (
    Attachment,
    AttachmentBlob,
    AuditEvent,
    PaperSignoff,
    SubmissionRevision,
)

ANSWERS: dict[str, Any] = {
    "insured_has_card": True, "dependent_details_confirmed": True, "dependent_has_card": True,
    "occupations": [{"occupation": "part_time", "amount": 1_500_000}],
    "other_income": None, "living": "together", "contact": "紙で提出します",
}


def scan_pdf(path: Path, pages: int) -> Path:
    with pymupdf.open() as doc:
        for n in range(pages):
            page = doc.new_page(width=595, height=842)
            page.insert_text((72, 72), f"Payslip page {n + 1}")
        path.write_bytes(doc.tobytes())
    return path


def scan_png(path: Path) -> Path:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 200, 200)).save(out, format="PNG")
    path.write_bytes(out.getvalue())
    return path


@pytest.fixture
def paper_case(workspace: WorkspaceFixture) -> int:
    admin = workspace.login("admin")
    seed_case(admin, PersonSpec(1, card_number="1001"))  # answered on the web
    return seed_case(admin, PersonSpec(2, card_number="1002", dependent_name="紙 花子",
                                       member_status="not_submitted")).case_id


def _count(ws: Any, model: Any) -> int:
    with ws.transaction(readonly=True) as db:
        return int(db.scalar(select(func.count()).select_from(model)) or 0)


def test_a_paper_survey_goes_from_entry_to_approval(
        workspace: WorkspaceFixture, paper_case: int, tmp_path: Path) -> None:
    examiner_ws = workspace.login("examiner")
    paper = PaperService(examiner_ws)
    target = paper.find("123-1002", "紙 花子")
    assert target.case_id == paper_case
    paper.mark(paper_case, "PCもスマートフォンもないため（Q17）", date(2024, 8, 1))
    queue = QueueService(examiner_ws)
    assert paper_case not in {r.case_id for r in queue.fetch(
        QueueFilter(view=QueueView.NOT_SUBMITTED), 0, 50)}
    [row] = queue.fetch(QueueFilter(view=QueueView.PAPER), 0, 50)
    assert row.case_id == paper_case and row.paper and not row.not_submitted

    scan = scan_pdf(tmp_path / "scan.pdf", 3)
    result = paper.enter(paper_case, ANSWERS, [
        Scan("payslip", scan, (1, 2)), Scan("payslip", scan_png(tmp_path / "p3.png"))])
    assert result.files == 2 and result.revision == 2 and not result.quarantined
    state = paper.state(paper_case)
    assert state.entered and state.awaiting_check and state.entered_by == "examiner"
    assert state.answers is not None and state.answers.contact == "紙で提出します"

    # review cannot start before a second person checks the entry
    with pytest.raises(PaperCheckPending):
        CaseService(examiner_ws).open_case(paper_case)
    with pytest.raises(Exception) as own:
        paper.check(paper_case)
    assert getattr(own.value, "code", "") == "paper_self_check"
    PaperService(workspace.login("supervisor")).check(paper_case)
    assert paper.state(paper_case).checked_by == "supervisor"

    # the same review as a web case: documents, scans split by pages, sealed at rest
    service = CaseService(examiner_ws)
    detail = service.open_case(paper_case)
    assert detail.status is CaseStatus.IN_REVIEW
    payslip = next(d for d in detail.documents if d.kind == "payslip")
    assert [a.page_count for a in payslip.attachments] == [2, 1]
    assert [a.media_type for a in payslip.attachments] == ["application/pdf", "image/png"]
    first = service.attachment_bytes(payslip.attachments[0].attachment_id)
    with pymupdf.open(stream=first, filetype="pdf") as doc:
        assert doc.page_count == 2 and "page 2" in doc[1].get_text()
    with examiner_ws.transaction(readonly=True) as db:
        blob = db.get(AttachmentBlob, payslip.attachments[0].attachment_id)
        assert blob is not None and b"Payslip page" not in blob.data
        revision = db.scalars(select(SubmissionRevision).where(
            SubmissionRevision.source == "paper")).one()
        assert revision.entered_by_id == examiner_ws.user.id and revision.entered_at

    # a notice: a printed letter, and the results bundle marks the case (no e-mail)
    service.save_document_check(paper_case, DocumentReview(
        payslip.document_key, ReviewStatus.DEFICIENT, DeficiencyReason.UNREADABLE,
        "2枚目が読めません"), None)
    service.record_notice(paper_case, date(2024, 10, 31), service.open_case(paper_case).version,
                          issued_on=date(2024, 10, 3))
    supervisor_ws = workspace.login("supervisor")
    _society, letters = build_letters(supervisor_ws, [LetterKind.NOTICE])
    assert [letter.to.ref for letter in letters] == [f"case-{paper_case}"]
    with supervisor_ws.transaction(readonly=True) as db:
        results = {case_id: r for case_id, r, _n in current_results(db, supervisor_ws.master_key)}
    assert results[paper_case].answered_on_paper
    assert [c for c, r in results.items() if r.answered_on_paper] == [paper_case]
    # the results bundle itself, as the web system reads it: the notice is marked for a letter
    web = keys.generate_recipient_key()
    trust_web_system(workspace.login("admin"), keys.public_key_to_text(web.public_key()))
    export_results(supervisor_ws, tmp_path / "results.zip")
    signer = keys.public_key_from_text(
        (workspace.dir / RESULTS_SIGNER_FILE).read_text(encoding="utf-8"))
    opened = read_results(tmp_path / "results.zip", web_system_key=web,
                          trusted_workspaces=[signer])  # type: ignore[list-item]
    emailed = [r for r in opened.results if r.notices and not r.answered_on_paper]
    on_paper = [r for r in opened.results if r.answered_on_paper]
    assert emailed == [] and len(on_paper) == 1 and on_paper[0].notices

    # the member mails the page again: a correction is a new revision, the old one stays
    corrected = paper.enter(paper_case, ANSWERS, [Scan("payslip", scan)], correction=True)
    assert corrected.revision == 3
    with examiner_ws.transaction(readonly=True) as db:
        assert db.scalar(select(func.count()).select_from(SubmissionRevision).where(
            SubmissionRevision.source == "paper")) == 2
    assert paper.state(paper_case).awaiting_check
    PaperService(supervisor_ws).check(paper_case)
    detail = service.open_case(paper_case)
    assert detail.status is CaseStatus.IN_REVIEW  # the correction answered the notice
    assert sum(len(d.attachments) for d in detail.documents if d.kind == "payslip") == 3

    version = propose_exclusion(service, paper_case)
    CaseService(supervisor_ws).approve(paper_case, "", version)
    assert [r.case_id for r in exclusion_rows(supervisor_ws)] == [paper_case]
    _society, letters = build_letters(supervisor_ws, [LetterKind.EXCLUSION])
    assert [letter.to.ref for letter in letters] == [f"case-{paper_case}"]
    with supervisor_ws.transaction(readonly=True) as db:
        actions = list(db.scalars(select(AuditEvent.action).where(
            AuditEvent.action.like("paper.%")).order_by(AuditEvent.seq)))
    assert actions == ["paper.mark", "paper.enter", "paper.check", "paper.correct",
                       "paper.check"]
    history = [e.summary_ja for e in CaseService(supervisor_ws).history(paper_case)
               if e.action.startswith("paper.")]
    assert history == ["紙の調査票に切り替えました(2024-08-01)",
                       "紙の調査票を第2版として入力しました(スキャン 2件)",
                       "紙の調査票(第2版)の入力確認をしました",
                       "紙の調査票を第3版として訂正しました(スキャン 3件)",
                       "紙の調査票(第3版)の入力確認をしました"]


def test_paper_dependents_are_not_web_non_submitters(
        workspace: WorkspaceFixture, paper_case: int) -> None:
    from reviewer_app.services.progress import progress_report

    examiner_ws = workspace.login("examiner")
    supervisor_ws = workspace.login("supervisor")
    assert progress_report(supervisor_ws, date(2024, 9, 1)).non_submitters == 1
    PaperService(examiner_ws).mark(paper_case, "紙で回答", date(2024, 8, 1))
    assert progress_report(supervisor_ws, date(2024, 9, 1)).non_submitters == 0
    outcome = propose_exclusions(examiner_ws, [paper_case], date(2024, 9, 1))
    assert [o.code for o in outcome.outcomes] == ["paper"]
    set_paper_deadline(workspace.login("admin"), date(2024, 9, 15))
    outcome = propose_exclusions(examiner_ws, [paper_case], date(2024, 9, 10))
    assert [o.code for o in outcome.outcomes] == ["paper"]
    assert "令和6年9月15日" in outcome.outcomes[0].reason("ja")
    outcome = propose_exclusions(examiner_ws, [paper_case], date(2024, 9, 16))
    assert [o.code for o in outcome.outcomes] == ["proposed"]


def _nothing_stored(ws: Any, before: tuple[int, int, int]) -> None:
    assert (_count(ws, SubmissionRevision), _count(ws, Attachment),
            _count(ws, PaperSignoff)) == before


@pytest.mark.parametrize(("change", "field", "code"), [
    ({"occupations": [{"occupation": "astronaut", "amount": 1}]},
     "answers.occupations[0].occupation", "invalid_answer"),
    ({"occupations": [{"occupation": "part_time", "amount": -5}]},
     "answers.occupations[0].amount", "invalid_answer"),
    ({"living": "elsewhere"}, "answers.living", "invalid_answer"),
    ({"living_apart_since": "2024-13"}, "answers.living_apart_since", "invalid_answer"),
    ({"occupations": []}, "answers.occupations", "invalid_answer"),
    ({"surprise": 1}, "answers.surprise", "invalid_answer"),
])
def test_an_answer_outside_its_values_names_the_field(
        workspace: WorkspaceFixture, paper_case: int, change: dict[str, Any], field: str,
        code: str) -> None:
    ws = workspace.login("examiner")
    before = (_count(ws, SubmissionRevision), _count(ws, Attachment), _count(ws, PaperSignoff))
    with pytest.raises(PaperInputError) as info:
        PaperService(ws).enter(paper_case, {**ANSWERS, **change})
    assert info.value.subject == field and info.value.code == code
    assert info.value.message("ja").startswith(field) and field in info.value.message("en")
    _nothing_stored(ws, before)


def test_bad_scans_and_people_are_refused_whole(
        workspace: WorkspaceFixture, paper_case: int, tmp_path: Path) -> None:
    ws = workspace.login("examiner")
    paper = PaperService(ws)
    before = (_count(ws, SubmissionRevision), _count(ws, Attachment), _count(ws, PaperSignoff))
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * schema.MAX_FILE_BYTES)
    text = tmp_path / "notes.txt"
    text.write_text("not a scan", encoding="utf-8")
    good = scan_pdf(tmp_path / "ok.pdf", 2)
    cases = [
        ([Scan("payslip", good), Scan("payslip", big)], "attach[1]", "file_too_large"),
        ([Scan("payslip", text)], "attach[0]", "file_type_not_allowed"),
        ([Scan("payslip", good, (2, 5))], "attach[0]", "pages_out_of_range"),
        ([Scan("pension_notice", good)], "attach[0]", "document_not_required"),
        ([Scan("diary", good)], "attach[0]", "unknown_document"),
    ]
    for scans, field, code in cases:
        with pytest.raises(PaperInputError) as info:
            paper.enter(paper_case, ANSWERS, scans)
        assert (info.value.subject, info.value.code) == (field, code)
        assert field in info.value.message("ja") and field in info.value.message("en")
    _nothing_stored(ws, before)
    with pytest.raises(PaperInputError) as unknown:
        paper.find("123-9999", "紙 花子")
    assert unknown.value.code == "unknown_member" and unknown.value.subject == "member"
    with pytest.raises(PaperInputError) as nobody:
        paper.find("123-1002", "誰 でもない")
    assert nobody.value.code == "unknown_dependent"
    web = paper.find("123-1001", "御室 花子")
    with pytest.raises(PaperInputError) as twice:
        paper.enter(web.case_id, ANSWERS)
    assert twice.value.code == "already_submitted_on_web"
    paper.enter(paper_case, ANSWERS)
    with pytest.raises(PaperInputError) as again:
        paper.enter(paper_case, ANSWERS)
    assert again.value.code == "already_entered_on_paper"


def test_a_damaged_scan_is_stored_quarantined(
        workspace: WorkspaceFixture, paper_case: int, tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n")  # cut off
    result = PaperService(workspace.login("examiner")).enter(
        paper_case, ANSWERS, [Scan("payslip", damaged)])
    assert result.quarantined and sum(result.quarantined.values()) == 1


# --- attacks: the person who entered it cannot make the 入力確認 count ---------------------------


def _as_examiner(workspace: WorkspaceFixture, statement: str) -> None:
    """Run ``statement`` with the examiner's own database access: the SQLite file itself, or
    psql with the examiner's own login role on PostgreSQL."""
    if workspace.db_url is None:
        from attack_helpers import sql

        sql(workspace.dir, statement.replace(":", "\\:"))  # literal colons, no binds
        return
    from test_attacks_pg_roles import _psql

    done = _psql(workspace, "examiner", statement)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("claim", ["supervisor", "examiner"])
def test_the_entering_user_cannot_check_their_own_entry_by_writing_the_database(
        workspace: WorkspaceFixture, paper_case: int, claim: str) -> None:
    from attack_helpers import user_id, when

    from reviewer_app.security import statements
    from reviewer_app.services.paper import STATEMENT, signoff_body
    from reviewer_app.store.types import utcnow

    examiner_ws = workspace.login("examiner")
    PaperService(examiner_ws).enter(paper_case, ANSWERS)
    with examiner_ws.transaction(readonly=True) as db:
        revision = db.scalars(select(SubmissionRevision).where(
            SubmissionRevision.source == "paper")).one()
        entry = db.scalars(select(PaperSignoff)).one()
        # the examiner signs, with their own key, a check in the claimed user's name
        at = utcnow()
        claimed = user_id(workspace.dir, claim)
        body = signoff_body(examiner_ws.workspace.workspace_id, revision, entry.dependent_id,
                            "check", claimed, at, entry.body_hash)
        signature = statements.sign(examiner_ws.signing_key(), STATEMENT, body)
        key_id = examiner_ws.keys.key_id if examiner_ws.keys is not None else ""
        revision_id, dependent_id = revision.id, entry.dependent_id
    at_text = when(workspace.dir, at)
    literal = (f"'{at_text.isoformat(sep=' ')}'" if workspace.db_url is None
               else f"'{at_text.isoformat()}'::timestamptz")
    blob = (f"X'{signature.hex()}'" if workspace.db_url is None
            else f"'\\x{signature.hex()}'::bytea")
    _as_examiner(workspace, (
        "INSERT INTO paper_signoffs (revision_id, dependent_id, kind, user_id, at, signed_body,"
        f" body_hash, signer_key_id, signature) VALUES ({revision_id}, {dependent_id}, 'check',"
        f" {claimed}, {literal}, '{statements.canonical(body).decode()}',"
        f" '{statements.statement_hash(STATEMENT, body)}', '{key_id}', {blob})"))
    assert _count(examiner_ws, PaperSignoff) == 2  # the row is there ...
    for name in ("examiner", "supervisor"):  # ... and counts for nobody
        with pytest.raises(PaperCheckPending):
            CaseService(workspace.login(name)).open_case(paper_case)
    state = PaperService(examiner_ws).state(paper_case)
    assert state.awaiting_check and state.checked_by is None


# --- the CLI: same validation and messages -------------------------------------------------------


def test_cli_paper_add_and_check(workspace: WorkspaceFixture, paper_case: int, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from reviewer_app.cli import main

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(ANSWERS, ensure_ascii=False), encoding="utf-8")
    scan = scan_pdf(tmp_path / "scan.pdf", 3)
    person = ["--member", "123-1002", "--dependent", "紙 花子"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({**ANSWERS, "living": "moon"}), encoding="utf-8")
    assert main(["paper", "add", *workspace.args("examiner"), *person, "--answers", str(bad)]
                ) == 2
    assert "answers.living" in capsys.readouterr().err
    assert main(["paper", "add", *workspace.args("examiner"), "--member", "123-9999",
                 "--dependent", "紙 花子", "--answers", str(answers)]) == 2
    assert "member" in capsys.readouterr().err
    assert main(["paper", "add", *workspace.args("examiner"), *person, "--answers",
                 str(answers), "--attach", f"payslip={scan}@1-2", "--attach",
                 f"payslip={scan}@3-3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"case_id": paper_case, "revision": 2, "files": 2, "quarantined": {},
                   "awaiting_check": True}
    assert main(["paper", "check", *workspace.args("examiner"), *person]) == 1
    assert "自分で入力した" in capsys.readouterr().err
    assert main(["paper", "check", *workspace.args("supervisor"), *person]) == 0
    capsys.readouterr()
    detail = CaseService(workspace.login("examiner")).open_case(paper_case)
    assert detail.status is CaseStatus.IN_REVIEW
    assert [a.page_count for d in detail.documents for a in d.attachments] == [2, 1]


@pytest.mark.postgres
def test_on_postgresql_the_entering_user_cannot_delete_or_alter_the_entry(
        pg_workspace: WorkspaceFixture) -> None:  # noqa: F811 (the fixture)
    """Deleting the entry would take away the need for a check: the server refuses it."""
    from test_attacks_pg_roles import _psql

    case_id = seed_case(pg_workspace.login("admin"), PersonSpec(
        2, card_number="1002", member_status="not_submitted")).case_id
    PaperService(pg_workspace.login("examiner")).enter(case_id, ANSWERS)
    for statement in ("DELETE FROM paper_signoffs",
                      "UPDATE paper_signoffs SET kind = 'check'"):
        done = _psql(pg_workspace, "examiner", statement)
        assert done.returncode != 0 and "permission denied" in done.stderr
    with pytest.raises(PaperCheckPending):
        CaseService(pg_workspace.login("supervisor")).open_case(case_id)

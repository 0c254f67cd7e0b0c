"""Suggestions for a case (issue 11): read in a child process, cached sealed, audited by id, and
accepted amounts recorded with the income sheet (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from casework_fixtures import PersonSpec, seed_case
from helpers_payslips import Slip, payslip_pdf
from sqlalchemy import MetaData, select

from reviewer_app.domain.caseio import sheet_from_json, sheet_to_json
from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.errors import UserError
from reviewer_app.review.deficiency import DeficiencyReason
from reviewer_app.services.case_errors import InvalidInput
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import PermissionDenied
from reviewer_app.services.suggestions import (
    AcceptedSuggestion,
    BackgroundSuggestions,
    CaseSuggestions,
    Kind,
    Source,
    SuggestionService,
)
from reviewer_app.store.models import AuditEvent, IncomeConfirmation, Suggestion
from reviewer_app.suggest.model import FileResult
from reviewer_app.suggest.reader import read_document

MY_NUMBER = "123456789018"  # valid check digit (tests/unit/domain/test_mynumber.py)
MARCH = Slip(paid="令和5年3月24日支給", items=(("基本給", 120_000), ("通勤手当", 20_800)))
APRIL = Slip(paid="支給日 2023/04/25", label="総支給額", items=(("基本給", 98_500),),
             my_number=MY_NUMBER)
BONUS = Slip(title="賞与明細書", paid="支給日 令和5年7月10日", items=(("賞与", 50_000),))


@pytest.fixture
def case(workspace: Any) -> Any:
    files = [(payslip_pdf(MARCH), "application/pdf", "3月.pdf"),
             (payslip_pdf(APRIL, BONUS), "application/pdf", "4月と賞与.pdf"),
             (b"%PDF-1.4 damaged", "application/pdf", "壊れた.pdf")]
    return seed_case(workspace.login("admin"), PersonSpec(1, files=files))


class Counting:
    """The readers in this process (the worker's child process is tested below)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, data: bytes) -> FileResult:
        self.calls += 1
        return read_document(data)


def test_a_case_gets_month_kind_gross_box_and_source_per_page(workspace: Any, case: Any) -> None:
    reader = Counting()
    service = SuggestionService(workspace.login("examiner"), reader)
    assert service.for_case(case.case_id).pending == tuple(case.attachment_ids)
    found = service.compute(case.case_id)
    assert reader.calls == 3 and found.complete
    got = [(s.month, s.kind, s.gross, s.attachment_id, s.page) for s in found.suggestions]
    a, b, _c = case.attachment_ids
    assert got == [("2023-03", Kind.SALARY, 140_800, a, 1), ("2023-04", Kind.SALARY, 98_500, b, 1),
                   ("2023-07", Kind.BONUS, 50_000, b, 2)]
    march = found.suggestions[0]
    assert march.source is Source.TEXT and march.confident and march.document_key
    assert march.page_size == (595.0, 300.0) and 0 < march.box[0] < march.box[2] < 595
    assert found.for_month("2023-07", Kind.BONUS)[0].gross == 50_000
    [unread] = found.unread
    assert unread.attachment_id == case.attachment_ids[2] and unread.message_ja
    # cached: nothing is read again, by this session or another user's
    again = SuggestionService(workspace.login("supervisor"), reader).compute(case.case_id)
    assert reader.calls == 3 and again == CaseSuggestions(
        case.case_id, found.suggestions, found.my_numbers, (), found.unread)


def test_a_my_number_gives_a_mask_and_a_deficiency_proposal(workspace: Any, case: Any) -> None:
    found = SuggestionService(workspace.login("examiner"), read_document).compute(case.case_id)
    [mark] = found.my_numbers
    assert mark.attachment_id == case.attachment_ids[1] and mark.page == 1 and mark.labelled
    [proposal] = found.proposals()
    assert proposal.document_id == case.document_key
    assert proposal.status is ReviewStatus.DEFICIENT
    assert proposal.reason is DeficiencyReason.MY_NUMBER_VISIBLE
    assert proposal.note == "マイナンバーが写っています（1ページ目）"


def test_only_reviewers_see_suggestions_and_the_audit_names_ids_only(workspace: Any,
                                                                      case: Any) -> None:
    with pytest.raises(PermissionDenied):
        SuggestionService(workspace.login("admin"), read_document).for_case(case.case_id)
    examiner = workspace.login("examiner")
    SuggestionService(examiner, read_document).compute(case.case_id)
    with examiner.transaction(readonly=True) as db:
        events = db.scalars(select(AuditEvent).where(
            AuditEvent.action.like("suggestions.%"))).all()
    assert [e.action for e in events] == ["suggestions.compute", "suggestions.read"]
    assert json.loads(events[0].details)["attachments"] == case.attachment_ids
    text = " ".join(e.details for e in events)
    assert "140800" not in text and "140,800" not in text and MY_NUMBER not in text


def test_a_cache_row_moved_to_another_person_does_not_open(workspace: Any, case: Any) -> None:
    examiner = workspace.login("examiner")
    service = SuggestionService(examiner, read_document)
    service.compute(case.case_id)
    other = seed_case(workspace.login("admin"), PersonSpec(2, files=[
        (payslip_pdf(MARCH), "application/pdf", "x.pdf")]))
    with examiner.transaction() as db:
        row = db.get(Suggestion, case.attachment_ids[0])
        assert row is not None
        row.dependent_id = other.dependent_id
    # the moved value no longer opens: the file counts as unread and is read again
    assert case.attachment_ids[0] in service.for_case(case.case_id).pending


def _with_employers(sheet: IncomeSheet, employers: list[dict[str, Any]]) -> IncomeSheet:
    """``sheet`` with these employers (issue 2's JSON, as the grid would have entered them)."""
    return sheet_from_json({**sheet_to_json(sheet), "employers": employers})


def test_an_accepted_suggestion_is_recorded_with_the_sheet(workspace: Any, case: Any) -> None:
    examiner = workspace.login("examiner")
    suggestions = SuggestionService(examiner, read_document)
    found = suggestions.compute(case.case_id)
    cases = CaseService(examiner)
    detail = cases.open_case(case.case_id)
    employer: dict[str, Any] = {"name": "株式会社テスト", "payments": [
        {"month": "2023-03", "gross": 140_800}, {"month": "2023-04", "gross": 98_000}],
        "bonuses": [{"month": "2023-07", "gross": 50_000}]}
    sheet = _with_employers(detail.income_sheet, [employer])
    march, _april, bonus = found.suggestions
    accepted = [AcceptedSuggestion(s.month, s.kind, s.gross, s.attachment_id, s.page)
                for s in (march, bonus)]
    saved = cases.save_income_sheet(case.case_id, sheet, None, confirmations=accepted)
    standing = suggestions.confirmations(case.case_id)
    assert [(c.month, c.kind, c.gross, c.attachment_id, c.page, c.confirmed_by, c.sheet_version)
            for c in standing] == [
        ("2023-03", Kind.SALARY, 140_800, march.attachment_id, 1, "examiner", saved.version),
        ("2023-07", Kind.BONUS, 50_000, bonus.attachment_id, 2, "examiner", saved.version)]
    assert standing[0].box == march.box and standing[0].source is Source.TEXT
    # March typed over afterwards: its confirmation no longer stands, July's does
    employer["payments"][0]["gross"] = 141_000
    sheet = _with_employers(sheet, [employer])
    cases.save_income_sheet(case.case_id, sheet, saved.version)
    assert [c.month for c in suggestions.confirmations(case.case_id)] == ["2023-07"]


@pytest.mark.parametrize(("month", "gross", "sheet_gross", "words"), [
    ("2023-04", 98_000, 98_000, "読み取った値ではない"),  # the document says 98,500
    ("2023-03", 140_800, 140_000, "収入の入力にありません"),  # the sheet says otherwise
])
def test_a_confirmation_that_does_not_hold_refuses_the_whole_save(
        workspace: Any, case: Any, month: str, gross: int, sheet_gross: int,
        words: str) -> None:
    examiner = workspace.login("examiner")
    found = SuggestionService(examiner, read_document).compute(case.case_id)
    cases = CaseService(examiner)
    sheet = _with_employers(cases.open_case(case.case_id).income_sheet, [
        {"name": "株式会社テスト", "payments": [{"month": month, "gross": sheet_gross}]}])
    page_of = {s.month: s for s in found.suggestions}[month]
    with pytest.raises(InvalidInput) as info:
        cases.save_income_sheet(case.case_id, sheet, None, confirmations=[AcceptedSuggestion(
            month, Kind.SALARY, gross, page_of.attachment_id, page_of.page)])
    assert words in info.value.message("ja")
    assert cases.open_case(case.case_id).income_version is None  # nothing half-stored
    with examiner.transaction(readonly=True) as db:
        assert db.scalars(select(IncomeConfirmation)).all() == []


def test_the_window_reads_in_the_background_with_a_child_process(workspace: Any,
                                                                  case: Any) -> None:
    other = seed_case(workspace.login("admin"), PersonSpec(2, files=[
        (payslip_pdf(BONUS), "application/pdf", "賞与.pdf")]))
    ready: list[CaseSuggestions] = []
    background = BackgroundSuggestions(workspace.login("examiner"), ready.append)
    try:
        background.request(case.case_id, next_case_id=other.case_id)
        background.request(case.case_id)  # asked again while waiting: read once
        assert background.wait_idle(180)
    finally:
        background.close()
    assert [r.case_id for r in ready] == [case.case_id, other.case_id]
    assert [s.gross for s in ready[1].suggestions] == [50_000]
    assert len(ready[0].suggestions) == 3 and ready[0].complete


def test_no_my_number_digits_anywhere_after_reading(workspace: Any, case: Any) -> None:
    """Issue 11 §4: the number is never stored, not even sealed, nor logged."""
    examiner = workspace.login("examiner")
    suggestions = SuggestionService(examiner, read_document)
    found = suggestions.compute(case.case_id)
    cases = CaseService(examiner)
    april = found.for_month("2023-04")[0]
    sheet = _with_employers(cases.open_case(case.case_id).income_sheet, [
        {"name": "株式会社テスト", "payments": [{"month": "2023-04", "gross": april.gross}]}])
    cases.save_income_sheet(case.case_id, sheet, None, confirmations=[AcceptedSuggestion(
        "2023-04", Kind.SALARY, april.gross, april.attachment_id, april.page)])
    suggestions.confirmations(case.case_id)
    needles = [MY_NUMBER, "1234-5678-9018", "1234 5678 9018"]

    def clean(blob: bytes | str) -> bool:
        text = blob if isinstance(blob, str) else blob.decode("latin-1")
        return not any(n in text for n in needles)

    # every column of every row, sealed values opened with the master key
    mk = examiner.master_key
    # the owner's view: every column (on PostgreSQL an examiner may not read all of users)
    with workspace.owner_transaction() as db:
        metadata = MetaData()
        metadata.reflect(db.get_bind())
        for table in metadata.sorted_tables:
            for row in db.execute(table.select()):
                for value in row:
                    if isinstance(value, bytes | str):
                        assert clean(value), table.name
        for cached in db.scalars(select(Suggestion)):
            assert clean(cached.open_from("result_sealed", mk))
        for confirmation in db.scalars(select(IncomeConfirmation)):
            assert clean(confirmation.open_from("detail_sealed", mk))
    # the workspace's files (SQLite and its journal) and every log file
    for folder in (workspace.dir, Path(os.environ["REVIEWER_APP_LOG_DIR"])):
        for path in folder.rglob("*"):
            if path.is_file():
                assert clean(path.read_bytes()), path


def test_revealing_a_my_number_is_audited_by_page_and_refused_for_another_file(
        workspace: Any, case: Any) -> None:
    examiner = workspace.login("examiner")
    service = SuggestionService(examiner, read_document)
    service.compute(case.case_id)
    april = case.attachment_ids[1]
    service.reveal_my_number(case.case_id, april, 1)
    other = seed_case(workspace.login("admin"), PersonSpec(2, files=[
        (payslip_pdf(APRIL), "application/pdf", "x.pdf")]))
    with pytest.raises(UserError):
        service.reveal_my_number(case.case_id, other.attachment_ids[0], 1)
    with pytest.raises(PermissionDenied):
        SuggestionService(workspace.login("admin")).reveal_my_number(case.case_id, april, 1)
    with examiner.transaction(readonly=True) as db:
        events = db.scalars(select(AuditEvent).where(
            AuditEvent.action == "mynumber.revealed")).all()
    assert [(e.subject, json.loads(e.details)) for e in events] == [
        (f"case:{case.case_id}", {"attachment": april, "page": 1})]
    assert MY_NUMBER not in events[0].details

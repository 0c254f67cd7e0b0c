"""Non-submitters in bulk (issue 7 §4): one action proposes the exclusion of each, one action
approves a selection; every case keeps its own decision, audit event and four eyes (SQLite and
PostgreSQL)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from casework_fixtures import PersonSpec, seed_case
from sqlalchemy import func, select
from workspace_fixture import WorkspaceFixture

from reviewer_app.domain.vocabulary import CaseStatus
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import PermissionDenied
from reviewer_app.services.non_submitters import (
    SubmissionDeadlineNotPassed,
    approve_many,
    propose_exclusions,
)
from reviewer_app.services.users import add_user
from reviewer_app.services.workspace import open_session
from reviewer_app.store.models import AuditEvent, Case, Decision

DEADLINE = date(2024, 8, 25)  # the fixture survey's submission deadline
AFTER = date(2024, 8, 26)
EXCLUSION = date(2024, 9, 1)  # its non_submission_exclusion_date (令和6年9月1日付)


@pytest.fixture
def people(workspace: WorkspaceFixture) -> dict[str, int]:
    """Case ids: three non-submitters (ns1..ns3) and one submitter."""
    admin = workspace.login("admin")
    cases = {
        "ns1": seed_case(admin, PersonSpec(1, member_status="not_submitted")),
        "submitter": seed_case(admin, PersonSpec(2, dependent_name="提出 済子",
                                                 dependent_kana="テイシュツ スミコ")),
        "ns2": seed_case(admin, PersonSpec(3, member_status="not_submitted",
                                           relationship="child", relationship_label="長男")),
        "ns3": seed_case(admin, PersonSpec(4, member_status="not_submitted")),
    }
    return {name: seeded.case_id for name, seeded in cases.items()}


def _events(ws: Any, action: str) -> list[AuditEvent]:
    with ws.transaction(readonly=True) as db:
        return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)
                               .order_by(AuditEvent.seq)))


def _audit_count(ws: Any) -> int:
    with ws.transaction(readonly=True) as db:
        return int(db.scalar(select(func.count(AuditEvent.seq))) or 0)


def _statuses(ws: Any) -> dict[int, str]:
    with ws.transaction(readonly=True) as db:
        return dict(db.execute(select(Case.id, Case.status)).all())


@pytest.mark.parametrize("today", [date(2024, 8, 1), DEADLINE])
def test_before_the_deadline_passed_nothing_is_proposed(
        workspace: WorkspaceFixture, people: dict[str, int],
                                                       today: date) -> None:
    examiner = workspace.login("examiner")
    before_events, before_status = _audit_count(examiner), _statuses(examiner)
    with pytest.raises(SubmissionDeadlineNotPassed) as info:
        propose_exclusions(examiner, people.values(), today)
    assert "令和6年8月25日" in info.value.message("ja") and "何も変更していません" in \
        info.value.message("ja")
    assert "2024-08-25" in info.value.message("en")
    assert info.value.code == "deadline_not_passed"
    assert _audit_count(examiner) == before_events
    assert _statuses(examiner) == before_status
    with examiner.transaction(readonly=True) as db:
        assert db.scalar(select(func.count(Decision.id))) == 0


def test_after_the_deadline_each_non_submitter_is_proposed_for_1_september(
        workspace: WorkspaceFixture, people: dict[str, int]) -> None:
    examiner = workspace.login("examiner")
    result = propose_exclusions(examiner, people.values(), AFTER)
    non_submitters = [people["ns1"], people["ns2"], people["ns3"]]
    assert [o.case_id for o in result.done] == non_submitters
    assert all(o.code == "proposed" for o in result.done)
    assert (result.done_count, result.skipped_count) == (3, 1)
    [skipped] = result.skipped
    assert skipped.case_id == people["submitter"] and skipped.code == "submitted"
    assert "提出" in skipped.reason("ja") and "submitted" in skipped.reason("en")

    service = CaseService(examiner)
    for case_id in non_submitters:
        detail = service.open_case(case_id, take=False)
        assert detail.status is CaseStatus.AWAITING_APPROVAL
        assert detail.assignee_name == "examiner"
        assert (detail.proposed_verdict, detail.proposed_exclusion_date) == ("exclude",
                                                                              EXCLUSION)
        [proposal] = detail.decisions
        assert proposal.kind == "proposal" and proposal.decided_by == "examiner"
        assert proposal.comment == "調査票未提出(提出期限 令和6年8月25日)"
        assert proposal.evaluation is not None
        snapshot = proposal.evaluation
        assert (snapshot.exclusion_rule, snapshot.exclusion_date) == ("survey_not_submitted",
                                                                      date(2024, 9, 1))
    # the submitter was neither taken nor proposed
    untouched = service.open_case(people["submitter"], take=False)
    assert untouched.status is CaseStatus.NOT_STARTED and untouched.assignee_id is None

    proposals = _events(examiner, "case.propose")
    assert [e.subject for e in proposals] == [f"case:{c}" for c in non_submitters]
    assert all('"exclusion_date":"2024-09-01"' in e.details.replace(" ", "")
               for e in proposals)
    [summary] = _events(examiner, "cases.bulk_propose_exclusion")
    assert '"done":3' in summary.details.replace(" ", "")


def test_a_case_held_by_someone_else_or_locked_is_reported_not_fatal(
        workspace: WorkspaceFixture, people: dict[str, int]) -> None:
    supervisor = workspace.login("supervisor")
    CaseService(supervisor).open_case(people["ns2"])  # the supervisor holds it now
    examiner = workspace.login("examiner")
    propose_exclusions(examiner, [people["ns3"]], AFTER)  # awaiting approval: locked
    result = propose_exclusions(examiner, [people["ns1"], people["ns2"], people["ns3"], 999_999],
                                AFTER)
    by_case = {o.case_id: o for o in result.outcomes}
    assert by_case[people["ns1"]].done
    assert by_case[people["ns2"]].code == "case_held"
    assert "supervisor" in by_case[people["ns2"]].reason("ja")
    assert by_case[people["ns3"]].code == "case_locked"
    assert "承認待ち" in by_case[people["ns3"]].reason("ja")
    assert by_case[999_999].code == "case_not_found"
    assert CaseService(supervisor).open_case(people["ns2"]).status is CaseStatus.IN_REVIEW


def test_a_non_submitter_whose_sheet_says_otherwise_is_skipped(
        workspace: WorkspaceFixture, people: dict[str, int]) -> None:
    examiner = workspace.login("examiner")
    service = CaseService(examiner)
    detail = service.open_case(people["ns1"])
    survey = detail.income_sheet.survey
    assert survey is not None
    sheet = replace(detail.income_sheet, survey=replace(survey, submitted=True))
    service.save_income_sheet(people["ns1"], sheet, detail.income_version)
    result = propose_exclusions(examiner, [people["ns1"], people["ns2"]], AFTER)
    assert [(o.case_id, o.code) for o in result.outcomes] == [
        (people["ns1"], "evaluation_differs"), (people["ns2"], "proposed")]
    assert service.open_case(people["ns1"]).status is CaseStatus.IN_REVIEW


def test_an_admin_may_not_propose(workspace: WorkspaceFixture, people: dict[str, int]) -> None:
    with pytest.raises(PermissionDenied):
        propose_exclusions(workspace.login("admin"), people.values(), AFTER)


def test_the_supervisor_approves_each_but_not_their_own_proposal(
        workspace: WorkspaceFixture, people: dict[str, int]) -> None:
    examiner = workspace.login("examiner")
    supervisor = workspace.login("supervisor")
    propose_exclusions(examiner, [people["ns1"], people["ns2"]], AFTER)
    propose_exclusions(supervisor, [people["ns3"]], AFTER)  # doing an examiner's work
    with pytest.raises(PermissionDenied):
        approve_many(examiner, [people["ns1"]])

    result = approve_many(supervisor, [people["ns1"], people["ns2"], people["ns3"],
                                       people["submitter"]])
    assert [o.case_id for o in result.done] == [people["ns1"], people["ns2"]]
    assert all(o.code == "approved" for o in result.done)
    skipped = {o.case_id: o.code for o in result.skipped}
    assert skipped == {people["ns3"]: "self_approval_refused",
                       people["submitter"]: "case_locked"}
    statuses = _statuses(supervisor)
    assert statuses[people["ns1"]] == statuses[people["ns2"]] == CaseStatus.DONE.value
    assert statuses[people["ns3"]] == CaseStatus.AWAITING_APPROVAL.value
    approvals = _events(supervisor, "case.approve")
    assert [e.subject for e in approvals] == [f"case:{people['ns1']}", f"case:{people['ns2']}"]
    detail = CaseService(supervisor).open_case(people["ns1"], take=False)
    assert [d.kind for d in detail.decisions] == ["proposal", "approval"]
    assert detail.decisions[1].decided_by == "supervisor"
    assert detail.decisions[1].exclusion_date == EXCLUSION

    # another supervisor may approve the one the first proposed
    add_user(workspace.login("admin"), "supervisor2", "supervisor", "another-password-2")
    other = open_session(workspace.dir, "supervisor2", "another-password-2")
    try:
        assert approve_many(other, [people["ns3"]]).done_count == 1
    finally:
        other.close()


def test_bulk_approval_skips_a_case_changed_since_the_list_was_read(
        workspace: WorkspaceFixture, people: dict[str, int]) -> None:
    examiner = workspace.login("examiner")
    [done] = propose_exclusions(examiner, [people["ns1"]], AFTER).done
    assert done.version is not None
    result = approve_many(workspace.login("supervisor"), [people["ns1"]],
                          {people["ns1"]: done.version - 1})
    assert [o.code for o in result.outcomes] == ["case_stale"]
    assert _statuses(examiner)[people["ns1"]] == CaseStatus.AWAITING_APPROVAL.value

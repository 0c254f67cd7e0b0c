"""The queue: filters, blind-index search, counts by status, paging (SQLite and PostgreSQL)."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest
from casework_fixtures import PersonSpec, seed_case
from sqlalchemy import update
from workspace_fixture import WorkspaceFixture

from reviewer_app.domain.vocabulary import CaseStatus
from reviewer_app.services.casework import CaseService
from reviewer_app.services.queue import QueueFilter, QueueService, QueueView
from reviewer_app.store.models import Case, DeficiencyNotice


@pytest.fixture
def seeded(workspace: WorkspaceFixture) -> dict[str, Any]:
    admin = workspace.login("admin")
    people = [
        PersonSpec(1, insured_name="山田 太郎", insured_kana="ヤマダ タロウ", card_symbol="123",
                   card_number="45678", dependent_name="山田 花子",
                   dependent_kana="ヤマダ ハナコ", files=[(b"%PDF-1.4 one", "application/pdf",
                                                          "a.pdf")]),
        PersonSpec(2, insured_name="鈴木 一郎", insured_kana="スズキ イチロウ", card_symbol="123",
                   card_number="99001", dependent_name="鈴木 次郎", dependent_kana="スズキ ジロウ",
                   relationship="child", relationship_label="長男", office_code="002",
                   office_name="大阪支店"),
        PersonSpec(3, insured_name="佐藤 三郎", insured_kana="サトウ サブロウ", card_symbol="77",
                   card_number="12345", dependent_name="佐藤 良子", dependent_kana="サトウ ヨシコ",
                   relationship="parent", relationship_label="母"),
    ]
    cases = [seed_case(admin, p) for p in people]
    return {"cases": cases}


def test_counts_and_stable_paging(workspace: WorkspaceFixture, seeded: dict[str, Any]) -> None:
    queue = QueueService(workspace.login("examiner"))
    assert queue.count(QueueFilter()) == 3
    rows = queue.fetch(QueueFilter(), 0, 2) + queue.fetch(QueueFilter(), 2, 2)
    assert [r.case_id for r in rows] == sorted(c.case_id for c in seeded["cases"])
    first = rows[0]
    assert (first.insured_name, first.dependent_name, first.dependent_kana, first.card) == (
        "山田 太郎", "山田 花子", "ヤマダ ハナコ", "123-45678")
    assert first.attachment_count == 1 and first.status is CaseStatus.NOT_STARTED
    assert queue.status_counts(QueueFilter())[CaseStatus.NOT_STARTED] == 3
    assert queue.fetch(QueueFilter(), 3, 10) == []


def test_filters(workspace: WorkspaceFixture, seeded: dict[str, Any]) -> None:
    queue = QueueService(workspace.login("examiner"))
    assert queue.count(QueueFilter(office_code="002")) == 1
    assert [r.relationship_label for r in queue.fetch(QueueFilter(relationship="parent"), 0, 9)] \
        == ["母"]
    assert queue.offices() == [("001", "本社"), ("002", "大阪支店")]
    assert queue.count(QueueFilter(updated_after_review=True)) == 0
    assert queue.count(QueueFilter(proposed_verdict="exclude")) == 0


def test_status_and_assignee_after_opening(
        workspace: WorkspaceFixture, seeded: dict[str, Any]) -> None:
    examiner = workspace.login("examiner")
    CaseService(examiner).open_case(seeded["cases"][1].case_id)
    queue = QueueService(examiner)
    mine = QueueFilter(assignee_id=examiner.user.id)
    assert [r.case_id for r in queue.fetch(mine, 0, 9)] == [seeded["cases"][1].case_id]
    row = queue.fetch(mine, 0, 9)[0]
    assert row.assignee_name == "examiner" and row.own and row.status is CaseStatus.IN_REVIEW
    counts = queue.status_counts(QueueFilter(status=CaseStatus.IN_REVIEW))  # status ignored
    assert counts[CaseStatus.IN_REVIEW] == 1 and counts[CaseStatus.NOT_STARTED] == 2
    assert queue.count(QueueFilter(status=CaseStatus.IN_REVIEW)) == 1
    assert (examiner.user.id, "examiner") in queue.assignees()


@pytest.mark.parametrize(("query", "expected"), [
    ("山田", [1]),  # family name of the insured and the dependent
    ("花子", [1]),  # given name
    ("やまだ", [1]),  # kana typed in hiragana
    ("ｽｽﾞｷ", [2]),  # half-width katakana
    ("サトウ ヨシコ", [3]),  # full kana with a space
    ("123-45678", [1]),  # card symbol-number
    ("12345678", [1]),  # without the separator
    ("123", [1, 2, 3]),  # symbol prefix (1, 2) and number prefix (3: 77-12345)
    ("9900", [2]),  # number prefix
    ("77 12345", [3]),
    ("田花", []),  # no infix search
])
def test_search_by_blind_index(workspace: WorkspaceFixture, seeded: dict[str, Any], query: str,
                               expected: list[int]) -> None:
    queue = QueueService(workspace.login("examiner"))
    ids = {c.case_id: i + 1 for i, c in enumerate(seeded["cases"])}
    found = [ids[r.case_id] for r in queue.fetch(QueueFilter(search=query), 0, 50)]
    assert found == expected
    assert queue.count(QueueFilter(search=query)) == len(expected)


def test_search_combines_with_filters(workspace: WorkspaceFixture, seeded: dict[str, Any]) -> None:
    queue = QueueService(workspace.login("examiner"))
    assert queue.count(QueueFilter(search="123", office_code="002")) == 1
    assert queue.count(QueueFilter(search="123-4", office_code="001")) == 1
    assert queue.status_counts(QueueFilter(search="123"))[CaseStatus.NOT_STARTED] == 3


# --- the views: 未提出, 再提出あり, 期限切れ (issue 7 §4) --------------------------------


@pytest.fixture
def views(workspace: WorkspaceFixture) -> dict[str, int]:
    """Cases in every state the three views tell apart, by name."""
    admin = workspace.login("admin")
    names = ["submitter", "ns_new", "ns_in_review", "ns_awaiting", "ns_done", "resubmitted",
             "resubmitted_notice", "overdue", "overdue_then_new_notice", "answered",
             "in_review_with_notice"]
    ids: dict[str, int] = {}
    for n, name in enumerate(names, start=1):
        member_status = "not_submitted" if name.startswith("ns_") else "submitted"
        ids[name] = seed_case(admin, PersonSpec(n, member_status=member_status)).case_id
    status = {"ns_in_review": "in_review", "ns_awaiting": "awaiting_approval", "ns_done": "done",
              "resubmitted": "in_review", "resubmitted_notice": "notice_sent",
              "overdue": "notice_sent", "overdue_then_new_notice": "notice_sent",
              "answered": "notice_sent", "in_review_with_notice": "in_review"}
    now = datetime(2024, 9, 20, 3, 0, tzinfo=UTC)
    notices = [("overdue", date(2024, 9, 10), None),
               ("overdue_then_new_notice", date(2024, 9, 5), None),
               ("overdue_then_new_notice", date(2024, 9, 30), None),
               ("answered", date(2024, 9, 5), now),
               ("in_review_with_notice", date(2024, 9, 5), None)]
    with workspace.owner_transaction() as db:
        for name, value in status.items():
            db.execute(update(Case).where(Case.id == ids[name]).values(status=value))
        db.execute(update(Case).where(Case.id.in_([ids["resubmitted"],
                                                   ids["resubmitted_notice"]]))
                   .values(resubmitted_at=now))
        for name, deadline, answered in notices:
            db.add(DeficiencyNotice(case_id=ids[name], item_count=1, reply_deadline=deadline,
                                    created_by_id=admin.user.id, created_at=now,
                                    answered_at=answered, answered_revision=2 if answered
                                    else None))
    return ids


def _listed(queue: QueueService, f: QueueFilter, ids: dict[str, int]) -> list[str]:
    names = {v: k for k, v in ids.items()}
    listed = [names[r.case_id] for r in queue.fetch(f, 0, 100)]
    assert queue.count(f) == len(listed)
    return listed


def test_not_submitted_view_lists_unfinished_cases_of_non_submitters(
        workspace: WorkspaceFixture, views: dict[str, int]) -> None:
    queue = QueueService(workspace.login("examiner"))
    f = QueueFilter(view=QueueView.NOT_SUBMITTED)
    assert _listed(queue, f, views) == ["ns_new", "ns_in_review"]
    assert all(r.not_submitted for r in queue.fetch(f, 0, 10))
    [submitter] = [r for r in queue.fetch(QueueFilter(), 0, 100)
                   if r.case_id == views["submitter"]]
    assert not submitter.not_submitted
    counts = queue.status_counts(f)
    assert (counts[CaseStatus.NOT_STARTED], counts[CaseStatus.IN_REVIEW],
            counts[CaseStatus.DONE]) == (1, 1, 0)
    # combined with the other filters
    assert _listed(queue, QueueFilter(view=QueueView.NOT_SUBMITTED,
                                      status=CaseStatus.IN_REVIEW), views) == ["ns_in_review"]
    assert queue.count(QueueFilter(view=QueueView.NOT_SUBMITTED, office_code="002")) == 0
    assert queue.count(QueueFilter(view=QueueView.NOT_SUBMITTED, relationship="spouse")) == 2


def test_resubmitted_view_lists_cases_in_review_after_a_resubmission(
        workspace: WorkspaceFixture, views: dict[str, int]) -> None:
    queue = QueueService(workspace.login("examiner"))
    assert _listed(queue, QueueFilter(view=QueueView.RESUBMITTED), views) == ["resubmitted"]


@pytest.mark.parametrize(("today", "expected"), [
    # 9/6: past the 9/5 deadlines, but one was answered, one case has a newer notice and one
    # is in review again: none of them is overdue
    (date(2024, 9, 6), []),
    (date(2024, 9, 10), []),  # the deadline day itself is not late
    (date(2024, 9, 11), ["overdue"]),
    (date(2024, 10, 1), ["overdue", "overdue_then_new_notice"]),  # its latest notice is late too
])
def test_overdue_view_follows_the_latest_unanswered_notice_and_the_clock(
        workspace: WorkspaceFixture, views: dict[str, int], today: date,
        expected: list[str]) -> None:
    queue = QueueService(workspace.login("examiner"), today=lambda: today)
    assert _listed(queue, QueueFilter(view=QueueView.OVERDUE), views) == expected
    counts = queue.status_counts(QueueFilter(view=QueueView.OVERDUE))
    assert counts[CaseStatus.NOTICE_SENT] == len(expected)


def test_cli_lists_cases_by_status_or_view(workspace: WorkspaceFixture, views: dict[str, int],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer_app.cli import main

    capsys.readouterr()
    assert main(["cases", *workspace.args("examiner"), "--status", "not-submitted",
                 "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["case_id"] for r in rows] == [views["ns_new"], views["ns_in_review"]]
    assert {r["member_status"] for r in rows} == {"not_submitted"}
    for spelling in ("in_review", "in-review", "IN-REVIEW"):
        assert main(["cases", *workspace.args("examiner"), "--status", spelling,
                     "--json"]) == 0
        assert [r["case_id"] for r in json.loads(capsys.readouterr().out)] == [
            views[n] for n in ("ns_in_review", "resubmitted", "in_review_with_notice")]
    assert main(["cases", *workspace.args("examiner"), "--status", "resubmitted"]) == 0
    assert "計 1 件" in capsys.readouterr().out
    with pytest.raises(SystemExit) as info:
        main(["cases", *workspace.args("examiner"), "--status", "late"])
    assert info.value.code == 2
    assert "not-submitted" in capsys.readouterr().err

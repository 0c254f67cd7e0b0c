"""The queue: filters, blind-index search, counts by status, paging (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

import pytest
from casework_fixtures import PersonSpec, seed_case

from reviewer_app.services.casework import CaseService
from reviewer_app.services.queue import QueueFilter, QueueService
from reviewer_app.store.enums import CaseStatus


@pytest.fixture
def seeded(workspace: Any) -> dict[str, Any]:
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


def test_counts_and_stable_paging(workspace: Any, seeded: dict[str, Any]) -> None:
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


def test_filters(workspace: Any, seeded: dict[str, Any]) -> None:
    queue = QueueService(workspace.login("examiner"))
    assert queue.count(QueueFilter(office_code="002")) == 1
    assert [r.relationship_label for r in queue.fetch(QueueFilter(relationship="parent"), 0, 9)] \
        == ["母"]
    assert queue.offices() == [("001", "本社"), ("002", "大阪支店")]
    assert queue.count(QueueFilter(updated_after_review=True)) == 0
    assert queue.count(QueueFilter(proposed_verdict="exclude")) == 0


def test_status_and_assignee_after_opening(workspace: Any, seeded: dict[str, Any]) -> None:
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
def test_search_by_blind_index(workspace: Any, seeded: dict[str, Any], query: str,
                               expected: list[int]) -> None:
    queue = QueueService(workspace.login("examiner"))
    ids = {c.case_id: i + 1 for i, c in enumerate(seeded["cases"])}
    found = [ids[r.case_id] for r in queue.fetch(QueueFilter(search=query), 0, 50)]
    assert found == expected
    assert queue.count(QueueFilter(search=query)) == len(expected)


def test_search_combines_with_filters(workspace: Any, seeded: dict[str, Any]) -> None:
    queue = QueueService(workspace.login("examiner"))
    assert queue.count(QueueFilter(search="123", office_code="002")) == 1
    assert queue.count(QueueFilter(search="123-4", office_code="001")) == 1
    assert queue.status_counts(QueueFilter(search="123"))[CaseStatus.NOT_STARTED] == 3

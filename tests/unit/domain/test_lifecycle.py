"""The case lifecycle: transitions, holding, editing and four eyes (domain.lifecycle)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.domain.lifecycle import (
    Event,
    TransitionRefused,
    applies,
    is_own_work,
    may_decide,
    may_edit,
    may_release,
    next_status,
    takes_on_open,
)
from reviewer_app.domain.vocabulary import CaseStatus, Role

S = CaseStatus


@pytest.mark.parametrize(("event", "before", "after"), [
    (Event.TAKE, S.NOT_STARTED, S.IN_REVIEW),
    (Event.TAKE, S.NOTICE_SENT, S.NOTICE_SENT),
    (Event.NOTICE, S.IN_REVIEW, S.NOTICE_SENT),
    (Event.RESUBMITTED, S.NOTICE_SENT, S.IN_REVIEW),
    (Event.PROPOSE, S.IN_REVIEW, S.AWAITING_APPROVAL),
    (Event.PROPOSE, S.NOTICE_SENT, S.AWAITING_APPROVAL),
    (Event.APPROVE, S.AWAITING_APPROVAL, S.DONE),
    (Event.RETURN, S.AWAITING_APPROVAL, S.IN_REVIEW),
])
def test_each_event_leads_to_its_status(event: Event, before: CaseStatus,
                                        after: CaseStatus) -> None:
    assert applies(event, before) and next_status(event, before) is after


@pytest.mark.parametrize(("event", "status"), [
    (Event.APPROVE, S.IN_REVIEW), (Event.RETURN, S.DONE), (Event.PROPOSE, S.NOT_STARTED),
    (Event.NOTICE, S.AWAITING_APPROVAL), (Event.RESUBMITTED, S.IN_REVIEW),
    (Event.TAKE, S.DONE), (Event.PROPOSE, S.DONE),
])
def test_an_event_that_does_not_apply_is_refused(event: Event, status: CaseStatus) -> None:
    assert not applies(event, status)
    with pytest.raises(TransitionRefused):
        next_status(event, status)


@given(st.lists(st.sampled_from(list(Event)), max_size=30))
def test_a_finished_case_never_changes_again(events: list[Event]) -> None:
    status = S.NOT_STARTED
    finished = False
    for event in events:
        if applies(event, status):
            status = next_status(event, status)
        if status is S.DONE:
            finished = True
        assert not finished or status is S.DONE


def test_only_reviewers_take_an_unassigned_unfinished_case() -> None:
    assert takes_on_open(S.NOT_STARTED, None, Role.EXAMINER)
    assert takes_on_open(S.NOTICE_SENT, None, Role.SUPERVISOR)
    assert not takes_on_open(S.NOT_STARTED, None, Role.ADMIN)
    assert not takes_on_open(S.IN_REVIEW, 7, Role.EXAMINER)
    assert not takes_on_open(S.AWAITING_APPROVAL, None, Role.EXAMINER)


def test_only_the_holder_edits_and_only_while_in_review() -> None:
    assert may_edit(S.IN_REVIEW, 1, 1) and may_edit(S.NOTICE_SENT, 1, 1)
    assert not may_edit(S.IN_REVIEW, 1, 2)
    assert not may_edit(S.AWAITING_APPROVAL, 1, 1) and not may_edit(S.DONE, 1, 1)


def test_release_by_holder_supervisor_or_admin_before_the_proposal() -> None:
    assert may_release(S.IN_REVIEW, 1, 1, Role.EXAMINER)
    assert may_release(S.IN_REVIEW, 1, 2, Role.SUPERVISOR)
    assert may_release(S.NOTICE_SENT, 1, 3, Role.ADMIN)
    assert not may_release(S.IN_REVIEW, 1, 2, Role.EXAMINER)
    assert not may_release(S.AWAITING_APPROVAL, 1, 1, Role.EXAMINER)
    assert not may_release(S.IN_REVIEW, None, 1, Role.SUPERVISOR)


def test_four_eyes_a_supervisor_never_decides_their_own_work() -> None:
    assert may_decide(S.AWAITING_APPROVAL, 1, 1, 2, Role.SUPERVISOR)
    assert not may_decide(S.AWAITING_APPROVAL, 1, 2, 2, Role.SUPERVISOR)  # own proposal
    assert not may_decide(S.AWAITING_APPROVAL, 2, 1, 2, Role.SUPERVISOR)  # holds it
    assert not may_decide(S.AWAITING_APPROVAL, 1, 1, 2, Role.ADMIN)
    assert not may_decide(S.AWAITING_APPROVAL, 1, 1, 2, Role.EXAMINER)
    assert not may_decide(S.IN_REVIEW, 1, 1, 2, Role.SUPERVISOR)
    assert not may_decide(S.AWAITING_APPROVAL, 1, None, 2, Role.SUPERVISOR)
    assert is_own_work(2, 1, 2) and is_own_work(1, 2, 2) and not is_own_work(1, 1, 2)

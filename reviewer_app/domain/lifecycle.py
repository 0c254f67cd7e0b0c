"""A case's life: who may take, edit, propose, approve and return it, and the status each event
leads to (issue 7 §1). Pure rules over plain values; the services apply them inside their
transaction and the store keeps the status as these enum values.

::

    not_started --take--> in_review --notice--> notice_sent --resubmitted--> in_review
    in_review | notice_sent --propose--> awaiting_approval --approve--> done
                                          awaiting_approval --return--> in_review

Holding: an examiner or supervisor who opens an unassigned, unfinished case takes it. Editing
(income, document checks, notices, a proposal) is for the holder while the case is in review or
waiting for the member. Deciding (approve, return) is for a supervisor who neither holds the
case nor wrote its proposal (four eyes).
"""

from __future__ import annotations

from enum import StrEnum

from reviewer_app.domain.vocabulary import CaseStatus, Role


class Event(StrEnum):
    TAKE = "take"
    NOTICE = "notice"
    RESUBMITTED = "resubmitted"
    PROPOSE = "propose"
    APPROVE = "approve"
    RETURN = "return"


WORKING = frozenset({CaseStatus.IN_REVIEW, CaseStatus.NOTICE_SENT})
HOLDABLE = frozenset({CaseStatus.NOT_STARTED, *WORKING})
REVIEWERS = frozenset({Role.EXAMINER, Role.SUPERVISOR})

_NEXT: dict[tuple[Event, CaseStatus], CaseStatus] = {
    (Event.TAKE, CaseStatus.NOT_STARTED): CaseStatus.IN_REVIEW,
    (Event.TAKE, CaseStatus.IN_REVIEW): CaseStatus.IN_REVIEW,
    (Event.TAKE, CaseStatus.NOTICE_SENT): CaseStatus.NOTICE_SENT,
    (Event.NOTICE, CaseStatus.IN_REVIEW): CaseStatus.NOTICE_SENT,
    (Event.NOTICE, CaseStatus.NOTICE_SENT): CaseStatus.NOTICE_SENT,
    (Event.RESUBMITTED, CaseStatus.NOTICE_SENT): CaseStatus.IN_REVIEW,
    (Event.PROPOSE, CaseStatus.IN_REVIEW): CaseStatus.AWAITING_APPROVAL,
    (Event.PROPOSE, CaseStatus.NOTICE_SENT): CaseStatus.AWAITING_APPROVAL,
    (Event.APPROVE, CaseStatus.AWAITING_APPROVAL): CaseStatus.DONE,
    (Event.RETURN, CaseStatus.AWAITING_APPROVAL): CaseStatus.IN_REVIEW,
}


class TransitionRefused(ValueError):
    """The event does not apply to a case in this status."""

    def __init__(self, event: Event, status: CaseStatus) -> None:
        super().__init__(f"{event.value} does not apply to a case that is {status.value}")
        self.event, self.status = event, status


def next_status(event: Event, status: CaseStatus) -> CaseStatus:
    """The status after ``event``; raises :class:`TransitionRefused` where it does not apply."""
    try:
        return _NEXT[(event, status)]
    except KeyError:
        raise TransitionRefused(event, status) from None


def applies(event: Event, status: CaseStatus) -> bool:
    return (event, status) in _NEXT


def takes_on_open(status: CaseStatus, assignee_id: int | None, role: Role) -> bool:
    """Opening the case makes this user its holder."""
    return assignee_id is None and status in HOLDABLE and role in REVIEWERS


def may_edit(status: CaseStatus, assignee_id: int | None, user_id: int) -> bool:
    return assignee_id == user_id and status in WORKING


def may_release(status: CaseStatus, assignee_id: int | None, user_id: int, role: Role) -> bool:
    """The holder, a supervisor or an admin may hand a case in review back to the queue."""
    if assignee_id is None or status not in HOLDABLE:
        return False
    return assignee_id == user_id or role in (Role.SUPERVISOR, Role.ADMIN)


def may_decide(status: CaseStatus, assignee_id: int | None, proposer_id: int | None,
               user_id: int, role: Role) -> bool:
    """Approve or return: a supervisor, on a proposal that is not their own (four eyes)."""
    return (role is Role.SUPERVISOR and status is CaseStatus.AWAITING_APPROVAL
            and proposer_id is not None and proposer_id != user_id and assignee_id != user_id)


def is_own_work(assignee_id: int | None, proposer_id: int | None, user_id: int) -> bool:
    """The user holds the case or wrote its proposal: they may not also approve it."""
    return user_id in (assignee_id, proposer_id)

"""Non-submitters in bulk (issue 7 §4): propose their exclusion, approve a selection.

A dependent whose survey did not arrive by the submission deadline is excluded as of the date the
survey sets (RULES.md §6, seed 004: 令和6年9月1日付). Proposing each of hundreds of them by hand
is the same three clicks every time, so the examiner proposes a selection in one action and the
supervisor approves a selection in one action.

Nothing is bypassed: each case goes through :class:`~reviewer_app.services.casework.CaseService`
(``open_case`` takes it, ``evaluate``, ``propose``; ``approve``), so each gets its own decision,
its own audit event and the usual four-eyes record; a supervisor's own proposals are refused per
case. A case that cannot be handled (submitted after all, held by someone else, locked, changed,
a different verdict) is *skipped and reported*, never fatal to the rest. Each case is its own
transaction: a failure halfway leaves the cases before it done, as if proposed one by one.

Before the submission deadline has passed nothing is proposed at all (a member may still
submit): :class:`SubmissionDeadlineNotPassed`, and nothing changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import select

from reviewer_app.bundle.schema import MemberStatus
from reviewer_app.domain.lifecycle import HOLDABLE
from reviewer_app.domain.vocabulary import LABELS_EN, LABELS_JA, CaseStatus, Role, Verdict
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.errors import UserError, current_language
from reviewer_app.services import paper
from reviewer_app.services.case_errors import CaseHeldByOther, CaseLocked
from reviewer_app.services.casework import CaseService
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store.models import Case, Dependent, Survey, User

NON_SUBMISSION_RULE = "survey_not_submitted"
APPROVAL_COMMENT = "一括承認"


class Outcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class CaseOutcome:
    """What happened to one case: done (``code`` ``proposed`` / ``approved``, ``version`` the
    case's new version) or skipped (``code`` says why, ``reason_ja`` / ``reason_en`` in words)."""

    case_id: int
    outcome: Outcome
    code: str
    reason_ja: str = ""
    reason_en: str = ""
    version: int | None = None

    @property
    def done(self) -> bool:
        return self.outcome is Outcome.DONE

    def reason(self, lang: str | None = None) -> str:
        return self.reason_ja if (lang or current_language()) == "ja" else self.reason_en


@dataclass(frozen=True)
class BulkResult:
    """Every selected case's outcome, in the order of the selection."""

    outcomes: tuple[CaseOutcome, ...]

    @property
    def done(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self.outcomes if o.done)

    @property
    def skipped(self) -> tuple[CaseOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.done)

    @property
    def done_count(self) -> int:
        return len(self.done)

    @property
    def skipped_count(self) -> int:
        return len(self.skipped)


class SubmissionDeadlineNotPassed(UserError):
    def __init__(self, deadline: date) -> None:
        day = format_wareki(deadline)
        super().__init__(
            f"提出期限({day})を過ぎていないため、未提出者を除外で提案できません。"
            "期限の翌日以降にもう一度操作してください。何も変更していません。",
            f"The submission deadline ({deadline.isoformat()}) has not passed yet, so "
            "non-submitters cannot be proposed for exclusion. Try again after the deadline. "
            "Nothing was changed.",
            code="deadline_not_passed", subject="survey")
        self.deadline = deadline


def _skip(case_id: int, code: str, ja: str, en: str) -> CaseOutcome:
    return CaseOutcome(case_id, Outcome.SKIPPED, code, ja, en)


def _skip_error(case_id: int, exc: UserError) -> CaseOutcome:
    return _skip(case_id, exc.code, exc.ja, exc.en)


def _not_found(case_id: int) -> CaseOutcome:
    return _skip(case_id, "case_not_found", f"案件 {case_id} が見つかりません。",
                 f"Case {case_id} does not exist.")


def _unique(case_ids: Iterable[int]) -> list[int]:
    return list(dict.fromkeys(int(c) for c in case_ids))


def non_submission_comment(deadline: date) -> str:
    """The proposal's comment: 「調査票未提出(提出期限 令和6年8月25日)」."""
    return f"調査票未提出(提出期限 {format_wareki(deadline)})"


@dataclass(frozen=True)
class _Facts:
    status: str
    assignee_id: int | None
    assignee_name: str | None
    member_status: str
    deadline: date
    exclusion_date: date
    paper_since: date | None = None


def _facts(ws: WorkspaceSession, case_ids: list[int]
           ) -> tuple[dict[int, _Facts], date | None]:
    """The clear columns the selection is judged on, in one read."""
    with ws.transaction(readonly=True) as db:
        rows = db.execute(
            select(Case.id, Case.status, Case.assignee_id, User.name, Dependent.member_status,
                   Survey.submission_deadline, Survey.non_submission_exclusion_date,
                   Dependent.paper_since)
            .join(Dependent, Dependent.id == Case.dependent_id)
            .join(Survey, Survey.id == Case.survey_id)
            .outerjoin(User, User.id == Case.assignee_id)
            .where(Case.id.in_(case_ids))).all()
        paper_until = paper.paper_deadline(db)
    return {r[0]: _Facts(*r[1:]) for r in rows}, paper_until


def propose_exclusions(ws: WorkspaceSession, case_ids: Iterable[int],
                       today: date) -> BulkResult:
    """Propose 扶養除外 for every non-submitter of the selection, dated the survey's
    ``non_submission_exclusion_date`` (examiners and supervisors).

    Refuses the whole selection (:class:`SubmissionDeadlineNotPassed`, nothing changed) while
    ``today`` is on or before a selected case's submission deadline. Per case: a submitter, a
    case held by someone else or locked (awaiting approval, done), or one whose evaluation is
    not 除外 by ``survey_not_submitted`` on that date is skipped with the reason.
    """
    ws.require_role(Role.EXAMINER, Role.SUPERVISOR, action_ja="未提出者の除外の提案",
                    action_en="propose the exclusion of non-submitters")
    ids = _unique(case_ids)
    facts, paper_until = _facts(ws, ids)
    pending = [f.deadline for f in facts.values() if today <= f.deadline]
    if pending:
        raise SubmissionDeadlineNotPassed(max(pending))
    service = CaseService(ws)
    me = ws.user.id
    outcomes: list[CaseOutcome] = []
    for case_id in ids:
        fact = facts.get(case_id)
        if fact is None:
            outcomes.append(_not_found(case_id))
        elif fact.member_status != MemberStatus.NOT_SUBMITTED.value:
            outcomes.append(_skip(
                case_id, "submitted",
                f"案件 {case_id} は調査票が提出(または登録)されているため対象外です。"
                "案件を開いて審査してください。",
                f"The survey of case {case_id} was submitted (or registered), so it is not a "
                "non-submitter. Open the case and review it."))
        elif fact.paper_since is not None and (paper_until is None or today <= paper_until):
            # a paper survey is not a web non-submission (issue 14): only after the society's
            # own deadline for paper surveys, when one is set
            outcomes.append(_skip(
                case_id, "paper",
                f"案件 {case_id} の被扶養者は紙の調査票で回答します。紙の提出期限"
                + (f"（{format_wareki(paper_until)}）" if paper_until else "（未設定）")
                + "が過ぎるまでは未提出者として扱いません。",
                f"The dependent of case {case_id} answers on a paper survey; they are not a "
                "non-submitter before the paper deadline"
                + (f" ({paper_until.isoformat()})" if paper_until else " (not set)")
                + " has passed."))
        elif fact.assignee_id is not None and fact.assignee_id != me:
            outcomes.append(_skip_error(case_id, CaseHeldByOther(case_id, fact.assignee_name)))
        elif fact.status not in HOLDABLE:
            outcomes.append(_skip_error(case_id, CaseLocked(
                case_id, LABELS_JA[CaseStatus(fact.status)], LABELS_EN[CaseStatus(fact.status)],
                "除外の提案はできません", "it cannot be proposed for exclusion")))
        else:
            outcomes.append(_propose_one(service, case_id, fact))
    _audit_summary(ws, "cases.bulk_propose_exclusion", outcomes)
    return BulkResult(tuple(outcomes))


def _propose_one(service: CaseService, case_id: int, fact: _Facts) -> CaseOutcome:
    try:
        # Judged before taking the case, so a case that is skipped is not taken either.
        evaluation = service.evaluate(case_id)
        rule, day = evaluation.exclusion.rule, evaluation.exclusion.date
        if (evaluation.verdict != Verdict.EXCLUDE.value or rule != NON_SUBMISSION_RULE
                or day != fact.exclusion_date):
            return _skip(
                case_id, "evaluation_differs",
                f"案件 {case_id} の自動判定が「調査票未提出による"
                f"{format_wareki(fact.exclusion_date)}付の除外」ではありません。"
                "案件を開いて確かめてください。",
                f"The evaluation of case {case_id} is not an exclusion for non-submission as "
                f"of {fact.exclusion_date.isoformat()}. Open the case and check it.")
        detail = service.open_case(case_id)
        if detail.held_by_other:  # taken on another workstation since the selection was read
            return _skip_error(case_id, CaseHeldByOther(case_id, detail.assignee_name))
        version = service.propose(case_id, Verdict.EXCLUDE, fact.exclusion_date,
                                  non_submission_comment(fact.deadline), detail.version)
    except UserError as exc:
        return _skip_error(case_id, exc)
    return CaseOutcome(case_id, Outcome.DONE, "proposed", version=version)


def approve_many(ws: WorkspaceSession, case_ids: Iterable[int],
                 expected_versions: Mapping[int, int] | None = None) -> BulkResult:
    """Approve every case of the selection (supervisors), each through
    :meth:`CaseService.approve`: the supervisor's own proposals, cases not awaiting approval and
    cases whose evaluation changed are skipped with the reason. ``expected_versions`` (case id →
    the version the supervisor's list showed) skips a case changed since as stale."""
    ws.require_role(Role.SUPERVISOR, action_ja="判定の承認", action_en="approve verdicts")
    ids = _unique(case_ids)
    with ws.transaction(readonly=True) as db:
        versions = dict(db.execute(select(Case.id, Case.version).where(Case.id.in_(ids))).all())
    wanted = dict(expected_versions or {})
    service = CaseService(ws)
    outcomes: list[CaseOutcome] = []
    for case_id in ids:
        if case_id not in versions:
            outcomes.append(_not_found(case_id))
            continue
        try:
            version = service.approve(case_id, APPROVAL_COMMENT,
                                      wanted.get(case_id, versions[case_id]))
        except UserError as exc:
            outcomes.append(_skip_error(case_id, exc))
        else:
            outcomes.append(CaseOutcome(case_id, Outcome.DONE, "approved", version=version))
    _audit_summary(ws, "cases.bulk_approve", outcomes)
    return BulkResult(tuple(outcomes))


def _audit_summary(ws: WorkspaceSession, action: str, outcomes: list[CaseOutcome]) -> None:
    """Who ran a bulk action and how it went (the cases have their own events)."""
    if not outcomes:
        return
    codes: dict[str, int] = {}
    for o in outcomes:
        if not o.done:
            codes[o.code] = codes.get(o.code, 0) + 1
    with ws.transaction() as db:
        ws.audit(db, action, "cases", {
            "selected": len(outcomes), "done": sum(o.done for o in outcomes),
            "skipped": codes})

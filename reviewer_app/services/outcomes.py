"""What was decided, read once for every output: the results bundle, the exclusion list and the
letters (issue 7 §2, §5).

An *outcome* is the approved decision of a finished case: the verdict and exclusion date as the
supervisor approved them, the rule that set the date (from the evaluation stored with the
approval), the re-certification date where the evaluation found one, who proposed and who
approved, and when. :func:`people` opens the sealed personal data of the members and dependents
concerned, for the outputs that print names; callers ask for it only for the rows they write.

Nothing here writes; the caller audits what it produced.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from reviewer_app.domain.explain import RULE_JA
from reviewer_app.store.enums import CaseStatus, DecisionKind, Verdict
from reviewer_app.store.models import Case, Decision, Dependent, Member, User

# The rule code of an exclusion the examiner dated otherwise than the engine (a reasoned departure).
EXAMINER_JUDGEMENT = "examiner_judgement"
RULE_LABEL_JA: dict[str, str] = {**RULE_JA, EXAMINER_JUDGEMENT: "審査担当の判断(承認済み)"}
RULE_LABEL_EN: dict[str, str] = {
    "three_consecutive_months": "over the monthly limit three months in a row",
    "three_month_average": "three-month average over the monthly limit",
    "daily_benefit": "daily benefit at or over the limit",
    "age_75": "turned 75 (late-stage elderly medical care)",
    "survey_not_submitted": "survey not submitted",
    EXAMINER_JUDGEMENT: "examiner's judgement (approved)",
}


@dataclass(frozen=True)
class Outcome:
    case_id: int
    dependent_id: int
    member_id: int
    verdict: Verdict  # continue | exclude (an approval is never needs_review)
    exclusion_date: date | None
    rule: str | None  # a key of RULE_LABEL_JA for an exclusion, else None
    recertification_date: date | None
    proposed_by: str
    approved_by: str
    approved_at: datetime
    approval_id: int

    @property
    def rule_ja(self) -> str:
        return RULE_LABEL_JA.get(self.rule or "", "")


@dataclass(frozen=True)
class Person:
    """The printed identity of one dependent and their insured member (opened from the seal)."""

    card_symbol: str
    card_number: str
    insured_name: str
    insured_kana: str
    office_code: str
    office_name: str
    dependent_name: str
    dependent_kana: str
    birth_date: date
    relationship_label: str


def outcomes(db: Session, mk: bytes, *, verdict: Verdict | None = None,
             case_ids: Iterable[int] | None = None) -> list[Outcome]:
    """The approved outcome of every finished case (optionally of one verdict or some cases),
    ordered by case id. One query for the rows; the evaluation of each approval is opened to
    name the rule and the re-certification date."""
    approval = aliased(Decision)
    proposal = aliased(Decision)
    approver = aliased(User)
    proposer = aliased(User)
    stmt = (select(Case.id, Case.dependent_id, Dependent.member_id, approval, approver.name,
                   proposer.name)
            .join(Dependent, Dependent.id == Case.dependent_id)
            .join(approval, approval.case_id == Case.id)
            .join(approver, approver.id == approval.decided_by_id)
            .join(proposal, proposal.id == approval.proposal_id)
            .join(proposer, proposer.id == proposal.decided_by_id)
            .where(Case.status == CaseStatus.DONE.value,
                   approval.kind == DecisionKind.APPROVAL.value)
            .order_by(Case.id, approval.id))
    if verdict is not None:
        stmt = stmt.where(approval.verdict == verdict.value)
    if case_ids is not None:
        wanted = list(case_ids)
        if not wanted:
            return []
        stmt = stmt.where(Case.id.in_(wanted))
    latest: dict[int, Outcome] = {}
    for case_id, dependent_id, member_id, dec, approved_by, proposed_by in db.execute(stmt):
        snapshot: dict[str, Any] = dec.open_json_from("evaluation_sealed", mk) \
            if dec.evaluation_sealed is not None else {}
        evaluation = snapshot.get("evaluation", {})
        exclusion = evaluation.get("exclusion", {}) or {}
        recert = (evaluation.get("recertification", {}) or {}).get("date")
        rule: str | None = None
        if dec.verdict == Verdict.EXCLUDE.value:
            engine_date = exclusion.get("date")
            same = dec.exclusion_date is not None and engine_date == dec.exclusion_date.isoformat()
            rule = exclusion.get("rule") if same and exclusion.get("rule") else EXAMINER_JUDGEMENT
        latest[case_id] = Outcome(  # a later approval (after a return and a new proposal) wins
            case_id=case_id, dependent_id=dependent_id, member_id=member_id,
            verdict=Verdict(dec.verdict or Verdict.CONTINUE.value),
            exclusion_date=dec.exclusion_date, rule=rule,
            recertification_date=date.fromisoformat(recert)
            if recert and dec.verdict == Verdict.EXCLUDE.value else None,
            proposed_by=proposed_by, approved_by=approved_by, approved_at=dec.decided_at,
            approval_id=dec.id)
    return [latest[k] for k in sorted(latest)]


def people(db: Session, mk: bytes, dependent_ids: Iterable[int]) -> dict[int, Person]:
    """The opened personal data of each dependent (and their member), keyed by dependent id."""
    wanted = list(dict.fromkeys(dependent_ids))
    out: dict[int, Person] = {}
    members: dict[int, dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start:start + 500]
        for dep, member in db.execute(select(Dependent, Member)
                                      .join(Member, Member.id == Dependent.member_id)
                                      .where(Dependent.id.in_(chunk))):
            if member.id not in members:
                members[member.id] = member.personal(mk)
            ins = members[member.id]
            d = dep.personal(mk)
            out[dep.id] = Person(
                card_symbol=ins["card_symbol"], card_number=ins["card_number"],
                insured_name=ins["name"], insured_kana=ins["kana"],
                office_code=member.office_code, office_name=member.office_name,
                dependent_name=d["name"], dependent_kana=d["kana"],
                birth_date=date.fromisoformat(d["birth_date"]),
                relationship_label=dep.relationship_label)
    return out

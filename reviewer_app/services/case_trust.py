"""Signed decisions and notices, and the check that a case's state rests on them (issue 8 §1).

Signing
    Every proposal, approval and return (``decisions``) and every deficiency notice is signed by
    its author's key (security.statements, kinds ``decision`` and ``notice``). The body names the
    workspace, the case and its dependent, what was decided, who decided and when, the SHA-256
    of the evaluation as the author saw it (and of the comment, of the notice's items), and
    ``prev``: the hash of the case's previous decision. The body is kept beside the signature as
    canonical JSON; it holds ids, dates, verdicts and hashes, never a name or an amount.

Checking (:func:`check_cases`)
    A decision holds when its signature verifies with a key certified for its author, its body
    matches its row and its case (a row moved to another case or person fails), ``prev`` is the
    case's previous decision, and its author's grant at that moment allowed it: a proposal by an
    examiner or supervisor; an approval or return by a supervisor, of the case's last proposal,
    not by its author, and not by an account the author created (separation of duties, §7). The
    case's own columns must then agree with its decisions: 承認待ち only on a valid proposal, 完了
    only on a valid approval, the proposed verdict and date those of that proposal, 不備連絡中
    only after a valid notice. Decisions and notices written before signatures existed (ids up
    to the root grant's ``legacy`` marks) pass unsigned; any later unsigned row is a forgery.

What it refuses
    Approving or returning a case that does not hold; an export (exclusion list, letters,
    results) that would carry one. The window shows the problems on the case (CaseDetail.trust).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.errors import UserError
from reviewer_app.security import statements
from reviewer_app.services.authority import Authority
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store.enums import CaseStatus, DecisionKind, Role
from reviewer_app.store.models import Case, Decision, DeficiencyNotice

_CHUNK = 500


@dataclass(frozen=True)
class TrustProblem:
    """Why a case's record does not hold, for the examiner (ja/en) and the log (code)."""

    case_id: int
    code: str
    ja: str
    en: str

    def message(self, lang: str) -> str:
        return self.ja if lang == "ja" else self.en


# --- signing ----------------------------------------------------------------------------------


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    return value.isoformat()


def decision_body(workspace_id: str, row: Decision, dependent_id: int, prev: str,
                  evaluation_sha256: str | None, comment_sha256: str) -> dict[str, Any]:
    return {
        "workspace": workspace_id, "decision_id": row.id, "case_id": row.case_id,
        "dependent_id": dependent_id, "kind": row.kind, "verdict": row.verdict,
        "exclusion_date": _iso(row.exclusion_date), "proposal_id": row.proposal_id,
        "decided_by": row.decided_by_id, "decided_at": _iso(row.decided_at),
        "evaluation_sha256": evaluation_sha256, "comment_sha256": comment_sha256, "prev": prev,
    }


def notice_body(workspace_id: str, row: DeficiencyNotice, dependent_id: int, prev: str,
                items_sha256: str) -> dict[str, Any]:
    return {
        "workspace": workspace_id, "notice_id": row.id, "case_id": row.case_id,
        "dependent_id": dependent_id, "item_count": row.item_count,
        "reply_deadline": _iso(row.reply_deadline), "created_by": row.created_by_id,
        "created_at": _iso(row.created_at), "items_sha256": items_sha256, "prev": prev,
    }


def _last_decision_hash(db: Session, case_id: int, before: int | None = None) -> str:
    stmt = select(Decision.body_hash).where(Decision.case_id == case_id)
    if before is not None:
        stmt = stmt.where(Decision.id < before)
    found = db.scalar(stmt.order_by(Decision.id.desc()).limit(1))
    return found or statements.GENESIS


def sign_decision(ws: WorkspaceSession, db: Session, row: Decision, case: Case,
                  evaluation_plaintext: bytes | None, comment: str) -> None:
    """Sign a flushed decision row in place (its id and time are part of what is signed)."""
    body = decision_body(
        ws.workspace.workspace_id, row, case.dependent_id,
        _last_decision_hash(db, case.id, before=row.id),
        statements.sha256_hex(evaluation_plaintext) if evaluation_plaintext is not None
        else None, statements.sha256_hex(comment.encode("utf-8")))
    _sign_row(ws, row, statements.DECISION, body)


def sign_notice(ws: WorkspaceSession, db: Session, row: DeficiencyNotice, case: Case,
                items_plaintext: bytes) -> None:
    body = notice_body(ws.workspace.workspace_id, row, case.dependent_id,
                       _last_decision_hash(db, case.id), statements.sha256_hex(items_plaintext))
    _sign_row(ws, row, statements.NOTICE, body)


def _sign_row(ws: WorkspaceSession, row: Decision | DeficiencyNotice, kind: str,
              body: dict[str, Any]) -> None:
    key = ws.signing_key()
    row.signed_body = statements.canonical(body).decode("utf-8")
    row.body_hash = statements.statement_hash(kind, body)
    row.signer_key_id = ws.keys.key_id if ws.keys is not None else None
    row.signature = statements.sign(key, kind, body)


# --- checking ---------------------------------------------------------------------------------

_ALLOWED: dict[str, tuple[Role, ...]] = {
    DecisionKind.PROPOSAL.value: (Role.EXAMINER, Role.SUPERVISOR),
    DecisionKind.APPROVAL.value: (Role.SUPERVISOR,),
    DecisionKind.RETURN.value: (Role.SUPERVISOR,),
}


def check_cases(db: Session, cases: list[Case], authority: Authority, workspace_id: str,
                master_key: bytes | None = None) -> dict[int, list[TrustProblem]]:
    """The problems of each case (an empty list when its record holds). With the master key,
    each decision's evaluation hash is checked against its sealed evaluation too."""
    out: dict[int, list[TrustProblem]] = {}
    for start in range(0, len(cases), _CHUNK):
        chunk = cases[start:start + _CHUNK]
        ids = [c.id for c in chunk]
        decisions: dict[int, list[Decision]] = defaultdict(list)
        for d in db.scalars(select(Decision).where(Decision.case_id.in_(ids))
                            .order_by(Decision.id)):
            decisions[d.case_id].append(d)
        notices: dict[int, list[DeficiencyNotice]] = defaultdict(list)
        for n in db.scalars(select(DeficiencyNotice).where(DeficiencyNotice.case_id.in_(ids))
                            .order_by(DeficiencyNotice.id)):
            notices[n.case_id].append(n)
        for case in chunk:
            out[case.id] = _CaseCheck(case, authority, workspace_id, master_key).run(
                decisions[case.id], notices[case.id])
    return out


def check_case(ws: WorkspaceSession, db: Session, case: Case) -> list[TrustProblem]:
    authority = ws.reload_authority(db)
    return check_cases(db, [case], authority, ws.workspace.workspace_id, ws.master_key)[case.id]


class _CaseCheck:
    def __init__(self, case: Case, authority: Authority, workspace_id: str,
                 master_key: bytes | None) -> None:
        self.case, self.authority, self.workspace_id = case, authority, workspace_id
        self.master_key = master_key
        self.problems: list[TrustProblem] = []

    def _problem(self, code: str, ja: str, en: str) -> None:
        self.problems.append(TrustProblem(self.case.id, code, ja, en))

    def run(self, decisions: list[Decision],
            notices: list[DeficiencyNotice]) -> list[TrustProblem]:
        valid: list[Decision] = []
        prev = statements.GENESIS
        proposal: Decision | None = None
        for row in decisions:
            ok = self._decision(row, prev, proposal)
            if row.body_hash is not None:
                prev = row.body_hash
            if ok:
                valid.append(row)
                if row.kind == DecisionKind.PROPOSAL.value:
                    proposal = row
                elif row.kind == DecisionKind.RETURN.value:
                    proposal = None
        valid_notices = [n for n in notices if self._notice(n, decisions)]
        self._state(decisions, valid, valid_notices)
        return self.problems

    # -- one decision ---------------------------------------------------------------------

    def _signed(self, row: Decision | DeficiencyNotice, kind: str, author_id: int,
                legacy_upto: int, where_ja: str, where_en: str) -> dict[str, Any] | bool:
        """The row's signed body when its signature verifies with a key certified for its
        author; True for an unsigned row from before signatures (the root grant says up to
        where), False (with the problem noted) otherwise."""
        if row.signature is None:
            if row.id <= legacy_upto:
                return True
            self._problem(f"unsigned_{kind}", f"{where_ja}に署名がありません（偽造のおそれ）",
                          f"{where_en} is not signed (possibly forged)")
            return False
        body = self._body(row.signed_body)
        public = self.authority.public_key(row.signer_key_id or "", author_id)
        if (body is None or public is None or row.body_hash != statements.statement_hash(kind, body)
                or not statements.verify(public, kind, body, row.signature)):
            self._problem(f"bad_{kind}_signature",
                          f"{where_ja}の署名が、記録された作成者の鍵で検証できません",
                          f"the signature of {where_en} does not verify with its author's key")
            return False
        return body

    def _decision(self, row: Decision, prev: str, proposal: Decision | None) -> bool:
        where_ja, where_en = f"判定記録 {row.id}", f"decision {row.id}"
        body = self._signed(row, statements.DECISION, row.decided_by_id,
                            self.authority.legacy_decisions, where_ja, where_en)
        if not isinstance(body, dict):
            return body
        expected = decision_body(self.workspace_id, row, self.case.dependent_id, prev,
                                 body.get("evaluation_sha256"), str(body.get("comment_sha256")))
        if body != expected:
            self._problem("decision_altered",
                          f"{where_ja}が署名後に書き換えられたか、別の案件・人に移されています",
                          f"{where_en} was altered after signing or moved to another case or "
                          "person")
            return False
        if not self._evaluation_matches(row, body):
            return False
        return self._authorised(row, proposal)

    def _evaluation_matches(self, row: Decision, body: dict[str, Any]) -> bool:
        if self.master_key is None or row.evaluation_sealed is None:
            return True
        try:
            plaintext = row.open_from("evaluation_sealed", self.master_key)
        except ValueError:
            plaintext = b""
        if statements.sha256_hex(plaintext) != body.get("evaluation_sha256"):
            self._problem("evaluation_replaced",
                          f"判定記録 {row.id} の判定時の計算結果が署名と一致しません",
                          f"the evaluation stored with decision {row.id} is not the signed one")
            return False
        return True

    def _authorised(self, row: Decision, proposal: Decision | None) -> bool:
        state = self.authority.state_at(row.decided_by_id, row.decided_at)
        allowed = _ALLOWED.get(row.kind, ())
        if state is None or not state.may(*allowed):
            self._problem("not_authorised",
                          f"判定記録 {row.id} の判定者には、その時点でこの判定をする権限が"
                          "ありません",
                          f"the author of decision {row.id} had no right to make it then")
            return False
        if row.kind == DecisionKind.PROPOSAL.value:
            return True
        if proposal is None or row.proposal_id != proposal.id:
            self._problem("no_proposal",
                          f"判定記録 {row.id} は、この案件の最新の判定案に対するものではありません",
                          f"decision {row.id} does not answer the case's latest proposal")
            return False
        if row.decided_by_id == proposal.decided_by_id:
            self._problem("self_approval", f"判定記録 {row.id} は判定案の作成者自身によるものです",
                          f"decision {row.id} was made by the proposal's own author")
            return False
        if state.created_by is not None and state.created_by == proposal.decided_by_id:
            self._problem("created_by_proposer",
                          f"判定記録 {row.id} の承認者のアカウントは、判定案の作成者が作ったもの"
                          "です（職務の分離）",
                          f"the account that made decision {row.id} was created by the "
                          "proposal's author (separation of duties)")
            return False
        return True

    # -- one notice -----------------------------------------------------------------------

    def _notice(self, row: DeficiencyNotice, decisions: list[Decision]) -> bool:
        where_ja, where_en = f"不備連絡 {row.id}", f"notice {row.id}"
        body = self._signed(row, statements.NOTICE, row.created_by_id,
                            self.authority.legacy_notices, where_ja, where_en)
        if not isinstance(body, dict):
            return body
        before = [d for d in decisions if d.decided_at <= row.created_at and d.body_hash]
        prev = before[-1].body_hash if before else statements.GENESIS
        expected = notice_body(self.workspace_id, row, self.case.dependent_id,
                               prev or statements.GENESIS, str(body.get("items_sha256")))
        if body != expected:
            self._problem("notice_altered",
                          f"{where_ja}が署名後に書き換えられたか、別の案件に移されています",
                          f"{where_en} was altered after signing or moved to another case")
            return False
        if self.master_key is not None and row.items_sealed is not None:
            try:
                plaintext = row.open_from("items_sealed", self.master_key)
            except ValueError:
                plaintext = b""
            if statements.sha256_hex(plaintext) != body.get("items_sha256"):
                self._problem("notice_items_replaced", f"{where_ja}の項目が署名と一致しません",
                              f"the items of {where_en} are not the signed ones")
                return False
        state = self.authority.state_at(row.created_by_id, row.created_at)
        if state is None or not state.may(Role.EXAMINER, Role.SUPERVISOR):
            self._problem("not_authorised", f"{where_ja}の作成者に権限がありません",
                          f"the author of {where_en} had no right to record it")
            return False
        return True

    # -- the case's columns -----------------------------------------------------------------

    def _state(self, decisions: list[Decision], valid: list[Decision],
               notices: list[DeficiencyNotice]) -> None:
        case, status = self.case, CaseStatus(self.case.status)
        last = decisions[-1] if decisions else None
        last_valid = last is not None and last in valid
        wanted = {CaseStatus.AWAITING_APPROVAL: DecisionKind.PROPOSAL.value,
                  CaseStatus.DONE: DecisionKind.APPROVAL.value}.get(status)
        if wanted is not None:
            if last is None or not last_valid or last.kind != wanted:
                self._problem(
                    "status_unsupported",
                    f"状態「{'承認待ち' if wanted == 'proposal' else '完了'}」を裏付ける署名済みの"
                    "判定がありません",
                    f"no valid signed decision supports the status {status.value}")
                return
            proposal = last if wanted == DecisionKind.PROPOSAL.value else next(
                (d for d in valid if d.id == last.proposal_id), None)
            if proposal is None or (case.proposed_verdict, case.proposed_exclusion_date) != (
                    proposal.verdict, proposal.exclusion_date):
                self._problem("proposal_columns_altered",
                              "案件の判定案（判定・除外日）が署名された判定案と異なります",
                              "the case's proposed verdict or date differs from the signed "
                              "proposal")
        elif last is not None and last.kind in (DecisionKind.PROPOSAL.value,
                                                DecisionKind.APPROVAL.value) and last_valid:
            self._problem("status_rolled_back",
                          "署名済みの判定があるのに、案件の状態が戻されています",
                          f"the case has a signed {last.kind} but its status is {status.value}")
        if status is CaseStatus.NOTICE_SENT and not any(
                last is None or n.created_at >= last.decided_at for n in notices):
            self._problem("notice_unsupported",
                          "状態「不備連絡中」を裏付ける署名済みの不備連絡がありません",
                          "no valid signed notice supports the status notice_sent")

    @staticmethod
    def _body(text: str | None) -> dict[str, Any] | None:
        if text is None:
            return None
        try:
            body = json.loads(text)
        except ValueError:
            return None
        return body if isinstance(body, dict) else None


class CaseRecordInvalid(UserError):
    """A case's decisions or status do not rest on valid signatures: refused, not acted on."""

    def __init__(self, problems: list[TrustProblem]) -> None:
        cases = sorted({p.case_id for p in problems})
        listed = "、".join(str(c) for c in cases[:20]) + ("…" if len(cases) > 20 else "")
        first = problems[0]
        super().__init__(
            f"案件 {listed} の判定の記録が検証できません（{first.ja}）。記録が書き換えられた"
            "おそれがあるため、この操作は行いません。管理者に連絡し、reviewer-app audit verify "
            "で確かめてもらってください。",
            f"The decision record of case {listed} does not verify ({first.en}). It may have "
            "been altered, so this is not done. Contact your administrator to check it with "
            "reviewer-app audit verify.", code="case_record_invalid",
            subject=f"case:{cases[0]}")
        self.problems = problems


def require_trusted(ws: WorkspaceSession, db: Session, case_ids: list[int]) -> None:
    """Refuse (:class:`CaseRecordInvalid`) when any of these cases' records does not hold: an
    export never carries a forged approval or notice to the society or the members."""
    if not case_ids:
        return
    authority = ws.reload_authority(db)
    problems: list[TrustProblem] = []
    for start in range(0, len(case_ids), _CHUNK):
        cases = list(db.scalars(select(Case).where(Case.id.in_(case_ids[start:start + _CHUNK]))))
        for found in check_cases(db, cases, authority, ws.workspace.workspace_id,
                                 ws.master_key).values():
            problems += found
    if problems:
        raise CaseRecordInvalid(problems)

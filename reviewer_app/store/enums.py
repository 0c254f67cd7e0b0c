"""The closed vocabularies stored in the database (as their string values).

The database keeps the English code (``CHECK`` constraints list them); the UI shows the Japanese
label from :data:`LABELS_JA` or its own translation.
"""

from __future__ import annotations

from enum import StrEnum

from reviewer_app.domain.lifecycle import CaseStatus, Role

__all__ = ["LABELS_JA", "CaseStatus", "DecisionKind", "DocumentVerdict", "Role", "Verdict",
           "check_in"]


class Verdict(StrEnum):
    CONTINUE = "continue"  # 扶養継続
    EXCLUDE = "exclude"  # 扶養除外
    NEEDS_REVIEW = "needs_review"  # 要確認


class DecisionKind(StrEnum):
    PROPOSAL = "proposal"  # 一次チェック: the examiner proposes
    APPROVAL = "approval"  # 最終チェック: the supervisor approves
    RETURN = "return"  # 差し戻し: the supervisor returns it to the examiner


class DocumentVerdict(StrEnum):
    UNCHECKED = "unchecked"
    OK = "ok"
    DEFICIENT = "deficient"


LABELS_JA: dict[str, str] = {
    Role.EXAMINER: "審査担当",
    Role.SUPERVISOR: "承認者",
    Role.ADMIN: "管理者",
    CaseStatus.NOT_STARTED: "未着手",
    CaseStatus.IN_REVIEW: "審査中",
    CaseStatus.NOTICE_SENT: "不備連絡中",
    CaseStatus.AWAITING_APPROVAL: "承認待ち",
    CaseStatus.DONE: "完了",
    Verdict.CONTINUE: "扶養継続",
    Verdict.EXCLUDE: "扶養除外",
    Verdict.NEEDS_REVIEW: "要確認",
}


def check_in(column: str, values: type[StrEnum]) -> str:
    """SQL for a CHECK constraint limiting ``column`` to the enum's values."""
    listed = ", ".join(f"'{v.value}'" for v in values)
    return f"{column} IN ({listed})"

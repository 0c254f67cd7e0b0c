"""Display texts of the queue: statuses, verdicts and relationships in the user's language.

Through ``QCoreApplication.translate`` (context ``QueueLabels``) with Japanese source text, so
``pyside6-lupdate`` extracts them.
"""

from __future__ import annotations

from reviewer_app.store.enums import CaseStatus, Verdict
from reviewer_app.ui.qt import QtCore


def _t(text: str) -> str:
    return QtCore.QCoreApplication.translate("QueueLabels", text)


def status_label(status: CaseStatus | str) -> str:
    return {
        CaseStatus.NOT_STARTED: _t("未着手"),
        CaseStatus.IN_REVIEW: _t("審査中"),
        CaseStatus.NOTICE_SENT: _t("不備連絡中"),
        CaseStatus.AWAITING_APPROVAL: _t("承認待ち"),
        CaseStatus.DONE: _t("完了"),
    }.get(CaseStatus(status), str(status))


def verdict_label(verdict: Verdict | str | None) -> str:
    if verdict is None:
        return ""
    return {
        Verdict.CONTINUE: _t("扶養継続"),
        Verdict.EXCLUDE: _t("扶養除外"),
        Verdict.NEEDS_REVIEW: _t("要確認"),
    }.get(Verdict(verdict), str(verdict))


RELATIONSHIPS = ("spouse", "child", "parent", "grandparent", "grandchild", "sibling", "other")


def relationship_label(code: str) -> str:
    return {
        "spouse": _t("配偶者"),
        "child": _t("子"),
        "parent": _t("父母"),
        "grandparent": _t("祖父母"),
        "grandchild": _t("孫"),
        "sibling": _t("兄弟姉妹"),
        "other": _t("その他"),
    }.get(code, code)


# Colours of the status chips and cells (background, text): calm, readable, AA contrast.
STATUS_COLOURS: dict[CaseStatus, tuple[str, str]] = {
    CaseStatus.NOT_STARTED: ("#eef1f4", "#3d4752"),
    CaseStatus.IN_REVIEW: ("#e3eefc", "#1c4f8f"),
    CaseStatus.NOTICE_SENT: ("#fff1d6", "#7a4d00"),
    CaseStatus.AWAITING_APPROVAL: ("#efe5fb", "#5b2d91"),
    CaseStatus.DONE: ("#e2f4e6", "#1e6b33"),
}

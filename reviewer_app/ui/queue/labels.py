"""Display texts of the queue: statuses, verdicts and relationships in the user's language.

Through ``QCoreApplication.translate`` (context ``QueueLabels``) with Japanese source text, so
``pyside6-lupdate`` extracts them.
"""

from __future__ import annotations

from reviewer_app.services.enums import CaseStatus, Verdict
from reviewer_app.services.queue import QueueView
from reviewer_app.ui.qt import QtCore


def status_label(status: CaseStatus | str) -> str:
    return {
        CaseStatus.NOT_STARTED: QtCore.QCoreApplication.translate("QueueLabels", "未着手"),
        CaseStatus.IN_REVIEW: QtCore.QCoreApplication.translate("QueueLabels", "審査中"),
        CaseStatus.NOTICE_SENT: QtCore.QCoreApplication.translate("QueueLabels", "不備連絡中"),
        CaseStatus.AWAITING_APPROVAL: QtCore.QCoreApplication.translate("QueueLabels", "承認待ち"),
        CaseStatus.DONE: QtCore.QCoreApplication.translate("QueueLabels", "完了"),
    }.get(CaseStatus(status), str(status))


def verdict_label(verdict: Verdict | str | None) -> str:
    if verdict is None:
        return ""
    return {
        Verdict.CONTINUE: QtCore.QCoreApplication.translate("QueueLabels", "扶養継続"),
        Verdict.EXCLUDE: QtCore.QCoreApplication.translate("QueueLabels", "扶養除外"),
        Verdict.NEEDS_REVIEW: QtCore.QCoreApplication.translate("QueueLabels", "要確認"),
    }.get(Verdict(verdict), str(verdict))


def view_label(view: QueueView | str) -> str:
    return {
        QueueView.NOT_SUBMITTED: QtCore.QCoreApplication.translate("QueueLabels", "未提出"),
        QueueView.RESUBMITTED: QtCore.QCoreApplication.translate("QueueLabels", "再提出あり"),
        QueueView.OVERDUE: QtCore.QCoreApplication.translate("QueueLabels", "期限切れ"),
    }.get(QueueView(view), str(view))


RELATIONSHIPS = ("spouse", "child", "parent", "grandparent", "grandchild", "sibling", "other")


def relationship_label(code: str) -> str:
    return {
        "spouse": QtCore.QCoreApplication.translate("QueueLabels", "配偶者"),
        "child": QtCore.QCoreApplication.translate("QueueLabels", "子"),
        "parent": QtCore.QCoreApplication.translate("QueueLabels", "父母"),
        "grandparent": QtCore.QCoreApplication.translate("QueueLabels", "祖父母"),
        "grandchild": QtCore.QCoreApplication.translate("QueueLabels", "孫"),
        "sibling": QtCore.QCoreApplication.translate("QueueLabels", "兄弟姉妹"),
        "other": QtCore.QCoreApplication.translate("QueueLabels", "その他"),
    }.get(code, code)


# Colours of the status chips and cells (background, text): calm, readable, AA contrast.
STATUS_COLOURS: dict[CaseStatus, tuple[str, str]] = {
    CaseStatus.NOT_STARTED: ("#eef1f4", "#3d4752"),
    CaseStatus.IN_REVIEW: ("#e3eefc", "#1c4f8f"),
    CaseStatus.NOTICE_SENT: ("#fff1d6", "#7a4d00"),
    CaseStatus.AWAITING_APPROVAL: ("#efe5fb", "#5b2d91"),
    CaseStatus.DONE: ("#e2f4e6", "#1e6b33"),
}

"""The window's colours, in one place (issue 12 §7): light backgrounds with dark text, chosen for
AA contrast; a colour that means something (over the limit, missing, deficient) means it on every
tab. Style sheets use ``colour.name()``.
"""

from __future__ import annotations

from reviewer_app.domain.vocabulary import CaseStatus, Verdict
from reviewer_app.ui.qt import QtGui

C = QtGui.QColor

# --- text -----------------------------------------------------------------------------------------
TEXT = C("#3d4752")
SECONDARY_TEXT = C("#5b6b7a")  # hints, months after the target year
ERROR_TEXT = C("#a1261c")

# --- the case's status chip, in the queue and the case header: (background, text) -----------------
STATUS_COLOURS: dict[CaseStatus, tuple[str, str]] = {
    CaseStatus.NOT_STARTED: ("#eef1f4", "#3d4752"),
    CaseStatus.IN_REVIEW: ("#e3eefc", "#1c4f8f"),
    CaseStatus.NOTICE_SENT: ("#fff1d6", "#7a4d00"),
    CaseStatus.AWAITING_APPROVAL: ("#efe5fb", "#5b2d91"),
    CaseStatus.DONE: ("#e2f4e6", "#1e6b33"),
}
UPDATED_BG, UPDATED_FG = C("#fde7e4"), C("#a1261c")  # the queue's 更新 cell

# --- banners above the case's tabs: (background, text) --------------------------------------------
BANNER = ("#fff1d6", "#6b4400")  # read-only, re-submitted, overdue
TRUST_BANNER = ("#fde7e4", "#8a1c12")  # the case's signed record does not hold

# --- findings and document checks ----------------------------------------------------------------
WARN_BG, WARN_FG = C("#fdecea"), C("#8a1c12")
INFO_BG, INFO_FG = C("#e8f1fb"), C("#0b4a8b")
OK_BG, OK_FG = C("#e7f5e9"), C("#1e5e2a")

# --- the evaluation: verdict (text, background) and each check's result colour --------------------
VERDICT_COLOURS: dict[Verdict, tuple[str, str]] = {
    Verdict.CONTINUE: ("#1e7b34", "#e3f4e6"),
    Verdict.EXCLUDE: ("#a1261c", "#fbe3e1"),
    Verdict.NEEDS_REVIEW: ("#8a5a00", "#fff1c2"),
}
NO_VERDICT = ("#5b6b7a", "#eef1f4")  # 判定できません, 未入力
RESULT_COLOURS = {"pass": "#1e7b34", "fail": "#a1261c", "review": "#8a5a00"}
UNKNOWN = "#333333"

# --- the month grid ------------------------------------------------------------------------------
OVER_BG, OVER_FG = C("#fbe3e1"), C("#a1261c")
MISSING_BG, MISSING_FG = C("#fff6d6"), C("#8a6d1d")
RECERT_BG = C("#e4f4e6")
RUN_OUTLINE = C("#c0392b")  # the months that gave the exclusion date

# --- charts (the income chart and the progress chart) ---------------------------------------------
BAR_WITHIN = C("#4a7fb5")
BAR_OVER = C("#d64541")
BAR_MISSING = C("#9aa5b1")
RUN_BAND = C("#fde9c4")
RECERT_BAND = C("#dff3e3")
LIMIT_LINE = C("#a1261c")
CHART_GRID = C("#e3e7eb")
CHART_TEXT = TEXT
PROPOSED = C("#7b4fc0")
DONE = C("#1e8a43")
DONE_FILL = C(30, 138, 67, 40)
TOTAL = C("#6b7785")
DEADLINE = C("#c0392b")
TODAY = C("#2f6fb3")

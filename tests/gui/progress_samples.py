"""Hand-made progress reports for the page's tests and screenshot (no database needed)."""

from __future__ import annotations

from datetime import date, timedelta

from reviewer_app.services.progress import (
    HolderProgress,
    NoticeProgress,
    OfficeProgress,
    ProgressReport,
    SeriesPoint,
    StatusCounts,
    SurveyInfo,
    VerdictCounts,
)

SURVEY = SurveyInfo(1, "令和6年度 被扶養者資格調査", 2024, date(2024, 7, 1), date(2024, 8, 25),
                    date(2024, 9, 1))
OFFICES = ["本社", "大阪支店", "名古屋支店", "福岡支店", "札幌営業所", "仙台営業所",
           "広島営業所", "横浜工場", "京都研究所", "神戸物流センター"]


def sample_report(scale: int = 1, today: date = date(2024, 9, 20),
                  days: int | None = None) -> ProgressReport:
    """A season of ``scale`` × 1,000 cases, with a plausible S-curve of proposals and approvals."""
    status = StatusCounts(not_started=120 * scale, in_review=180 * scale,
                          notice_sent=90 * scale, awaiting_approval=60 * scale,
                          done=550 * scale)
    span = (today - SURVEY.answer_start).days if days is None else days
    start = today - timedelta(days=span)
    series = []
    for k in range(span + 1):
        share = min(1.0, (k / max(span, 1)) ** 1.6)
        series.append(SeriesPoint(start + timedelta(days=k),
                                  int((status.done + status.awaiting_approval) * share),
                                  int(status.done * max(0.0, share * 1.05 - 0.05))))
    holders = tuple(
        HolderProgress(i, name, StatusCounts(0, 30 * scale, 15 * scale, 10 * scale,
                                             (90 + 2 * i) * scale))
        for i, name in enumerate(["佐藤（審査1課）", "suzuki", "takahashi", "tanaka",
                                  "watanabe"], 1))
    offices = tuple(OfficeProgress(f"{i:03d}", name, (150 - 10 * i) * scale,
                                   (80 - 6 * i) * scale)
                    for i, name in enumerate(OFFICES, 1))
    return ProgressReport(
        survey=SURVEY, today=today, by_status=status,
        done_by_verdict=VerdictCounts(continued=500 * scale, excluded=48 * scale, other=2 * scale),
        holders=holders, unassigned=StatusCounts(not_started=120 * scale),
        offices=offices, notices=NoticeProgress(outstanding=70 * scale, overdue=25 * scale,
                                                answered=20 * scale),
        non_submitters=40 * scale, series=tuple(series))

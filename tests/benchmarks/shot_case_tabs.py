"""Render the 調査票, 書類 and 不備連絡 tabs once each to PNG, to look at them.

    uv run python tests/benchmarks/shot_case_tabs.py [OUT_DIR]

Uses the sample case from ``tests/unit/review/builders.py`` (several findings, a missing pension
notice, a bonus slip 未提出で進める) with two rows marked: payslips deficient, bonus slip OK.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from answer_views import show_answers, show_documents
from unit.review.builders import TARGET_YEAR, sample_case

from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview, build_notice
from reviewer_app.ui.case.answers_tab import AnswersTab
from reviewer_app.ui.case.documents_tab import DocumentsTab
from reviewer_app.ui.case.notice_tab import NoticeTab
from reviewer_app.ui.fonts import ensure_japanese_font
from reviewer_app.ui.qt import QtWidgets

TODAY = date(2024, 10, 1)
SIZE = (720, 900)


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication(sys.argv)
    assert isinstance(app, QtWidgets.QApplication)
    ensure_japanese_font(app)
    insured, dependent = sample_case()

    answers = AnswersTab()
    answers.resize(*SIZE)
    show_answers(answers, insured, dependent, TARGET_YEAR)

    documents = DocumentsTab()
    documents.resize(*SIZE)
    show_documents(documents, dependent, TARGET_YEAR)
    reviews = [
        DocumentReview("d-payslip", ReviewStatus.DEFICIENT, DeficiencyReason.MONTHS_MISSING,
                       "3月分と4月分がありません"),
        DocumentReview("d-bonus_slip", ReviewStatus.OK),
    ]
    documents.set_reviews(reviews)
    documents.select_row(0)

    notice = NoticeTab(clock=lambda: TODAY)
    notice.resize(*SIZE)
    notice.set_case(documents.statuses(), reviews, insured_name=insured.name,
                    dependent_name=dependent.name, insurer_name="オムロン健康保険組合",
                    target_year=TARGET_YEAR)
    earlier = build_notice(reviews[:1], documents.statuses(), date(2024, 9, 30),
                           issued_on=date(2024, 9, 16), target_year=TARGET_YEAR)
    notice.set_notices([earlier])

    for name, widget in (("answers", answers), ("documents", documents), ("notice", notice)):
        widget.show()
        app.processEvents()
        path = out / f"case_{name}.png"
        widget.grab().save(str(path))
        print(path)


if __name__ == "__main__":
    main()

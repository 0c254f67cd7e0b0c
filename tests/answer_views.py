"""What the case service hands the 調査票 and 書類 tabs, made from the review tests' answers
(``unit.review.builders``), as :meth:`CaseService.open_case` makes it from a stored submission."""

from __future__ import annotations

from reviewer_app.bundle import schema
from reviewer_app.review.inconsistencies import Finding, find_inconsistencies
from reviewer_app.review.requirements import DocumentStatus
from reviewer_app.services.case_views import DependentView, InsuredView, document_statuses
from reviewer_app.ui.case.answers_tab import AnswersTab
from reviewer_app.ui.case.documents_tab import DocumentsTab


def findings_of(insured: schema.Insured, dependent: schema.Dependent,
                target_year: int) -> list[Finding]:
    # no deadline or day given: the findings that do not depend on them
    return find_inconsistencies(insured, dependent, target_year)


def show_answers(tab: AnswersTab, insured: schema.Insured, dependent: schema.Dependent,
                 target_year: int) -> None:
    tab.set_case(InsuredView.of(insured), DependentView.of(dependent), target_year,
                 findings=findings_of(insured, dependent, target_year))


def show_documents(tab: DocumentsTab, dependent: schema.Dependent, target_year: int) -> None:
    tab.set_statuses(statuses_of(dependent, target_year))


def statuses_of(dependent: schema.Dependent, target_year: int) -> list[DocumentStatus]:
    return document_statuses(dependent, target_year)

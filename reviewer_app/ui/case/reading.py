"""What the documents' readings do on the case page (issue 11; issue 13 "the document follows
the work"): the suggested amounts go to 収入 and the proposals to 書類, My Numbers are masked in
the viewer until an audited reveal, the viewer shows the page of the month under the grid's
cursor without taking the focus, and Alt+PgUp/PgDn page through the documents from anywhere.

:class:`DocumentReading` owns the :class:`~reviewer_app.ui.case.suggestions.SuggestionFeed` (None
for a user who may not see readings, or when reading is switched off) and is told by the case
view which case is on screen.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from reviewer_app.domain.dates import YearMonth
from reviewer_app.services.case_views import CaseDetail
from reviewer_app.services.suggestions import (
    READ_KINDS,
    AcceptedSuggestion,
    CaseSuggestions,
    Confirmation,
    MonthSuggestion,
)
from reviewer_app.ui.case.suggestions import SuggestionFeed
from reviewer_app.ui.case.tabs import CaseTabs
from reviewer_app.ui.decision_tab import ask_confirmation
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets
from reviewer_app.ui.tasks import show_failure
from reviewer_app.ui.viewer import DocumentViewer

Box = tuple[float, float, float, float]


class DocumentReading(QtCore.QObject):
    """Ties ``feed`` (may be None) to the viewer and the tabs of ``page`` (the case view, whose
    shown case ``detail()`` returns)."""

    def __init__(self, feed: SuggestionFeed | None, viewer: DocumentViewer, tabs: CaseTabs,
                 page: QtWidgets.QWidget, detail: Callable[[], CaseDetail | None]) -> None:
        super().__init__(page)
        self.feed, self._viewer, self._tabs, self._page = feed, viewer, tabs, page
        self._detail = detail
        income = tabs.income_tab
        if feed is not None:
            feed.arrived.connect(self._on_suggestions)
            feed.confirmed.connect(self._on_confirmations)
            feed.failed.connect(self._on_failed)
        income.monthFocused.connect(self.follow_month)
        viewer.pageShown.connect(
            lambda attachment_id, page_index, _exact: income.page_seen(int(attachment_id),
                                                                       page_index + 1))
        viewer.revealRequested.connect(self._reveal_my_number)
        tabs.documents_tab.showDocumentRequested.connect(self.show_document)
        for text, keys, step in ((self.tr("次のページ（書類をまたいで）"), "Alt+PgDown", 1),
                                 (self.tr("前のページ（書類をまたいで）"), "Alt+PgUp", -1)):
            action = QtGui.QAction(text, page)
            action.setShortcut(QtGui.QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(functools.partial(viewer.step_page, step))
            page.addAction(action)

    # --- the case on screen -------------------------------------------------------------------

    def open(self, detail: CaseDetail) -> None:
        """Another case is shown: forget the last one's readings and read this one's."""
        self._tabs.income_tab.suggested.clear()
        self._viewer.set_masks({})
        self._tabs.documents_tab.set_proposals(())
        if self.feed is not None:
            # payslips and bonus slips stay covered until checked for a My Number
            self._viewer.set_checking({str(a.attachment_id) for doc in detail.documents
                                       if doc.kind in READ_KINDS for a in doc.attachments})
            self.feed.request(detail.case_id)

    def prefetch(self, case_id: int) -> None:
        if self.feed is not None:
            self.feed.prefetch(case_id)

    def leave(self) -> None:
        if self.feed is not None:
            self.feed.leave()
        self._tabs.income_tab.suggested.clear()

    def close(self) -> None:
        """Stop reading documents (leaving the window)."""
        if self.feed is not None:
            self.feed.close()

    def recorded(self, case_id: int, items: tuple[AcceptedSuggestion, ...]) -> None:
        """The save queue stored these accepted amounts with the sheet."""
        if self._is_shown(case_id):
            self._tabs.income_tab.suggested.recorded(items)

    def _is_shown(self, case_id: int) -> bool:
        detail = self._detail()
        return detail is not None and detail.case_id == case_id

    def show_document(self, document_key: str) -> None:
        """書類 asked for a required document: its first file."""
        detail = self._detail()
        for doc in detail.documents if detail is not None else []:
            if doc.document_key == document_key and doc.attachments:
                self._viewer.show_attachment(str(doc.attachments[0].attachment_id))
                return

    # --- answers from the feed ----------------------------------------------------------------

    def _on_suggestions(self, found: CaseSuggestions) -> None:
        if not self._is_shown(found.case_id):
            return
        income = self._tabs.income_tab
        income.set_suggestions(found)
        masks: dict[tuple[str, int], list[Box]] = {}
        for mark in found.my_numbers:
            masks.setdefault((str(mark.attachment_id), mark.page - 1), []).append(
                _fraction(mark.box, mark.page_size))
        self._viewer.set_masks(masks)
        self._viewer.set_checking({str(a) for a in found.pending})
        self._tabs.documents_tab.set_proposals(found.proposals())
        # the page on screen counts as shown, and the month under the cursor gets its page
        current = self._viewer.current_attachment_id
        if current is not None:
            income.page_seen(int(current), self._viewer.current_page + 1)
        index = income.grid.currentIndex()
        if index.isValid() and self._tabs.currentWidget() is income:
            income.grid.cellFocused.emit(index)

    def _on_failed(self, message: str) -> None:
        # The documents could not be checked: shown as they are, and the examiner is told.
        self._viewer.set_checking(set())
        self._tabs.income_tab.show_error(message)

    def _on_confirmations(self, case_id: int, found: tuple[Confirmation, ...]) -> None:
        if self._is_shown(case_id):
            self._tabs.income_tab.set_confirmed(found)

    # --- the page that follows the month --------------------------------------------------------

    def follow_month(self, month: str, suggestion: MonthSuggestion | None) -> None:
        """Show the page of ``month``'s payslip without taking the focus from the grid: where
        the amount was read from, else the payslips' pages in upload order, one a month."""
        detail = self._detail()
        if detail is None:
            return
        if suggestion is not None:
            self._viewer.show_page(str(suggestion.attachment_id), suggestion.page - 1,
                                   _fraction(suggestion.box, suggestion.page_size))
            return
        parsed = YearMonth.parse(month)
        if parsed is None:
            return
        offset = (parsed.year - detail.target_year) * 12 + parsed.month - 1
        pages = [(a.attachment_id, p) for doc in detail.documents if doc.kind == "payslip"
                 for a in doc.attachments if a.problem is None
                 for p in range(a.page_count or 1)]
        if 0 <= offset < len(pages):
            attachment_id, page = pages[offset]
            self._viewer.show_page(str(attachment_id), page)

    def _reveal_my_number(self, attachment_id: str, page: int) -> None:
        detail = self._detail()
        if detail is None or self.feed is None:
            return
        if not ask_confirmation(self._page, self.tr("マイナンバーの表示"), self.tr(
                "このページのマイナンバー（個人番号）を表示します。表示したことは記録されます。"
                "書き写したり保存したりしないでください。表示しますか？")):
            return
        viewer = self._viewer
        self.feed.reveal(detail.case_id, int(attachment_id), page + 1,
                         lambda: viewer.reveal(attachment_id, page),
                         lambda failure: show_failure(self._page, failure))


def _fraction(box: Box, size: tuple[float, float]) -> Box:
    """A rectangle in page units as fractions of the page (what the viewer draws at any zoom)."""
    w, h = max(size[0], 1e-6), max(size[1], 1e-6)
    return (box[0] / w, box[1] / h, box[2] / w, box[3] / h)

"""書類 tab: required documents against uploads, each marked OK or 不備 with a reason.

The table lists the rows; the panel below edits the selected row's review. Every change emits
``reviewChanged(DocumentReview)`` at once (the controller saves it); the tab never saves anything.

A row with a file the import quarantined (issue 9) says 「ファイルを開けません」; the panel names
each such file with what is wrong and what to ask the member for, and marking the row 不備
chooses the reason 「ファイルを開けない」.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.review.requirements import DocumentStatus
from reviewer_app.ui import labels, palette
from reviewer_app.ui.case.documents_model import Column, DocumentsModel
from reviewer_app.ui.qt import QtCore, QtWidgets, Signal


class DocumentsTab(QtWidgets.QWidget):
    reviewChanged = Signal(object)  # DocumentReview
    showDocumentRequested = Signal(str)  # document_id

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._read_only = False
        self._updating = False  # set while the panel is filled from the model
        self.model = DocumentsModel(self)

        self.summary = QtWidgets.QLabel()
        self.summary.setObjectName("documentsSummary")

        self.table = QtWidgets.QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        # Titles are long (年金振込通知書または年金額改定通知書(…)): wrap them, rows grow.
        self.table.verticalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(Column.TITLE, QtWidgets.QHeaderView.ResizeMode.Stretch)
        for col in (Column.FILES, Column.STATE, Column.REVIEW, Column.REASON):
            header.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        for col in (Column.MEMBER_NOTE, Column.NOTE):
            header.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.Interactive)
        self.table.doubleClicked.connect(self._on_double_click)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)

        # --- the review panel for the selected row ---
        self.panel = QtWidgets.QGroupBox(self.tr("選択した書類の審査"))
        self.title_label = QtWidgets.QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setStyleSheet("font-weight: bold;")
        self.why_label = QtWidgets.QLabel()
        self.why_label.setWordWrap(True)
        self.member_label = QtWidgets.QLabel()
        self.member_label.setWordWrap(True)
        self.unusable_label = QtWidgets.QLabel()
        self.unusable_label.setObjectName("unusableFiles")
        self.unusable_label.setWordWrap(True)
        self.unusable_label.setStyleSheet(f"color: {palette.WARN_FG.name()};")

        self.ok_button = QtWidgets.QRadioButton(self.tr("OK"))
        self.deficient_button = QtWidgets.QRadioButton(self.tr("不備"))
        self.unchecked_button = QtWidgets.QRadioButton(self.tr("未確認"))
        self._status_group = QtWidgets.QButtonGroup(self)
        for button, status in ((self.ok_button, ReviewStatus.OK),
                               (self.deficient_button, ReviewStatus.DEFICIENT),
                               (self.unchecked_button, ReviewStatus.UNCHECKED)):
            self._status_group.addButton(button)
            button.setProperty("reviewStatus", status.value)
        self._status_group.buttonToggled.connect(self._on_status_toggled)

        self.reason_combo = QtWidgets.QComboBox()
        self.reason_combo.addItem(self.tr("(理由を選択)"), None)
        for reason in DeficiencyReason:
            self.reason_combo.addItem(labels.reason_label(reason), reason.value)
        self.reason_combo.currentIndexChanged.connect(self._on_reason_changed)

        self.note_edit = QtWidgets.QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("会員への補足(不備連絡に載ります)"))
        self.note_edit.setClearButtonEnabled(True)
        self.note_edit.editingFinished.connect(self._on_note_finished)

        self.show_button = QtWidgets.QPushButton(self.tr("書類を表示"))
        self.show_button.clicked.connect(self._on_show_clicked)

        status_row = QtWidgets.QHBoxLayout()
        status_row.setSpacing(16)
        status_row.addWidget(self.ok_button)
        status_row.addWidget(self.deficient_button)
        status_row.addWidget(self.unchecked_button)
        status_row.addStretch(1)
        status_row.addWidget(self.show_button)

        form = QtWidgets.QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("必要な理由"), self.why_label)
        form.addRow(self.tr("会員のコメント"), self.member_label)
        form.addRow(self.tr("開けないファイル"), self.unusable_label)
        self._form = form
        form.addRow(self.tr("判定"), status_row)
        form.addRow(self.tr("不備理由"), self.reason_combo)
        form.addRow(self.tr("補足"), self.note_edit)
        panel_layout = QtWidgets.QVBoxLayout(self.panel)
        panel_layout.setSpacing(8)
        panel_layout.addWidget(self.title_label)
        panel_layout.addLayout(form)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.panel)
        self._fill_panel()
        self._update_summary()

    # --- public API ------------------------------------------------------------------------

    def set_statuses(self, statuses: Sequence[DocumentStatus]) -> None:
        self.model.set_statuses(statuses)
        for col, width in ((Column.MEMBER_NOTE, 110), (Column.NOTE, 130)):
            self.table.setColumnWidth(col, width)
        if self.model.rowCount():
            self.table.selectRow(0)
        self._fill_panel()
        self._update_summary()

    def set_reviews(self, reviews: Iterable[DocumentReview]) -> None:
        self.model.set_reviews(reviews)
        self._fill_panel()
        self._update_summary()

    def set_proposals(self, proposals: Iterable[DocumentReview]) -> None:
        """Deficiencies the document readers propose (issue 11: a My Number shows); each row
        keeps its proposal until the examiner marks it."""
        self.model.set_proposals(proposals)

    def reviews(self) -> list[DocumentReview]:
        return self.model.reviews()

    def statuses(self) -> list[DocumentStatus]:
        return self.model.statuses()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self._fill_panel()

    def is_read_only(self) -> bool:
        return self._read_only

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def current_row(self) -> int:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else -1

    # --- panel ------------------------------------------------------------------------------

    def _fill_panel(self) -> None:
        row = self.current_row()
        has_row = 0 <= row < self.model.rowCount()
        self._updating = True
        try:
            if not has_row:
                self.title_label.setText(self.tr("書類を選択してください。"))
                self.why_label.setText("—")
                self.member_label.setText("—")
                self.unusable_label.setText("")
                self._status_group.setExclusive(False)
                for b in self._status_group.buttons():
                    b.setChecked(False)
                self._status_group.setExclusive(True)
                self.reason_combo.setCurrentIndex(0)
                self.note_edit.clear()
            else:
                st = self.model.status_at(row)
                review = self.model.review_at(row)
                self.title_label.setText(st.title_ja)
                self.why_label.setText(st.requirement.why_ja if st.requirement
                                       else self.tr("回答からは求めていない書類です。"))
                self.member_label.setText(" / ".join(st.notes_ja) or "—")
                self.unusable_label.setText(labels.unusable_lines(st.unusable))
                {ReviewStatus.OK: self.ok_button, ReviewStatus.DEFICIENT: self.deficient_button,
                 ReviewStatus.UNCHECKED: self.unchecked_button}[review.status].setChecked(True)
                reason_index = self.reason_combo.findData(
                    review.reason.value if review.reason else None)
                self.reason_combo.setCurrentIndex(max(reason_index, 0))
                if self.note_edit.text() != review.note:
                    self.note_edit.setText(review.note)
        finally:
            self._updating = False
        self._form.setRowVisible(self.unusable_label, bool(self.unusable_label.text()))
        editable = has_row and not self._read_only
        for b in self._status_group.buttons():
            b.setEnabled(editable)
        deficient = has_row and self.model.review_at(row).status is ReviewStatus.DEFICIENT
        self.reason_combo.setEnabled(editable and deficient)
        self.note_edit.setReadOnly(not editable)
        self.note_edit.setEnabled(has_row)
        self.show_button.setEnabled(has_row and self.model.status_at(row).file_count > 0)

    def _update_summary(self) -> None:
        reviews = self.model.reviews()
        n = len(reviews)
        ok = sum(r.status is ReviewStatus.OK for r in reviews)
        bad = sum(r.status is ReviewStatus.DEFICIENT for r in reviews)
        text = self.tr("書類 {n}件: OK {ok}件・不備 {bad}件・未確認 {rest}件").format(
            n=n, ok=ok, bad=bad, rest=n - ok - bad)
        unusable = sum(len(st.unusable) for st in self.model.statuses())
        if unusable:
            text += self.tr("（開けないファイル {m}件）").format(m=unusable)
        self.summary.setText(text)

    def _emit(self, review: DocumentReview) -> None:
        if review == self.model.review_at(self.current_row()):
            return
        self.model.set_review(review)
        self._fill_panel()
        self._update_summary()
        self.reviewChanged.emit(review)

    # --- slots ------------------------------------------------------------------------------

    def _on_current_changed(self, current: QtCore.QModelIndex, _prev: QtCore.QModelIndex) -> None:
        del current
        self._fill_panel()

    def _on_status_toggled(self, button: QtWidgets.QAbstractButton, checked: bool) -> None:
        row = self.current_row()
        if self._updating or not checked or row < 0 or self._read_only:
            return
        status = ReviewStatus(str(button.property("reviewStatus")))
        old = self.model.review_at(row)
        proposal = self.model.proposal_at(row)
        if status is ReviewStatus.DEFICIENT and proposal is not None and old.reason is None:
            # marking a proposed row deficient takes the proposal's reason and note
            note = self._current_note(old) or proposal.note
            self._emit(DocumentReview(old.document_id, status, proposal.reason, note))
            return
        reason = old.reason
        if status is ReviewStatus.DEFICIENT and reason is None:
            st = self.model.status_at(row)
            # A row with nothing uploaded can only be deficient for being missing; one whose
            # file cannot be opened most likely for that.
            if st.file_count == 0:
                reason = DeficiencyReason.MISSING
            elif st.unusable:
                reason = DeficiencyReason.FILE_UNUSABLE
        elif status is not ReviewStatus.DEFICIENT:
            reason = None
        self._emit(DocumentReview(old.document_id, status, reason, self._current_note(old)))

    def _on_reason_changed(self, index: int) -> None:
        row = self.current_row()
        if self._updating or row < 0 or self._read_only:
            return
        data = self.reason_combo.itemData(index)
        old = self.model.review_at(row)
        reason = DeficiencyReason(str(data)) if data else None
        self._emit(DocumentReview(old.document_id, old.status, reason, self._current_note(old)))

    def _on_note_finished(self) -> None:
        row = self.current_row()
        if self._updating or row < 0 or self._read_only:
            return
        old = self.model.review_at(row)
        self._emit(DocumentReview(old.document_id, old.status, old.reason,
                                  self.note_edit.text().strip()))

    def _current_note(self, old: DocumentReview) -> str:
        # A note typed but not yet confirmed with Enter travels with the status change.
        return self.note_edit.text().strip() if not self._read_only else old.note

    def _on_show_clicked(self) -> None:
        row = self.current_row()
        if row >= 0:
            self._request_show(row)

    def _on_double_click(self, index: QtCore.QModelIndex) -> None:
        self._request_show(index.row())

    def _request_show(self, row: int) -> None:
        st = self.model.status_at(row)
        if st.document is not None and st.document.files:
            self.showDocumentRequested.emit(st.document.document_id)

"""不備連絡 tab: the itemised deficiency notice built from the 書類 tab's reviews.

Items come from :func:`reviewer_app.review.deficiency.build_notice` (deficient rows, and required
documents with nothing uploaded); the examiner adds a note per item and an overall message, picks
the reply deadline, reads the letter as the member will (和暦 dates), then records it. Recording
only emits ``noticeRecorded(DeficiencyNotice)``: the controller stores it and moves the case to
不備連絡中.

After recording, the button stays disabled until the notice changes (an item, a note, the
deadline or the message), also across the reload of the same case that follows: a duplicate
notice was one click away (issue 13). The controller calls :meth:`allow_record` when storing it
failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from datetime import date, timedelta

from reviewer_app.domain.wareki import format_wareki
from reviewer_app.review.deficiency import (
    DeficiencyNotice,
    DocumentReview,
    build_notice,
    render_notice_text,
)
from reviewer_app.review.requirements import DocumentStatus
from reviewer_app.ui.case.notice_model import (
    HistoryColumn,
    ItemColumn,
    NoticeHistoryModel,
    NoticeItemsModel,
)
from reviewer_app.ui.qt import QtCore, QtWidgets, Signal, pydate, qdate

DEFAULT_REPLY_DAYS = 14


class NoticeTab(QtWidgets.QWidget):
    noticeRecorded = Signal(object)  # DeficiencyNotice

    def __init__(
        self,
        parent: QtWidgets.QWidget | None = None,
        *,
        clock: Callable[[], date] = date.today,
        reply_days: int = DEFAULT_REPLY_DAYS,
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._reply_days = reply_days
        self._statuses: list[DocumentStatus] = []
        self._reviews: list[DocumentReview] = []
        self._target_year: int | None = None
        self._names = ("", "", "")  # insured, dependent, insurer
        self._read_only = False
        # Set when a notice is recorded, cleared when its content changes: the case it was
        # recorded for and its items (document, reason), kept across the reload that follows.
        self._recorded: tuple[object, tuple[tuple[str, str], ...]] | None = None
        self._case_key: object = None

        self.status_label = QtWidgets.QLabel()
        self.status_label.setObjectName("noticeStatus")
        self.status_label.setWordWrap(True)

        # --- items ---
        self.items_model = NoticeItemsModel(self)
        self.items_model.notesEdited.connect(self._on_content_edited)
        self.items_view = QtWidgets.QTableView()
        self.items_view.setModel(self.items_model)
        self.items_view.setWordWrap(True)
        self.items_view.verticalHeader().setVisible(False)
        self.items_view.setEditTriggers(
            QtWidgets.QAbstractItemView.EditTrigger.DoubleClicked
            | QtWidgets.QAbstractItemView.EditTrigger.EditKeyPressed
            | QtWidgets.QAbstractItemView.EditTrigger.SelectedClicked)
        header = self.items_view.horizontalHeader()
        header.setSectionResizeMode(ItemColumn.TITLE, QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(ItemColumn.REASON,
                                    QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ItemColumn.INSTEAD, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ItemColumn.NOTE, QtWidgets.QHeaderView.ResizeMode.Interactive)
        self.items_view.verticalHeader().setSectionResizeMode(
            QtWidgets.QHeaderView.ResizeMode.ResizeToContents)

        # --- deadline and message ---
        self.deadline_edit = QtWidgets.QDateEdit()
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("yyyy/MM/dd")
        self.deadline_edit.dateChanged.connect(self._on_deadline_changed)
        self.deadline_wareki = QtWidgets.QLabel()
        self.deadline_wareki.setObjectName("deadlineWareki")
        deadline_row = QtWidgets.QHBoxLayout()
        deadline_row.setSpacing(12)
        deadline_row.addWidget(self.deadline_edit)
        deadline_row.addWidget(self.deadline_wareki)
        deadline_row.addStretch(1)

        self.message_edit = QtWidgets.QPlainTextEdit()
        self.message_edit.setPlaceholderText(self.tr("全体へのメッセージ(任意。項目の後に載ります)"))
        self.message_edit.setTabChangesFocus(True)
        self.message_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 16)
        self.message_edit.textChanged.connect(self._on_content_edited)

        form = QtWidgets.QFormLayout()
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(8)
        form.addRow(self.tr("回答期限"), deadline_row)
        form.addRow(self.tr("メッセージ"), self.message_edit)

        self.record_button = QtWidgets.QPushButton(self.tr("不備連絡を記録"))
        self.record_button.setObjectName("recordNoticeButton")
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self._on_record)
        button_row = QtWidgets.QHBoxLayout()
        button_row.addStretch(1)
        button_row.addWidget(self.record_button)

        self.editor = QtWidgets.QGroupBox(self.tr("不備連絡の内容"))
        editor_layout = QtWidgets.QVBoxLayout(self.editor)
        editor_layout.setSpacing(8)
        editor_layout.addWidget(self.items_view, 1)
        editor_layout.addLayout(form)
        editor_layout.addLayout(button_row)

        # --- preview ---
        self.preview = QtWidgets.QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setObjectName("noticePreview")
        preview_box = QtWidgets.QGroupBox(self.tr("プレビュー(会員に届く文面)"))
        QtWidgets.QVBoxLayout(preview_box).addWidget(self.preview)

        # --- history ---
        self.history_model = NoticeHistoryModel(self)
        self.history_view = QtWidgets.QTableView()
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().setVisible(False)
        self.history_view.setSelectionBehavior(
            QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        hh = self.history_view.horizontalHeader()
        for col in (HistoryColumn.ISSUED, HistoryColumn.DEADLINE, HistoryColumn.COUNT):
            hh.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(HistoryColumn.DOCUMENTS, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.history_box = QtWidgets.QGroupBox(self.tr("記録済みの不備連絡"))
        QtWidgets.QVBoxLayout(self.history_box).addWidget(self.history_view)

        splitter = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.editor)
        splitter.addWidget(preview_box)
        splitter.addWidget(self.history_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 3)
        splitter.setStretchFactor(2, 1)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.status_label)
        layout.addWidget(splitter, 1)

        self._reset_deadline()
        self._rebuild()

    # --- public API ------------------------------------------------------------------------

    def set_case(
        self,
        statuses: Sequence[DocumentStatus],
        reviews: Iterable[DocumentReview],
        *,
        insured_name: str,
        dependent_name: str,
        insurer_name: str,
        target_year: int | None = None,
        case_key: object = None,
    ) -> None:
        """Show a case; ``case_key`` (the case id) tells a reload of the same case from another."""
        recorded = self._recorded if case_key == self._case_key else None
        self._case_key = case_key
        self._statuses = list(statuses)
        self._reviews = list(reviews)
        self._names = (insured_name, dependent_name, insurer_name)
        self._target_year = target_year
        self.message_edit.blockSignals(True)
        self.message_edit.clear()
        self.message_edit.blockSignals(False)
        self._reset_deadline()
        self._rebuild(keep_notes=False)
        # The reload after recording shows the same items: still recorded, still disabled.
        self._recorded = recorded if recorded == (case_key, self._item_key()) else None
        self._update_enabled()

    def set_reviews(self, reviews: Iterable[DocumentReview]) -> None:
        """The 書類 tab's reviews changed: rebuild the items, keeping notes typed here."""
        before = tuple(self.items_model.items())
        self._reviews = list(reviews)
        self._rebuild()
        if tuple(self.items_model.items()) != before:
            self._recorded = None
            self._update_enabled()

    def allow_record(self) -> None:
        """Recording failed: the same notice may be recorded again."""
        self._recorded = None
        self._update_enabled()

    @property
    def is_recorded(self) -> bool:
        """Whether the notice shown has just been recorded (and not changed since)."""
        return self._recorded is not None

    def set_notices(self, notices: Sequence[DeficiencyNotice]) -> None:
        self.history_model.set_notices(notices)
        self.history_box.setTitle(
            self.tr("記録済みの不備連絡 ({n}件)").format(n=len(notices)))

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.items_model.set_read_only(read_only)
        self._update_enabled()

    def notice(self) -> DeficiencyNotice:
        """The notice as it would be recorded now."""
        return DeficiencyNotice(
            tuple(self.items_model.items()),
            pydate(self.deadline_edit.date()),
            self._clock(),
            self.message_edit.toPlainText().strip(),
        )

    def preview_text(self) -> str:
        return self.preview.toPlainText()

    # --- internals --------------------------------------------------------------------------

    def _item_key(self) -> tuple[tuple[str, str], ...]:
        return tuple((i.document_id, str(i.reason)) for i in self.items_model.items())

    def _reset_deadline(self) -> None:
        today = self._clock()
        self.deadline_edit.setMinimumDate(qdate(today))
        self.deadline_edit.setDate(qdate(today + timedelta(days=self._reply_days)))

    def _rebuild(self, *, keep_notes: bool = True) -> None:
        previous = {i.document_id: i.note for i in self.items_model.items()} if keep_notes else {}
        built = build_notice(self._reviews, self._statuses, pydate(self.deadline_edit.date()),
                             issued_on=self._clock(), target_year=self._target_year)
        items = [replace(i, note=previous[i.document_id]) if previous.get(i.document_id) else i
                 for i in built.items]
        self.items_model.set_items(items)
        self.items_view.resizeColumnToContents(ItemColumn.TITLE)
        self.items_view.setColumnWidth(
            ItemColumn.TITLE, min(self.items_view.columnWidth(ItemColumn.TITLE), 190))
        self.items_view.setColumnWidth(ItemColumn.NOTE, 150)
        self._update_enabled()
        self._refresh_preview()

    def _update_enabled(self) -> None:
        has_items = self.items_model.rowCount() > 0
        self.editor.setEnabled(has_items)
        recorded = self._recorded is not None
        self.record_button.setEnabled(has_items and not self._read_only and not recorded)
        self.record_button.setToolTip(
            self.tr("記録済みです。項目・補足・回答期限・メッセージを変えると、もう一度記録できます。")
            if recorded and has_items else "")
        self.deadline_edit.setReadOnly(self._read_only)
        self.message_edit.setReadOnly(self._read_only)
        if not self._statuses:
            self.status_label.setText(self.tr("被扶養者を選択してください。"))
        elif not has_items:
            self.status_label.setText(self.tr(
                "不備のある書類はありません。書類タブで「不備」とした書類と、"
                "未提出の必要書類がここに載ります。"))
        else:
            self.status_label.setText(self.tr(
                "{n}件の書類について不備連絡を作成します。補足欄はダブルクリックで入力できます。"
            ).format(n=self.items_model.rowCount()))

    def _on_deadline_changed(self, deadline: QtCore.QDate) -> None:
        self.deadline_wareki.setText(format_wareki(pydate(deadline)))
        self._on_content_edited()

    def _on_content_edited(self) -> None:
        if self._recorded is not None:
            self._recorded = None
            self._update_enabled()
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        if self.items_model.rowCount() == 0:
            self.preview.setPlainText("")
            return
        insured, dependent, insurer = self._names
        self.preview.setPlainText(render_notice_text(self.notice(), insured, dependent, insurer))

    def _on_record(self) -> None:
        if self._read_only or self.items_model.rowCount() == 0 or self._recorded is not None:
            return
        notice = self.notice()
        self._recorded = (self._case_key, self._item_key())
        self._update_enabled()
        self.noticeRecorded.emit(notice)

    def sizeHint(self) -> QtCore.QSize:
        return QtCore.QSize(640, 760)

"""The queue page: counts by status as clickable chips, filters, a debounced search box and the
table. Opening a case is a signal; the main window decides what happens.

The table selects several rows (Shift/Ctrl): the bulk actions (未提出者の除外提案 in the queue,
承認 in the approval queue) act on the selection and are signals too, carrying the selected
rows; :mod:`reviewer_app.ui.queue.bulk` confirms and runs them.
"""

from __future__ import annotations

import logging
from typing import Any

from reviewer_app.domain.vocabulary import CaseStatus, Relationship, Verdict
from reviewer_app.services.queue import QueueFilter, QueueRow, QueueView
from reviewer_app.ui import palette
from reviewer_app.ui.labels import relationship_label, status_label, verdict_label, view_label
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from reviewer_app.ui.queue.model import Column, QueueModel
from reviewer_app.ui.tasks import TaskFailure, TaskManager

log = logging.getLogger(__name__)
SEARCH_DEBOUNCE_MS = 250
_ANY = None


def _chip_style(status: CaseStatus) -> str:
    bg, fg = palette.STATUS_COLOURS[status]
    return (f"QPushButton {{ background: {bg}; color: {fg}; border: 1px solid {bg};"
            " border-radius: 12px; padding: 4px 14px; }"
            f" QPushButton:checked {{ border: 2px solid {fg}; font-weight: bold; }}")


class QueueWidget(QtWidgets.QWidget):
    """Signals: ``openCaseRequested(case_id)``, ``releaseRequested(case_id)`` (supervisors),
    ``bulkProposeRequested(rows)`` (``can_bulk_propose``: examiners and supervisors) and
    ``bulkApproveRequested(rows)`` (``can_bulk_approve``, the approval queue), with the selected
    :class:`QueueRow` list."""

    openCaseRequested = Signal(int)
    releaseRequested = Signal(int)
    paperRequested = Signal(int)  # 紙の調査票を入力 for the case (issue 14)
    bulkProposeRequested = Signal(list)
    bulkApproveRequested = Signal(list)

    def __init__(self, tasks: TaskManager, source: Any, *, can_release: bool = False,
                 approval: bool = False, can_bulk_propose: bool = False,
                 can_bulk_approve: bool = False,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._source = source
        self._can_release = can_release
        self._approval = approval
        self._can_bulk_propose = can_bulk_propose and not approval
        self._can_bulk_approve = can_bulk_approve and approval
        self._updating = False
        self.model = QueueModel(tasks, source, self, approval=approval)
        self.model.loaded.connect(self._on_loaded)
        self.model.countsChanged.connect(self._on_counts)
        self.model.loadFailed.connect(self._on_failed)
        self.model.rowsInserted.connect(self._update_count_label)

        self._debounce = QtCore.QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)

        self._build_chips()
        self._build_filters()
        self._build_table()
        self.count_label = QtWidgets.QLabel()
        self.count_label.setObjectName("queueCount")
        self.message = QtWidgets.QLabel()
        self.message.setStyleSheet("color: #a1261c;")
        self.message.setWordWrap(True)
        self.message.hide()

        bottom = QtWidgets.QHBoxLayout()
        bottom.addWidget(self.count_label)
        bottom.addStretch(1)
        bottom.addWidget(self.bulk_propose_button)
        bottom.addWidget(self.bulk_approve_button)
        bottom.addWidget(self.release_button)
        bottom.addWidget(self.open_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.setSpacing(8)
        self.heading = QtWidgets.QLabel(self.tr(
            "承認待ちの判定案（古い順）。開くと現在のデータで再計算した結果と並べて表示します。"))
        self.heading.setWordWrap(True)
        self.heading.setVisible(approval)
        layout.addWidget(self.heading)
        self.filters_panel = QtWidgets.QWidget()
        panel_layout = QtWidgets.QVBoxLayout(self.filters_panel)
        panel_layout.setContentsMargins(0, 0, 0, 0)
        panel_layout.setSpacing(8)
        panel_layout.addLayout(self._chip_row)
        panel_layout.addLayout(self._filter_row)
        self.filters_panel.setVisible(not approval)
        layout.addWidget(self.filters_panel)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    # --- construction ---------------------------------------------------------------------

    def _build_chips(self) -> None:
        self._chip_row = QtWidgets.QHBoxLayout()
        self._chip_row.setSpacing(8)
        self.all_chip = QtWidgets.QPushButton(self.tr("すべて"))
        self.all_chip.setCheckable(True)
        self.all_chip.setChecked(True)
        self.all_chip.setStyleSheet(
            "QPushButton { border: 1px solid #b8c0c8; border-radius: 12px; padding: 4px 14px; }"
            " QPushButton:checked { border: 2px solid #3d4752; font-weight: bold; }")
        self.all_chip.clicked.connect(lambda: self._chip_clicked(None))
        self._chip_row.addWidget(self.all_chip)
        self.chips: dict[CaseStatus, QtWidgets.QPushButton] = {}
        for status in CaseStatus:
            chip = QtWidgets.QPushButton(status_label(status))
            chip.setCheckable(True)
            chip.setStyleSheet(_chip_style(status))
            chip.setObjectName(f"chip_{status.value}")
            chip.clicked.connect(lambda _=False, s=status: self._chip_clicked(s))
            self._chip_row.addWidget(chip)
            self.chips[status] = chip
        self._chip_row.addStretch(1)

    def _combo(self, name: str) -> QtWidgets.QComboBox:
        combo = QtWidgets.QComboBox()
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QtWidgets.QComboBox.SizeAdjustPolicy.AdjustToContents)
        combo.addItem(self.tr("すべて"), _ANY)
        combo.currentIndexChanged.connect(self._on_filter_widget_changed)
        return combo

    def _build_filters(self) -> None:
        self.search_edit = QtWidgets.QLineEdit()
        self.search_edit.setObjectName("queueSearch")
        self.search_edit.setPlaceholderText(self.tr("氏名・カナ・記号番号で検索"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.search_edit.textChanged.connect(lambda _t: self._debounce.start())
        self.search_edit.returnPressed.connect(self.apply_filter)

        self.status_combo = self._combo("filterStatus")
        for status in CaseStatus:
            self.status_combo.addItem(status_label(status), status.value)
        self.office_combo = self._combo("filterOffice")
        self.assignee_combo = self._combo("filterAssignee")
        self.relationship_combo = self._combo("filterRelationship")
        for code in Relationship:
            self.relationship_combo.addItem(relationship_label(code), code.value)
        self.verdict_combo = self._combo("filterVerdict")
        for verdict in Verdict:
            self.verdict_combo.addItem(verdict_label(verdict), verdict.value)
        self.updated_combo = self._combo("filterUpdated")
        self.updated_combo.addItem(self.tr("更新あり"), True)
        self.updated_combo.addItem(self.tr("更新なし"), False)
        self.view_combo = self._combo("filterView")
        for view in QueueView:
            self.view_combo.addItem(view_label(view), view.value)

        row = QtWidgets.QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(self.search_edit, 2)
        for label, combo in ((self.tr("状態"), self.status_combo),
                             (self.tr("事業所"), self.office_combo),
                             (self.tr("担当"), self.assignee_combo),
                             (self.tr("続柄"), self.relationship_combo),
                             (self.tr("判定案"), self.verdict_combo),
                             (self.tr("更新"), self.updated_combo),
                             (self.tr("絞り込み"), self.view_combo)):
            caption = QtWidgets.QLabel(label)
            caption.setBuddy(combo)
            row.addSpacing(6)
            row.addWidget(caption)
            row.addWidget(combo)
        row.addStretch(1)
        self._filter_row = row

    def _build_table(self) -> None:
        self.table = QtWidgets.QTableView()
        self.table.setObjectName("queueTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows for the bulk actions; Enter and double-click open the current one.
        self.table.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setSortingEnabled(False)  # rows come in case-id order from the database
        vheader = self.table.verticalHeader()
        vheader.setVisible(False)
        # Fixed row heights: the view never measures 100,000 rows.
        vheader.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        em = self.fontMetrics().horizontalAdvance("あ")
        widths = {Column.CARD: 8, Column.INSURED: 7, Column.DEPENDENT: 7, Column.KANA: 9,
                  Column.RELATIONSHIP: 3.5, Column.OFFICE: 9, Column.STATUS: 5,
                  Column.ASSIGNEE: 6, Column.VERDICT: 5, Column.ATTACHMENTS: 3,
                  Column.UPDATED: 5}
        metrics = header.fontMetrics()
        statuses = max(self.fontMetrics().horizontalAdvance(status_label(s)) for s in CaseStatus)
        for col, w in widths.items():
            title = str(self.model.headerData(col, Qt.Orientation.Horizontal))
            # At least the header (English titles are longer than their Japanese).
            width = max(int(w * em + 16), metrics.horizontalAdvance(title) + 24)
            if col is Column.STATUS:
                width = max(width, statuses + 16)
            header.resizeSection(col, width)
        # Names, kana and office share the spare width, so the table fills the window.
        for col in (Column.INSURED, Column.DEPENDENT, Column.KANA, Column.OFFICE):
            header.setSectionResizeMode(col, QtWidgets.QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._update_buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)

        self.open_action = QtGui.QAction(self.tr("開く"), self.table)
        self.open_action.setShortcuts([QtGui.QKeySequence(Qt.Key.Key_Return),
                                       QtGui.QKeySequence(Qt.Key.Key_Enter)])
        self.open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_action.triggered.connect(self.open_current)
        self.table.addAction(self.open_action)
        self.open_button = QtWidgets.QPushButton(self.tr("開く"))
        self.open_button.clicked.connect(self.open_current)
        self.release_button = QtWidgets.QPushButton(self.tr("解放"))
        self.release_button.setObjectName("releaseButton")
        self.release_button.setToolTip(self.tr("担当者の割り当てを外して、ほかの人が開けるようにします"))
        self.release_button.clicked.connect(self.release_current)
        self.release_button.setVisible(self._can_release)
        self.bulk_propose_button = QtWidgets.QPushButton(self.tr("選択した未提出者を除外で提案"))
        self.bulk_propose_button.setObjectName("bulkProposeButton")
        self.bulk_propose_button.setToolTip(self.tr(
            "選択した案件のうち調査票が未提出の被扶養者を、調査の定める日付で扶養除外として"
            "提案します（提出期限の後だけ）"))
        self.bulk_propose_button.clicked.connect(self.request_bulk_propose)
        self.bulk_propose_button.setVisible(self._can_bulk_propose)
        self.bulk_approve_button = QtWidgets.QPushButton(self.tr("選択を承認"))
        self.bulk_approve_button.setObjectName("bulkApproveButton")
        self.bulk_approve_button.setToolTip(self.tr(
            "選択した判定案を1件ずつ承認します（自分の判定案は承認されません）"))
        self.bulk_approve_button.clicked.connect(self.request_bulk_approve)
        self.bulk_approve_button.setVisible(self._can_bulk_approve)
        self._update_buttons()

    # --- public API -----------------------------------------------------------------------

    def start(self) -> None:
        """Load the filter choices and the first page (after sign-in)."""
        source = self._source
        if not self._approval and self.office_combo.count() == 1:
            self._tasks.run(lambda: (source.offices(), source.assignees()), self._on_choices,
                            self._on_choices_failed)
        self.apply_filter()

    def current_filter(self) -> QueueFilter:
        status = self.status_combo.currentData()
        return QueueFilter(
            status=CaseStatus(status) if status else None,
            office_code=self.office_combo.currentData(),
            assignee_id=self.assignee_combo.currentData(),
            relationship=self.relationship_combo.currentData(),
            proposed_verdict=self.verdict_combo.currentData(),
            updated_after_review=self.updated_combo.currentData(),
            view=QueueView(view) if (view := self.view_combo.currentData()) else None,
            search=self.search_edit.text().strip(),
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())

    def refresh(self) -> None:
        """Reload the loaded rows in place (after a case changed): scroll and selection stay."""
        self.model.refresh()

    def clear(self) -> None:
        self.model.clear()
        self.count_label.clear()
        for status, chip in self.chips.items():
            chip.setText(status_label(status))

    def current_row(self) -> QueueRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def neighbour_case(self, case_id: int, step: int) -> int | None:
        """The case ``step`` rows away from ``case_id`` among the loaded rows (next/previous)."""
        row = self.model.row_of_case(case_id)
        if row < 0:
            return None
        target = self.model.row_at(row + step)
        if target is None and step > 0 and self.model.canFetchMore(QtCore.QModelIndex()):
            self.model.fetchMore(QtCore.QModelIndex())
        return None if target is None else target.case_id

    def select_case(self, case_id: int) -> None:
        row = self.model.row_of_case(case_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def selected_rows(self) -> list[QueueRow]:
        """The selected rows in table order."""
        rows = (self.model.row_at(i.row()) for i in
                sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row()))
        return [r for r in rows if r is not None]

    def can_bulk_propose_now(self) -> bool:
        """The 未提出 view is on, or the selection holds a non-submitter."""
        rows = self.selected_rows()
        if not self._can_bulk_propose or not rows:
            return False
        return self.view_combo.currentData() == QueueView.NOT_SUBMITTED.value \
            or any(r.not_submitted for r in rows)

    def request_bulk_propose(self) -> None:
        if self.can_bulk_propose_now():
            self.bulkProposeRequested.emit(self.selected_rows())

    def request_bulk_approve(self) -> None:
        rows = self.selected_rows()
        if self._can_bulk_approve and rows:
            self.bulkApproveRequested.emit(rows)

    def open_current(self) -> None:
        row = self.current_row()
        if row is not None:
            self.openCaseRequested.emit(row.case_id)

    def release_current(self) -> None:
        row = self.current_row()
        if row is not None and row.assignee_id is not None:
            self.releaseRequested.emit(row.case_id)

    # --- slots ----------------------------------------------------------------------------

    def _open_index(self, index: QtCore.QModelIndex) -> None:
        row = self.model.row_at(index.row())
        if row is not None:
            self.openCaseRequested.emit(row.case_id)

    def _chip_clicked(self, status: CaseStatus | None) -> None:
        index = 0 if status is None else self.status_combo.findData(status.value)
        if status is not None and self.status_combo.currentIndex() == index:
            index = 0  # clicking the checked chip again shows every status
        self.status_combo.setCurrentIndex(index)
        self._sync_chips()

    def _sync_chips(self) -> None:
        current = self.status_combo.currentData()
        self.all_chip.setChecked(current is None)
        for status, chip in self.chips.items():
            chip.setChecked(current == status.value)

    def _on_filter_widget_changed(self, _index: int) -> None:
        if self._updating:
            return
        self._sync_chips()
        self.apply_filter()

    def _on_choices(self, choices: tuple[list[tuple[str, str]], list[tuple[int, str]]]) -> None:
        offices, assignees = choices
        self._updating = True
        try:
            for code, name in offices:
                self.office_combo.addItem(f"{code} {name}", code)
            for uid, name in assignees:
                self.assignee_combo.addItem(name, uid)
        finally:
            self._updating = False

    def _on_counts(self, counts: dict[CaseStatus, int]) -> None:
        for status, chip in self.chips.items():
            chip.setText(f"{status_label(status)}  {counts.get(status, 0):,}")
        self.all_chip.setText(self.tr("すべて") + f"  {sum(counts.values()):,}")

    def _on_loaded(self, total: int) -> None:
        self.message.hide()
        self._update_count_label()
        self._update_buttons()

    def _on_failed(self, failure: TaskFailure) -> None:
        self.message.setText(failure.message)
        self.message.show()

    def _on_choices_failed(self, failure: TaskFailure) -> None:
        # Without them the office and holder filters offer 「すべて」 only: said and logged.
        log.info("the queue's filter choices could not be loaded (%s)", failure.code)
        self._on_failed(failure)

    def _update_count_label(self) -> None:
        self.count_label.setText(self.tr("{total}件 ({shown}件を表示中)").format(
            total=f"{self.model.total:,}", shown=f"{self.model.rowCount():,}"))

    def _update_buttons(self) -> None:
        row = self.current_row()
        self.open_button.setEnabled(row is not None)
        self.release_button.setEnabled(row is not None and row.assignee_id is not None)
        self.bulk_propose_button.setEnabled(self.can_bulk_propose_now())
        self.bulk_approve_button.setEnabled(self._can_bulk_approve and bool(self.selected_rows()))

    def _context_menu(self, pos: QtCore.QPoint) -> None:
        index = self.table.indexAt(pos)
        row = self.model.row_at(index.row()) if index.isValid() else None
        if row is None:
            return
        if not self.table.selectionModel().isRowSelected(index.row(), QtCore.QModelIndex()):
            self.table.selectRow(index.row())  # a click on a selected row keeps the selection
        menu = QtWidgets.QMenu(self)
        menu.addAction(self.tr("開く"), lambda: self.openCaseRequested.emit(row.case_id))
        if row.paper or row.not_submitted:
            menu.addAction(self.tr("紙の調査票を入力…"),
                           lambda: self.paperRequested.emit(row.case_id))
        if self.can_bulk_propose_now():
            menu.addAction(self.bulk_propose_button.text(), self.request_bulk_propose)
        if self._can_bulk_approve:
            menu.addAction(self.bulk_approve_button.text(), self.request_bulk_approve)
        if self._can_release and row.assignee_id is not None:
            menu.addAction(self.tr("解放 ({name}さんの担当を外す)").format(
                name=row.assignee_name or ""), lambda: self.releaseRequested.emit(row.case_id))
        menu.exec(self.table.viewport().mapToGlobal(pos))

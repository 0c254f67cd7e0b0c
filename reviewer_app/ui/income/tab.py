"""The 収入 tab of the case view: employers, the month grid, the other income sections, and the
live evaluation (summary and chart) beside them.

The caller owns saving: ``sheetChanged`` carries the whole sheet (an
:class:`~reviewer_app.domain.sheet.IncomeSheet`) after every committed edit (undo and redo
included); debouncing and optimistic locking are the caller's job.
"""

from __future__ import annotations

import functools
from dataclasses import replace

from reviewer_app.domain.engine import Evaluation
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.sheet import (
    BenefitEntry,
    BusinessEntry,
    EmployerEntry,
    IncomeSheet,
    OtherIncomeEntry,
    PensionEntry,
)
from reviewer_app.domain.vocabulary import BenefitKind, PensionKind
from reviewer_app.services.suggestions import (
    AcceptedSuggestion,
    CaseSuggestions,
    Confirmation,
)
from reviewer_app.ui import palette
from reviewer_app.ui.income.chart import IncomeChart
from reviewer_app.ui.income.document import IncomeDocument
from reviewer_app.ui.income.grid import MonthGridView
from reviewer_app.ui.income.models import MonthGridModel
from reviewer_app.ui.income.records import (
    BonusRow,
    BonusTableModel,
    Column,
    RecordTableModel,
    benefit_choices,
    cutoff_choices,
    employer_choices_for,
    offset_choices,
    pay_day_choices,
    pension_choices,
)
from reviewer_app.ui.income.sections import ContractForm, RecordSection
from reviewer_app.ui.income.suggested import SuggestedAmounts
from reviewer_app.ui.income.summary import SummaryPanel
from reviewer_app.ui.qt import ModelIndex, Qt, QtGui, QtWidgets, Signal


class IncomeTab(QtWidgets.QWidget):
    """``sheetChanged(IncomeSheet)`` after every committed edit; ``monthFocused(month,
    suggestion)`` when a month's cell gets the cursor (``suggestion``: the MonthSuggestion the
    cell offers or came from, else None), for the viewer to show that month's payslip."""

    sheetChanged = Signal(object)  # IncomeSheet
    monthFocused = Signal(str, object)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = IncomeDocument(self)
        self._documents_checked = False
        self._employer_defaults: tuple[EmployerEntry, ...] = ()
        doc = self.document
        self.suggested = SuggestedAmounts(self)
        self.grid_model = MonthGridModel(doc, self, suggested=self.suggested,
                                         new_employer=self._new_employer)
        self.grid = MonthGridView(self)
        self.grid.setModel(self.grid_model)
        self.grid.cellFocused.connect(self._on_cell_focused)
        self.employers_model = RecordTableModel(
            doc, "employers",
            [Column("name", self.tr("勤務先"), "text"),
             Column("cutoff_day", self.tr("締め日"), "choice", cutoff_choices),
             Column("pay_month_offset", self.tr("支払月"), "choice", offset_choices),
             Column("pay_day", self.tr("支払日"), "choice", pay_day_choices)],
            self._new_employer, self.tr("勤務先"), self)
        self.section_models: dict[str, RecordTableModel] = {
            "bonuses": BonusTableModel(
                doc, "bonuses",
                [Column("employer", self.tr("勤務先"), "choice", employer_choices_for(doc)),
                 Column("month", self.tr("支給月"), "month"),
                 Column("gross", self.tr("賞与額(総支給)"), "amount")],
                lambda sheet: BonusRow(0), self.tr("賞与"), self),
            "pensions": RecordTableModel(
                doc, "pensions",
                [Column("kind", self.tr("種類"), "choice", pension_choices),
                 Column("annual", self.tr("年額"), "amount")],
                lambda sheet: PensionEntry(PensionKind.OLD_AGE, 0), self.tr("年金"), self),
            "self_employment": RecordTableModel(
                doc, "self_employment",
                [Column("revenue", self.tr("総収入"), "amount"),
                 Column("direct_expenses", self.tr("直接的必要経費"), "amount")],
                lambda sheet: BusinessEntry(0, 0), self.tr("自営業"), self),
            "other_income": RecordTableModel(
                doc, "other_income",
                [Column("label", self.tr("内容"), "text"),
                 Column("amount", self.tr("金額"), "amount")],
                lambda sheet: OtherIncomeEntry("", 0), self.tr("その他の収入"), self),
            "benefits": RecordTableModel(
                doc, "benefits",
                [Column("kind", self.tr("種類"), "choice", benefit_choices),
                 Column("daily_amount", self.tr("日額"), "amount"),
                 Column("start_date", self.tr("受給開始日"), "date")],
                lambda sheet: BenefitEntry(BenefitKind.UNEMPLOYMENT, 0), self.tr("給付"), self),
        }
        self.summary = SummaryPanel(self)
        self.chart = IncomeChart(self)
        self.contract_form = ContractForm(doc, self)
        self.status = QtWidgets.QLabel(self)
        self.status.setWordWrap(True)
        self.read_only_banner = QtWidgets.QLabel(
            self.tr("閲覧のみ: この画面では収入を変更できません。"), self)
        self.read_only_banner.setStyleSheet(
            f"background: #eef1f4; color: {palette.TEXT.name()}; padding: 4px;"
            " border-radius: 4px;")
        self.read_only_banner.hide()
        self.suggestion_status = QtWidgets.QLabel(self)
        self.suggestion_status.setObjectName("suggestionStatus")
        self.suggestion_status.setStyleSheet(f"color: {palette.SECONDARY_TEXT.name()};")
        # never wider than the grid's column leaves it (the case view's split stays as it is)
        self.suggestion_status.setWordWrap(True)
        self.suggestion_status.setSizePolicy(QtWidgets.QSizePolicy.Policy.Ignored,
                                             QtWidgets.QSizePolicy.Policy.Preferred)
        self.accept_all_button = QtWidgets.QPushButton(self.tr("残りをすべて確定"), self)
        self.accept_all_button.setObjectName("acceptAllButton")
        self.show_unseen_button = QtWidgets.QPushButton(self.tr("候補のページを表示"), self)
        self.show_unseen_button.setObjectName("showUnseenButton")
        self._build_actions()
        self._build_layout()
        doc.changed.connect(self._refresh)
        doc.edited.connect(self._on_edited)
        doc.rejected.connect(self.show_error)
        doc.readOnlyChanged.connect(self._apply_read_only)
        self.grid_model.inputRejected.connect(self.show_error)
        self.employers_model.inputRejected.connect(self.show_error)
        for model in self.section_models.values():
            model.inputRejected.connect(self.show_error)
        self.suggested.changed.connect(self._update_suggestion_status)
        doc.changed.connect(self._update_suggestion_status)
        self._refresh()
        self._update_suggestion_status()

    # -- public API ----------------------------------------------------------------------
    def set_sheet(self, sheet: IncomeSheet, profile: RuleProfile | None) -> None:
        """Show a case's income sheet, evaluated with ``profile`` (none: not evaluated); clears
        undo history and the status."""
        self.document.load(sheet, profile)
        self.status.clear()
        if self.grid_model.rowCount() and self.grid_model.salary_columns():
            self.grid.setCurrentIndex(self.grid_model.index(0, self.grid_model.salary_columns()[0]))

    def sheet(self) -> IncomeSheet | None:
        """The sheet shown (immutable: edits make a new one)."""
        return self.document.sheet

    def set_read_only(self, read_only: bool) -> None:
        self.document.set_read_only(read_only)

    def is_read_only(self) -> bool:
        return self.document.read_only

    def set_documents_checked(self, checked: bool) -> None:
        """Whether any document of the case is checked: with nothing entered either, the
        summary shows 「未入力」 instead of the engine's verdict."""
        if checked != self._documents_checked:
            self._documents_checked = checked
            self._refresh()

    def nothing_to_judge(self) -> bool:
        sheet = self.document.sheet
        return (sheet is None or sheet.nothing_entered()) and not self._documents_checked

    def evaluation(self) -> Evaluation | None:
        return self.document.evaluation

    def undo(self) -> None:
        self.document.undo()

    def redo(self) -> None:
        self.document.redo()

    # -- amounts read from the documents (issue 11) -----------------------------------------
    def set_suggestions(self, found: CaseSuggestions | None) -> None:
        """The amounts read from the case's payslips (None: none yet, or another case)."""
        had_cursor = self.grid.currentIndex().isValid()
        self.suggested.set_suggestions(found)
        if not had_cursor and self.grid_model.salary_columns():
            self.grid.setCurrentIndex(self.grid_model.index(0, self.grid_model.salary_columns()[0]))

    def set_confirmed(self, confirmations: tuple[Confirmation, ...]) -> None:
        self.suggested.set_confirmed(confirmations)

    def confirmations_to_record(self, sheet: IncomeSheet) -> tuple[AcceptedSuggestion, ...]:
        return self.suggested.to_record(sheet)

    def page_seen(self, attachment_id: int, page: int) -> None:
        """The viewer showed this page (1-based) of this attachment."""
        self.suggested.page_seen(attachment_id, page)

    def accept_all(self) -> bool:
        """Accept every remaining suggestion, once each page holding one has been shown."""
        sheet = self.document.sheet
        if self.document.read_only or self.suggested.unseen_pages(sheet):
            return False
        return self.grid_model.accept_all(self.suggested.all_pending(sheet))

    def show_next_unseen(self) -> None:
        """Bring the next page holding a suggestion not shown yet into the viewer."""
        sheet = self.document.sheet
        unseen = self.suggested.unseen_pages(sheet)
        for s in self.suggested.all_pending(sheet):
            if unseen and (s.attachment_id, s.page) == (unseen[0].attachment_id,
                                                       unseen[0].page):
                index = self.grid_model.index_of(s)
                if index.isValid():
                    self.grid.setCurrentIndex(index)
                self.monthFocused.emit(s.month, s)
                return

    def _on_cell_focused(self, index: ModelIndex) -> None:
        column = self.grid_model.column(index.column())
        month = str(self.grid_model.month(index.row()))
        offered = self.grid_model.offered(index)
        if offered is None and column.kind in ("salary", "bonus"):
            found = self.suggested.found
            kind = "salary" if column.kind == "salary" else "bonus"
            offered = next((s for s in (found.suggestions if found is not None else ())
                            if s.month == month and s.kind.value == kind), None)
        self.monthFocused.emit(month, offered)

    def _update_suggestion_status(self) -> None:
        sheet = self.document.sheet
        pending = self.suggested.all_pending(sheet)
        unseen = self.suggested.unseen_pages(sheet)
        writable = not self.document.read_only
        self.accept_all_button.setVisible(bool(pending) and writable)
        self.show_unseen_button.setVisible(bool(unseen) and writable)
        self.accept_all_action.setEnabled(bool(pending) and writable and not unseen)
        self.next_unseen_action.setEnabled(bool(unseen) and writable)
        self.accept_all_button.setEnabled(self.accept_all_action.isEnabled())
        if not pending or not writable:
            self.suggestion_status.setVisible(False)
            self.accept_all_button.setToolTip("")
            return
        # one line (the grid keeps its height); the details in the tooltip
        text = self.tr("候補 {n}件").replace("{n}", str(len(pending)))
        tip = self.tr("書類から読み取った候補です（◇灰色の斜体）。Enter で確定して次の月へ、"
                      "数字を入力すると置き換えます。")
        if unseen:
            why = self.tr("まだ表示していない候補のページが{n}ページあります。すべて確定する前に"
                          "各ページを表示してください（Ctrl+Shift+N で順に表示）。").replace(
                "{n}", str(len(unseen)))
            text += self.tr("・未表示 {n}ページ").replace("{n}", str(len(unseen)))
            tip += "\n" + why
            self.accept_all_button.setToolTip(why)
        else:
            self.accept_all_button.setToolTip(self.tr("候補のページはすべて表示しました"
                                                      "（Ctrl+Shift+Enter）"))
        self.suggestion_status.setToolTip(tip)
        self.suggestion_status.setText(text)
        self.suggestion_status.setVisible(True)

    def show_error(self, message: str) -> None:
        self.status.setStyleSheet(f"color: {palette.ERROR_TEXT.name()}; font-weight: bold;")
        self.status.setText(message)

    # -- construction --------------------------------------------------------------------
    def _build_actions(self) -> None:
        stack = self.document.undo_stack
        self.undo_action = QtGui.QAction(self.tr("元に戻す"), self)
        self.undo_action.setShortcuts([QtGui.QKeySequence("Ctrl+Z")])
        self.redo_action = QtGui.QAction(self.tr("やり直す"), self)
        self.redo_action.setShortcuts([QtGui.QKeySequence("Ctrl+Shift+Z"),
                                       QtGui.QKeySequence("Ctrl+Y")])
        # Enabled once every page holding a suggestion was shown (issue 11 §2); the pages are
        # brought into the viewer in turn by the next action.
        self.accept_all_action = QtGui.QAction(self.tr("残りの候補をすべて確定"), self)
        self.accept_all_action.setShortcuts([QtGui.QKeySequence("Ctrl+Shift+Return"),
                                             QtGui.QKeySequence("Ctrl+Shift+Enter")])
        self.next_unseen_action = QtGui.QAction(self.tr("候補のページを順に表示"), self)
        self.next_unseen_action.setShortcut(QtGui.QKeySequence("Ctrl+Shift+N"))
        self.accept_all_button.clicked.connect(self.accept_all)
        self.show_unseen_button.clicked.connect(self.show_next_unseen)
        for action, slot in ((self.undo_action, self.undo), (self.redo_action, self.redo),
                             (self.accept_all_action, self.accept_all),
                             (self.next_unseen_action, self.show_next_unseen)):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        # Remember the stack's state from its signals rather than asking the stack: it emits
        # them while being destroyed with the tab, when it can no longer be called.
        self._can_undo = self._can_redo = False
        stack.canUndoChanged.connect(self._set_can_undo)
        stack.canRedoChanged.connect(self._set_can_redo)
        self._update_actions()

    def _build_add_actions(self) -> None:
        """An employer or a bonus row added from the keyboard, wherever the focus is in 収入 (the
        grid's Tab moves between months and never reaches the buttons)."""
        bonuses = self._sections[1]
        for text, keys, section, tab in (
                (self.tr("勤務先を追加"), "Ctrl+Shift+E", self.employers_section, None),
                (self.tr("賞与を追加"), "Ctrl+Shift+B", bonuses, bonuses)):
            action = QtGui.QAction(text, self)
            action.setShortcut(QtGui.QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(functools.partial(self._add_row, section, tab))
            self.addAction(action)

    def _add_row(self, section: RecordSection, tab: QtWidgets.QWidget | None) -> None:
        if tab is not None:
            self.others.setCurrentWidget(tab)
        section.add_button.click()  # a read-only sheet's button is disabled: nothing happens

    def _set_can_undo(self, value: bool) -> None:
        self._can_undo = value
        self._update_actions()

    def _set_can_redo(self, value: bool) -> None:
        self._can_redo = value
        self._update_actions()

    def _update_actions(self) -> None:
        writable = not self.document.read_only
        self.undo_action.setEnabled(writable and self._can_undo)
        self.redo_action.setEnabled(writable and self._can_redo)

    def _section(self, key: str, add_text: str, hint: str = "") -> RecordSection:
        section = RecordSection(self.section_models[key], add_text, hint, self)
        self._sections.append(section)
        return section

    def _build_layout(self) -> None:
        self._sections: list[RecordSection] = []
        self.employers_section = RecordSection(
            self.employers_model, self.tr("勤務先を追加"),
            self.tr("締め日・支払月・支払日から勤怠期間を求めます。"), self)
        self._sections.append(self.employers_section)
        self.employers_section.setMaximumHeight(self.fontMetrics().height() * 9)
        self.others = QtWidgets.QTabWidget(self)
        self.others.setDocumentMode(True)
        self.others.addTab(self._section("bonuses", self.tr("賞与を追加"),
                                         self.tr("賞与はその年の12か月で按分されます。")),
                           self.tr("賞与"))
        self.others.addTab(self._section("pensions", self.tr("年金を追加"),
                                         self.tr("遺族年金・障害年金も含みます。")),
                           self.tr("年金"))
        self.others.addTab(self._section("self_employment", self.tr("事業を追加"),
                                         self.tr("事業ごとに入力(赤字は0円)。")),
                           self.tr("自営業"))
        self.others.addTab(self._section("other_income", self.tr("収入を追加")),
                           self.tr("その他の収入"))
        self.others.addTab(self._section("benefits", self.tr("給付を追加"),
                                         self.tr("失業給付・傷病手当金・出産手当金は日額で判定。")),
                           self.tr("給付"))
        self.others.addTab(self.contract_form, self.tr("労働契約・証明"))
        self._build_add_actions()
        self.others.setMinimumHeight(self.fontMetrics().height() * 10)
        self.others.setMaximumHeight(self.fontMetrics().height() * 14)

        left = QtWidgets.QWidget(self)
        left_layout = QtWidgets.QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(6)
        left_layout.addWidget(self._title(self.tr("勤務先")))
        left_layout.addWidget(self.employers_section)
        left_layout.addWidget(self._title(self.tr("月別の給与(支払月ごとの総支給額)")))
        hint = QtWidgets.QLabel(self.tr("Tab・Enter で次の月へ ／ Delete で未入力に戻す ／ "
                                        "Ctrl+V で縦に貼り付け ／ Ctrl+Z で元に戻す"), self)
        hint.setStyleSheet(f"color: {palette.SECONDARY_TEXT.name()};")
        hint.setWordWrap(True)
        left_layout.addWidget(hint)
        suggestion_row = QtWidgets.QHBoxLayout()
        suggestion_row.addWidget(self.suggestion_status, 1)
        suggestion_row.addWidget(self.show_unseen_button)
        suggestion_row.addWidget(self.accept_all_button)
        left_layout.addLayout(suggestion_row)
        left_layout.addWidget(self.grid, 4)
        left_layout.addWidget(self.others, 1)

        summary_scroll = QtWidgets.QScrollArea(self)
        summary_scroll.setWidget(self.summary)
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QtWidgets.QFrame.Shape.NoFrame)
        right = QtWidgets.QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(summary_scroll)
        right.addWidget(self.chart)
        right.setStretchFactor(0, 3)
        right.setStretchFactor(1, 2)
        right.setSizes([600, 360])
        right.setChildrenCollapsible(False)

        main = QtWidgets.QSplitter(Qt.Orientation.Horizontal, self)
        main.addWidget(left)
        main.addWidget(right)
        # The grid is where the examiner types: it gets the larger share.
        main.setStretchFactor(0, 11)
        main.setStretchFactor(1, 9)
        main.setSizes([1100, 900])
        main.setChildrenCollapsible(False)

        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(main, 1)
        layout.addWidget(self.status)

    def _title(self, text: str) -> QtWidgets.QLabel:
        label = QtWidgets.QLabel(text, self)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def set_employer_defaults(self, employers: tuple[EmployerEntry, ...]) -> None:
        """The same dependent's employers of the year before (names and pay schedules): the
        n-th new employer row starts from the n-th of them (issue 13)."""
        self._employer_defaults = employers

    def _new_employer(self, sheet: IncomeSheet) -> EmployerEntry:
        # The year before's schedule when the dependent had one, else unknown (never a guess
        # such as 末日/翌月/25日 that the payslips may contradict; issue 13).
        n = len(sheet.employers)
        if n < len(self._employer_defaults):
            return replace(self._employer_defaults[n], payments=(), bonuses=())
        name = self.tr("勤務先{n}").replace("{n}", str(n + 1))
        return EmployerEntry(name, cutoff_day=None, pay_month_offset=None, pay_day=None)

    # -- reactions -----------------------------------------------------------------------
    def _refresh(self) -> None:
        doc = self.document
        self.summary.set_evaluation(doc.evaluation, doc.error,
                                    nothing_entered=self.nothing_to_judge(), sheet=doc.sheet)
        self.chart.set_evaluation(doc.evaluation)

    def _on_edited(self, _sheet: IncomeSheet) -> None:
        self.status.setStyleSheet(f"color: {palette.SECONDARY_TEXT.name()};")
        self.status.setText(self.document.undo_stack.undoText() or "")
        # A half-entered row is not saved (the service would refuse the sheet) until complete.
        self.sheetChanged.emit(self.document.complete_sheet())

    def _apply_read_only(self, read_only: bool) -> None:
        self.read_only_banner.setVisible(read_only)
        for section in self._sections:
            section.set_read_only(read_only)
        self._update_actions()

    # -- focus layout (issue 13) ---------------------------------------------------------
    def set_focus_layout(self, on: bool) -> None:
        """Show only the month grid (the case view's focus layout) or everything again."""
        left = self.grid.parentWidget()
        assert left is not None
        options = Qt.FindChildOption.FindDirectChildrenOnly
        for widget in left.findChildren(QtWidgets.QWidget, options=options):
            if widget is not self.grid:
                widget.setVisible(not on)
        splitter = left.parentWidget()
        beside = splitter.widget(1) if isinstance(splitter, QtWidgets.QSplitter) else None
        if beside is not None:
            beside.setVisible(not on)  # the evaluation beside the grid

"""ファイル → 紙の調査票を入力…: key in a paper survey (紙の調査票, issue 14).

The form asks every question as the member's form does (seed 000): 1 the insured's card (有/無),
2 the dependent's details confirmed, 3 the dependent's card (有/無), 4 every occupation with its
expected income where the form asks one, 5 other income, 6 living together or apart (and since
when), 7 the contact field. The scans are added per required document from a file dialog, by
dragging files onto the list, or as they appear in a scanner's output folder the dialog watches
(:class:`ScannerFolder`); a PDF may be split by page range (``1-3``). Everything runs through
:class:`~reviewer_app.services.paper.PaperService` on the database worker, so the window says
exactly what the CLI says (the field, what is wrong). 入力確認 is the same dialog for a second
person: it calls the service, which refuses the person who entered it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from reviewer_app.domain.vocabulary import (
    OCCUPATIONS_WITH_AMOUNT,
    DocumentKind,
    Living,
    Occupation,
)
from reviewer_app.services.paper import (
    PAPER_ROLES,
    EntryResult,
    PaperService,
    PaperState,
    PaperTarget,
    Scan,
)
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.ui.labels import document_kind_label, living_label, occupation_label
from reviewer_app.ui.qt import QtCore, QtGui, QtWidgets
from reviewer_app.ui.tasks import TaskFailure, TaskManager

AskPaths = Callable[[QtWidgets.QWidget, str, str], list[str]]
AskFolder = Callable[[QtWidgets.QWidget, str], str]
MAX_AMOUNT = 2_000_000_000
_PAGES = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")


def ask_open_paths(parent: QtWidgets.QWidget, title: str, filters: str) -> list[str]:
    paths, _ = QtWidgets.QFileDialog.getOpenFileNames(parent, title, str(Path.home()), filters)
    return list(paths)


def ask_folder_path(parent: QtWidgets.QWidget, title: str) -> str:
    return QtWidgets.QFileDialog.getExistingDirectory(parent, title, str(Path.home()))


SCAN_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png", ".bmp", ".gif", ".heic"})


class ScannerFolder(QtCore.QObject):
    """A scanner's output folder: ``arrived(paths)`` for the files that appear in it once their
    size has stopped changing (a scanner writes a file in several steps). Files already there
    when watching starts are not added."""

    arrived = QtCore.Signal(list)
    SETTLE_MS = 700

    def __init__(self, parent: QtCore.QObject) -> None:
        super().__init__(parent)
        self._watcher = QtCore.QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(self.SETTLE_MS)
        self._timer.timeout.connect(self._settle)
        self._folder: Path | None = None
        self._known: set[Path] = set()
        self._sizes: dict[Path, int] = {}

    def watch(self, folder: Path) -> None:
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        self._folder = folder
        self._known = set(self._scans())
        self._sizes.clear()
        self._watcher.addPath(str(folder))

    def _scans(self) -> list[Path]:
        if self._folder is None:
            return []
        try:
            return [p for p in self._folder.iterdir()
                    if p.is_file() and p.suffix.lower() in SCAN_SUFFIXES]
        except OSError:
            return []

    def _changed(self, _path: str) -> None:
        self._timer.start()

    def _settle(self) -> None:
        ready, waiting = [], False
        for path in sorted(set(self._scans()) - self._known):
            try:
                size = path.stat().st_size
            except OSError:
                continue
            if size > 0 and self._sizes.get(path) == size:
                ready.append(path)
                self._known.add(path)
                self._sizes.pop(path, None)
            else:
                self._sizes[path] = size
                waiting = True
        if waiting:
            self._timer.start()
        if ready:
            self.arrived.emit(ready)


class _YesNo(QtWidgets.QWidget):
    """有 / 無, as the form asks for the cards."""

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.yes = QtWidgets.QRadioButton(self.tr("有"), self)
        self.no = QtWidgets.QRadioButton(self.tr("無"), self)
        self.yes.setChecked(True)
        layout.addWidget(self.yes)
        layout.addWidget(self.no)
        layout.addStretch(1)

    def value(self) -> bool:
        return self.yes.isChecked()

    def set_value(self, value: bool) -> None:
        (self.yes if value else self.no).setChecked(True)


class ScanList(QtWidgets.QTableWidget):
    """The scans to attach: document, file, pages; files dropped on it are added."""

    dropped = QtCore.Signal(list)

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(0, 3, parent)
        self.setHorizontalHeaderLabels([self.tr("書類"), self.tr("ファイル"),
                                        self.tr("ページ (例 1-3)")])
        self.horizontalHeader().setStretchLastSection(True)
        self.setAcceptDrops(True)
        self.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self._kinds: list[str] = []
        self._paths: list[Path] = []

    def add(self, kind: DocumentKind, path: Path) -> None:
        row = self.rowCount()
        self.insertRow(row)
        self._kinds.append(kind.value)
        self._paths.append(path)
        for col, text in enumerate((document_kind_label(kind), path.name)):
            item = QtWidgets.QTableWidgetItem(text)
            item.setFlags(item.flags() & ~QtCore.Qt.ItemFlag.ItemIsEditable)
            self.setItem(row, col, item)
        self.setItem(row, 2, QtWidgets.QTableWidgetItem(""))

    def clear_scans(self) -> None:
        self.setRowCount(0)
        self._kinds.clear()
        self._paths.clear()

    def remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.selectedIndexes()}, reverse=True):
            self.removeRow(row)
            del self._kinds[row], self._paths[row]

    def scans(self) -> list[Scan] | str:
        """The scans, or the text of the first page range that cannot be read."""
        out: list[Scan] = []
        for row, (kind, path) in enumerate(zip(self._kinds, self._paths, strict=True)):
            item = self.item(row, 2)
            text = item.text().strip() if item is not None else ""
            pages = None
            if text:
                found = _PAGES.match(text)
                if found is None:
                    return f"attach[{row}]"
                pages = (int(found[1]), int(found[2]))
            out.append(Scan(kind, path, pages))
        return out

    # drag and drop of files (a scanner's output folder, the desktop)
    def dragEnterEvent(self, event: QtGui.QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dragMoveEvent(self, event: QtGui.QDragMoveEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            super().dragMoveEvent(event)

    def dropEvent(self, event: QtGui.QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.dropped.emit(paths)
        else:
            super().dropEvent(event)


class PaperDialog(QtWidgets.QDialog):
    """The paper survey form for one dependent. ``done_(text)`` after a save or a check."""

    done_ = QtCore.Signal(str)
    failed = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None, session: WorkspaceSession,
                 tasks: TaskManager, *, ask_paths: AskPaths = ask_open_paths,
                 ask_folder: AskFolder = ask_folder_path) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("紙の調査票を入力"))
        self.setObjectName("paperDialog")
        self._service = PaperService(session)
        self._tasks = tasks
        self.ask_paths = ask_paths
        self.ask_folder = ask_folder
        self.target: PaperTarget | None = None
        self.state: PaperState | None = None
        outer = QtWidgets.QVBoxLayout(self)

        who = QtWidgets.QHBoxLayout()
        self.member_edit = QtWidgets.QLineEdit(self)
        self.member_edit.setPlaceholderText(self.tr("記号-番号 (例 10-123)"))
        self.dependent_edit = QtWidgets.QLineEdit(self)
        self.dependent_edit.setPlaceholderText(self.tr("被扶養者の氏名またはID"))
        self.find_button = QtWidgets.QPushButton(self.tr("呼び出す"), self)
        self.find_button.clicked.connect(self.look_up)
        who.addWidget(QtWidgets.QLabel(self.tr("被保険者"), self))
        who.addWidget(self.member_edit)
        who.addWidget(QtWidgets.QLabel(self.tr("被扶養者"), self))
        who.addWidget(self.dependent_edit, 1)
        who.addWidget(self.find_button)
        outer.addLayout(who)
        self.status_label = QtWidgets.QLabel(
            self.tr("被保険者と被扶養者を指定して呼び出してください。"), self)
        self.status_label.setWordWrap(True)
        outer.addWidget(self.status_label)

        scroll = QtWidgets.QScrollArea(self)
        scroll.setWidgetResizable(True)
        body = QtWidgets.QWidget(scroll)
        form = QtWidgets.QFormLayout(body)
        self.q1 = _YesNo(body)
        form.addRow(self.tr("1. 被保険者の保険証"), self.q1)
        self.q2 = QtWidgets.QCheckBox(self.tr("続柄・生年月日を確認した"), body)
        self.q2.setChecked(True)
        form.addRow(self.tr("2. 被扶養者の基本情報"), self.q2)
        self.q3 = _YesNo(body)
        form.addRow(self.tr("3. 被扶養者の保険証"), self.q3)
        q4 = QtWidgets.QGroupBox(self.tr("4. 現在の職業と収入見込（該当するものすべて）"), body)
        grid = QtWidgets.QGridLayout(q4)
        self.occupations: dict[Occupation, QtWidgets.QCheckBox] = {}
        self.amounts: dict[Occupation, QtWidgets.QSpinBox] = {}
        half = (len(Occupation) + 1) // 2  # two columns, in the form's order down each
        for index, occupation in enumerate(Occupation):
            row, col = index % half, (index // half) * 3
            box = QtWidgets.QCheckBox(occupation_label(occupation), q4)
            box.setObjectName(f"occupation_{occupation.value}")
            self.occupations[occupation] = box
            grid.addWidget(box, row, col)
            if occupation in OCCUPATIONS_WITH_AMOUNT:
                amount = _yen(q4)
                amount.setObjectName(f"amount_{occupation.value}")
                amount.setEnabled(False)
                box.toggled.connect(amount.setEnabled)
                self.amounts[occupation] = amount
                grid.addWidget(amount, row, col + 1)
        grid.setColumnMinimumWidth(2, 24)
        grid.setColumnStretch(2, 1)
        grid.setColumnStretch(5, 1)
        form.addRow(q4)
        other = QtWidgets.QHBoxLayout()
        self.q5_check = QtWidgets.QCheckBox(self.tr("あり"), body)
        self.q5 = _yen(body)
        self.q5.setEnabled(False)
        self.q5_check.toggled.connect(self.q5.setEnabled)
        other.addWidget(self.q5_check)
        other.addWidget(self.q5)
        other.addStretch(1)
        form.addRow(self.tr("5. その他の収入（遺産相続など）"), other)
        self.q6 = QtWidgets.QComboBox(body)
        for living in Living:
            self.q6.addItem(living_label(living), living.value)
        self.q6.setMaximumWidth(420)
        form.addRow(self.tr("6. 同居・別居"), self.q6)
        self.q6_since = QtWidgets.QLineEdit(body)
        self.q6_since.setPlaceholderText(self.tr("別居の場合 YYYY-MM"))
        self.q6_since.setMaximumWidth(200)
        form.addRow(self.tr("別居日"), self.q6_since)
        self.q7 = QtWidgets.QPlainTextEdit(body)
        self.q7.setPlaceholderText(self.tr("退職年月、確定申告していない、一時的な収入増の理由など"))
        self.q7.setFixedHeight(70)
        form.addRow(self.tr("7. 連絡欄"), self.q7)

        scans = QtWidgets.QGroupBox(
            self.tr("スキャン（ファイルをここへドラッグ＆ドロップできます）"), body)
        scan_layout = QtWidgets.QVBoxLayout(scans)
        pick = QtWidgets.QHBoxLayout()
        self.kind_combo = QtWidgets.QComboBox(scans)
        for kind in DocumentKind:
            self.kind_combo.addItem(document_kind_label(kind), kind.value)
        self.add_button = QtWidgets.QPushButton(self.tr("ファイルを追加…"), scans)
        self.add_button.clicked.connect(self.add_files)
        self.remove_button = QtWidgets.QPushButton(self.tr("削除"), scans)
        pick.addWidget(QtWidgets.QLabel(self.tr("書類"), scans))
        pick.addWidget(self.kind_combo, 1)
        pick.addWidget(self.add_button)
        pick.addWidget(self.remove_button)
        scan_layout.addLayout(pick)
        watch = QtWidgets.QHBoxLayout()
        self.watch_button = QtWidgets.QPushButton(self.tr("スキャナーのフォルダを監視…"), scans)
        self.watch_button.clicked.connect(self.choose_folder)
        self.watch_label = QtWidgets.QLabel(scans)
        watch.addWidget(self.watch_button)
        watch.addWidget(self.watch_label, 1)
        scan_layout.addLayout(watch)
        self.watcher = ScannerFolder(self)
        self.watcher.arrived.connect(self.add_paths)
        self.scan_list = ScanList(scans)
        self.scan_list.setMinimumHeight(150)
        self.scan_list.dropped.connect(self.add_paths)
        self.remove_button.clicked.connect(self.scan_list.remove_selected)
        scan_layout.addWidget(self.scan_list)
        form.addRow(scans)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        self.error_label = QtWidgets.QLabel(self)
        self.error_label.setObjectName("paperError")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        outer.addWidget(self.error_label)
        buttons = QtWidgets.QHBoxLayout()
        self.correction_box = QtWidgets.QCheckBox(self.tr("訂正として入力（新しい版）"), self)
        self.save_button = QtWidgets.QPushButton(self.tr("入力を保存"), self)
        self.save_button.clicked.connect(self.save)
        self.check_button = QtWidgets.QPushButton(self.tr("入力確認"), self)
        self.check_button.setToolTip(self.tr("入力した人とは別の担当者が、紙の調査票と入力内容を"
                                             "照らし合わせて確認します"))
        self.check_button.clicked.connect(self.check)
        close = QtWidgets.QPushButton(self.tr("閉じる"), self)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.correction_box)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.check_button)
        buttons.addWidget(close)
        outer.addLayout(buttons)
        self._set_ready(False)
        self.resize(760, 720)

    @staticmethod
    def allowed(session: WorkspaceSession) -> bool:
        return session.user.has(*PAPER_ROLES)

    # -- the person -----------------------------------------------------------------------------

    def look_up(self) -> None:
        member, dependent = self.member_edit.text(), self.dependent_edit.text()
        service = self._service

        def load() -> tuple[PaperTarget, PaperState]:
            target = service.find(member, dependent)
            return target, service.state(target.case_id)

        self.error_label.clear()
        self._tasks.run(load, self._loaded, self._failed, receiver=self)

    def open_case(self, case_id: int) -> None:
        """Start from a case of the queue."""
        service = self._service

        def load() -> tuple[PaperTarget, PaperState]:
            return service.target_of(case_id), service.state(case_id)

        self._tasks.run(load, self._loaded, self._failed, receiver=self)

    def _loaded(self, found: tuple[PaperTarget, PaperState]) -> None:
        self.target, self.state = found
        self.member_edit.setText(self.target.member)
        self.dependent_edit.setText(self.target.dependent_name)
        self._set_ready(True)
        if self.state.answers is not None:
            self.set_answers(self.state.answers.model_dump(mode="json"))
        self.correction_box.setChecked(self.state.entered)
        self.status_label.setText(self._status_text())

    def _status_text(self) -> str:
        target, state = self.target, self.state
        assert target is not None and state is not None
        head = self.tr("案件 {case}（{relationship}）").format(
            case=target.case_id, relationship=target.relationship_label)
        if not state.entered:
            return head + self.tr("：紙の調査票は未入力です。") if state.paper else \
                head + self.tr("：WEBの未提出者です（入力すると紙に切り替わります）。")
        text = head + self.tr("：第{revision}版を {who} が入力").format(
            revision=state.revision, who=state.entered_by or "?")
        if state.checked:
            return text + self.tr("、{who} が入力確認済み。").format(who=state.checked_by)
        return text + self.tr("、入力確認待ち。")

    def _set_ready(self, ready: bool) -> None:
        for widget in (self.save_button, self.check_button, self.add_button,
                       self.correction_box):
            widget.setEnabled(ready)

    # -- the answers ----------------------------------------------------------------------------

    def answers(self) -> dict[str, Any]:
        """The form as the answers structure of a bundle (schema.Answers)."""
        occupations = []
        for occupation, box in self.occupations.items():
            if box.isChecked():
                entry: dict[str, Any] = {"occupation": occupation.value}
                if occupation in self.amounts:
                    entry["amount"] = self.amounts[occupation].value()
                occupations.append(entry)
        since = self.q6_since.text().strip()
        return {
            "insured_has_card": self.q1.value(),
            "dependent_details_confirmed": self.q2.isChecked(),
            "dependent_has_card": self.q3.value(),
            "occupations": occupations,
            "other_income": self.q5.value() if self.q5_check.isChecked() else None,
            "living": self.q6.currentData(),
            "living_apart_since": since or None,
            "contact": self.q7.toPlainText(),
        }

    def set_answers(self, answers: dict[str, Any]) -> None:
        self.q1.set_value(bool(answers.get("insured_has_card", True)))
        self.q2.setChecked(bool(answers.get("dependent_details_confirmed", True)))
        self.q3.set_value(bool(answers.get("dependent_has_card", True)))
        ticked = {o["occupation"]: o.get("amount") for o in answers.get("occupations", [])}
        for occupation, box in self.occupations.items():
            box.setChecked(occupation.value in ticked)
            if occupation in self.amounts:
                self.amounts[occupation].setValue(int(ticked.get(occupation.value) or 0))
        other = answers.get("other_income")
        self.q5_check.setChecked(other is not None)
        self.q5.setValue(int(other or 0))
        index = self.q6.findData(answers.get("living", Living.TOGETHER.value))
        self.q6.setCurrentIndex(max(index, 0))
        self.q6_since.setText(answers.get("living_apart_since") or "")
        self.q7.setPlainText(answers.get("contact", ""))

    # -- scans ----------------------------------------------------------------------------------

    def add_files(self) -> None:
        paths = self.ask_paths(self, self.tr("スキャンを追加"), self.tr(
            "スキャン (*.pdf *.jpg *.jpeg *.png *.bmp *.gif *.heic);;すべてのファイル (*)"))
        self.add_paths([Path(p) for p in paths])

    def choose_folder(self) -> None:
        folder = self.ask_folder(self, self.tr("スキャナーの保存先フォルダ"))
        if folder:
            self.watch_folder(Path(folder))

    def watch_folder(self, folder: Path) -> None:
        """Add every scan that appears in ``folder`` from now on (as the current document)."""
        self.watcher.watch(folder)
        self.watch_label.setText(self.tr("監視中: {folder}").format(folder=str(folder)))

    def add_paths(self, paths: list[Path]) -> None:
        kind = DocumentKind(self.kind_combo.currentData())
        for path in paths:
            self.scan_list.add(kind, path)

    # -- saving and checking --------------------------------------------------------------------

    def save(self) -> None:
        if self.target is None:
            return
        scans = self.scan_list.scans()
        if isinstance(scans, str):
            self._failed_text(scans + ": " + self.tr("ページは 開始-終了 の形で入力してください"
                                                     "（例 1-3）。"))
            return
        case_id, answers = self.target.case_id, self.answers()
        correction = self.correction_box.isChecked()
        service = self._service

        def enter() -> tuple[EntryResult, PaperState]:
            result = service.enter(case_id, answers, scans, correction=correction)
            return result, service.state(case_id)

        self.error_label.clear()
        self._tasks.run(enter, self._saved, self._failed, receiver=self)

    def _saved(self, outcome: tuple[EntryResult, PaperState]) -> None:
        result, self.state = outcome
        self.scan_list.clear_scans()
        self.correction_box.setChecked(True)
        self.status_label.setText(self._status_text())
        text = self.tr("第{revision}版として保存しました（ファイル {files} 件）。"
                       "別の担当者が入力確認をするまで審査は始められません。").format(
            revision=result.revision, files=result.files)
        if result.quarantined:
            text += self.tr("開けないファイルが {n} 件あります（書類タブに表示されます）。").format(
                n=sum(result.quarantined.values()))
        self.done_.emit(text)

    def check(self) -> None:
        if self.target is None:
            return
        case_id, service = self.target.case_id, self._service

        def confirm() -> PaperState:
            service.check(case_id)
            return service.state(case_id)

        self.error_label.clear()
        self._tasks.run(confirm, self._checked, self._failed, receiver=self)

    def _checked(self, state: PaperState) -> None:
        self.state = state
        self.status_label.setText(self._status_text())
        self.done_.emit(self.tr("入力確認をしました。審査を始められます。"))

    def _failed(self, failure: TaskFailure) -> None:
        self._failed_text(failure.message)

    def _failed_text(self, text: str) -> None:
        self.error_label.setText(text)
        self.failed.emit(text)


def _yen(parent: QtWidgets.QWidget) -> QtWidgets.QSpinBox:
    box = QtWidgets.QSpinBox(parent)
    box.setRange(0, MAX_AMOUNT)
    box.setSingleStep(10_000)
    box.setGroupSeparatorShown(True)
    box.setSuffix(QtCore.QCoreApplication.translate("PaperDialog", " 円"))
    box.setMinimumWidth(150)
    box.setMaximumWidth(200)
    return box


class PaperAction(QtCore.QObject):
    """The menu action and the queue's context menu entry: opens the dialog."""

    def __init__(self, parent: QtWidgets.QWidget, session: WorkspaceSession,
                 tasks: TaskManager, *, after: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._parent, self._session, self._tasks, self._after = parent, session, tasks, after
        self.dialog: PaperDialog | None = None

    def run(self, case_id: int | None = None) -> PaperDialog:
        dialog = PaperDialog(self._parent, self._session, self._tasks)
        after = self._after
        if after is not None:
            dialog.done_.connect(lambda _text: after())
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        if case_id is not None:
            dialog.open_case(case_id)
        dialog.show()
        return dialog

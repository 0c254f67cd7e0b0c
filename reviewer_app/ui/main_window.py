"""The main window of a signed-in user: queue page ⇄ case page (and a supervisor's approval
queue), menus, status bar, and the idle lock that hides every page behind :class:`LockPage`.
"""

from __future__ import annotations

import base64
import logging

from reviewer_app import __version__
from reviewer_app.domain.vocabulary import Role
from reviewer_app.services.casework import CaseService
from reviewer_app.services.progress import progress_report
from reviewer_app.services.queue import QueueService
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.services.workspace import open_session
from reviewer_app.ui.case.conflicts import ConflictResolver, ask_in_dialog
from reviewer_app.ui.case_view import CaseView
from reviewer_app.ui.idle_lock import IdleWatcher, LockPage
from reviewer_app.ui.import_action import ImportAction
from reviewer_app.ui.labels import role_label
from reviewer_app.ui.outputs import OutputMenu
from reviewer_app.ui.paper_dialog import PaperAction, PaperDialog
from reviewer_app.ui.progress_view import ProgressView
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal
from reviewer_app.ui.queue import QueueWidget
from reviewer_app.ui.queue.bulk import BulkActions
from reviewer_app.ui.settings import (
    DATE_STYLE,
    IDLE_LOCK_MINUTES,
    LANGUAGE,
    Settings,
    case_splitter_option,
)
from reviewer_app.ui.settings_dialog import SettingsDialog
from reviewer_app.ui.shortcut_table import ShortcutDialog
from reviewer_app.ui.tasks import TaskFailure, TaskManager, show_failure

log = logging.getLogger(__name__)

class MainWindow(QtWidgets.QMainWindow):
    """``loggedOut`` after the user logged out (the session is closed by then)."""

    loggedOut = Signal()

    def __init__(self, session: WorkspaceSession, tasks: TaskManager, settings: Settings,
                 parent: QtWidgets.QWidget | None = None, *,
                 resolve_conflict: ConflictResolver = ask_in_dialog,
                 read_documents: bool = True) -> None:
        super().__init__(parent)
        self.session = session
        self.tasks = tasks
        self.settings = settings
        self.queue_service = QueueService(session)
        self.case_service = CaseService(session)
        self.locked = False
        self._closing = False
        self._before_lock: QtWidgets.QWidget | None = None
        self._locked_case: int | None = None
        self._from_page: QtWidgets.QWidget | None = None
        self.shortcut_dialog: ShortcutDialog | None = None
        user = session.user
        supervisor = user.has(Role.SUPERVISOR, Role.ADMIN)
        self.setWindowTitle(self.tr("被扶養者資格調査 審査 - {user}").format(user=user.name))
        self.resize(1440, 900)

        self.queue = QueueWidget(
            tasks, self.queue_service, can_release=supervisor,
            can_bulk_propose=user.has(Role.EXAMINER, Role.SUPERVISOR))
        self.queue.openCaseRequested.connect(self.open_case)
        self.queue.releaseRequested.connect(self.release_case)
        self.approvals = QueueWidget(tasks, self.queue_service, approval=True,
                                     can_bulk_approve=user.has(Role.SUPERVISOR))
        self.approvals.openCaseRequested.connect(self.open_case)
        self.bulk = BulkActions(tasks, session, self)
        # Reloaded, not refreshed in place: the acted-on cases leave the view's filter.
        self.queue.bulkProposeRequested.connect(
            lambda rows: self.bulk.propose_exclusions(rows, self.queue.apply_filter))
        self.approvals.bulkApproveRequested.connect(
            lambda rows: self.bulk.approve(rows, self.approvals.apply_filter))
        self.case_view = CaseView(tasks, self.case_service, user,
                                  language=settings.get(LANGUAGE),
                                  date_style=settings.get(DATE_STYLE),
                                  resolve_conflict=resolve_conflict,
                                  read_documents=read_documents)
        self.case_view.backRequested.connect(self.show_queue)
        self.case_view.neighbourRequested.connect(self.open_neighbour)
        self.case_view.caseChanged.connect(self._on_case_changed)
        self.case_view.opened.connect(self._on_case_opened)
        # The viewer/tabs splitter as this user last left it (issue 13).
        self._splitter_option = case_splitter_option(user.name)
        stored = settings.get(self._splitter_option)
        if stored:
            self.case_view.splitter.restore(base64.b64decode(stored))
        self.case_view.splitter.splitterMoved.connect(self._save_splitter)
        self.progress_view = ProgressView(tasks, lambda today: progress_report(session, today))
        self.lock_page = LockPage(user.name)
        self.lock_page.unlockRequested.connect(self._unlock)
        self.lock_page.logoutRequested.connect(self.logout)

        self.stack = QtWidgets.QStackedWidget()
        for page in (self.queue, self.approvals, self.case_view, self.progress_view,
                     self.lock_page):
            self.stack.addWidget(page)
        self.setCentralWidget(self.stack)
        self._build_menus(supervisor)
        self._build_status_bar()
        self.stack.currentChanged.connect(
            lambda _i: self.focus_action.setEnabled(self.stack.currentWidget() is self.case_view))
        tasks.failed.connect(lambda failure: show_failure(self, failure))
        tasks.busyChanged.connect(self._on_busy)

        self.idle = IdleWatcher(settings.get(IDLE_LOCK_MINUTES), self)
        self.idle.idle.connect(self.lock)
        self.idle.start()
        self.queue.start()
        self.show_queue()

    # --- construction -------------------------------------------------------------------------

    def _build_menus(self, supervisor: bool) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("ファイル(&F)"))
        self.importer = ImportAction(self, self.session, self.tasks, after=self.queue.refresh)
        self.import_action = file_menu.addAction(self.tr("バンドルを取り込む…"),
                                                 self.importer.run)
        self.import_action.setVisible(ImportAction.allowed(self.session))
        self.paper = PaperAction(self, self.session, self.tasks, after=self.queue.refresh)
        self.paper_action = file_menu.addAction(self.tr("紙の調査票を入力…"),
                                                lambda: self.paper.run())
        self.paper_action.setVisible(PaperDialog.allowed(self.session))
        self.queue.paperRequested.connect(self.paper.run)
        file_menu.addSeparator()
        self.logout_action = file_menu.addAction(self.tr("ログアウト"), self.logout)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("終了"), self.close)
        quit_action.setShortcut(QtGui.QKeySequence("Ctrl+Q"))
        view_menu = bar.addMenu(self.tr("表示(&V)"))
        queue_action = view_menu.addAction(self.tr("キュー"), self.show_queue)
        queue_action.setShortcut(QtGui.QKeySequence("Ctrl+1"))
        queue_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.approvals_action = view_menu.addAction(self.tr("承認待ち"), self.show_approvals)
        self.approvals_action.setVisible(supervisor)
        self.progress_action = view_menu.addAction(self.tr("進捗"), self.show_progress)
        self.progress_action.setVisible(supervisor)
        self.focus_action = view_menu.addAction(self.tr("集中レイアウト(書類と月別の給与だけ)"))
        self.focus_action.setCheckable(True)
        self.focus_action.setShortcut(QtGui.QKeySequence("F11"))
        self.focus_action.toggled.connect(self._set_focus_layout)
        self.focus_action.setEnabled(False)  # only while a case is shown
        view_menu.addSeparator()
        self.lock_action = view_menu.addAction(self.tr("画面をロック"), self.lock)
        self.lock_action.setShortcut(QtGui.QKeySequence("Ctrl+Shift+L"))
        view_menu.addAction(self.tr("設定…"), self.open_settings)
        self.outputs: OutputMenu | None = None
        if supervisor:  # the results, the exclusion list and the letters: supervisors, admins
            self.outputs = OutputMenu(self, self.session, self.tasks)
            bar.addMenu(self.outputs.menu)
        help_menu = bar.addMenu(self.tr("ヘルプ(&H)"))
        self.shortcuts_action = help_menu.addAction(self.tr("ショートカット"),
                                                    self.show_shortcuts)
        self.shortcuts_action.setShortcut(QtGui.QKeySequence("F1"))
        self.shortcuts_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        help_menu.addAction(self.tr("バージョン情報"), self.show_about)
        self._menus = [file_menu, view_menu, help_menu]
        if self.outputs is not None:  # disabled with the others while the screen is locked
            self._menus.append(self.outputs.menu)

    def _build_status_bar(self) -> None:
        user = self.session.user
        self.user_label = QtWidgets.QLabel(self.tr("{user}（{role}）").format(
            user=user.name, role="・".join(role_label(r) for r in sorted(
                user.roles, key=[Role.EXAMINER, Role.SUPERVISOR, Role.ADMIN].index))))
        self.workspace_label = QtWidgets.QLabel(self.tr("ワークスペース: {path}").format(
            path=str(self.session.workspace.dir)))
        self.busy_label = QtWidgets.QLabel()
        bar = self.statusBar()
        bar.addWidget(self.user_label)
        bar.addWidget(self.workspace_label, 1)
        bar.addPermanentWidget(self.busy_label)

    # --- layout -------------------------------------------------------------------------------

    def _save_splitter(self, _pos: int = 0, _index: int = 0) -> None:
        if not self.case_view.focus_layout:
            state = bytes(self.case_view.splitter.saveState().data())
            self.settings.set(self._splitter_option, base64.b64encode(state).decode("ascii"))

    def _set_focus_layout(self, on: bool) -> None:
        self.case_view.set_focus_layout(on)

    # --- pages --------------------------------------------------------------------------------

    def show_queue(self) -> None:
        if self.locked:
            return
        self.case_view.flush()
        if self.stack.currentWidget() is not self.queue:
            self.queue.refresh()  # in place: the filter, scroll and selection stay
        self.stack.setCurrentWidget(self.queue)
        self.queue.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_approvals(self) -> None:
        if self.locked:
            return
        self.case_view.flush()
        self.approvals.apply_filter()
        self.stack.setCurrentWidget(self.approvals)

    def show_progress(self) -> None:
        if self.locked or not self.session.user.has(Role.SUPERVISOR, Role.ADMIN):
            return
        self.case_view.flush()
        self.progress_view.refresh()
        self.stack.setCurrentWidget(self.progress_view)

    def open_case(self, case_id: int) -> None:
        if self.locked:
            return
        current = self.stack.currentWidget()
        if current in (self.queue, self.approvals):
            self._from_page = current
        self.case_view.open_case(case_id)
        self.stack.setCurrentWidget(self.case_view)

    def open_neighbour(self, step: int) -> None:
        case_id = self.case_view.case_id
        if case_id is None:
            return
        target = self._list_page().neighbour_case(case_id, step)
        if target is not None:
            self.case_view.open_case(target)

    def _list_page(self) -> QueueWidget:
        return self.approvals if self._from_page is self.approvals else self.queue

    def _on_case_opened(self, case_id: int) -> None:
        page = self._list_page()
        page.select_case(case_id)
        following = page.neighbour_case(case_id, 1)
        if following is not None:
            self.case_view.prefetch_case(following)

    def _on_case_changed(self, _case_id: int) -> None:
        # Only the list on screen: show_queue / show_approvals refresh when they are shown, so a
        # hidden queue does not re-query every loaded page after each saved keystroke.
        current = self.stack.currentWidget()
        if current is self.queue:
            self.queue.refresh()
        elif current is self.approvals:
            self.approvals.refresh()

    def release_case(self, case_id: int) -> None:
        service = self.case_service
        self.tasks.run(lambda: service.release(case_id), lambda _v: self.queue.refresh(),
                       lambda failure: show_failure(self, failure, self.tr("担当を解除できません")))

    # --- idle lock ----------------------------------------------------------------------------

    def lock(self) -> None:
        """Hide every name, number and document until the password is entered again."""
        if self.locked:
            return
        self.locked = True
        self.idle.pause()
        current = self.stack.currentWidget()
        self._before_lock = current
        self._locked_case = self.case_view.case_id if current is self.case_view else None
        # The pages are emptied, not merely covered: nothing personal stays in the widgets.
        self.case_view.clear()
        self.queue.clear()
        self.approvals.clear()
        self.stack.setCurrentWidget(self.lock_page)
        self.lock_page.reset()
        for menu in self._menus:
            menu.menuAction().setEnabled(False)

    def _unlock(self, password: str) -> None:
        directory, name = self.session.workspace.dir, self.session.user.name

        def verify() -> bool:
            # The service checks the password (with lockout and audit); the extra session is
            # closed at once.
            open_session(directory, name, password).close()
            return True

        self.tasks.run(verify, lambda _ok: self._on_unlocked(),
                       lambda failure: self.lock_page.show_failure(failure.message))

    def _on_unlocked(self) -> None:
        self.locked = False
        for menu in self._menus:
            menu.menuAction().setEnabled(True)
        self.lock_page.reset()
        self.queue.apply_filter()
        if self._before_lock is self.approvals:
            self.approvals.apply_filter()
        if self._locked_case is not None:
            self.case_view.open_case(self._locked_case)
            self.stack.setCurrentWidget(self.case_view)
        else:
            self.stack.setCurrentWidget(self._before_lock or self.queue)
        self.idle.resume()

    # --- menus --------------------------------------------------------------------------------

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        if dialog.exec() == QtWidgets.QDialog.DialogCode.Accepted:
            self.idle.set_minutes(self.settings.get(IDLE_LOCK_MINUTES))
            self.case_view.decision_tab.set_date_style(self.settings.get(DATE_STYLE))

    def show_shortcuts(self) -> None:
        """ヘルプ → ショートカット (F1): the table, read from the window as it is now."""
        if self.shortcut_dialog is not None:
            self.shortcut_dialog.close()
            self.shortcut_dialog.deleteLater()
        self.shortcut_dialog = ShortcutDialog(self)
        self.shortcut_dialog.show()

    def show_about(self) -> None:
        QtWidgets.QMessageBox.about(
            self, self.tr("バージョン情報"),
            self.tr("被扶養者資格調査 審査アプリ\nバージョン {version}\nQt {qt}").format(
                version=__version__, qt=QtCore.qVersion()))

    def _on_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("処理中…") if busy else "")

    # --- leaving ------------------------------------------------------------------------------

    def logout(self) -> None:
        self._leave()
        self.loggedOut.emit()

    def _leave(self) -> None:
        if self._closing:
            return
        self._closing = True
        self.idle.stop()
        self.case_view.clear()
        self.queue.clear()
        self.approvals.clear()
        self.case_view.viewer.shutdown()
        self.case_view.close_suggestions()
        session = self.session
        # Queued behind any save still on the worker, so that save lands before the engine goes.
        # The window is closing: a failure to close is only logged (an unexpected one with its
        # trace, by the task manager).
        self.tasks.run(session.close, None, lambda failure: log.info(
            "closing the session failed (%s)", failure.code))

    def closeEvent(self, event: QtGui.QCloseEvent) -> None:
        self._leave()
        super().closeEvent(event)


__all__ = ["MainWindow", "TaskFailure"]

"""ヘルプ → ショートカット (F1): every key binding of the window in one table (issue 13).

The rows are read from the window's QActions and QShortcuts when the dialog opens, so the table
cannot go stale: a new action with a shortcut appears without anyone editing a list. Texts are
the actions' own (already translated), so the table follows the UI language.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets


@dataclass(frozen=True)
class ShortcutRow:
    keys: str  # in the platform's native text, sequences joined by " / "
    what: str
    where: str


def _tr(text: str) -> str:
    return QtCore.QCoreApplication.translate("ShortcutTable", text)


def _scopes() -> dict[str, str]:
    # By class name, nearest parent first: importing the widgets here would be circular.
    return {"DocumentViewer": _tr("書類ビューア"), "IncomeTab": _tr("収入タブ"),
            "CaseView": _tr("案件画面"), "QueueWidget": _tr("キュー")}


def _where(obj: QtCore.QObject, context: Qt.ShortcutContext) -> str:
    if context == Qt.ShortcutContext.ApplicationShortcut or isinstance(obj, QtWidgets.QMenu):
        return _tr("どこでも")
    scopes = _scopes()
    widget: QtCore.QObject | None = obj
    while widget is not None:
        name = type(widget).__name__
        if name in scopes:
            return scopes[name]
        widget = widget.parent()
    return _tr("どこでも")


def _describe(action: QtGui.QAction) -> str:
    text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    tip = action.toolTip()
    # A tool tip that says more than the button's symbol (◀, ↺, 幅) describes it better; its
    # "(keys)" suffix is dropped, the table has a column for them.
    if tip and tip != text:
        text = tip.split(" (")[0].split("(")[0].strip() or text
    return text.rstrip("…").strip()


def _keys(sequences: list[QtGui.QKeySequence]) -> str:
    native = QtGui.QKeySequence.SequenceFormat.NativeText
    return " / ".join(s.toString(native) for s in sequences if not s.isEmpty())


def window_actions(window: QtWidgets.QWidget) -> list[QtGui.QAction]:
    """Every action of ``window``: added to it or to any widget in it, or owned by them."""
    actions: dict[int, QtGui.QAction] = {}
    for widget in [window, *window.findChildren(QtWidgets.QWidget)]:
        for action in widget.actions():
            actions[id(action)] = action
    for action in window.findChildren(QtGui.QAction):
        actions[id(action)] = action
    return list(actions.values())


def shortcut_rows(window: QtWidgets.QWidget) -> list[ShortcutRow]:
    """Every action and shortcut of ``window`` that has a key, sorted by where and what."""
    rows: set[ShortcutRow] = set()
    for action in window_actions(window):
        keys = _keys(action.shortcuts())
        if not keys:
            continue
        owner = action.parent() or window
        rows.add(ShortcutRow(keys, _describe(action) or keys,
                             _where(owner, action.shortcutContext())))
    for shortcut in window.findChildren(QtGui.QShortcut):
        keys = _keys(list(shortcut.keys()))
        if keys:
            what = shortcut.whatsThis() or shortcut.objectName() or keys
            rows.add(ShortcutRow(keys, what, _where(shortcut, shortcut.context())))
    anywhere = _tr("どこでも")
    return sorted(rows, key=lambda r: (r.where != anywhere, r.where, r.what, r.keys))


class ShortcutDialog(QtWidgets.QDialog):
    """The table: 操作 / キー / 使える場所. Not modal: it can stay open beside the work."""

    def __init__(self, window: QtWidgets.QWidget) -> None:
        super().__init__(window)
        self.setWindowTitle(self.tr("ショートカット一覧"))
        self.rows = shortcut_rows(window)
        self.table = QtWidgets.QTableWidget(len(self.rows), 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("操作"), self.tr("キー"),
                                              self.tr("使える場所")])
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        for r, row in enumerate(self.rows):
            for c, text in enumerate((row.what, row.keys, row.where)):
                self.table.setItem(r, c, QtWidgets.QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.Stretch)
        for c in (1, 2):
            header.setSectionResizeMode(c, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        note = QtWidgets.QLabel(self.tr(
            "月別の給与の表では Tab・Enter で次の月、Shift+Tab で前の月、Delete で未入力に戻す、"
            "Ctrl+V で縦に貼り付けができます。"), self)
        note.setWordWrap(True)
        buttons = QtWidgets.QDialogButtonBox(QtWidgets.QDialogButtonBox.StandardButton.Close,
                                             self)
        buttons.rejected.connect(self.close)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(640, 560)

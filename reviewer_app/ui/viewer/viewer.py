"""The document viewer on the left of the case screen.

Left column: attachments grouped by required document, and page thumbnails. Right: a toolbar and
the :class:`~.page_view.PageView`. All decoding and fetching happens in the
:class:`~.loader.DocumentLoader`'s workers; this widget only reacts to their results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reviewer_app.render import errors
from reviewer_app.render.cache import PageCache, PageKey
from reviewer_app.render.engine import RenderEngine
from reviewer_app.render.errors import DocumentError
from reviewer_app.render.problems import parse_problem, problem_text
from reviewer_app.render.types import (
    DocumentInfo,
    OpenOutcome,
    RenderOutcome,
    normalize_rotation,
)
from reviewer_app.ui.qt import Qt, QtCore, QtGui, QtWidgets, Signal

from .loader import PRIORITY_PREFETCH, PRIORITY_THUMBNAIL, PRIORITY_VIEW, DocumentLoader
from .page_view import Fraction, PageView, ZoomMode, mask_pixmap, to_pixmap
from .refs import AttachmentGroup, AttachmentRef

THUMBNAIL_WIDTH = 96  # logical pixels
MAX_THUMBNAILS = 200  # a 500-page PDF is not a payslip: show the first pages' thumbnails only
_ROLE_ATTACHMENT = Qt.ItemDataRole.UserRole
_ROLE_NEW = Qt.ItemDataRole.UserRole + 1  # 新着 (a re-submitted file)
_ROLE_RENDERED = Qt.ItemDataRole.UserRole + 2  # a thumbnail shows its page, not the placeholder


def thumbnail_icon(size: QtCore.QSize, page: QtGui.QPixmap | None = None,
                   page_size: tuple[float, float] = (1.0, 1.42),
                   ratio: float = 1.0) -> QtGui.QIcon:
    """A thumbnail of exactly ``size``: the page scaled to fit and centred (white while
    ``page`` is None).

    Every cell keeps one size whatever the page's shape, so the list never lays out again when
    a render arrives: a cell that shrank after its placeholder was painted left the old cell on
    screen under xcb, a blank thumbnail with the same number (issue 13).
    """
    canvas = QtGui.QPixmap(round(size.width() * ratio), round(size.height() * ratio))
    canvas.setDevicePixelRatio(ratio)
    canvas.fill(Qt.GlobalColor.transparent)
    shape = page.size() if page is not None else QtCore.QSizeF(*page_size).toSize()
    target = QtCore.QSize(max(shape.width(), 1), max(shape.height(), 1)).scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio)
    rect = QtCore.QRect(QtCore.QPoint((size.width() - target.width()) // 2,
                                      (size.height() - target.height()) // 2), target)
    painter = QtGui.QPainter(canvas)
    painter.setRenderHint(QtGui.QPainter.RenderHint.SmoothPixmapTransform)
    if page is None:
        painter.fillRect(rect, Qt.GlobalColor.white)
    else:
        painter.drawPixmap(rect, page)
    painter.end()
    return QtGui.QIcon(canvas)


class DocumentViewer(QtWidgets.QWidget):
    """Shows a case's attachments; never waits on ``fetch`` or decoding.

    Signals: ``pageShown(attachment_id, page, exact)`` after legible pixels are painted (exact is
    False for a quick pass or a scaled placeholder); ``rotationChanged(attachment_id, degrees)``
    when the examiner turns a document; ``documentFailed(attachment_id, code)`` when a document
    or page is shown as a message instead; ``currentAttachmentChanged(attachment_id)``.

    A quarantined attachment (``AttachmentRef.problem``) is listed, marked 「開けません」, and
    shown as its reason; it is never fetched or decoded. Leaving an attachment or a case
    abandons its rendering (issue 9): a slow page never holds up the next document.
    """

    pageShown = Signal(str, int, bool)
    revealRequested = Signal(str, int)  # attachment, 0-based page: uncover its My Number
    rotationChanged = Signal(str, int)
    documentFailed = Signal(str, str)
    currentAttachmentChanged = Signal(str)

    def __init__(
        self,
        fetch: Callable[[str], bytes],
        parent: QtWidgets.QWidget | None = None,
        *,
        engine: RenderEngine | None = None,
        page_cache: PageCache | None = None,
    ) -> None:
        super().__init__(parent)
        self._loader = DocumentLoader(fetch, engine=engine, page_cache=page_cache, parent=self)
        self._refs: list[AttachmentRef] = []
        self._rotations: dict[str, int] = {}
        self._current: AttachmentRef | None = None
        self._prefetching: set[str] = set()
        self._thumb_keys: dict[PageKey, int] = {}
        self._pending_page: dict[str, int] = {}  # the page to open an attachment at
        self._masks: dict[tuple[str, int], list[Fraction]] = {}
        self._revealed: set[tuple[str, int]] = set()

        self._tree = QtWidgets.QTreeWidget()
        self._tree.setHeaderHidden(True)
        self._tree.setRootIsDecorated(False)
        self._tree.currentItemChanged.connect(self._on_tree_current)
        self._thumbs = QtWidgets.QListWidget()
        self._thumbs.setViewMode(QtWidgets.QListView.ViewMode.IconMode)
        self._thumbs.setFlow(QtWidgets.QListView.Flow.TopToBottom)
        self._thumbs.setWrapping(False)
        self._thumbs.setMovement(QtWidgets.QListView.Movement.Static)
        self._thumbs.setIconSize(QtCore.QSize(THUMBNAIL_WIDTH, round(THUMBNAIL_WIDTH * 1.42)))
        self._thumbs.setUniformItemSizes(True)  # every icon has the icon size: see thumbnail_icon
        self._thumbs.currentRowChanged.connect(self._on_thumb_row)
        self._view = PageView(self._loader)
        self._view.shown.connect(self.pageShown)
        self._view.zoomChanged.connect(self._on_zoom_changed)

        self._toolbar = QtWidgets.QToolBar()
        self._page_label = QtWidgets.QLabel()
        self._zoom_label = QtWidgets.QLabel()
        self._build_actions()

        left = QtWidgets.QSplitter(Qt.Orientation.Vertical)
        left.addWidget(self._tree)
        left.addWidget(self._thumbs)
        left.setStretchFactor(1, 2)
        right = QtWidgets.QWidget()
        right_layout = QtWidgets.QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.setSpacing(0)
        right_layout.addWidget(self._view, 1)
        splitter = QtWidgets.QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        # Wide enough for "給与明細書（令和5年1月～12月）" and a file name without clipping.
        splitter.setSizes([230, 640])
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # Above both panes, so every tool fits beside a half-width viewer (no » overflow menu).
        layout.addWidget(self._toolbar)
        layout.addWidget(splitter, 1)

        self._loader.opened.connect(self._on_opened)
        self._loader.rendered.connect(self._on_rendered)
        self._update_labels()

    # --- actions ------------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], None],
                shortcuts: Sequence[QtGui.QKeySequence | str] = (),
                toolbar: bool = True) -> QtGui.QAction:
        action = QtGui.QAction(text, self)
        unique: list[QtGui.QKeySequence] = []
        for shortcut in shortcuts:
            sequence = QtGui.QKeySequence(shortcut)
            # The platform's standard zoom keys may repeat ours; a repeat is "ambiguous" to Qt.
            if not sequence.isEmpty() and sequence not in unique:
                unique.append(sequence)
        action.setShortcuts(unique)
        # Active while focus is anywhere inside the viewer, not in the rest of the case screen.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        if toolbar:
            self._toolbar.addAction(action)
        return action

    def _build_actions(self) -> None:
        key = QtGui.QKeySequence.StandardKey
        self.action_previous_attachment = self._action(
            self.tr("◀ 書類"), self.previous_attachment,
            ["Ctrl+PgUp", "["])
        self.action_next_attachment = self._action(
            self.tr("書類 ▶"), self.next_attachment, ["Ctrl+PgDown", "]"])
        self._toolbar.addSeparator()
        self.action_previous_page = self._action(
            self.tr("◀"), self.previous_page, ["PgUp"])
        self._toolbar.addWidget(self._page_label)
        self.action_next_page = self._action(self.tr("▶"), self.next_page, ["PgDown"])
        self._toolbar.addSeparator()
        self.action_zoom_out = self._action(
            self.tr("縮小"), self.zoom_out, [QtGui.QKeySequence(key.ZoomOut), "Ctrl+-"])
        self._toolbar.addWidget(self._zoom_label)
        self.action_zoom_in = self._action(
            self.tr("拡大"), self.zoom_in, [QtGui.QKeySequence(key.ZoomIn), "Ctrl+=", "Ctrl++"])
        self.action_fit_width = self._action(self.tr("幅"), self.fit_width, ["Ctrl+2"])
        # Not Ctrl+1: that is 表示 → キュー, application-wide (issue 13: both fired neither).
        self.action_fit_page = self._action(self.tr("全体"), self.fit_page, ["Ctrl+3"])
        self.action_actual_size = self._action(self.tr("100%"), self.actual_size, ["Ctrl+0"])
        self._toolbar.addSeparator()
        self.action_rotate_left = self._action(
            self.tr("↺"), self.rotate_left, ["Ctrl+L"])
        self.action_rotate_right = self._action(
            self.tr("↻"), self.rotate_right, ["Ctrl+R"])
        # Shown only on a page with a masked My Number (issue 11 §4); the case view confirms
        # and audits before anything is uncovered.
        self.action_reveal = self._action(self.tr("番号を表示…"), self._request_reveal)
        self.action_reveal.setToolTip(self.tr("黒く隠したマイナンバーを表示します（記録されます）"))
        self.action_reveal.setVisible(False)
        self.action_previous_page.setToolTip(self.tr("前のページ (PgUp)"))
        self.action_next_page.setToolTip(self.tr("次のページ (PgDn)"))
        self.action_previous_attachment.setToolTip(self.tr("前の書類 (Ctrl+PgUp または [)"))
        self.action_next_attachment.setToolTip(self.tr("次の書類 (Ctrl+PgDn または ])"))
        self.action_fit_width.setToolTip(self.tr("幅に合わせる (Ctrl+2)"))
        self.action_fit_page.setToolTip(self.tr("ページ全体を表示 (Ctrl+3)"))
        self.action_zoom_in.setToolTip(self.tr("拡大 (Ctrl++)"))
        self.action_zoom_out.setToolTip(self.tr("縮小 (Ctrl+-)"))
        self.action_actual_size.setToolTip(self.tr("実寸 (Ctrl+0)"))
        self.action_rotate_left.setToolTip(self.tr("左に90度回転 (Ctrl+L)"))
        self.action_rotate_right.setToolTip(self.tr("右に90度回転 (Ctrl+R)"))

    # --- public API ---------------------------------------------------------------------------

    @property
    def page_view(self) -> PageView:
        return self._view

    @property
    def loader(self) -> DocumentLoader:
        return self._loader

    @property
    def current_attachment_id(self) -> str | None:
        return None if self._current is None else self._current.attachment_id

    @property
    def current_page(self) -> int:
        return self._view.page

    @property
    def page_count(self) -> int:
        info = self._current_info()
        return 0 if info is None else info.page_count

    def rotation(self, attachment_id: str) -> int:
        return self._rotations.get(attachment_id, 0)

    def zoom(self) -> float:
        return self._view.zoom()

    def set_attachments(self, groups: Sequence[AttachmentGroup]) -> None:
        """Show a case's attachments; the first one opens at once. Rendering of the previous
        case's documents is abandoned (what was prefetched for this case stays)."""
        staying = {ref.attachment_id for group in groups for ref in group.attachments}
        for attachment_id in {r.attachment_id for r in self._refs} | self._prefetching:
            if attachment_id not in staying:
                self._loader.abandon(attachment_id)
        self._prefetching &= staying
        self._tree.blockSignals(True)
        self._tree.clear()
        self._refs = []
        first: QtWidgets.QTreeWidgetItem | None = None
        for group in groups:
            parent = QtWidgets.QTreeWidgetItem([group.title])
            parent.setToolTip(0, group.title)
            parent.setFlags(Qt.ItemFlag.ItemIsEnabled)
            font = parent.font(0)
            font.setBold(True)
            parent.setFont(0, font)
            self._tree.addTopLevelItem(parent)
            for ref in group.attachments:
                self._refs.append(ref)
                self._rotations.setdefault(ref.attachment_id, normalize_rotation(ref.rotation))
                label = self.tr("【新着】") + ref.name if ref.is_new else ref.name
                problem = parse_problem(ref.problem)
                if problem is not None:
                    label += self.tr("（開けません）")
                item = QtWidgets.QTreeWidgetItem([label])
                item.setData(0, _ROLE_ATTACHMENT, ref.attachment_id)
                item.setData(0, _ROLE_NEW, ref.is_new)
                item.setToolTip(0, (self.tr("再提出で届いた新しいファイル: ") + ref.name)
                                if ref.is_new else ref.name)
                if problem is not None:
                    item.setToolTip(0, ref.name + "\n" + self.tr("ファイルを開けません: ")
                                    + problem_text(problem, self._lang()))
                    item.setForeground(0, QtGui.QBrush(QtGui.QColor(176, 0, 32)))
                if ref.is_new:
                    bold = item.font(0)
                    bold.setBold(True)
                    item.setFont(0, bold)
                parent.addChild(item)
                first = first or item
            if not group.attachments:
                empty = QtWidgets.QTreeWidgetItem([self.tr("（未提出）")])
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                parent.addChild(empty)
        self._tree.expandAll()
        self._tree.blockSignals(False)
        self._current = None
        if first is not None:
            self._tree.setCurrentItem(first)  # -> _on_tree_current -> show_attachment
        else:
            self._show(None)

    def show_attachment(self, attachment_id: str) -> None:
        item = self._item_for(attachment_id)
        if item is not None:
            self._tree.setCurrentItem(item)

    def show_page(self, attachment_id: str, page: int,
                  highlight: Fraction | None = None) -> None:
        """Show ``page`` (0-based) of ``attachment_id`` with ``highlight`` outlined; never takes
        the keyboard focus (the examiner keeps typing where they are)."""
        self._view.set_highlight(attachment_id, page, highlight)
        if self.current_attachment_id == attachment_id:
            self.set_page(page)
            return
        if self._item_for(attachment_id) is None:
            return
        self._pending_page[attachment_id] = page
        self.show_attachment(attachment_id)

    def set_masks(self, masks: dict[tuple[str, int], list[Fraction]]) -> None:
        """My Numbers to black out, by (attachment, 0-based page); each stays masked until
        :meth:`reveal` (pages revealed before are masked again)."""
        self._masks = {k: list(v) for k, v in masks.items() if v}
        self._revealed.clear()
        self._apply_masks()

    def set_checking(self, attachment_ids: set[str] | frozenset[str]) -> None:
        """Cover these attachments' pages until they were checked for a My Number (the first
        reading of a case's payslips takes a moment); an empty set uncovers them."""
        self._view.set_veiled(frozenset(attachment_ids))

    def reveal(self, attachment_id: str, page: int) -> None:
        """Uncover the masks of one page (after the case view's confirmation and audit)."""
        self._revealed.add((attachment_id, page))
        self._apply_masks()

    def masked(self, attachment_id: str, page: int) -> bool:
        return bool(self._view.masks_on(attachment_id, page))

    def step_page(self, step: int) -> None:
        """The next (or previous) page, on into the next (previous) document at its end."""
        count = self.page_count
        page = self._view.page + step
        if self._current is not None and 0 <= page < count:
            self.set_page(page)
            return
        if not self._refs:
            return
        index = self._refs.index(self._current) if self._current in self._refs else -1
        target = index + step
        if not 0 <= target < len(self._refs):
            return
        ref = self._refs[target]
        if step < 0:
            info = self._loader.info(ref.attachment_id)
            last = info.page_count - 1 if isinstance(info, DocumentInfo) else 0
            self._pending_page[ref.attachment_id] = max(last, 0)
        self.show_attachment(ref.attachment_id)

    def _effective_masks(self) -> dict[tuple[str, int], list[Fraction]]:
        return {k: v for k, v in self._masks.items() if k not in self._revealed}

    def _apply_masks(self) -> None:
        self._view.set_masks(self._effective_masks())
        if self._current is not None:
            info = self._current_info()
            if info is not None:
                self._fill_thumbnails(self._current.attachment_id, info,
                                      self._rotations.get(self._current.attachment_id, 0))
        self._update_labels()

    def _request_reveal(self) -> None:
        if self._current is not None:
            self.revealRequested.emit(self._current.attachment_id, self._view.page)

    def prefetch(self, refs: Sequence[AttachmentRef]) -> None:
        """Fetch, open and render the first page of ``refs`` (the next case) in the background."""
        for ref in refs:
            if ref.problem is not None:
                continue  # quarantined: there is nothing to render
            self._rotations.setdefault(ref.attachment_id, normalize_rotation(ref.rotation))
            self._prefetching.add(ref.attachment_id)
            outcome = self._loader.open(ref.attachment_id, priority=PRIORITY_PREFETCH)
            if isinstance(outcome, DocumentInfo):
                self._prefetch_first_page(ref.attachment_id, outcome)

    def clear(self) -> None:
        """Hide every document at once and free pixels (idle lock)."""
        self._masks.clear()
        self._revealed.clear()
        self._pending_page.clear()
        self._view.set_masks({})
        self._view.set_veiled(frozenset())
        self._view.set_highlight(None)
        self._tree.blockSignals(True)
        self._tree.clear()
        self._tree.blockSignals(False)
        self._thumbs.clear()
        self._thumb_keys.clear()
        self._refs = []
        self._current = None
        self._prefetching.clear()
        self._view.clear()
        self._loader.clear()
        self._update_labels()

    def shutdown(self) -> None:
        """Stop background work (call before the application quits)."""
        self._loader.shutdown()

    def next_page(self) -> None:
        self._view.set_page(self._view.page + 1)
        self._after_page_change()

    def previous_page(self) -> None:
        self._view.set_page(self._view.page - 1)
        self._after_page_change()

    def set_page(self, page: int) -> None:
        self._view.set_page(page)
        self._after_page_change()

    def next_attachment(self) -> None:
        self._step_attachment(1)

    def previous_attachment(self) -> None:
        self._step_attachment(-1)

    def zoom_in(self) -> None:
        self._view.zoom_in()

    def zoom_out(self) -> None:
        self._view.zoom_out()

    def fit_width(self) -> None:
        self._view.set_zoom_mode(ZoomMode.FIT_WIDTH)

    def fit_page(self) -> None:
        self._view.set_zoom_mode(ZoomMode.FIT_PAGE)

    def actual_size(self) -> None:
        self._view.set_zoom(1.0)

    def rotate_right(self) -> None:
        self._rotate(90)

    def rotate_left(self) -> None:
        self._rotate(-90)

    # --- internals ----------------------------------------------------------------------------

    def _item_for(self, attachment_id: str) -> QtWidgets.QTreeWidgetItem | None:
        for top in range(self._tree.topLevelItemCount()):
            parent = self._tree.topLevelItem(top)
            for index in range(parent.childCount() if parent is not None else 0):
                child = parent.child(index) if parent is not None else None
                if child is not None and child.data(0, _ROLE_ATTACHMENT) == attachment_id:
                    return child
        return None

    def _on_tree_current(self, item: QtWidgets.QTreeWidgetItem | None,
                         _previous: QtWidgets.QTreeWidgetItem | None) -> None:
        attachment_id = None if item is None else item.data(0, _ROLE_ATTACHMENT)
        if attachment_id is None:
            return
        ref = next((r for r in self._refs if r.attachment_id == attachment_id), None)
        if ref is not None and ref is not self._current:
            self._show(ref)

    def _step_attachment(self, step: int) -> None:
        if not self._refs:
            return
        index = self._refs.index(self._current) if self._current in self._refs else -1
        index = min(max(index + step, 0), len(self._refs) - 1)
        self.show_attachment(self._refs[index].attachment_id)

    def _show(self, ref: AttachmentRef | None) -> None:
        previous, self._current = self._current, ref
        if previous is not None and previous is not ref:
            self._loader.abandon(previous.attachment_id)
        self._thumbs.blockSignals(True)
        self._thumbs.clear()
        self._thumbs.blockSignals(False)
        self._thumb_keys.clear()
        self._loader.cancel("thumb")
        if ref is None:
            self._view.set_document(None, None)
            self._update_labels()
            return
        attachment_id = ref.attachment_id
        self._prefetching.discard(attachment_id)
        problem = parse_problem(ref.problem)
        if problem is not None:
            error = errors.quarantined(problem)
            self._view.set_document(attachment_id, error)
            self.documentFailed.emit(attachment_id, error.code)
            self.currentAttachmentChanged.emit(attachment_id)
            self._update_labels()
            return
        rotation = self._rotations.get(attachment_id, 0)
        outcome = self._loader.open(attachment_id, priority=PRIORITY_VIEW,
                                    quick_rotation=rotation)
        self._view.set_document(attachment_id, outcome, rotation=rotation,
                                page=self._pending_page.pop(attachment_id, 0))
        if outcome is not None:
            self._document_ready(attachment_id, outcome, quick=True)
        self.currentAttachmentChanged.emit(attachment_id)
        self._update_labels()

    def _current_info(self) -> DocumentInfo | None:
        if self._current is None:
            return None
        info = self._loader.info(self._current.attachment_id)
        return info if isinstance(info, DocumentInfo) else None

    def _on_opened(self, attachment_id: str, outcome: OpenOutcome) -> None:
        if self._current is not None and attachment_id == self._current.attachment_id:
            self._view.set_outcome(outcome)
            self._document_ready(attachment_id, outcome, quick=False)  # came with the open
            self._update_labels()
        elif attachment_id in self._prefetching and isinstance(outcome, DocumentInfo):
            self._prefetch_first_page(attachment_id, outcome)

    def _document_ready(self, attachment_id: str, outcome: OpenOutcome, *, quick: bool) -> None:
        if isinstance(outcome, DocumentError):
            self.documentFailed.emit(attachment_id, outcome.code)
            return
        rotation = self._rotations.get(attachment_id, 0)
        if quick and outcome.media_type != "application/pdf":
            self._loader.quick(attachment_id, rotation)
        self._fill_thumbnails(attachment_id, outcome, rotation)

    def _prefetch_first_page(self, attachment_id: str, info: DocumentInfo) -> None:
        self._prefetching.discard(attachment_id)
        rotation = self._rotations.get(attachment_id, 0)
        key, request = self._view.whole_page_target(attachment_id, info, 0, rotation)
        self._loader.render(key, request, priority=PRIORITY_PREFETCH, tag="prefetch")

    def _fill_thumbnails(self, attachment_id: str, info: DocumentInfo, rotation: int) -> None:
        self._thumbs.blockSignals(True)
        self._thumbs.clear()
        self._thumb_keys.clear()
        size = self._thumbs.iconSize()
        for page in range(min(info.page_count, MAX_THUMBNAILS)):
            width, height = info.page_size(page, rotation)
            item = QtWidgets.QListWidgetItem(
                thumbnail_icon(size, None, (width, height), self.devicePixelRatioF()),
                str(page + 1))
            self._thumbs.addItem(item)
            # Fit the icon box: a landscape page by its width, a tall one by its height.
            zoom = min(size.width() / width, size.height() / height)
            key, request = self._view.whole_page_target(
                attachment_id, info, page, rotation, zoom=zoom)
            self._thumb_keys[key] = page
            cached = self._loader.render(key, request, priority=PRIORITY_THUMBNAIL, tag="thumb")
            if cached is not None:
                self._set_thumbnail(item, cached, number=page)
            elif (nearest := self._loader.cache.nearest(key)) is not None:
                self._set_thumbnail(item, nearest[1], exact=False, number=page)  # the quick pass
        self._thumbs.setCurrentRow(self._view.page)
        self._thumbs.blockSignals(False)

    def _on_rendered(self, key: PageKey, outcome: RenderOutcome, exact: bool) -> None:
        self._view.offer(key, outcome, exact)
        if isinstance(outcome, DocumentError):
            if key.attachment_id == self.current_attachment_id and self._view.message:
                self.documentFailed.emit(key.attachment_id, outcome.code)
            return
        page = self._thumb_keys.get(key)
        if page is not None and page < self._thumbs.count():
            self._set_thumbnail(self._thumbs.item(page), outcome, number=page)
        elif not exact and key.attachment_id == self.current_attachment_id \
                and self._thumbs.count():
            # A photo's quick pass is a fine thumbnail until the exact one comes.
            item = self._thumbs.item(0)
            if not item.data(_ROLE_RENDERED):
                self._set_thumbnail(item, outcome, exact=False, number=0)

    def _set_thumbnail(self, item: QtWidgets.QListWidgetItem, page: RenderOutcome,
                       *, exact: bool = True, number: int = 0) -> None:
        if isinstance(page, DocumentError):
            return
        pixmap = to_pixmap(page)
        if self._current is not None:  # a thumbnail never shows a My Number either
            attachment_id = self._current.attachment_id
            pixmap = mask_pixmap(pixmap, self._view.masks_on(attachment_id, number),
                                 self._rotations.get(attachment_id, 0))
        item.setIcon(thumbnail_icon(self._thumbs.iconSize(), pixmap,
                                    ratio=self.devicePixelRatioF()))
        item.setData(_ROLE_RENDERED, exact)

    @staticmethod
    def _lang() -> str:
        from reviewer_app.errors import current_language

        return current_language()

    def _on_thumb_row(self, row: int) -> None:
        if row >= 0:
            self.set_page(row)

    def _after_page_change(self) -> None:
        self._thumbs.blockSignals(True)
        self._thumbs.setCurrentRow(self._view.page)
        self._thumbs.blockSignals(False)
        self._update_labels()

    def _rotate(self, step: int) -> None:
        if self._current is None:
            return
        attachment_id = self._current.attachment_id
        rotation = normalize_rotation(self._rotations.get(attachment_id, 0) + step)
        self._rotations[attachment_id] = rotation
        self._view.set_rotation(rotation)
        info = self._current_info()
        if info is not None:
            self._document_ready(attachment_id, info, quick=True)
        self.rotationChanged.emit(attachment_id, rotation)

    def _on_zoom_changed(self, zoom: float) -> None:
        self._zoom_label.setText(f" {round(zoom * 100)}% ")

    def _update_labels(self) -> None:
        count = self.page_count
        page = self._view.page + 1 if count else 0
        self._page_label.setText(f" {page} / {count} ")
        self.action_previous_page.setEnabled(page > 1)
        self.action_next_page.setEnabled(page < count)
        self.action_reveal.setVisible(
            self._current is not None and self.masked(self._current.attachment_id,
                                                      self._view.page))
        index = self._refs.index(self._current) if self._current in self._refs else -1
        self.action_previous_attachment.setEnabled(index > 0)
        self.action_next_attachment.setEnabled(0 <= index < len(self._refs) - 1)
        # Zoom and turn anything but a file that cannot be opened (quarantined or failed).
        has_document = self._current is not None and self._current.problem is None \
            and not isinstance(self._loader.info(self._current.attachment_id), DocumentError)
        for action in (self.action_zoom_in, self.action_zoom_out, self.action_fit_width,
                       self.action_fit_page, self.action_actual_size, self.action_rotate_left,
                       self.action_rotate_right):
            action.setEnabled(has_document)
        self._on_zoom_changed(self._view.zoom())


__all__ = ["AttachmentGroup", "AttachmentRef", "DocumentViewer"]

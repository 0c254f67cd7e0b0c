"""Table model of the 書類 tab: one row per required or uploaded document, with its review.

The model holds plain data (``DocumentStatus`` rows and ``DocumentReview`` verdicts keyed by the
row's key); the tab edits reviews through :meth:`DocumentsModel.set_review`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from enum import IntEnum
from typing import Any

from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.review.deficiency import DocumentReview
from reviewer_app.review.requirements import DocumentState, DocumentStatus
from reviewer_app.ui import labels, palette
from reviewer_app.ui.qt import ModelIndex, Qt, QtCore


class Column(IntEnum):
    TITLE = 0
    FILES = 1
    STATE = 2
    MEMBER_NOTE = 3
    REVIEW = 4
    REASON = 5
    NOTE = 6


KEY_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's key (document id or synthetic id)
REVIEW_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's ReviewStatus value
_PROPOSAL_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                   Qt.ItemDataRole.ForegroundRole)


class DocumentsModel(QtCore.QAbstractTableModel):
    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DocumentStatus] = []
        self._reviews: dict[str, DocumentReview] = {}
        # what the readers propose (「マイナンバーが写っています」, issue 11): shown on an unchecked
        # row until the examiner marks it
        self._proposals: dict[str, DocumentReview] = {}

    # --- data in and out -------------------------------------------------------------------

    def set_statuses(self, statuses: Sequence[DocumentStatus]) -> None:
        self.beginResetModel()
        self._rows = list(statuses)
        self.endResetModel()

    def statuses(self) -> list[DocumentStatus]:
        return list(self._rows)

    def set_reviews(self, reviews: Iterable[DocumentReview]) -> None:
        self._reviews = {r.document_id: r for r in reviews}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(Column) - 1))

    def set_proposals(self, proposals: Iterable[DocumentReview]) -> None:
        self._proposals = {p.document_id: p for p in proposals}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(Column) - 1))

    def proposal_at(self, row: int) -> DocumentReview | None:
        """The readers' proposal for a row the examiner has not marked yet."""
        if self.review_at(row).status is not ReviewStatus.UNCHECKED:
            return None
        return self._proposals.get(self._rows[row].key)

    def reviews(self) -> list[DocumentReview]:
        """A review for every row, unchecked where none was made, in row order."""
        return [self.review_at(row) for row in range(len(self._rows))]

    def status_at(self, row: int) -> DocumentStatus:
        return self._rows[row]

    def review_at(self, row: int) -> DocumentReview:
        key = self._rows[row].key
        return self._reviews.get(key) or DocumentReview(key)

    def row_of(self, key: str) -> int:
        for row, st in enumerate(self._rows):
            if st.key == key:
                return row
        return -1

    def set_review(self, review: DocumentReview) -> None:
        self._reviews[review.document_id] = review
        row = self.row_of(review.document_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # --- QAbstractTableModel ---------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QtCore.QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1) if 0 <= section < len(self._rows) else None
        if not 0 <= section < len(Column):
            return None
        return {
            Column.TITLE: self.tr("書類"),
            Column.FILES: self.tr("ファイル"),
            Column.STATE: self.tr("提出状況"),
            Column.MEMBER_NOTE: self.tr("会員コメント"),
            Column.REVIEW: self.tr("審査"),
            Column.REASON: self.tr("不備理由"),
            Column.NOTE: self.tr("メモ"),
        }[Column(section)]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        st = self._rows[index.row()]
        review = self.review_at(index.row())
        col = Column(index.column())
        proposal = self.proposal_at(index.row())
        if proposal is not None and col in (Column.REVIEW, Column.REASON, Column.NOTE) \
                and role in _PROPOSAL_ROLES:
            return self._proposal_data(proposal, col, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(st, review, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (Column.STATE, Column.FILES) and st.unusable:
                return labels.unusable_lines(st.unusable)
            if col == Column.TITLE and st.requirement is not None:
                return st.requirement.why_ja
            if col == Column.MEMBER_NOTE and st.notes_ja:
                return "\n".join(st.notes_ja)
            if col == Column.NOTE and review.note:
                return review.note
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col == Column.FILES:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole and col in (Column.REVIEW, Column.REASON):
            if review.status is ReviewStatus.OK:
                return palette.OK_BG
            if review.status is ReviewStatus.DEFICIENT:
                return palette.WARN_BG
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if col in (Column.REVIEW, Column.REASON):
                if review.status is ReviewStatus.OK:
                    return palette.OK_FG
                if review.status is ReviewStatus.DEFICIENT:
                    return palette.WARN_FG
            if col == Column.STATE and (st.state is DocumentState.MISSING or st.unusable):
                return palette.WARN_FG
            return None
        if role == KEY_ROLE:
            return st.key
        if role == REVIEW_ROLE:
            return review.status.value
        return None

    def _proposal_data(self, proposal: DocumentReview, col: Column, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if col == Column.REVIEW:
                return self.tr("不備の提案")
            if col == Column.REASON:
                return labels.reason_label(proposal.reason) if proposal.reason else ""
            return proposal.note
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("書類の読み取りで見つかりました: {note}\n書類を確かめて「不備」にすると"
                           "この理由とメモで記録されます。").format(note=proposal.note)
        return palette.WARN_FG

    def _display(self, st: DocumentStatus, review: DocumentReview, col: Column) -> str:
        if col == Column.TITLE:
            return st.title_ja
        if col == Column.FILES:
            return self.tr("{n}件").format(n=st.file_count)
        if col == Column.STATE:
            if st.unusable:
                return labels.unusable_label(len(st.unusable))
            return labels.document_state_label(st.state)
        if col == Column.MEMBER_NOTE:
            # The state column already says 未提出で進める; here only the member's own words.
            return st.document.comment.replace("\n", " ") if st.document is not None else ""
        if col == Column.REVIEW:
            return labels.review_status_label(review.status)
        if col == Column.REASON:
            if review.status is not ReviewStatus.DEFICIENT:
                return ""
            if review.reason is None:
                return self.tr("(理由を選択)")
            return labels.reason_label(review.reason)
        return review.note.replace("\n", " ")

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

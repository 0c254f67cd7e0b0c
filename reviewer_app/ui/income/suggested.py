"""Amounts read from the case's payslips and bonus slips, as the 収入 grid offers them (issue 11).

A suggestion is never part of the sheet: it is shown beside it (grey, italic, ◇) until a person
accepts it (the grid's Enter, or 「残りの候補をすべて確定」), which writes it into the sheet and
remembers it as an :class:`AcceptedSuggestion`; typing a number over a month forgets that. The
case view saves the accepted amounts with the sheet (``confirmations=``) so the audit trail says
who confirmed which amount from which file and page; :meth:`SuggestedAmounts.set_confirmed` takes
back the confirmations stored earlier (``standing()``), so a reopened case shows them as
confirmed.

Salary suggestions belong to the sheet's first employer: a payslip does not say which employer of
the sheet it is (a sheet without employers gets one when the first amount is accepted).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.services.suggestions import (
    AcceptedSuggestion,
    CaseSuggestions,
    Confirmation,
    Kind,
    MonthSuggestion,
)
from reviewer_app.ui.qt import QtCore, Signal

SUGGESTED_EMPLOYER = 0


@dataclass(frozen=True)
class PageRef:
    """One page of one attachment (1-based page, as the readers count)."""

    attachment_id: int
    page: int


class SuggestedAmounts(QtCore.QObject):
    """``changed()`` when suggestions, accepted amounts or shown pages change."""

    changed = Signal()

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._found: CaseSuggestions | None = None
        self._best: dict[tuple[Kind, YearMonth], MonthSuggestion] = {}
        self._accepted: dict[tuple[Kind, int, YearMonth], AcceptedSuggestion] = {}
        self._recorded: set[AcceptedSuggestion] = set()
        self._seen: set[PageRef] = set()

    # -- what the case has ---------------------------------------------------------------------
    def clear(self) -> None:
        self._found = None
        self._best.clear()
        self._accepted.clear()
        self._recorded.clear()
        self._seen.clear()
        self.changed.emit()

    def set_suggestions(self, found: CaseSuggestions | None) -> None:
        self._found = found
        self._best.clear()
        for s in found.suggestions if found is not None else ():
            month = YearMonth.parse(s.month)
            if month is None:
                continue
            key = (s.kind, month)
            if key not in self._best or s.confidence > self._best[key].confidence:
                self._best[key] = s
        self.changed.emit()

    def set_confirmed(self, confirmations: Iterable[Confirmation]) -> None:
        """Confirmations stored earlier that still describe the sheet (a reopened case)."""
        for c in confirmations:
            month = YearMonth.parse(c.month)
            if month is None:
                continue
            item = AcceptedSuggestion(c.month, c.kind, c.gross, c.attachment_id, c.page,
                                      c.employer)
            self._accepted[(c.kind, c.employer, month)] = item
            self._recorded.add(item)
        self.changed.emit()

    @property
    def found(self) -> CaseSuggestions | None:
        return self._found

    def has_salary(self) -> bool:
        return any(kind is Kind.SALARY for kind, _m in self._best)

    def best(self, kind: Kind, month: YearMonth) -> MonthSuggestion | None:
        return self._best.get((kind, month))

    # -- per cell ------------------------------------------------------------------------------
    def pending(self, sheet: IncomeSheet | None, kind: Kind, employer: int,
                month: YearMonth) -> MonthSuggestion | None:
        """The suggestion a cell offers: none once the month holds an amount (accepted or
        typed), and only in the first employer's column."""
        suggestion = self._best.get((kind, month))
        if suggestion is None or employer != SUGGESTED_EMPLOYER:
            return None
        if kind is Kind.SALARY:
            if sheet is not None and employer < len(sheet.employers) \
                    and sheet.employers[employer].payment(month) is not None:
                return None
            return suggestion
        if sheet is not None and any(b.month == month for _i, b in sheet.bonus_rows):
            return None
        return suggestion

    def confirmed(self, sheet: IncomeSheet | None, kind: Kind, employer: int,
                  month: YearMonth) -> AcceptedSuggestion | None:
        """The accepted suggestion the cell's amount came from (None: typed or empty)."""
        item = self._accepted.get((kind, employer, month))
        return item if item is not None and sheet is not None and holds(sheet, item) else None

    def all_pending(self, sheet: IncomeSheet | None) -> list[MonthSuggestion]:
        return [s for (kind, month), s in sorted(self._best.items(),
                                                 key=lambda kv: (kv[0][0].value, kv[0][1]))
                if self.pending(sheet, kind, SUGGESTED_EMPLOYER, month) is not None]

    # -- accepting -----------------------------------------------------------------------------
    def accepted(self, suggestion: MonthSuggestion, employer: int = SUGGESTED_EMPLOYER) -> None:
        month = YearMonth.parse(suggestion.month)
        assert month is not None
        self._accepted[(suggestion.kind, employer, month)] = AcceptedSuggestion(
            suggestion.month, suggestion.kind, suggestion.gross, suggestion.attachment_id,
            suggestion.page, employer)
        self.changed.emit()

    def typed(self, kind: Kind, employer: int, month: YearMonth) -> None:
        """A person typed this month's amount: it is no longer an accepted suggestion."""
        if self._accepted.pop((kind, employer, month), None) is not None:
            self.changed.emit()

    def to_record(self, sheet: IncomeSheet) -> tuple[AcceptedSuggestion, ...]:
        """The accepted amounts the sheet holds that are not stored as confirmed yet."""
        return tuple(a for a in self._accepted.values()
                     if holds(sheet, a) and a not in self._recorded)

    def recorded(self, items: Sequence[AcceptedSuggestion]) -> None:
        self._recorded.update(items)

    # -- pages looked at -----------------------------------------------------------------------
    def page_seen(self, attachment_id: int, page: int) -> None:
        ref = PageRef(attachment_id, page)
        if ref not in self._seen:
            self._seen.add(ref)
            self.changed.emit()

    def unseen_pages(self, sheet: IncomeSheet | None) -> list[PageRef]:
        """Pages holding a pending suggestion that the viewer has not shown yet."""
        pages = {PageRef(s.attachment_id, s.page) for s in self.all_pending(sheet)}
        return sorted(pages - self._seen, key=lambda p: (p.attachment_id, p.page))


def holds(sheet: IncomeSheet, item: AcceptedSuggestion) -> bool:
    """The sheet holds ``item``'s amount at its month (for its employer and kind)."""
    if not 0 <= item.employer < len(sheet.employers):
        return False
    employer = sheet.employers[item.employer]
    month = YearMonth.parse(item.month)
    if item.kind is Kind.SALARY:
        return employer.payment(month) == item.gross if month is not None else False
    return any(b.month == month and b.gross == item.gross for b in employer.bonuses)

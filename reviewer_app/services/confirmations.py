"""Accepted suggestions: who confirmed which amount, read from which document and page (issue 11
§2), recorded with the income sheet it went into.

The window passes :class:`AcceptedSuggestion` values with
:meth:`~reviewer_app.services.casework.CaseService.save_income_sheet` (its ``confirmations``);
:func:`record` checks each one in the save's own transaction and stores it in
``income_confirmations``, sealed: the amount must be one the readers found on that page of that
file of the case (the cached suggestion), and the sheet being saved must hold it at that month.
A confirmation that fails either check refuses the whole save: nothing is half-stored.

Rows are append-only, one per accepted amount and save, with the sheet's new version.
:func:`standing` gives the confirmations that still describe the sheet: the newest one for each
(employer, kind, month) whose amount the sheet still holds. A month typed over afterwards has
none, which is how the window tells "accepted" from "typed".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.domain.case import Payment
from reviewer_app.domain.sheet import BonusEntry, IncomeSheet
from reviewer_app.security.aead import DecryptionError
from reviewer_app.services import case_views as views
from reviewer_app.services.case_errors import InvalidInput
from reviewer_app.store.models import Attachment, Case, IncomeConfirmation, Suggestion
from reviewer_app.store.types import utcnow
from reviewer_app.suggest.model import Kind, Source

Rect = tuple[float, float, float, float]


@dataclass(frozen=True)
class AcceptedSuggestion:
    """One suggestion a person accepted into the sheet: ``employer`` is the index of the
    employer in the sheet's ``employers`` whose payments (salary) or bonuses (bonus) hold it."""

    month: str
    kind: Kind
    gross: int
    attachment_id: int
    page: int
    employer: int = 0


@dataclass(frozen=True)
class Confirmation:
    """A recorded confirmation, as the window and the audit view show it."""

    month: str
    kind: Kind
    gross: int
    employer: int
    attachment_id: int
    page: int
    box: Rect
    source: Source
    confidence: float
    confirmed_by_id: int
    confirmed_by: str | None
    confirmed_at: datetime
    sheet_version: int


def record(db: Session, case: Case, sheet_version: int, sheet: IncomeSheet,
           accepted: Sequence[AcceptedSuggestion], user_id: int, mk: bytes) -> int:
    """Check and store ``accepted`` for the sheet just saved (``sheet_version``); the caller's
    transaction. Raises :class:`InvalidInput` (and so refuses the save) for one that does not
    hold."""
    now = utcnow()
    for index, item in enumerate(accepted):
        field = f"confirmations[{index}]"
        reading = _reading(db, case, item, mk, field)
        if not _in_sheet(sheet, item):
            raise InvalidInput(
                field, f"確認済みにした {item.month} の金額が収入の入力にありません。"
                "入力を確かめてから保存し直してください。",
                f"The amount confirmed for {item.month} is not in the income sheet. Check the "
                "entry and save again.")
        row = IncomeConfirmation(case_id=case.id, sheet_version=sheet_version,
                                 attachment_id=item.attachment_id, page=item.page,
                                 confirmed_by_id=user_id, confirmed_at=now)
        db.add(row)
        db.flush()
        row.seal_json_into("detail_sealed", mk, {
            "month": item.month, "kind": item.kind.value, "gross": item.gross,
            "employer": item.employer, "box": reading["box"], "source": reading["source"],
            "confidence": reading["confidence"]})
    return len(accepted)


def standing(db: Session, case: Case, mk: bytes) -> list[Confirmation]:
    """The confirmations that still describe the case's current sheet, by month."""
    sheet, version = views.income(db, case, mk)
    if sheet is None or version is None:
        return []
    rows = db.scalars(select(IncomeConfirmation).where(
        IncomeConfirmation.case_id == case.id, IncomeConfirmation.sheet_version <= version)
        .order_by(IncomeConfirmation.id)).all()
    names = views.user_names(db, {r.confirmed_by_id for r in rows})
    latest: dict[tuple[int, str, str], Confirmation] = {}
    for row in rows:
        try:
            d = row.open_json_from("detail_sealed", mk)
        except DecryptionError:
            continue  # damaged or moved: it confirms nothing
        item = AcceptedSuggestion(d["month"], Kind(d["kind"]), int(d["gross"]),
                                  row.attachment_id, row.page, int(d["employer"]))
        latest[(item.employer, item.kind.value, item.month)] = Confirmation(
            item.month, item.kind, item.gross, item.employer, row.attachment_id, row.page,
            (float(d["box"][0]), float(d["box"][1]), float(d["box"][2]), float(d["box"][3])),
            Source(d["source"]), float(d["confidence"]), row.confirmed_by_id,
            names.get(row.confirmed_by_id), row.confirmed_at, row.sheet_version)
    return sorted((c for c in latest.values()
                   if _in_sheet(sheet, AcceptedSuggestion(c.month, c.kind, c.gross,
                                                          c.attachment_id, c.page,
                                                          c.employer))),
                  key=lambda c: (c.month, c.kind.value, c.employer))


def _reading(db: Session, case: Case, item: AcceptedSuggestion, mk: bytes,
             field: str) -> dict[str, Any]:
    """The cached reading ``item`` claims to come from, or InvalidInput."""
    att = db.get(Attachment, item.attachment_id)
    cached = db.get(Suggestion, item.attachment_id)
    body: Any = None
    if att is not None and att.dependent_id == case.dependent_id and cached is not None:
        try:
            body = cached.open_json_from("result_sealed", mk)
        except DecryptionError:
            body = None
    for page in (body or {}).get("pages", ()):
        if page["page"] != item.page:
            continue
        for r in page["readings"]:
            if (r["month"], r["kind"], r["gross"]) == (item.month, item.kind.value, item.gross):
                return {"box": r["box"], "source": page["source"],
                        "confidence": r["confidence"]}
    raise InvalidInput(
        field, f"{item.month} の金額は、この案件の書類から読み取った値ではないため確認済みにできま"
        "せん。金額を入力して保存してください。",
        f"The amount for {item.month} was not read from this case's documents, so it cannot be "
        "saved as confirmed. Type the amount and save.")


def _in_sheet(sheet: IncomeSheet, item: AcceptedSuggestion) -> bool:
    if not 0 <= item.employer < len(sheet.employers):
        return False
    employer = sheet.employers[item.employer]
    rows: Sequence[Payment | BonusEntry] = (
        employer.payments if item.kind is Kind.SALARY else employer.bonuses)
    return any(r.month is not None and str(r.month) == item.month and r.gross == item.gross
               for r in rows)

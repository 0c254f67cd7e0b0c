"""Revocation by rotating the workspace master key, and re-sealing (issue 8 §3, §5).

Why
    Every user holds the master key (sealed to their own X25519 key). Disabling a user or
    resetting a password must leave their old key, and any old copy of the database file with
    the old password, unable to read anything written afterwards. So both rotate the master key:
    a new random key, a new epoch, the new key sealed to every *other* active, certified user,
    and everything sealed under the old key moved to the new one, in the same transaction.

What moves
    Envelope encryption keeps it small: each document is sealed under its own data key, and only
    the data keys are sealed under the master key, so a rotation re-seals the data keys and the
    small values (names, answers, notes, sheets, decisions, notices, sealed settings), never the
    documents. The search index and the content MACs are derived from ``index_root`` (the first
    master key, kept sealed), so they stay valid without rebuilding the index. Old documents
    stay readable with an old data key, as they were to the revoked user before; nothing written
    after the rotation is.

Re-sealing
    A workspace from before issue 8 sealed values without their owners and documents without
    data keys; :func:`reseal` with ``legacy=True`` reads that format and writes the new one (same
    key), once, at its first administrator's sign-in (services.workspace).

A value that does not open (damaged or altered) is left as it is and counted: it shows as damaged
where it is used, as it did before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from reviewer_app.security.aead import DecryptionError
from reviewer_app.security.keyring import new_master_key
from reviewer_app.security.userkeys import seal_master_key
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import sealing, settings
from reviewer_app.store.models import (
    Attachment,
    AttachmentBlob,
    Base,
    Decision,
    DeficiencyNotice,
    Dependent,
    DocumentCheck,
    IncomeConfirmation,
    IncomeSheet,
    MasterKeyWrap,
    Member,
    Setting,
    SubmissionRevision,
    Suggestion,
    User,
)
from reviewer_app.store.types import utcnow

# Every column sealed under the master key (a test checks none is missing).
SEALED_COLUMNS: tuple[tuple[type[Base], tuple[str, ...]], ...] = (
    (Member, ("personal_sealed",)),
    (Dependent, ("personal_sealed", "paper_reason_sealed")),
    (SubmissionRevision, ("sealed_json",)),
    (Attachment, ("original_name_sealed",)),
    (DocumentCheck, ("note_sealed",)),
    (IncomeSheet, ("sealed_json",)),
    (Suggestion, ("result_sealed",)),
    (IncomeConfirmation, ("detail_sealed",)),
    (Decision, ("comment_sealed", "evaluation_sealed")),
    (DeficiencyNotice, ("items_sealed",)),
    (Setting, ("sealed_value",)),
)
_CHUNK = 500
SEALING_VERSION = "2"


@dataclass
class ResealCounts:
    values: int = 0
    documents: int = 0
    unreadable: int = 0

    def as_json(self) -> dict[str, int]:
        return {"values": self.values, "documents": self.documents,
                "unreadable": self.unreadable}


def _rows(db: Session, model: type[Base]) -> Iterator[Any]:
    """Rows of ``model`` in primary-key order, a chunk at a time (flat memory)."""
    pk = list(model.__table__.primary_key.columns)  # type: ignore[attr-defined]
    offset = 0
    while True:
        chunk = db.scalars(select(model).order_by(*pk).offset(offset).limit(_CHUNK)).all()
        if not chunk:
            return
        yield from chunk
        db.flush()
        db.expunge_all()
        offset += len(chunk)


def reseal(db: Session, old_key: bytes, new_key: bytes, *, legacy: bool = False) -> ResealCounts:
    """Open every sealed value and data key with ``old_key`` (in the pre-issue-8 format when
    ``legacy``) and seal it with ``new_key``, owners bound in."""
    counts = ResealCounts()
    for model, columns in SEALED_COLUMNS:
        table = model.__table__.name  # type: ignore[attr-defined]
        for row in _rows(db, model):
            for column in columns:
                blob = getattr(row, column)
                if blob is None:
                    continue
                try:
                    plaintext = (sealing.open_legacy(old_key, table, row._row_id(), column, blob)
                                 if legacy else row.open_from(column, old_key))
                except DecryptionError:
                    counts.unreadable += 1
                    continue
                row.seal_into(column, new_key, plaintext)
                counts.values += 1
    _reseal_documents(db, old_key, new_key, legacy, counts)
    db.flush()
    return counts


def _reseal_documents(db: Session, old_key: bytes, new_key: bytes, legacy: bool,
                      counts: ResealCounts) -> None:
    # Only the small columns are read: a document's bytes are touched only when it has no data
    # key yet (a blob from before issue 8, sealed once into the envelope format).
    last = 0
    while True:
        chunk = db.execute(
            select(AttachmentBlob.attachment_id, AttachmentBlob.wrapped_key,
                   Attachment.dependent_id, Attachment.required_document_id)
            .join(Attachment, Attachment.id == AttachmentBlob.attachment_id)
            .where(AttachmentBlob.attachment_id > last)
            .order_by(AttachmentBlob.attachment_id).limit(_CHUNK)).all()
        if not chunk:
            return
        for attachment_id, wrapped, dependent_id, document_id in chunk:
            bind = sealing.document_bind(dependent_id, document_id)
            try:
                if wrapped is None:
                    if not legacy:
                        raise DecryptionError("a document without a data key")
                    sealed = db.scalar(select(AttachmentBlob.data).where(
                        AttachmentBlob.attachment_id == attachment_id))
                    data = sealing.open_legacy_document(old_key, attachment_id, sealed or b"")
                    new_wrapped, new_sealed = sealing.seal_document(new_key, attachment_id,
                                                                    bind, data)
                    values = {"wrapped_key": new_wrapped, "data": new_sealed}
                else:
                    data_key = sealing.open_(old_key, "attachment_blobs", attachment_id,
                                             "data_key", wrapped, bind)
                    values = {"wrapped_key": sealing.seal(
                        new_key, "attachment_blobs", attachment_id, "data_key", data_key, bind)}
            except DecryptionError:
                counts.unreadable += 1
                continue
            db.execute(update(AttachmentBlob).where(
                AttachmentBlob.attachment_id == attachment_id).values(**values))
            counts.documents += 1
        last = chunk[-1][0]


def reseal_legacy(db: Session, master_key: bytes) -> ResealCounts:
    """A workspace from before issue 8, once: the same key, the new format."""
    counts = reseal(db, master_key, master_key, legacy=True)
    settings.set_text(db, settings.SEALING_VERSION, SEALING_VERSION)
    if settings.get_text(db, settings.MASTER_KEY_EPOCH) is None:
        settings.set_text(db, settings.MASTER_KEY_EPOCH, "1")
    return counts


def rotate_master_key(ws: WorkspaceSession, db: Session, reason: str) -> tuple[bytes, int]:
    """A new master key for everyone the grants still allow, inside the caller's transaction;
    returns it and its epoch (the caller's session switches to them once the transaction
    commits: WorkspaceSession.switch_master_key)."""
    # First, the epoch row for update: writers on other workstations wait, then see the new
    # epoch and stop (WorkspaceSession._check_epoch) instead of sealing under the old key.
    db.execute(select(Setting).where(Setting.key == settings.MASTER_KEY_EPOCH)
               .with_for_update())
    old_key, new_key = ws.master_key, new_master_key()
    epoch = settings.master_key_epoch(db) + 1
    had_root = settings.get_sealed(db, settings.INDEX_ROOT, old_key) is not None
    counts = reseal(db, old_key, new_key)
    if not had_root:  # the index stays derived from the key it was built with
        settings.set_sealed(db, settings.INDEX_ROOT, new_key, old_key)
    settings.set_text(db, settings.MASTER_KEY_EPOCH, str(epoch))
    db.execute(delete(MasterKeyWrap))
    # Only grants in force, active, and matching the user's keys: a revoked or uncertified
    # account gets nothing (an admin's password reset gives them keys and the key again).
    users = 0
    for state in ws.reload_authority(db).current.values():
        user = db.get(User, state.user_id)
        if not state.active or user is None or user.box_public_key != state.box_key \
                or user.sign_public_key != state.sign_key:
            continue
        db.add(MasterKeyWrap(user_id=user.id, epoch=epoch, created_at=utcnow(),
                             sealed=seal_master_key(new_key, state.box_key, user_id=user.id,
                                                    epoch=epoch)))
        users += 1
    # Password-wrapped copies from before issue 8 would still open the old key: gone.
    db.execute(update(User).where(User.wrapped_master_key != b"")
               .values(wrapped_master_key=b""))
    db.flush()
    ws.audit(db, "master_key.rotate", "workspace", {"epoch": epoch, "reason": reason,
                                                     "users": users, **counts.as_json()})
    return new_key, epoch

"""Trusted exporters (pinned Ed25519 signing keys of the web system) and the recipient key.

The importer needs, inside its own transaction: :func:`trusted_keys` (key id → public key) to
check a bundle's signature before decrypting anything, and :func:`load_recipient_private_key`
to unwrap the bundle key addressed to this workspace.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer_app.errors import InputError, UserError
from reviewer_app.security import keys
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store import settings
from reviewer_app.store.enums import Role
from reviewer_app.store.models import Insurer, TrustedExporter
from reviewer_app.store.types import utcnow


@dataclass(frozen=True)
class ExporterInfo:
    key_id: str
    public_key_text: str
    label: str
    added_at: datetime
    newly_added: bool = False

    def as_json(self) -> dict[str, object]:
        return {"key_id": self.key_id, "public_key": self.public_key_text, "label": self.label,
                "added_at": self.added_at.isoformat(), "newly_added": self.newly_added}


def read_public_key_argument(value: str) -> str:
    """``PUBKEY`` on the command line: a file holding the key line, or the key line itself."""
    path = Path(value)
    if not value.startswith(keys.ED25519_PREFIX) and not value.startswith(keys.X25519_PREFIX):
        try:
            return path.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise InputError(
                f"公開鍵ファイル {value} を読めません（{exc.strerror}）。パスを確かめてください。",
                f"Cannot read the public key file {value} ({exc.strerror}). Check the path.",
                code="pubkey_file", subject=value,
            ) from None
    return value.strip()


def trust_exporter(ws: WorkspaceSession, public_key_text: str, label: str = "",
                   replaces: str | None = None) -> ExporterInfo:
    """Pin an exporter's Ed25519 key (admin only). Pinning a key twice changes nothing.

    Each insurer is bound to the key of its first import (services.importing). ``replaces``
    (a pinned key id) hands the insurers bound to that key over to this one, for when the web
    system changes its signing key; the event ``exporter.replace`` records it."""
    ws.require_role(Role.ADMIN, action_ja="エクスポート元の鍵の登録", action_en="trust exporters")
    public_key = keys.public_key_from_text(public_key_text)
    if not isinstance(public_key, Ed25519PublicKey):
        raise InputError(
            "これは署名用の鍵（reviewer-app-ed25519）ではありません。Webシステムの"
            "エクスポート用公開鍵（.signer.pub）を指定してください。",
            "This is not a signing key (reviewer-app-ed25519). Give the web system's exporter "
            "public key (.signer.pub).",
            code="not_a_signing_key",
        )
    key_id = keys.key_id(public_key)
    text = keys.public_key_to_text(public_key)
    with ws.transaction() as db:
        if replaces is not None:
            _replace(ws, db, replaces, key_id)
        existing = db.scalars(
            select(TrustedExporter).where(TrustedExporter.key_id == key_id)
        ).one_or_none()
        if existing is not None:
            return ExporterInfo(existing.key_id, existing.public_key_text, existing.label,
                                existing.added_at)
        row = TrustedExporter(key_id=key_id, public_key_text=text, label=label[:100],
                              added_by_id=ws.user.id, added_at=utcnow())
        db.add(row)
        db.flush()
        ws.audit(db, "exporter.trust", f"exporter:{key_id}", {"key_id": key_id})
        return ExporterInfo(key_id, text, row.label, row.added_at, newly_added=True)


def _replace(ws: WorkspaceSession, db: Session, old_key_id: str, new_key_id: str) -> None:
    old_key_id = old_key_id.strip().lower()
    if db.scalars(select(TrustedExporter.id).where(
            TrustedExporter.key_id == old_key_id)).first() is None:
        raise InputError(
            f"引き継ぎ元の鍵（key id {old_key_id}）は登録されていません。"
            "登録済みの鍵の key id を --replaces に指定してください。",
            f"The key to replace (key id {old_key_id}) is not pinned. Give the key id of a "
            "pinned exporter key to --replaces.", code="unknown_exporter", subject="--replaces")
    moved = list(db.scalars(select(Insurer).where(Insurer.exporter_key_id == old_key_id)))
    for insurer in moved:
        insurer.exporter_key_id = new_key_id
    ws.audit(db, "exporter.replace", f"exporter:{new_key_id}",
             {"replaces": old_key_id, "insurers": [i.code for i in moved]})


def trusted_keys(db: Session) -> dict[str, Ed25519PublicKey]:
    """Every pinned exporter key by key id (for the importer's signature check)."""
    out: dict[str, Ed25519PublicKey] = {}
    for row in db.scalars(select(TrustedExporter)):
        key = keys.public_key_from_text(row.public_key_text)
        if isinstance(key, Ed25519PublicKey) and keys.key_id(key) == row.key_id:
            out[row.key_id] = key
    return out


def load_recipient_private_key(db: Session, master_key: bytes) -> X25519PrivateKey:
    raw = settings.get_sealed(db, settings.RECIPIENT_PRIVATE_KEY, master_key)
    if raw is None:
        raise UserError(
            "ワークスペースの受信用鍵がありません。ワークスペースを作り直してください。",
            "The workspace's recipient key is missing. Re-create the workspace.",
            code="recipient_key_missing",
        )
    return keys.recipient_key_from_bytes(raw)


def recipient_private_key(ws: WorkspaceSession) -> X25519PrivateKey:
    """The workspace's X25519 private key (opened with the session's master key)."""
    with ws.transaction(readonly=True) as db:
        return load_recipient_private_key(db, ws.master_key)


def recipient_key_id(db: Session) -> str | None:
    return settings.get_text(db, settings.RECIPIENT_KEY_ID)

"""Workspace settings (the ``settings`` table): clear text values and values sealed under the key.

Sealed values use the associated data ``settings:<key>:sealed_value``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from reviewer_app.store import sealing
from reviewer_app.store.models import Setting
from reviewer_app.store.types import utcnow

WORKSPACE_ID = "workspace_id"
CREATED_AT = "created_at"
RECIPIENT_PUBLIC_KEY = "recipient_public_key"  # text form, reviewer-app-x25519 …
RECIPIENT_KEY_ID = "recipient_key_id"
RECIPIENT_PRIVATE_KEY = "recipient_private_key"  # sealed raw 32 bytes
# the workspace's Ed25519 key that signs results bundles (issue 7 §2)
RESULTS_PUBLIC_KEY = "results_public_key"  # text form, reviewer-app-ed25519 …
RESULTS_PRIVATE_KEY = "results_private_key"  # sealed raw 32 bytes
# the web system's X25519 key that results bundles are encrypted to (pinned by an admin)
WEB_SYSTEM_PUBLIC_KEY = "web_system_public_key"
WEB_SYSTEM_KEY_ID = "web_system_key_id"
# the master key's epoch: raised by every rotation (issue 8, services.rotation)
MASTER_KEY_EPOCH = "master_key_epoch"
# "2": every sealed value binds its owners and every document has its own data key (issue 8 §5);
# absent in a workspace from before issue 8 until its first administrator signs in
SEALING_VERSION = "sealing_version"
# the key the search index and the content MACs are derived from, sealed: the first master
# key, kept when the master key is rotated so the index need not be rebuilt (services.rotation)
INDEX_ROOT = "index_root"


def get_text(db: Session, key: str) -> str | None:
    row = db.get(Setting, key)
    return None if row is None else row.text_value


def set_text(db: Session, key: str, value: str) -> None:
    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, text_value=value, updated_at=utcnow()))
    else:
        row.text_value = value
        row.updated_at = utcnow()


def get_sealed(db: Session, key: str, master_key: bytes) -> bytes | None:
    row = db.get(Setting, key)
    if row is None or row.sealed_value is None:
        return None
    return sealing.open_(master_key, Setting.__tablename__, key, "sealed_value", row.sealed_value)


def set_sealed(db: Session, key: str, master_key: bytes, plaintext: bytes) -> None:
    blob = sealing.seal(master_key, Setting.__tablename__, key, "sealed_value", plaintext)
    row = db.get(Setting, key)
    if row is None:
        db.add(Setting(key=key, sealed_value=blob, updated_at=utcnow()))
    else:
        row.sealed_value = blob
        row.updated_at = utcnow()


def master_key_epoch(db: Session) -> int:
    """The master key's epoch (raised by each rotation; 1 for a new workspace)."""
    return int(get_text(db, MASTER_KEY_EPOCH) or 1)

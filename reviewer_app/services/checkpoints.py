"""The audit trail's head, remembered outside the database (issue 8 §2).

A hash chain shows an edited or removed event in its middle, but not events cut from its end: the
shorter chain is as sound as the longer one was. So at every sign-in and sign-out this workstation
writes the chain's head (sequence number and hash), signed with the user's key, to
``DIR/audit-checkpoint.json`` in the workspace folder, beside ``workspace.toml`` and protected like
it (0600 in a 0700 folder). ``reviewer-app audit verify`` then requires the database's chain to
still hold that event with that hash: a cut end, or an end rewritten and re-hashed, fails there.

A checkpoint only moves forward along the same chain. When the database no longer holds the
remembered head (events removed, or a database restored from an older backup) the file is left
as it is, so the mismatch stays visible, and the sign-in records ``audit.checkpoint_mismatch``;
after a deliberate restore the operator removes the file (docs/operations.md).
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from reviewer_app.atomic import write_bytes_atomically
from reviewer_app.private_files import owner_only_umask
from reviewer_app.security import statements
from reviewer_app.store.models import AuditEvent
from reviewer_app.store.types import utcnow

if TYPE_CHECKING:
    from reviewer_app.services.authority import Authority
    from reviewer_app.services.session import WorkspaceSession

CHECKPOINT_FILE = "audit-checkpoint.json"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Checkpoint:
    workspace_id: str
    seq: int
    hash: str
    at: str
    user_id: int
    key_id: str
    signature: str  # hex

    def body(self) -> dict[str, object]:
        return {"workspace": self.workspace_id, "seq": self.seq, "hash": self.hash,
                "at": self.at, "user_id": self.user_id}

    def signed_by_certified_key(self, authority: Authority) -> bool:
        public = authority.public_key(self.key_id, self.user_id)
        try:
            signature = bytes.fromhex(self.signature)
        except ValueError:
            return False
        return public is not None and statements.verify(public, statements.CHECKPOINT,
                                                        self.body(), signature)


def read(directory: Path) -> Checkpoint | None:
    """The checkpoint of this workstation, or None when there is none (or it is unreadable,
    which ``audit verify`` reports)."""
    try:
        data = json.loads((directory / CHECKPOINT_FILE).read_text(encoding="utf-8"))
        return Checkpoint(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError):
        raise ValueError(f"{CHECKPOINT_FILE} is unreadable") from None


def head(db: Session) -> tuple[int, str] | None:
    row = db.execute(select(AuditEvent.seq, AuditEvent.hash)
                     .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return None if row is None else (row.seq, row.hash)


def hash_at(db: Session, seq: int) -> str | None:
    return db.scalar(select(AuditEvent.hash).where(AuditEvent.seq == seq))


def check(engine: Engine, checkpoint: Checkpoint) -> str | None:
    """Why the database's chain does not hold ``checkpoint`` (None when it does)."""
    with Session(engine) as db:
        found = hash_at(db, checkpoint.seq)
        last = head(db)
    if found is None:
        return (f"the chain ends at event {last[0] if last else 0}, but this workstation saw it "
                f"reach event {checkpoint.seq} (events were removed from its end)")
    if found != checkpoint.hash:
        return (f"event {checkpoint.seq} is not the one this workstation saw (the end of the "
                "chain was rewritten)")
    return None


def _record(ws: WorkspaceSession, *, on_sign_in: bool) -> None:
    directory = ws.workspace.dir
    keys = ws.keys  # read once: a close on another thread may clear it meanwhile
    if keys is None:
        return
    try:
        previous = read(directory)
    except ValueError:
        previous = None  # an unreadable file is replaced; audit verify reports nothing then
    with ws.transaction(readonly=True) as db:
        current = head(db)
        seen = hash_at(db, previous.seq) if previous is not None else None
    if current is None:
        return
    if previous is not None and seen != previous.hash:
        if on_sign_in:
            with ws.transaction() as db:
                ws.audit(db, "audit.checkpoint_mismatch", "",
                         {"checkpoint_seq": previous.seq, "head_seq": current[0]})
        return  # keep the evidence: the file is not moved onto another chain
    seq, digest = current
    body = {"workspace": ws.workspace.workspace_id, "seq": seq, "hash": digest,
            "at": utcnow().isoformat(), "user_id": ws.user.id}
    signature = statements.sign(keys.sign, statements.CHECKPOINT, body)
    checkpoint = Checkpoint(ws.workspace.workspace_id, seq, digest, str(body["at"]), ws.user.id,
                            keys.key_id, signature.hex())
    try:
        with owner_only_umask():
            write_bytes_atomically(directory / CHECKPOINT_FILE,
                                   json.dumps(asdict(checkpoint), indent=1).encode("utf-8"))
    except OSError as exc:  # a read-only folder must not stop the work; verify will say so
        log.warning("audit checkpoint not written: %s", type(exc).__name__)


def after_sign_in(ws: WorkspaceSession) -> None:
    _record(ws, on_sign_in=True)


def at_sign_out(ws: WorkspaceSession) -> None:
    _record(ws, on_sign_in=False)

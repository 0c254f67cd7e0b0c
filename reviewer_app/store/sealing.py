"""Values sealed under the workspace master key, bound to their table, row, column and owners.

The associated data is ``"<table>:<primary key>:<column>"`` followed by ``"|name=value"`` for each
owning column of the row (sorted by name): the dependent and required document of an attachment,
the case, dependent and version of an income sheet, the member and revision of a submission…
(``Base.__seal_bind__`` in store.models). A sealed blob copied to another row or column, a row
moved to another person or case (its owning ids edited), or an older sealed value put back in
place under a newer version, fails to open (issue 8 §5). JSON is sealed in a canonical form
(sorted keys, no white space, UTF-8) so equal content gives equal plaintext.

Documents (envelope encryption): each attachment's bytes are sealed under a fresh random data key,
and only that data key is sealed under the master key, with the attachment's owners as associated
data. Rotating the master key (services.rotation) re-seals the data keys and the small values,
never the documents.

Releases before issue 8 bound values to table, row and column only, and sealed documents directly
under the master key; :func:`open_legacy` and :func:`open_legacy_document` read that format once,
when the workspace is re-sealed at its first administrator's sign-in after the upgrade.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from reviewer_app.security import aead

DATA_KEY_BYTES = 32


def aad(table: str, row_id: str | int, column: str,
        bind: Mapping[str, object] | None = None) -> bytes:
    text = f"{table}:{row_id}:{column}"
    if bind:
        text += "".join(f"|{name}={bind[name]}" for name in sorted(bind))
    return text.encode()


def seal(master_key: bytes, table: str, row_id: str | int, column: str, plaintext: bytes,
         bind: Mapping[str, object] | None = None) -> bytes:
    return aead.seal(master_key, plaintext, aad(table, row_id, column, bind))


def open_(master_key: bytes, table: str, row_id: str | int, column: str, blob: bytes,
          bind: Mapping[str, object] | None = None) -> bytes:
    """Raises :class:`reviewer_app.security.aead.DecryptionError` on any mismatch."""
    return aead.open_sealed(master_key, blob, aad(table, row_id, column, bind))


def open_legacy(master_key: bytes, table: str, row_id: str | int, column: str,
                blob: bytes) -> bytes:
    """A value sealed before issue 8 (table, row and column only)."""
    return aead.open_sealed(master_key, blob, aad(table, row_id, column))


# --- documents --------------------------------------------------------------------------------


def document_bind(dependent_id: int, required_document_id: int) -> dict[str, object]:
    return {"dependent_id": dependent_id, "required_document_id": required_document_id}


def seal_document(master_key: bytes, attachment_id: int, bind: Mapping[str, object],
                  data: bytes) -> tuple[bytes, bytes]:
    """``(sealed data key, sealed document)`` for ``attachment_blobs``."""
    data_key = os.urandom(DATA_KEY_BYTES)
    wrapped = seal(master_key, "attachment_blobs", attachment_id, "data_key", data_key, bind)
    return wrapped, aead.seal(data_key, data, aad("attachment_blobs", attachment_id, "data"))


def open_document(master_key: bytes, attachment_id: int, bind: Mapping[str, object],
                  wrapped_key: bytes, sealed: bytes) -> bytes:
    data_key = open_(master_key, "attachment_blobs", attachment_id, "data_key", wrapped_key,
                     bind)
    return aead.open_sealed(data_key, sealed, aad("attachment_blobs", attachment_id, "data"))


def open_legacy_document(master_key: bytes, attachment_id: int, sealed: bytes) -> bytes:
    return open_legacy(master_key, "attachment_blobs", attachment_id, "data", sealed)


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    ).encode("utf-8")


def loads(data: bytes) -> Any:
    return json.loads(data.decode("utf-8"))

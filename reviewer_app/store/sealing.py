"""Values sealed under the workspace master key, bound to their table, row and column.

The associated data is ``"<table>:<primary key>:<column>"`` (UTF-8): a sealed blob copied to
another row or column, or a row renumbered, fails to open. JSON is sealed in a canonical form
(sorted keys, no white space, UTF-8) so equal content gives equal plaintext.
"""

from __future__ import annotations

import json
from typing import Any

from reviewer_app.security import aead


def aad(table: str, row_id: str | int, column: str) -> bytes:
    return f"{table}:{row_id}:{column}".encode()


def seal(master_key: bytes, table: str, row_id: str | int, column: str, plaintext: bytes) -> bytes:
    return aead.seal(master_key, plaintext, aad(table, row_id, column))


def open_(master_key: bytes, table: str, row_id: str | int, column: str, blob: bytes) -> bytes:
    """Raises :class:`reviewer_app.security.aead.DecryptionError` on any mismatch."""
    return aead.open_sealed(master_key, blob, aad(table, row_id, column))


def canonical_json(value: Any) -> bytes:
    return json.dumps(
        value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    ).encode("utf-8")


def loads(data: bytes) -> Any:
    return json.loads(data.decode("utf-8"))

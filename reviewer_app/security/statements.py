"""Signed statements: a grant, a decision, a notice or an audit event, signed with Ed25519.

A statement is a kind and a JSON body. What is signed is ``b"reviewer-app <kind> v1\\0"`` followed
by the body as canonical JSON (sorted keys, no white space, UTF-8): the kind in the signed bytes
keeps a signature on one kind of statement from passing for another. Its hash (SHA-256 of the
same bytes, hex) is how later statements refer to it (a decision names the previous one).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

GRANT = "grant"
DECISION = "decision"
NOTICE = "notice"
AUDIT = "audit"
CHECKPOINT = "checkpoint"
SIGNATURE_BYTES = 64
GENESIS = "0" * 64  # the "previous" of a case's first decision


def canonical(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")).encode("utf-8")


def signed_bytes(kind: str, body: dict[str, Any]) -> bytes:
    return b"reviewer-app " + kind.encode("ascii") + b" v1\x00" + canonical(body)


def statement_hash(kind: str, body: dict[str, Any]) -> str:
    return hashlib.sha256(signed_bytes(kind, body)).hexdigest()


def sign(key: Ed25519PrivateKey, kind: str, body: dict[str, Any]) -> bytes:
    return key.sign(signed_bytes(kind, body))


def verify(public: Ed25519PublicKey, kind: str, body: dict[str, Any], signature: bytes) -> bool:
    if len(signature) != SIGNATURE_BYTES:
        return False
    try:
        public.verify(signature, signed_bytes(kind, body))
    except InvalidSignature:
        return False
    return True


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()

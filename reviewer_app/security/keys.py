"""Asymmetric keys: exporter signing keys (Ed25519) and workspace recipient keys (X25519).

Public keys travel as one line of text, ``reviewer-app-ed25519 <base64>`` or
``reviewer-app-x25519 <base64>`` (standard base64 of the 32 raw bytes, with padding). A key id is
the first 16 bytes of SHA-256 over the raw public bytes, as 32 lowercase hex digits.
Private keys are handled as their raw 32 bytes; the caller stores them encrypted.
"""

from __future__ import annotations

import base64
import binascii
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from reviewer_app.errors import InputError

ED25519_PREFIX = "reviewer-app-ed25519"
X25519_PREFIX = "reviewer-app-x25519"
RAW_KEY_BYTES = 32

PublicKey = Ed25519PublicKey | X25519PublicKey
PrivateKey = Ed25519PrivateKey | X25519PrivateKey


class KeyFormatError(InputError):
    """Text that is not a public key of this application."""

    def __init__(self, reason_ja: str, reason_en: str) -> None:
        super().__init__(
            f"公開鍵の形式が正しくありません（{reason_ja}）。"
            f"「{ED25519_PREFIX} …」または「{X25519_PREFIX} …」の1行を、"
            "受け取ったファイルからそのまま指定してください。",
            f"This is not a valid public key ({reason_en}). Give the single line "
            f"'{ED25519_PREFIX} …' or '{X25519_PREFIX} …' exactly as received.",
            code="bad_key_format",
        )


def generate_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def generate_recipient_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def public_raw(pub: PublicKey) -> bytes:
    """The 32 raw public-key bytes."""
    return pub.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key: PublicKey) -> str:
    """First 16 bytes of SHA-256 of the raw public key, 32 lowercase hex digits."""
    return hashlib.sha256(public_raw(public_key)).hexdigest()[:32]


def public_key_to_text(pub: PublicKey) -> str:
    """One line, no newline: ``reviewer-app-ed25519 <base64>`` or ``reviewer-app-x25519 …``."""
    prefix = ED25519_PREFIX if isinstance(pub, Ed25519PublicKey) else X25519_PREFIX
    return f"{prefix} {base64.b64encode(public_raw(pub)).decode('ascii')}"


def public_key_from_text(text: str) -> PublicKey:
    """Parse :func:`public_key_to_text` output; surrounding white space (a final newline) is ok."""
    parts = text.strip().split(" ")
    if len(parts) != 2:
        raise KeyFormatError("1行に種類と鍵の2語が必要です", "expected two words on one line")
    prefix, body = parts
    if prefix not in (ED25519_PREFIX, X25519_PREFIX):
        raise KeyFormatError("鍵の種類が不明です", "unknown key type")
    try:
        raw = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise KeyFormatError("base64 ではありません", "not base64") from None
    if len(raw) != RAW_KEY_BYTES:
        raise KeyFormatError("鍵の長さが違います", "wrong key length")
    if prefix == ED25519_PREFIX:
        return Ed25519PublicKey.from_public_bytes(raw)
    return X25519PublicKey.from_public_bytes(raw)


def private_key_bytes(priv: PrivateKey) -> bytes:
    """The raw 32 private bytes (store them encrypted)."""
    return priv.private_bytes(
        serialization.Encoding.Raw,
        serialization.PrivateFormat.Raw,
        serialization.NoEncryption(),
    )


def signing_key_from_bytes(data: bytes) -> Ed25519PrivateKey:
    if len(data) != RAW_KEY_BYTES:
        raise ValueError("an Ed25519 private key is 32 bytes")
    return Ed25519PrivateKey.from_private_bytes(data)


def recipient_key_from_bytes(data: bytes) -> X25519PrivateKey:
    if len(data) != RAW_KEY_BYTES:
        raise ValueError("an X25519 private key is 32 bytes")
    return X25519PrivateKey.from_private_bytes(data)

"""AES-256-GCM with a fresh random nonce: the one symmetric primitive of the application.

A sealed blob is ``nonce (12 bytes) ‖ ciphertext ‖ tag (16 bytes)``, the layout the bundle format
and the store share (``docs/bundle-format.md``). The associated data binds a blob to its place
(an object id, a table row): moving a blob elsewhere makes it fail to open.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

KEY_BYTES = 32
NONCE_BYTES = 12
TAG_BYTES = 16
OVERHEAD = NONCE_BYTES + TAG_BYTES


class DecryptionError(ValueError):
    """The blob does not open under this key and associated data (wrong key, tampered, cut)."""


def _check_key(key: bytes) -> None:
    if len(key) != KEY_BYTES:
        raise ValueError(f"AES-256-GCM needs a {KEY_BYTES}-byte key, got {len(key)} bytes")


def seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    """Encrypt and authenticate ``plaintext``; returns ``nonce ‖ ciphertext ‖ tag``."""
    _check_key(key)
    # Random 96-bit nonces: the bundle key and each master key seal far fewer than 2**32
    # messages, the NIST SP 800-38D bound for random nonces.
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def open_sealed(key: bytes, blob: bytes, aad: bytes) -> bytes:
    """Check and decrypt a blob made by :func:`seal`; raises :class:`DecryptionError`."""
    _check_key(key)
    if len(blob) < OVERHEAD:
        raise DecryptionError("sealed blob is shorter than nonce and tag")
    try:
        return AESGCM(key).decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)
    except InvalidTag:
        raise DecryptionError("sealed blob does not authenticate") from None

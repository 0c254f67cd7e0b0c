"""Secrets wrapped by a password-derived key: each user's private keys (and, before issue 8, the
workspace master key itself).

Since issue 8 a user's blob holds their own Ed25519 signing key and X25519 key
(security.userkeys); the workspace master key is sealed to that X25519 key, once per user and per
master-key epoch, so an administrator can rotate it for everyone without knowing their passwords.
A wrapped secret is a self-describing binary blob (all integers big-endian)::

    offset  size  field
    0       4     magic b"RAKW"
    4       1     version: 1 = the master key (32 bytes), 2 = a user's private keys (64 bytes)
    5       4     Argon2id memory cost, KiB
    9       4     Argon2id iterations
    13      1     Argon2id lanes
    14      1     salt length S (16)
    15      S     salt
    15+S    28+N  AES-256-GCM: nonce (12) ‖ sealed payload (N = 32 or 64) ‖ tag (16)

The key-encryption key is Argon2id(password, salt) with the parameters in the header, and the
whole header (bytes 0 .. 15+S) is the associated data, so the parameters cannot be swapped for
weaker ones without the blob failing to open. Each user holds their own blob (own salt).

Cost: one cracked password opens every document of the workspace, so the wrapping uses RFC 9106's
second recommended option (m=64 MiB, t=3, p=4; about 0.22 s on a 2-core test machine), stronger
than the password hash (OWASP's minimum, passwords.PARAMS), which guards only the sign-in. A blob
written with other settings (releases before issue 8 used m=19 MiB, t=2, p=1) still opens,
since its header names its settings, and :func:`needs_rewrap` tells the sign-in to re-wrap it.
"""

from __future__ import annotations

import os
import struct

from reviewer_app.errors import UserError
from reviewer_app.security import aead
from reviewer_app.security.passwords import Argon2Params, check_params, derive

MAGIC = b"RAKW"
VERSION = 1  # the master key itself (before issue 8)
USER_VERSION = 2  # a user's private keys: Ed25519 seed ‖ X25519 private key (issue 8)
MASTER_KEY_BYTES = 32
USER_SECRET_BYTES = 64
_HEADER = struct.Struct(">4sBIIBB")

# RFC 9106 §4, second recommended option: Argon2id, 64 MiB, 3 passes, 4 lanes, 128-bit salt.
RFC9106_SECOND = Argon2Params(memory_kib=64 * 1024, iterations=3, lanes=4, salt_bytes=16)
# What new wraps use. Tests lower it (tests/conftest.py) to keep the suite fast; the product never.
PARAMS = RFC9106_SECOND


class WrongPasswordError(UserError):
    """The password does not open this user's copy of the master key."""

    def __init__(self) -> None:
        super().__init__(
            "パスワードが違います。入力し直してください。",
            "The password is wrong. Please enter it again.",
            code="wrong_password",
        )


class CorruptKeyRingError(UserError):
    """A wrapped master key that is not in the format above (damaged database row)."""

    def __init__(self, reason: str) -> None:
        super().__init__(
            f"鍵データが壊れています（{reason}）。管理者に連絡してください。",
            f"The stored key is damaged ({reason}). Contact your administrator.",
            code="corrupt_key_ring",
        )


def new_master_key() -> bytes:
    """A fresh random 32-byte workspace master key."""
    return os.urandom(MASTER_KEY_BYTES)


def _kek(password: str, salt: bytes, params: Argon2Params) -> bytes:
    return derive(password.encode("utf-8"), salt, params, aead.KEY_BYTES)


def _wrap(payload: bytes, password: str, version: int) -> bytes:
    salt = os.urandom(PARAMS.salt_bytes)
    header = (
        _HEADER.pack(MAGIC, version, PARAMS.memory_kib, PARAMS.iterations, PARAMS.lanes,
                     len(salt))
        + salt
    )
    return header + aead.seal(_kek(password, salt, PARAMS), payload, header)


def _unwrap(wrapped: bytes, password: str, version_wanted: int, length: int) -> bytes:
    if len(wrapped) < _HEADER.size:
        raise CorruptKeyRingError("too short")
    magic, version, memory_kib, iterations, lanes, salt_len = _HEADER.unpack_from(wrapped)
    if magic != MAGIC:
        raise CorruptKeyRingError("unknown format")
    if version != version_wanted:
        raise CorruptKeyRingError(f"unsupported version {version}")
    header_len = _HEADER.size + salt_len
    if len(wrapped) != header_len + aead.OVERHEAD + length:
        raise CorruptKeyRingError("wrong length")
    params = Argon2Params(memory_kib, iterations, lanes, salt_bytes=salt_len)
    try:
        check_params(params)
    except ValueError:
        raise CorruptKeyRingError("key derivation parameters out of range") from None
    header, salt = wrapped[:header_len], wrapped[_HEADER.size : header_len]
    try:
        return aead.open_sealed(_kek(password, salt, params), wrapped[header_len:], header)
    except aead.DecryptionError:
        raise WrongPasswordError() from None


def wrap_master_key(master_key: bytes, password: str) -> bytes:
    """Seal ``master_key`` under a key derived from ``password`` (fresh salt); see module doc.

    The format of releases before issue 8 (version 1); a workspace now seals its master key to
    each user's own X25519 key instead (security.userkeys), and this remains for reading old
    key rings once, at their owner's first sign-in after the upgrade."""
    if len(master_key) != MASTER_KEY_BYTES:
        raise ValueError("a master key is 32 bytes")
    return _wrap(master_key, password, VERSION)


def unwrap_master_key(wrapped: bytes, password: str) -> bytes:
    """The master key in ``wrapped``; :class:`WrongPasswordError` when the password is wrong."""
    return _unwrap(wrapped, password, VERSION, MASTER_KEY_BYTES)


def wrap_user_secret(secret: bytes, password: str) -> bytes:
    """A user's private keys (security.userkeys) under their password: version 2, same header."""
    if len(secret) != USER_SECRET_BYTES:
        raise ValueError(f"a user's key material is {USER_SECRET_BYTES} bytes")
    return _wrap(secret, password, USER_VERSION)


def unwrap_user_secret(wrapped: bytes, password: str) -> bytes:
    return _unwrap(wrapped, password, USER_VERSION, USER_SECRET_BYTES)


def needs_rewrap(wrapped: bytes) -> bool:
    """True when ``wrapped`` uses other key-derivation parameters than the current ones."""
    if len(wrapped) < _HEADER.size:
        return True
    _magic, _version, memory_kib, iterations, lanes, salt_len = _HEADER.unpack_from(wrapped)
    return (memory_kib, iterations, lanes) != (
        PARAMS.memory_kib,
        PARAMS.iterations,
        PARAMS.lanes,
    ) or salt_len < PARAMS.salt_bytes

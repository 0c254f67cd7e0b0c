"""Password hashing: Argon2id at the OWASP parameters, as a PHC string.

The encoded form is the one the reference implementation and passlib use::

    $argon2id$v=19$m=19456,t=2,p=1$<salt b64, no padding>$<hash b64, no padding>

so a hash can be checked by other tools, and :func:`needs_rehash` can tell when the parameters of
a stored hash fall behind :data:`PARAMS`.
"""

from __future__ import annotations

import base64
import hmac
import os
import re
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.argon2 import Argon2id


@dataclass(frozen=True)
class Argon2Params:
    memory_kib: int
    iterations: int
    lanes: int
    salt_bytes: int = 16
    hash_bytes: int = 32


# OWASP Password Storage Cheat Sheet: Argon2id, m=19 MiB, t=2, p=1 (about 50 ms here).
PARAMS = Argon2Params(memory_kib=19456, iterations=2, lanes=1)
ARGON2_VERSION = 19  # 0x13, the only version the library implements

# Bounds on what a stored string may ask for, so a tampered row cannot make a login cost minutes
# or gigabytes.
_MAX_MEMORY_KIB = 1024 * 1024
_MAX_ITERATIONS = 64
_MAX_LANES = 16

_PHC_RE = re.compile(
    r"^\$argon2id\$v=(?P<v>\d+)\$m=(?P<m>\d+),t=(?P<t>\d+),p=(?P<p>\d+)"
    r"\$(?P<salt>[A-Za-z0-9+/]+)\$(?P<hash>[A-Za-z0-9+/]+)$"
)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def derive(password: bytes, salt: bytes, params: Argon2Params, length: int) -> bytes:
    """The raw Argon2id output (used for hashes here and for key-encryption keys in keyring)."""
    return Argon2id(
        salt=salt,
        length=length,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    ).derive(password)


def check_params(params: Argon2Params) -> None:
    """Refuse parameters outside what this application would ever choose (tampering guard)."""
    if not (
        8 * params.lanes <= params.memory_kib <= _MAX_MEMORY_KIB
        and 1 <= params.iterations <= _MAX_ITERATIONS
        and 1 <= params.lanes <= _MAX_LANES
        and 8 <= params.salt_bytes <= 64
        and 16 <= params.hash_bytes <= 64
    ):
        raise ValueError("Argon2id parameters out of range")


def hash_password(password: str) -> str:
    """A fresh salted Argon2id hash of ``password`` in PHC form."""
    salt = os.urandom(PARAMS.salt_bytes)
    digest = derive(password.encode("utf-8"), salt, PARAMS, PARAMS.hash_bytes)
    return (
        f"$argon2id$v={ARGON2_VERSION}$m={PARAMS.memory_kib},t={PARAMS.iterations},"
        f"p={PARAMS.lanes}${_b64(salt)}${_b64(digest)}"
    )


def _parse(encoded: str) -> tuple[Argon2Params, bytes, bytes]:
    match = _PHC_RE.match(encoded)
    if match is None or int(match["v"]) != ARGON2_VERSION:
        raise ValueError("not an Argon2id PHC string")
    salt = _unb64(match["salt"])
    digest = _unb64(match["hash"])
    params = Argon2Params(
        memory_kib=int(match["m"]),
        iterations=int(match["t"]),
        lanes=int(match["p"]),
        salt_bytes=len(salt),
        hash_bytes=len(digest),
    )
    check_params(params)
    return params, salt, digest


def verify_password(password: str, encoded: str) -> bool:
    """Whether ``password`` matches ``encoded``; False (never an exception) for a malformed hash."""
    try:
        params, salt, expected = _parse(encoded)
    except ValueError:
        return False
    actual = derive(password.encode("utf-8"), salt, params, len(expected))
    return hmac.compare_digest(actual, expected)


def needs_rehash(encoded: str) -> bool:
    """True when ``encoded`` is malformed or weaker than (or different from) :data:`PARAMS`."""
    try:
        params, _salt, _digest = _parse(encoded)
    except ValueError:
        return True
    return (params.memory_kib, params.iterations, params.lanes, params.hash_bytes) != (
        PARAMS.memory_kib,
        PARAMS.iterations,
        PARAMS.lanes,
        PARAMS.hash_bytes,
    ) or params.salt_bytes < PARAMS.salt_bytes

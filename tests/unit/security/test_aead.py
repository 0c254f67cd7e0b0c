from __future__ import annotations

import os

import pytest

from reviewer_app.security.aead import OVERHEAD, DecryptionError, open_sealed, seal

KEY = os.urandom(32)


def test_round_trip_and_layout() -> None:
    blob = seal(KEY, b"payload", b"obj-1")
    assert len(blob) == len(b"payload") + OVERHEAD
    assert open_sealed(KEY, blob, b"obj-1") == b"payload"


def test_fresh_nonce_each_time() -> None:
    assert seal(KEY, b"x", b"a")[:12] != seal(KEY, b"x", b"a")[:12]


@pytest.mark.parametrize("position", [0, 12, -1])
def test_tampered_blob_is_refused(position: int) -> None:
    blob = bytearray(seal(KEY, b"payload", b"a"))
    blob[position] ^= 1
    with pytest.raises(DecryptionError):
        open_sealed(KEY, bytes(blob), b"a")


def test_other_aad_or_key_or_truncation_is_refused() -> None:
    blob = seal(KEY, b"payload", b"a")
    for key, data, aad in [
        (KEY, blob, b"b"),
        (os.urandom(32), blob, b"a"),
        (KEY, blob[:-1], b"a"),
        (KEY, blob[:20], b"a"),
    ]:
        with pytest.raises(DecryptionError):
            open_sealed(key, data, aad)


def test_decryption_error_is_a_value_error() -> None:
    assert issubclass(DecryptionError, ValueError)


def test_short_key_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="32-byte"):
        seal(b"short", b"x", b"")

from __future__ import annotations

import struct

import pytest

from reviewer_app.security import keyring
from reviewer_app.security.keyring import (
    CorruptKeyRingError,
    WrongPasswordError,
    needs_rewrap,
    new_master_key,
    unwrap_master_key,
    wrap_master_key,
)
from reviewer_app.security.passwords import Argon2Params


def test_master_key_is_32_random_bytes() -> None:
    assert len(new_master_key()) == 32
    assert new_master_key() != new_master_key()


def test_wrap_unwrap_round_trip_with_own_salt_per_wrap() -> None:
    master = new_master_key()
    a = wrap_master_key(master, "pw-a")
    b = wrap_master_key(master, "pw-a")
    assert a != b
    assert a.startswith(b"RAKW\x01")
    assert master not in a
    assert unwrap_master_key(a, "pw-a") == master == unwrap_master_key(b, "pw-a")
    assert not needs_rewrap(a)


def test_wrong_password_is_refused_with_a_user_message() -> None:
    wrapped = wrap_master_key(new_master_key(), "right")
    with pytest.raises(WrongPasswordError) as info:
        unwrap_master_key(wrapped, "wrong")
    assert info.value.code == "wrong_password"
    assert "パスワード" in info.value.message("ja")


def test_tampered_parameters_or_ciphertext_are_refused() -> None:
    wrapped = bytearray(wrap_master_key(new_master_key(), "pw"))
    params_changed = bytearray(wrapped)
    params_changed[12] ^= 1  # iterations: authenticated as associated data
    body_changed = bytearray(wrapped)
    body_changed[-5] ^= 1
    for blob in (params_changed, body_changed):
        with pytest.raises(WrongPasswordError):
            unwrap_master_key(bytes(blob), "pw")


@pytest.mark.parametrize(
    "blob", [b"", b"XXXX\x01" + b"\0" * 80, b"RAKW\x02" + b"\0" * 80, b"RAKW\x01\0\0"]
)
def test_malformed_blob_is_corrupt_not_wrong_password(blob: bytes) -> None:
    with pytest.raises(CorruptKeyRingError):
        unwrap_master_key(blob, "pw")


def test_the_product_wraps_at_rfc9106_second_recommendation(
        monkeypatch: pytest.MonkeyPatch) -> None:
    rfc = keyring.RFC9106_SECOND
    assert (rfc.memory_kib, rfc.iterations, rfc.lanes, rfc.salt_bytes) == (65536, 3, 4, 16)
    # tests/conftest.py lowers PARAMS for speed; put the product's value back for this test
    monkeypatch.setattr(keyring, "PARAMS", keyring.RFC9106_SECOND)
    master = new_master_key()
    wrapped = wrap_master_key(master, "pw")
    _magic, _version, memory_kib, iterations, lanes, salt_len = struct.unpack_from(
        ">4sBIIBB", wrapped)
    assert (memory_kib, iterations, lanes, salt_len) == (65536, 3, 4, 16)
    assert not needs_rewrap(wrapped)
    assert unwrap_master_key(wrapped, "pw") == master


def test_a_key_ring_at_the_old_owasp_settings_needs_rewrap(
        monkeypatch: pytest.MonkeyPatch) -> None:
    master = new_master_key()
    monkeypatch.setattr(keyring, "PARAMS", Argon2Params(19456, 2, 1))  # before issue 8
    old = wrap_master_key(master, "pw")
    monkeypatch.setattr(keyring, "PARAMS", keyring.RFC9106_SECOND)
    assert needs_rewrap(old)
    assert unwrap_master_key(old, "pw") == master  # still opens, so the sign-in can re-wrap

from __future__ import annotations

import pytest

from reviewer_app.security import passwords
from reviewer_app.security.passwords import hash_password, needs_rehash, verify_password


def test_hash_is_phc_argon2id_at_owasp_parameters() -> None:
    encoded = hash_password("correct horse")
    assert encoded.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert not needs_rehash(encoded)


def test_verify_right_and_wrong_password() -> None:
    encoded = hash_password("パスワード123!")
    assert verify_password("パスワード123!", encoded)
    assert not verify_password("パスワード123", encoded)


def test_same_password_gets_different_salts() -> None:
    assert hash_password("x") != hash_password("x")


def test_malformed_hash_never_verifies_and_needs_rehash() -> None:
    for bad in ["", "$argon2i$v=19$m=19456,t=2,p=1$AAAA$AAAA", "plain", "$argon2id$v=19$m=1,t=1"]:
        assert not verify_password("x", bad)
        assert needs_rehash(bad)


def test_weaker_parameters_need_rehash() -> None:
    encoded = hash_password("x").replace("t=2", "t=1")
    assert needs_rehash(encoded)
    assert not verify_password("x", encoded)  # the parameters are part of the hash


def test_absurd_parameters_are_refused_without_running(monkeypatch: pytest.MonkeyPatch) -> None:
    encoded = hash_password("x").replace("m=19456", "m=999999999")
    derivations: list[object] = []

    def spy(*args: object) -> bytes:
        derivations.append(args)
        return b""

    # A spy, not a stand-in: a tampered row must never make login run Argon2id at 1 TiB.
    monkeypatch.setattr(passwords, "derive", spy)
    assert not verify_password("x", encoded)
    assert derivations == []

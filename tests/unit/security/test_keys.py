from __future__ import annotations

import base64
import hashlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from reviewer_app.errors import UserError
from reviewer_app.security.keys import (
    KeyFormatError,
    generate_recipient_key,
    generate_signing_key,
    key_id,
    private_key_bytes,
    public_key_from_text,
    public_key_to_text,
    public_raw,
    recipient_key_from_bytes,
    signing_key_from_bytes,
)


def test_key_id_is_first_16_bytes_of_sha256_in_hex() -> None:
    pub = generate_signing_key().public_key()
    kid = key_id(pub)
    assert kid == hashlib.sha256(public_raw(pub)).digest()[:16].hex()
    assert len(kid) == 32 and kid == kid.lower()


def test_text_round_trip_for_both_kinds() -> None:
    signing = generate_signing_key().public_key()
    recipient = generate_recipient_key().public_key()
    s_text, r_text = public_key_to_text(signing), public_key_to_text(recipient)
    assert s_text.startswith("reviewer-app-ed25519 ") and "\n" not in s_text
    assert r_text.startswith("reviewer-app-x25519 ")
    s_back = public_key_from_text(s_text + "\n")
    r_back = public_key_from_text(r_text)
    assert isinstance(s_back, Ed25519PublicKey) and key_id(s_back) == key_id(signing)
    assert isinstance(r_back, X25519PublicKey) and key_id(r_back) == key_id(recipient)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "reviewer-app-ed25519",
        "ssh-ed25519 " + base64.b64encode(bytes(32)).decode(),
        "reviewer-app-ed25519 not*base64",
        "reviewer-app-x25519 " + base64.b64encode(bytes(31)).decode(),
        "reviewer-app-x25519 AAAA extra",
        "-----BEGIN PUBLIC KEY-----",
    ],
)
def test_bad_text_is_a_user_error_in_both_languages(text: str) -> None:
    with pytest.raises(KeyFormatError) as info:
        public_key_from_text(text)
    assert isinstance(info.value, UserError)
    assert "公開鍵" in info.value.message("ja")
    assert "public key" in info.value.message("en")


def test_private_bytes_round_trip() -> None:
    signing, recipient = generate_signing_key(), generate_recipient_key()
    s_raw, r_raw = private_key_bytes(signing), private_key_bytes(recipient)
    assert len(s_raw) == len(r_raw) == 32
    assert key_id(signing_key_from_bytes(s_raw).public_key()) == key_id(signing.public_key())
    assert key_id(recipient_key_from_bytes(r_raw).public_key()) == key_id(recipient.public_key())

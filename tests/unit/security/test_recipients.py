from __future__ import annotations

import base64
import os

import pytest

from reviewer_app.bundle.schema import Recipient
from reviewer_app.security.aead import DecryptionError
from reviewer_app.security.keys import generate_recipient_key, key_id
from reviewer_app.security.recipients import ALG


def test_right_recipient_unwraps() -> None:
    private = generate_recipient_key()
    bundle_key = os.urandom(32)
    entry = Recipient.wrapping(bundle_key, private.public_key())
    assert entry.alg == ALG
    assert entry.key_id == key_id(private.public_key())
    assert len(base64.b64decode(entry.wrapped_key)) == 60
    assert entry.unwrap(private) == bundle_key


def test_wrong_recipient_cannot_unwrap_even_with_edited_key_id() -> None:
    entry = Recipient.wrapping(os.urandom(32), generate_recipient_key().public_key())
    other = generate_recipient_key()
    with pytest.raises(DecryptionError):
        entry.unwrap(other)
    edited = entry.model_copy(update={"key_id": key_id(other.public_key())})
    with pytest.raises(DecryptionError):
        edited.unwrap(other)


def test_tampered_or_malformed_entry_is_refused() -> None:
    private = generate_recipient_key()
    entry = Recipient.wrapping(os.urandom(32), private.public_key())
    raw = bytearray(base64.b64decode(entry.wrapped_key))
    raw[20] ^= 1
    for update in [
        {"wrapped_key": base64.b64encode(bytes(raw)).decode()},
        {"wrapped_key": "AAAA"},
        {"ephemeral_public_key": base64.b64encode(bytes(32)).decode()},  # low-order point
        {"ephemeral_public_key": "AAAA"},
    ]:
        with pytest.raises(DecryptionError):
            entry.model_copy(update=update).unwrap(private)

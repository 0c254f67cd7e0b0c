"""Each user's own keys (issue 8): an Ed25519 key that signs what they decide, and an X25519 key
to which the workspace master key is sealed.

Both private keys travel together as 64 bytes (Ed25519 seed ‖ X25519 private key), wrapped under
the user's password (security.keyring, version 2); the public halves are stored in clear and
certified by an administrator's signed grant (services.authority). The master key of epoch E is
sealed to user U's X25519 key as a box (security.boxes) whose associated data names U and E, so a
box cannot be moved to another user or epoch.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from reviewer_app.security import keyring
from reviewer_app.security.boxes import open_sealed_box, seal_box
from reviewer_app.security.keys import (
    key_id,
    private_key_bytes,
    public_raw,
    recipient_key_from_bytes,
    signing_key_from_bytes,
)

_MASTER_INFO = b"reviewer-app master key to user v1"


@dataclass(frozen=True)
class UserKeys:
    sign: Ed25519PrivateKey
    box: X25519PrivateKey

    @classmethod
    def generate(cls) -> UserKeys:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @property
    def sign_public(self) -> bytes:
        return public_raw(self.sign.public_key())

    @property
    def box_public(self) -> bytes:
        return public_raw(self.box.public_key())

    @property
    def key_id(self) -> str:
        """The signing key's id (security.keys.key_id): what signatures name."""
        return key_id(self.sign.public_key())

    def wrap(self, password: str) -> bytes:
        return keyring.wrap_user_secret(
            private_key_bytes(self.sign) + private_key_bytes(self.box), password)

    @classmethod
    def unwrap(cls, wrapped: bytes, password: str) -> UserKeys:
        """Raises keyring.WrongPasswordError or CorruptKeyRingError."""
        raw = keyring.unwrap_user_secret(wrapped, password)
        return cls(signing_key_from_bytes(raw[:32]), recipient_key_from_bytes(raw[32:]))


def _aad(user_id: int, epoch: int) -> bytes:
    return f"master-key:user:{user_id}:epoch:{epoch}".encode()


def seal_master_key(master_key: bytes, box_public: bytes, *, user_id: int, epoch: int) -> bytes:
    return seal_box(X25519PublicKey.from_public_bytes(box_public), master_key,
                    info=_MASTER_INFO, aad=_aad(user_id, epoch))


def open_master_key(box: X25519PrivateKey, sealed: bytes, *, user_id: int, epoch: int) -> bytes:
    """Raises aead.DecryptionError when the box is not this user's for this epoch."""
    return open_sealed_box(box, sealed, info=_MASTER_INFO, aad=_aad(user_id, epoch))


def sign_public_key(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)

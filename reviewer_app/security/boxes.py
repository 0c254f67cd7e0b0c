"""Sealing a secret to an X25519 public key: ephemeral X25519 + HKDF-SHA256 + AES-256-GCM.

For a recipient public key R the sender makes an ephemeral key pair (e, E)::

    shared = X25519(e, R)
    kek    = HKDF-SHA256(ikm=shared, salt=E ‖ R, info=INFO, L=32)
    sealed = AES-256-GCM(kek, random nonce, secret, aad=AAD)

``INFO`` and ``AAD`` name the purpose, so a box made for one use never opens in another. The
bundle format's key wrap (security.recipients, docs/bundle-format.md) is this with its own
``INFO`` and the recipient's key id as ``AAD``; the workspace master key is sealed the same way to
each user's own key (security.userkeys).
"""

from __future__ import annotations

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer_app.security import aead
from reviewer_app.security.keys import public_raw

PUBLIC_BYTES = 32


def _kek(shared: bytes, ephemeral_pub: bytes, recipient_pub: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=aead.KEY_BYTES,
                salt=ephemeral_pub + recipient_pub, info=info).derive(shared)


def seal_to(recipient: X25519PublicKey, secret: bytes, *, info: bytes,
            aad: bytes) -> tuple[bytes, bytes]:
    """``(ephemeral public key, nonce ‖ ciphertext ‖ tag)`` that only ``recipient`` opens."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_pub = public_raw(ephemeral.public_key())
    kek = _kek(ephemeral.exchange(recipient), ephemeral_pub, public_raw(recipient), info)
    return ephemeral_pub, aead.seal(kek, secret, aad)


def open_box(private: X25519PrivateKey, ephemeral_pub: bytes, sealed: bytes, *, info: bytes,
             aad: bytes) -> bytes:
    """The secret; raises :class:`aead.DecryptionError` if the box is not for ``private``."""
    if len(ephemeral_pub) != PUBLIC_BYTES:
        raise aead.DecryptionError("the ephemeral key has the wrong length")
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_pub))
    except ValueError:  # a low-order ephemeral point gives an all-zero secret
        raise aead.DecryptionError("the box has an invalid ephemeral key") from None
    kek = _kek(shared, ephemeral_pub, public_raw(private.public_key()), info)
    return aead.open_sealed(kek, sealed, aad)


def seal_box(recipient: X25519PublicKey, secret: bytes, *, info: bytes, aad: bytes) -> bytes:
    """:func:`seal_to` as one blob: ephemeral public key (32 bytes) ‖ sealed secret."""
    ephemeral_pub, sealed = seal_to(recipient, secret, info=info, aad=aad)
    return ephemeral_pub + sealed


def open_sealed_box(private: X25519PrivateKey, blob: bytes, *, info: bytes, aad: bytes) -> bytes:
    return open_box(private, blob[:PUBLIC_BYTES], blob[PUBLIC_BYTES:], info=info, aad=aad)

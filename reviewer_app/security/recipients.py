"""The bundle key wrapped for each recipient workspace: X25519 + HKDF-SHA256 + AES-256-GCM.

For a recipient public key R (32 raw bytes) the exporter makes an ephemeral X25519 key pair (e, E)
and computes::

    shared = X25519(e, R)
    kek    = HKDF-SHA256(ikm=shared, salt=E ‖ R, info=b"reviewer-app-bundle-v1 key wrap", L=32)
    wrapped_key = AES-256-GCM(kek, nonce=random 12 bytes, plaintext=bundle_key,
                              aad=key_id(R) as 32 ASCII hex digits)  -> nonce ‖ ct ‖ tag (60 B)

This is the classic ECIES shape, spelled out so an exporter in any language can build it with
plain primitives; we do not use HPKE (RFC 9180) because not every exporter stack offers it.
"""

from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from reviewer_app.security import aead
from reviewer_app.security.boxes import open_box, seal_to
from reviewer_app.security.keys import key_id

ALG = "X25519-HKDF-SHA256-A256GCM"
HKDF_INFO = b"reviewer-app-bundle-v1 key wrap"
BUNDLE_KEY_BYTES = 32


@dataclass(frozen=True)
class WrappedKey:
    """One recipient's entry, as raw bytes (the bundle formats carry it in base64)."""

    key_id: str
    ephemeral_public_key: bytes
    wrapped_key: bytes


def wrap_bundle_key(bundle_key: bytes, recipient_public: X25519PublicKey) -> WrappedKey:
    """The entry that lets the holder of ``recipient_public``'s key open the bundle."""
    if len(bundle_key) != BUNDLE_KEY_BYTES:
        raise ValueError("a bundle key is 32 bytes")
    kid = key_id(recipient_public)
    ephemeral_pub, wrapped = seal_to(recipient_public, bundle_key, info=HKDF_INFO,
                                     aad=kid.encode("ascii"))
    return WrappedKey(kid, ephemeral_pub, wrapped)


def unwrap_bundle_key(ephemeral_pub: bytes, wrapped: bytes, private: X25519PrivateKey) -> bytes:
    """The bundle key; raises :class:`aead.DecryptionError` if it is not for ``private``."""
    if len(wrapped) != aead.OVERHEAD + BUNDLE_KEY_BYTES:
        raise aead.DecryptionError("recipient entry has the wrong length")
    # The aad is our own key id, not the one written in the entry: an entry for another key
    # cannot open here even if its key_id field was edited to match.
    return open_box(private, ephemeral_pub, wrapped, info=HKDF_INFO,
                    aad=key_id(private.public_key()).encode("ascii"))

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

import base64
import binascii

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from reviewer_app.bundle import schema
from reviewer_app.security import aead
from reviewer_app.security.keys import key_id, public_raw

ALG = "X25519-HKDF-SHA256-A256GCM"
HKDF_INFO = b"reviewer-app-bundle-v1 key wrap"
BUNDLE_KEY_BYTES = 32


def _kek(shared: bytes, ephemeral_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(),
        length=aead.KEY_BYTES,
        salt=ephemeral_pub + recipient_pub,
        info=HKDF_INFO,
    ).derive(shared)


def wrap_bundle_key(bundle_key: bytes, recipient_public: X25519PublicKey) -> schema.Recipient:
    """The manifest entry that lets the holder of ``recipient_public``'s key open the bundle."""
    if len(bundle_key) != BUNDLE_KEY_BYTES:
        raise ValueError("a bundle key is 32 bytes")
    ephemeral = X25519PrivateKey.generate()
    ephemeral_pub = public_raw(ephemeral.public_key())
    recipient_pub = public_raw(recipient_public)
    kid = key_id(recipient_public)
    kek = _kek(ephemeral.exchange(recipient_public), ephemeral_pub, recipient_pub)
    return schema.Recipient(
        key_id=kid,
        alg=ALG,
        ephemeral_public_key=base64.b64encode(ephemeral_pub).decode("ascii"),
        wrapped_key=base64.b64encode(aead.seal(kek, bundle_key, kid.encode("ascii"))).decode(
            "ascii"
        ),
    )


def unwrap_bundle_key(recipient: schema.Recipient, private: X25519PrivateKey) -> bytes:
    """The bundle key; raises :class:`aead.DecryptionError` if it is not for ``private``."""
    try:
        ephemeral_pub = base64.b64decode(recipient.ephemeral_public_key, validate=True)
        wrapped = base64.b64decode(recipient.wrapped_key, validate=True)
    except (binascii.Error, ValueError):
        raise aead.DecryptionError("recipient entry is not valid base64") from None
    if len(ephemeral_pub) != 32 or len(wrapped) != aead.OVERHEAD + BUNDLE_KEY_BYTES:
        raise aead.DecryptionError("recipient entry has the wrong length")
    public = private.public_key()
    try:
        shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral_pub))
    except ValueError:  # a low-order ephemeral point gives an all-zero secret
        raise aead.DecryptionError("recipient entry has an invalid ephemeral key") from None
    kek = _kek(shared, ephemeral_pub, public_raw(public))
    # The aad is our own key id, not the one written in the entry: an entry for another key
    # cannot open here even if its key_id field was edited to match.
    return aead.open_sealed(kek, wrapped, key_id(public).encode("ascii"))

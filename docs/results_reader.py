"""Reference reader of a reviewer-app **results bundle** (docs/bundle-format.md, part II).

For the web system's developers: it needs only the Python standard library and ``cryptography``,
and shows every check a reader must make, in order. ``tests/integration/test_results_export.py``
runs it on real exports.

    python docs/results_reader.py RESULTS.zip WEB_PRIVATE_KEY_FILE RESULTS_SIGNER_PUB

``WEB_PRIVATE_KEY_FILE`` holds the web system's raw 32-byte X25519 private key;
``RESULTS_SIGNER_PUB`` is the workspace's ``results-signer.pub`` (one line,
``reviewer-app-ed25519 <base64>``). It prints the results as JSON.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
import zipfile

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

RAW = (serialization.Encoding.Raw, serialization.PublicFormat.Raw)
OBJECT_NAME = re.compile(r"^objects/[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


class ResultsError(Exception):
    pass


def key_id(raw_public: bytes) -> str:
    return hashlib.sha256(raw_public).hexdigest()[:32]


def parse_public_key(line: str, prefix: str) -> bytes:
    parts = line.strip().split(" ")
    if len(parts) != 2 or parts[0] != prefix:
        raise ResultsError(f"not a {prefix} key line")
    raw = base64.b64decode(parts[1], validate=True)
    if len(raw) != 32:
        raise ResultsError("a public key is 32 bytes")
    return raw


def unwrap(recipient: dict[str, str], private: X25519PrivateKey) -> bytes:
    """X25519-HKDF-SHA256-A256GCM, the same construction as the export bundle (part I, §5)."""
    ephemeral = base64.b64decode(recipient["ephemeral_public_key"], validate=True)
    wrapped = base64.b64decode(recipient["wrapped_key"], validate=True)
    own = private.public_key().public_bytes(*RAW)
    shared = private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + own,
               info=b"reviewer-app-bundle-v1 key wrap").derive(shared)
    return AESGCM(kek).decrypt(wrapped[:12], wrapped[12:], key_id(own).encode("ascii"))


def read(path: str, web_private_raw: bytes, signer_public_raw: bytes) -> dict[str, object]:
    """The verified manifest and every dependent's result: ``{"manifest": …, "results": […]}``."""
    private = X25519PrivateKey.from_private_bytes(web_private_raw)
    with zipfile.ZipFile(path) as zf:
        names = [i.orig_filename for i in zf.infolist()]
        if len(names) != len(set(names)):
            raise ResultsError("duplicate entry")
        for info in zf.infolist():
            name = info.orig_filename
            if name not in ("manifest.json", "manifest.sig") and not OBJECT_NAME.match(name):
                raise ResultsError(f"unexpected entry {name!r}")
            if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 1:
                raise ResultsError(f"entry {name!r} is compressed or encrypted")
        manifest_bytes = zf.read("manifest.json")
        signature = zf.read("manifest.sig")
        # 1. the signature, before anything is trusted or decrypted
        try:
            Ed25519PublicKey.from_public_bytes(signer_public_raw).verify(signature,
                                                                         manifest_bytes)
        except InvalidSignature:
            raise ResultsError("the manifest's signature does not verify") from None
        manifest = json.loads(manifest_bytes)
        if manifest.get("format") != "reviewer-app-results" or manifest.get("version") != 1:
            raise ResultsError("not a results bundle of version 1")
        if manifest["signer_key_id"] != key_id(signer_public_raw):
            raise ResultsError("signed by another key than the one named")
        # 2. the bundle key, wrapped for this web system
        own = key_id(private.public_key().public_bytes(*RAW))
        mine = [r for r in manifest["recipients"] if r["key_id"] == own]
        if not mine:
            raise ResultsError("the bundle is not addressed to this key")
        try:
            bundle_key = unwrap(mine[0], private)
        except InvalidTag:
            raise ResultsError("the bundle key does not open") from None
        # 3. every object: size and hash as signed, then AES-256-GCM with its id as aad
        listed = {"objects/" + o["object_id"] for o in manifest["objects"]}
        present = {n for n in names if n.startswith("objects/")}
        if listed != present:
            raise ResultsError("the objects in the zip differ from the manifest's list")
        results: list[object] = []
        for entry in manifest["objects"]:
            sealed = zf.read("objects/" + entry["object_id"])
            if len(sealed) != entry["size"]:
                raise ResultsError(f"object {entry['object_id']}: wrong size")
            if hashlib.sha256(sealed).hexdigest() != entry["sha256"]:
                raise ResultsError(f"object {entry['object_id']}: wrong hash")
            plain = AESGCM(bundle_key).decrypt(sealed[:12], sealed[12:],
                                               entry["object_id"].encode("ascii"))
            results.extend(json.loads(plain)["results"])
        if len(results) != manifest["dependents"]:
            raise ResultsError("the number of results differs from the manifest's")
    return {"manifest": manifest, "results": results}


def main(argv: list[str]) -> int:
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[2], "rb") as fh:
        web_private = fh.read()
    with open(argv[3], encoding="utf-8") as fh:
        signer = parse_public_key(fh.read(), "reviewer-app-ed25519")
    try:
        opened = read(argv[1], web_private, signer)
    except ResultsError as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 1
    json.dump(opened, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

"""Write a bundle (``docs/bundle-format.md``): used by ``sample-bundle``, the tests and the docs.

The web system has its own exporter; this one is the reference. Objects are sealed and written as
they are added, so memory holds one object at a time; the manifest and its signature are written
on :meth:`BundleWriter.close`.

Tests that need a *defective* bundle use the hooks of :class:`Tamper` (edit the manifest before or
after signing, sign with another key, leave out entries) and :meth:`BundleWriter.write_raw_entry`
/ :meth:`BundleWriter.add_object`; ``tests/helpers_bundles.py`` wraps them per rejection code.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import warnings
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from reviewer_app.bundle import schema
from reviewer_app.security import aead
from reviewer_app.security.keys import key_id
from reviewer_app.security.recipients import BUNDLE_KEY_BYTES

MANIFEST_NAME = "manifest.json"
SIGNATURE_NAME = "manifest.sig"
OBJECTS_PREFIX = "objects/"
_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")


@dataclass
class Tamper:
    """Ways to make a defective bundle on purpose (tests only; all off by default)."""

    # Edit the manifest as a JSON object before it is serialised and signed.
    manifest_json: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # Replace the serialised manifest bytes before signing (e.g. not JSON at all).
    manifest_bytes: Callable[[bytes], bytes] | None = None
    # Change the manifest bytes after signing: the signature no longer matches.
    after_signing: Callable[[bytes], bytes] | None = None
    # Sign with this key instead (exporter_key_id still names the real signing key).
    sign_with: Ed25519PrivateKey | None = None
    omit_manifest: bool = False
    omit_signature: bool = False


def submission_object_id(submission: schema.Submission) -> str:
    """``s-<submission_id>-r<revision>``, or a hash of both when that would exceed 64 chars."""
    plain = f"s-{submission.submission_id}-r{submission.revision}"
    if len(plain) <= 64:
        return plain
    key = f"{submission.submission_id}\0{submission.revision}".encode()
    digest = hashlib.sha256(key).hexdigest()
    return f"s-{digest[:40]}-r{submission.revision}"


class BundleWriter:
    """A context manager writing one bundle file; see the module doc."""

    def __init__(
        self,
        path: Path,
        *,
        signing_key: Ed25519PrivateKey,
        recipients: Sequence[X25519PublicKey],
        insurer: schema.Insurer,
        survey: schema.Survey,
        bundle_id: str,
        created_at: datetime,
        tamper: Tamper | None = None,
    ) -> None:
        if not recipients:
            raise ValueError("a bundle needs at least one recipient")
        if not _ID_RE.match(bundle_id):
            raise ValueError(f"bundle id {bundle_id!r} does not match the Id pattern")
        if created_at.tzinfo is None:
            raise ValueError("created_at must carry a time zone")
        self.path = path
        self._signing_key = signing_key
        self._tamper = tamper or Tamper()
        self._bundle_key = os.urandom(BUNDLE_KEY_BYTES)
        self._head = {
            "format": schema.FORMAT_NAME,
            "version": schema.FORMAT_VERSION,
            "bundle_id": bundle_id,
            "created_at": created_at.isoformat(),
            "exporter_key_id": key_id(signing_key.public_key()),
            "insurer": insurer.model_dump(mode="json"),
            "survey": survey.model_dump(mode="json"),
            "recipients": [schema.Recipient.wrapping(self._bundle_key, r).model_dump()
                           for r in recipients],
        }
        self._objects: list[dict[str, Any]] = []
        self._ids: set[str] = set()
        # Zip timestamps are local-free wall time; the export time is as good as any and keeps
        # the container free of the writing machine's clock.
        self._date_time = created_at.timetuple()[:6]
        self._zip: zipfile.ZipFile | None = zipfile.ZipFile(
            path, "w", compression=zipfile.ZIP_STORED, allowZip64=True
        )

    # --- the normal path -------------------------------------------------------------------

    def add_file(self, object_id: str, data: bytes) -> None:
        """Seal and write one attached file (its bytes as uploaded)."""
        if len(data) > schema.MAX_FILE_BYTES:
            raise ValueError(f"file {object_id} is over {schema.MAX_FILE_BYTES} bytes")
        self.add_object(object_id, schema.ObjectKind.FILE, data)

    def add_submission(self, submission: schema.Submission) -> str:
        """Seal and write one submission as JSON; returns the object id chosen for it."""
        object_id = submission_object_id(submission)
        self.add_object(
            object_id, schema.ObjectKind.SUBMISSION, submission.model_dump_json().encode("utf-8")
        )
        return object_id

    def close(self) -> None:
        """Write ``manifest.json`` and ``manifest.sig`` and finish the zip (idempotent)."""
        if self._zip is None:
            return
        manifest = dict(self._head, objects=self._objects)
        if self._tamper.manifest_json is not None:
            manifest = self._tamper.manifest_json(manifest)
        data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        if self._tamper.manifest_bytes is not None:
            data = self._tamper.manifest_bytes(data)
        signature = (self._tamper.sign_with or self._signing_key).sign(data)
        if self._tamper.after_signing is not None:
            data = self._tamper.after_signing(data)
        if not self._tamper.omit_manifest:
            self.write_raw_entry(MANIFEST_NAME, data)
        if not self._tamper.omit_signature:
            self.write_raw_entry(SIGNATURE_NAME, signature)
        self._zip.close()
        self._zip = None

    def abort(self) -> None:
        """Close without a manifest and delete the partial file."""
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> BundleWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()

    # --- low-level hooks (sample generator and tests) --------------------------------------

    @property
    def bundle_key(self) -> bytes:
        """The bundle key (tests seal objects by hand with it)."""
        return self._bundle_key

    def add_object(
        self,
        object_id: str,
        kind: schema.ObjectKind,
        plaintext: bytes,
        *,
        aad: bytes | None = None,
        ciphertext: bytes | None = None,
        listed: bool = True,
        declared: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
        compress_type: int = zipfile.ZIP_STORED,
    ) -> None:
        """Seal ``plaintext`` (aad = the object id unless given) and write ``objects/<id>``.

        ``ciphertext`` replaces the sealed bytes as written; ``listed=False`` leaves the object
        out of the manifest; ``declared`` edits its manifest entry (size, sha256, kind …);
        ``compress_type`` other than STORED makes an entry the reader refuses.
        """
        if object_id in self._ids:
            raise ValueError(f"object id {object_id} used twice")
        if not _ID_RE.match(object_id):
            raise ValueError(f"object id {object_id!r} does not match the Id pattern")
        sealed = aead.seal(
            self._bundle_key, plaintext, object_id.encode("utf-8") if aad is None else aad
        )
        if ciphertext is not None:
            sealed = ciphertext
        self._ids.add(object_id)
        self.write_raw_entry(OBJECTS_PREFIX + object_id, sealed, compress_type=compress_type)
        if listed:
            entry: dict[str, Any] = {
                "object_id": object_id,
                "kind": str(kind),
                "size": len(sealed),
                "sha256": hashlib.sha256(sealed).hexdigest(),
            }
            self._objects.append(declared(entry) if declared else entry)

    def list_object(self, entry: dict[str, Any]) -> None:
        """Add a manifest entry with no zip entry behind it (or a second one for an id)."""
        self._objects.append(entry)

    def write_raw_entry(
        self, name: str, data: bytes, *, compress_type: int = zipfile.ZIP_STORED
    ) -> None:
        """Write a zip entry exactly as given: any name (duplicates too), any compression."""
        if self._zip is None:
            raise ValueError("the bundle is closed")
        info = zipfile.ZipInfo(name, date_time=self._date_time)
        info.compress_type = compress_type
        with warnings.catch_warnings():
            # zipfile warns on a duplicate name; tests write duplicates on purpose.
            warnings.simplefilter("ignore", UserWarning)
            self._zip.writestr(info, data)

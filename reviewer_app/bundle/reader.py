"""Open, verify and decrypt a bundle (``docs/bundle-format.md``, "What the importer checks").

:func:`open_bundle` checks the container, the entry names, the manifest's format and version,
the exporter's key and signature, the manifest's fields, the recipient and the object list
**before anything is decrypted**. :class:`BundleReader` then yields one submission or file at a
time, checking hash, decryption, fields and size of each, so memory stays flat in the bundle's
size: only the manifest and one object are held at once.

Every refusal is a :class:`~reviewer_app.bundle.errors.BundleError`: these are the bundle's
**integrity** (issue 9). A file's **contents** (its type, a damaged or password-protected upload,
too many pixels) are no reason to refuse a bundle: the importer checks them with
:mod:`reviewer_app.render.inspect` and keeps such a file quarantined.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from pydantic import BaseModel, ValidationError

from reviewer_app.bundle import schema
from reviewer_app.bundle.errors import BundleError
from reviewer_app.bundle.writer import MANIFEST_NAME, OBJECTS_PREFIX, SIGNATURE_NAME
from reviewer_app.security import aead
from reviewer_app.security.keys import key_id

_OBJECT_ENTRY_RE = re.compile(r"^objects/[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_SIGNATURE_BYTES = 64
# 1,000,000 objects at about 150 bytes each, with room to spare; anything larger is refused
# before it is read.
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
MAX_OBJECT_BYTES = schema.MAX_FILE_BYTES + aead.OVERHEAD
_MAX_ENTRIES = 1_000_000 + 2


def json_path(loc: tuple[int | str, ...]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(root)"


def _invalid(subject: str, error: ValidationError) -> BundleError:
    first = error.errors(include_url=False, include_input=False)[0]
    path = json_path(tuple(first["loc"]))
    return BundleError(
        "invalid_field", subject, detail=f"{path}: {first['msg']}", field_path=path
    )


def _validate(model: type[BaseModel], data: bytes, subject: str) -> Any:
    try:
        return model.model_validate_json(data)
    except ValidationError as error:
        raise _invalid(subject, error) from None


class BundleReader:
    """A verified bundle; made by :func:`open_bundle`. Use as a context manager or ``close()``."""

    def __init__(
        self,
        zf: zipfile.ZipFile,
        manifest: schema.Manifest,
        bundle_key: bytes,
        entries: dict[str, zipfile.ZipInfo],
    ) -> None:
        self._zip = zf
        self.manifest = manifest
        self._bundle_key = bundle_key
        self._entries = entries
        self._objects = {o.object_id: o for o in manifest.objects}

    @property
    def total_bytes(self) -> int:
        """The ciphertext bytes of every object (the import summary's "bytes")."""
        return sum(o.size for o in self.manifest.objects)


    def iter_submissions(self) -> Iterator[tuple[str, schema.Submission]]:
        """Each submission with its object id, in manifest order, decrypted and validated."""
        for entry in self.manifest.objects:
            if entry.kind is not schema.ObjectKind.SUBMISSION:
                continue
            plaintext = self._open_object(entry)
            submission: schema.Submission = _validate(
                schema.Submission, plaintext, entry.object_id
            )
            for file_id in submission.file_ids():
                target = self._objects.get(file_id)
                if target is None or target.kind is not schema.ObjectKind.FILE:
                    raise BundleError(
                        "missing_object",
                        file_id,
                        detail=f"referred to by submission {entry.object_id}",
                        detail_ja=f"提出 {entry.object_id} から参照",
                    )
            yield entry.object_id, submission

    def read_file(self, object_id: str) -> bytes:
        """The plaintext of one attached file, its integrity checked (size, hash, decryption).

        Its contents are not judged here: see the module doc.
        """
        entry = self._objects.get(object_id)
        if entry is None or entry.kind is not schema.ObjectKind.FILE:
            raise BundleError("missing_object", object_id, detail="no file object with this id")
        data = self._open_object(entry)
        if len(data) > schema.MAX_FILE_BYTES:  # unreachable through a valid manifest; belt+braces
            raise BundleError("file_too_large", object_id, detail=f"{len(data)} bytes")
        return data

    def _open_object(self, entry: schema.ObjectEntry) -> bytes:
        name = OBJECTS_PREFIX + entry.object_id
        sealed = _read_entry(self._zip, self._entries[name], entry.size)
        if not hmac.compare_digest(hashlib.sha256(sealed).hexdigest(), entry.sha256):
            raise BundleError("hash_mismatch", entry.object_id)
        try:
            return aead.open_sealed(self._bundle_key, sealed, entry.object_id.encode("utf-8"))
        except aead.DecryptionError:
            raise BundleError("decrypt_failed", entry.object_id) from None

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> BundleReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _read_entry(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Read one entry, never more than ``limit`` bytes; CRC and truncation -> corrupt_zip."""
    try:
        with zf.open(info) as stream:
            data = stream.read(limit + 1)
            if len(data) <= limit:
                stream.read(1)  # reach EOF so zipfile checks the CRC
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise BundleError("corrupt_zip", info.filename, detail=str(error)[:200]) from None
    if len(data) > limit:
        raise BundleError("size_mismatch", info.filename.removeprefix(OBJECTS_PREFIX))
    return data


def _check_entries(zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > _MAX_ENTRIES:
        raise BundleError("corrupt_zip", "(zip)", detail=f"{len(infos)} entries")
    entries: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.orig_filename
        allowed = name in (MANIFEST_NAME, SIGNATURE_NAME) or _OBJECT_ENTRY_RE.match(name)
        # zipfile cuts a name at a NUL byte: compare with the name as stored, too.
        if not allowed or name != info.filename:
            raise BundleError("unsafe_entry_name", name[:200])
        if name in entries:
            raise BundleError("unsafe_entry_name", name, detail="duplicate entry")
        if info.compress_type != zipfile.ZIP_STORED or info.flag_bits & 0x1:
            # Stored entries only: no decompression bombs, no zip encryption.
            raise BundleError(
                "corrupt_zip", name, detail="entry is compressed or encrypted, must be stored"
            )
        entries[name] = info
    for required in (MANIFEST_NAME, SIGNATURE_NAME):
        if required not in entries:
            raise BundleError("missing_entry", required)
    return entries


def _check_header(raw: dict[str, Any], trusted: Mapping[str, Ed25519PublicKey]) -> Ed25519PublicKey:
    """Format, version and signer from the still-unverified JSON, checked field by field."""
    if raw.get("format") != schema.FORMAT_NAME:
        raise BundleError("unknown_format", MANIFEST_NAME, detail=f"format {raw.get('format')!r}")
    version = raw.get("version")
    if version != schema.FORMAT_VERSION or isinstance(version, bool):
        raise BundleError(
            "unsupported_version",
            MANIFEST_NAME,
            detail=f"version {str(version)[:20]}, supported {schema.FORMAT_VERSION}",
        )
    exporter = raw.get("exporter_key_id")
    public = trusted.get(exporter) if isinstance(exporter, str) else None
    # The pinned key must really have that id, so a mislabelled pin cannot vouch for a bundle.
    if public is None or key_id(public) != exporter:
        raise BundleError(
            "untrusted_exporter", MANIFEST_NAME, detail=f"exporter key id {str(exporter)[:40]}"
        )
    return public


def _check_sizes(raw: dict[str, Any]) -> None:
    """A file over the limit gets its own code, before the schema's size bound would say field."""
    objects = raw.get("objects")
    for obj in objects if isinstance(objects, list) else []:
        if not isinstance(obj, dict):
            continue
        size, object_id = obj.get("size"), obj.get("object_id")
        if isinstance(size, int) and isinstance(object_id, str) and size > MAX_OBJECT_BYTES:
            raise BundleError(
                "file_too_large",
                object_id[:64],
                detail=f"{size - aead.OVERHEAD:,} bytes, limit {schema.MAX_FILE_BYTES:,}",
                detail_ja=f"{size - aead.OVERHEAD:,} バイト、上限 {schema.MAX_FILE_BYTES:,}",
            )


def _check_objects(manifest: schema.Manifest, entries: dict[str, zipfile.ZipInfo]) -> None:
    seen: set[str] = set()
    for obj in manifest.objects:
        if obj.object_id in seen:
            raise BundleError("duplicate_object", obj.object_id)
        seen.add(obj.object_id)
        info = entries.get(OBJECTS_PREFIX + obj.object_id)
        if info is None:
            raise BundleError("missing_entry", OBJECTS_PREFIX + obj.object_id)
        if info.file_size != obj.size:
            raise BundleError(
                "size_mismatch",
                obj.object_id,
                detail=f"manifest {obj.size}, entry {info.file_size}",
                detail_ja=f"マニフェスト {obj.size}、実際 {info.file_size}",
            )
    for name in entries:
        if name.startswith(OBJECTS_PREFIX) and name.removeprefix(OBJECTS_PREFIX) not in seen:
            raise BundleError("unsafe_entry_name", name, detail="not listed in the manifest")


def open_bundle(
    path: Path,
    *,
    trusted_signers: Mapping[str, Ed25519PublicKey],
    recipient_key: X25519PrivateKey,
) -> BundleReader:
    """Verify everything that can be verified without decrypting an object; see module doc.

    ``trusted_signers`` maps key id -> pinned exporter key.
    """
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise BundleError("corrupt_zip", path.name, detail=str(error)[:200]) from None
    try:
        reader = _open(zf, trusted_signers, recipient_key)
    except BaseException:
        zf.close()
        raise
    return reader


def _open(
    zf: zipfile.ZipFile,
    trusted_signers: Mapping[str, Ed25519PublicKey],
    recipient_key: X25519PrivateKey,
) -> BundleReader:
    entries = _check_entries(zf)
    if entries[MANIFEST_NAME].file_size > MAX_MANIFEST_BYTES:
        raise BundleError("file_too_large", MANIFEST_NAME)
    if entries[SIGNATURE_NAME].file_size != _SIGNATURE_BYTES:
        raise BundleError("bad_signature", MANIFEST_NAME, detail="signature is not 64 bytes")
    manifest_bytes = _read_entry(zf, entries[MANIFEST_NAME], MAX_MANIFEST_BYTES)
    signature = _read_entry(zf, entries[SIGNATURE_NAME], _SIGNATURE_BYTES)
    try:
        raw = json.loads(manifest_bytes)
    except (ValueError, RecursionError):
        raise BundleError("unknown_format", MANIFEST_NAME, detail="not JSON") from None
    if not isinstance(raw, dict):
        raise BundleError("unknown_format", MANIFEST_NAME, detail="not a JSON object")
    signer = _check_header(raw, trusted_signers)
    try:
        signer.verify(signature, manifest_bytes)
    except InvalidSignature:
        raise BundleError("bad_signature", MANIFEST_NAME) from None
    # From here on the manifest is the exporter's own words; still validate every field.
    _check_sizes(raw)
    del raw
    manifest: schema.Manifest = _validate(schema.Manifest, manifest_bytes, MANIFEST_NAME)
    own_id = key_id(recipient_key.public_key())
    mine = [r for r in manifest.recipients if r.key_id == own_id]
    if not mine:
        raise BundleError("not_addressed", MANIFEST_NAME, detail=f"recipient key id {own_id}")
    try:
        bundle_key = mine[0].unwrap(recipient_key)
    except aead.DecryptionError:
        raise BundleError("decrypt_failed", MANIFEST_NAME, detail="bundle key") from None
    _check_objects(manifest, entries)
    return BundleReader(zf, manifest, bundle_key, entries)

"""The results bundle, format version 1: the workspace's decisions and notices back to the web
system (``docs/bundle-format.md``, part II).

The container and the cryptography are those of the export bundle, turned around: a ZIP of STORED
entries ``manifest.json``, ``manifest.sig`` and ``objects/<id>``; each object sealed with
AES-256-GCM under a fresh bundle key with its object id as associated data; the bundle key
wrapped for the web system's X25519 key (X25519-HKDF-SHA256-A256GCM); the manifest signed with
the workspace's Ed25519 results key. Each object holds up to :data:`RESULTS_PER_OBJECT`
dependents' results as JSON (:class:`ResultsChunk`).

:class:`ResultsWriter` writes one; :func:`read_results` verifies and opens one (the tests and
``sample-bundle --answer`` play the web system with it; ``docs/results_reader.py`` is the
standalone reference that needs only ``cryptography``).
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Literal, TypeVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from pydantic import Field, StringConstraints, ValidationError

from reviewer_app.bundle.errors import BundleError
from reviewer_app.bundle.schema import (
    AwareDateTime,
    Id,
    LongText,
    Recipient,
    Sha256Hex,
    ShortText,
    _Model,
)
from reviewer_app.bundle.writer import MANIFEST_NAME, OBJECTS_PREFIX, SIGNATURE_NAME
from reviewer_app.security import aead
from reviewer_app.security.keys import key_id
from reviewer_app.security.recipients import BUNDLE_KEY_BYTES

RESULTS_FORMAT = "reviewer-app-results"
RESULTS_VERSION = 1
RESULTS_PER_OBJECT = 500
MAX_OBJECT_BYTES = 16 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
_M = TypeVar("_M", bound=_Model)
KeyId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]


class ResultStatus(StrEnum):
    IN_REVIEW = "in_review"  # 審査中 (also: not started, awaiting approval)
    NOTICE_SENT = "notice_sent"  # 不備連絡中: the member is asked to upload again
    CONTINUED = "continued"  # 継続
    EXCLUDED = "excluded"  # 除外, with the approved exclusion date
    RECERTIFIED = "recertified"  # 除外 and 再認定 from a later date


class NoticeItemResult(_Model):
    document_id: Id
    title: ShortText
    reason: Annotated[str, StringConstraints(pattern=r"^[a-z_]{1,32}$")]  # a DeficiencyReason
    reason_text: LongText  # how the letter words it for the member
    what_to_submit: LongText
    note: LongText = ""


class UploadAgain(_Model):
    document_id: Id
    title: ShortText


class NoticeResult(_Model):
    notice_id: Annotated[int, Field(ge=1)]
    issued_on: date
    reply_deadline: date
    reply_deadline_wareki: ShortText  # 令和6年10月31日
    message: Annotated[str, StringConstraints(max_length=4000)] = ""
    items: Annotated[list[NoticeItemResult], Field(min_length=1, max_length=100)]
    upload_again: Annotated[list[UploadAgain], Field(max_length=100)]
    answered_at: AwareDateTime | None = None


class DependentResult(_Model):
    survey_id: Id
    member_id: Id
    submission_id: Id
    dependent_id: Id
    reviewed_revision: Annotated[int, Field(ge=1)]
    status: ResultStatus
    exclusion_date: date | None = None
    recertification_date: date | None = None
    decided_at: AwareDateTime | None = None  # the approval, for continued / excluded
    notices: Annotated[list[NoticeResult], Field(default_factory=list, max_length=100)]
    # the member answered on a paper survey (issue 14): the society mails them letters (書類不備の
    # お知らせ and the others); the web system must not e-mail them
    answered_on_paper: bool = False


class ResultsChunk(_Model):
    """The plaintext of one ``kind: "results"`` object."""

    results: Annotated[list[DependentResult], Field(max_length=RESULTS_PER_OBJECT)]


class ResultsObject(_Model):
    object_id: Id
    kind: Literal["results"]
    size: Annotated[int, Field(ge=28, le=MAX_OBJECT_BYTES)]
    sha256: Sha256Hex


class ResultsManifest(_Model):
    format: Literal["reviewer-app-results"]
    version: Literal[1]
    bundle_id: Id
    created_at: AwareDateTime
    workspace_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    signer_key_id: KeyId  # the workspace's Ed25519 results key
    sequence: Annotated[int, Field(ge=1)]
    full: bool  # True: every dependent again (--all); False: changes since sequence - 1
    dependents: Annotated[int, Field(ge=0)]
    recipients: Annotated[list[Recipient], Field(min_length=1, max_length=8)]
    objects: Annotated[list[ResultsObject], Field(max_length=100_000)]


def results_bundle_id(workspace_id: str, sequence: int) -> str:
    return f"results-{workspace_id[:12]}-{sequence:06d}"


class ResultsWriter:
    """Writes one results bundle into an open binary file (the caller makes it atomic)."""

    def __init__(self, out: IO[bytes], *, signing_key: Ed25519PrivateKey,
                 recipient: X25519PublicKey, workspace_id: str, sequence: int, full: bool,
                 created_at: datetime) -> None:
        import os

        self._zip = zipfile.ZipFile(out, "w", compression=zipfile.ZIP_STORED, allowZip64=True)
        self._signing_key = signing_key
        self._bundle_key = os.urandom(BUNDLE_KEY_BYTES)
        self._date_time = created_at.timetuple()[:6]
        self._objects: list[dict[str, object]] = []
        self._pending: list[DependentResult] = []
        self.dependents = 0
        self._head = {
            "format": RESULTS_FORMAT, "version": RESULTS_VERSION,
            "bundle_id": results_bundle_id(workspace_id, sequence),
            "created_at": created_at.isoformat(), "workspace_id": workspace_id,
            "signer_key_id": key_id(signing_key.public_key()), "sequence": sequence,
            "full": full,
            "recipients": [Recipient.wrapping(self._bundle_key, recipient).model_dump()],
        }

    @property
    def bundle_id(self) -> str:
        return str(self._head["bundle_id"])

    def add(self, result: DependentResult) -> None:
        self._pending.append(result)
        self.dependents += 1
        if len(self._pending) >= RESULTS_PER_OBJECT:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        object_id = f"results-{len(self._objects) + 1:05d}"
        plaintext = ResultsChunk(results=self._pending).model_dump_json().encode("utf-8")
        sealed = aead.seal(self._bundle_key, plaintext, object_id.encode("ascii"))
        self._write(OBJECTS_PREFIX + object_id, sealed)
        self._objects.append({"object_id": object_id, "kind": "results", "size": len(sealed),
                              "sha256": hashlib.sha256(sealed).hexdigest()})
        self._pending = []

    def close(self) -> None:
        self._flush()
        manifest = dict(self._head, dependents=self.dependents, objects=self._objects)
        data = json.dumps(manifest, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        self._write(MANIFEST_NAME, data)
        self._write(SIGNATURE_NAME, self._signing_key.sign(data))
        self._zip.close()

    def _write(self, name: str, data: bytes) -> None:
        info = zipfile.ZipInfo(name, date_time=self._date_time)
        info.compress_type = zipfile.ZIP_STORED
        self._zip.writestr(info, data)


@dataclass(frozen=True)
class OpenedResults:
    manifest: ResultsManifest
    results: list[DependentResult]


def read_results(path: Path, *, web_system_key: X25519PrivateKey,
                 trusted_workspaces: Sequence[Ed25519PublicKey]) -> OpenedResults:
    """Verify (signature by a trusted workspace key, hashes, sizes) and open a results bundle.
    Raises :class:`BundleError` with the import format's codes."""
    from reviewer_app.bundle.reader import _check_entries, _read_entry

    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise BundleError("corrupt_zip", Path(path).name, detail=str(error)[:200]) from None
    with zf:
        entries = _check_entries(zf)
        manifest_bytes = _read_entry(zf, entries[MANIFEST_NAME], MAX_MANIFEST_BYTES)
        signature = _read_entry(zf, entries[SIGNATURE_NAME], 64)
        try:
            head = json.loads(manifest_bytes)
        except ValueError:
            raise BundleError("unknown_format", MANIFEST_NAME, detail="not JSON") from None
        if not isinstance(head, dict) or head.get("format") != RESULTS_FORMAT:
            raise BundleError("unknown_format", MANIFEST_NAME)
        if head.get("version") != RESULTS_VERSION:
            raise BundleError("unsupported_version", MANIFEST_NAME)
        signers = {key_id(k): k for k in trusted_workspaces}
        signer = signers.get(str(head.get("signer_key_id")))
        if signer is None:
            raise BundleError("untrusted_exporter", MANIFEST_NAME)
        try:
            signer.verify(signature, manifest_bytes)
        except InvalidSignature:
            raise BundleError("bad_signature", MANIFEST_NAME) from None
        manifest = _validated(ResultsManifest, manifest_bytes, MANIFEST_NAME)
        own = key_id(web_system_key.public_key())
        mine = [r for r in manifest.recipients if r.key_id == own]
        if not mine:
            raise BundleError("not_addressed", MANIFEST_NAME)
        try:
            bundle_key = mine[0].unwrap(web_system_key)
        except aead.DecryptionError:
            raise BundleError("decrypt_failed", MANIFEST_NAME, detail="bundle key") from None
        results: list[DependentResult] = []
        for entry in manifest.objects:
            info = entries.get(OBJECTS_PREFIX + entry.object_id)
            if info is None:
                raise BundleError("missing_entry", OBJECTS_PREFIX + entry.object_id)
            sealed = _read_entry(zf, info, entry.size)
            if len(sealed) != entry.size:
                raise BundleError("size_mismatch", entry.object_id)
            if hashlib.sha256(sealed).hexdigest() != entry.sha256:
                raise BundleError("hash_mismatch", entry.object_id)
            try:
                plain = aead.open_sealed(bundle_key, sealed, entry.object_id.encode("ascii"))
            except aead.DecryptionError:
                raise BundleError("decrypt_failed", entry.object_id) from None
            results.extend(_validated(ResultsChunk, plain, entry.object_id).results)
        if len(results) != manifest.dependents:
            raise BundleError("size_mismatch", MANIFEST_NAME, detail="dependents count")
        return OpenedResults(manifest, results)


def _validated(model: type[_M], data: bytes, subject: str) -> _M:
    try:
        return model.model_validate_json(data)
    except ValidationError as error:
        first = error.errors(include_url=False, include_input=False)[0]
        path = ".".join(str(p) for p in first["loc"]) or "(root)"
        raise BundleError("invalid_field", subject, detail=f"{path}: {first['msg']}",
                          field_path=path) from None


def iter_notice_documents(result: DependentResult) -> Iterator[str]:
    """The document ids the member is asked to upload again (latest unanswered notice)."""
    for notice in reversed(result.notices):
        if notice.answered_at is None:
            yield from (d.document_id for d in notice.upload_again)
            return

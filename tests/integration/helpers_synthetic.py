"""Large bundles, fast: realistic sizes without rendering documents (kill test, benchmark).

Each member has ``dependents`` dependents with three files each: a PDF (``%PDF-`` and random
bytes; PDFs are not decoded by the importer), a JPEG (a real small JPEG followed by random
bytes after its end marker) and a PNG (a real small PNG with a random ancillary chunk). Random
bytes cost as much to encrypt and hash as real ones and compress as badly as photos do.
The sizes follow ``sizes`` (bytes per file kind).
"""

from __future__ import annotations

import random
import struct
import zlib
from pathlib import Path
from typing import Any

from helpers_bundles import BundleKeys, insurer, make_jpeg, make_png, submission_dict, survey

from reviewer_app.bundle import schema
from reviewer_app.bundle.writer import BundleWriter

SIZES = {"application/pdf": 600_000, "image/jpeg": 1_500_000, "image/png": 400_000}


def _png_with_chunk(padding: bytes) -> bytes:
    png = make_png()
    payload = b"x" + padding  # private ancillary chunk "prVt" (lower-case first letter)
    chunk = (struct.pack(">I", len(payload)) + b"prVt" + payload
             + struct.pack(">I", zlib.crc32(b"prVt" + payload)))
    return png[:33] + chunk + png[33:]  # after the 8-byte signature and the 25-byte IHDR


def file_bytes(media_type: str, size: int, rng: random.Random) -> bytes:
    padding = rng.randbytes(max(0, size))
    if media_type == "application/pdf":
        return b"%PDF-1.7\n" + padding
    if media_type == "image/jpeg":
        return make_jpeg() + padding
    return _png_with_chunk(padding)


def write_synthetic_bundle(path: Path, keys: BundleKeys, members: int, *, dependents: int = 2,
                           seed: int = 1, scale: float = 1.0, bundle_id: str = "synthetic",
                           revision: int = 1) -> dict[str, int]:
    """Write the bundle; returns counts (members, dependents, files, plaintext bytes)."""
    rng = random.Random(seed)
    counts = {"members": 0, "dependents": 0, "files": 0, "bytes": 0}
    with BundleWriter(path, signing_key=keys.signing, recipients=[keys.recipient_public],
                      insurer=insurer(), survey=survey(), bundle_id=bundle_id,
                      created_at=__import__("helpers_bundles").CREATED_AT) as writer:
        for number in range(1, members + 1):
            data: dict[str, Any] = submission_dict(number, [], revision=revision)
            template = data["dependents"][0]
            data["dependents"] = []
            for j in range(1, dependents + 1):
                uploaded = []
                for k, media_type in enumerate(SIZES):
                    file_id = f"f-{number:05d}-{j}-{k}"
                    size = int(SIZES[media_type] * scale * rng.uniform(0.5, 1.5))
                    content = file_bytes(media_type, size, rng)
                    writer.add_file(file_id, content)
                    counts["files"] += 1
                    counts["bytes"] += len(content)
                    ext = media_type.rsplit("/", 1)[1]
                    uploaded.append({"file_id": file_id, "original_name": f"書類_{k}.{ext}",
                                     "media_type": media_type,
                                     "uploaded_at": "2024-08-10T12:00:00+09:00"})
                dependent = dict(template, dependent_id=f"d-{number:05d}-{j}")
                dependent["required_documents"] = [
                    dict(template["required_documents"][0], document_id=f"doc-{number:05d}-{j}",
                         files=uploaded)]
                data["dependents"].append(dependent)
                counts["dependents"] += 1
            writer.add_submission(schema.Submission.model_validate(data))
            counts["members"] += 1
    return counts

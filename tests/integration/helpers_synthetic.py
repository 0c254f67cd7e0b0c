"""Large bundles, fast: realistic sizes without rendering documents (kill test, benchmark).

Each member has ``dependents`` dependents with three files each: a PDF, a JPEG and a PNG, at
sizes around :data:`SIZES` (bytes per file kind). By default the files are padded stand-ins: a
PDF is ``%PDF-`` and random bytes, a JPEG a real small JPEG followed by random bytes after its
end marker, a PNG a real small PNG with a random ancillary chunk. Random bytes cost as much to
encrypt and hash as real ones and compress as badly as photos do.

With ``real=True`` every file is a genuine document of about that size (a scanned-looking PDF
page, a JPEG and a PNG of a scanned-looking page), drawn from a small pool made once per size
class: the importer's content check does its real work on them (the stand-ins would be
quarantined as damaged), so the import benchmark measures that check too.
"""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path
from typing import Any

from helpers_bundles import BundleKeys, insurer, make_jpeg, make_png, submission_dict, survey
from helpers_documents import make_scanned_pdf, scanned_page_image

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


_POOL_VARIANTS = 6  # distinct real documents per kind (sizes spread over 0.5x .. 1.5x)


def _real_image(media_type: str, target: int, seed: int) -> bytes:
    """A JPEG or PNG of a scanned-looking page, about ``target`` bytes (within ~25 %)."""
    rng = random.Random(seed)
    fmt, bytes_per_pixel = ("JPEG", 0.3) if media_type == "image/jpeg" else ("PNG", 0.55)
    side = max(64, int((target / bytes_per_pixel / 1.41) ** 0.5))
    data = b""
    for _ in range(4):  # adjust the page size to the measured bytes per pixel
        width, height = side, int(side * 1.41)
        buffer = io.BytesIO()
        image = scanned_page_image(width, height, rng)
        if fmt == "PNG":
            image = image.convert("L")
        image.save(buffer, fmt, **({"quality": 80} if fmt == "JPEG" else {}))
        data = buffer.getvalue()
        if abs(len(data) - target) <= target * 0.25:
            break
        side = max(64, int(side * (target / len(data)) ** 0.5))
    return data


def real_pool(scale: float) -> dict[str, list[bytes]]:
    """Genuine documents per media type, ``_POOL_VARIANTS`` sizes from 0.5x to 1.5x SIZES."""
    pool: dict[str, list[bytes]] = {}
    for media_type, base in SIZES.items():
        variants = []
        for i in range(_POOL_VARIANTS):
            target = int(base * scale * (0.5 + i / (_POOL_VARIANTS - 1)))
            if media_type == "application/pdf":
                variants.append(make_scanned_pdf(1, target_bytes=target, dpi=150, seed=i))
            else:
                variants.append(_real_image(media_type, target, seed=i))
        pool[media_type] = variants
    return pool


def write_synthetic_bundle(path: Path, keys: BundleKeys, members: int, *, dependents: int = 2,
                           seed: int = 1, scale: float = 1.0, bundle_id: str = "synthetic",
                           revision: int = 1, real: bool = False,
                           also_to: tuple[Any, ...] = ()) -> dict[str, int]:
    """Write the bundle; returns counts (members, dependents, files, plaintext bytes).
    ``also_to``: more recipients' X25519 public keys (one bundle for several workspaces)."""
    rng = random.Random(seed)
    pool = real_pool(scale) if real else None
    counts = {"members": 0, "dependents": 0, "files": 0, "bytes": 0}
    with BundleWriter(path, signing_key=keys.signing,
                      recipients=[keys.recipient_public, *also_to],
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
                    content = (rng.choice(pool[media_type]) if pool is not None
                               else file_bytes(media_type, size, rng))
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

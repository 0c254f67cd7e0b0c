"""Writing and reading a bundle: the happy path, the container layout, the memory bound."""

from __future__ import annotations

import hashlib
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from helpers_bundles import (
    CREATED_AT,
    FIRST_SUBMISSION,
    PDF_ID,
    PNG_ID,
    SECOND_SUBMISSION,
    insurer,
    make_keys,
    open_with,
    read_everything,
    submission_dict,
    survey,
    write_valid_bundle,
)

from reviewer_app.bundle import schema
from reviewer_app.bundle.writer import BundleWriter, submission_object_id
from reviewer_app.render.sniff import sniff_media_type
from reviewer_app.security.keys import generate_recipient_key, key_id


def test_write_then_read_two_submissions_with_png_and_pdf(tmp_path: Path) -> None:
    keys = make_keys()
    spec = write_valid_bundle(tmp_path / "b.zip", keys)
    assert spec.submission_ids == [FIRST_SUBMISSION, SECOND_SUBMISSION]
    with open_with(keys, spec.path) as reader:
        manifest = reader.manifest
        assert manifest.format == schema.FORMAT_NAME and manifest.version == 1
        assert manifest.exporter_key_id == key_id(keys.signing.public_key())
        assert manifest.insurer == insurer() and manifest.survey == survey()
        assert manifest.created_at == CREATED_AT
        submissions = list(reader.iter_submissions())
        assert [object_id for object_id, _ in submissions] == spec.submission_ids
        first = submissions[0][1]
        assert first == schema.Submission.model_validate(
            submission_dict(1, [(PNG_ID, "image/png"), (PDF_ID, "application/pdf")])
        )
        png = reader.read_file(PNG_ID)
        pdf = reader.read_file(PDF_ID)
    assert png == spec.files[PNG_ID] and sniff_media_type(png) == "image/png"
    assert pdf == spec.files[PDF_ID] and sniff_media_type(pdf) == "application/pdf"
    assert read_everything(spec.path, keys) == {
        "submissions": 2,
        "files": 3,
        "bytes": sum(len(d) for d in spec.files.values()),
    }


def test_container_is_stored_zip_with_manifest_signature_and_sealed_objects(
    tmp_path: Path,
) -> None:
    keys = make_keys()
    spec = write_valid_bundle(tmp_path / "b.zip", keys)
    with zipfile.ZipFile(spec.path) as zf:
        names = zf.namelist()
        assert names[-2:] == ["manifest.json", "manifest.sig"]
        assert all(n.startswith("objects/") for n in names[:-2])
        assert {i.compress_type for i in zf.infolist()} == {zipfile.ZIP_STORED}
        manifest_bytes = zf.read("manifest.json")
        keys.signing.public_key().verify(zf.read("manifest.sig"), manifest_bytes)
        manifest = json.loads(manifest_bytes)
        for entry in manifest["objects"]:
            sealed = zf.read(f"objects/{entry['object_id']}")
            assert entry["size"] == len(sealed)
            assert entry["sha256"] == hashlib.sha256(sealed).hexdigest()
        png_entry = next(e for e in manifest["objects"] if e["object_id"] == PNG_ID)
        assert png_entry["size"] == len(spec.files[PNG_ID]) + 28
        assert spec.files[PNG_ID] not in zf.read(f"objects/{PNG_ID}")
    assert b"\xe5\xbe\xa1\xe5\xae\xa4" not in spec.path.read_bytes()  # 御室: names are sealed


def test_each_listed_recipient_can_open(tmp_path: Path) -> None:
    keys = make_keys()
    second = generate_recipient_key()
    path = tmp_path / "b.zip"
    with BundleWriter(
        path,
        signing_key=keys.signing,
        recipients=[keys.recipient_public, second.public_key()],
        insurer=insurer(),
        survey=survey(),
        bundle_id="b-2",
        created_at=CREATED_AT,
    ) as writer:
        writer.add_file("f-1", b"%PDF-1.7\n%%EOF\n")
    for private in (keys.recipient, second):
        assert private is not None
        from reviewer_app.bundle.reader import open_bundle

        with open_bundle(path, trusted_signers=keys.trusted(), recipient_key=private) as r:
            assert r.read_file("f-1").startswith(b"%PDF")


def test_submission_object_id_fits_the_id_pattern() -> None:
    data = submission_dict(1, [])
    short = schema.Submission.model_validate(data)
    assert submission_object_id(short) == "s-sub-0001-r1"
    long = schema.Submission.model_validate(dict(data, submission_id="x" * 64, revision=999999))
    object_id = submission_object_id(long)
    assert len(object_id) <= 64 and object_id.endswith("-r999999")
    assert schema.ObjectEntry(object_id=object_id, kind="file", size=28, sha256="0" * 64)


def test_writer_refuses_oversize_files_and_reused_ids(tmp_path: Path) -> None:
    keys = make_keys()
    with BundleWriter(
        tmp_path / "b.zip",
        signing_key=keys.signing,
        recipients=[keys.recipient_public],
        insurer=insurer(),
        survey=survey(),
        bundle_id="b-3",
        created_at=CREATED_AT,
    ) as writer:
        with pytest.raises(ValueError, match="over"):
            writer.add_file("f-1", bytes(schema.MAX_FILE_BYTES + 1))
        writer.add_file("f-2", b"%PDF-")
        with pytest.raises(ValueError, match="twice"):
            writer.add_file("f-2", b"%PDF-")
        with pytest.raises(ValueError, match="Id pattern"):
            writer.add_file("../f", b"%PDF-")


def test_writer_error_inside_with_removes_the_partial_file(tmp_path: Path) -> None:
    keys = make_keys()
    path = tmp_path / "b.zip"
    with pytest.raises(RuntimeError), BundleWriter(
        path,
        signing_key=keys.signing,
        recipients=[keys.recipient_public],
        insurer=insurer(),
        survey=survey(),
        bundle_id="b-4",
        created_at=CREATED_AT,
    ) as writer:
        writer.add_file("f-1", b"%PDF-")
        raise RuntimeError("exporter failed")
    assert not path.exists()


def test_reading_keeps_one_object_in_memory(tmp_path: Path) -> None:
    """40 files of 1 MB: peak traced memory while reading stays far below the bundle's size."""
    keys = make_keys()
    path = tmp_path / "big.zip"
    chunk = b"%PDF-1.4\n" + bytes(range(256)) * 4096  # 1 MB, sniffs as PDF
    with BundleWriter(
        path,
        signing_key=keys.signing,
        recipients=[keys.recipient_public],
        insurer=insurer(),
        survey=survey(),
        bundle_id="big",
        created_at=CREATED_AT,
    ) as writer:
        for i in range(40):
            writer.add_file(f"f-{i}", chunk)
    assert path.stat().st_size > 40_000_000
    tracemalloc.start()
    try:
        with open_with(keys, path) as reader:
            for i in range(40):
                assert len(reader.read_file(f"f-{i}")) == len(chunk)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8_000_000

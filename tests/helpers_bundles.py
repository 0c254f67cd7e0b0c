"""Bundles for tests: a valid small bundle made with keys generated in the test, and each defect.

Typical use::

    keys = make_keys()
    spec = write_valid_bundle(tmp_path / "b.zip", keys)          # 2 submissions, PNG + PDF
    with open_with(keys, spec.path) as reader: ...

    for defect in DEFECTS:                                         # one per rejection code
        path = defect.build(tmp_path / f"{defect.name}.zip", keys)
        with pytest.raises(BundleError) as info:
            read_everything(path, defect.reader_keys(keys))        # what an import does
        assert info.value.code == defect.code and info.value.subject == defect.subject

``read_everything`` opens the bundle, walks every submission and reads every file it refers to
with its declared media type: the same calls, in the same order, as the importer. No key material
is written anywhere but the bundle itself (public parts only) and nothing is printed.
"""

from __future__ import annotations

import base64
import io
import json
import struct
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pymupdf
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from PIL import Image

from reviewer_app.bundle import schema
from reviewer_app.bundle.reader import BundleReader, open_bundle
from reviewer_app.bundle.writer import BundleWriter, Tamper
from reviewer_app.security.keys import generate_recipient_key, generate_signing_key, key_id

JST = timezone(timedelta(hours=9))
CREATED_AT = datetime(2024, 9, 2, 10, 0, tzinfo=JST)
PNG_ID, PDF_ID, PNG2_ID = "f-0001", "f-0002", "f-0003"
FIRST_SUBMISSION, SECOND_SUBMISSION = "s-sub-0001-r1", "s-sub-0002-r1"


# --- keys ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BundleKeys:
    """The exporter's signing key and the workspace's recipient key, fresh per test.

    Writing needs only ``recipient_public``; an import test whose workspace holds the private
    recipient key builds ``BundleKeys(exporter_key, workspace_public)`` and leaves ``recipient``
    out (``open_with``/``read_everything`` need it).
    """

    signing: Ed25519PrivateKey
    recipient_public: X25519PublicKey
    recipient: X25519PrivateKey | None = None

    def trusted(self) -> dict[str, Ed25519PublicKey]:
        """``trusted_signers`` for :func:`open_bundle`: the exporter's key pinned by its id."""
        public = self.signing.public_key()
        return {key_id(public): public}


def make_keys() -> BundleKeys:
    recipient = generate_recipient_key()
    return BundleKeys(generate_signing_key(), recipient.public_key(), recipient)


def open_with(keys: BundleKeys, path: Path) -> BundleReader:
    assert keys.recipient is not None, "reading needs the recipient's private key"
    return open_bundle(path, trusted_signers=keys.trusted(), recipient_key=keys.recipient)


def read_everything(path: Path, keys: BundleKeys) -> dict[str, int]:
    """Do every read an import does; returns counts (submissions, files, bytes)."""
    counts = {"submissions": 0, "files": 0, "bytes": 0}
    with open_with(keys, path) as reader:
        for _object_id, submission in reader.iter_submissions():
            counts["submissions"] += 1
            for dependent in submission.dependents:
                for document in dependent.required_documents:
                    for uploaded in document.files:
                        data = reader.read_file(uploaded.file_id)
                        counts["files"] += 1
                        counts["bytes"] += len(data)
    return counts


# --- real documents -----------------------------------------------------------------------------


def make_png(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


def make_jpeg(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (30, 30, 200)).save(out, format="JPEG")
    return out.getvalue()


def make_pdf(text: str = "給与明細書 2024年1月") -> bytes:
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), text, fontname="japan")
    data: bytes = document.tobytes()
    document.close()
    return data


# --- a valid bundle -----------------------------------------------------------------------------


def insurer() -> schema.Insurer:
    return schema.Insurer(code="06139999", name="テスト健康保険組合")


def survey() -> schema.Survey:
    return schema.Survey(
        survey_id="survey-2024",
        name="令和6年度 被扶養者資格調査",
        target_year=2024,
        answer_period=schema.AnswerPeriod(
            start=datetime(2024, 7, 1, tzinfo=JST), end=datetime(2024, 8, 25, 23, 59, tzinfo=JST)
        ),
        submission_deadline=date(2024, 8, 25),
        non_submission_exclusion_date=date(2024, 9, 1),
    )


def submission_dict(
    number: int, files: list[tuple[str, str]], *, revision: int = 1
) -> dict[str, Any]:
    """A submission as JSON-ready data; ``files`` are (file id, declared media type) pairs.

    Tests that need an *invalid* submission edit the dict and seal it with
    ``writer.add_object(..., kind=SUBMISSION, plaintext=json.dumps(d).encode())``.
    """
    uploaded = [
        {
            "file_id": file_id,
            "original_name": f"明細_{i + 1}.{media_type.rsplit('/', 1)[1]}",
            "media_type": media_type,
            "uploaded_at": "2024-08-10T12:00:00+09:00",
        }
        for i, (file_id, media_type) in enumerate(files)
    ]
    return {
        "submission_id": f"sub-{number:04d}",
        "revision": revision,
        "updated_at": "2024-08-10T12:30:00+09:00",
        "insured": {
            "member_id": f"m-{number:04d}",
            "card_symbol": "10",
            "card_number": str(100 + number),
            "name": "御室 太郎",
            "kana": "オムロ タロウ",
            "office": {"code": "001", "name": "本社"},
            "employee_code": f"E{number:05d}",
            "birth_date": "1980-05-10",
            "annual_income": 6_000_000,
        },
        "dependents": [
            {
                "dependent_id": f"d-{number:04d}-1",
                "name": "御室 花子",
                "kana": "オムロ ハナコ",
                "relationship": "spouse",
                "relationship_label": "妻",
                "birth_date": "1982-03-03",
                "certified_on": "2010-04-01",
                "status": "submitted",
                "submitted_at": "2024-08-10T12:30:00+09:00",
                "answers": {
                    "insured_has_card": True,
                    "dependent_details_confirmed": True,
                    "dependent_has_card": True,
                    "occupations": [{"occupation": "part_time", "amount": 1_000_000}],
                    "living": "together",
                    "contact": "",
                },
                "required_documents": [
                    {
                        "document_id": f"doc-{number:04d}-1",
                        "kind": "payslip",
                        "title": "給与明細書（12ヶ月分）",
                        "files": uploaded,
                    }
                ],
            }
        ],
    }


@dataclass
class BundleSpec:
    """What :func:`write_valid_bundle` wrote (for assertions)."""

    path: Path
    submission_ids: list[str]
    files: dict[str, bytes]


@dataclass
class Layout:
    """The content of the bundle; defects replace parts of it."""

    # submission number -> [(file id, declared media type)]
    submissions: dict[int, list[tuple[str, str]]] = field(
        default_factory=lambda: {
            1: [(PNG_ID, "image/png"), (PDF_ID, "application/pdf")],
            2: [(PNG2_ID, "image/png")],
        }
    )
    # file id -> bytes (default: a real PNG / PDF per declared type)
    file_bytes: dict[str, bytes] = field(default_factory=dict)
    # file id -> associated data to seal it with instead of its own id
    aad: dict[str, bytes] = field(default_factory=dict)
    # edit each submission's JSON data before it is sealed
    edit_submission: Callable[[dict[str, Any]], dict[str, Any]] | None = None


def write_valid_bundle(
    path: Path,
    keys: BundleKeys,
    *,
    layout: Layout | None = None,
    tamper: Tamper | None = None,
    before_close: Callable[[BundleWriter], None] | None = None,
) -> BundleSpec:
    """Two submissions (the first with a PNG and a PDF, the second with a PNG), signed by
    ``keys.signing`` and addressed to ``keys.recipient_public``. ``layout``, ``tamper`` and
    ``before_close`` (called with the open writer) are the hooks the defects below use."""
    layout = layout or Layout()
    spec = BundleSpec(path, [], {})
    with BundleWriter(
        path,
        signing_key=keys.signing,
        recipients=[keys.recipient_public],
        insurer=insurer(),
        survey=survey(),
        bundle_id="bundle-2024-001",
        created_at=CREATED_AT,
        tamper=tamper,
    ) as writer:
        for number, files in layout.submissions.items():
            for file_id, media_type in files:
                data = layout.file_bytes.get(file_id)
                if data is None:
                    data = make_pdf() if media_type == "application/pdf" else make_png()
                writer.add_object(
                    file_id, schema.ObjectKind.FILE, data, aad=layout.aad.get(file_id)
                )
                spec.files[file_id] = data
            data_dict = submission_dict(number, files)
            if layout.edit_submission is not None:
                data_dict = layout.edit_submission(data_dict)
                writer.add_object(
                    f"s-sub-{number:04d}-r1",
                    schema.ObjectKind.SUBMISSION,
                    json.dumps(data_dict, ensure_ascii=False).encode("utf-8"),
                )
                spec.submission_ids.append(f"s-sub-{number:04d}-r1")
            else:
                submission = schema.Submission.model_validate(data_dict)
                spec.submission_ids.append(writer.add_submission(submission))
        if before_close is not None:
            before_close(writer)
    return spec


# --- one defective bundle per rejection --------------------------------------------------------

BUNDLE_FILE = "<bundle file name>"  # Defect.subject placeholder: the bundle's own file name


@dataclass(frozen=True)
class Defect:
    """A defective bundle: ``build(path, keys)`` writes it; reading it must fail with ``code``.

    The workspace reading it holds ``keys`` (trusts ``keys.signing``, owns ``keys.recipient``);
    defects that need another exporter or recipient generate those keys themselves.
    ``at_open`` says whether :func:`open_bundle` already refuses it (else a later read does).
    """

    name: str
    code: str
    subject: str
    build: Callable[[Path, BundleKeys], Any]
    at_open: bool = True

    def expected_subject(self, path: Path) -> str:
        return path.name if self.subject == BUNDLE_FILE else self.subject


def _manifest(edit: Callable[[dict[str, Any]], None]) -> Tamper:
    def apply(manifest: dict[str, Any]) -> dict[str, Any]:
        edit(manifest)
        return manifest

    return Tamper(manifest_json=apply)


def _declared(object_id: str, **changes: Any) -> Tamper:
    """Change the manifest entry of one object (signed, so only the later checks see it)."""

    def edit(manifest: dict[str, Any]) -> None:
        for entry in manifest["objects"]:
            if entry["object_id"] == object_id:
                entry.update(changes)

    return _manifest(edit)


def _with(**kwargs: Any) -> Callable[[Path, BundleKeys], Any]:
    return lambda path, keys: write_valid_bundle(path, keys, **kwargs)


def _raw_entry(name: str, data: bytes = b"x") -> Callable[[Path, BundleKeys], Any]:
    return _with(before_close=lambda w: w.write_raw_entry(name, data))


def _files(**replacements: tuple[bytes, str]) -> Layout:
    """The default layout with the second submission's file replaced: (bytes, declared type)."""
    ((file_id, (data, media_type)),) = replacements.items()
    layout = Layout()
    layout.submissions[2] = [(file_id, media_type)]
    layout.file_bytes[file_id] = data
    return layout


def _truncated(path: Path, keys: BundleKeys) -> None:
    write_valid_bundle(path, keys)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])


def _flip_object_byte(path: Path, keys: BundleKeys) -> None:
    """Damage one stored byte of objects/f-0001 in place (its CRC-32 no longer matches)."""
    import zipfile

    write_valid_bundle(path, keys)
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo(f"objects/{PNG_ID}")
        with open(path, "rb") as fh:
            fh.seek(info.header_offset + 26)
            name_len, extra_len = struct.unpack("<HH", fh.read(4))
    offset = info.header_offset + 30 + name_len + extra_len + 20
    data = bytearray(path.read_bytes())
    data[offset] ^= 0xFF
    path.write_bytes(bytes(data))


def _compressed(path: Path, keys: BundleKeys) -> None:
    import zipfile

    def add(writer: BundleWriter) -> None:
        writer.add_object(
            "f-0009", schema.ObjectKind.FILE, make_png(), compress_type=zipfile.ZIP_DEFLATED
        )

    write_valid_bundle(path, keys, before_close=add)


def _other_exporter(path: Path, keys: BundleKeys) -> None:
    write_valid_bundle(path, replace(keys, signing=generate_signing_key()))


def _other_recipient(path: Path, keys: BundleKeys) -> None:
    write_valid_bundle(path, replace(keys, recipient_public=generate_recipient_key().public_key()))


def _bad_wrapped_key(manifest: dict[str, Any]) -> None:
    wrapped = bytearray(base64.b64decode(manifest["recipients"][0]["wrapped_key"]))
    wrapped[-1] ^= 1
    manifest["recipients"][0]["wrapped_key"] = base64.b64encode(bytes(wrapped)).decode()


def _edit_first(edit: Callable[[dict[str, Any]], None]) -> Layout:
    def apply(data: dict[str, Any]) -> dict[str, Any]:
        if data["submission_id"] == "sub-0001":
            edit(data)
        return data

    return Layout(edit_submission=apply)


def _refer_to(file_id: str) -> Layout:
    def edit(data: dict[str, Any]) -> None:
        files = data["dependents"][0]["required_documents"][0]["files"]
        files.append(dict(files[0], file_id=file_id))

    return _edit_first(edit)


_SIG = "manifest.sig"
_MAN = "manifest.json"
_OVERSIZE = b"\x89PNG\r\n\x1a\n" + bytes(schema.MAX_FILE_BYTES)  # 5 MB + 8 bytes

DEFECTS: tuple[Defect, ...] = (
    Defect("unknown_format", "unknown_format", _MAN,
           _with(tamper=_manifest(lambda m: m.update(format="other-bundle")))),
    Defect("manifest_not_json", "unknown_format", _MAN,
           _with(tamper=Tamper(manifest_bytes=lambda b: b"\xff not json"))),
    Defect("version_2", "unsupported_version", _MAN,
           _with(tamper=_manifest(lambda m: m.update(version=2)))),
    Defect("truncated_zip", "corrupt_zip", BUNDLE_FILE, _truncated),
    Defect("not_a_zip", "corrupt_zip", BUNDLE_FILE,
           lambda path, keys: path.write_bytes(b"PK\x03\x04 this is not a zip")),
    Defect("damaged_entry_crc", "corrupt_zip", f"objects/{PNG_ID}", _flip_object_byte,
           at_open=False),
    Defect("compressed_entry", "corrupt_zip", "objects/f-0009", _compressed),
    Defect("dot_dot_entry", "unsafe_entry_name", "../evil.txt", _raw_entry("../evil.txt")),
    Defect("absolute_entry", "unsafe_entry_name", "/etc/passwd", _raw_entry("/etc/passwd")),
    Defect("backslash_entry", "unsafe_entry_name", "objects\\f-0009",
           _raw_entry("objects\\f-0009")),
    Defect("objects_dot_dot_entry", "unsafe_entry_name", "objects/../manifest.json",
           _raw_entry("objects/../manifest.json")),
    Defect("unexpected_entry", "unsafe_entry_name", "readme.txt", _raw_entry("readme.txt")),
    Defect("duplicate_entry", "unsafe_entry_name", f"objects/{PNG_ID}",
           _raw_entry(f"objects/{PNG_ID}")),
    Defect("unlisted_object_entry", "unsafe_entry_name", "objects/f-0009",
           _raw_entry("objects/f-0009")),
    Defect("no_signature", "missing_entry", _SIG, _with(tamper=Tamper(omit_signature=True))),
    Defect("no_manifest", "missing_entry", _MAN, _with(tamper=Tamper(omit_manifest=True))),
    Defect("listed_object_without_entry", "missing_entry", "objects/f-0009",
           _with(before_close=lambda w: w.list_object(
               {"object_id": "f-0009", "kind": "file", "size": 100, "sha256": "0" * 64}))),
    Defect("manifest_changed_after_signing", "bad_signature", _MAN,
           _with(tamper=Tamper(after_signing=lambda b: b.replace(b"bundle-2024-001",
                                                                  b"bundle-2024-002")))),
    Defect("signed_by_another_key", "bad_signature", _MAN,
           _with(tamper=Tamper(sign_with=generate_signing_key()))),
    Defect("short_signature", "bad_signature", _MAN,
           _with(tamper=Tamper(omit_signature=True),
                 before_close=lambda w: w.write_raw_entry(_SIG, bytes(63)))),
    Defect("untrusted_exporter", "untrusted_exporter", _MAN, _other_exporter),
    Defect("not_addressed", "not_addressed", _MAN, _other_recipient),
    Defect("file_hash_mismatch", "hash_mismatch", PDF_ID,
           _with(tamper=_declared(PDF_ID, sha256="0" * 64)), at_open=False),
    Defect("submission_hash_mismatch", "hash_mismatch", SECOND_SUBMISSION,
           _with(tamper=_declared(SECOND_SUBMISSION, sha256="f" * 64)), at_open=False),
    Defect("size_mismatch", "size_mismatch", PNG_ID,
           _with(tamper=_declared(PNG_ID, size=29))),
    Defect("object_sealed_for_another_id", "decrypt_failed", PNG2_ID,
           _with(layout=Layout(aad={PNG2_ID: PNG_ID.encode()})), at_open=False),
    Defect("bundle_key_damaged", "decrypt_failed", _MAN,
           _with(tamper=_manifest(_bad_wrapped_key))),
    Defect("file_too_large", "file_too_large", "f-big",
           _with(layout=_files(**{"f-big": (_OVERSIZE, "image/png")}))),
    Defect("manifest_invalid_field", "invalid_field", _MAN,
           _with(tamper=_manifest(lambda m: m["insurer"].update(code="123")))),
    Defect("submission_invalid_field", "invalid_field", FIRST_SUBMISSION,
           _with(layout=_edit_first(lambda d: d["dependents"][0].update(kana=""))),
           at_open=False),
    Defect("file_not_in_bundle", "missing_object", "f-0404",
           _with(layout=_refer_to("f-0404")), at_open=False),
    Defect("file_id_is_a_submission", "missing_object", SECOND_SUBMISSION,
           _with(layout=_refer_to(SECOND_SUBMISSION)), at_open=False),
    Defect("duplicate_object", "duplicate_object", PNG_ID,
           _with(tamper=_manifest(lambda m: m["objects"].append(m["objects"][0])))),
)
"""Every rejection, by code; ``{d.code for d in DEFECTS}`` covers every BundleError code.

A file whose *contents* are unusable (not an allowed type, not the declared type, damaged, over
the pixel limit) is no defect of the bundle: the importer quarantines it (issue 9; see
``helpers_crafted.DAMAGED_KINDS``)."""

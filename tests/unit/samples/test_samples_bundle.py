"""generate_bundle writes a bundle the reader accepts, with the files the population describes."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.bundle.reader import open_bundle
from reviewer_app.render.inspect import inspect_file
from reviewer_app.samples.documents import render_file
from reviewer_app.samples.generate import SURVEY, bundle_id_for, generate_bundle
from reviewer_app.security.keys import generate_recipient_key, generate_signing_key, key_id


def test_round_trip_through_the_reader(tmp_path: Path) -> None:
    signing = generate_signing_key()
    recipient = generate_recipient_key()
    out = tmp_path / "sample.rvb"
    result = generate_bundle(out, members=3, seed=4, signing_key=signing,
                             recipients=[recipient.public_key()], workers=1)
    assert result.bundle_id == bundle_id_for(4, 3, 1)
    assert result.members == 3 and result.dependents == len(result.scenarios)
    specs = {f.file_id: f for s in result.scenarios for f in s.files()}
    assert result.attachments == len(specs)
    with open_bundle(out, trusted_signers={key_id(signing.public_key()): signing.public_key()},
                     recipient_key=recipient) as reader:
        assert reader.manifest.bundle_id == result.bundle_id
        assert reader.manifest.survey == SURVEY
        submissions = [s for _, s in reader.iter_submissions()]
        assert submissions == result.submissions
        for submission in submissions:
            for doc in (d for dep in submission.dependents for d in dep.required_documents):
                for f in doc.files:
                    data = reader.read_file(f.file_id)
                    assert data == render_file(specs[f.file_id])
                    # the generator's documents are sound: the import quarantines none
                    assert inspect_file(data, f.media_type).accepted, f.file_id


def test_same_seed_gives_the_same_bundle_contents(tmp_path: Path) -> None:
    signing = generate_signing_key()
    recipient = generate_recipient_key().public_key()
    a = generate_bundle(tmp_path / "a.rvb", members=2, seed=9, signing_key=signing,
                        recipients=[recipient], workers=1)
    b = generate_bundle(tmp_path / "b.rvb", members=2, seed=9, signing_key=signing,
                        recipients=[recipient], workers=1)
    assert a.bundle_id == b.bundle_id
    assert [s.model_dump_json() for s in a.submissions] == [
        s.model_dump_json() for s in b.submissions]
    assert a.file_bytes == b.file_bytes


def test_command_writes_bundle_and_signer_public_key_only(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json

    from reviewer_app.cli import main
    from reviewer_app.security.keys import public_key_from_text, public_key_to_text

    recipient = generate_recipient_key()
    pub = tmp_path / "recipient.pub"
    pub.write_text(public_key_to_text(recipient.public_key()) + "\n", encoding="utf-8")
    out = tmp_path / "s.rvb"
    assert main(["sample-bundle", str(out), "--members", "2", "--recipient", str(pub),
                 "--workers", "1", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["members"] == 2 and summary["attachments"] > 0
    signer = public_key_from_text((tmp_path / "s.rvb.signer.pub").read_text(encoding="utf-8"))
    assert summary["signer_key_id"] == key_id(signer)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recipient.pub", "s.rvb",
                                                          "s.rvb.signer.pub"]
    with open_bundle(out, trusted_signers={key_id(signer): signer},  # type: ignore[dict-item]
                     recipient_key=recipient) as reader:
        assert len(list(reader.iter_submissions())) == 2


def test_command_refuses_a_signing_key_as_recipient(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from reviewer_app.cli import main
    from reviewer_app.security.keys import public_key_to_text

    pub = tmp_path / "signer.pub"
    pub.write_text(public_key_to_text(generate_signing_key().public_key()), encoding="utf-8")
    status = main(["sample-bundle", str(tmp_path / "x.rvb"), "--members", "1",
                   "--recipient", str(pub)])
    assert status == 2
    assert "recipient.pub" in capsys.readouterr().err
    assert not (tmp_path / "x.rvb").exists()


def test_command_signs_with_a_given_raw_key(tmp_path: Path) -> None:
    from reviewer_app.cli import main
    from reviewer_app.security.keys import private_key_bytes, public_key_to_text

    recipient = generate_recipient_key()
    pub = tmp_path / "recipient.pub"
    pub.write_text(public_key_to_text(recipient.public_key()), encoding="utf-8")
    signing = generate_signing_key()
    keyfile = tmp_path / "signer.key"
    keyfile.write_bytes(private_key_bytes(signing))
    out = tmp_path / "k.rvb"
    assert main(["sample-bundle", str(out), "--members", "1", "--recipient", str(pub),
                 "--signing-key", str(keyfile), "--workers", "1"]) == 0
    assert not (tmp_path / "k.rvb.signer.pub").exists()
    with open_bundle(out, trusted_signers={key_id(signing.public_key()): signing.public_key()},
                     recipient_key=recipient) as reader:
        assert reader.manifest.exporter_key_id == key_id(signing.public_key())

"""The whole sequence through the CLI in-process on SQLite and PostgreSQL: init, (sample-bundle),
trust-exporter, import, cases, audit verify; then a re-import that changes nothing."""

from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

import pytest
from helpers_bundles import BundleKeys, submission_dict
from helpers_import import write_bundle

from reviewer_app.cli import main
from reviewer_app.security import keys as key_text
from reviewer_app.security.keys import generate_signing_key


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def fresh(db_url: str, tmp_path: Path) -> tuple[Path, list[str], list[str]]:
    """An initialised workspace made with ``reviewer-app init``: (dir, init args, user args)."""
    password = tmp_path / "admin.password"
    password.write_text(secrets.token_urlsafe(12) + "\n", encoding="utf-8")
    ws_dir = tmp_path / "ws"
    init = ["init", "--workspace", str(ws_dir), "--admin", "admin",
            "--password-file", str(password)]
    if not db_url.startswith("sqlite"):
        init += ["--db", db_url]
    assert main(init) == 0
    return ws_dir, init, ["--workspace", str(ws_dir), "--user", "admin",
                          "--password-file", str(password)]


def _sequence(capsys: pytest.CaptureFixture[str], ws_dir: Path, user: list[str],
              bundle: Path, signer_pub: Path) -> list[dict[str, Any]]:
    status, _, err = _run(capsys, "trust-exporter", *user, str(signer_pub))
    assert status == 0, err
    status, out, err = _run(capsys, "import", *user, "--json", str(bundle))
    assert status == 0, err
    summary = json.loads(out)
    assert summary["new"] == summary["members"] > 0 and not summary["already_imported"]
    status, out, err = _run(capsys, "cases", *user, "--json")
    assert status == 0, err
    rows: list[dict[str, Any]] = json.loads(out)
    assert len(rows) == summary["dependents"]
    assert sum(r["attachments"] for r in rows) == summary["attachments"]
    status, out, _ = _run(capsys, "cases", *user)
    assert status == 0 and rows[0]["name"] in out
    status, out, err = _run(capsys, "audit", "verify", "--workspace", str(ws_dir))
    assert status == 0, out + err
    status, out, err = _run(capsys, "import", *user, "--json", str(bundle))
    assert status == 0, err
    again = json.loads(out)
    assert again["already_imported"] and again["unchanged"] == summary["members"]
    status, out, err = _run(capsys, "audit", "verify", "--workspace", str(ws_dir))
    assert status == 0, out + err
    return rows


def test_init_trust_import_cases_audit_verify(
        fresh: tuple[Path, list[str], list[str]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    ws_dir, _, user = fresh
    signing = generate_signing_key()
    signer_pub = tmp_path / "b.zip.signer.pub"
    signer_pub.write_text(key_text.public_key_to_text(signing.public_key()) + "\n")
    recipient = key_text.public_key_from_text((ws_dir / "recipient.pub").read_text().strip())
    bundle = write_bundle(tmp_path / "b.zip", BundleKeys(signing, recipient),  # type: ignore[arg-type]
                          [submission_dict(1, [("f-1", "image/png"), ("f-2", "application/pdf")]),
                           submission_dict(2, [("f-3", "image/png")])])
    rows = _sequence(capsys, ws_dir, user, bundle, signer_pub)
    assert [(r["card"], r["relationship"], r["status"], r["attachments"]) for r in rows] == [
        ("10-101", "spouse", "not_started", 2), ("10-102", "spouse", "not_started", 1)]


def test_sequence_with_a_generated_sample_bundle(
        fresh: tuple[Path, list[str], list[str]], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    ws_dir, _, user = fresh
    bundle = tmp_path / "sample.zip"
    status, _, err = _run(capsys, "sample-bundle", "--members", "3", "--seed", "7", "--fast",
                          "--recipient", str(ws_dir / "recipient.pub"), str(bundle))
    assert status == 0, err
    _sequence(capsys, ws_dir, user, bundle, Path(str(bundle) + ".signer.pub"))

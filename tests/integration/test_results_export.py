"""Results back to the web system and the re-submission that answers a notice (issue 7 §2, §3),
on SQLite and PostgreSQL, with generated sample bundles, the real services and the reference
reader in docs/."""

from __future__ import annotations

import importlib.util
import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from sqlalchemy import func, select
from workspace_fixture import WorkspaceFixture

from reviewer_app.atomic import OutputNotWritable
from reviewer_app.bundle.errors import BundleError
from reviewer_app.bundle.results import ResultStatus, read_results
from reviewer_app.cli import main
from reviewer_app.domain.vocabulary import CaseStatus, ReviewStatus, Verdict
from reviewer_app.errors import InputError, UserError
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.samples.answer import answer_population
from reviewer_app.samples.generate import generate_bundle
from reviewer_app.security import keys
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import PermissionDenied
from reviewer_app.services.exporters import trust_exporter
from reviewer_app.services.importing import import_bundle
from reviewer_app.services.queue import QueueFilter, QueueService
from reviewer_app.services.results import RESULTS_SIGNER_FILE, export_results, trust_web_system
from reviewer_app.store.models import AuditEvent, Case, ResultMark, ResultsExport

DOCS = Path(__file__).resolve().parents[2] / "docs"
MEMBERS, SEED = 4, 11


def _reference_reader() -> Any:
    spec = importlib.util.spec_from_file_location("results_reader", DOCS / "results_reader.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Cycle:
    """A workspace with an imported sample bundle and a pinned web system."""

    def __init__(self, workspace: WorkspaceFixture, tmp_path: Path) -> None:
        self.workspace, self.tmp = workspace, tmp_path
        self.signing = keys.generate_signing_key()
        self.web = keys.generate_recipient_key()
        admin = workspace.login("admin")
        trust_exporter(admin, keys.public_key_to_text(self.signing.public_key()))
        trust_web_system(admin, keys.public_key_to_text(self.web.public_key()))
        recipient = keys.public_key_from_text(
            (workspace.dir / "recipient.pub").read_text(encoding="utf-8"))
        assert isinstance(recipient, X25519PublicKey)
        self.recipient = recipient
        generate_bundle(tmp_path / "r1.zip", members=MEMBERS, seed=SEED,
                        signing_key=self.signing, recipients=[self.recipient], fast=True)
        import_bundle(admin, tmp_path / "r1.zip")
        self.signer_text = (workspace.dir / RESULTS_SIGNER_FILE).read_text(encoding="utf-8")

    def signer(self) -> Any:
        return keys.public_key_from_text(self.signer_text)

    def read(self, path: Path) -> Any:
        return read_results(path, web_system_key=self.web, trusted_workspaces=[self.signer()])

    def case_ids(self) -> list[int]:
        with self.workspace.login("admin").transaction(readonly=True) as db:
            return list(db.scalars(select(Case.id).order_by(Case.id)))


@pytest.fixture
def cycle(workspace: WorkspaceFixture, tmp_path: Path) -> Cycle:
    return Cycle(workspace, tmp_path)


def _notify(service: CaseService, case_id: int) -> tuple[int, str]:
    """Mark the case's first uploaded document unreadable and record the notice."""
    detail = service.open_case(case_id)
    document = next(d for d in detail.documents if d.attachments)
    service.save_document_check(case_id, DocumentReview(
        document.document_key, ReviewStatus.DEFICIENT, DeficiencyReason.UNREADABLE,
        "ぼやけて読めません"), None)
    version = service.open_case(case_id).version
    service.record_notice(case_id, date(2024, 10, 31), version, issued_on=date(2024, 10, 3),
                          message="お手数ですが再提出をお願いします。")
    return version, document.document_key


def _submitted_cases(cycle: Cycle, service: CaseService) -> list[int]:
    """One submitted case with uploads per member, in case order."""
    out, members = [], set()
    for case_id in cycle.case_ids():
        detail = service.open_case(case_id, take=False)
        if detail.dependent.status.value == "submitted" and any(
                d.attachments for d in detail.documents) \
                and detail.insured.member_id not in members:
            members.add(detail.insured.member_id)
            out.append(case_id)
    return out


def test_full_round_trip_notice_results_resubmission_and_approval(
        cycle: Cycle, tmp_path: Path) -> None:
    examiner = CaseService(cycle.workspace.login("examiner"))
    supervisor_ws = cycle.workspace.login("supervisor")
    first, second = _submitted_cases(cycle, examiner)[:2]
    _notify(examiner, first)
    _, doc_key = _notify(examiner, second)

    out = tmp_path / "results-1.zip"
    summary = export_results(supervisor_ws, out)
    assert summary.sequence == 1 and summary.dependents == len(cycle.case_ids())
    assert summary.notices == 2 and summary.by_status["notice_sent"] == 2
    # the standalone reference reader agrees with the application's reader
    ref = _reference_reader().read(str(out), keys.private_key_bytes(cycle.web),
                                   keys.public_raw(cycle.signer()))
    opened = cycle.read(out)
    assert ref["manifest"]["sequence"] == opened.manifest.sequence == 1
    assert json.loads(json.dumps([r.model_dump(mode="json") for r in opened.results])) == \
        ref["results"]
    noticed = [r for r in opened.results if r.status is ResultStatus.NOTICE_SENT]
    assert len(noticed) == 2
    notice = noticed[1].notices[0]
    assert notice.reply_deadline == date(2024, 10, 31)
    assert notice.reply_deadline_wareki == "令和6年10月31日"
    assert notice.message == "お手数ですが再提出をお願いします。"
    assert notice.items[0].reason == "unreadable" and notice.items[0].note == "ぼやけて読めません"
    assert notice.items[0].reason_text == "文字が読み取れません"
    assert doc_key in [d.document_id for d in notice.upload_again]
    # nothing personal in clear in the file
    raw = out.read_bytes()
    detail = examiner.open_case(second, take=False)
    for secret in (detail.dependent.name, detail.insured.name, detail.insured.card_number,
                   "ぼやけて読めません"):
        assert secret.encode() not in raw

    # an export with no change: empty, next sequence
    again = export_results(supervisor_ws, tmp_path / "results-2.zip")
    assert (again.sequence, again.dependents) == (2, 0)
    assert cycle.read(tmp_path / "results-2.zip").results == []

    # the web system's side: every other notified member re-uploads (the first one)
    answered = answer_population(MEMBERS, SEED, 1, opened.results)
    assert len(answered.answered) == 1 and len(answered.ignored) == 1
    generate_bundle(tmp_path / "r2.zip", members=MEMBERS, seed=SEED, signing_key=cycle.signing,
                    recipients=[cycle.recipient], fast=True, plans=answered.plans,
                    bundle_id="answer-1")
    imported = import_bundle(cycle.workspace.login("examiner"), tmp_path / "r2.zip")
    assert imported.updated == 1 and imported.resubmitted_cases == 1
    assert imported.unchanged == MEMBERS - 1
    back = examiner.open_case(first)
    assert back.status is CaseStatus.IN_REVIEW and back.assignee_name == "examiner"
    assert back.checks and back.checks[0].verdict == "deficient"  # the examiner's work stays
    assert back.notices[0].answered_at is not None and not back.notices[0].answered_late
    new_files = [a.name for d in back.documents for a in d.attachments if a.is_new]
    assert len(new_files) == 1 and new_files[0].startswith("再提出_")
    still = examiner.open_case(second, take=False)
    assert still.status is CaseStatus.NOTICE_SENT and still.notices[0].answered_at is None
    assert not any(a.is_new for d in still.documents for a in d.attachments)
    queue = QueueService(cycle.workspace.login("examiner"))
    assert queue.count(QueueFilter(status=CaseStatus.NOTICE_SENT)) == 1

    # the examiner accepts the new file and proposes; the supervisor approves
    examiner.save_document_check(first, DocumentReview(back.checks[0].document_key,
                                                       ReviewStatus.OK),
                                 back.checks[0].version)
    evaluation = examiner.evaluate(first)
    version = examiner.open_case(first).version
    verdict = Verdict(evaluation.verdict)
    if verdict is Verdict.NEEDS_REVIEW:
        verdict = Verdict.CONTINUE
    version = examiner.propose(first, verdict, evaluation.exclusion.date
                               if verdict is Verdict.EXCLUDE else None, "確認済み", version)
    CaseService(supervisor_ws).approve(first, "", version)

    third = export_results(supervisor_ws, tmp_path / "results-3.zip")
    changed = cycle.read(tmp_path / "results-3.zip").results
    # the decided case, and the other dependents of the member that answered (now reviewed at
    # their new revision)
    assert third.sequence == 3
    assert {r.member_id for r in changed} == {back.insured.member_id}
    assert {r.reviewed_revision for r in changed} == {2}
    [decided] = [r for r in changed if r.dependent_id == back.dependent.dependent_id]
    assert decided.status in (ResultStatus.CONTINUED, ResultStatus.EXCLUDED,
                              ResultStatus.RECERTIFIED)
    assert decided.decided_at is not None and decided.notices[0].answered_at is not None
    everything = export_results(supervisor_ws, tmp_path / "results-4.zip", full=True)
    assert everything.full and everything.dependents == len(cycle.case_ids())
    admin = cycle.workspace.login("admin")
    with admin.transaction(readonly=True) as db:
        events = list(db.scalars(select(AuditEvent).where(AuditEvent.action == "results.export")))
        assert [json.loads(e.details)["sequence"] for e in events] == [1, 2, 3, 4]
        assert all(detail.dependent.name not in e.details for e in events)
    status = main(["audit", "verify", "--workspace", str(cycle.workspace.dir)])
    assert status == 0


def test_only_supervisors_and_admins_export(cycle: Cycle, tmp_path: Path) -> None:
    with pytest.raises(PermissionDenied):
        export_results(cycle.workspace.login("examiner"), tmp_path / "r.zip")
    assert not (tmp_path / "r.zip").exists()
    export_results(cycle.workspace.login("admin"), tmp_path / "r.zip")
    assert (tmp_path / "r.zip").exists()


def test_an_unwritable_target_changes_nothing(cycle: Cycle, tmp_path: Path) -> None:
    supervisor = cycle.workspace.login("supervisor")
    for target in (tmp_path / "no-such-folder" / "r.zip", tmp_path):
        with pytest.raises(OutputNotWritable) as info:
            export_results(supervisor, target)
        assert "書き出せません" in info.value.message("ja")
    with supervisor.transaction(readonly=True) as db:
        assert db.scalar(select(func.count()).select_from(ResultsExport)) == 0
        assert db.scalar(select(func.count()).select_from(ResultMark)) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    # and the next good export is still number 1
    assert export_results(supervisor, tmp_path / "ok.zip").sequence == 1


def test_a_failure_after_writing_leaves_no_file_and_no_row(
        cycle: Cycle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    supervisor = cycle.workspace.login("supervisor")

    def broken_audit(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("disk full while auditing")

    monkeypatch.setattr(supervisor, "audit", broken_audit)
    with pytest.raises(RuntimeError):
        export_results(supervisor, tmp_path / "r.zip")
    assert sorted(p.name for p in tmp_path.iterdir() if "r.zip" in p.name) == []
    with supervisor.transaction(readonly=True) as db:
        assert db.scalar(select(func.count()).select_from(ResultsExport)) == 0


def test_the_web_system_key_must_be_x25519_and_pinned(
        workspace: WorkspaceFixture, tmp_path: Path) -> None:
    admin = workspace.login("admin")
    with pytest.raises(UserError) as missing:
        export_results(admin, tmp_path / "r.zip")
    assert missing.value.code == "web_system_key_missing"
    signing = keys.generate_signing_key()
    with pytest.raises(InputError) as wrong:
        trust_web_system(admin, keys.public_key_to_text(signing.public_key()))
    assert wrong.value.code == "web_system_key_not_x25519"
    assert "trust-exporter" in wrong.value.message("ja")
    with pytest.raises(PermissionDenied):
        trust_web_system(workspace.login("supervisor"),
                         keys.public_key_to_text(keys.generate_recipient_key().public_key()))


def test_a_tampered_results_bundle_is_refused_by_both_readers(
        cycle: Cycle, tmp_path: Path) -> None:
    out = tmp_path / "r.zip"
    export_results(cycle.workspace.login("supervisor"), out)
    data = bytearray(out.read_bytes())
    index = data.find(b'"sequence":1')
    data[index + len(b'"sequence":')] = ord("7")
    bad = tmp_path / "bad.zip"
    bad.write_bytes(bytes(data))
    with pytest.raises(BundleError) as info:
        cycle.read(bad)
    assert info.value.code in ("bad_signature", "corrupt_zip")
    reader = _reference_reader()
    with pytest.raises((reader.ResultsError, Exception)):
        reader.read(str(bad), keys.private_key_bytes(cycle.web), keys.public_raw(cycle.signer()))
    other = keys.generate_recipient_key()
    with pytest.raises(BundleError) as not_ours:
        read_results(out, web_system_key=other, trusted_workspaces=[cycle.signer()])
    assert not_ours.value.code == "not_addressed"


def test_cli_trust_web_system_and_export_results(
        workspace: WorkspaceFixture, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    web = keys.generate_recipient_key()
    key_file = tmp_path / "web.pub"
    key_file.write_text(keys.public_key_to_text(web.public_key()) + "\n", encoding="utf-8")
    assert main(["trust-web-system", *workspace.args("admin"), str(key_file)]) == 0
    out = capsys.readouterr().out
    assert keys.key_id(web.public_key()) in out and "reviewer-app-ed25519" in out
    target = tmp_path / "results.zip"
    assert main(["export", "results", *workspace.args("supervisor"), "--out", str(target),
                 "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["sequence"] == 1 and summary["dependents"] == 0
    assert main(["export", "results", *workspace.args("examiner"), "--out",
                 str(tmp_path / "x.zip")]) != 0
    assert "承認者" in capsys.readouterr().err
    assert os.stat(target).st_size > 0


def test_a_workspace_made_before_results_gets_its_key_at_the_next_sign_in(
        workspace: WorkspaceFixture) -> None:
    from reviewer_app.store import settings
    from reviewer_app.store.models import Setting

    admin = workspace.login("admin")
    with admin.transaction() as db:  # as a workspace made before migration 0002 looks
        for key in (settings.RESULTS_PUBLIC_KEY, settings.RESULTS_PRIVATE_KEY):
            db.delete(db.get(Setting, key))
    with admin.transaction(readonly=True) as db:
        assert settings.get_text(db, settings.RESULTS_PUBLIC_KEY) is None
    # the admin signs in first after an upgrade (on PostgreSQL only admins write settings)
    again = workspace.login("admin")
    with again.transaction(readonly=True) as db:
        text = settings.get_text(db, settings.RESULTS_PUBLIC_KEY)
    assert text is not None and text.startswith("reviewer-app-ed25519 ")

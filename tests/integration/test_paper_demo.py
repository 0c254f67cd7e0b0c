"""The demo has two paper members entered through the services (issue 14), one with the sample
generator's scanned payslips split by page range, and leaves a third survey for a newcomer, who
enters it through the CLI and takes it to approval."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer_app.commands.demo import DEMO_SEED, PAPER_FOLDER, ensure_demo_workspace
from reviewer_app.domain.vocabulary import CaseStatus, ReviewStatus, Verdict
from reviewer_app.review.deficiency import DocumentReview
from reviewer_app.services.casework import CaseService
from reviewer_app.services.paper import PaperCheckPending, PaperService
from reviewer_app.services.queue import QueueFilter, QueueService, QueueView
from reviewer_app.services.workspace import open_session

MEMBERS = 24  # three not-submitted dependents with payslips at DEMO_SEED


def test_the_demo_has_two_paper_members_and_a_third_to_enter(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer_app.cli import main

    demo = ensure_demo_workspace(tmp_path / "demo", members=MEMBERS, seed=DEMO_SEED)
    with open_session(demo.dir, "examiner2", demo.passwords["examiner2"]) as ws:
        rows = QueueService(ws).fetch(QueueFilter(view=QueueView.PAPER), 0, 50)
        assert len(rows) == 2 and all(r.paper for r in rows)
        paper = PaperService(ws)
        first, second = (paper.state(r.case_id) for r in rows)
        scanned = first if first.checked else second
        waiting = second if scanned is first else first
        assert scanned.checked and scanned.entered_by == "examiner"
        assert scanned.checked_by == "examiner2"
        assert waiting.awaiting_check
        detail = CaseService(ws).open_case(scanned.case_id, take=False)
        files = [a for d in detail.documents for a in d.attachments]
        assert [a.page_count for a in files] == [6, 6]
        with pytest.raises(PaperCheckPending):
            CaseService(ws).open_case(waiting.case_id)
        paper.check(waiting.case_id)
        assert CaseService(ws).open_case(waiting.case_id).status is CaseStatus.IN_REVIEW

    # a newcomer enters the third from its scanned PDF and takes it to approval
    folder = demo.dir / PAPER_FOLDER
    hint = (folder / "README.txt").read_text(encoding="utf-8")
    member = hint.split("--member ")[1].split()[0]
    dependent = hint.split("--dependent ")[1].split()[0]
    pages = json.loads((folder / "answers.json").read_text(encoding="utf-8"))
    assert pages["occupations"][0]["occupation"] == "part_time"
    pw = {name: tmp_path / f"{name}.pw" for name in ("examiner", "examiner2", "supervisor")}
    for name, path in pw.items():
        path.write_text(demo.passwords[name] + "\n", encoding="utf-8")

    def args(name: str) -> list[str]:
        return ["--workspace", str(demo.dir), "--user", name, "--password-file", str(pw[name])]

    person = ["--member", member, "--dependent", dependent]
    # a sibling who answered on the web, in review: the paper entry does not touch their case
    sibling = dependent[:-1] + "0"
    with open_session(demo.dir, "examiner2", demo.passwords["examiner2"]) as ws:
        sibling_case = PaperService(ws).find(member, sibling).case_id
        assert CaseService(ws).open_case(sibling_case).status is CaseStatus.IN_REVIEW
    assert main(["paper", "add", *args("examiner"), *person, "--answers",
                 str(folder / "answers.json"), "--attach",
                 f"payslip={folder / 'scan.pdf'}@1-12"]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]
    with open_session(demo.dir, "examiner2", demo.passwords["examiner2"]) as ws:
        untouched = CaseService(ws).open_case(sibling_case, take=False)
        assert not untouched.updated_after_review and untouched.dependent.answers is not None
    assert main(["paper", "check", *args("examiner2"), *person]) == 0
    with open_session(demo.dir, "examiner", demo.passwords["examiner"]) as ws:
        service = CaseService(ws)
        detail = service.open_case(case_id)
        [payslip] = [d for d in detail.documents if d.kind == "payslip"]
        assert [a.page_count for a in payslip.attachments] == [12]
        service.save_document_check(case_id, DocumentReview(
            payslip.document_key, ReviewStatus.OK, None, ""), None)
        version = service.propose(case_id, Verdict.CONTINUE, None, "紙の調査票",
                                  service.open_case(case_id).version)
    with open_session(demo.dir, "supervisor", demo.passwords["supervisor"]) as ws:
        CaseService(ws).approve(case_id, "", version)
        assert CaseService(ws).open_case(case_id, take=False).status is CaseStatus.DONE

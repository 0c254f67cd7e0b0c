"""The log file after a full demo session holds ids and event codes, never the demo's people
(issue 10 §4): names, kana, 記号番号, amounts, members' file names, passwords, the society's
contact text. The session runs in child processes, each with the log folder pointed at a
temporary one, as the packaged application would write it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewer_app.services.casework import CaseService
from reviewer_app.services.queue import QueueFilter, QueueService
from reviewer_app.services.workspace import open_session

pytestmark = pytest.mark.slow

SESSION = textwrap.dedent("""
    import sys
    from datetime import date
    from pathlib import Path

    from reviewer_app import applog
    from reviewer_app.commands.demo import read_passwords
    from reviewer_app.errors import UserError
    from reviewer_app.services.casework import CaseService
    from reviewer_app.services.queue import QueueFilter, QueueService
    from reviewer_app.services.workspace import open_session
    from reviewer_app.store.enums import Verdict

    applog.setup()
    directory = Path(sys.argv[1])
    passwords = read_passwords(directory)
    try:
        open_session(directory, "examiner", "wrong-" + passwords["examiner"])
    except UserError:
        pass
    with open_session(directory, "examiner", passwords["examiner"]) as ws:
        service = CaseService(ws)
        rows = QueueService(ws).fetch(QueueFilter(), offset=0, limit=100)
        for index, row in enumerate(rows[:3]):
            detail = service.open_case(row.case_id)
            for document in detail.documents:
                for attachment in document.attachments:
                    service.attachment_bytes(attachment.attachment_id)
            sheet = dict(detail.income_sheet)
            sheet["insured"] = {"annual_income": 7_654_321 + index}
            service.save_income_sheet(row.case_id, sheet, detail.income_version)
        case_id = rows[0].case_id
        version = service.open_case(case_id).version
        version = service.propose(case_id, Verdict.EXCLUDE, date(2024, 2, 1),
                                  "収入超過のため", version)
        # An unexpected error whose message quotes personal data, as a driver's might.
        try:
            raise ValueError(f"row {rows[0].dependent_name} {rows[0].card} 7,654,321")
        except ValueError as exc:
            import logging
            applog.log_unexpected(logging.getLogger("session"), "injected", exc)
    with open_session(directory, "supervisor", passwords["supervisor"]) as ws:
        CaseService(ws).approve(case_id, "", version)
""")


def _env(log_dir: Path) -> dict[str, str]:
    return {**os.environ, "REVIEWER_APP_LOG_DIR": str(log_dir), "QT_QPA_PLATFORM": "offscreen"}


def _run(args: list[str], log_dir: Path, cwd: Path) -> str:
    proc = subprocess.run(args, env=_env(log_dir), cwd=cwd, capture_output=True, text=True,
                          timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # Nothing from a library on the terminal (the log file has it).
    assert "alembic" not in proc.stderr and "INFO " not in proc.stderr, proc.stderr
    return proc.stdout


def test_a_full_demo_session_logs_no_personal_data(tmp_path: Path) -> None:
    log_dir = tmp_path / "log"
    demo = tmp_path / "demo"
    cli = [sys.executable, "-m", "reviewer_app"]
    _run([*cli, "demo", "--workspace", str(demo), "--members", "6", "--no-window"],
         log_dir, tmp_path)
    from reviewer_app.commands.demo import read_passwords

    passwords = read_passwords(demo)
    _run([sys.executable, "-c", SESSION, str(demo)], log_dir, tmp_path)
    (tmp_path / "supervisor.txt").write_text(passwords["supervisor"] + "\n", encoding="utf-8")
    supervisor = ["--workspace", str(demo), "--user", "supervisor",
                  "--password-file", str(tmp_path / "supervisor.txt")]
    _run([*cli, "export", "letters", *supervisor, "--out", str(tmp_path / "letters.pdf")],
         log_dir, tmp_path)
    _run([*cli, "export", "exclusions", *supervisor, "--format", "csv", "--out",
          str(tmp_path / "exclusions.csv")], log_dir, tmp_path)
    (tmp_path / "examiner.txt").write_text(passwords["examiner"] + "\n", encoding="utf-8")
    _run([*cli, "cases", "--workspace", str(demo), "--user", "examiner", "--password-file",
          str(tmp_path / "examiner.txt"), "--json"], log_dir, tmp_path)
    _run([*cli, "gui", "--workspace", str(demo), "--smoke-test", "--user", "examiner",
          "--password-file", str(tmp_path / "examiner.txt")], log_dir, tmp_path)

    log = (log_dir / "reviewer-app.log").read_text(encoding="utf-8")
    # What the log is for: ids and event codes of everything that happened.
    for expected in ("command demo finished with status 0", "event bundle.import import:",
                     "event login.failed", "event income.save case:", "event case.propose",
                     "event case.approve", "event export.letters", "smoke test passed",
                     "ValueError (message withheld", "Traceback (most recent call last)"):
        assert expected in log, expected

    secrets_and_people: set[str] = set(passwords.values())
    with open_session(demo, "examiner", passwords["examiner"]) as ws:
        service = CaseService(ws)
        for row in QueueService(ws).fetch(QueueFilter(), offset=0, limit=1000):
            secrets_and_people |= {row.insured_name, row.dependent_name, row.dependent_kana,
                                   row.card, *row.dependent_name.split(), *row.card.split("-")}
            detail = service.open_case(row.case_id, take=False)
            for document in detail.documents:
                secrets_and_people |= {a.name for a in document.attachments}
    amounts = {"7654321", "7,654,321", "7654322", "7,654,322", "7654323", "7,654,323"}
    contact = {"業務部 適用グループ", "架空町", "03-0000-0000"}
    # Short fragments (a one-character given name, a 2-digit card part) would match anything.
    needles = {s for s in secrets_and_people | amounts | contact if len(s) >= 3 or
               (any(ord(c) > 0x2FFF for c in s) and len(s) >= 2)}
    found = sorted(needle for needle in needles if needle in log)
    assert found == [], found

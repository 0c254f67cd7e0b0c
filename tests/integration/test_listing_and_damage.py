"""Issue 8 §7–8: listings are audited (which cases, never the search text), and one damaged or
altered row shows as one damaged case instead of breaking the queue and the case list."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_bundles import submission_dict
from helpers_import import (  # noqa: F401 (ws_fixture provides the fixture ws)
    Ws,
    bundle_keys,
    write_bundle,
    ws_fixture,
)
from sqlalchemy import create_engine, select, text

from reviewer_app.cli import main
from reviewer_app.services.case_errors import CaseDamaged
from reviewer_app.services.casework import CaseService
from reviewer_app.services.importing import import_bundle
from reviewer_app.services.queue import QueueFilter, QueueService
from reviewer_app.store.models import AuditEvent

FILES = [("f-a1", "image/png")]


def _imported(ws: Ws, tmp_path: Path, members: int = 3) -> None:
    keys = bundle_keys(ws)
    path = write_bundle(tmp_path / "b.zip", keys,
                        [submission_dict(n, [(f"f-{n}", "image/png")]) for n in
                         range(1, members + 1)])
    with ws.login("examiner") as session:
        import_bundle(session, path)


def _events(ws: Ws, action: str) -> list[dict[str, object]]:
    with ws.login("admin") as session, session.transaction(readonly=True) as db:
        return [json.loads(e.details) for e in db.scalars(
            select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.seq))]


def _swap_sealed_names(ws: Ws) -> None:
    """What an attacker with the database's own client does: move one dependent's sealed
    personal data onto another row (both still "valid" ciphertext)."""
    engine = create_engine(ws.url)
    with engine.begin() as conn:
        rows = conn.execute(text("SELECT id, personal_sealed FROM dependents ORDER BY id")).all()
        conn.execute(text("UPDATE dependents SET personal_sealed = :p WHERE id = :i"),
                     {"p": rows[0][1], "i": rows[1][0]})
    engine.dispose()


def test_queue_pages_are_audited_with_case_ids_and_a_mac_of_the_search(
        ws: Ws, tmp_path: Path) -> None:
    _imported(ws, tmp_path)
    with ws.login("examiner") as session:
        rows = QueueService(session).fetch(QueueFilter(search="御室 花子"), 0, 50)
    assert len(rows) == 3
    event = _events(ws, "queue.list")[-1]
    assert event["case_ids"] == [r.case_id for r in rows]
    assert event["count"] == 3 and isinstance(event["search_mac"], str)
    assert "花子" not in json.dumps(event, ensure_ascii=False)
    assert "オムロ" not in json.dumps(event, ensure_ascii=False)


def test_the_same_search_gives_the_same_mac_and_another_search_another(
        ws: Ws, tmp_path: Path) -> None:
    _imported(ws, tmp_path)
    with ws.login("examiner") as session:
        service = QueueService(session)
        for query in ("御室 花子", "御室花子", "御室 太郎"):
            service.fetch(QueueFilter(search=query), 0, 50)
    macs = [e["search_mac"] for e in _events(ws, "queue.list")[-3:]]
    assert macs[0] == macs[1] != macs[2]


def test_cases_cli_listing_is_audited(ws: Ws, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    _imported(ws, tmp_path)
    assert main(["cases", *ws.args("examiner"), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    event = _events(ws, "cases.list")[-1]
    assert event["count"] == len(listed) == 3
    assert event["case_ids"] == [c["case_id"] for c in listed]


def test_a_swapped_sealed_value_is_one_damaged_row_not_a_broken_queue(
        ws: Ws, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _imported(ws, tmp_path)
    _swap_sealed_names(ws)
    with ws.login("examiner") as session:
        rows = QueueService(session).fetch(QueueFilter(), 0, 50)
        assert [r.damaged for r in rows] == [False, True, False]
        assert rows[1].dependent_name == "" and rows[0].dependent_name == "御室 花子"
        service = CaseService(session)
        with pytest.raises(CaseDamaged) as refused:
            service.open_case(rows[1].case_id)
        assert "管理者" in refused.value.ja
        assert service.open_case(rows[2].case_id).case_id == rows[2].case_id
    assert main(["cases", *ws.args("examiner"), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [c["damaged"] for c in listed] == [False, True, False]
    assert _events(ws, "case.damaged")  # the administrator can find it in the audit trail

"""Issue 8 §8: an older export never turns a survey's settings back, and an insurer's data comes
only from the exporter key it is bound to (another pinned key is refused, storing nothing)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from helpers_bundles import CREATED_AT, BundleKeys, insurer, submission_dict, survey
from helpers_import import (  # noqa: F401 (ws_fixture provides the fixture ws)
    Ws,
    bundle_keys,
    write_bundle,
    ws_fixture,
)
from sqlalchemy import select

from reviewer_app.bundle import schema
from reviewer_app.cli import main
from reviewer_app.errors import InputError
from reviewer_app.security import keys as key_text
from reviewer_app.services.exporters import trust_exporter
from reviewer_app.services.importing import InsurerOfOtherExporter, import_bundle
from reviewer_app.store.models import Insurer, Member, Survey

FILES = [("f-a1", "image/png")]


def _survey_row(ws: Ws) -> tuple[str, date, date, str]:
    with ws.login("examiner") as session, session.transaction(readonly=True) as db:
        row = db.scalars(select(Survey)).one()
        return (row.name, row.submission_deadline, row.non_submission_exclusion_date,
                row.insurer.name)


def _other_settings() -> tuple[schema.Insurer, schema.Survey]:
    s = survey().model_copy(update={"submission_deadline": date(2024, 7, 1),
                                    "non_submission_exclusion_date": date(2024, 7, 2),
                                    "name": "古い調査名"})
    return schema.Insurer(code=insurer().code, name="改名された健保"), s


def test_an_older_export_keeps_the_surveys_settings(ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    new = write_bundle(tmp_path / "new.zip", keys, [submission_dict(1, FILES)],
                       bundle_id="b-new")
    old_insurer, old_survey = _other_settings()
    old = write_bundle(tmp_path / "old.zip", keys, [submission_dict(2, FILES)],
                       bundle_id="b-old", created_at=CREATED_AT - timedelta(days=3),
                       insurer=old_insurer, survey=old_survey)
    with ws.login("examiner") as session:
        import_bundle(session, new)
        before = _survey_row(ws)
        summary = import_bundle(session, old)
    assert summary.new == 1  # its member is imported all the same
    assert _survey_row(ws) == before
    assert before[1:3] == (date(2024, 8, 25), date(2024, 9, 1))


def test_a_newer_export_updates_the_surveys_settings(ws: Ws, tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    first = write_bundle(tmp_path / "a.zip", keys, [submission_dict(1, FILES)], bundle_id="b-a")
    new_insurer, new_survey = _other_settings()
    later = write_bundle(tmp_path / "b.zip", keys, [submission_dict(2, FILES)], bundle_id="b-b",
                         created_at=CREATED_AT + timedelta(days=1), insurer=new_insurer,
                         survey=new_survey)
    with ws.login("examiner") as session:
        import_bundle(session, first)
        import_bundle(session, later)
    assert _survey_row(ws) == ("古い調査名", date(2024, 7, 1), date(2024, 7, 2), "改名された健保")


def test_another_pinned_exporter_cannot_speak_for_a_bound_insurer(ws: Ws,
                                                                   tmp_path: Path) -> None:
    keys = bundle_keys(ws)
    intruder = bundle_keys(ws)  # also pinned by the admin: trusted, but for other insurers
    write_bundle(tmp_path / "a.zip", keys, [submission_dict(1, FILES)], bundle_id="b-a")
    forged = write_bundle(tmp_path / "f.zip", intruder, [submission_dict(2, FILES)],
                          bundle_id="b-f", created_at=CREATED_AT + timedelta(days=1),
                          insurer=_other_settings()[0], survey=_other_settings()[1])
    with ws.login("examiner") as session:
        import_bundle(session, tmp_path / "a.zip")
        before = ws.snapshot()
        with pytest.raises(InsurerOfOtherExporter) as refused:
            import_bundle(session, forged)
    assert ws.snapshot() == before
    assert "trust-exporter --replaces" in refused.value.ja
    assert _survey_row(ws)[1] == date(2024, 8, 25)


def test_replaces_hands_the_insurer_over_to_a_new_key(ws: Ws, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    old_keys = bundle_keys(ws)
    new_keys = BundleKeys(key_text.generate_signing_key(), old_keys.recipient_public)
    write_bundle(tmp_path / "a.zip", old_keys, [submission_dict(1, FILES)], bundle_id="b-a")
    later = write_bundle(tmp_path / "b.zip", new_keys, [submission_dict(2, FILES)],
                         bundle_id="b-b", created_at=CREATED_AT + timedelta(days=1))
    with ws.login("examiner") as session:
        import_bundle(session, tmp_path / "a.zip")
    old_id = key_text.key_id(old_keys.signing.public_key())
    new_text = key_text.public_key_to_text(new_keys.signing.public_key())
    assert main(["trust-exporter", *ws.args("admin"), new_text, "--replaces", old_id]) == 0
    with ws.login("examiner") as session:
        assert import_bundle(session, later).new == 1
        with session.transaction(readonly=True) as db:
            assert db.scalars(select(Insurer.exporter_key_id)).one() == key_text.key_id(
                new_keys.signing.public_key())
            assert len(db.scalars(select(Member)).all()) == 2


def test_replaces_names_an_unknown_key_clearly(ws: Ws) -> None:
    with ws.login("admin") as admin, pytest.raises(InputError) as refused:
        trust_exporter(admin, key_text.public_key_to_text(
            key_text.generate_signing_key().public_key()), replaces="0" * 32)
    assert "登録されていません" in refused.value.ja


def test_hostile_member_text_is_stored_and_listed_neutralised(ws: Ws, tmp_path: Path) -> None:
    # issue 8 §8: bidi overrides, line breaks and NUL in names and file names
    data = submission_dict(1, FILES)
    data["insured"]["name"] = "御室\u202e太郎"
    data["dependents"][0]["name"] = "御室\n花子\x00"
    data["dependents"][0]["required_documents"][0]["files"][0]["original_name"] = \
        "明細\u202efdp.exe"
    keys = bundle_keys(ws)
    path = write_bundle(tmp_path / "h.zip", keys, [data])
    with ws.login("examiner") as session:
        import_bundle(session, path)
        from reviewer_app.services.casework import CaseService
        from reviewer_app.services.queue import QueueFilter, QueueService

        row = QueueService(session).fetch(QueueFilter(), 0, 10)[0]
        assert (row.insured_name, row.dependent_name) == ("御室太郎", "御室 花子\ufffd")
        detail = CaseService(session).open_case(row.case_id)
        names = [a.name for d in detail.documents for a in d.attachments]
        assert names == ["明細fdp.exe"]
        assert detail.dependent.name == "御室 花子\ufffd"

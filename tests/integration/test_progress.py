"""The survey's progress (services.progress, ``reviewer-app progress``) on SQLite and PostgreSQL,
after driving cases through take, notice, propose and approve with the real services."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from casework_fixtures import PersonSpec, seed_case
from sheets import OVER_FROM_MARCH, UNDER_ALL_YEAR, employer, with_employers
from sqlalchemy import select, update
from workspace_fixture import WorkspaceFixture

from reviewer_app.cli import main
from reviewer_app.domain.vocabulary import ReviewStatus, Verdict
from reviewer_app.review.deficiency import DeficiencyReason, DocumentReview
from reviewer_app.services.casework import CaseService
from reviewer_app.services.errors import PermissionDenied
from reviewer_app.services.progress import (
    MAX_POINTS,
    SurveyNotFound,
    progress_report,
    sample_days,
)
from reviewer_app.services.users import add_user
from reviewer_app.store.models import AuditEvent, Case, Decision, Dependent
from reviewer_app.store.models import DeficiencyNotice as NoticeRow

PDF = [(b"%PDF-1.4 x", "application/pdf", "給与.pdf")]


@dataclass(frozen=True)
class Driven:
    ids: dict[str, int]  # role in the scenario -> case id


def _exclude(service: CaseService, case_id: int) -> int:
    detail = service.open_case(case_id)
    sheet = with_employers(detail.income_sheet, employer(OVER_FROM_MARCH))
    service.save_income_sheet(case_id, sheet, detail.income_version)
    version = service.open_case(case_id).version
    return service.propose(case_id, Verdict.EXCLUDE, date(2024, 2, 1), "3か月連続で超過", version)


def _continue(service: CaseService, case_id: int) -> int:
    # Issue 13: 扶養継続 needs something entered or checked, so the salaries within the limit
    # are entered first.
    detail = service.open_case(case_id)
    sheet = with_employers(detail.income_sheet, employer(UNDER_ALL_YEAR))
    service.save_income_sheet(case_id, sheet, detail.income_version)
    version = service.open_case(case_id).version
    return service.propose(case_id, Verdict.CONTINUE, None, "収入は限度内と確認", version)


def _notice(service: CaseService, case_id: int, key: str, deadline: date) -> int:
    service.open_case(case_id)
    service.save_document_check(case_id, DocumentReview(
        key, ReviewStatus.DEFICIENT, DeficiencyReason.MONTHS_MISSING, "3月分がない"), None)
    return service.record_notice(case_id, deadline, service.open_case(case_id).version,
                                 issued_on=date(2024, 9, 2))


def _at(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=UTC)


@pytest.fixture
def driven(workspace: WorkspaceFixture) -> Driven:
    """Nine cases in two offices, driven to every status by two examiners and a supervisor.

    office 001 本社: excluded (done), continued (done), proposed, notice due 9/10, notice due 9/30
    office 002 大阪支店: notice answered (back in review), not started + nothing submitted,
    not started, in review
    """
    admin = workspace.login("admin")
    add_user(admin, "examiner2", "examiner", workspace.accounts["examiner"].password)
    names = ["excluded", "continued", "proposed", "notice_due_0910", "notice_due_0930",
             "notice_answered", "not_submitted", "untouched", "in_review"]
    seeded = {}
    for n, name in enumerate(names, 1):
        office = ("001", "本社") if n <= 5 else ("002", "大阪支店")
        seeded[name] = seed_case(admin, PersonSpec(n, office_code=office[0],
                                                   office_name=office[1], files=PDF))
    ids = {name: s.case_id for name, s in seeded.items()}
    keys = {name: s.document_key for name, s in seeded.items()}
    examiner = CaseService(workspace.login("examiner"))
    from reviewer_app.services.workspace import open_session

    examiner2_ws = open_session(workspace.dir, "examiner2", workspace.accounts["examiner"].password)
    workspace._sessions.append(examiner2_ws)
    examiner2 = CaseService(examiner2_ws)
    supervisor = CaseService(workspace.login("supervisor"))

    supervisor.approve(ids["excluded"], "", _exclude(examiner, ids["excluded"]))
    supervisor.approve(ids["continued"], "", _continue(examiner, ids["continued"]))
    _exclude(examiner, ids["proposed"])
    _notice(examiner, ids["notice_due_0910"], keys["notice_due_0910"], date(2024, 9, 10))
    _notice(examiner, ids["notice_due_0930"], keys["notice_due_0930"], date(2024, 9, 30))
    _notice(examiner2, ids["notice_answered"], keys["notice_answered"], date(2024, 9, 10))
    examiner2.open_case(ids["in_review"])

    with workspace.owner_transaction() as db:
        # What the importer does when a newer revision arrives after a notice (issue 7 §3): the
        # notice is answered and the case goes back to review; and the web system reports a
        # dependent with nothing uploaded as not_submitted.
        db.execute(update(NoticeRow).where(NoticeRow.case_id == ids["notice_answered"])
                   .values(answered_at=_at(2024, 9, 8, 3), answered_revision=2))
        db.execute(update(Case).where(Case.id == ids["notice_answered"])
                   .values(status="in_review", resubmitted_at=_at(2024, 9, 8, 4)))
        db.execute(update(Dependent).where(Dependent.id == _dependent_of(db, ids["not_submitted"]))
                   .values(member_status="not_submitted"))
        # Decisions happened "now"; move them into the survey's season to test the series, the
        # approval of "excluded" at 23:30 UTC: already the next day in Japan.
        times = {("excluded", "proposal"): _at(2024, 8, 1, 1),
                 ("excluded", "approval"): _at(2024, 8, 3, 23, 30),
                 ("continued", "proposal"): _at(2024, 8, 5, 2),
                 ("continued", "approval"): _at(2024, 8, 6, 2),
                 ("proposed", "proposal"): _at(2024, 9, 1, 2)}
        for (name, kind), at in times.items():
            db.execute(update(Decision).where(Decision.case_id == ids[name], Decision.kind == kind)
                       .values(decided_at=at))
    return Driven(ids)


def _dependent_of(db: Any, case_id: int) -> int:
    return int(db.scalar(select(Case.dependent_id).where(Case.id == case_id)))


def test_counts_by_status_verdict_holder_and_office(
        workspace: WorkspaceFixture, driven: Driven) -> None:
    report = progress_report(workspace.login("supervisor"), date(2024, 9, 20))
    assert report.by_status.as_json() == {"not_started": 2, "in_review": 2, "notice_sent": 2,
                                          "awaiting_approval": 1, "done": 2}
    assert report.total == 9
    assert report.done_by_verdict.as_json() == {"continue": 1, "exclude": 1, "other": 0}
    holders = {h.name: h.counts.as_json() for h in report.holders}
    assert holders == {
        "examiner": {"not_started": 0, "in_review": 0, "notice_sent": 2,
                     "awaiting_approval": 1, "done": 2},
        "examiner2": {"not_started": 0, "in_review": 2, "notice_sent": 0,
                      "awaiting_approval": 0, "done": 0}}
    assert report.unassigned.as_json() == {"not_started": 2, "in_review": 0, "notice_sent": 0,
                                           "awaiting_approval": 0, "done": 0}
    assert [o.as_json() for o in report.offices] == [
        {"office_code": "001", "office_name": "本社", "total": 5, "done": 2},
        {"office_code": "002", "office_name": "大阪支店", "total": 4, "done": 0}]
    assert report.non_submitters == 1


def test_overdue_notices_depend_on_the_day_asked_for(
        workspace: WorkspaceFixture, driven: Driven) -> None:
    ws = workspace.login("supervisor")
    early = progress_report(ws, date(2024, 9, 5)).notices
    assert early.as_json() == {"outstanding": 2, "overdue": 0, "answered": 1}
    # On the deadline itself a notice is not yet overdue; the day after it is.
    assert progress_report(ws, date(2024, 9, 10)).notices.overdue == 0
    assert progress_report(ws, date(2024, 9, 11)).notices.as_json() == {
        "outstanding": 2, "overdue": 1, "answered": 1}
    assert progress_report(ws, date(2024, 10, 1)).notices.overdue == 2


def test_deadline_days_left_count_down_and_go_negative(
        workspace: WorkspaceFixture, driven: Driven) -> None:
    ws = workspace.login("admin")
    before = progress_report(ws, date(2024, 8, 20))
    assert before.days_left == 5
    assert before.survey.submission_deadline == date(2024, 8, 25)
    assert before.survey.non_submission_exclusion_date == date(2024, 9, 1)
    assert progress_report(ws, date(2024, 8, 25)).days_left == 0
    assert progress_report(ws, date(2024, 9, 20)).days_left == -26


def test_series_is_cumulative_per_japanese_day(workspace: WorkspaceFixture, driven: Driven) -> None:
    report = progress_report(workspace.login("supervisor"), date(2024, 9, 20))
    series = {p.day: (p.proposed, p.done) for p in report.series}
    # From the survey's answer start (no earlier import) to today, one point a day.
    assert report.series[0].day == date(2024, 7, 1)
    assert report.series[-1].day == date(2024, 9, 20)
    assert len(report.series) == (date(2024, 9, 20) - date(2024, 7, 1)).days + 1
    assert series[date(2024, 7, 31)] == (0, 0)
    assert series[date(2024, 8, 1)] == (1, 0)
    assert series[date(2024, 8, 3)] == (1, 0)  # approved 23:30 UTC = 8:30 the next day in JST
    assert series[date(2024, 8, 4)] == (1, 1)
    assert series[date(2024, 8, 6)] == (2, 2)
    assert series[date(2024, 9, 20)] == (3, 2)
    # Asked for an earlier day, later decisions are not in the series.
    earlier = progress_report(workspace.login("supervisor"), date(2024, 8, 4))
    assert (earlier.series[-1].proposed, earlier.series[-1].done) == (1, 1)


def test_series_starts_at_an_import_before_the_answer_start(workspace: WorkspaceFixture,
                                                           driven: Driven) -> None:
    from reviewer_app.store.models import Import, Survey

    ws = workspace.login("admin")
    with ws.transaction() as db:
        survey_id = db.scalar(select(Survey.id))
        db.add(Import(bundle_id="early", file_sha256="0" * 64, exporter_key_id="k",
                      survey_id=survey_id, bundle_created_at=_at(2024, 6, 24, 0),
                      imported_at=_at(2024, 6, 24, 16), imported_by_id=ws.user.id))
    report = progress_report(ws, date(2024, 9, 20))
    assert report.series[0].day == date(2024, 6, 25)  # 16:00 UTC is the next day in Japan


def test_a_long_season_is_thinned_to_at_most_max_points() -> None:
    days = sample_days(date(2024, 1, 1), date(2026, 12, 2))
    assert len(days) <= MAX_POINTS
    assert days[0] == date(2024, 1, 1) and days[-1] == date(2026, 12, 2)
    assert days == sorted(set(days))
    assert sample_days(date(2024, 9, 1), date(2024, 9, 1)) == [date(2024, 9, 1)]
    assert len(sample_days(date(2024, 9, 1), date(2024, 9, 1) + timedelta(days=119))) == 120


def test_examiners_may_not_see_the_progress(workspace: WorkspaceFixture, driven: Driven) -> None:
    with pytest.raises(PermissionDenied) as info:
        progress_report(workspace.login("examiner"), date(2024, 9, 20))
    assert "進捗の表示" in info.value.message("ja")


def test_viewing_is_audited_without_personal_data(
        workspace: WorkspaceFixture, driven: Driven) -> None:
    ws = workspace.login("supervisor")
    report = progress_report(ws, date(2024, 9, 20))
    with ws.transaction(readonly=True) as db:
        [event] = db.scalars(select(AuditEvent).where(AuditEvent.action == "progress.view"))
    assert event.actor == "supervisor" and event.subject == f"survey:{report.survey.survey_id}"
    details = json.loads(event.details)
    assert details["cases"] == 9 and "offices" in details["sections"]
    for personal in ("御室", "オムロ", "45678", "本社"):
        assert personal not in event.details


def test_an_empty_workspace_says_to_import_first(workspace: WorkspaceFixture) -> None:
    with pytest.raises(SurveyNotFound) as info:
        progress_report(workspace.login("supervisor"), date(2024, 9, 20))
    assert "取り込" in info.value.message("ja")
    with pytest.raises(SurveyNotFound):
        progress_report(workspace.login("supervisor"), date(2024, 9, 20), survey_id=99)


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_progress_json_has_stable_keys_and_the_counts(
        workspace: WorkspaceFixture, driven: Driven, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _cli(capsys, "progress", *workspace.args("supervisor"), "--json",
                            "--today", "2024-09-20")
    assert status == 0, err
    data = json.loads(out)
    assert list(data) == ["survey", "today", "days_left", "total", "by_status",
                          "done_by_verdict", "holders", "unassigned", "offices", "notices",
                          "non_submitters", "series"]
    assert data["today"] == "2024-09-20" and data["days_left"] == -26 and data["total"] == 9
    assert data["by_status"]["done"] == 2 and data["done_by_verdict"]["exclude"] == 1
    assert data["notices"] == {"outstanding": 2, "overdue": 1, "answered": 1}
    assert [h["name"] for h in data["holders"]] == ["examiner", "examiner2"]
    assert data["holders"][0]["total"] == 5 and data["unassigned"]["total"] == 2
    assert data["series"][-1] == {"date": "2024-09-20", "proposed": 3, "done": 2}
    assert "御室" not in out and "45678" not in out


def test_cli_progress_text_in_japanese_and_english(
        workspace: WorkspaceFixture, driven: Driven, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    status, out, _ = _cli(capsys, "progress", *workspace.args("admin"), "--today", "2024-08-20")
    assert status == 0
    assert "あと 5 日" in out and "完了 2" in out and "大阪支店\t4\t0" in out
    assert "未回答 2（うち期限切れ 0）" in out
    monkeypatch.setenv("REVIEWER_APP_LANG", "en")
    status, out, _ = _cli(capsys, "progress", *workspace.args("admin"), "--today", "2024-08-20")
    assert status == 0
    assert "5 days left" in out and "done 2" in out and "(unassigned)\t2" in out


def test_cli_progress_refuses_an_examiner(
        workspace: WorkspaceFixture, driven: Driven, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = _cli(capsys, "progress", *workspace.args("examiner"), "--json")
    assert status == 1 and out == ""
    assert "承認者・管理者だけが行えます" in err

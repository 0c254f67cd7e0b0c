"""The survey's progress for supervisors (表示 → 進捗, ``reviewer-app progress``).

What it reports
    For one survey (the newest, or the one asked for): cases by status and, among the done ones,
    by final verdict; cases per holder and unassigned; cases per office; deficiency notices
    outstanding and overdue; dependents who have submitted nothing; the days left to the
    submission deadline; and a cumulative series of proposed and done cases per day for the chart.

Speed at 100,000 dependents
    Every figure is one aggregate query (``GROUP BY``) over clear, indexed columns
    (``cases.survey_id``/``status``, ``assignee_id``, ``members.office_code``,
    ``decisions.case_id``, ``deficiency_notices.case_id``); Python only loops over the groups
    (statuses, users, offices, days), never over cases. Nothing sealed is opened.

Privacy
    Only counts, office names (employers, not people) and staff user names leave this module; the
    audit event ``progress.view`` names the survey and the sections listed, nothing else.

Days
    A day is a day in Japan (JST, UTC+9, no daylight saving): a case approved at 23:30 UTC counts
    for the next day. The series runs from the survey's answer start (or its first import, if
    that was earlier) to ``today``, at most :data:`MAX_POINTS` points, so that the submission
    deadline is on the chart; decisions after ``today`` are left out of it (the counts by status
    are always those of now).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import Date, case, cast, func, literal, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from reviewer_app.bundle.schema import MemberStatus
from reviewer_app.domain.vocabulary import CaseStatus, DecisionKind, Role, Verdict
from reviewer_app.errors import UserError
from reviewer_app.services.session import WorkspaceSession
from reviewer_app.store.models import (
    Case,
    Decision,
    DeficiencyNotice,
    Dependent,
    Import,
    Member,
    Survey,
    User,
)

JST = timezone(timedelta(hours=9))
MAX_POINTS = 120
SECTIONS = ("status", "verdict", "examiners", "offices", "notices", "non_submitters", "series")


class SurveyNotFound(UserError):
    def __init__(self, survey_id: int | None) -> None:
        if survey_id is None:
            super().__init__(
                "調査がまだ取り込まれていません。WEBシステムのバンドルを取り込んでから"
                "表示してください。",
                "No survey has been imported yet. Import a bundle from the web system first.",
                code="survey_not_found")
        else:
            super().__init__(
                f"調査 {survey_id} が見つかりません。調査IDを確かめてください。",
                f"Survey {survey_id} does not exist. Check the survey id.",
                code="survey_not_found", subject=f"survey:{survey_id}")


@dataclass(frozen=True)
class StatusCounts:
    not_started: int = 0
    in_review: int = 0
    notice_sent: int = 0
    awaiting_approval: int = 0
    done: int = 0

    @classmethod
    def of(cls, counts: dict[str, int]) -> StatusCounts:
        return cls(**{s.value: counts.get(s.value, 0) for s in CaseStatus})

    def count(self, status: CaseStatus | str) -> int:
        return int(getattr(self, CaseStatus(status).value))

    @property
    def total(self) -> int:
        return sum(self.count(s) for s in CaseStatus)

    def as_json(self) -> dict[str, int]:
        return {s.value: self.count(s) for s in CaseStatus}


@dataclass(frozen=True)
class VerdictCounts:
    """Done cases by final verdict; ``other``: anything else (a 要確認 approved as such)."""

    continued: int = 0
    excluded: int = 0
    other: int = 0

    def as_json(self) -> dict[str, int]:
        return {"continue": self.continued, "exclude": self.excluded, "other": self.other}


@dataclass(frozen=True)
class HolderProgress:
    """The cases a staff user holds (``cases.assignee_id``), by status."""

    user_id: int
    name: str
    counts: StatusCounts

    def as_json(self) -> dict[str, Any]:
        return {"user_id": self.user_id, "name": self.name, "total": self.counts.total,
                **self.counts.as_json()}


@dataclass(frozen=True)
class OfficeProgress:
    office_code: str
    office_name: str
    total: int
    done: int

    def as_json(self) -> dict[str, Any]:
        return {"office_code": self.office_code, "office_name": self.office_name,
                "total": self.total, "done": self.done}


@dataclass(frozen=True)
class NoticeProgress:
    """Cases 不備連絡中 whose latest notice is unanswered (``outstanding``), those of them past
    the reply deadline (``overdue``), and cases in work whose latest notice was answered by a
    newer revision (``answered``, 再提出あり: waiting for the examiner)."""

    outstanding: int = 0
    overdue: int = 0
    answered: int = 0

    def as_json(self) -> dict[str, int]:
        return {"outstanding": self.outstanding, "overdue": self.overdue,
                "answered": self.answered}


@dataclass(frozen=True)
class SeriesPoint:
    """Cumulative cases at the end of ``day`` (JST): with a proposal, and done."""

    day: date
    proposed: int
    done: int

    def as_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "proposed": self.proposed, "done": self.done}


@dataclass(frozen=True)
class SurveyInfo:
    survey_id: int
    name: str
    target_year: int
    answer_start: date
    submission_deadline: date
    non_submission_exclusion_date: date


@dataclass(frozen=True)
class ProgressReport:
    survey: SurveyInfo
    today: date
    by_status: StatusCounts
    done_by_verdict: VerdictCounts
    holders: tuple[HolderProgress, ...]
    unassigned: StatusCounts
    offices: tuple[OfficeProgress, ...]
    notices: NoticeProgress
    non_submitters: int
    series: tuple[SeriesPoint, ...] = field(default=())

    @property
    def total(self) -> int:
        return self.by_status.total

    @property
    def days_left(self) -> int:
        """Days to the submission deadline (0 on the day, negative once it has passed)."""
        return (self.survey.submission_deadline - self.today).days

    def as_json(self) -> dict[str, Any]:
        s = self.survey
        return {
            "survey": {"id": s.survey_id, "name": s.name, "target_year": s.target_year,
                       "answer_start": s.answer_start.isoformat(),
                       "submission_deadline": s.submission_deadline.isoformat(),
                       "non_submission_exclusion_date":
                           s.non_submission_exclusion_date.isoformat()},
            "today": self.today.isoformat(),
            "days_left": self.days_left,
            "total": self.total,
            "by_status": self.by_status.as_json(),
            "done_by_verdict": self.done_by_verdict.as_json(),
            "holders": [h.as_json() for h in self.holders],
            "unassigned": {"total": self.unassigned.total, **self.unassigned.as_json()},
            "offices": [o.as_json() for o in self.offices],
            "notices": self.notices.as_json(),
            "non_submitters": self.non_submitters,
            "series": [p.as_json() for p in self.series],
        }


def progress_report(ws: WorkspaceSession, today: date,
                    survey_id: int | None = None) -> ProgressReport:
    """The progress of ``survey_id`` (default: the newest survey) as of ``today`` (JST)."""
    ws.require_role(Role.SUPERVISOR, Role.ADMIN, action_ja="進捗の表示",
                    action_en="view the survey's progress")
    # The aggregates read in a read-only transaction (at 100,000 cases they take a few hundred
    # ms, which must not hold SQLite's write lock against the examiners' saves); the audit event
    # is its own short write.
    with ws.transaction(readonly=True) as db:
        survey = _survey(db, survey_id)
        sid = survey.id
        holders, unassigned, by_status = _holders(db, sid)
        report = ProgressReport(
            survey=SurveyInfo(sid, survey.name, survey.target_year,
                              survey.answer_start.astimezone(JST).date(),
                              survey.submission_deadline, survey.non_submission_exclusion_date),
            today=today, by_status=by_status, done_by_verdict=_verdicts(db, sid),
            holders=holders, unassigned=unassigned, offices=_offices(db, sid),
            notices=_notices(db, sid, today), non_submitters=_non_submitters(db, sid),
            series=_series(db, survey, today))
    with ws.transaction() as db:
        ws.audit(db, "progress.view", f"survey:{sid}", {
            "today": today.isoformat(), "sections": list(SECTIONS), "cases": report.total,
            "holders": len(holders), "offices": len(report.offices)})
    return report


# --- the queries ---------------------------------------------------------------------------------


def _survey(db: Session, survey_id: int | None) -> Survey:
    if survey_id is not None:
        found = db.get(Survey, survey_id)
    else:
        found = db.scalars(select(Survey).order_by(Survey.target_year.desc(), Survey.id.desc())
                           .limit(1)).first()
    if found is None:
        raise SurveyNotFound(survey_id)
    return found


def _holders(db: Session,
             sid: int) -> tuple[tuple[HolderProgress, ...], StatusCounts, StatusCounts]:
    """Per holder, unassigned, and all cases, by status (one query)."""
    rows = db.execute(select(Case.assignee_id, Case.status, func.count(Case.id))
                      .where(Case.survey_id == sid)
                      .group_by(Case.assignee_id, Case.status)).all()
    per_user: dict[int | None, dict[str, int]] = {}
    overall: dict[str, int] = {}
    for user_id, status, n in rows:
        per_user.setdefault(user_id, {})[str(status)] = int(n)
        overall[str(status)] = overall.get(str(status), 0) + int(n)
    ids = [uid for uid in per_user if uid is not None]
    names: dict[int, str] = {
        uid: name for uid, name in db.execute(select(User.id, User.name).where(User.id.in_(ids)))
    } if ids else {}
    holders = sorted((HolderProgress(uid, names.get(uid, f"#{uid}"), StatusCounts.of(counts))
                      for uid, counts in per_user.items() if uid is not None),
                     key=lambda h: h.name)
    return tuple(holders), StatusCounts.of(per_user.get(None, {})), StatusCounts.of(overall)


def _verdicts(db: Session, sid: int) -> VerdictCounts:
    """Done cases by ``cases.proposed_verdict``: the approval copies the proposal's verdict and a
    done case is locked, so it is the approved verdict (and needs no join with decisions)."""
    rows = db.execute(select(Case.proposed_verdict, func.count(Case.id))
                      .where(Case.survey_id == sid, Case.status == CaseStatus.DONE.value)
                      .group_by(Case.proposed_verdict)).all()
    counts = {("" if v is None else str(v)): int(n) for v, n in rows}
    continued = counts.pop(Verdict.CONTINUE.value, 0)
    excluded = counts.pop(Verdict.EXCLUDE.value, 0)
    return VerdictCounts(continued, excluded, sum(counts.values()))


def _offices(db: Session, sid: int) -> tuple[OfficeProgress, ...]:
    # Counted per member first, then per office: grouping the three-way join by office directly
    # makes SQLite walk the office index and fetch member rows at random (3× slower at 100,000).
    done = func.sum(case((Case.status == CaseStatus.DONE.value, 1), else_=0))
    per_member = (select(Dependent.member_id.label("member_id"),
                         func.count(Case.id).label("total"), done.label("done"))
                  .select_from(Case).join(Dependent, Dependent.id == Case.dependent_id)
                  .where(Case.survey_id == sid).group_by(Dependent.member_id).subquery())
    rows = db.execute(
        select(Member.office_code, func.min(Member.office_name), func.sum(per_member.c.total),
               func.sum(per_member.c.done))
        .select_from(per_member).join(Member, Member.id == per_member.c.member_id)
        .group_by(Member.office_code).order_by(Member.office_code)).all()
    return tuple(OfficeProgress(str(code), str(name), int(total or 0), int(done_n or 0))
                 for code, name, total, done_n in rows)


def _notices(db: Session, sid: int, today: date) -> NoticeProgress:
    """From the latest notice of each case in work: unanswered while 不備連絡中 (and past its
    reply deadline), or answered by a re-submission the examiner has not dealt with yet (the
    importer stamps ``answered_at`` and sends the case back to 審査中)."""
    working = (CaseStatus.IN_REVIEW.value, CaseStatus.NOTICE_SENT.value)
    latest = (select(DeficiencyNotice.case_id, func.max(DeficiencyNotice.id).label("notice_id"))
              .join(Case, Case.id == DeficiencyNotice.case_id)
              .where(Case.survey_id == sid, Case.status.in_(working))
              .group_by(DeficiencyNotice.case_id).subquery())
    waiting = (Case.status == CaseStatus.NOTICE_SENT.value) \
        & DeficiencyNotice.answered_at.is_(None)
    outstanding = func.sum(case((waiting, 1), else_=0))
    overdue = func.sum(case((waiting & (DeficiencyNotice.reply_deadline < today), 1), else_=0))
    answered = func.sum(case((DeficiencyNotice.answered_at.is_not(None), 1), else_=0))
    row = db.execute(select(outstanding, overdue, answered)
                     .select_from(latest)
                     .join(DeficiencyNotice, DeficiencyNotice.id == latest.c.notice_id)
                     .join(Case, Case.id == latest.c.case_id)).one()
    return NoticeProgress(*(int(v or 0) for v in row))


def _non_submitters(db: Session, sid: int) -> int:
    return int(db.scalar(
        select(func.count(Case.id)).join(Dependent, Dependent.id == Case.dependent_id)
        .where(Case.survey_id == sid, Case.status != CaseStatus.DONE.value,
               Dependent.member_status == MemberStatus.NOT_SUBMITTED.value,
               Dependent.paper_since.is_(None))) or 0)  # paper: not a web non-submitter


# --- the series ----------------------------------------------------------------------------------


def _jst_day(db: Session, column: Any) -> ColumnElement[Any]:
    """The JST calendar day of a stored UTC time, in SQL (so it can be grouped)."""
    if db.get_bind().dialect.name == "sqlite":
        # UTCDateTime keeps naive UTC text on SQLite; JST has no daylight saving.
        return func.date(column, literal("+9 hours"))
    return cast(func.timezone(literal("Asia/Tokyo"), column), Date)


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _first_days(db: Session, sid: int) -> dict[str, list[tuple[date, int]]]:
    """Per decision kind (proposal, approval): (day, cases) of each case's first such decision,
    by day (one query for both)."""
    kinds = (DecisionKind.PROPOSAL.value, DecisionKind.APPROVAL.value)
    first = (select(Decision.case_id, Decision.kind, func.min(Decision.decided_at).label("at"))
             .join(Case, Case.id == Decision.case_id)
             .where(Case.survey_id == sid, Decision.kind.in_(kinds))
             .group_by(Decision.case_id, Decision.kind).subquery())
    days = select(first.c.kind, _jst_day(db, first.c.at).label("day")).subquery()
    rows = db.execute(select(days.c.kind, days.c.day, func.count())
                      .group_by(days.c.kind, days.c.day).order_by(days.c.kind, days.c.day)).all()
    out: dict[str, list[tuple[date, int]]] = {kind: [] for kind in kinds}
    for kind, day, n in rows:
        if day is not None:
            out[str(kind)].append((_as_date(day), int(n)))
    return out


def sample_days(start: date, end: date, max_points: int = MAX_POINTS) -> list[date]:
    """Days from ``start`` to ``end`` inclusive, evenly thinned to at most ``max_points``;
    the last is always ``end``."""
    if end < start:
        return [end]
    span = (end - start).days
    step = max(1, math.ceil(span / max(max_points - 1, 1)))
    days = [start + timedelta(days=k) for k in range(0, span, step)]
    return [*days, end]


def _cumulative(days: list[date], events: list[tuple[date, int]]) -> list[int]:
    out: list[int] = []
    total, i = 0, 0
    for day in days:
        while i < len(events) and events[i][0] <= day:
            total += events[i][1]
            i += 1
        out.append(total)
    return out


def _series(db: Session, survey: Survey, today: date) -> tuple[SeriesPoint, ...]:
    first_import = db.scalar(select(func.min(Import.imported_at))
                             .where(Import.survey_id == survey.id))
    origins = [survey.answer_start, *([first_import] if first_import is not None else [])]
    start = min(*(_aware(o).astimezone(JST).date() for o in origins), today)
    days = sample_days(start, today)
    first = _first_days(db, survey.id)
    proposed = _cumulative(days, first[DecisionKind.PROPOSAL.value])
    done = _cumulative(days, first[DecisionKind.APPROVAL.value])
    return tuple(SeriesPoint(d, p, n) for d, p, n in zip(days, proposed, done, strict=True))


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

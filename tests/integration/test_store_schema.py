"""The migrated schema equals the models, and the engine is set up as DESIGN.md asks."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from reviewer_app.store import migrate
from reviewer_app.store.engine import create_engine_for
from reviewer_app.store.models import Base, Setting, User


def _compare(engine) -> list:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"compare_type": True, "compare_server_default": False}
        )
        return compare_metadata(ctx, Base.metadata)


def test_migrations_create_exactly_the_models_schema(db_url: str) -> None:
    engine = create_engine_for(db_url)
    try:
        migrate.upgrade(engine)
        # the head is the newest file under db/versions (revision ids are their numbers)
        newest = sorted(Path(migrate.__file__).parents[2].joinpath("db", "versions")
                        .glob("[0-9][0-9][0-9][0-9]_*.py"))[-1].name[:4]
        assert migrate.current_revision(engine) == migrate.head_revision() == newest
        assert _compare(engine) == []
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
    finally:
        engine.dispose()


def test_a_drifted_model_is_detected(db_url: str) -> None:
    # the comparison is not vacuous: a schema without one index shows a difference
    engine = create_engine_for(db_url)
    try:
        migrate.upgrade(engine)
        with engine.begin() as conn:
            conn.execute(text("DROP INDEX ix_members_office_code"))
        diffs = _compare(engine)
        assert any(d[0] == "add_index" for d in diffs)
    finally:
        engine.dispose()


def test_sqlite_pragmas_are_in_effect(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = create_engine_for(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(db_url: str) -> None:
    from sqlalchemy.exc import IntegrityError

    from reviewer_app.store.models import Member

    engine = create_engine_for(db_url)
    try:
        migrate.upgrade(engine)
        with pytest.raises(IntegrityError), Session(engine) as session, session.begin():
            session.add(Member(survey_id=999, member_key="m", submission_key="s",
                               office_code="1", office_name="x", current_revision=1))
    finally:
        engine.dispose()


def test_datetimes_come_back_aware_utc(db_url: str) -> None:
    engine = create_engine_for(db_url)
    try:
        migrate.upgrade(engine)
        at = datetime(2024, 9, 2, 1, 2, 3, 456789, tzinfo=UTC)
        with Session(engine) as session, session.begin():
            session.add(Setting(key="k", text_value="v", updated_at=at))
        with Session(engine) as session:
            got = session.scalars(select(Setting.updated_at).where(Setting.key == "k")).one()
        assert got == at and got.tzinfo is not None
    finally:
        engine.dispose()


def test_version_column_refuses_a_stale_update(db_url: str) -> None:
    from reviewer_app.store.models import Case, Dependent, Insurer, Member, Survey

    engine = create_engine_for(db_url)
    try:
        migrate.upgrade(engine)
        at = datetime(2024, 9, 1, tzinfo=UTC)
        with Session(engine) as s, s.begin():
            ins = Insurer(code="06123456", name="テスト健保")
            sur = Survey(insurer=ins, survey_key="s2024", name="2024", target_year=2024,
                         answer_start=at, answer_end=at, submission_deadline=at.date(),
                         non_submission_exclusion_date=at.date())
            mem = Member(survey=sur, member_key="m1", submission_key="sub1", office_code="001",
                         office_name="本社", current_revision=1)
            dep = Dependent(member=mem, dependent_key="d1", relationship="spouse",
                            relationship_label="妻", member_status="submitted")
            s.add(Case(survey=sur, dependent=dep))
            s.add(User(name="u", role="examiner", password_hash="x", wrapped_master_key=b"x"))
        # workstation A reads the case; workstation B changes it; A's save must be refused
        with Session(engine, expire_on_commit=False) as a_session:
            stale = a_session.scalars(select(Case)).one()
        assert stale.version == 1
        with Session(engine) as b_session, b_session.begin():
            b_session.scalars(select(Case)).one().status = "in_review"
        stale.status = "done"
        with pytest.raises(StaleDataError), Session(engine) as a_session, a_session.begin():
            a_session.merge(stale)
        with Session(engine) as check:
            case = check.scalars(select(Case)).one()
            assert (case.status, case.version) == ("in_review", 2)
    finally:
        engine.dispose()

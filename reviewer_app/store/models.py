"""The database schema: SQLAlchemy 2 typed declarative models, identical on SQLite and PostgreSQL.

What is stored in clear and what is sealed
    Only what the queue lists and filters on is clear: ids, statuses, relationship codes, office
    codes and names (employers, not people), revisions, dates of the workflow, sizes and media
    types. Everything that names or identifies a person (names, kana, card symbol and number,
    birth dates, the member's answers, file names, comments, amounts) is sealed with AES-256-GCM
    under the workspace master key (:mod:`reviewer_app.store.sealing`); the associated data is
    ``"<table>:<primary key>:<column>"`` so a sealed value cannot be moved to another row or
    column. Sealed columns are nullable only because an integer id exists after the first flush:
    insert the row, ``session.flush()``, then seal (one transaction, so nobody ever sees NULL).

Search without clear text
    :class:`SearchToken` holds a keyed blind index (HMAC-SHA256, truncated to 16 bytes, under a key
    derived from the master key) of normalised names, kana and card symbol-numbers and of their
    prefixes; see :mod:`reviewer_app.store.blind_index`.

Append-only audit
    :class:`AuditEvent` rows form a hash chain (:mod:`reviewer_app.services.audit`).

Change the schema only together with a new Alembic migration under ``db/versions``; a test
compares the migrated database with these models on both back ends.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    inspect,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from reviewer_app.store import sealing
from reviewer_app.store.enums import (
    CaseStatus,
    DecisionKind,
    DocumentVerdict,
    Role,
    Verdict,
    check_in,
)
from reviewer_app.store.types import UTCDateTime, utcnow

# Deterministic constraint names, so migrations and models agree on both back ends.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

KEY = 64  # length of an identifier from a bundle (schema.Id)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    def _row_id(self) -> str:
        identity = inspect(self).identity
        if identity is None:
            raise RuntimeError(
                f"{type(self).__name__} has no primary key yet: flush before sealing"
            )
        return ":".join(str(part) for part in identity)

    def seal_into(self, column: str, master_key: bytes, plaintext: bytes) -> None:
        """Seal ``plaintext`` under the master key into ``column`` (the row must be flushed)."""
        table = self.__table__.name  # type: ignore[attr-defined]
        setattr(self, column, sealing.seal(master_key, table, self._row_id(), column, plaintext))

    def open_from(self, column: str, master_key: bytes) -> bytes:
        """The plaintext of a sealed column; raises ``DecryptionError`` if it was tampered with."""
        blob = getattr(self, column)
        if blob is None:
            raise ValueError(f"{type(self).__name__}.{column} is empty")
        table = self.__table__.name  # type: ignore[attr-defined]
        return sealing.open_(master_key, table, self._row_id(), column, blob)

    def seal_json_into(self, column: str, master_key: bytes, value: Any) -> None:
        self.seal_into(column, master_key, sealing.canonical_json(value))

    def open_json_from(self, column: str, master_key: bytes) -> Any:
        return sealing.loads(self.open_from(column, master_key))


# --- workspace, users, keys ---------------------------------------------------------------------


class Setting(Base):
    """Workspace settings as key/value: clear text, or sealed under the master key."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(KEY), primary_key=True)
    text_value: Mapped[str | None] = mapped_column(Text)
    sealed_value: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(check_in("role", Role), name="role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(KEY), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(255))
    # the workspace master key wrapped by a key derived from this user's password (keyring)
    wrapped_master_key: Mapped[bytes] = mapped_column(LargeBinary)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class TrustedExporter(Base):
    """A pinned Ed25519 key of the web system's exporter."""

    __tablename__ = "trusted_exporters"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)
    public_key_text: Mapped[str] = mapped_column(String(200))
    label: Mapped[str] = mapped_column(String(100), default="")
    added_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AuditEvent(Base):
    """Append-only, hash-chained: ``hash = SHA-256(prev_hash ‖ canonical JSON of the event)``."""

    __tablename__ = "audit_events"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(String(KEY))  # a staff user name ("" for the system)
    action: Mapped[str] = mapped_column(String(64), index=True)
    subject: Mapped[str] = mapped_column(String(128), index=True)  # e.g. "case:12", "user:3"
    details: Mapped[str] = mapped_column(Text)  # canonical JSON; never secrets, amounts, names
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


# --- what was imported --------------------------------------------------------------------------


class Insurer(Base):
    __tablename__ = "insurers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)  # 保険者番号
    name: Mapped[str] = mapped_column(String(100))


class Survey(Base):
    __tablename__ = "surveys"
    __table_args__ = (UniqueConstraint("insurer_id", "survey_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    insurer_id: Mapped[int] = mapped_column(ForeignKey("insurers.id"))
    survey_key: Mapped[str] = mapped_column(String(KEY))  # the bundle's survey_id
    name: Mapped[str] = mapped_column(String(100))
    target_year: Mapped[int] = mapped_column(Integer)
    answer_start: Mapped[datetime] = mapped_column(UTCDateTime)
    answer_end: Mapped[datetime] = mapped_column(UTCDateTime)
    submission_deadline: Mapped[date] = mapped_column(Date)
    non_submission_exclusion_date: Mapped[date] = mapped_column(Date)

    insurer: Mapped[Insurer] = relationship()


class Import(Base):
    """One imported bundle (a re-import of the same file adds nothing)."""

    __tablename__ = "imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(KEY), index=True)
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    exporter_key_id: Mapped[str] = mapped_column(String(32))
    survey_id: Mapped[int | None] = mapped_column(ForeignKey("surveys.id"))
    bundle_created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    imported_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    members: Mapped[int] = mapped_column(Integer, default=0)
    dependents: Mapped[int] = mapped_column(Integer, default=0)
    attachments: Mapped[int] = mapped_column(Integer, default=0)
    new: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    bytes: Mapped[int] = mapped_column(BigInteger, default=0)


class Member(Base):
    """The insured (被保険者) of one survey. ``personal_sealed``: card, name, kana, birth date…"""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("survey_id", "member_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    member_key: Mapped[str] = mapped_column(String(KEY))  # the bundle's member_id
    submission_key: Mapped[str] = mapped_column(String(KEY))  # the bundle's submission_id
    office_code: Mapped[str] = mapped_column(String(20), index=True)
    office_name: Mapped[str] = mapped_column(String(100))
    current_revision: Mapped[int] = mapped_column(Integer)
    # JSON {card_symbol, card_number, name, kana, employee_code, birth_date, annual_income}
    personal_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    survey: Mapped[Survey] = relationship()
    dependents: Mapped[list[Dependent]] = relationship(back_populates="member")


class Dependent(Base):
    """A dependent (被扶養者) of a member. ``personal_sealed``: name, kana, birth date…"""

    __tablename__ = "dependents"
    __table_args__ = (UniqueConstraint("member_id", "dependent_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    dependent_key: Mapped[str] = mapped_column(String(KEY))  # the bundle's dependent_id
    # (declared before the column named "relationship", which shadows the function below it)
    member: Mapped[Member] = relationship(back_populates="dependents")
    relationship: Mapped[str] = mapped_column(String(16), index=True)  # schema.Relationship
    relationship_label: Mapped[str] = mapped_column(String(100))  # 妻, 長男, 母 … (not personal)
    # schema.MemberStatus; indexed for the queue's 未提出 view
    member_status: Mapped[str] = mapped_column(String(16), index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # JSON {name, kana, birth_date, certified_on}
    personal_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class SearchToken(Base):
    """A blind-index entry: HMAC of one normalised value or prefix (blind_index)."""

    __tablename__ = "search_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    # NULL for the insured's own fields (they match every dependent of the member)
    dependent_id: Mapped[int | None] = mapped_column(ForeignKey("dependents.id"), index=True)
    token: Mapped[bytes] = mapped_column(LargeBinary(16), index=True)


class SubmissionRevision(Base):
    """Every revision of a member's submission ever imported; the whole JSON sealed."""

    __tablename__ = "submission_revisions"
    __table_args__ = (UniqueConstraint("member_id", "revision"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the member's, from the bundle
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # keyed MAC of the canonical plaintext (blind_index.content_mac): "unchanged" without opening
    content_mac: Mapped[bytes] = mapped_column(LargeBinary(32))
    sealed_json: Mapped[bytes | None] = mapped_column(LargeBinary)


class RequiredDocument(Base):
    """A document the answers call for (per dependent and revision)."""

    __tablename__ = "required_documents"
    __table_args__ = (UniqueConstraint("revision_id", "dependent_id", "document_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dependent_id: Mapped[int] = mapped_column(ForeignKey("dependents.id"), index=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("submission_revisions.id"))
    document_key: Mapped[str] = mapped_column(String(KEY))  # the bundle's document_id
    kind: Mapped[str] = mapped_column(String(32))  # schema.DocumentKind
    title: Mapped[str] = mapped_column(String(100))  # as the member saw it (not personal)
    proceed_without: Mapped[bool] = mapped_column(Boolean, default=False)  # 未提出で進める
    position: Mapped[int] = mapped_column(Integer, default=0)

    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="required_document", order_by="Attachment.position"
    )


class Attachment(Base):
    """An uploaded file's metadata. The bytes are in :class:`AttachmentBlob`, loaded on demand."""

    __tablename__ = "attachments"
    __table_args__ = (
        UniqueConstraint("required_document_id", "file_key"),
        CheckConstraint("rotation IN (0, 90, 180, 270)", name="rotation"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    required_document_id: Mapped[int] = mapped_column(ForeignKey("required_documents.id"))
    dependent_id: Mapped[int] = mapped_column(ForeignKey("dependents.id"), index=True)
    file_key: Mapped[str] = mapped_column(String(KEY))  # the bundle's file_id
    media_type: Mapped[str] = mapped_column(String(32))
    size: Mapped[int] = mapped_column(Integer)  # plaintext bytes
    sha256: Mapped[str] = mapped_column(String(64))  # of the plaintext file
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    position: Mapped[int] = mapped_column(Integer, default=0)
    rotation: Mapped[int] = mapped_column(Integer, default=0)  # examiner's view, degrees clockwise
    page_count: Mapped[int | None] = mapped_column(Integer)  # found by the import's check
    original_name_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The content problem the import found (render.problems.FileProblem), NULL when none: the
    # bytes are kept sealed, the 書類 tab and the viewer say why it cannot be opened (issue 9).
    quarantine_reason: Mapped[str | None] = mapped_column(String(32))

    required_document: Mapped[RequiredDocument] = relationship(back_populates="attachments")
    # A separate table and a lazy "select": listing attachments never reads the bytes.
    blob: Mapped[AttachmentBlob | None] = relationship(lazy="select", uselist=False)


class AttachmentBlob(Base):
    """The file bytes sealed under the master key; aad ``attachment_blobs:<attachment_id>:data``."""

    __tablename__ = "attachment_blobs"

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


# --- the examiner's work ------------------------------------------------------------------------


class Case(Base):
    """One dependent under review in one survey. ``version`` is the optimistic lock."""

    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("dependent_id"),
        CheckConstraint(check_in("status", CaseStatus), name="status"),
        CheckConstraint(
            f"proposed_verdict IS NULL OR {check_in('proposed_verdict', Verdict)}",
            name="proposed_verdict",
        ),
        Index("ix_cases_survey_id_status", "survey_id", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id"))
    dependent_id: Mapped[int] = mapped_column(ForeignKey("dependents.id"))
    status: Mapped[str] = mapped_column(String(20), default=CaseStatus.NOT_STARTED.value)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    proposed_verdict: Mapped[str | None] = mapped_column(String(16))
    proposed_exclusion_date: Mapped[date | None] = mapped_column(Date)
    review_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # a newer revision arrived after review started (issue 3 §4)
    updated_after_review: Mapped[bool] = mapped_column(Boolean, default=False)
    # a newer revision answered this case's deficiency notice (再提出あり, issue 7 §3)
    resubmitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    survey: Mapped[Survey] = relationship()
    dependent: Mapped[Dependent] = relationship()
    assignee: Mapped[User | None] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative API)


class DocumentCheck(Base):
    """The examiner's mark on one required document of a case (survives new revisions)."""

    __tablename__ = "document_checks"
    __table_args__ = (
        UniqueConstraint("case_id", "document_key"),
        CheckConstraint(check_in("verdict", DocumentVerdict), name="verdict"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    document_key: Mapped[str] = mapped_column(String(KEY))
    verdict: Mapped[str] = mapped_column(String(16), default=DocumentVerdict.UNCHECKED.value)
    reason: Mapped[str | None] = mapped_column(String(32))  # a code from the UI's list
    note_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # free text
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative API)


class IncomeSheet(Base):
    """The examiner's entered income (employers, months, bonuses…) as sealed JSON."""

    __tablename__ = "income_sheets"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    sealed_json: Mapped[bytes] = mapped_column(LargeBinary)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012 (SQLAlchemy's declarative API)


class Decision(Base):
    """A proposal by an examiner, or an approval / return by a supervisor (four eyes)."""

    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint(check_in("kind", DecisionKind), name="kind"),
        CheckConstraint(f"verdict IS NULL OR {check_in('verdict', Verdict)}", name="verdict"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    verdict: Mapped[str | None] = mapped_column(String(16))
    exclusion_date: Mapped[date | None] = mapped_column(Date)
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))
    decided_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    comment_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    # the evaluation (amounts, explanation) as the decider saw it
    evaluation_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class DeficiencyNotice(Base):
    """An itemised 不備連絡 to the member: items sealed, kept for export to the web system."""

    __tablename__ = "deficiency_notices"
    # "is there a later notice of this case?" (the queue's 期限切れ view) as an index probe
    __table_args__ = (Index("ix_deficiency_notices_case_id_id", "case_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    item_count: Mapped[int] = mapped_column(Integer)
    reply_deadline: Mapped[date] = mapped_column(Date, index=True)  # the queue's 期限切れ view
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    exported_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # the import of a newer revision after the notice: the member answered (on time or late)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    answered_revision: Mapped[int | None] = mapped_column(Integer)
    # JSON {items: [{document_key, title, reason, note, what_to_submit}], message, issued_on}
    # (early rows hold the bare list of items; readers accept both)
    items_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


# --- results back to the web system -------------------------------------------------------------


class ResultsExport(Base):
    """One results bundle written for the web system (sequence-numbered, issue 7 §2)."""

    __tablename__ = "results_exports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    bundle_id: Mapped[str] = mapped_column(String(KEY))
    full: Mapped[bool] = mapped_column(Boolean, default=False)  # --all: everything again
    dependents: Mapped[int] = mapped_column(Integer, default=0)
    notices: Mapped[int] = mapped_column(Integer, default=0)
    file_sha256: Mapped[str] = mapped_column(String(64))
    recipient_key_id: Mapped[str] = mapped_column(String(32))
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ResultMark(Base):
    """What the last results export said about a case: a keyed MAC of that state (no clear
    text), so the next export writes only the cases whose state changed since."""

    __tablename__ = "result_marks"

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    state_mac: Mapped[bytes] = mapped_column(LargeBinary(32))
    export_seq: Mapped[int] = mapped_column(Integer)

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
from enum import StrEnum
from typing import Any, ClassVar

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

from reviewer_app.domain.text import neutralize
from reviewer_app.domain.vocabulary import CaseStatus, DecisionKind, ReviewStatus, Role, Verdict
from reviewer_app.security.aead import DecryptionError
from reviewer_app.store import sealing
from reviewer_app.store.types import UTCDateTime, utcnow

# Deterministic constraint names, so migrations and models agree on both back ends.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

def check_in(column: str, values: type[StrEnum]) -> str:
    """SQL for a CHECK constraint limiting ``column`` to the vocabulary's values (the same SQL as
    the migrations wrote: the values in the enum's order)."""
    listed = ", ".join(f"'{v.value}'" for v in values)
    return f"{column} IN ({listed})"


KEY = 64  # length of an identifier from a bundle (schema.Id)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    # The row's owning columns, bound into the associated data of its sealed values (sealing):
    # a value whose row was moved to another owner, or put back under another version, fails.
    __seal_bind__: ClassVar[tuple[str, ...]] = ()

    def seal_bind(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__seal_bind__}

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
        setattr(self, column, sealing.seal(master_key, table, self._row_id(), column, plaintext,
                                           self.seal_bind()))

    def open_from(self, column: str, master_key: bytes) -> bytes:
        """The plaintext of a sealed column; raises ``DecryptionError`` if it was tampered with."""
        blob = getattr(self, column)
        if blob is None:
            # as good as tampered with: a sealed value that was removed (DecryptionError is a
            # ValueError, so callers that expected one still catch it)
            raise DecryptionError(f"{type(self).__name__}.{column} is empty")
        table = self.__table__.name  # type: ignore[attr-defined]
        return sealing.open_(master_key, table, self._row_id(), column, blob, self.seal_bind())

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
    # The secrets are deferred: a row is loaded without them, and on PostgreSQL only admins may
    # read them (store.pg_roles); a user's own sign-in gets its own through a function.
    password_hash: Mapped[str] = mapped_column(String(255), deferred=True)
    # Before issue 8: the master key wrapped by a key derived from the password (keyring v1);
    # emptied (b"") at the user's first sign-in after the upgrade, when they get their own keys.
    wrapped_master_key: Mapped[bytes] = mapped_column(LargeBinary, default=b"", deferred=True)
    # The user's own keys (security.userkeys): the public halves in clear (certified by a signed
    # grant, services.authority), the private halves wrapped under the password (keyring v2).
    sign_public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    box_public_key: Mapped[bytes | None] = mapped_column(LargeBinary(32))
    wrapped_private_keys: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    # On PostgreSQL, the user's own login role (security.pgauth.login_role); NULL on SQLite.
    db_role: Mapped[str | None] = mapped_column(String(63))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Grant(Base):
    """An administrator's signed statement of a user's roles, status and keys (issue 8).

    ``body`` is the canonical JSON that was signed (security.statements, kind "grant"); the
    columns beside it are copies for lookups. A user's grants are numbered by ``serial``; the
    highest valid one is in force. The first administrator's first grant is signed by the key
    pinned in ``workspace.toml`` (the root of trust). See services.authority."""

    __tablename__ = "grants"
    __table_args__ = (UniqueConstraint("user_id", "serial"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    serial: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    body_hash: Mapped[str] = mapped_column(String(64), unique=True)
    signer_key_id: Mapped[str] = mapped_column(String(32))
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LoginSecret(Base):
    """PostgreSQL only: what the sign-in gate checks before it hands a user their login role's
    random password (store.pg_roles). Readable by the owner's functions alone, never by users."""

    __tablename__ = "login_secrets"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    proof_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 of the derived proof
    # the login role's password, sealed under a key derived from the proof (security.pgauth)
    sealed_password: Mapped[bytes] = mapped_column(LargeBinary)


class MasterKeyWrap(Base):
    """The workspace master key of one epoch sealed to one user's X25519 key (userkeys)."""

    __tablename__ = "master_key_wraps"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    epoch: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sealed: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


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
    # Ed25519 signature of ``hash`` by the actor's key (issue 8); NULL for events before any
    # sign-in (a failed login) and for events written before signing existed.
    signer_key_id: Mapped[str | None] = mapped_column(String(32))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64))


# --- what was imported --------------------------------------------------------------------------


class Insurer(Base):
    __tablename__ = "insurers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(8), unique=True)  # 保険者番号
    name: Mapped[str] = mapped_column(String(100))
    # The trusted exporter whose bundles speak for this insurer (issue 8 §8): a bundle signed by
    # another pinned key is refused. NULL only for insurers imported before the binding existed
    # (bound by their next import).
    exporter_key_id: Mapped[str | None] = mapped_column(String(32))


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
    # ``created_at`` of the bundle these settings came from: only a newer export changes them
    # (issue 8 §8; bundles may arrive out of order). NULL before the first import that set it.
    metadata_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

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
    __seal_bind__ = ("survey_id", "member_key")

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

    def personal(self, master_key: bytes) -> dict[str, Any]:
        """The opened ``personal_sealed`` with its text neutralised (domain.text)."""
        return _neutral(self.open_json_from("personal_sealed", master_key))


class Dependent(Base):
    """A dependent (被扶養者) of a member. ``personal_sealed``: name, kana, birth date…"""

    __tablename__ = "dependents"
    __table_args__ = (UniqueConstraint("member_id", "dependent_key"),)
    __seal_bind__ = ("member_id", "dependent_key")

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
    # Answers on paper (紙の調査票, issue 14): the day staff switched the dependent to paper and
    # who did; NULL for a web dependent. The reason is sealed (it may describe the person).
    paper_since: Mapped[date | None] = mapped_column(Date)
    # a user id (no foreign key: SQLite would have to rebuild this much-referenced table)
    paper_marked_by_id: Mapped[int | None] = mapped_column(Integer)
    paper_reason_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)

    def personal(self, master_key: bytes) -> dict[str, Any]:
        """The opened ``personal_sealed`` with its text neutralised (domain.text)."""
        return _neutral(self.open_json_from("personal_sealed", master_key))


def _neutral(values: dict[str, Any]) -> dict[str, Any]:
    # Rows imported before the schema neutralised member text (issue 8 §8) are shown safely too.
    return {k: neutralize(v) if isinstance(v, str) else v for k, v in values.items()}


class SearchToken(Base):
    """A blind-index entry: HMAC of one normalised value or prefix (blind_index)."""

    __tablename__ = "search_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"), index=True)
    # NULL for the insured's own fields (they match every dependent of the member)
    dependent_id: Mapped[int | None] = mapped_column(ForeignKey("dependents.id"), index=True)
    token: Mapped[bytes] = mapped_column(LargeBinary(16), index=True)


class SubmissionRevision(Base):
    """Every revision of a member's submission ever imported or entered from paper; the whole
    JSON sealed. ``source`` is ``web`` (an import) or ``paper`` (staff keyed in a paper survey:
    ``entered_by_id`` and ``entered_at`` say who and when; services.paper)."""

    __tablename__ = "submission_revisions"
    __table_args__ = (UniqueConstraint("member_id", "revision"),)
    __seal_bind__ = ("member_id", "revision")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    member_id: Mapped[int] = mapped_column(ForeignKey("members.id"))
    import_id: Mapped[int | None] = mapped_column(ForeignKey("imports.id"), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)  # the member's, from the bundle
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # keyed MAC of the canonical plaintext (blind_index.content_mac): "unchanged" without opening
    content_mac: Mapped[bytes] = mapped_column(LargeBinary(32))
    sealed_json: Mapped[bytes | None] = mapped_column(LargeBinary)
    # "web" or "paper"; a user id (no constraints: SQLite would have to rebuild this
    # much-referenced table to add them, services.paper writes only these values)
    source: Mapped[str] = mapped_column(String(8), default="web", server_default="web")
    entered_by_id: Mapped[int | None] = mapped_column(Integer)
    entered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PaperSignoff(Base):
    """A signed statement about a paper revision of one dependent (issue 14): ``entry`` by the
    person who keyed it in, ``check`` (入力確認) by a different person. The body (ids, the
    revision's content MAC, the time; no personal data) is kept beside the signature, as for
    decisions (services.case_trust); a row anyone could write is never the source of the
    right: services.paper verifies the signatures and that the two people differ."""

    __tablename__ = "paper_signoffs"
    __table_args__ = (UniqueConstraint("revision_id", "dependent_id", "kind"),
                      CheckConstraint("kind IN ('entry', 'check')", name="kind"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("submission_revisions.id"))
    dependent_id: Mapped[int] = mapped_column(ForeignKey("dependents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    signed_body: Mapped[str] = mapped_column(Text)
    body_hash: Mapped[str] = mapped_column(String(64))
    signer_key_id: Mapped[str | None] = mapped_column(String(32))
    signature: Mapped[bytes] = mapped_column(LargeBinary(64))


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
    __seal_bind__ = ("dependent_id", "required_document_id")

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
    """The file bytes sealed under their own data key, which is sealed under the master key and
    bound to the attachment's owners (sealing.seal_document). ``wrapped_key`` is NULL only for a
    blob from before issue 8 (sealed directly under the master key, re-sealed at the upgrade)."""

    __tablename__ = "attachment_blobs"

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_key: Mapped[bytes | None] = mapped_column(LargeBinary)

    def open_document(self, master_key: bytes, attachment: Attachment) -> bytes:
        """The file; DecryptionError when the blob or its attachment row was altered or moved."""
        if self.wrapped_key is None or attachment.id != self.attachment_id:
            raise DecryptionError("the document has no data key")
        return sealing.open_document(
            master_key, self.attachment_id,
            sealing.document_bind(attachment.dependent_id, attachment.required_document_id),
            self.wrapped_key, self.data)


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
        CheckConstraint(check_in("verdict", ReviewStatus), name="verdict"),
    )
    __seal_bind__ = ("case_id", "document_key", "version")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    document_key: Mapped[str] = mapped_column(String(KEY))
    verdict: Mapped[str] = mapped_column(String(16), default=ReviewStatus.UNCHECKED.value)
    reason: Mapped[str | None] = mapped_column(String(32))  # a code from the UI's list
    note_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)  # free text
    checked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    # The version is set by the service before sealing (it is bound into the note's sealed
    # value); SQLAlchemy still checks the old one in the UPDATE (optimistic locking).
    __mapper_args__ = {"version_id_col": version,  # noqa: RUF012 (SQLAlchemy's declarative API)
                       "version_id_generator": False}

    def next_version(self) -> None:
        self.version = (self.version or 0) + 1


class IncomeSheet(Base):
    """The examiner's entered income (employers, months, bonuses…) as sealed JSON, bound to the
    case, the case's dependent and the version (an older sheet put back does not open)."""

    __tablename__ = "income_sheets"
    __seal_bind__ = ("dependent_id", "version")

    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"), primary_key=True)
    # the case's dependent when the sheet was saved: a case moved to another person no longer
    # matches it (services.case_views.income refuses the sheet then)
    dependent_id: Mapped[int] = mapped_column(ForeignKey("dependents.id"))
    sealed_json: Mapped[bytes] = mapped_column(LargeBinary)
    updated_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    __mapper_args__ = {"version_id_col": version,  # noqa: RUF012 (SQLAlchemy's declarative API)
                       "version_id_generator": False}

    def next_version(self) -> None:
        self.version = (self.version or 0) + 1


class Suggestion(Base):
    """What the readers (reviewer_app.suggest) found in one uploaded payslip or bonus slip,
    cached: per page the payment month, kind and gross with their boxes and confidence, and the
    boxes of any My Number. Sealed (amounts are personal) and bound to the file's dependent and
    to the engine that read it (a newer engine reads it again). Never the text read, never a My
    Number's digits (issue 11 §4)."""

    __tablename__ = "suggestions"
    __table_args__ = (CheckConstraint("status IN ('read', 'failed')", name="status"),)
    __seal_bind__ = ("dependent_id", "engine")

    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"), primary_key=True)
    dependent_id: Mapped[int] = mapped_column(ForeignKey("dependents.id"), index=True)
    engine: Mapped[str] = mapped_column(String(120))
    status: Mapped[str] = mapped_column(String(8))  # read | failed (the file could not be read)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    result_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class IncomeConfirmation(Base):
    """A suggested amount a person accepted into the income sheet (issue 11 §2): who confirmed
    it, from which document and page, with which sheet version. Append-only; the amount, month,
    kind and box are sealed, bound to the case, the sheet version, the document, the page and
    the person."""

    __tablename__ = "income_confirmations"
    __table_args__ = (Index("ix_income_confirmations_case_id_sheet_version", "case_id",
                            "sheet_version"),)
    __seal_bind__ = ("case_id", "sheet_version", "attachment_id", "page", "confirmed_by_id")

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id"))
    sheet_version: Mapped[int] = mapped_column(Integer)
    attachment_id: Mapped[int] = mapped_column(ForeignKey("attachments.id"))
    page: Mapped[int] = mapped_column(Integer)
    confirmed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    confirmed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    detail_sealed: Mapped[bytes | None] = mapped_column(LargeBinary)


class Decision(Base):
    """A proposal by an examiner, or an approval / return by a supervisor (four eyes)."""

    __tablename__ = "decisions"
    __table_args__ = (
        CheckConstraint(check_in("kind", DecisionKind), name="kind"),
        CheckConstraint(f"verdict IS NULL OR {check_in('verdict', Verdict)}", name="verdict"),
    )
    __seal_bind__ = ("case_id", "kind", "decided_by_id")

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
    # The decider's signature over the decision, the case, the evaluation and the previous
    # decision (services.case_trust; NULL only for decisions made before issue 8). The signed
    # body is kept as canonical JSON: ids, dates, the verdict and hashes, no personal data.
    signed_body: Mapped[str | None] = mapped_column(Text)
    body_hash: Mapped[str | None] = mapped_column(String(64))
    signer_key_id: Mapped[str | None] = mapped_column(String(32))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64))


class DeficiencyNotice(Base):
    """An itemised 不備連絡 to the member: items sealed, kept for export to the web system."""

    __tablename__ = "deficiency_notices"
    __seal_bind__ = ("case_id", "created_by_id")
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
    # The examiner's signature over the notice, the case and the case's last decision.
    signed_body: Mapped[str | None] = mapped_column(Text)
    body_hash: Mapped[str | None] = mapped_column(String(64))
    signer_key_id: Mapped[str | None] = mapped_column(String(32))
    signature: Mapped[bytes | None] = mapped_column(LargeBinary(64))


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

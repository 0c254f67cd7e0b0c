"""Workspaces as an older release left them, for the upgrade tests (issue 10 §3).

:func:`filled_workspace` makes a workspace at this release's head with real content (users, a
signed and imported sample bundle, an income sheet, a proposal). :func:`at_revision` then builds a
second database at an older revision (by default the first, 0001) with Alembic and copies into it
every row the source has, restricted to the tables and columns that the old revision knows — what
a workspace of that release held. Later migrations are covered without editing this file: the
old schema and the walk to the head are read from the Alembic script directory, and a migration
that adds a table or a nullable column leaves the copied rows valid.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import Integer, MetaData, Table, insert, select, text

from reviewer_app.domain.case import Insured
from reviewer_app.domain.sheet import IncomeSheet
from reviewer_app.store import migrate
from reviewer_app.store.engine import create_engine_for

FIRST_REVISION = "0001"
# workspace.toml lines a release before issue 8 did not write
LEGACY_TOML_LINES = (r"(?m)^#.*(root of trust|PostgreSQL role).*\n"
                     r"|^(root_key|db_roles) = .*\n")


@dataclass
class Filled:
    dir: Path
    passwords: dict[str, str]
    password_files: dict[str, Path]
    case_id: int
    income: IncomeSheet | None  # None: not filled in (a workspace made elsewhere)
    cases: int
    extra: dict[str, Any] = field(default_factory=dict)


def filled_workspace(root: Path, db_url: str | None) -> Filled:
    """A head workspace with users, an imported sample bundle and some casework."""
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from reviewer_app.samples.generate import generate_bundle
    from reviewer_app.security import keys
    from reviewer_app.services.casework import CaseService
    from reviewer_app.services.exporters import trust_exporter
    from reviewer_app.services.importing import import_bundle
    from reviewer_app.services.queue import QueueFilter, QueueService
    from reviewer_app.services.users import add_user
    from reviewer_app.services.workspace import RECIPIENT_FILE, init_workspace, open_session

    passwords = {name: secrets.token_urlsafe(12) for name in ("admin", "examiner", "supervisor")}
    files: dict[str, Path] = {}
    for name, password in passwords.items():
        files[name] = root / f"{name}.password"
        files[name].write_text(password + "\n", encoding="utf-8")
    directory = root / "source"
    init_workspace(directory, db_url, "admin", passwords["admin"])
    recipient = keys.public_key_from_text(
        (directory / RECIPIENT_FILE).read_text(encoding="utf-8"))
    assert isinstance(recipient, X25519PublicKey)
    signing_key = keys.generate_signing_key()
    with open_session(directory, "admin", passwords["admin"]) as admin:
        add_user(admin, "examiner", "examiner", passwords["examiner"])
        add_user(admin, "supervisor", "supervisor", passwords["supervisor"])
        trust_exporter(admin, keys.public_key_to_text(signing_key.public_key()), "upgrade test")
        with tempfile.TemporaryDirectory() as tmp:
            bundle = Path(tmp) / "b.rvb"
            generate_bundle(bundle, members=2, seed=11, signing_key=signing_key,
                            recipients=[recipient], fast=True, workers=1)
            import_bundle(admin, bundle)
    with open_session(directory, "examiner", passwords["examiner"]) as examiner:
        service = CaseService(examiner)
        rows = QueueService(examiner).fetch(QueueFilter(), offset=0, limit=100)
        case_id = int(rows[0].case_id)
        detail = service.open_case(case_id)
        income = replace(detail.income_sheet, insured=Insured(annual_income=4_321_000))
        service.save_income_sheet(case_id, income, detail.income_version)
    return Filled(directory, passwords, files, case_id, income, len(rows))


def _copy_rows(source_url: str, target_url: str, revision: str) -> dict[str, int]:
    target = create_engine_for(target_url)
    source = create_engine_for(source_url)
    counts: dict[str, int] = {}
    try:
        migrate.upgrade(target, revision)
        old = MetaData()
        old.reflect(target)
        with source.connect() as src, target.begin() as dst:
            for table in old.sorted_tables:
                if table.name == "alembic_version":
                    continue
                theirs = Table(table.name, MetaData(), autoload_with=src)
                columns = [c.name for c in table.columns if c.name in theirs.c]
                rows = [dict(r) for r in src.execute(
                    select(*(theirs.c[c] for c in columns))).mappings()]
                if rows:
                    dst.execute(insert(table), rows)
                counts[table.name] = len(rows)
                if target.dialect.name == "postgresql":
                    _advance_sequence(dst, table)
    finally:
        source.dispose()
        target.dispose()
    return counts


def _advance_sequence(conn: Any, table: Table) -> None:
    """Rows copied with their ids leave a serial's sequence at 1: move it past them."""
    keys = list(table.primary_key.columns)
    if len(keys) != 1 or not isinstance(keys[0].type, Integer):
        return
    name = keys[0].name
    sequence = conn.execute(text("SELECT pg_get_serial_sequence(:t, :c)"),
                            {"t": table.name, "c": name}).scalar()
    if sequence:
        conn.execute(text(f"SELECT setval(:s, COALESCE((SELECT MAX({name}) FROM "
                          f"{table.name}), 0) + 1, false)"), {"s": sequence})


AUTHORITY_REVISION = "0006"  # issue 8: users' own keys, grants, bound seals, data keys


def as_before_authority(filled: Filled) -> None:
    """Rewrite ``filled`` (in place, once) as a release before issue 8 wrote its data: the
    master key wrapped under each password, values sealed to table, row and column only,
    documents sealed directly under the master key, no keys, grants, signatures or root."""
    import re

    from sqlalchemy.orm import Session

    from reviewer_app.security.keyring import wrap_master_key
    from reviewer_app.services.rotation import SEALED_COLUMNS
    from reviewer_app.services.workspace import WORKSPACE_FILE, load_workspace, open_session
    from reviewer_app.store import sealing
    from reviewer_app.store.models import Attachment, AttachmentBlob, User

    if filled.extra.get("before_authority"):
        return
    with open_session(filled.dir, "admin", filled.passwords["admin"]) as admin:
        master = admin.master_key
    engine = create_engine_for(load_workspace(filled.dir).db_url)
    try:
        with Session(engine) as db, db.begin():
            for model, columns in SEALED_COLUMNS:
                table = model.__tablename__
                for row in db.scalars(select(model)):
                    for column in columns:
                        if getattr(row, column) is not None:
                            plain = row.open_from(column, master)
                            setattr(row, column, sealing.seal(master, table, row._row_id(),
                                                              column, plain))
            for blob in db.scalars(select(AttachmentBlob)):
                attachment = db.get(Attachment, blob.attachment_id)
                assert attachment is not None
                data = blob.open_document(master, attachment)
                blob.data = sealing.seal(master, "attachment_blobs", blob.attachment_id,
                                         "data", data)
                blob.wrapped_key = None
            for user in db.scalars(select(User)):
                user.wrapped_master_key = wrap_master_key(master, filled.passwords[user.name])
                user.sign_public_key = user.box_public_key = user.wrapped_private_keys = None
            for statement in ("DELETE FROM grants", "DELETE FROM master_key_wraps",
                              "UPDATE audit_events SET signer_key_id = NULL, signature = NULL",
                              "UPDATE decisions SET signed_body = NULL, body_hash = NULL, "
                              "signer_key_id = NULL, signature = NULL",
                              "UPDATE deficiency_notices SET signed_body = NULL, "
                              "body_hash = NULL, signer_key_id = NULL, signature = NULL",
                              "DELETE FROM settings WHERE key IN ('master_key_epoch', "
                              "'sealing_version', 'index_root')"):
                db.execute(text(statement))
    finally:
        engine.dispose()
    toml = filled.dir / WORKSPACE_FILE
    toml.write_text(re.sub(LEGACY_TOML_LINES, "",
                           toml.read_text(encoding="utf-8")), encoding="utf-8")
    (filled.dir / "audit-checkpoint.json").unlink(missing_ok=True)
    filled.extra["before_authority"] = True


def at_revision(filled: Filled, target_dir: Path, target_db_url: str | None,
                revision: str = FIRST_REVISION) -> dict[str, int]:
    """A copy of ``filled`` as a workspace at ``revision`` in ``target_dir`` (module doc);
    returns the rows copied per table."""
    from reviewer_app.services.workspace import DEFAULT_DB_FILE, WORKSPACE_FILE, load_workspace

    if revision < AUTHORITY_REVISION:
        as_before_authority(filled)
    source = load_workspace(filled.dir)
    target_dir.mkdir(mode=0o700)
    url = target_db_url or f"sqlite:///{target_dir / DEFAULT_DB_FILE}"
    counts = _copy_rows(source.db_url, url, revision)
    for pub in filled.dir.glob("*.pub"):
        shutil.copy(pub, target_dir / pub.name)
    toml = (filled.dir / WORKSPACE_FILE).read_text(encoding="utf-8")
    if target_db_url is not None:
        lines = [f'db_url = "{target_db_url}"' if line.startswith("db_url") else line
                 for line in toml.splitlines()]
        toml = "\n".join(lines) + "\n"
    (target_dir / WORKSPACE_FILE).write_text(toml, encoding="utf-8")
    return counts

"""PostgreSQL privileges: each application user connects as their own login role, and the server
refuses what their role may not do (issue 8: "on PostgreSQL, the server enforces it").

Roles (cluster-wide, so named after the workspace id, which a dump and restore keep)
    ``rvw_<id>_reviewers``  every application user: read the work, write the casework tables,
                            append to the audit trail (never change or delete it);
    ``rvw_<id>_examiners``, ``rvw_<id>_supervisors``: their reviewing role (only a supervisor
                            inserts an approval or a return, or marks a case done);
    ``rvw_<id>_admins``     users, grants, pinned keys, settings and the master key's seals;
    ``reviewer_app_logins`` every login role of every workspace (for one ``pg_hba.conf`` line);
    ``rvu_…``               one login per user (security.pgauth), member of the groups above.

Rules that span rows are row-level security policies and a trigger: a user updates only their
own ``users`` row, and only its sign-in columns; a decision is inserted by its own author,
approvals and returns only by supervisors, and completed (sealed and signed) only by its author
before it is signed; a case becomes 完了 only by a supervisor. Secret columns of ``users`` (the
password hash and wrapped keys) are readable only by admins; a user reads their own through
``reviewer_own_secrets()``. Login roles are created and changed only through
``reviewer_manage_login()``, which runs with the owner's CREATEROLE right but only for admins,
only for ``rvu_`` names and only with this workspace's groups.

The owner (the role in ``workspace.toml``'s URL, which ran ``init``) keeps the tables; it needs
CREATEROLE. :func:`apply` is idempotent and runs after ``init`` and after every upgrade, so new
tables get their privileges too.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, text

from reviewer_app.security import pgauth
from reviewer_app.store.models import Base

LOGINS_GROUP = "reviewer_app_logins"
AUDIT_LOCK_ID = 0x7265_7669  # services.audit's advisory lock: one writer of the chain at a time

# Tables every reviewer reads and writes in the course of casework and imports.
REVIEWER_WRITES = frozenset({
    "imports", "insurers", "surveys", "members", "dependents", "search_tokens",
    "submission_revisions", "required_documents", "attachments", "attachment_blobs", "cases",
    "document_checks", "income_sheets", "deficiency_notices", "results_exports",
    "result_marks", "suggestions", "income_confirmations",
})
# Written by administrators only (everyone reads them).
ADMIN_WRITES = frozenset({"grants", "trusted_exporters", "master_key_wraps", "settings"})
USER_SECRETS = ("password_hash", "wrapped_master_key", "wrapped_private_keys")
# What a user's own sign-in changes on their own row.
USER_SELF_UPDATE = ("failed_attempts", "locked_until", "last_login_at", "password_hash",
                    "wrapped_private_keys", "wrapped_master_key", "sign_public_key",
                    "box_public_key")
DECISION_COMPLETION = ("comment_sealed", "evaluation_sealed", "signed_body", "body_hash",
                       "signer_key_id", "signature")


@dataclass(frozen=True)
class Groups:
    reviewers: str
    examiners: str
    supervisors: str
    admins: str

    def all(self) -> tuple[str, str, str, str]:
        return (self.reviewers, self.examiners, self.supervisors, self.admins)


def groups(workspace_id: str) -> Groups:
    base = f"rvw_{workspace_id[:12]}"
    return Groups(f"{base}_reviewers", f"{base}_examiners", f"{base}_supervisors",
                  f"{base}_admins")


def _ddl(conn: Connection, sql: str) -> None:
    """Run DDL as written: through the driver without parameters, so the ``%I``/``%L`` of
    PL/pgSQL's format() are not taken for placeholders."""
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute(sql)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def apply(conn: Connection, workspace_id: str, *, max_failures: int = 5,
          lock_minutes: int = 15) -> None:
    """Create the groups, grants, policies, trigger and functions (as the owner). The gate
    locks an account after ``max_failures`` wrong passwords for ``lock_minutes``, as the
    application's own sign-in does (services.workspace passes its policy)."""
    g = groups(workspace_id)
    for name in (LOGINS_GROUP, *g.all()):
        _ddl(conn, f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = "
                f"'{name}') THEN CREATE ROLE {_q(name)} NOLOGIN; END IF; END $$")
    for group in (g.examiners, g.supervisors, g.admins):
        _ddl(conn, f"GRANT {_q(g.reviewers)} TO {_q(group)}")
    reviewers, admins = _q(g.reviewers), _q(g.admins)
    _ddl(conn, "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC")
    _ddl(conn, f"GRANT USAGE ON SCHEMA public TO {reviewers}")
    _ddl(conn, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {reviewers}")
    tables = [t.name for t in Base.metadata.sorted_tables]
    for table in tables:
        _ddl(conn, f"REVOKE ALL ON {_q(table)} FROM {reviewers}, {admins}")
    _ddl(conn, f"GRANT SELECT ON alembic_version TO {reviewers}")
    for table in tables:
        if table in ("users", "login_secrets"):  # users: below; login secrets: the gate only
            continue
        _ddl(conn, f"GRANT SELECT ON {_q(table)} TO {reviewers}")
        if table in REVIEWER_WRITES:
            _ddl(conn, f"GRANT INSERT, UPDATE, DELETE ON {_q(table)} TO {reviewers}")
        if table in ADMIN_WRITES:
            _ddl(conn, f"GRANT INSERT, UPDATE, DELETE ON {_q(table)} TO {admins}")
    # settings: everyone takes the master-key epoch FOR SHARE (services.session), which needs
    # an UPDATE right on some column; updated_at is the harmless one.
    _ddl(conn, f"GRANT UPDATE (updated_at) ON settings TO {reviewers}")
    # the audit trail: append and read, never change or delete
    _ddl(conn, f"GRANT INSERT ON audit_events TO {reviewers}")
    # the signed entries and checks of paper surveys (services.paper): append and read; a
    # deleted entry would otherwise let its case start review unchecked
    _ddl(conn, f"GRANT INSERT ON paper_signoffs TO {reviewers}")
    _users(conn, g)
    _decisions(conn, g)
    _cases_guard(conn, g)
    _functions(conn, g, workspace_id, max_failures, lock_minutes)


def _users(conn: Connection, g: Groups) -> None:
    reviewers, admins = _q(g.reviewers), _q(g.admins)
    public_columns = [c.name for c in Base.metadata.tables["users"].columns
                      if c.name not in USER_SECRETS]
    _ddl(conn, f"GRANT SELECT ({', '.join(public_columns)}) ON users TO {reviewers}")
    _ddl(conn, f"GRANT UPDATE ({', '.join(USER_SELF_UPDATE)}) ON users TO {reviewers}")
    _ddl(conn, f"GRANT SELECT, INSERT, UPDATE ON users TO {admins}")
    _ddl(conn, "ALTER TABLE users ENABLE ROW LEVEL SECURITY")
    _policy(conn, "users", "users_read", f"FOR SELECT TO {reviewers} USING (true)")
    _policy(conn, "users", "users_self",
            f"FOR UPDATE TO {reviewers} USING (db_role = session_user) "
            "WITH CHECK (db_role = session_user)")
    _policy(conn, "users", "users_admin", f"FOR ALL TO {admins} USING (true) WITH CHECK (true)")


def _decisions(conn: Connection, g: Groups) -> None:
    reviewers, admins = _q(g.reviewers), _q(g.admins)
    _ddl(conn, f"GRANT SELECT, INSERT ON decisions TO {reviewers}")
    _ddl(conn, f"GRANT UPDATE ({', '.join(DECISION_COMPLETION)}) ON decisions TO {reviewers}")
    _ddl(conn, "ALTER TABLE decisions ENABLE ROW LEVEL SECURITY")
    me = "(SELECT id FROM users WHERE db_role = session_user)"
    _policy(conn, "decisions", "decisions_read", f"FOR SELECT TO {reviewers} USING (true)")
    _policy(conn, "decisions", "decisions_insert",
            f"FOR INSERT TO {reviewers} WITH CHECK (decided_by_id = {me} AND (kind = "
            f"'proposal' OR pg_has_role(session_user, '{g.supervisors}', 'MEMBER')))")
    # sealing and signing a decision just inserted, in the same transaction, by its author
    _policy(conn, "decisions", "decisions_complete",
            f"FOR UPDATE TO {reviewers} USING (decided_by_id = {me} AND signature IS NULL) "
            f"WITH CHECK (decided_by_id = {me})")
    # a master-key rotation re-seals every decision's comment and evaluation
    _policy(conn, "decisions", "decisions_rotate",
            f"FOR UPDATE TO {admins} USING (true) WITH CHECK (true)")


def _cases_guard(conn: Connection, g: Groups) -> None:
    _ddl(conn, f"""
CREATE OR REPLACE FUNCTION reviewer_cases_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status = 'done' AND OLD.status IS DISTINCT FROM 'done'
     AND NOT pg_has_role(session_user, '{g.supervisors}', 'MEMBER') THEN
    RAISE EXCEPTION 'only a supervisor completes a case' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$""")
    _ddl(conn, "DROP TRIGGER IF EXISTS reviewer_cases_guard ON cases")
    _ddl(conn, "CREATE TRIGGER reviewer_cases_guard BEFORE UPDATE ON cases "
                         "FOR EACH ROW EXECUTE FUNCTION reviewer_cases_guard()")


def _functions(conn: Connection, g: Groups, workspace_id: str, max_failures: int,
               lock_minutes: int) -> None:
    allowed = ", ".join(f"'{name}'" for name in (g.examiners, g.supervisors, g.admins))
    _ddl(conn, """
CREATE OR REPLACE FUNCTION reviewer_own_secrets()
RETURNS TABLE (password_hash text, wrapped_master_key bytea, wrapped_private_keys bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public AS $$
  SELECT u.password_hash, u.wrapped_master_key, u.wrapped_private_keys
  FROM users u WHERE u.db_role = session_user
$$""")
    _ddl(conn, f"""
CREATE OR REPLACE FUNCTION reviewer_manage_login(login text, verifier text, can_login boolean,
                                                 wanted text[], for_user integer,
                                                 proof_hash text, sealed bytea)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  g text;
BEGIN
  IF NOT pg_has_role(session_user, '{g.admins}', 'MEMBER') THEN
    RAISE EXCEPTION 'only an administrator manages logins' USING ERRCODE = '42501';
  END IF;
  IF login !~ '^rvu_[0-9a-f]{{20}}$' THEN
    RAISE EXCEPTION 'not a login role of this application' USING ERRCODE = '22023';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = login) THEN
    EXECUTE format('CREATE ROLE %I NOLOGIN', login);
  END IF;
  IF verifier IS NOT NULL THEN
    EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
  END IF;
  EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN can_login THEN 'LOGIN' ELSE 'NOLOGIN' END);
  FOREACH g IN ARRAY ARRAY[{allowed}] LOOP
    IF g = ANY(wanted) THEN
      EXECUTE format('GRANT %I TO %I', g, login);
    ELSE
      EXECUTE format('REVOKE %I FROM %I', g, login);
    END IF;
  END LOOP;
  EXECUTE format('GRANT %I TO %I', '{g.reviewers}', login);
  EXECUTE format('GRANT %I TO %I', '{LOGINS_GROUP}', login);
  IF sealed IS NOT NULL THEN
    INSERT INTO login_secrets (user_id, proof_hash, sealed_password)
    VALUES (for_user, proof_hash, sealed)
    ON CONFLICT (user_id) DO UPDATE SET proof_hash = EXCLUDED.proof_hash,
                                        sealed_password = EXCLUDED.sealed_password;
  END IF;
END $$""")
    _ddl(conn, f"""
CREATE OR REPLACE FUNCTION reviewer_audit(for_user integer, actor text, action text,
                                          subject text, details text)
RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
-- The next event of the chain, hashed exactly as services.audit.event_hash does:
-- SHA-256(prev_hash || canonical JSON of {{action, actor, at, details, seq, subject, user_id}}).
DECLARE
  last record;
  seq_ integer;
  prev text;
  at_ timestamptz := date_trunc('microseconds', clock_timestamp());
  body text;
BEGIN
  PERFORM pg_advisory_xact_lock({AUDIT_LOCK_ID});
  SELECT a.seq, a.hash INTO last FROM audit_events a ORDER BY a.seq DESC LIMIT 1;
  IF NOT FOUND THEN
    seq_ := 1; prev := repeat('0', 64);
  ELSE
    seq_ := last.seq + 1; prev := last.hash;
  END IF;
  body := '{{"action":' || to_json(action)::text || ',"actor":' || to_json(actor)::text
    || ',"at":"' || to_char(at_ AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00"'
    || ',"details":' || details || ',"seq":' || seq_ || ',"subject":' || to_json(subject)::text
    || ',"user_id":' || coalesce(for_user::text, 'null') || '}}';
  INSERT INTO audit_events (seq, at, user_id, actor, action, subject, details, prev_hash, hash)
  VALUES (seq_, at_, for_user, actor, action, subject, details, prev,
          encode(sha256(convert_to(prev || body, 'UTF8')), 'hex'));
END $$""")
    _ddl(conn, "REVOKE ALL ON FUNCTION reviewer_audit(integer, text, text, text, text) "
         "FROM PUBLIC")
    _ddl(conn, f"""
CREATE OR REPLACE FUNCTION reviewer_gate(user_name text, proof text)
RETURNS TABLE (outcome text, sealed_password bytea, locked_until timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
DECLARE
  u record;
  stored text;
  failures integer;
  until timestamptz;
BEGIN
  -- one attempt at a time per account (FOR UPDATE), like the application's own sign-in
  SELECT id, name, failed_attempts, users.locked_until AS lu INTO u FROM users
    WHERE name = user_name FOR UPDATE;
  IF NOT FOUND THEN
    PERFORM reviewer_audit(NULL, '', 'login.failed', '', '{{"reason":"unknown_user"}}');
    RETURN QUERY SELECT 'failed'::text, NULL::bytea, NULL::timestamptz;
    RETURN;
  END IF;
  IF u.lu IS NOT NULL AND u.lu > now() THEN
    PERFORM reviewer_audit(u.id, u.name, 'login.refused', 'user:' || u.id,
                           '{{"reason":"locked"}}');
    RETURN QUERY SELECT 'locked'::text, NULL::bytea, u.lu;
    RETURN;
  END IF;
  failures := CASE WHEN u.lu IS NOT NULL THEN 0 ELSE u.failed_attempts END;
  SELECT s.proof_hash INTO stored FROM login_secrets s WHERE s.user_id = u.id;
  IF stored IS NULL OR stored <> encode(sha256(convert_to(proof, 'UTF8')), 'hex') THEN
    failures := failures + 1;
    until := CASE WHEN failures >= {max_failures}
                  THEN now() + interval '{lock_minutes} minutes' END;
    UPDATE users SET failed_attempts = failures, locked_until = until WHERE id = u.id;
    PERFORM reviewer_audit(u.id, u.name, 'login.failed', 'user:' || u.id,
                           '{{"failures":' || failures || ',"reason":"wrong_password"}}');
    IF until IS NOT NULL THEN
      PERFORM reviewer_audit(u.id, u.name, 'user.locked', 'user:' || u.id,
                             '{{"minutes":{lock_minutes}}}');
    END IF;
    RETURN QUERY SELECT CASE WHEN until IS NULL THEN 'failed' ELSE 'locked' END,
                        NULL::bytea, until;
    RETURN;
  END IF;
  RETURN QUERY SELECT 'ok'::text, s.sealed_password, NULL::timestamptz
    FROM login_secrets s WHERE s.user_id = u.id;
END $$""")
    gate = pgauth.gate_role(workspace_id)
    _ddl(conn, f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{gate}') "
         f"THEN CREATE ROLE {_q(gate)} LOGIN; END IF; END $$")
    _ddl(conn, f"ALTER ROLE {_q(gate)} LOGIN PASSWORD "
         f"'{pgauth.scram_verifier(pgauth.gate_password(workspace_id))}'")
    _ddl(conn, f"GRANT {_q(LOGINS_GROUP)} TO {_q(gate)}")
    _ddl(conn, f"GRANT USAGE ON SCHEMA public TO {_q(gate)}")
    _ddl(conn, "REVOKE ALL ON FUNCTION reviewer_gate(text, text) FROM PUBLIC")
    _ddl(conn, f"GRANT EXECUTE ON FUNCTION reviewer_gate(text, text) TO {_q(gate)}")
    _ddl(conn, "REVOKE ALL ON FUNCTION reviewer_own_secrets() FROM PUBLIC")
    _ddl(conn, "REVOKE ALL ON FUNCTION reviewer_manage_login(text, text, boolean, text[], "
         "integer, text, bytea) FROM PUBLIC")
    _ddl(conn, f"GRANT EXECUTE ON FUNCTION reviewer_own_secrets() TO {_q(g.reviewers)}")
    _ddl(conn, "GRANT EXECUTE ON FUNCTION reviewer_manage_login(text, text, boolean, text[], "
         f"integer, text, bytea) TO {_q(g.admins)}")


def _policy(conn: Connection, table: str, name: str, body: str) -> None:
    _ddl(conn, f"DROP POLICY IF EXISTS {name} ON {table}")
    _ddl(conn, f"CREATE POLICY {name} ON {table} {body}")


@dataclass(frozen=True)
class LoginSecret:
    """A new login password and what the gate keeps to release it (security.pgauth)."""

    verifier: str  # SCRAM verifier of the random login password, for the role
    proof_hash: str
    sealed_password: bytes

    @classmethod
    def make(cls, proof: str, login: str) -> LoginSecret:
        password = pgauth.new_login_password()
        return cls(pgauth.scram_verifier(password), pgauth.proof_hash(proof),
                   pgauth.seal_login_password(proof, login, password))


def manage_login(conn: Connection, login: str, user_id: int, secret: LoginSecret | None,
                 can_login: bool, wanted: list[str]) -> None:
    """Create or change a login role (as an admin, through reviewer_manage_login)."""
    conn.execute(text("SELECT reviewer_manage_login(:login, :verifier, :can_login, :wanted, "
                      ":user_id, :proof_hash, :sealed)"),
                 {"login": login, "verifier": secret.verifier if secret else None,
                  "can_login": can_login, "wanted": wanted, "user_id": user_id,
                  "proof_hash": secret.proof_hash if secret else None,
                  "sealed": secret.sealed_password if secret else None})


def wanted_groups(workspace_id: str, roles: frozenset[str]) -> list[str]:
    """The groups for a user's roles (``examiner``, ``supervisor``, ``admin``)."""
    g = groups(workspace_id)
    by_role = {"examiner": g.examiners, "supervisor": g.supervisors, "admin": g.admins}
    return sorted(by_role[r] for r in roles if r in by_role)


def create_login_as_owner(conn: Connection, workspace_id: str, login: str, user_id: int,
                          secret: LoginSecret, wanted: list[str]) -> None:
    """The first admin's login, at ``init`` (by the owner: nobody is an admin yet)."""
    if not login.startswith("rvu_") or any(c in secret.verifier for c in "'\\"):
        raise ValueError("not a login role or verifier of this application")
    g = groups(workspace_id)
    _ddl(conn, f"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{login}') "
         f"THEN CREATE ROLE {_q(login)} NOLOGIN; END IF; END $$")
    _ddl(conn, f"ALTER ROLE {_q(login)} LOGIN PASSWORD '{secret.verifier}'")
    for group in (*wanted, g.reviewers, LOGINS_GROUP):
        _ddl(conn, f"GRANT {_q(group)} TO {_q(login)}")
    conn.execute(text("INSERT INTO login_secrets (user_id, proof_hash, sealed_password) "
                      "VALUES (:u, :h, :s)"),
                 {"u": user_id, "h": secret.proof_hash, "s": secret.sealed_password})

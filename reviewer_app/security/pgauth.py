"""Each application user as their own PostgreSQL login (issue 8: the server enforces rights).

A user types only their application password. From it and the workspace id:

* the role is ``rvu_`` and 20 hex digits of SHA-256 over the workspace id and the user name
  (stable across a ``pg_dump``/``pg_restore`` into another database, unlike a database name);
* a *proof* is derived with Argon2id (OWASP's parameters, the password hash's; salted with the
  workspace id and the user name), as slow to guess from as the sign-in's own hash;
* the sign-in gate (store.pg_roles: a function the public ``gate`` role may call, which counts
  failures and locks the account like the application's own check) compares the proof's hash
  and releases the login role's password, a random secret sealed under a key derived from the
  proof. Guessing at the login role itself is hopeless (it is random), so every guess goes
  through the gate and its lockout.

The server never receives a password in clear: roles get SCRAM-SHA-256 verifiers computed here
(RFC 5802 / RFC 7677, the form PostgreSQL stores in ``pg_authid``), and clients use SCRAM.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from reviewer_app.security import aead
from reviewer_app.security.passwords import PARAMS, derive

LOGIN_PREFIX = "rvu_"
SCRAM_ITERATIONS = 4096  # PostgreSQL's default (scram_iterations)


def login_role(workspace_id: str, user_name: str) -> str:
    digest = hashlib.sha256(f"{workspace_id}\x00{user_name}".encode()).hexdigest()
    return LOGIN_PREFIX + digest[:20]


def gate_role(workspace_id: str) -> str:
    return f"rvw_{workspace_id[:12]}_gate"


def gate_password(workspace_id: str) -> str:
    """Not a secret: the gate role may only call the gate function."""
    return f"reviewer-app-gate-{workspace_id}"


def proof_hash(proof: str) -> str:
    return hashlib.sha256(proof.encode("utf-8")).hexdigest()


def _login_key(proof: str, login: str) -> bytes:
    return hmac.new(proof.encode("utf-8"), b"reviewer-app login secret v1\x00" + login.encode(),
                    hashlib.sha256).digest()


def new_login_password() -> str:
    return base64.urlsafe_b64encode(os.urandom(32)).decode("ascii").rstrip("=")


def seal_login_password(proof: str, login: str, login_password: str) -> bytes:
    return aead.seal(_login_key(proof, login), login_password.encode("ascii"), login.encode())


def open_login_password(proof: str, login: str, sealed: bytes) -> str:
    """Raises aead.DecryptionError when the proof is not the one it was sealed for."""
    return aead.open_sealed(_login_key(proof, login), sealed, login.encode()).decode("ascii")


def login_proof(password: str, workspace_id: str, user_name: str) -> str:
    """The proof (see the module doc)."""
    salt = hashlib.sha256(
        f"reviewer-app database login v1\x00{workspace_id}\x00{user_name}".encode()).digest()
    key = derive(password.encode("utf-8"), salt[:16], PARAMS, 32)
    return base64.urlsafe_b64encode(key).decode("ascii").rstrip("=")


def scram_verifier(secret: str, *, salt: bytes | None = None,
                   iterations: int = SCRAM_ITERATIONS) -> str:
    """``SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey>`` for ``secret``."""
    salt = salt if salt is not None else os.urandom(16)
    salted = hashlib.pbkdf2_hmac("sha256", secret.encode("utf-8"), salt, iterations)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()
    b64 = base64.b64encode
    return (f"SCRAM-SHA-256${iterations}:{b64(salt).decode()}$"
            f"{b64(stored_key).decode()}:{b64(server_key).decode()}")

"""The application's log file: rotating, in the user's log folder, with no personal data.

Where: ``platformdirs.user_log_dir("reviewer-app")`` (Linux ``~/.local/state/reviewer-app/log``,
Windows ``%LOCALAPPDATA%\\reviewer-app\\Logs``), or the folder named by ``REVIEWER_APP_LOG_DIR``
(tests, and operators who want it elsewhere). ``reviewer-app.log`` rotates at 1 MB and keeps five
old files, so it never grows past about 6 MB.

What goes in: command names and exit statuses, error *codes* (never the sentence, which can name a
file or a person), every audit event's action and subject (``case.open case:12``: ids and codes
only, never the details), and the tracebacks of unexpected errors. A traceback keeps the
exception's type and its frames (file within its package, line, function), never the exception's
message nor source lines: messages of database, decoding and validation errors quote values, and
values here are names, amounts and file names. Library loggers (Alembic, SQLAlchemy, Pillow,
Qt's messages in the window) write here too, at INFO and above, and nothing reaches the console:
a log line on the terminal would be lost and would mix with the command's output.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import re
import threading
import traceback
from pathlib import Path
from typing import Any

LOG_DIR_ENV = "REVIEWER_APP_LOG_DIR"
LOG_FILE = "reviewer-app.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"
# Audit subjects are ``kind:id`` (case:12, user:3, workspace:<hex>) or a bare word; anything else
# is withheld rather than trusted.
_SAFE_SUBJECT = re.compile(r"^[a-z_]*(:[A-Za-z0-9_.-]*)?$")

_lock = threading.Lock()
_handler: logging.Handler | None = None


def log_dir() -> Path:
    override = os.environ.get(LOG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_log_dir("reviewer-app", appauthor=False))


def log_file() -> Path:
    return log_dir() / LOG_FILE


def _type_name(exc_type: type[BaseException]) -> str:
    module = getattr(exc_type, "__module__", "")
    name = exc_type.__qualname__
    return name if module in ("", "builtins") else f"{module}.{name}"


def _short_path(filename: str) -> str:
    """The file relative to its package (no home folder, which names the person)."""
    parts = Path(filename).parts
    for anchor in ("site-packages", "dist-packages"):
        if anchor in parts:
            return "/".join(parts[len(parts) - parts[::-1].index(anchor):])
    if "reviewer_app" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("reviewer_app"):])
    if "tests" in parts:
        return "/".join(parts[len(parts) - 1 - parts[::-1].index("tests"):])
    return parts[-1] if parts else filename


def scrubbed_traceback(exc: BaseException) -> str:
    """The traceback without any exception message: the type and the frames (file relative to its
    package, line, function; no source lines, which may quote data in a test or a script) of the
    exception and of the ones chained to it (causes first, as Python prints them)."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__)
    parts: list[str] = []
    for index, item in enumerate(reversed(chain)):
        if index:
            parts.append("\nwhich led to:\n\n")
        parts.append("Traceback (most recent call last):\n")
        parts.extend(f'  File "{_short_path(frame.filename)}", line {frame.lineno}, '
                     f"in {frame.name}\n" for frame in traceback.extract_tb(item.__traceback__))
        parts.append(f"{_type_name(type(item))} (message withheld: it may quote personal data)\n")
    return "".join(parts).rstrip("\n")


class PrivacyFormatter(logging.Formatter):
    """A formatter whose tracebacks carry no exception messages (module doc)."""

    def formatException(self, ei: Any) -> str:
        exc_type, exc, _tb = ei
        if exc is None:
            return _type_name(exc_type) if exc_type is not None else ""
        return scrubbed_traceback(exc)


def setup(level: int = logging.INFO) -> Path | None:
    """Send the root logger (ours and every library's) to the rotating log file, once per
    process. Returns the file, or None when the folder cannot be made (the application runs on
    without a log rather than refusing to start)."""
    global _handler
    with _lock:
        if _handler is not None:
            return Path(getattr(_handler, "baseFilename", log_file()))
        path = log_file()
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            handler: logging.Handler = logging.handlers.RotatingFileHandler(
                path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8",
                delay=True)
        except OSError:
            return None
        handler.setFormatter(PrivacyFormatter(FORMAT))
        handler.setLevel(level)
        root = logging.getLogger()
        root.addHandler(handler)
        if root.level == logging.NOTSET or root.level > level:
            root.setLevel(level)
        # Pillow logs every PNG chunk at DEBUG, Alembic each of its plugins at INFO.
        logging.getLogger("PIL").setLevel(logging.INFO)
        logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
        _handler = handler
        _watch_audit_events()
        return path


def _watch_audit_events() -> None:
    """Log each audit event's action and subject (ids only) as it is written."""
    from sqlalchemy import event

    from reviewer_app.store.models import AuditEvent

    audit_log = logging.getLogger("reviewer_app.audit")

    def _after_insert(_mapper: Any, _conn: Any, target: AuditEvent) -> None:
        subject = target.subject or ""
        if not _SAFE_SUBJECT.match(subject):
            subject = "(withheld)"
        audit_log.info("event %s %s user=%s", target.action, subject, target.user_id)

    if not event.contains(AuditEvent, "after_insert", _after_insert):
        event.listen(AuditEvent, "after_insert", _after_insert)


def log_unexpected(logger: logging.Logger, what: str, exc: BaseException) -> None:
    """Log an unexpected exception with its scrubbed traceback."""
    logger.error("%s: %s\n%s", what, type(exc).__name__, scrubbed_traceback(exc))

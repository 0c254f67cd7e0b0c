"""The database schema against this release: current, older (an admin upgrades it) or newer
(this release refuses it).

A workspace is opened only at the schema this release was built for. An older one is not
migrated behind the examiner's back (issue 10 §3): an admin runs ``reviewer-app upgrade`` (or
accepts the window's offer when signing in), which makes a backup first. A newer one was written
by a later release, whose tables this one does not know; opening it would fail later, in a worse
place, so it is refused at once with the version to install.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from reviewer_app import __version__
from reviewer_app.errors import UserError
from reviewer_app.store import migrate

UPGRADE_NEEDED = "schema_upgrade_needed"
TOO_NEW = "schema_too_new"


class SchemaUpgradeNeeded(UserError):
    def __init__(self, directory: Path, current: str, head: str) -> None:
        super().__init__(
            f"ワークスペース {directory} のデータベースは旧版の形式です（スキーマ {current}、"
            f"この版は {head}）。管理者が更新するまで開けません。管理者は画面でログインするか、"
            f"reviewer-app upgrade --workspace {directory} --user 管理者 --password-file F "
            "を実行してください（更新の前にバックアップを作ります）。",
            f"The database of workspace {directory} has an older schema ({current}; this "
            f"version uses {head}). It cannot be opened until an administrator upgrades it: "
            "an administrator signs in to the window, or runs reviewer-app upgrade --workspace "
            f"{directory} --user ADMIN --password-file F (a backup is made first).",
            code=UPGRADE_NEEDED, subject=str(directory))
        self.current = current
        self.head = head


class SchemaTooNew(UserError):
    def __init__(self, directory: Path, current: str, written_by: str | None) -> None:
        wanted_ja = f"{written_by} 以降" if written_by else "より新しい版"
        wanted_en = f"version {written_by} or later" if written_by else "a newer version"
        super().__init__(
            f"ワークスペース {directory} は新しい版の reviewer-app で更新されています"
            f"（スキーマ {current}）。この版 ({__version__}) では開けません。"
            f"reviewer-app {wanted_ja}をインストールしてください。データは変更していません。",
            f"Workspace {directory} was written by a newer version of reviewer-app (schema "
            f"{current}); this version ({__version__}) cannot open it. Install reviewer-app "
            f"{wanted_en}. Nothing was changed.",
            code=TOO_NEW, subject=str(directory))
        self.current = current
        self.written_by = written_by


def require_current_schema(engine: Engine, directory: Path, current: str) -> None:
    """Raise unless ``current`` is this release's head (see the module doc)."""
    state = migrate.schema_state(current)
    if state == "older":
        raise SchemaUpgradeNeeded(directory, current, migrate.head_revision() or "?")
    if state == "newer":
        with engine.connect() as conn:
            written_by = migrate.written_by(conn)
        raise SchemaTooNew(directory, current, written_by)

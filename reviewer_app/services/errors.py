"""Failures of the use cases that a person can act on."""

from __future__ import annotations

from reviewer_app.errors import UserError


class PermissionDenied(UserError):
    """The signed-in user's role may not do this (the service layer checks, not the buttons)."""

    def __init__(self, action_ja: str, action_en: str, roles_ja: str, roles_en: str) -> None:
        super().__init__(
            f"{action_ja}は{roles_ja}だけが行えます。権限のあるユーザーでログインしてください。",
            f"Only {roles_en} may {action_en}. Sign in as a user with that role.",
            code="permission_denied",
        )


class WorkspaceNotFound(UserError):
    def __init__(self, path: str) -> None:
        super().__init__(
            f"ワークスペース {path} が見つかりません（workspace.toml がありません）。"
            "フォルダを確かめるか、reviewer-app init で作成してください。",
            f"No workspace at {path} (workspace.toml is missing). Check the folder or create one "
            "with reviewer-app init.",
            code="workspace_not_found", subject=path,
        )


class WorkspaceExists(UserError):
    def __init__(self, path: str, what_ja: str, what_en: str) -> None:
        super().__init__(
            f"{path} は空ではありません（{what_ja}）。既存のワークスペースは上書きしません。"
            "空のフォルダか新しいデータベースを指定してください。",
            f"{path} is not empty ({what_en}). An existing workspace is never overwritten; "
            "give an empty folder or a new database.",
            code="workspace_exists", subject=path,
        )


class LoginFailed(UserError):
    """Wrong user name or password: the message never says which (no user enumeration)."""

    def __init__(self) -> None:
        super().__init__(
            "ユーザー名またはパスワードが違います。入力し直してください。"
            "5回続けて間違えるとアカウントが15分間ロックされます。",
            "The user name or password is wrong. Please try again. "
            "After 5 failures in a row the account is locked for 15 minutes.",
            code="login_failed",
        )


class AccountLocked(UserError):
    def __init__(self, until_local: str) -> None:
        super().__init__(
            f"ログインの失敗が続いたため、このアカウントは {until_local} までロックされています。"
            "時間をおいてやり直すか、管理者にパスワードの再設定を依頼してください。",
            f"This account is locked until {until_local} after repeated failed logins. "
            "Try again later or ask an administrator to reset the password.",
            code="account_locked",
        )


class AccountDisabled(UserError):
    def __init__(self) -> None:
        super().__init__(
            "このアカウントは無効になっています。管理者に連絡してください。",
            "This account is disabled. Contact your administrator.",
            code="account_disabled",
        )


class NoMasterKeyForUser(UserError):
    """The master key in use was not sealed to this user's keys (rotated without them)."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"ユーザー「{name}」には現在のワークスペースの鍵が渡されていません（鍵の切り替えの"
            "後にまだ再設定されていません）。管理者にパスワードの再設定を依頼してください。",
            f"User '{name}' has not been given the workspace's current key (it was rotated "
            "since). Ask an administrator to reset your password.",
            code="no_master_key", subject=name,
        )


class MasterKeyRotated(UserError):
    """An administrator rotated the workspace key since this sign-in (a user was disabled or a
    password reset): this session's key no longer opens or seals anything."""

    def __init__(self) -> None:
        super().__init__(
            "管理者がワークスペースの鍵を切り替えました（ユーザーの無効化かパスワードの再設定）。"
            "入力中の内容を控えてから、いったんログアウトしてログインし直してください。",
            "An administrator changed the workspace's key (a user was disabled or a password "
            "reset). Note what you were entering, then sign out and sign in again.",
            code="master_key_rotated",
        )

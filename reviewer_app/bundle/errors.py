"""Why a bundle was refused: one stable code per reason, a message in Japanese and English.

Every message names the entry or object concerned (``subject``) and the reason, and says what to
do. Nearly every refusal means the bundle is damaged or was not made for this workspace, so the
advice is to ask the web system's administrator for a new export; the exceptions say otherwise.
Messages never quote bundle contents beyond ids and field paths (no names, no amounts).

Only the bundle's integrity refuses it. A member's file whose contents are unusable (its type, a
damaged or password-protected upload, too many pixels) is imported quarantined instead, with a
:class:`~reviewer_app.render.problems.FileProblem` (issue 9).
"""

from __future__ import annotations

from reviewer_app.errors import UserError

_REEXPORT_JA = "WEBシステムの管理者に再エクスポートを依頼してください。"
_REEXPORT_EN = "Ask the web system's administrator to export the bundle again."

# code -> (reason ja, reason en, advice ja, advice en); "{s}" is the subject.
_TEXTS: dict[str, tuple[str, str, str, str]] = {
    "unknown_format": (
        "{s} はこのアプリのバンドル形式ではありません",
        "{s} is not in this application's bundle format",
        "ファイルの取り違えがないか確認し、正しいバンドルを取り込んでください。",
        "Check that this is the right file, and import the bundle the web system exported.",
    ),
    "unsupported_version": (
        "{s} の形式バージョンにこのアプリは対応していません",
        "{s} uses a format version this application does not support",
        "アプリを更新するか、対応するバージョンでの再エクスポートを管理者に依頼してください。",
        "Update the application, or ask the administrator to export in a supported version.",
    ),
    "corrupt_zip": (
        "バンドルのzipが壊れているか途中で切れています（{s}）",
        "the bundle's zip is damaged or truncated ({s})",
        "ファイルをもう一度コピーし直し、直らなければ" + _REEXPORT_JA,
        "Copy the file again; if that does not help, " + _REEXPORT_EN[0].lower() + _REEXPORT_EN[1:],
    ),
    "unsafe_entry_name": (
        "バンドルに許可されていないエントリ名「{s}」があります",
        "the bundle holds an entry name that is not allowed: '{s}'",
        "このファイルは取り込まないでください。" + _REEXPORT_JA,
        "Do not import this file. " + _REEXPORT_EN,
    ),
    "missing_entry": (
        "バンドルに必要なエントリ「{s}」がありません",
        "the bundle lacks the entry '{s}'",
        _REEXPORT_JA,
        _REEXPORT_EN,
    ),
    "bad_signature": (
        "{s} の署名が正しくありません（改ざんまたは破損）",
        "the signature of {s} does not verify (tampered or damaged)",
        "このファイルは取り込まないでください。" + _REEXPORT_JA,
        "Do not import this file. " + _REEXPORT_EN,
    ),
    "untrusted_exporter": (
        "{s} の署名鍵は、このワークスペースで信頼登録されていません",
        "{s} is signed by a key this workspace does not trust",
        "管理者が trust-exporter でWEBシステムの公開鍵を登録してから取り込んでください。",
        "Have an administrator pin the web system's public key (trust-exporter), then import.",
    ),
    "not_addressed": (
        "このバンドルはこのワークスペース宛てに暗号化されていません（{s}）",
        "this bundle is not encrypted for this workspace ({s})",
        "ワークスペースの recipient.pub を管理者に渡し、宛先に含めた再エクスポートを"
        "依頼してください。",
        "Give the administrator this workspace's recipient.pub and ask for an export "
        "addressed to it.",
    ),
    "hash_mismatch": (
        "オブジェクト {s} のSHA-256がマニフェストと一致しません",
        "the SHA-256 of object {s} does not match the manifest",
        "このファイルは取り込まないでください。" + _REEXPORT_JA,
        "Do not import this file. " + _REEXPORT_EN,
    ),
    "size_mismatch": (
        "オブジェクト {s} のサイズがマニフェストと一致しません",
        "the size of object {s} does not match the manifest",
        _REEXPORT_JA,
        _REEXPORT_EN,
    ),
    "decrypt_failed": (
        "{s} を復号できません（鍵の不一致または改ざん）",
        "{s} cannot be decrypted (wrong key or tampered)",
        _REEXPORT_JA,
        _REEXPORT_EN,
    ),
    "file_too_large": (
        "{s} のサイズが上限（5 MB）を超えています",
        "{s} is larger than the limit (5 MB)",
        "会員に5 MB以下のファイルでの再提出を依頼するよう、WEBシステムの管理者に"
        "連絡してください。",
        "Ask the web system's administrator to have the member upload a file of 5 MB or less.",
    ),
    "invalid_field": (
        "{s} に不正な項目があります",
        "{s} has an invalid field",
        _REEXPORT_JA,
        _REEXPORT_EN,
    ),
    "missing_object": (
        "オブジェクト {s} がバンドルにありません",
        "object {s} is not in the bundle",
        _REEXPORT_JA,
        _REEXPORT_EN,
    ),
    "duplicate_object": (
        "オブジェクト {s} がマニフェストに重複して記載されています",
        "object {s} is listed more than once in the manifest",
        _REEXPORT_JA,
        _REEXPORT_EN,
    ),
}

CODES = frozenset(_TEXTS)


class BundleError(UserError):
    """A refused bundle. ``code`` is one of :data:`CODES`; ``subject`` the entry or object id.

    ``detail`` is a short technical reason in English (a JSON path and what is wrong with it, a
    version number); it is appended to both messages. ``field_path`` is set for invalid_field.
    """

    def __init__(
        self,
        code: str,
        subject: str,
        *,
        detail: str = "",
        detail_ja: str | None = None,
        field_path: str | None = None,
    ) -> None:
        reason_ja, reason_en, advice_ja, advice_en = _TEXTS[code]
        extra_en = f" ({detail})" if detail else ""
        extra_ja = f"（{detail_ja if detail_ja is not None else detail}）" if detail else ""
        ja = f"バンドルを取り込めません: {reason_ja.format(s=subject)}{extra_ja}。{advice_ja}"
        en = f"Cannot import the bundle: {reason_en.format(s=subject)}{extra_en}. {advice_en}"
        super().__init__(
            ja,
            en,
            code=code,
            subject=subject,
        )
        self.detail = detail
        self.field_path = field_path

"""Why a document cannot be shown, as a sentence for the examiner (Japanese and English).

The viewer shows these in place of the page; they are values handed back by the render layer,
never exceptions that reach Qt. Messages name no personal data (they may be logged).
"""

from __future__ import annotations

from reviewer_app.errors import UserError

from .problems import FileProblem, unusable_message
from .sniff import MAX_PIXELS


class DocumentError(UserError):
    """A document (or one of its pages) that cannot be displayed, and what the examiner can do."""


def unsupported(media_type: str | None) -> DocumentError:
    return DocumentError(
        "この書類は対応していない形式のため表示できません。"
        "JPEG・PNG・BMP・GIF・PDF・HEIC で再提出するよう不備連絡してください。",
        "This document is in an unsupported format and cannot be shown. Ask the member to "
        "resubmit it as JPEG, PNG, BMP, GIF, PDF or HEIC (deficiency notice).",
        code="document-unsupported",
        subject=media_type,
    )


def too_many_pixels(pixels: int | None) -> DocumentError:
    limit_mp = MAX_PIXELS // 1_000_000
    return DocumentError(
        f"画像が大きすぎるため表示できません（上限 {limit_mp:,} メガピクセル）。"
        "解像度を下げた画像で再提出するよう不備連絡してください。",
        f"The image is too large to display (limit {limit_mp:,} megapixels). Ask the member to "
        "resubmit it at a lower resolution (deficiency notice).",
        code="document-too-many-pixels",
        subject=None if pixels is None else str(pixels),
    )


def corrupt(detail: str | None = None) -> DocumentError:
    return DocumentError(
        "ファイルが壊れているか途中で切れているため表示できません。"
        "再提出するよう不備連絡してください。",
        "The file is damaged or cut off and cannot be shown. Ask the member to resubmit it "
        "(deficiency notice).",
        code="document-corrupt",
        subject=detail,
    )


def encrypted() -> DocumentError:
    return DocumentError(
        "パスワード付きの PDF のため表示できません。"
        "パスワードを外した PDF で再提出するよう不備連絡してください。",
        "The PDF is password-protected and cannot be shown. Ask the member to resubmit it "
        "without a password (deficiency notice).",
        code="document-encrypted",
    )


def unavailable(detail: str | None = None) -> DocumentError:
    return DocumentError(
        "書類を読み込めませんでした。しばらくしてから開き直してください。"
        "続く場合は管理者に連絡してください。",
        "The document could not be loaded. Open it again in a moment; if this keeps happening, "
        "contact your administrator.",
        code="document-unavailable",
        subject=detail,
    )


def render_failed(detail: str | None = None) -> DocumentError:
    return DocumentError(
        "このページを描画できませんでした。ファイルが壊れている可能性があります。"
        "開き直しても表示されない場合は再提出を依頼してください。",
        "This page could not be drawn; the file may be damaged. If reopening does not help, "
        "ask the member to resubmit it.",
        code="document-render-failed",
        subject=detail,
    )


def extreme_aspect(width: int, height: int) -> DocumentError:
    """Refused before decoding: one side far longer than the other (a 1 x 50,000,000 bomb)."""
    return DocumentError(
        "画像が極端に細長いため表示できません。書類の全体を撮影またはスキャンし直した画像で"
        "再提出するよう不備連絡してください。",
        "The image is far too long and thin to display. Ask the member to photograph or scan "
        "the whole document again and resubmit it (deficiency notice).",
        code="document-extreme-aspect",
        subject=f"{width}x{height}",
    )


def quarantined(problem: FileProblem) -> DocumentError:
    """A file the import quarantined: shown as the reason, never opened (issue 9)."""
    return DocumentError(unusable_message(problem, "ja"), unusable_message(problem, "en"),
                         code="document-quarantined", subject=problem.value)


def too_slow(seconds: float) -> DocumentError:
    """A decode or render that ran past its deadline (its worker was stopped)."""
    return DocumentError(
        "このページは描画に時間がかかりすぎるため、表示を打ち切りました。ファイルが壊れているか"
        "極端に複雑です。ほかの書類はそのまま表示できます。読めない場合は再提出を"
        "依頼してください。",
        "Drawing this page took too long and was stopped; the file is damaged or extremely "
        "complex. Other documents are not affected. If it cannot be read, ask the member to "
        "resubmit it.",
        code="document-timeout",
        subject=f"{seconds:.1f} s",
    )


def over_memory() -> DocumentError:
    """A decode or render that wanted more memory than its budget."""
    return DocumentError(
        "このページの表示に必要なメモリが上限を超えたため表示できません。ファイルが壊れているか"
        "極端に大きな内容です。読めない場合は再提出を依頼してください。",
        "Showing this page would need more memory than allowed; the file is damaged or its "
        "contents are extremely large. If it cannot be read, ask the member to resubmit it.",
        code="document-over-memory",
    )

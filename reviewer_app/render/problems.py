"""Why a member's uploaded file cannot be used, and what the examiner should ask for instead.

The importer's content check (:mod:`.inspect`) finds these; a file with a problem is kept sealed
as a *quarantined* attachment (issue 9) rather than refusing the bundle, and its code is stored
with it. The 書類 tab, the viewer and the deficiency notice all read the same code, so every
screen names the same problem and the same next step. Standard library only: the review rules
and the services use these texts too.
"""

from __future__ import annotations

from enum import StrEnum

# What the web system accepts, as members see the types (seed 000: upload screen).
ALLOWED_TYPES_TEXT = "jpg・jpeg・png・bmp・gif・pdf・heic"
ALLOWED_TYPES_TEXT_EN = "jpg, jpeg, png, bmp, gif, pdf, heic"


class FileProblem(StrEnum):
    """A content problem of one uploaded file (stored in ``attachments.quarantine_reason``)."""

    TYPE_NOT_ALLOWED = "type_not_allowed"  # the bytes are none of the accepted types
    TYPE_MISMATCH = "type_mismatch"  # an accepted type, but not the one declared for it
    DAMAGED = "damaged"  # header unreadable, data cut off or broken, PDF or page 1 unreadable
    PASSWORD_PROTECTED = "password_protected"  # a PDF that needs a password to open
    NO_PAGES = "no_pages"  # a PDF without a single page
    TOO_MANY_PIXELS = "too_many_pixels"  # width x height over MAX_PIXELS
    EXTREME_ASPECT = "extreme_aspect"  # one side over MAX_ASPECT_RATIO times the other
    TOO_COMPLEX = "too_complex"  # the check ran out of its time or memory (a bomb, or broken)


# problem -> (what is wrong ja, en, next step ja, en). The next step is the examiner's.
_TEXTS: dict[FileProblem, tuple[str, str, str, str]] = {
    FileProblem.TYPE_NOT_ALLOWED: (
        f"受け付けていないファイル形式です（受け付けるのは {ALLOWED_TYPES_TEXT}）",
        f"the file is of a type that is not accepted (accepted: {ALLOWED_TYPES_TEXT_EN})",
        "会員に、これらの形式で保存したファイルをアップロードし直すよう不備連絡してください。",
        "Ask the member (deficiency notice) to upload the file again as one of these types.",
    ),
    FileProblem.TYPE_MISMATCH: (
        "ファイルの中身が、届いたファイル形式と一致しません",
        "the file's contents do not match the type it arrived as",
        "会員に、書類を保存し直してアップロードし直すよう不備連絡してください。",
        "Ask the member (deficiency notice) to save the document again and upload it again.",
    ),
    FileProblem.DAMAGED: (
        "ファイルが壊れているか、途中で切れています",
        "the file is damaged or cut off",
        "会員に、同じ書類をもう一度アップロードするよう不備連絡してください。",
        "Ask the member (deficiency notice) to upload the document again.",
    ),
    FileProblem.PASSWORD_PROTECTED: (
        "パスワード付きのPDFです",
        "the PDF is password-protected",
        "会員に、パスワードを外したPDFをアップロードし直すよう不備連絡してください。",
        "Ask the member (deficiency notice) to upload a copy of the PDF without a password.",
    ),
    FileProblem.NO_PAGES: (
        "PDFにページがありません",
        "the PDF has no pages",
        "会員に、書類のPDFをもう一度作成してアップロードし直すよう不備連絡してください。",
        "Ask the member (deficiency notice) to make the PDF again and upload it again.",
    ),
    FileProblem.TOO_MANY_PIXELS: (
        "画像の画素数が上限（5,000万画素）を超えています",
        "the image has more pixels than allowed (50 million)",
        "会員に、解像度を下げた画像をアップロードし直すよう不備連絡してください。",
        "Ask the member (deficiency notice) to upload the image again at a lower resolution.",
    ),
    FileProblem.EXTREME_ASPECT: (
        "画像が極端に細長く、書類として表示できません",
        "the image is far too long and thin to be shown as a document",
        "会員に、書類全体を撮影またはスキャンし直した画像をアップロードし直すよう"
        "不備連絡してください。",
        "Ask the member (deficiency notice) to photograph or scan the whole document again "
        "and upload it.",
    ),
    FileProblem.TOO_COMPLEX: (
        "ファイルの確認が時間またはメモリの上限内に終わりませんでした（壊れているか、"
        "極端に複雑なファイルです）",
        "checking the file did not finish within its time or memory limit (it is damaged or "
        "extremely complex)",
        "会員に、同じ書類をもう一度（できれば撮影またはスキャンし直して）アップロードするよう"
        "不備連絡してください。",
        "Ask the member (deficiency notice) to upload the document again, ideally photographed "
        "or scanned anew.",
    ),
}


# Short names for counts (the import summary): "damaged 3, password-protected 1".
_SHORT: dict[FileProblem, tuple[str, str]] = {
    FileProblem.TYPE_NOT_ALLOWED: ("受け付けていない形式", "type not accepted"),
    FileProblem.TYPE_MISMATCH: ("中身と形式が不一致", "contents not of the declared type"),
    FileProblem.DAMAGED: ("壊れている・途中で切れている", "damaged or cut off"),
    FileProblem.PASSWORD_PROTECTED: ("パスワード付きPDF", "password-protected PDF"),
    FileProblem.NO_PAGES: ("ページのないPDF", "PDF without pages"),
    FileProblem.TOO_MANY_PIXELS: ("画素数が上限超え", "too many pixels"),
    FileProblem.EXTREME_ASPECT: ("極端に細長い画像", "extremely long and thin image"),
    FileProblem.TOO_COMPLEX: ("確認が時間・メモリの上限超え", "check over its limits"),
}


def short_label(problem: FileProblem, lang: str = "ja") -> str:
    """A few words for a count of files with this problem."""
    ja, en = _SHORT[problem]
    return ja if lang == "ja" else en


def count_text(counts: dict[str, int], lang: str = "ja") -> str:
    """"壊れている・途中で切れている 2 件、パスワード付きPDF 1 件" from problem value -> count."""
    parts = []
    for problem in FileProblem:
        if counts.get(problem.value):
            n = counts[problem.value]
            parts.append(f"{short_label(problem, 'ja')} {n} 件" if lang == "ja"
                         else f"{short_label(problem, 'en')}: {n}")
    return ("、" if lang == "ja" else ", ").join(parts)


def problem_text(problem: FileProblem, lang: str = "ja") -> str:
    """What is wrong with the file, as a clause (no full stop)."""
    ja, en, _, _ = _TEXTS[problem]
    return ja if lang == "ja" else en


def advice_text(problem: FileProblem, lang: str = "ja") -> str:
    """What the examiner should do next, as a sentence."""
    _, _, ja, en = _TEXTS[problem]
    return ja if lang == "ja" else en


def unusable_message(problem: FileProblem, lang: str = "ja") -> str:
    """「ファイルを開けません」 with the reason and the next step (the viewer and the 書類 tab)."""
    if lang == "ja":
        return f"ファイルを開けません: {problem_text(problem, 'ja')}。{advice_text(problem, 'ja')}"
    return (f"The file cannot be opened: {problem_text(problem, 'en')}. "
            f"{advice_text(problem, 'en')}")


def parse_problem(code: str | None) -> FileProblem | None:
    """The stored code as a problem; an unknown code (a newer version's) counts as damaged."""
    if code is None:
        return None
    try:
        return FileProblem(code)
    except ValueError:
        return FileProblem.DAMAGED


__all__ = [
    "ALLOWED_TYPES_TEXT",
    "ALLOWED_TYPES_TEXT_EN",
    "FileProblem",
    "advice_text",
    "count_text",
    "parse_problem",
    "problem_text",
    "short_label",
    "unusable_message",
]

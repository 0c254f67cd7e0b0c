"""Reviewing documents and writing the deficiency notice (不備連絡) to the member.

A notice lists every document marked deficient plus every required document with nothing
uploaded, each with its reason and what to submit instead, and a reply deadline. The letter text
uses 和暦 dates because members read it (issue 4, §4).

A document with a file the import quarantined (issue 9: damaged, password-protected, not an
accepted type ...) is proposed too, with the reason 「ファイルを開けない」 and what to upload
instead worded for that problem, until the examiner marks the row OK or deficient themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.render.problems import FileProblem
from reviewer_app.review.requirements import DocumentState, DocumentStatus, UnusableFile


class DeficiencyReason(StrEnum):
    UNREADABLE = "unreadable"
    WRONG_PERIOD = "wrong_period"
    WRONG_DOCUMENT = "wrong_document"
    MONTHS_MISSING = "months_missing"
    MY_NUMBER_VISIBLE = "my_number_visible"
    MISSING = "missing"
    CUT_OFF = "cut_off"
    FILE_UNUSABLE = "file_unusable"  # the import quarantined a file (issue 9)
    OTHER = "other"

    @property
    def label_ja(self) -> str:
        return REASON_LABEL_JA[self]


REASON_LABEL_JA: dict[DeficiencyReason, str] = {
    DeficiencyReason.UNREADABLE: "判読不可",
    DeficiencyReason.WRONG_PERIOD: "対象期間が違う",
    DeficiencyReason.WRONG_DOCUMENT: "書類違い",
    DeficiencyReason.MONTHS_MISSING: "月が不足",
    DeficiencyReason.MY_NUMBER_VISIBLE: "マイナンバーが見える",
    DeficiencyReason.MISSING: "未提出",
    DeficiencyReason.CUT_OFF: "一部が切れている",
    DeficiencyReason.FILE_UNUSABLE: "ファイルを開けない",
    DeficiencyReason.OTHER: "その他",
}

# How the letter words each reason for the member (the labels above are the examiner's shorthand).
REASON_LETTER_JA: dict[DeficiencyReason, str] = {
    DeficiencyReason.UNREADABLE: "文字が読み取れません",
    DeficiencyReason.WRONG_PERIOD: "対象期間の書類ではありません",
    DeficiencyReason.WRONG_DOCUMENT: "必要な書類と異なります",
    DeficiencyReason.MONTHS_MISSING: "不足している月があります",
    DeficiencyReason.MY_NUMBER_VISIBLE: "マイナンバー(個人番号)が見えています",
    DeficiencyReason.MISSING: "ご提出がありません",
    DeficiencyReason.CUT_OFF: "書類の一部が切れています",
    DeficiencyReason.FILE_UNUSABLE: "アップロードされたファイルを開くことができません",
    DeficiencyReason.OTHER: "下記の補足をご確認ください",
}

# What the member should do instead. ``{title}`` is the document, ``{year}`` the target year.
_INSTEAD_JA: dict[DeficiencyReason, str] = {
    DeficiencyReason.UNREADABLE:
        "文字がはっきり読めるようにスキャンまたは撮影し直した{title}をアップロードしてください。",
    DeficiencyReason.WRONG_PERIOD:
        "{year}年1月～12月に支払われた分の{title}をアップロードしてください。",
    DeficiencyReason.WRONG_DOCUMENT:
        "提出された書類は必要書類ではありません。{title}をアップロードしてください。",
    DeficiencyReason.MONTHS_MISSING:
        "不足している月の分をアップロードしてください。紛失した場合は、お勤め先の事業主の証明を"
        "受けた「給与額等証明書(12ヶ月分)」をご提出ください。",
    DeficiencyReason.MY_NUMBER_VISIBLE:
        "マイナンバー(個人番号)を黒塗りなどで見えないようにしてから、"
        "{title}をアップロードし直してください。",
    DeficiencyReason.MISSING: "{title}をアップロードしてください。",
    DeficiencyReason.CUT_OFF:
        "書類の全体(四隅まで)が写るようにスキャンまたは撮影し直して、"
        "{title}をアップロードしてください。",
    DeficiencyReason.FILE_UNUSABLE:
        "ファイルが壊れているか途中で切れているため、開くことができませんでした。"
        "お手数ですが、{title}をもう一度アップロードしてください。",
    DeficiencyReason.OTHER: "",
}

# What the member should do for each problem the import found in a file (issue 9). The types
# are named as members see them on the upload screen.
_FILE_INSTEAD_JA: dict[FileProblem, str] = {
    FileProblem.TYPE_NOT_ALLOWED:
        "受け付けていない形式のファイルでした。{title}を、jpg・jpeg・png・bmp・gif・pdf・heic の"
        "いずれかの形式で保存してアップロードしてください。",
    FileProblem.TYPE_MISMATCH:
        "ファイルの中身と形式(拡張子)が一致せず、開くことができませんでした。"
        "{title}を保存し直してアップロードしてください。",
    FileProblem.DAMAGED: _INSTEAD_JA[DeficiencyReason.FILE_UNUSABLE],
    FileProblem.PASSWORD_PROTECTED:
        "パスワードが設定されたPDFは開くことができません。パスワードを設定していない"
        "{title}のPDFをアップロードしてください。",
    FileProblem.NO_PAGES:
        "PDFにページがなく、開くことができませんでした。{title}のPDFを作成し直して"
        "アップロードしてください。",
    FileProblem.TOO_MANY_PIXELS:
        "画像が大きすぎるため開くことができませんでした。解像度を下げて撮影またはスキャンした"
        "{title}をアップロードしてください。",
    FileProblem.EXTREME_ASPECT:
        "画像が極端に細長く、書類として表示できませんでした。書類の全体が写るように撮影または"
        "スキャンし直した{title}をアップロードしてください。",
    FileProblem.TOO_COMPLEX:
        "ファイルを開くことができませんでした。{title}を撮影またはスキャンし直して"
        "アップロードしてください。",
}
# When a document has several unusable files, the letter speaks of the most specific problem.
_FILE_PROBLEM_ORDER = (
    FileProblem.PASSWORD_PROTECTED, FileProblem.TYPE_NOT_ALLOWED, FileProblem.TOO_MANY_PIXELS,
    FileProblem.EXTREME_ASPECT, FileProblem.TYPE_MISMATCH, FileProblem.NO_PAGES,
    FileProblem.DAMAGED, FileProblem.TOO_COMPLEX,
)


def default_instead_ja(reason: DeficiencyReason, title: str, target_year: int | None,
                       unusable: Sequence[UnusableFile] = ()) -> str:
    """The default 'what to submit instead' text for a reason (for 「ファイルを開けない」,
    worded for the problem of the document's ``unusable`` files)."""
    year = str(target_year) if target_year is not None else "対象年の"
    template = _INSTEAD_JA[reason]
    if reason is DeficiencyReason.FILE_UNUSABLE and unusable:
        found = {u.problem for u in unusable}
        template = _FILE_INSTEAD_JA[next(p for p in _FILE_PROBLEM_ORDER if p in found)]
    text = template.format(title=f"「{title}」", year=year)
    return text.replace("対象年の年", "対象年の")


def unusable_note(unusable: Sequence[UnusableFile]) -> str:
    """The files concerned, for the item's note: the member sees which upload failed."""
    return "対象のファイル: " + "、".join(u.name for u in unusable) if unusable else ""


@dataclass(frozen=True, slots=True)
class DocumentReview:
    """The examiner's verdict on one row of the 書類 tab (``DocumentStatus.key``)."""

    document_id: str
    status: ReviewStatus = ReviewStatus.UNCHECKED
    reason: DeficiencyReason | None = None
    note: str = ""


# What the 書類 tab proposes when the readers found a My Number on a document (issue 11 §4):
# the examiner confirms it (save_document_check) like any other mark.
MY_NUMBER_FOUND_JA = "マイナンバーが写っています"


def my_number_proposal(document_id: str, pages: Iterable[int]) -> DocumentReview:
    """The deficiency 「マイナンバーが写っています」 for one document, naming the pages."""
    listed = sorted(set(pages))
    where = "・".join(f"{p}ページ目" for p in listed)
    note = f"{MY_NUMBER_FOUND_JA}（{where}）" if listed else MY_NUMBER_FOUND_JA
    return DocumentReview(document_id, ReviewStatus.DEFICIENT,
                          DeficiencyReason.MY_NUMBER_VISIBLE, note)


@dataclass(frozen=True, slots=True)
class NoticeItem:
    document_id: str
    title_ja: str
    reason: DeficiencyReason
    instead_ja: str
    note: str = ""

    @property
    def reason_ja(self) -> str:
        return self.reason.label_ja


@dataclass(frozen=True, slots=True)
class DeficiencyNotice:
    items: tuple[NoticeItem, ...]
    reply_deadline: date
    issued_on: date
    message: str = ""  # the examiner's overall message, after the items

    def with_item_note(self, index: int, note: str) -> DeficiencyNotice:
        items = list(self.items)
        items[index] = replace(items[index], note=note)
        return replace(self, items=tuple(items))


def build_notice(
    reviews: Iterable[DocumentReview],
    statuses: Sequence[DocumentStatus],
    reply_deadline: date,
    *,
    issued_on: date,
    target_year: int | None = None,
    message: str = "",
) -> DeficiencyNotice:
    """The itemised notice, in the order of the 書類 tab.

    A row is listed when it was reviewed as deficient, or when it is a required document with
    nothing uploaded and the examiner has not marked it OK (it is included automatically, with
    the reason 未提出). 「未提出で進める」 rows are the examiner's call: they are listed only when
    marked deficient (賞与支給なし is a valid answer, Q&A 29). A row with a file the import
    quarantined is proposed the same way, with the reason 「ファイルを開けない」 and the files
    named in its note, until the examiner marks it OK or deficient.
    """
    by_id = {r.document_id: r for r in reviews}
    items: list[NoticeItem] = []
    for st in statuses:
        review = by_id.get(st.key)
        title = st.title_ja
        unchecked = review is None or review.status is ReviewStatus.UNCHECKED
        if review is not None and review.status is ReviewStatus.DEFICIENT:
            reason = review.reason or DeficiencyReason.OTHER
            items.append(NoticeItem(st.key, title, reason,
                                    default_instead_ja(reason, title, target_year, st.unusable),
                                    review.note))
        elif st.unusable and unchecked:
            reason = DeficiencyReason.FILE_UNUSABLE
            note = review.note if review is not None and review.note else unusable_note(
                st.unusable)
            items.append(NoticeItem(st.key, title, reason,
                                    default_instead_ja(reason, title, target_year, st.unusable),
                                    note))
        elif (st.state is DocumentState.MISSING and st.requirement is not None
              and (review is None or review.status is ReviewStatus.UNCHECKED)):
            reason = DeficiencyReason.MISSING
            items.append(NoticeItem(st.key, title, reason,
                                    default_instead_ja(reason, title, target_year),
                                    review.note if review is not None else ""))
    return DeficiencyNotice(tuple(items), reply_deadline, issued_on, message)


def render_notice_text(
    notice: DeficiencyNotice, insured_name: str, dependent_name: str, insurer_name: str
) -> str:
    """A polite letter body in Japanese, dates in 和暦."""
    deadline = format_wareki(notice.reply_deadline)
    lines = [
        format_wareki(notice.issued_on),
        "",
        f"{insured_name} 様",
        "",
        insurer_name,
        "",
        "被扶養者資格調査 提出書類の不備について(ご連絡)",
        "",
        "日頃より当組合の事業にご理解とご協力を賜り、誠にありがとうございます。",
        f"被扶養者 {dependent_name} 様についてご提出いただいた書類を確認しましたところ、"
        "下記の点について不備がございました。",
        f"お手数をおかけいたしますが、{deadline}までに、WEBシステムより"
        "ご提出(アップロード)くださいますようお願い申し上げます。",
        "",
        "記",
        "",
    ]
    for n, item in enumerate(notice.items, start=1):
        lines.append(f"{n}. {item.title_ja}")
        lines.append(f"   不備の内容: {REASON_LETTER_JA[item.reason]}")
        if item.instead_ja:
            lines.append(f"   ご提出いただきたいもの: {item.instead_ja}")
        if item.note.strip():
            lines.append(f"   補足: {item.note.strip()}")
        lines.append("")
    if notice.message.strip():
        lines += [notice.message.strip(), ""]
    lines += [
        f"回答期限: {deadline}",
        "",
        "期限までのご提出が難しい場合は、お勤め先の社会保険担当部署へご連絡ください。",
        "",
        "以上",
    ]
    return "\n".join(lines)

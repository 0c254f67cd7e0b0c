"""Document reviews, the itemised deficiency notice and its letter text."""

from __future__ import annotations

from datetime import date

from unit.review.builders import TARGET_YEAR, dependent, document, occ

from reviewer_app.bundle.schema import DocumentKind as K
from reviewer_app.bundle.schema import Occupation as O
from reviewer_app.domain.vocabulary import ReviewStatus
from reviewer_app.render.problems import FileProblem
from reviewer_app.review.deficiency import (
    REASON_LABEL_JA,
    REASON_LETTER_JA,
    DeficiencyReason,
    DocumentReview,
    build_notice,
    default_instead_ja,
    render_notice_text,
)
from reviewer_app.review.requirements import (
    DocumentStatus,
    match_uploads,
    missing_key,
    required_documents,
)

DEADLINE = date(2024, 10, 15)
ISSUED = date(2024, 10, 1)


def statuses() -> list[DocumentStatus]:
    dep = dependent(
        occ(O.PART_TIME, 900_000),
        occ(O.PENSIONER, 600_000),
        docs=[
            document(K.PAYSLIP, files=2),
            document(K.BONUS_SLIP, files=0, proceed_without=True, comment="賞与支給なし"),
        ],
    )
    return match_uploads(required_documents(dep, TARGET_YEAR), dep.required_documents)


def test_every_reason_has_a_japanese_label() -> None:
    assert set(REASON_LABEL_JA) == set(DeficiencyReason) == set(REASON_LETTER_JA)
    assert DeficiencyReason.MY_NUMBER_VISIBLE.label_ja == "マイナンバーが見える"
    assert DeficiencyReason.UNREADABLE.label_ja == "判読不可"


def test_default_instead_texts_name_the_document_and_year() -> None:
    assert "「給与明細書」" in default_instead_ja(DeficiencyReason.UNREADABLE, "給与明細書", 2023)
    assert "2023年1月～12月" in default_instead_ja(DeficiencyReason.WRONG_PERIOD, "x", 2023)
    assert "黒塗り" in default_instead_ja(DeficiencyReason.MY_NUMBER_VISIBLE, "x", 2023)
    assert "給与額等証明書" in default_instead_ja(DeficiencyReason.MONTHS_MISSING, "x", 2023)
    assert default_instead_ja(DeficiencyReason.OTHER, "x", 2023) == ""


def test_notice_lists_deficient_rows_and_missing_required_documents() -> None:
    reviews = [
        DocumentReview("d-payslip", ReviewStatus.DEFICIENT, DeficiencyReason.MONTHS_MISSING,
                       "3月分と4月分がありません"),
        DocumentReview("d-bonus_slip", ReviewStatus.OK),
    ]
    notice = build_notice(reviews, statuses(), DEADLINE, issued_on=ISSUED,
                          target_year=TARGET_YEAR)
    assert [(i.document_id, i.reason) for i in notice.items] == [
        ("d-payslip", DeficiencyReason.MONTHS_MISSING),
        (missing_key(K.PENSION_NOTICE), DeficiencyReason.MISSING),
    ]
    assert notice.items[0].note == "3月分と4月分がありません"
    assert "年金振込通知書" in notice.items[1].instead_ja
    assert notice.reply_deadline == DEADLINE


def test_proceed_without_rows_are_the_examiners_call() -> None:
    notice = build_notice([], statuses(), DEADLINE, issued_on=ISSUED)
    assert "d-bonus_slip" not in [i.document_id for i in notice.items]
    marked = build_notice(
        [DocumentReview("d-bonus_slip", ReviewStatus.DEFICIENT, DeficiencyReason.MISSING)],
        statuses(), DEADLINE, issued_on=ISSUED)
    assert "d-bonus_slip" in [i.document_id for i in marked.items]


def test_missing_document_marked_ok_is_left_out() -> None:
    ok = DocumentReview(missing_key(K.PENSION_NOTICE), ReviewStatus.OK, note="自治体情報で確認")
    notice = build_notice([ok], statuses(), DEADLINE, issued_on=ISSUED)
    assert notice.items == ()


def test_deficient_without_a_reason_counts_as_other() -> None:
    notice = build_notice([DocumentReview("d-payslip", ReviewStatus.DEFICIENT, None, "要確認")],
                          statuses(), DEADLINE, issued_on=ISSUED)
    assert notice.items[0].reason is DeficiencyReason.OTHER


def test_letter_is_polite_japanese_with_wareki_dates_and_every_item() -> None:
    reviews = [DocumentReview("d-payslip", ReviewStatus.DEFICIENT,
                              DeficiencyReason.MY_NUMBER_VISIBLE, "2枚目")]
    notice = build_notice(reviews, statuses(), DEADLINE, issued_on=ISSUED,
                          target_year=TARGET_YEAR, message="よろしくお願いいたします。")
    notice = notice.with_item_note(1, "すべての年金について")
    text = render_notice_text(notice, "御室 太郎", "御室 花子", "オムロン健康保険組合")
    assert text.startswith("令和6年10月1日\n")
    assert "御室 太郎 様" in text and "御室 花子 様" in text and "オムロン健康保険組合" in text
    assert "回答期限: 令和6年10月15日" in text
    assert "1. 給与明細書(2023年1月～12月支払分)" in text
    assert "不備の内容: マイナンバー(個人番号)が見えています" in text and "補足: 2枚目" in text
    assert "不備の内容: ご提出がありません" in text
    assert "2. 年金振込通知書" in text and "補足: すべての年金について" in text
    assert "よろしくお願いいたします。" in text
    assert text.rstrip().endswith("以上")
    assert "2024" not in text  # members read 和暦


# --- files the import quarantined (issue 9) ------------------------------------------------


def quarantined(problems: dict[str, FileProblem]) -> list[DocumentStatus]:
    dep = dependent(occ(O.PART_TIME, 900_000), docs=[
        document(K.PAYSLIP, files=3),
        document(K.BONUS_SLIP, files=0, proceed_without=True, comment="賞与支給なし")])
    return match_uploads(required_documents(dep, TARGET_YEAR), dep.required_documents, problems)


def test_a_row_with_an_unusable_file_names_it() -> None:
    rows = quarantined({"f-payslip-2": FileProblem.PASSWORD_PROTECTED})
    assert [(u.file_id, u.name, u.problem) for u in rows[0].unusable] == [
        ("f-payslip-2", "payslip-2.pdf", FileProblem.PASSWORD_PROTECTED)]
    assert rows[1].unusable == ()


def test_an_unchecked_row_with_an_unusable_file_is_proposed_for_the_notice() -> None:
    notice = build_notice([], quarantined({"f-payslip-2": FileProblem.PASSWORD_PROTECTED}),
                          DEADLINE, issued_on=ISSUED, target_year=TARGET_YEAR)
    (item,) = notice.items
    assert (item.document_id, item.reason) == ("d-payslip", DeficiencyReason.FILE_UNUSABLE)
    assert "パスワードを設定していない「給与明細書(2023年1月～12月支払分)」のPDF" in item.instead_ja
    assert item.note == "対象のファイル: payslip-2.pdf"
    text = render_notice_text(notice, "御室 太郎", "御室 花子", "健康保険組合")
    assert "不備の内容: アップロードされたファイルを開くことができません" in text
    assert "補足: 対象のファイル: payslip-2.pdf" in text


def test_the_most_specific_problem_words_the_request() -> None:
    rows = quarantined({"f-payslip-1": FileProblem.DAMAGED,
                        "f-payslip-3": FileProblem.TYPE_NOT_ALLOWED})
    (item,) = build_notice([], rows, DEADLINE, issued_on=ISSUED).items
    assert "jpg・jpeg・png・bmp・gif・pdf・heic" in item.instead_ja
    assert item.note == "対象のファイル: payslip-1.pdf、payslip-3.pdf"
    damaged = build_notice([], quarantined({"f-payslip-1": FileProblem.DAMAGED}), DEADLINE,
                           issued_on=ISSUED).items[0]
    assert "もう一度アップロード" in damaged.instead_ja


def test_the_examiners_mark_decides_over_the_proposal() -> None:
    rows = quarantined({"f-payslip-2": FileProblem.DAMAGED})
    ok = DocumentReview("d-payslip", ReviewStatus.OK, note="残りの2枚で足りる")
    assert build_notice([ok], rows, DEADLINE, issued_on=ISSUED).items == ()
    own = DocumentReview("d-payslip", ReviewStatus.DEFICIENT, DeficiencyReason.MONTHS_MISSING)
    (item,) = build_notice([own], rows, DEADLINE, issued_on=ISSUED).items
    assert item.reason is DeficiencyReason.MONTHS_MISSING
    chosen = DocumentReview("d-payslip", ReviewStatus.DEFICIENT, DeficiencyReason.FILE_UNUSABLE,
                            "2枚目を")
    (item,) = build_notice([chosen], rows, DEADLINE, issued_on=ISSUED).items
    assert item.note == "2枚目を" and "もう一度アップロード" in item.instead_ja


def test_every_problem_has_a_request_for_the_member() -> None:
    for problem in FileProblem:
        rows = quarantined({"f-payslip-1": problem})
        (item,) = build_notice([], rows, DEADLINE, issued_on=ISSUED).items
        assert "アップロード" in item.instead_ja and "「給与明細書" in item.instead_ja

"""Sample letters for the letter tests."""

from __future__ import annotations

from datetime import date

from reviewer_app.letters import (
    Addressee,
    ExclusionLetter,
    NoticeItemText,
    NoticeLetter,
    RecertificationLetter,
    Society,
    reply_deadline_from,
)

SOCIETY = Society(
    "〇〇健康保険組合",
    "業務部 適用グループ（扶養調査担当）\n"
    "〒100-0001 東京都千代田区千代田1-1-1 〇〇ビル5階\n"
    "電話 03-1234-5678（平日 9:00〜17:00）",
)
ISSUED = date(2024, 10, 15)


def addressee(n: int = 1, insured_name: str = "") -> Addressee:
    return Addressee(
        ref=f"case-{n}",
        insured_name=insured_name or f"山田 太郎{n}",
        card_symbol="12",
        card_number=f"{3400 + n}",
        office_name="東京本社 営業部",
        dependent_name=f"山田 花子{n}",
        relationship_label="妻",
    )


def exclusion(n: int = 1, insured_name: str = "") -> ExclusionLetter:
    return ExclusionLetter(
        addressee(n, insured_name), ISSUED, date(2024, 2, 16),
        "令和6年3月から5月までの給与の総支給額が、3か月連続で月額限度額108,333円を超えたため。")


def notice(n: int = 1, items: int = 2) -> NoticeLetter:
    texts = tuple(
        NoticeItemText(f"給与明細書（{k}月分）", f"{k}月分の給与明細書が添付されていません。",
                       f"令和5年{k}月分の給与明細書", "紛失された場合は給与額等証明書でも可")
        for k in range(1, items + 1))
    return NoticeLetter(addressee(n), ISSUED, date(2024, 10, 31), texts,
                        "ご不明な点はお問い合わせ先までご連絡ください。")


def recertification(n: int = 1) -> RecertificationLetter:
    return RecertificationLetter(addressee(n), ISSUED, date(2024, 6, 16),
                                 reply_deadline_from(ISSUED))

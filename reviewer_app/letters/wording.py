"""The Japanese text of each letter, as HTML for the PDF story.

Polite business-letter style (拝啓 … 敬具, 記 … 以上), dates in 和暦. The wording of the
exclusion and re-certification letters follows the society's survey page (seed 004): the
「被扶養者異動[減]申請書」 with the insurance card after an exclusion, and for 遡り再認定 the
「被扶養者異動[増]申請書」 with the payslips, to reach the society through the office within
30 days of the 「扶養家族除外のお知らせ」.

Every value that comes from a member, an examiner or the settings goes through ``_text`` or
``_lines`` (``html.escape``): a name such as ``<b>`` or ``&`` prints as written.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

from reviewer_app.domain.wareki import format_wareki
from reviewer_app.letters.model import (
    Addressee,
    ExclusionLetter,
    Letter,
    NoticeLetter,
    RecertificationLetter,
    Society,
)

# Seed 004: 「扶養家族除外のお知らせ」の発信日より30日以内に事業所担当者経由で健保到着.
RECERTIFICATION_DAYS = 30

TITLE_EXCLUSION = "扶養家族除外のお知らせ"
TITLE_NOTICE = "被扶養者資格調査 提出書類の不備について（ご連絡）"
TITLE_RECERTIFICATION = "扶養家族再認定のご案内"

_OPENING = ("拝啓　時下ますますご清祥のこととお慶び申し上げます。"
            "平素は当組合の事業運営にご理解とご協力を賜り、厚く御礼申し上げます。")


def reply_deadline_from(issued_on: date) -> date:
    """The last day re-certification documents may arrive: 30 days after the letter's date."""
    return issued_on + timedelta(days=RECERTIFICATION_DAYS)


def title_of(letter: Letter) -> str:
    if isinstance(letter, ExclusionLetter):
        return TITLE_EXCLUSION
    if isinstance(letter, NoticeLetter):
        return TITLE_NOTICE
    return TITLE_RECERTIFICATION


def _text(value: str) -> str:
    # MuPDF's Story decodes character references twice (1.28.2: "&amp;amp;" prints "&", and a
    # member's literal "&amp;" would print "&"), so an ampersand is escaped twice. "<" needs no
    # more: its second decoding finds no "&". tests/unit/letters pins both.
    return html.escape(value.strip(), quote=True).replace("&amp;", "&amp;amp;")


def _lines(value: str) -> str:
    """Escaped, with the value's own line breaks kept."""
    return "<br/>".join(_text(line) for line in value.strip().splitlines())


def _wareki(d: date) -> str:
    return html.escape(format_wareki(d))


def _head(to: Addressee, issued_on: date, society: Society, title: str) -> str:
    return (
        f'<p class="date">{_wareki(issued_on)}</p>'
        f'<p class="to">{_text(to.office_name)}<br/>'
        f'記号・番号　{_text(to.card_symbol)}・{_text(to.card_number)}<br/>'
        f'<span class="name">{_text(to.insured_name)}　様</span></p>'
        f'<p class="from">{_text(society.name)}</p>'
        # The contact block sits in the head, not at the foot: a foot block split by a page
        # break left a lone line on a page of its own.
        f'<p class="contact">（お問い合わせ先）<br/>{_lines(society.contact)}</p>'
        f'<h1>{html.escape(title)}</h1>'
    )


def _fact(label: str, value_html: str) -> str:
    """One labelled fact: the label, then the (already escaped) value, wrapped lines indented."""
    return f'<p class="fact"><span class="label">{html.escape(label)}：</span>{value_html}</p>'


def _dependent_rows(to: Addressee) -> str:
    return (_fact("被扶養者氏名", f"{_text(to.dependent_name)}　様")
            + _fact("続柄", _text(to.relationship_label)))


def _exclusion(letter: ExclusionLetter, society: Society) -> str:
    deadline = _wareki(reply_deadline_from(letter.issued_on))
    return (
        _head(letter.to, letter.issued_on, society, TITLE_EXCLUSION)
        + f"<p>{_OPENING}</p>"
        "<p>さて、このたび実施いたしました被扶養者資格調査につきまして、ご提出いただいた書類を"
        "審査しました結果、下記の被扶養者の方は被扶養者の認定基準を満たしていないと判断いたし"
        "ましたので、下記の除外日をもって扶養除外となりますことをお知らせいたします。</p>"
        "<p>つきましては、速やかに「被扶養者異動[減]申請書」に保険証を添えて、ご所属の事業所の"
        "社会保険担当部署へご提出くださいますようお願い申し上げます。"
        "除外日以降に保険証を使用して受診された場合は、当組合が負担した医療費を返還して"
        "いただくことになりますので、ご注意ください。</p>"
        '<p class="closing">敬具</p>'
        '<p class="ki">記</p>'
        '<div class="facts">'
        + _dependent_rows(letter.to)
        + _fact("除外日", _wareki(letter.exclusion_date))
        + _fact("除外の理由", _lines(letter.reason_ja))
        + _fact("ご提出書類", "被扶養者異動[減]申請書、保険証")
        + "</div>"
        '<p class="subhead">遡り再認定について</p>'
        "<p>除外日以降に、再度、扶養認定基準を満たした方は、遡り再認定の可能性があります。"
        "ご希望の場合は、収入が限度内になっていることを確認しますので、"
        "「被扶養者異動[増]申請書」に除外日の属する月から現在までの給与明細書・賞与明細書を添えて、"
        f"本通知の発信日より{RECERTIFICATION_DAYS}日以内（{deadline}まで）に事業所担当者経由で"
        "当組合に届くようご提出ください。"
        "月の支給額が3か月連続で限度内になった月の勤怠期間の初めの日から認定します。"
        "ただし、月別の収入の確認ができる方に限ります。</p>"
        '<p class="end">以上</p>'
    )


def _notice(letter: NoticeLetter, society: Society) -> str:
    deadline = _wareki(letter.reply_deadline)
    items = []
    for n, item in enumerate(letter.items, start=1):
        rows = (_fact("不備の内容", _lines(item.problem))
                + _fact("ご提出いただきたいもの", _lines(item.what_to_submit)))
        if item.note.strip():
            rows += _fact("補足", _lines(item.note))
        items.append(f'<p class="item-title">{n}．{_text(item.title)}</p>'
                     f'<div class="facts">{rows}</div>')
    message = f"<p>{_lines(letter.message)}</p>" if letter.message.strip() else ""
    return (
        _head(letter.to, letter.issued_on, society, TITLE_NOTICE)
        + f"<p>{_OPENING}</p>"
        "<p>さて、被扶養者資格調査につきまして、ご提出いただいた書類を確認しましたところ、"
        "下記の点について不備がございました。"
        f"お手数をおかけいたしますが、{deadline}までに、下記の書類をご所属の事業所の社会保険担当"
        "部署へご提出くださいますようお願い申し上げます。</p>"
        '<p class="closing">敬具</p>'
        '<p class="ki">記</p>'
        + f'<div class="facts">{_dependent_rows(letter.to)}'
        + _fact("回答期限", deadline)
        + "</div>"
        + "".join(items)
        + message
        + "<p>期限までのご提出が難しい場合は、いつまでにご提出いただけるかを、お勤め先の"
        "社会保険担当部署へ必ずご連絡ください。</p>"
        '<p class="end">以上</p>'
    )


def _recertification(letter: RecertificationLetter, society: Society) -> str:
    deadline = _wareki(letter.reply_deadline)
    return (
        _head(letter.to, letter.issued_on, society, TITLE_RECERTIFICATION)
        + f"<p>{_OPENING}</p>"
        "<p>さて、先に扶養除外となりました下記の被扶養者の方につきまして、ご提出いただいた"
        "給与明細書等により、月の支給額が3か月連続で限度内になっていることを確認いたしました。"
        "下記の再認定日にさかのぼって被扶養者として再認定（遡り再認定）することができますので、"
        "ご案内いたします。</p>"
        "<p>ご希望の場合は、「被扶養者異動[増]申請書」に、除外日の属する月から現在までの"
        "給与明細書・賞与明細書を添えて、扶養家族除外のお知らせの発信日より"
        f"{RECERTIFICATION_DAYS}日以内（{deadline}まで）に、事業所担当者経由で当組合に届くよう"
        "ご提出くださいますようお願い申し上げます。"
        "期限を過ぎますと、遡っての再認定はいたしかねますので、ご注意ください。</p>"
        '<p class="closing">敬具</p>'
        '<p class="ki">記</p>'
        '<div class="facts">'
        + _dependent_rows(letter.to)
        + _fact("再認定日", _wareki(letter.recertification_date))
        + _fact("提出期限", f"{deadline}（当組合必着）")
        + _fact("ご提出書類", "被扶養者異動[増]申請書、"
                "除外日の属する月から現在までの給与明細書・賞与明細書")
        + "</div>"
        "<p>個人事業主等の方は、月別の収入の確認ができないため、遡っての再認定はいたしかねます。"
        "</p>"
        '<p class="end">以上</p>'
    )


def letter_html(letter: Letter, society: Society) -> str:
    """The body of one letter (without ``<html>``; the CSS is the renderer's)."""
    if isinstance(letter, ExclusionLetter):
        return _exclusion(letter, society)
    if isinstance(letter, NoticeLetter):
        return _notice(letter, society)
    return _recertification(letter, society)

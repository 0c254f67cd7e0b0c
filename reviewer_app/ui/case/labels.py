"""Display texts shared by the case tabs: enum labels, yen and dates.

Every label goes through ``QCoreApplication.translate`` with Japanese source text (context
``CaseLabels``), so ``pyside6-lupdate`` extracts them and English comes from the ``.qm``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from reviewer_app.bundle.schema import Living, MemberStatus, Occupation
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.errors import current_language
from reviewer_app.render.problems import unusable_message
from reviewer_app.review.deficiency import DeficiencyReason, ReviewStatus
from reviewer_app.review.requirements import DocumentState, UnusableFile
from reviewer_app.ui.qt import QtCore, QtGui


def _t(text: str) -> str:
    return QtCore.QCoreApplication.translate("CaseLabels", text)


def occupation_label(o: Occupation) -> str:
    # Worded as on the member's form (seed 000, question 4).
    return {
        Occupation.REMOVAL: _t("扶養削除(就職等により他健康保険に加入済)"),
        Occupation.UNEMPLOYED: _t("①無職(無収入)"),
        Occupation.PART_TIME: _t("②パート・アルバイト"),
        Occupation.TEMP_RISE_LAST_YEAR: _t("②-1 前年 一時的収入増による扶養上限越え"),
        Occupation.TEMP_RISE_THIS_YEAR: _t("②-2 今年 一時的収入増による扶養上限越え見込"),
        Occupation.SHORT_TERM_PART_TIME: _t("パート(短期/単発)"),
        Occupation.PENSIONER: _t("③年金受給者"),
        Occupation.SELF_EMPLOYED: _t("④自営業者(営業/事業/農業/山林/不動産等)"),
        Occupation.SELF_EMPLOYED_SUBSIDY: _t("④-1 自営業で持続化給付金を受給"),
        Occupation.INVESTMENT: _t("⑤株式等収入あり(株式/利子/配当/先物等)"),
        Occupation.SOCIAL_INSURANCE_BENEFIT: _t("⑥社会保険からの給付金(手当)受給者"),
        Occupation.UNEMPLOYMENT_BENEFIT: _t("⑦失業給付受給者"),
        Occupation.RETIRED: _t("退職(パート・アルバイト含む)"),
        Occupation.STUDENT_LIVING_TOGETHER: _t("⑧同居の学生"),
        Occupation.STUDENT_BOARDING: _t("⑨下宿中の学生"),
        Occupation.NON_LINEAL_RELATIVE: _t("義父母・甥姪・おじおば・義兄弟・連れ子(養子除く)"),
        Occupation.IN_FACILITY: _t("施設入所している者"),
        Occupation.LIVES_ABROAD: _t("海外居住者"),
    }[o]


def living_label(living: Living) -> str:
    return {
        Living.TOGETHER: _t("同居"),
        Living.APART_INSURED_POSTING: _t("別居(被保険者が単身赴任中)"),
        Living.APART_STUDENT: _t("別居(被扶養者が就学<下宿>のため)"),
        Living.APART_OTHER: _t("別居(その他)"),
    }[living]


def member_status_label(status: MemberStatus) -> str:
    return {
        MemberStatus.NOT_SUBMITTED: _t("未提出"),
        MemberStatus.REGISTERED: _t("登録済"),
        MemberStatus.SUBMITTED: _t("提出済"),
    }[status]


def reason_label(reason: DeficiencyReason) -> str:
    return {
        DeficiencyReason.UNREADABLE: _t("判読不可"),
        DeficiencyReason.WRONG_PERIOD: _t("対象期間が違う"),
        DeficiencyReason.WRONG_DOCUMENT: _t("書類違い"),
        DeficiencyReason.MONTHS_MISSING: _t("月が不足"),
        DeficiencyReason.MY_NUMBER_VISIBLE: _t("マイナンバーが見える"),
        DeficiencyReason.MISSING: _t("未提出"),
        DeficiencyReason.CUT_OFF: _t("一部が切れている"),
        DeficiencyReason.FILE_UNUSABLE: _t("ファイルを開けない"),
        DeficiencyReason.OTHER: _t("その他"),
    }[reason]


def review_status_label(status: ReviewStatus) -> str:
    return {
        ReviewStatus.OK: _t("OK"),
        ReviewStatus.DEFICIENT: _t("不備"),
        ReviewStatus.UNCHECKED: _t("未確認"),
    }[status]


def document_state_label(state: DocumentState) -> str:
    return {
        DocumentState.PROVIDED: _t("提出あり"),
        DocumentState.SUBSTITUTED: _t("代替書類で提出"),
        DocumentState.PROCEED_WITHOUT: _t("未提出で進める"),
        DocumentState.MISSING: _t("未提出"),
        DocumentState.EXTRA: _t("必要書類以外"),
    }[state]


def unusable_label(count: int) -> str:
    """The 書類 tab's state for a row with files the import quarantined (issue 9)."""
    if count == 1:
        return _t("ファイルを開けません")
    return _t("ファイルを開けません ({n}件)").format(n=count)


def unusable_lines(unusable: Iterable[UnusableFile]) -> str:
    """One line per unusable file: its name, what is wrong and what to ask the member for (in
    the language of the application's messages)."""
    lang = current_language()
    return "\n".join(f"{u.name}: {unusable_message(u.problem, lang)}" for u in unusable)


def yen_text(amount: int | None) -> str:
    """``900,000円``; 1 yen is how members type zero (seed 004 Q20), so it says so."""
    if amount is None:
        return _t("金額の記入なし")
    if amount == 1:
        return _t("1円 (0円の意味)")
    return _t("{amount}円").format(amount=f"{amount:,}")


def date_text(d: date) -> str:
    """``令和6年9月1日 (2024-09-01)``: 和暦 as members write it, western for the examiner."""
    try:
        return f"{format_wareki(d)} ({d.isoformat()})"
    except ValueError:  # before 昭和: no era name to give
        return d.isoformat()


def datetime_text(dt: datetime) -> str:
    local = dt.astimezone()  # shown in the workstation's time zone
    return f"{date_text(local.date())} {local:%H:%M}"


def year_month_text(value: str) -> str:
    """``2021-07`` → ``令和3年7月 (2021-07)``."""
    year, month = (int(p) for p in value.split("-"))
    wareki = date_text(date(year, month, 1)).split(" ")[0]
    # Drop the day: the form asks for a year and month only.
    return f"{wareki.rsplit('月', 1)[0]}月 ({value})"


# Colours for findings and review states, chosen to stay readable on light and dark palettes'
# base colour (text is always drawn dark on these light backgrounds).
WARN_BG = QtGui.QColor("#fdecea")
WARN_FG = QtGui.QColor("#8a1c12")
INFO_BG = QtGui.QColor("#e8f1fb")
INFO_FG = QtGui.QColor("#0b4a8b")
OK_BG = QtGui.QColor("#e7f5e9")
OK_FG = QtGui.QColor("#1e5e2a")

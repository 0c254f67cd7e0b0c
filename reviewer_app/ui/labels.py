"""The window's words for the application's vocabularies, in one table (issue 12 §3), and the
display of amounts and dates the tabs share.

Every label goes through ``QCoreApplication.translate`` with Japanese source text (context
``Labels``), so ``pyside6-lupdate`` extracts them and English comes from the ``.qm``. The
vocabularies themselves are :mod:`reviewer_app.domain.vocabulary` (and the review rules' states);
an unknown code shows as itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, datetime
from fractions import Fraction

from reviewer_app.domain.checks import Check
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.engine import Evaluation
from reviewer_app.domain.vocabulary import (
    BenefitKind,
    CaseStatus,
    DocumentKind,
    Living,
    MemberStatus,
    Occupation,
    PensionKind,
    Relationship,
    ReviewStatus,
    Role,
    Verdict,
)
from reviewer_app.domain.wareki import format_wareki
from reviewer_app.errors import current_language
from reviewer_app.review.deficiency import DeficiencyReason
from reviewer_app.review.requirements import DocumentState, UnusableFile
from reviewer_app.services.file_problems import unusable_message
from reviewer_app.services.queue import QueueView
from reviewer_app.ui.qt import QtCore


def _t(text: str) -> str:
    return QtCore.QCoreApplication.translate("Labels", text)


# --- cases and people ---------------------------------------------------------------------------


def role_label(role: Role) -> str:
    return {Role.EXAMINER: _t("審査担当"), Role.SUPERVISOR: _t("承認者"),
            Role.ADMIN: _t("管理者")}[role]


def status_label(status: CaseStatus | str) -> str:
    return {
        CaseStatus.NOT_STARTED: _t("未着手"),
        CaseStatus.IN_REVIEW: _t("審査中"),
        CaseStatus.NOTICE_SENT: _t("不備連絡中"),
        CaseStatus.AWAITING_APPROVAL: _t("承認待ち"),
        CaseStatus.DONE: _t("完了"),
    }.get(CaseStatus(status), str(status))


def verdict_label(verdict: Verdict | str | None) -> str:
    if verdict is None:
        return ""
    words: dict[str, str] = {
        Verdict.CONTINUE: _t("扶養継続"),
        Verdict.EXCLUDE: _t("扶養除外"),
        Verdict.NEEDS_REVIEW: _t("要確認"),
    }
    return words.get(str(verdict), str(verdict))


def view_label(view: QueueView | str) -> str:
    return {
        QueueView.NOT_SUBMITTED: _t("未提出"),
        QueueView.RESUBMITTED: _t("再提出あり"),
        QueueView.OVERDUE: _t("期限切れ"),
        QueueView.PAPER: _t("紙"),
    }.get(QueueView(view), str(view))


def paper_label() -> str:
    """The queue's word for a dependent answering on a paper survey (issue 14)."""
    return _t("紙")


def relationship_label(code: Relationship | str) -> str:
    words: dict[str, str] = {
        Relationship.SPOUSE: _t("配偶者"),
        Relationship.CHILD: _t("子"),
        Relationship.PARENT: _t("父母"),
        Relationship.GRANDPARENT: _t("祖父母"),
        Relationship.GRANDCHILD: _t("孫"),
        Relationship.SIBLING: _t("兄弟姉妹"),
        Relationship.OTHER: _t("その他"),
    }
    return words.get(str(code), str(code))


# --- the member's answers -----------------------------------------------------------------------


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


def document_kind_label(kind: DocumentKind | str) -> str:
    """A required document's kind in the words of the member's documents screen (seed 004)."""
    return {
        DocumentKind.PAYSLIP: _t("給与明細書"),
        DocumentKind.BONUS_SLIP: _t("賞与明細書"),
        DocumentKind.SALARY_CERTIFICATE: _t("給与額等証明書"),
        DocumentKind.PENSION_NOTICE: _t("年金振込通知書・年金額改定通知書"),
        DocumentKind.TAX_RETURN: _t("確定申告書・収支内訳書"),
        DocumentKind.RESIDENT_TAX_RETURN: _t("住民税申告書の写し"),
        DocumentKind.INCOME_CERTIFICATE: _t("所得証明書・非課税証明書"),
        DocumentKind.TRADING_REPORT: _t("年間取引報告書"),
        DocumentKind.BENEFIT_NOTICE: _t("雇用保険受給資格者証・支給決定通知"),
        DocumentKind.TEMP_RISE_CERTIFICATE: _t("一時的な収入変動に係る事業主の証明書"),
        DocumentKind.LABOUR_CONTRACT: _t("労働条件通知書"),
        DocumentKind.REMITTANCE_PROOF: _t("送金証明"),
        DocumentKind.STUDENT_CERTIFICATE: _t("在学証明書"),
        DocumentKind.OTHER_INSURANCE_CARD: _t("就職先の保険証の写し"),
        DocumentKind.RESIDENCE_CERTIFICATE: _t("住民票"),
        DocumentKind.OTHER: _t("その他の書類"),
    }.get(DocumentKind(kind), str(kind))


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


# --- documents ------------------------------------------------------------------------------------


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


# --- the income sheet and its evaluation ----------------------------------------------------------


def pension_kind_label(kind: PensionKind | str) -> str:
    words: dict[str, str] = {
        PensionKind.OLD_AGE: _t("老齢年金"),
        PensionKind.SURVIVORS: _t("遺族年金"),
        PensionKind.DISABILITY: _t("障害年金"),
        PensionKind.OTHER: _t("その他の年金"),
    }
    return words.get(str(kind), str(kind))


def benefit_kind_label(kind: BenefitKind) -> str:
    return {
        BenefitKind.UNEMPLOYMENT: _t("失業給付"),
        BenefitKind.SICKNESS: _t("傷病手当金"),
        BenefitKind.MATERNITY: _t("出産手当金"),
    }[kind]


def basis_label(basis: str) -> str:
    """The annual limit's basis (``domain.limits``)."""
    return {"under_60": _t("60歳未満"), "60_or_over": _t("60歳以上"),
            "disability_pension": _t("障害年金受給者"),
            "age_19_to_22": _t("19歳以上23歳未満")}.get(basis, basis)


def rule_label(rule: str | None) -> str:
    """The monthly rule that gave the exclusion date (``domain.engine``)."""
    return {"three_consecutive_months": _t("3か月連続で月額限度額を超過"),
            "three_month_average": _t("3か月平均が月額限度額を超過")}.get(rule or "", rule or "")


def check_label(code: str) -> str:
    """One check of the evaluation (``domain.checks``)."""
    return {"annual_limit": _t("年間収入"), "monthly_limit": _t("月額限度"),
            "missing_months": _t("未入力の月"), "daily_benefit": _t("給付の日額"),
            "half_income": _t("被保険者収入の2分の1"), "remittance": _t("仕送り額"),
            "residence": _t("国内居住"), "age_75": _t("75歳到達"),
            "labour_contract": _t("労働契約"), "certificate": _t("事業主の証明"),
            "survey_not_submitted": _t("調査票の提出")}.get(code, code)


def result_label(result: str) -> str:
    """A check's result, as the summary lists it."""
    return {"pass": _t("適合"), "fail": _t("不適合"), "review": _t("要確認")}.get(result, result)


# --- amounts and dates ----------------------------------------------------------------------------
# Amounts are shown rounded *down* to the yen: the engine compares exact values (a bonus share may
# be 10,000.5 yen) and the screen must never show a rounded-up amount that suggests a different
# verdict (RULES.md: "never round before comparing").


def format_yen(value: int | Fraction | None, *, unit: bool = False) -> str:
    """``98,000`` (or ``98,000円``); fractions are cut off, never rounded up; '' for no value."""
    if value is None:
        return ""
    text = f"{math.floor(value):,}"
    return text + _t("円") if unit else text


def format_exact(value: int | Fraction) -> str:
    """The exact amount for a tooltip: ``103,000.5``; a share that does not end in decimal
    shows its first two decimals and an ellipsis (``8,333.33…``), never a rounded-up digit."""
    value = Fraction(value)
    whole = math.floor(value)
    rest = value - whole
    if rest == 0:
        return f"{whole:,}"
    digits = ""
    for _ in range(6):
        rest *= 10
        digit = math.floor(rest)
        digits += str(digit)
        rest -= digit
        if rest == 0:
            return f"{whole:,}.{digits}"
    return f"{whole:,}.{digits[:2]}…"


def format_man(value: int | None) -> str:
    """``130万円`` for a round limit, else ``1,234,567円``."""
    if value is None:
        return ""
    if value % 10_000 == 0:
        return _t("{n}万円").replace("{n}", f"{value // 10_000:,}")
    return format_yen(value, unit=True)


def month_label(month: YearMonth | str) -> str:
    """``2023年3月`` for ``2023-03``."""
    parsed = month if isinstance(month, YearMonth) else YearMonth.parse(month)
    if parsed is None:
        return str(month)
    return _t("{y}年{m}月").replace("{y}", str(parsed.year)).replace("{m}", str(parsed.month))




def yen_text(amount: int | None) -> str:
    """``900,000円`` as the member wrote it; 1 yen is how members type zero (seed 004 Q20), so it
    says so."""
    if amount is None:
        return _t("金額の記入なし")
    if amount == 1:
        return _t("1円 (0円の意味)")
    return format_yen(amount, unit=True)


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


# --- the engine's explanation in the window's language (issue 13) --------------------------------


def window_language() -> str:
    """``en`` when the English translation is installed, else ``ja``: the translation of the
    language code itself tells (tools/en_strings.py maps "ja" to "en")."""
    return "en" if _t("ja") == "en" else "ja"


def explanation_lines(evaluation: Evaluation) -> tuple[str, ...]:
    """The engine's explanation, rendered from its message codes in the window's language."""
    return evaluation.explained(window_language())


def check_sentence(check: Check) -> str:
    return check.text(window_language())

"""Answers that contradict each other, the form's instructions, or what the society knows.

Each finding names the question it concerns (1–7, ``None`` for the case as a whole) and, for
question 4, the occupation, so the 調査票 tab can mark it next to that answer.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from reviewer_app.bundle.schema import (
    OCCUPATIONS_WITH_AMOUNT,
    Answers,
    Dependent,
    DocumentKind,
    Insured,
    Living,
    MemberStatus,
    Occupation,
    OccupationAnswer,
    Relationship,
)
from reviewer_app.domain.dates import legal_age
from reviewer_app.domain.explain import yen
from reviewer_app.domain.wareki import format_wareki

# Municipal and answered income rarely agree to the yen (the answer is an estimate, the
# municipality's figure excludes non-taxable pay); flag only a clear gap.
DEFAULT_MUNICIPAL_MARGIN = 100_000
STUDENT_AGE_MIN = 19
STUDENT_AGE_MAX = 22


class Severity(StrEnum):
    WARN = "warn"
    INFO = "info"


class FindingCode(StrEnum):
    REMOVAL_LIVING_APART = "removal_living_apart"
    RETIRED_NO_MONTH = "retired_no_month"
    ONE_YEN_MEANS_ZERO = "one_yen_means_zero"
    UNEMPLOYED_WITH_INCOME = "unemployed_with_income"
    AMOUNT_MISSING = "amount_missing"
    PENSION_NOTICE_MISSING = "pension_notice_missing"
    STUDENT_AGE = "student_age"
    STUDENT_WITH_PART_TIME = "student_with_part_time"
    LIVES_ABROAD = "lives_abroad"
    LIVING_APART_NO_DATE = "living_apart_no_date"
    NON_LINEAL_LIVING_APART = "non_lineal_living_apart"
    MUNICIPAL_INCOME_DIFFERS = "municipal_income_differs"
    NOT_SUBMITTED_PAST_DEADLINE = "not_submitted_past_deadline"
    NO_ANSWERS = "no_answers"


@dataclass(frozen=True, slots=True)
class Finding:
    code: FindingCode
    severity: Severity
    question: int | None  # 1–7; None for the case as a whole
    message_ja: str
    message_en: str
    occupation: Occupation | None = None  # which question-4 answer, when it concerns one


OCCUPATION_LABEL_JA: dict[Occupation, str] = {
    Occupation.REMOVAL: "扶養削除(就職等により他健康保険に加入済)",
    Occupation.UNEMPLOYED: "①無職(無収入)",
    Occupation.PART_TIME: "②パート・アルバイト",
    Occupation.TEMP_RISE_LAST_YEAR: "②-1 前年 一時的収入増による扶養上限越え",
    Occupation.TEMP_RISE_THIS_YEAR: "②-2 今年 一時的収入増による扶養上限越え見込",
    Occupation.SHORT_TERM_PART_TIME: "パート(短期/単発)",
    Occupation.PENSIONER: "③年金受給者",
    Occupation.SELF_EMPLOYED: "④自営業者(営業/事業/農業/山林/不動産等)",
    Occupation.SELF_EMPLOYED_SUBSIDY: "④-1 自営業で持続化給付金を受給",
    Occupation.INVESTMENT: "⑤株式等収入あり(株式/利子/配当/先物等)",
    Occupation.SOCIAL_INSURANCE_BENEFIT: "⑥社会保険からの給付金(手当)受給者",
    Occupation.UNEMPLOYMENT_BENEFIT: "⑦失業給付受給者",
    Occupation.RETIRED: "退職(パート・アルバイト含む)",
    Occupation.STUDENT_LIVING_TOGETHER: "⑧同居の学生",
    Occupation.STUDENT_BOARDING: "⑨下宿中の学生",
    Occupation.NON_LINEAL_RELATIVE: "義父母・甥姪・おじおば・義兄弟・連れ子(養子除く)",
    Occupation.IN_FACILITY: "施設入所している者",
    Occupation.LIVES_ABROAD: "海外居住者",
}

# 健康保険法3条7項: these relatives qualify whether or not they live with the insured.
_NO_COHABITATION_NEEDED = frozenset({Relationship.SPOUSE, Relationship.CHILD, Relationship.PARENT,
                     Relationship.GRANDPARENT, Relationship.GRANDCHILD, Relationship.SIBLING})
_SALARY = (Occupation.PART_TIME, Occupation.SHORT_TERM_PART_TIME)
_STUDENTS = (Occupation.STUDENT_LIVING_TOGETHER, Occupation.STUDENT_BOARDING)

# A month in the contact field: 2023年8月, 令和5年8月, R5.8, 2023/8, 8月末, 八月 (after NFKC, so
# full-width digits and ／ are already ASCII).
_KANJI_MONTH = "(?:十[一二]?|[一二三四五六七八九])"
_MONTH_RE = re.compile(
    r"(?:\d{1,2}|" + _KANJI_MONTH + r")\s*月"
    r"|\d{4}\s*[/.\-]\s*\d{1,2}(?!\d)"
    r"|(?:令和|平成|[RrHh])\s*(?:\d{1,2}|元)\s*[年/.\-]\s*\d{1,2}"
)


def mentions_month(text: str) -> bool:
    """Whether free text names a month (``2023年8月退職``, ``Ｒ５．８``, ``令和5年8月``…)."""
    return bool(_MONTH_RE.search(unicodedata.normalize("NFKC", text)))


def _real(amount: int | None) -> int:
    """Answered yen as income: 1 yen is how members type zero (seed 004 Q20)."""
    return 0 if amount is None or amount <= 1 else amount


def find_inconsistencies(
    insured: Insured,
    dependent: Dependent,
    target_year: int,
    *,
    deadline: date | None = None,
    today: date | None = None,
    municipal_margin: int = DEFAULT_MUNICIPAL_MARGIN,
) -> list[Finding]:
    """Every finding for one dependent, warnings before information, in question order."""
    del insured  # kept in the signature: rules about the insured (単身赴任, income) come next
    out: list[Finding] = []
    if (dependent.status is MemberStatus.NOT_SUBMITTED and deadline is not None
            and today is not None and today > deadline):
        out.append(Finding(
            FindingCode.NOT_SUBMITTED_PAST_DEADLINE, Severity.WARN, None,
            f"提出期限({format_wareki(deadline)})を過ぎても未提出です。"
            "事前の連絡がなければ扶養除外の対象です(Q&A 6)。",
            f"Not submitted by the deadline ({deadline.isoformat()}); without prior notice the "
            "dependent is excluded (Q&A 6)."))
    answers = dependent.answers
    if answers is None:
        if dependent.status is not MemberStatus.NOT_SUBMITTED:
            out.append(Finding(
                FindingCode.NO_ANSWERS, Severity.WARN, None,
                "調査票の回答がありません。", "The questionnaire has no answers."))
        return _ordered(out)
    out += _occupation_findings(answers)
    out += _living_findings(answers, dependent)
    out += _document_findings(answers, dependent)
    out += _student_findings(answers, dependent, target_year)
    out += _municipal_findings(answers, dependent, target_year, municipal_margin)
    return _ordered(out)


def _ordered(findings: list[Finding]) -> list[Finding]:
    rank = {Severity.WARN: 0, Severity.INFO: 1}
    return sorted(findings, key=lambda f: (rank[f.severity], f.question or 0))


def _occupation_findings(answers: Answers) -> list[Finding]:
    out: list[Finding] = []
    ticked = {a.occupation: a for a in answers.occupations}
    for a in answers.occupations:
        label = OCCUPATION_LABEL_JA[a.occupation]
        if a.amount == 1:
            out.append(Finding(
                FindingCode.ONE_YEN_MEANS_ZERO, Severity.INFO, 4,
                f"{label}: 1円と入力されています。0円の意味で1円と入力(Q&A 20)。",
                f"{a.occupation.value}: 1 yen entered, meaning zero (Q&A 20).", a.occupation))
        if a.occupation in OCCUPATIONS_WITH_AMOUNT and a.amount is None:
            out.append(Finding(
                FindingCode.AMOUNT_MISSING, Severity.WARN, 4,
                f"{label}: 収入見込額が入力されていません。",
                f"{a.occupation.value}: no expected income entered.", a.occupation))
    if answers.other_income == 1:
        out.append(Finding(
            FindingCode.ONE_YEN_MEANS_ZERO, Severity.INFO, 5,
            "その他の年収: 1円と入力されています。0円の意味で1円と入力(Q&A 20)。",
            "Other income: 1 yen entered, meaning zero (Q&A 20)."))
    if Occupation.UNEMPLOYED in ticked:
        earning: list[OccupationAnswer] = [
            a for a in answers.occupations
            if (a.occupation is Occupation.UNEMPLOYED or a.occupation in _SALARY
                or a.occupation is Occupation.SELF_EMPLOYED) and _real(a.amount) > 0
        ]
        if earning:
            total = sum(_real(a.amount) for a in earning)
            out.append(Finding(
                FindingCode.UNEMPLOYED_WITH_INCOME, Severity.WARN, 4,
                f"無職(無収入)と回答されていますが、収入見込額 {yen(total)} が入力されています。",
                f"Answered unemployed (no income) but entered {total:,} yen of income.",
                Occupation.UNEMPLOYED))
    if Occupation.RETIRED in ticked and not mentions_month(answers.contact):
        out.append(Finding(
            FindingCode.RETIRED_NO_MONTH, Severity.WARN, 7,
            "退職と回答されていますが、連絡欄に退職年月がありません(例: 2023年8月退職)。",
            "Retirement ticked but the contact field gives no month of retirement.",
            Occupation.RETIRED))
    if Occupation.LIVES_ABROAD in ticked:
        out.append(Finding(
            FindingCode.LIVES_ABROAD, Severity.WARN, 4,
            "海外居住と回答されています。扶養認定は原則として国内居住が条件です"
            "(海外赴任に同行する家族等を除く)。",
            "Lives abroad: dependency requires residence in Japan, with exceptions such as a "
            "family accompanying a posting abroad.", Occupation.LIVES_ABROAD))
    return out


def _living_findings(answers: Answers, dependent: Dependent) -> list[Finding]:
    out: list[Finding] = []
    apart = answers.living is not Living.TOGETHER
    ticked = {a.occupation for a in answers.occupations}
    if apart and Occupation.REMOVAL in ticked:
        out.append(Finding(
            FindingCode.REMOVAL_LIVING_APART, Severity.WARN, 6,
            "扶養削除と回答されていますが、同居別居が「別居」です。"
            "扶養削除の場合は「同居」を選択する決まりです。",
            "Removal ticked with living apart; the form requires 'together' for a removal.",
            Occupation.REMOVAL))
    if apart and answers.living_apart_since is None:
        out.append(Finding(
            FindingCode.LIVING_APART_NO_DATE, Severity.WARN, 6,
            "別居と回答されていますが、別居日がありません。",
            "Living apart without the date the dependent moved out."))
    if apart and (Occupation.NON_LINEAL_RELATIVE in ticked
                  or dependent.relationship not in _NO_COHABITATION_NEEDED):
        out.append(Finding(
            FindingCode.NON_LINEAL_LIVING_APART, Severity.WARN, 6,
            "配偶者・直系尊属・子・孫・兄弟姉妹以外の親族ですが、別居と回答されています。"
            "この続柄は同居が認定の条件です。",
            "A relative outside the direct line lives apart; this relationship requires "
            "living together.", Occupation.NON_LINEAL_RELATIVE
            if Occupation.NON_LINEAL_RELATIVE in ticked else None))
    return out


def _document_findings(answers: Answers, dependent: Dependent) -> list[Finding]:
    ticked = {a.occupation for a in answers.occupations}
    if Occupation.PENSIONER not in ticked:
        return []
    has_notice = any(d.kind is DocumentKind.PENSION_NOTICE and d.files
                     for d in dependent.required_documents)
    if has_notice:
        return []
    return [Finding(
        FindingCode.PENSION_NOTICE_MISSING, Severity.WARN, 4,
        "年金受給者と回答されていますが、年金振込通知書・年金額改定通知書が提出されていません"
        "(受給中の年金すべてが必要、Q&A 34)。",
        "Pensioner without a pension payment or revision notice (every pension, Q&A 34).",
        Occupation.PENSIONER)]


def _student_findings(answers: Answers, dependent: Dependent, target_year: int) -> list[Finding]:
    ticked = {a.occupation for a in answers.occupations}
    student = next((o for o in _STUDENTS if o in ticked), None)
    if student is None:
        return []
    out: list[Finding] = []
    age = legal_age(dependent.birth_date, date(target_year, 12, 31))
    if not STUDENT_AGE_MIN <= age <= STUDENT_AGE_MAX:
        out.append(Finding(
            FindingCode.STUDENT_AGE, Severity.INFO, 4,
            f"学生と回答されていますが、{target_year}年12月31日時点で{age}歳です"
            f"({STUDENT_AGE_MIN}～{STUDENT_AGE_MAX}歳の範囲外)。在学状況を確認してください。",
            f"Student aged {age} on 31 December {target_year}, outside "
            f"{STUDENT_AGE_MIN}-{STUDENT_AGE_MAX}.", student))
    if any(o in ticked for o in _SALARY):
        out.append(Finding(
            FindingCode.STUDENT_WITH_PART_TIME, Severity.INFO, 4,
            "学生でパート・アルバイト収入があります。在学証明書ではなく給与明細書で"
            "収入を確認します(Q&A 23)。",
            "Student with part-time pay: income is proved by payslips, not enrolment (Q&A 23).",
            student))
    return out


def _municipal_findings(
    answers: Answers, dependent: Dependent, target_year: int, margin: int
) -> list[Finding]:
    muni = dependent.municipal_income
    if muni is None or muni.year != target_year:
        return []
    by_occ = {a.occupation: a for a in answers.occupations}
    out: list[Finding] = []
    pairs = (
        ("給与収入", "salary", muni.salary_income,
         sum(_real(by_occ[o].amount) for o in _SALARY if o in by_occ), Occupation.PART_TIME),
        ("公的年金等収入", "pension", muni.pension_income,
         _real(by_occ[Occupation.PENSIONER].amount) if Occupation.PENSIONER in by_occ else 0,
         Occupation.PENSIONER),
    )
    for label, label_en, known, answered, occupation in pairs:
        if known is None or abs(known - answered) <= margin:
            continue
        out.append(Finding(
            FindingCode.MUNICIPAL_INCOME_DIFFERS, Severity.WARN, 4,
            f"自治体照会の{label}({yen(known)})と回答の収入見込額({yen(answered)})の差が"
            f"{yen(abs(known - answered))}あります。",
            f"Municipal {label_en} income ({known:,} yen) differs from the answer "
            f"({answered:,} yen) by {abs(known - answered):,} yen.",
            occupation if occupation in by_occ else None))
    return out

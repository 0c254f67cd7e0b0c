"""The closed vocabularies of the application, defined once (issue 12 §3).

Each is a :class:`~enum.StrEnum` whose values are the English codes stored in the database (the
store builds its ``CHECK`` constraints from these classes), written in bundles and JSON, and
compared by the rules. The Japanese words the services put into their messages are
:data:`LABELS_JA` (and :data:`LABELS_EN`); the window translates its own labels
(``reviewer_app.ui.labels``).
"""

from __future__ import annotations

from enum import StrEnum

# --- people and cases ----------------------------------------------------------------------------


class Role(StrEnum):
    EXAMINER = "examiner"  # 審査担当
    SUPERVISOR = "supervisor"  # 承認者
    ADMIN = "admin"  # 管理者


class CaseStatus(StrEnum):
    NOT_STARTED = "not_started"  # 未着手
    IN_REVIEW = "in_review"  # 審査中
    NOTICE_SENT = "notice_sent"  # 不備連絡中
    AWAITING_APPROVAL = "awaiting_approval"  # 承認待ち
    DONE = "done"  # 完了


class Verdict(StrEnum):
    """The engine's verdict and the examiner's proposal."""

    CONTINUE = "continue"  # 扶養継続
    EXCLUDE = "exclude"  # 扶養除外
    NEEDS_REVIEW = "needs_review"  # 要確認


class DecisionKind(StrEnum):
    PROPOSAL = "proposal"  # 一次チェック: the examiner proposes
    APPROVAL = "approval"  # 最終チェック: the supervisor approves
    RETURN = "return"  # 差し戻し: the supervisor returns it to the examiner


class ReviewStatus(StrEnum):
    """The examiner's mark on one row of the 書類 tab (stored as ``document_checks.verdict``)."""

    OK = "ok"
    DEFICIENT = "deficient"
    UNCHECKED = "unchecked"


# --- the member's answers (the bundle's vocabulary) ---------------------------------------------


class Relationship(StrEnum):
    SPOUSE = "spouse"
    CHILD = "child"
    PARENT = "parent"
    GRANDPARENT = "grandparent"
    GRANDCHILD = "grandchild"
    SIBLING = "sibling"
    OTHER = "other"


class MemberStatus(StrEnum):
    """The member-side progress shown on the web system (seed 000)."""

    NOT_SUBMITTED = "not_submitted"  # 未提出
    REGISTERED = "registered"  # 登録済
    SUBMITTED = "submitted"  # 提出済


class Occupation(StrEnum):
    """Question 4: the dependent's occupation and expected income; several may apply."""

    REMOVAL = "removal"  # 扶養削除 (就職等により他健康保険に加入済)
    UNEMPLOYED = "unemployed"  # ① 無職 (無収入)
    PART_TIME = "part_time"  # ② パート・アルバイト
    TEMP_RISE_LAST_YEAR = "temp_rise_last_year"  # ②-1 前年 一時的収入増による上限超え
    TEMP_RISE_THIS_YEAR = "temp_rise_this_year"  # ②-2 今年 一時的収入増による上限超え見込
    SHORT_TERM_PART_TIME = "short_term_part_time"  # パート (短期/単発) (seed 004 Q24)
    PENSIONER = "pensioner"  # ③ 年金受給者
    SELF_EMPLOYED = "self_employed"  # ④ 自営業者 (営業/事業/農業/山林/不動産等)
    SELF_EMPLOYED_SUBSIDY = "self_employed_subsidy"  # ④-1 持続化給付金を受給
    INVESTMENT = "investment"  # ⑤ 株式等収入 (株式/利子/配当/先物等)
    SOCIAL_INSURANCE_BENEFIT = "social_insurance_benefit"  # ⑥ 社会保険からの給付金 (手当)
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit"  # ⑦ 失業給付
    RETIRED = "retired"  # 退職 (連絡欄に退職年月)
    STUDENT_LIVING_TOGETHER = "student_living_together"  # ⑧ 同居の学生
    STUDENT_BOARDING = "student_boarding"  # ⑨ 下宿中の学生
    NON_LINEAL_RELATIVE = "non_lineal_relative"  # 義父母・甥姪・おじおば・義兄弟・連れ子
    IN_FACILITY = "in_facility"  # 施設入所
    LIVES_ABROAD = "lives_abroad"  # 海外居住者


# Options that carry an expected annual income amount (yen) on the form.
OCCUPATIONS_WITH_AMOUNT = frozenset(
    {
        Occupation.PART_TIME,
        Occupation.SHORT_TERM_PART_TIME,
        Occupation.PENSIONER,
        Occupation.SELF_EMPLOYED,
        Occupation.SELF_EMPLOYED_SUBSIDY,
        Occupation.INVESTMENT,
        Occupation.SOCIAL_INSURANCE_BENEFIT,
        Occupation.UNEMPLOYMENT_BENEFIT,
    }
)


class Living(StrEnum):
    """Question 6."""

    TOGETHER = "together"  # 同居
    APART_INSURED_POSTING = "apart_insured_posting"  # 別居 (被保険者が単身赴任中)
    APART_STUDENT = "apart_student"  # 別居 (被扶養者が就学<下宿>のため)
    APART_OTHER = "apart_other"  # 別居 (その他)


class DocumentKind(StrEnum):
    PAYSLIP = "payslip"  # 給与明細書
    BONUS_SLIP = "bonus_slip"  # 賞与明細書
    SALARY_CERTIFICATE = "salary_certificate"  # 給与額等証明書 (12ヶ月分)
    PENSION_NOTICE = "pension_notice"  # 年金振込通知書 / 年金額改定通知書
    TAX_RETURN = "tax_return"  # 確定申告書 第一表・第二表, 収支内訳書 / 青色申告決算書
    RESIDENT_TAX_RETURN = "resident_tax_return"  # 住民税申告書の写し
    INCOME_CERTIFICATE = "income_certificate"  # 所得証明書 / 非課税証明書
    TRADING_REPORT = "trading_report"  # 年間取引報告書
    BENEFIT_NOTICE = "benefit_notice"  # 雇用保険受給資格者証 / 支給決定通知
    TEMP_RISE_CERTIFICATE = "temp_rise_certificate"  # 一時的な収入変動に係る事業主の証明書
    LABOUR_CONTRACT = "labour_contract"  # 労働条件通知書
    REMITTANCE_PROOF = "remittance_proof"  # 送金証明
    STUDENT_CERTIFICATE = "student_certificate"  # 在学証明書
    OTHER_INSURANCE_CARD = "other_insurance_card"  # 就職先の保険証の写し
    RESIDENCE_CERTIFICATE = "residence_certificate"  # 住民票
    OTHER = "other"


# --- the income sheet ----------------------------------------------------------------------------


class PensionKind(StrEnum):
    """The kinds the 年金 table offers (the sheet accepts any text; the engine adds them all)."""

    OLD_AGE = "old_age"  # 老齢年金
    SURVIVORS = "survivors"  # 遺族年金
    DISABILITY = "disability"  # 障害年金
    OTHER = "other"  # その他の年金


class BenefitKind(StrEnum):
    """Benefits judged by their daily amount (RULES.md)."""

    UNEMPLOYMENT = "unemployment"  # 失業給付
    SICKNESS = "sickness"  # 傷病手当金
    MATERNITY = "maternity"  # 出産手当金


# --- words for the services' messages ------------------------------------------------------------

LABELS_JA: dict[str, str] = {
    Role.EXAMINER: "審査担当",
    Role.SUPERVISOR: "承認者",
    Role.ADMIN: "管理者",
    CaseStatus.NOT_STARTED: "未着手",
    CaseStatus.IN_REVIEW: "審査中",
    CaseStatus.NOTICE_SENT: "不備連絡中",
    CaseStatus.AWAITING_APPROVAL: "承認待ち",
    CaseStatus.DONE: "完了",
    Verdict.CONTINUE: "扶養継続",
    Verdict.EXCLUDE: "扶養除外",
    Verdict.NEEDS_REVIEW: "要確認",
    ReviewStatus.OK: "OK",
    ReviewStatus.DEFICIENT: "不備",
    ReviewStatus.UNCHECKED: "未確認",
}

LABELS_EN: dict[str, str] = {
    Role.EXAMINER: "examiner",
    Role.SUPERVISOR: "supervisor",
    Role.ADMIN: "admin",
    CaseStatus.NOT_STARTED: "not started",
    CaseStatus.IN_REVIEW: "in review",
    CaseStatus.NOTICE_SENT: "notice sent",
    CaseStatus.AWAITING_APPROVAL: "awaiting approval",
    CaseStatus.DONE: "done",
}

"""The tests besides the monthly rule (RULES.md §2, §6): each gives pass, review or fail."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.case import Case
from reviewer_app.domain.dates import birthday_of_age
from reviewer_app.domain.explain import BASIS_JA, jdate, yen
from reviewer_app.domain.limits import Limits
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.vocabulary import BenefitKind

PASS = "pass"
REVIEW = "review"
FAIL = "fail"


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    result: str  # pass | review | fail
    message: str
    date: date | None = None  # the date a failure takes effect, when the test gives one


@dataclass(frozen=True, slots=True)
class CertificateUse:
    uses: int  # including this year's
    allowed: int
    counting: str  # total | consecutive

    @property
    def accepted(self) -> bool:
        return self.uses <= self.allowed


def certificate_use(case: Case, profile: RuleProfile) -> CertificateUse | None:
    """How many uses this year's certificate makes, counted as the profile says; None when no
    certificate was submitted. Uses recorded for the target year or later are this use."""
    cert = case.temporary_rise_certificate
    if cert is None or not cert.submitted:
        return None
    earlier = {y for y in cert.previous_uses if y < case.target_year}
    if profile.certificate_counting == "total":
        uses = len(earlier) + 1
    else:
        uses = 1
        while case.target_year - uses in earlier:
            uses += 1
    return CertificateUse(uses, profile.certificate_max_uses, profile.certificate_counting)


def contract_applies(case: Case, profile: RuleProfile) -> bool:
    """The 2026-04 rule (保保発1001第3号): a salary-only dependent judged by the contract."""
    if case.labour_contract is None or case.judgment_date < profile.contract_effective_from:
        return False
    if any(p.annual > 0 for p in case.pensions) or any(s.net > 0 for s in case.self_employment) \
            or any(o.amount > 0 for o in case.other_income):
        return False
    if profile.contract_coverage == "all":
        return True
    certified = case.dependent.certified_on
    return certified is not None and certified >= profile.contract_effective_from


def annual_check(assessed: int, limits: Limits, basis_ja: str, contract: bool,
                 cert: CertificateUse | None) -> Check:
    source = "労働条件通知書による見込み年収" if contract else "年間収入"
    if assessed < limits.annual:
        return Check("annual_limit", PASS,
                     f"{source}{yen(assessed)}は限度額{yen(limits.annual)}({basis_ja})未満です。")
    head = f"{source}{yen(assessed)}は限度額{yen(limits.annual)}({basis_ja})以上です。"
    if cert is None:
        return Check("annual_limit", FAIL, head)
    counting = "通算" if cert.counting == "total" else "連続"
    if cert.accepted:
        return Check("annual_limit", PASS,
                     f"{head}一時的な収入変動に係る事業主の証明書({counting}{cert.uses}回目、"
                     f"上限{cert.allowed}回)により一時的な超過として扱います。")
    return Check("annual_limit", REVIEW,
                 f"{head}事業主の証明書は{counting}{cert.uses}回目で上限{cert.allowed}回を超えるため、"
                 "利用回数を確認してください。")


def daily_benefit_checks(case: Case, limits: Limits) -> list[Check]:
    out: list[Check] = []
    names = {BenefitKind.UNEMPLOYMENT: "失業給付", BenefitKind.SICKNESS: "傷病手当金",
             BenefitKind.MATERNITY: "出産手当金"}
    daily_limit = -(-limits.annual // 360)  # the smallest daily amount that is over
    for b in case.benefits:
        name = names.get(b.kind, b.kind)
        if limits.daily_over(b.daily_amount):
            start = f"(受給開始日{jdate(b.start_date)})" if b.start_date else ""
            out.append(Check("daily_benefit", FAIL,
                             f"{name}の日額{yen(b.daily_amount)}は{yen(daily_limit)}以上です"
                             f"{start}。", b.start_date))
        else:
            out.append(Check("daily_benefit", PASS,
                             f"{name}の日額{yen(b.daily_amount)}は{yen(daily_limit)}未満です。"))
    return out


def support_check(case: Case, assessed: int, profile: RuleProfile) -> Check | None:
    """同居: half of the insured's income; 別居: the remittance (RULES.md §6)."""
    if case.dependent.living_with_insured:
        insured = case.insured.annual_income
        if insured is None or not profile.half_income_check:
            return None
        if 2 * assessed < insured:
            return Check("half_income", PASS,
                         f"収入{yen(assessed)}は被保険者の年収{yen(insured)}の2分の1未満です。")
        if assessed < insured:
            return Check("half_income", REVIEW,
                         f"収入{yen(assessed)}は被保険者の年収{yen(insured)}の2分の1以上、年収未満です。"
                         "世帯の生計の状況を総合的に勘案してください。")
        return Check("half_income", FAIL,
                     f"収入{yen(assessed)}は被保険者の年収{yen(insured)}以上です。")
    remittance = case.insured.annual_remittance
    if remittance is None:
        return Check("remittance", REVIEW, "別居のため仕送り額の確認が必要です(未入力)。")
    if assessed < remittance:
        return Check("remittance", PASS,
                     f"収入{yen(assessed)}は年間の仕送り額{yen(remittance)}未満です。")
    return Check("remittance", FAIL,
                 f"収入{yen(assessed)}は年間の仕送り額{yen(remittance)}以上です。")


def residence_check(case: Case) -> Check | None:
    dep = case.dependent
    if not dep.lives_abroad:
        return None
    if dep.residence_exception:
        return Check("residence", PASS,
                     f"海外居住ですが国内居住要件の例外({dep.residence_exception})に当たります。")
    return Check("residence", FAIL, "海外に居住しており、国内居住要件の例外に当たりません。")


def age_75_check(case: Case, profile: RuleProfile) -> Check | None:
    birthday = birthday_of_age(case.dependent.birth_date, profile.late_elderly_age)
    if birthday > case.judgment_date:
        return None
    return Check("age_75", FAIL,
                 f"{jdate(birthday)}に{profile.late_elderly_age}歳となり後期高齢者医療制度の"
                 "被保険者となるため、扶養から外れます。", birthday)


def survey_check(case: Case) -> Check | None:
    if case.survey.submitted:
        return None
    when = case.survey.exclusion_date
    on = f"{jdate(when)}付で" if when else ""
    return Check("survey_not_submitted", FAIL,
                 f"調査票が期限までに提出されていないため、{on}扶養除外となります。", when)


def monthly_message(rule: str | None, months_ja: str, limit: int, day: date | None,
                    basis: str | None) -> str:
    if rule is None:
        return f"3か月連続または3か月平均で月額限度額{yen(limit)}を超えた月はありません。"
    how = "3か月連続で" if rule == "three_consecutive_months" else "3か月平均で"
    when = f"{BASIS_JA.get(basis or '', '')}({jdate(day)})が除外日の候補です。" if day else ""
    return f"{months_ja}の給与が{how}月額限度額{yen(limit)}を超えています。{when}"

"""The engine's explanations as message codes with parameters, and their Japanese and English
renderings (issue 13: the English window explains in English).

The engine and the checks build :class:`Message` values; nothing in them is a sentence yet.
:func:`render` turns a line (a tuple of messages, read one after the other) into text in one
language. The Japanese rendering is the engine's historical wording, character for character:
stored evaluations and the letters quote it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.explain import BASIS_JA, RULE_JA, jdate, jmonths, yen
from reviewer_app.domain.limits import BASIS_JA as LIMIT_BASIS_JA
from reviewer_app.domain.vocabulary import LABELS_JA, BenefitKind, Verdict

Param = int | str | date | tuple[str, ...] | None


@dataclass(frozen=True, slots=True)
class Message:
    code: str
    params: tuple[tuple[str, Param], ...] = ()

    def get(self, name: str) -> Param:
        for key, value in self.params:
            if key == name:
                return value
        raise KeyError(f"{self.code}: no parameter {name}")


def msg(code: str, **params: Param) -> Message:
    """``msg("annual_under", assessed=1_000_000, ...)``: a message; unknown codes fail here."""
    if code not in JA or code not in EN:
        raise KeyError(f"unknown message code {code}")
    return Message(code, tuple(params.items()))


Line = tuple[Message, ...]


def render(line: Line, lang: str = "ja") -> str:
    """One line of text: the messages in order (Japanese joined as they are, English with a
    space between sentences)."""
    if lang == "en":
        return " ".join(EN[m.code](_Params(m)) for m in line)
    return "".join(JA[m.code](_Params(m)) for m in line)


class _Params:
    """Typed access to a message's parameters for the templates below."""

    def __init__(self, message: Message) -> None:
        self._m = message

    def num(self, name: str) -> int:
        value = self._m.get(name)
        assert isinstance(value, int)
        return value

    def text(self, name: str) -> str:
        return str(self._m.get(name))

    def day(self, name: str) -> date | None:
        value = self._m.get(name)
        assert value is None or isinstance(value, date)
        return value

    def months(self, name: str) -> tuple[str, ...]:
        value = self._m.get(name)
        assert isinstance(value, tuple)
        return value


# --- Japanese (the wording the engine always had) --------------------------------------------

_BENEFIT_JA: dict[str, str] = {BenefitKind.UNEMPLOYMENT: "失業給付",
                               BenefitKind.SICKNESS: "傷病手当金",
                               BenefitKind.MATERNITY: "出産手当金"}
_SOURCE_JA = {"contract": "労働条件通知書による見込み年収", "annual": "年間収入"}
_COUNTING_JA = {"total": "通算", "consecutive": "連続"}


def _ja_when(p: _Params) -> str:
    day = p.day("day")
    return f"{BASIS_JA.get(p.text('basis'), '')}({jdate(day)})が除外日の候補です。" if day else ""


def _ja_on(p: _Params) -> str:
    day = p.day("on")
    return f"{jdate(day)}付で" if day else ""


def _ja_start(p: _Params) -> str:
    day = p.day("start")
    return f"(受給開始日{jdate(day)})" if day else ""


def _ja_annual(p: _Params, end: str) -> str:
    return (f"{_SOURCE_JA[p.text('source')]}{yen(p.num('assessed'))}は限度額"
            f"{yen(p.num('limit'))}({LIMIT_BASIS_JA[p.text('basis')]}){end}")


JA: Mapping[str, Callable[[_Params], str]] = {
    "annual_under": lambda p: _ja_annual(p, "未満です。"),
    "annual_over": lambda p: _ja_annual(p, "以上です。"),
    "certificate_accepted": lambda p: (
        f"一時的な収入変動に係る事業主の証明書({_COUNTING_JA[p.text('counting')]}{p.num('uses')}"
        f"回目、上限{p.num('allowed')}回)により一時的な超過として扱います。"),
    "certificate_exceeded": lambda p: (
        f"事業主の証明書は{_COUNTING_JA[p.text('counting')]}{p.num('uses')}回目で上限"
        f"{p.num('allowed')}回を超えるため、利用回数を確認してください。"),
    "benefit_over": lambda p: (
        f"{_BENEFIT_JA.get(p.text('kind'), p.text('kind'))}の日額{yen(p.num('daily'))}は"
        f"{yen(p.num('limit'))}以上です{_ja_start(p)}。"),
    "benefit_under": lambda p: (
        f"{_BENEFIT_JA.get(p.text('kind'), p.text('kind'))}の日額{yen(p.num('daily'))}は"
        f"{yen(p.num('limit'))}未満です。"),
    "half_income_pass": lambda p: (
        f"収入{yen(p.num('assessed'))}は被保険者の年収{yen(p.num('insured'))}の2分の1未満です。"),
    "half_income_review": lambda p: (
        f"収入{yen(p.num('assessed'))}は被保険者の年収{yen(p.num('insured'))}の2分の1以上、"
        "年収未満です。世帯の生計の状況を総合的に勘案してください。"),
    "half_income_fail": lambda p: (
        f"収入{yen(p.num('assessed'))}は被保険者の年収{yen(p.num('insured'))}以上です。"),
    "remittance_missing": lambda p: "別居のため仕送り額の確認が必要です(未入力)。",
    "remittance_pass": lambda p: (
        f"収入{yen(p.num('assessed'))}は年間の仕送り額{yen(p.num('remittance'))}未満です。"),
    "remittance_fail": lambda p: (
        f"収入{yen(p.num('assessed'))}は年間の仕送り額{yen(p.num('remittance'))}以上です。"),
    "residence_exception": lambda p: (
        f"海外居住ですが国内居住要件の例外({p.text('exception')})に当たります。"),
    "residence_fail": lambda p: "海外に居住しており、国内居住要件の例外に当たりません。",
    "age_75": lambda p: (
        f"{jdate(p.day('birthday') or date.min)}に{p.num('age')}歳となり後期高齢者医療制度の"
        "被保険者となるため、扶養から外れます。"),
    "survey_not_submitted": lambda p: (
        f"調査票が期限までに提出されていないため、{_ja_on(p)}扶養除外となります。"),
    "monthly_none": lambda p: (
        f"3か月連続または3か月平均で月額限度額{yen(p.num('limit'))}を超えた月はありません。"),
    "monthly_over": lambda p: (
        f"{jmonths(p.months('months'))}の給与が"
        f"{'3か月連続で' if p.text('rule') == 'three_consecutive_months' else '3か月平均で'}"
        f"月額限度額{yen(p.num('limit'))}を超えています。{_ja_when(p)}"),
    "monthly_lasting": lambda p: "年間収入は限度額未満のため、収入増が恒常的か確認してください。",
    "schedule_unknown": lambda p: (
        "締め日・支払月が不明の勤務先があるため、勤怠期間を支払月の1日からとして除外日を"
        "求めました。給与明細で締め日と支払月を確認してください。"),
    "pay_day_unknown": lambda p: (
        "支払日が不明のため、3か月目の月末を支払日として除外日を求めました。"),
    "missing_months": lambda p: (
        f"{jmonths(p.months('months'))}の給与が入力されていません(0円として計算)。"
        "支払がない月は0円と入力してください。"),
    "labour_contract": lambda p: (
        f"労働条件通知書の見込み年収{yen(p.num('assessed'))}で年間収入を判定しました"
        f"(実績{yen(p.num('annual'))})。"),
    "judged_year": lambda p: f"{p.num('year')}年の収入で判定します。",
    "exclusion_date": lambda p: (
        f"除外日は{jdate(p.day('day') or date.min)}です(理由: {RULE_JA[p.text('rule')]})。"),
    "exclusion_undetermined": lambda p: (
        "月別の収入から除外日を決められないため、事実の発生日を確認して除外日を決めてください。"),
    "recertification": lambda p: (
        f"{jmonths(p.months('months'))}の3か月連続で月額限度額以内のため、"
        f"{jdate(p.day('day') or date.min)}からの遡り再認定が可能です。"),
    "verdict": lambda p: f"判定案: {LABELS_JA[Verdict(p.text('verdict'))]}。",
}

# --- English -------------------------------------------------------------------------------------

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
              "Dec")


def en_yen(amount: int) -> str:
    return f"¥{amount:,}"


def en_date(day: date | None) -> str:
    return "" if day is None else f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


def en_months(keys: tuple[str, ...]) -> str:
    """``Mar, Apr, May 2023`` for months of one year; each year named after its months."""
    groups: list[tuple[int, list[str]]] = []
    for key in keys:
        year, month = int(key[:4]), int(key[5:7])
        if not groups or groups[-1][0] != year:
            groups.append((year, []))
        groups[-1][1].append(_MONTHS_EN[month - 1])
    return "; ".join(f"{', '.join(names)} {year}" for year, names in groups)


_BENEFIT_EN: dict[str, str] = {BenefitKind.UNEMPLOYMENT: "unemployment benefit",
               BenefitKind.SICKNESS: "sickness allowance",
               BenefitKind.MATERNITY: "maternity allowance"}
_SOURCE_EN = {"contract": "The expected annual income from the labour contract",
              "annual": "The annual income"}
_LIMIT_BASIS_EN = {"under_60": "under 60", "60_or_over": "60 or over",
                   "disability_pension": "disability pension",
                   "age_19_to_22": "aged 19 to 22, not a spouse"}
_DATE_BASIS_EN = {
    "attendance_period_start": "the first day of the first month's attendance period",
    "first_day_of_payment_month": "income from two or more employers: the first day of the "
                                  "month over",
    "first_day_of_first_over_month": "the first day of the first month over",
    "first_day_of_month_after_trigger": "the first day of the month after the third month",
    "day_after_third_pay_day": "the day after the third month's pay day",
}
_RULE_EN = {
    "three_consecutive_months": "over the monthly limit three months in a row",
    "three_month_average": "over the monthly limit on a three-month average",
    "daily_benefit": "a benefit's daily amount at or over the limit",
    "age_75": "reaching 75 (late-stage elderly medical care)",
    "survey_not_submitted": "the survey was not submitted",
}
_HOW_EN = {"three_consecutive_months": "three months in a row",
           "three_month_average": "on a three-month average"}
_VERDICT_EN = {Verdict.CONTINUE: "Continue", Verdict.EXCLUDE: "Exclude",
               Verdict.NEEDS_REVIEW: "Needs review"}


def _en_annual(p: _Params, relation: str) -> str:
    return (f"{_SOURCE_EN[p.text('source')]} of {en_yen(p.num('assessed'))} is {relation} the "
            f"limit of {en_yen(p.num('limit'))} ({_LIMIT_BASIS_EN[p.text('basis')]}).")


def _en_when(p: _Params) -> str:
    day = p.day("day")
    if day is None:
        return ""
    return (f" The exclusion date would be {en_date(day)} "
            f"({_DATE_BASIS_EN.get(p.text('basis'), '')}).")


def _en_benefit(p: _Params) -> str:
    kind = _BENEFIT_EN.get(p.text("kind"), p.text("kind"))
    return f"The {kind}'s daily amount of {en_yen(p.num('daily'))}"


EN: Mapping[str, Callable[[_Params], str]] = {
    "annual_under": lambda p: _en_annual(p, "under"),
    "annual_over": lambda p: _en_annual(p, "at or over"),
    "certificate_accepted": lambda p: (
        f"The employer's certificate of a temporary rise ({p.text('counting')} use "
        f"{p.num('uses')} of {p.num('allowed')}) makes it a temporary excess."),
    "certificate_exceeded": lambda p: (
        f"The employer's certificate is {p.text('counting')} use {p.num('uses')}, over the "
        f"{p.num('allowed')} allowed: check its uses."),
    "benefit_over": lambda p: (
        f"{_en_benefit(p)} is at or over {en_yen(p.num('limit'))}"
        + (f" (payments from {en_date(p.day('start'))})." if p.day("start") else ".")),
    "benefit_under": lambda p: f"{_en_benefit(p)} is under {en_yen(p.num('limit'))}.",
    "half_income_pass": lambda p: (
        f"Income of {en_yen(p.num('assessed'))} is under half of the insured's annual income "
        f"of {en_yen(p.num('insured'))}."),
    "half_income_review": lambda p: (
        f"Income of {en_yen(p.num('assessed'))} is at least half of the insured's annual "
        f"income of {en_yen(p.num('insured'))} but below it: weigh the household's whole "
        "situation."),
    "half_income_fail": lambda p: (
        f"Income of {en_yen(p.num('assessed'))} is at or over the insured's annual income of "
        f"{en_yen(p.num('insured'))}."),
    "remittance_missing": lambda p: (
        "Living apart: the insured's remittance must be checked (not entered)."),
    "remittance_pass": lambda p: (
        f"Income of {en_yen(p.num('assessed'))} is under the annual remittance of "
        f"{en_yen(p.num('remittance'))}."),
    "remittance_fail": lambda p: (
        f"Income of {en_yen(p.num('assessed'))} is at or over the annual remittance of "
        f"{en_yen(p.num('remittance'))}."),
    "residence_exception": lambda p: (
        f"Lives abroad, but an exception to the domestic residence requirement applies "
        f"({p.text('exception')})."),
    "residence_fail": lambda p: (
        "Lives abroad and no exception to the domestic residence requirement applies."),
    "age_75": lambda p: (
        f"Turns {p.num('age')} on {en_date(p.day('birthday'))} and moves to the late-stage "
        "elderly medical care system, which ends the dependency."),
    "survey_not_submitted": lambda p: (
        "The survey was not submitted by the deadline: excluded"
        + (f" as of {en_date(p.day('on'))}." if p.day("on") else ".")),
    "monthly_none": lambda p: (
        f"No month is over the monthly limit of {en_yen(p.num('limit'))}, three months in a "
        "row or on a three-month average."),
    "monthly_over": lambda p: (
        f"The salary of {en_months(p.months('months'))} is over the monthly limit of "
        f"{en_yen(p.num('limit'))} {_HOW_EN[p.text('rule')]}.{_en_when(p)}"),
    "monthly_lasting": lambda p: (
        "The annual income is under the limit: check whether the rise is lasting."),
    "schedule_unknown": lambda p: (
        "An employer's cutoff day or pay month is unknown, so the attendance period was taken "
        "to start on the first day of the payment month: check them on the payslips."),
    "pay_day_unknown": lambda p: (
        "The pay day is unknown, so the third month's last day was taken as the pay day."),
    "missing_months": lambda p: (
        f"No salary is entered for {en_months(p.months('months'))} (counted as ¥0). Enter 0 "
        "for a month without pay."),
    "labour_contract": lambda p: (
        f"The annual test used the labour contract's expected income of "
        f"{en_yen(p.num('assessed'))} (actual {en_yen(p.num('annual'))})."),
    "judged_year": lambda p: f"Judged on the income of {p.num('year')}.",
    "exclusion_date": lambda p: (
        f"The exclusion date is {en_date(p.day('day'))} "
        f"(reason: {_RULE_EN[p.text('rule')]})."),
    "exclusion_undetermined": lambda p: (
        "The monthly income gives no exclusion date: find the date of the facts and set it."),
    "recertification": lambda p: (
        f"{en_months(p.months('months'))} are within the monthly limit three months in a row: "
        f"re-certification from {en_date(p.day('day'))} is possible."),
    "verdict": lambda p: f"Proposed verdict: {_VERDICT_EN[Verdict(p.text('verdict'))]}.",
}

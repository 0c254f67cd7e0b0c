"""A deterministic, realistic sample population for the dependent eligibility survey.

``generate_population(members, seed)`` returns one :class:`MemberPlan` per insured member: the
insured, 1–3 dependents with the mix of a real survey (part-time workers around the 108,333-yen
line, pensioners, self-employed, students, unemployed, dependents living apart, …), their answers,
the required documents and the files uploaded for them (as :class:`FileSpec`, rendered by
:mod:`reviewer_app.samples.documents`), and the ground truth (:class:`Scenario`).

Member ``i`` depends only on ``(seed, i)``: a population of 50 is the first 50 members of a
population of 500. The first members cycle through every scenario kind and every planted
deficiency (:data:`QUOTA`), so even a small population has each of them.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal, TypeVar

from reviewer_app.bundle.schema import (
    Answers,
    Dependent,
    DocumentKind,
    Insured,
    Living,
    MemberStatus,
    MunicipalIncome,
    Occupation,
    OccupationAnswer,
    Office,
    Relationship,
    RequiredDocument,
    Submission,
    UploadedFile,
)
from reviewer_app.samples.truth import (
    JST,
    TARGET_YEAR,
    Benefit,
    BenefitPage,
    Bonus,
    BonusPage,
    Business,
    DayOfMonth,
    Deficiency,
    DeficiencyCode,
    DocumentPlan,
    Employer,
    FileFormat,
    FileSpec,
    IncomeCertificatePage,
    InsuranceCardPage,
    Investment,
    MemberPlan,
    MunicipalFigures,
    PageSource,
    Payslip,
    PayslipPage,
    Pension,
    PensionPage,
    PensionPayment,
    Person,
    Remittance,
    RemittancePage,
    Scenario,
    ScenarioKind,
    StudentCertificatePage,
    SubsidyNoticePage,
    TaxReturnPage,
    TempRiseCertificatePage,
    TradingReportPage,
    add_months,
    clamp_day,
    payslip_style,
    ym,
)

ANSWER_START = datetime(2024, 9, 2, 9, 0, tzinfo=JST)
ANSWER_END = datetime(2024, 9, 30, 23, 59, tzinfo=JST)
SURVEY_DAY = date(2024, 9, 1)

# --- names ------------------------------------------------------------------------------------

SURNAMES = (
    ("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"),
    ("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"),
    ("小林", "コバヤシ"), ("加藤", "カトウ"), ("吉田", "ヨシダ"), ("山田", "ヤマダ"),
    ("佐々木", "ササキ"), ("山口", "ヤマグチ"), ("松本", "マツモト"), ("井上", "イノウエ"),
    ("木村", "キムラ"), ("林", "ハヤシ"), ("斎藤", "サイトウ"), ("清水", "シミズ"),
    ("山崎", "ヤマザキ"), ("森", "モリ"), ("池田", "イケダ"), ("橋本", "ハシモト"),
    ("阿部", "アベ"), ("石川", "イシカワ"), ("前田", "マエダ"), ("藤田", "フジタ"),
    ("小川", "オガワ"), ("岡田", "オカダ"), ("後藤", "ゴトウ"), ("長谷川", "ハセガワ"),
    ("村上", "ムラカミ"), ("近藤", "コンドウ"), ("石井", "イシイ"), ("坂本", "サカモト"),
    ("遠藤", "エンドウ"), ("青木", "アオキ"), ("藤井", "フジイ"), ("西村", "ニシムラ"),
    ("福田", "フクダ"), ("太田", "オオタ"), ("三浦", "ミウラ"), ("藤原", "フジワラ"),
    ("岡本", "オカモト"), ("松田", "マツダ"), ("中川", "ナカガワ"), ("中野", "ナカノ"),
    ("原田", "ハラダ"), ("小野", "オノ"), ("御室", "オムロ"), ("久保田", "クボタ"),
)
# (given name, kana) by generation: old (born before 1965), middle, young (born 1995 on)
MALE = {
    "old": (("和夫", "カズオ"), ("正男", "マサオ"), ("清", "キヨシ"), ("茂", "シゲル"),
            ("勇", "イサム"), ("博", "ヒロシ"), ("進", "ススム"), ("武", "タケシ")),
    "mid": (("太郎", "タロウ"), ("健一", "ケンイチ"), ("大輔", "ダイスケ"), ("直樹", "ナオキ"),
            ("浩二", "コウジ"), ("誠", "マコト"), ("拓也", "タクヤ"), ("隆", "タカシ"),
            ("康弘", "ヤスヒロ"), ("俊介", "シュンスケ"), ("修", "オサム"), ("一郎", "イチロウ")),
    "young": (("蓮", "レン"), ("大翔", "ヒロト"), ("湊", "ミナト"), ("陽太", "ヨウタ"),
              ("悠斗", "ユウト"), ("翔太", "ショウタ"), ("颯", "ハヤテ"), ("蒼", "アオイ")),
}
FEMALE = {
    "old": (("和子", "カズコ"), ("幸子", "サチコ"), ("節子", "セツコ"), ("京子", "キョウコ"),
            ("洋子", "ヨウコ"), ("典子", "ノリコ"), ("弘子", "ヒロコ"), ("悦子", "エツコ")),
    "mid": (("花子", "ハナコ"), ("陽子", "ヨウコ"), ("恵子", "ケイコ"), ("美香", "ミカ"),
            ("由美", "ユミ"), ("明美", "アケミ"), ("裕子", "ユウコ"), ("真由美", "マユミ"),
            ("智子", "トモコ"), ("久美子", "クミコ"), ("直美", "ナオミ"), ("香織", "カオリ")),
    "young": (("陽菜", "ヒナ"), ("結衣", "ユイ"), ("葵", "アオイ"), ("さくら", "サクラ"),
              ("芽依", "メイ"), ("美咲", "ミサキ"), ("彩", "アヤ"), ("凛", "リン")),
}
ADDRESSES = (
    ("さいたま市", "埼玉県さいたま市浦和区高砂"), ("川口市", "埼玉県川口市栄町"),
    ("横浜市", "神奈川県横浜市港北区日吉"), ("川崎市", "神奈川県川崎市中原区小杉町"),
    ("船橋市", "千葉県船橋市本町"), ("世田谷区", "東京都世田谷区太子堂"),
    ("八王子市", "東京都八王子市旭町"), ("京都市", "京都府京都市右京区花園"),
    ("大阪市", "大阪府大阪市北区梅田"), ("名古屋市", "愛知県名古屋市中村区名駅"),
    ("福岡市", "福岡県福岡市博多区博多駅前"), ("仙台市", "宮城県仙台市青葉区一番町"),
    ("札幌市", "北海道札幌市中央区北一条西"), ("広島市", "広島県広島市中区紙屋町"),
)
OFFICES = (
    ("001", "本社"), ("002", "東京事業所"), ("010", "大阪支社"), ("020", "名古屋工場"),
    ("030", "福岡営業所"), ("040", "仙台工場"), ("050", "京都研究所"),
)
PART_TIME_EMPLOYERS = (
    "株式会社みどりマート 浦和店", "有限会社さくら食品", "医療法人社団青葉会 青葉クリニック",
    "株式会社ひまわり介護サービス", "株式会社東洋ロジスティクス 厚木センター",
    "株式会社ファミリーダイニング", "株式会社ハート薬局", "社会福祉法人 緑風会",
    "株式会社ベーカリー麦の穂", "生活協同組合コープみなみ", "株式会社ブックス文林堂",
    "学校法人つばさ学園 つばさ幼稚園", "株式会社クリーンサービス大和", "株式会社カフェ・ド・ノール",
    "個別指導塾ステップ 日吉教室", "株式会社ホテル松風", "株式会社市川ドラッグ",
)
SHORT_TERM_JOBS = (
    ("日本郵便株式会社 浦和郵便局", "年末年始の郵便仕分け", (1, 12)),
    ("株式会社市民プール管理センター", "夏季のみプール監視員", (7, 8)),
    ("株式会社旅館山水", "繁忙期のみ旅館の配膳", (5, 8)),
)
SCHOOLS = (
    ("東都大学", "経済学部"), ("北斗大学", "文学部"), ("京浜工業大学", "工学部"),
    ("みなと看護大学", "看護学部"), ("関西学芸大学", "教育学部"),
    ("中央情報専門学校", "情報処理科"),
)
BROKERS = ("みずほ証券株式会社", "SBI証券株式会社", "楽天証券株式会社",
           "野村證券株式会社")
BANKS = ("三菱UFJ銀行", "ゆうちょ銀行", "みずほ銀行", "三井住友銀行", "埼玉りそな銀行")
TRADES = (
    ("ハンドメイド雑貨販売", "アトリエ花"), ("飲食業", "カフェこもれび"), ("農業", ""),
    ("デザイン業", "スタジオK"), ("学習塾", "ひまわり学習教室"), ("美容業", "ヘアサロンRin"),
    ("翻訳業", ""),
)
OTHER_INSURERS = ("全国健康保険協会 東京支部", "関東ITソフトウェア健康保険組合",
                  "全国健康保険協会 埼玉支部", "東京都職員共済組合")


@dataclass(frozen=True)
class Forced:
    """A scenario forced on the first dependent of one of the first members."""

    kind: ScenarioKind
    deficiency: DeficiencyCode | None = None
    payslip_variant: str | None = None
    near_limit: bool = False


PAYSLIP_VARIANTS = ("pdf", "pdf_scan", "jpeg", "png", "heic")

QUOTA: tuple[Forced, ...] = (
    *(Forced(k, payslip_variant=PAYSLIP_VARIANTS[i % len(PAYSLIP_VARIANTS)])
      for i, k in enumerate(ScenarioKind)),
    Forced(ScenarioKind.PART_TIME_UNDER, DeficiencyCode.MISSING_MONTH, "pdf"),
    Forced(ScenarioKind.PART_TIME_UNDER, DeficiencyCode.BLURRED, "jpeg"),
    Forced(ScenarioKind.STUDENT, DeficiencyCode.WRONG_DOCUMENT, "pdf"),
    Forced(ScenarioKind.PENSIONER, DeficiencyCode.PROCEED_WITHOUT),
    Forced(ScenarioKind.PART_TIME_UNDER, DeficiencyCode.NOT_UPLOADED, "pdf"),
    Forced(ScenarioKind.PART_TIME_CONSECUTIVE_OVER, DeficiencyCode.AMOUNT_WITHOUT_COMMUTE, "jpeg"),
    Forced(ScenarioKind.PART_TIME_UNDER, None, "pdf_scan", near_limit=True),
    Forced(ScenarioKind.PART_TIME_AVERAGE_OVER, DeficiencyCode.MISSING_MONTH, "jpeg"),
)
"""Member ``i < len(QUOTA)`` has ``QUOTA[i]`` as its first dependent."""

# scenario kinds by who the dependent is, with weights
_SPOUSE_KINDS = (
    (ScenarioKind.PART_TIME_UNDER, 24), (ScenarioKind.PART_TIME_CONSECUTIVE_OVER, 7),
    (ScenarioKind.PART_TIME_AVERAGE_OVER, 5), (ScenarioKind.PART_TIME_ANNUAL_OVER, 3),
    (ScenarioKind.PART_TIME_TWO_EMPLOYERS, 6), (ScenarioKind.SHORT_TERM_PART_TIME, 3),
    (ScenarioKind.RETIRED, 5), (ScenarioKind.UNEMPLOYED, 10),
    (ScenarioKind.UNEMPLOYMENT_BENEFIT, 4), (ScenarioKind.SICKNESS_BENEFIT, 2),
    (ScenarioKind.SELF_EMPLOYED, 6), (ScenarioKind.SELF_EMPLOYED_SUBSIDY, 2),
    (ScenarioKind.INVESTOR, 3),
)
_OLD_SPOUSE_KINDS = (
    (ScenarioKind.PENSIONER, 10), (ScenarioKind.PENSIONER_PART_TIME, 5),
    (ScenarioKind.PART_TIME_UNDER, 4), (ScenarioKind.UNEMPLOYED, 2), (ScenarioKind.INVESTOR, 1),
)
_PARENT_KINDS = (
    (ScenarioKind.PENSIONER, 12), (ScenarioKind.PENSIONER_LIVING_APART, 7),
    (ScenarioKind.PENSIONER_PART_TIME, 3), (ScenarioKind.SELF_EMPLOYED, 1),
)
_STUDENT_KINDS = (
    (ScenarioKind.STUDENT, 10), (ScenarioKind.STUDENT_BOARDING, 5), (ScenarioKind.REMOVAL, 1),
)
_ADULT_CHILD_KINDS = (
    (ScenarioKind.UNEMPLOYED, 4), (ScenarioKind.PART_TIME_UNDER, 4), (ScenarioKind.REMOVAL, 3),
    (ScenarioKind.SHORT_TERM_PART_TIME, 1),
)

_PAYSLIP_KINDS = frozenset({
    ScenarioKind.PART_TIME_UNDER, ScenarioKind.PART_TIME_CONSECUTIVE_OVER,
    ScenarioKind.PART_TIME_AVERAGE_OVER, ScenarioKind.PART_TIME_ANNUAL_OVER,
    ScenarioKind.PART_TIME_TWO_EMPLOYERS, ScenarioKind.SHORT_TERM_PART_TIME,
    ScenarioKind.RETIRED, ScenarioKind.UNEMPLOYMENT_BENEFIT, ScenarioKind.PENSIONER_PART_TIME,
    ScenarioKind.STUDENT, ScenarioKind.STUDENT_BOARDING,
})
_PARENT_ONLY = frozenset({ScenarioKind.PENSIONER_LIVING_APART})
_CHILD_ONLY = frozenset({ScenarioKind.STUDENT, ScenarioKind.STUDENT_BOARDING,
                         ScenarioKind.REMOVAL})
_OLD_ONLY = frozenset({ScenarioKind.PENSIONER, ScenarioKind.PENSIONER_PART_TIME})


def seed_tag(seed: int) -> str:
    """A short tag derived from the seed, part of every id so two seeds never share ids."""
    return hashlib.sha256(f"reviewer-app-sample:{seed}".encode()).hexdigest()[:6]


_T = TypeVar("_T")


def _pick(rng: random.Random, weighted: tuple[tuple[_T, int], ...]) -> _T:
    values = [v for v, _ in weighted]
    weights = [w for _, w in weighted]
    return rng.choices(values, weights)[0]


def _weekday_back(d: date) -> date:
    """Pay days falling on a weekend are paid the Friday before."""
    while d.weekday() >= 5:
        d -= timedelta(days=1)
    return d


def _age_at(birth: date, on: date) -> int:
    """Age under the Act on Calculation of Age: a year older at the end of the day before."""
    on = on + timedelta(days=1)
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _birth(rng: random.Random, year_from: int, year_to: int) -> date:
    start = date(year_from, 1, 1).toordinal()
    end = date(year_to, 12, 31).toordinal()
    return date.fromordinal(rng.randint(start, end))


def _generation(birth: date) -> str:
    return "old" if birth.year < 1965 else ("mid" if birth.year < 1995 else "young")


def _given(rng: random.Random, female: bool, birth: date) -> tuple[str, str]:
    table = FEMALE if female else MALE
    return rng.choice(table[_generation(birth)])


# --- the population ---------------------------------------------------------------------------


def generate_population(members: int, seed: int, revision: int = 1) -> list[MemberPlan]:
    """``members`` insured members for ``seed``; ``revision`` > 1 revises a subset."""
    if members < 1:
        raise ValueError("members must be at least 1")
    if revision < 1:
        raise ValueError("revision must be at least 1")
    tag = seed_tag(seed)
    plans = [_MemberBuilder(seed, tag, i).build() for i in range(members)]
    for level in range(2, revision + 1):
        for plan in plans:
            _revise(plan, seed, tag, level)
    return plans


class _MemberBuilder:
    def __init__(self, seed: int, tag: str, index: int) -> None:
        self.rng = random.Random(f"{seed}:{index}")
        self.tag = tag
        self.index = index
        self.forced = QUOTA[index] if index < len(QUOTA) else None
        self.member_id = f"m-{tag}-{index:05d}"
        self.file_counter = 0
        self.image_no = self.rng.randint(1000, 8000)

    # -- household --

    def build(self) -> MemberPlan:
        rng = self.rng
        forced = self.forced
        city, street = rng.choice(ADDRESSES)
        address = f"{street}{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        self.city = city
        self.address = address
        surname = rng.choice(SURNAMES)
        self.surname = surname
        forced_kind = forced.kind if forced else None
        if forced_kind in _PARENT_ONLY:
            household = "young"
        elif forced_kind in _CHILD_ONLY:
            household = "mid"
        elif forced_kind in _OLD_ONLY:
            household = "senior"
        else:
            household = _pick(rng, (("young", 3), ("mid", 5), ("senior", 2)))
        insured_male = rng.random() < 0.85
        if household == "young":
            insured_birth = _birth(rng, 1982, 1996)
        elif household == "mid":
            insured_birth = _birth(rng, 1966, 1981)
        else:
            insured_birth = _birth(rng, 1959, 1964)
        given = _given(rng, not insured_male, insured_birth)
        insured = Person(f"{surname[0]} {given[0]}", f"{surname[1]} {given[1]}", insured_birth,
                         address)
        self.insured = insured

        # relationships: (relationship, label, female, birth)
        slots: list[tuple[str, str, bool, date]] = []
        spouse_birth = insured_birth + timedelta(days=rng.randint(-5 * 365, 4 * 365))
        want_spouse = rng.random() < 0.85 or (
            forced_kind is not None and forced_kind not in _PARENT_ONLY | _CHILD_ONLY)
        if household == "young":
            if want_spouse or forced_kind not in _PARENT_ONLY:
                slots.append(("spouse", "妻" if insured_male else "夫", insured_male,
                              spouse_birth))
            n_parents = rng.choice((0, 1, 1, 2)) if forced_kind not in _PARENT_ONLY else 1
            parent_female = rng.random() < 0.7
            for k in range(n_parents):
                female = parent_female if k == 0 else not parent_female
                birth = insured_birth - timedelta(days=rng.randint(25 * 365, 34 * 365))
                # 60 or over at the end of the year, under 75 on the survey day
                birth = min(max(birth, date(1950, 9, 2)), date(1963, 12, 31))
                in_law = rng.random() < 0.15
                label = ("義母" if female else "義父") if in_law else ("母" if female else "父")
                slots.append(("parent", label, female, birth))
        elif household == "mid":
            if want_spouse:
                slots.append(("spouse", "妻" if insured_male else "夫", insured_male,
                              spouse_birth))
            n_children = rng.choice((1, 1, 2)) if forced_kind in _CHILD_ONLY else rng.choice(
                (0, 1, 1, 2, 2))
            sons = daughters = 0
            for c in range(n_children):
                birth = (_birth(rng, 2001, 2004) if c == 0 and forced_kind in _CHILD_ONLY
                         else _birth(rng, 1999, 2005))
                female = rng.random() < 0.5
                if female:
                    daughters += 1
                    label = ("長女", "二女", "三女")[daughters - 1]
                else:
                    sons += 1
                    label = ("長男", "二男", "三男")[sons - 1]
                slots.append(("child", label, female, birth))
        else:
            slots.append(("spouse", "妻" if insured_male else "夫", insured_male,
                          min(spouse_birth, date(1963, 12, 31))))
            if rng.random() < 0.5:
                slots.append(("child", "長男" if rng.random() < 0.5 else "長女",
                              rng.random() < 0.5, _birth(rng, 1992, 2001)))
        if not slots:
            slots.append(("spouse", "妻" if insured_male else "夫", insured_male, spouse_birth))
        slots = slots[:3]

        # the forced kind goes to the first dependent it fits
        if forced_kind is not None:
            order = sorted(range(len(slots)),
                           key=lambda j: not self._fits(forced_kind, slots[j]))
            slots = [slots[j] for j in order]

        office_code, office_name = rng.choice(OFFICES)
        symbol = {"001": "10", "002": "11", "010": "20", "020": "30", "030": "40",
                  "040": "50", "050": "60"}[office_code]
        number = str(10000 + (self.index * 37) % 89999)
        plan = MemberPlan(
            index=self.index,
            member_id=self.member_id,
            submission_id=f"sub-{self.tag}-{self.index:05d}",
            card_symbol=symbol,
            card_number=number,
            person=insured,
            office_code=office_code,
            office_name=office_name,
            employee_code=f"{rng.randint(100000, 999999)}",
            annual_income=(rng.randrange(3_600_000, 9_600_000, 1000)
                           if rng.random() < 0.9 else None),
            insured_has_card=rng.random() > 0.03,
            scenarios=[], statuses=[], submitted_at=[], certified_on=[],
            relationship_labels=[], contacts=[], answers=[],
        )
        submitted_at = ANSWER_START + timedelta(minutes=rng.randint(0, 28 * 24 * 60 - 200))
        self.submitted_at = submitted_at
        for j, slot in enumerate(slots):
            if j == 0 and forced_kind is not None and self._fits(forced_kind, slot):
                kind = forced_kind
                deficiency = forced.deficiency if forced else None
            else:
                kind = self._choose_kind(slot)
                deficiency = None
            self._add_dependent(plan, j, slot, kind, deficiency)
        plan.updated_at = max(
            [t for t in plan.submitted_at if t is not None]
            + [f.uploaded_at for s in plan.scenarios for f in s.files()]
            + [ANSWER_START]
        )
        return plan

    def _fits(self, kind: ScenarioKind, slot: tuple[str, str, bool, date]) -> bool:
        rel, _, _, birth = slot
        age = _age_at(birth, date(TARGET_YEAR, 12, 31))
        if kind in _PARENT_ONLY:
            return rel == "parent"
        if kind in (ScenarioKind.STUDENT, ScenarioKind.STUDENT_BOARDING):
            return rel == "child" and 18 <= age <= 22
        if kind == ScenarioKind.REMOVAL:
            return rel == "child"
        if kind in _OLD_ONLY:
            return age >= 60
        if kind.value.startswith("part_time"):
            return rel == "spouse" and age < 60  # the 108,333-yen line applies under 60
        return rel == "spouse" or (rel == "parent" and kind == ScenarioKind.INVESTOR)

    def _choose_kind(self, slot: tuple[str, str, bool, date]) -> ScenarioKind:
        rel, _, _, birth = slot
        age = _age_at(birth, date(TARGET_YEAR, 12, 31))
        rng = self.rng
        if rng.random() < 0.03:
            return ScenarioKind.NOT_SUBMITTED
        if rel == "parent":
            return _pick(rng, _PARENT_KINDS) if age >= 60 else ScenarioKind.PART_TIME_UNDER
        if rel == "child":
            return _pick(rng, _STUDENT_KINDS) if age <= 22 else _pick(rng, _ADULT_CHILD_KINDS)
        return _pick(rng, _OLD_SPOUSE_KINDS) if age >= 60 else _pick(rng, _SPOUSE_KINDS)

    # -- one dependent --

    def _add_dependent(self, plan: MemberPlan, j: int, slot: tuple[str, str, bool, date],
                       kind: ScenarioKind, deficiency: DeficiencyCode | None) -> None:
        rng = self.rng
        rel, label, female, birth = slot
        in_law = rel == "parent" and label.startswith("義")
        sn = rng.choice(SURNAMES) if in_law else self.surname
        given = _given(rng, female, birth)
        apart = kind in (ScenarioKind.PENSIONER_LIVING_APART, ScenarioKind.STUDENT_BOARDING)
        address = self.address
        if apart:
            _, street = rng.choice(ADDRESSES)
            address = f"{street}{rng.randint(1, 5)}-{rng.randint(1, 30)}-{rng.randint(1, 20)}"
        person = Person(f"{sn[0]} {given[0]}", f"{sn[1]} {given[1]}", birth, address)
        dependent_id = f"d-{self.tag}-{self.index:05d}-{j}"
        scenario = Scenario(
            member_id=self.member_id,
            dependent_id=dependent_id,
            kind=kind,
            person=person,
            relationship=rel,
            age_at_year_end=_age_at(birth, date(TARGET_YEAR, 12, 31)),
            living_apart=apart,
        )
        self.scenario = scenario
        self.doc_counter = 0
        if rel == "spouse":
            certified = date(rng.randint(2000, 2021), rng.randint(1, 12), rng.randint(1, 28))
            certified = max(certified, date(max(birth.year, self.insured.birth_date.year) + 20,
                                            4, 1))
        elif rel == "child":
            certified = birth + timedelta(days=rng.randint(10, 40))
        else:
            certified = date(rng.randint(2012, 2022), rng.randint(1, 12), 1)
        certified = min(certified, date(2022, 12, 1))

        if kind == ScenarioKind.NOT_SUBMITTED:
            self._not_submitted(plan, scenario, label, certified)
            return

        status = MemberStatus.SUBMITTED
        if deficiency == DeficiencyCode.NOT_UPLOADED or (
            deficiency is None and rng.random() < 0.03
        ):
            status = MemberStatus.REGISTERED
            deficiency = DeficiencyCode.NOT_UPLOADED
        if deficiency is None and rng.random() < 0.08:
            deficiency = rng.choice((
                DeficiencyCode.MISSING_MONTH, DeficiencyCode.BLURRED,
                DeficiencyCode.AMOUNT_WITHOUT_COMMUTE, DeficiencyCode.MISSING_MONTH,
                DeficiencyCode.PROCEED_WITHOUT,
            ))
        self.deficiency = deficiency
        self.payslip_variant = (self.forced.payslip_variant if self.forced and j == 0
                                else None)
        self.near_limit = bool(self.forced and j == 0 and self.forced.near_limit)

        occupations, living, since, contact = self._income(scenario, rng)
        other_income = None
        if rng.random() < 0.02:
            scenario.other_income = rng.randrange(500_000, 4_000_000, 10_000)
            other_income = scenario.other_income
            contact = (contact + "\n" if contact else "") + "遺産相続 2023年10月"
        if rel == "spouse" and living == Living.TOGETHER and rng.random() < 0.05:
            living = Living.APART_INSURED_POSTING
            since = ym(rng.randint(2019, 2023), rng.randint(1, 12))
            scenario.living_apart = True
        answers = Answers(
            insured_has_card=plan.insured_has_card,
            dependent_details_confirmed=True,
            dependent_has_card=rng.random() > 0.03,
            occupations=occupations,
            other_income=other_income,
            living=living,
            living_apart_since=since,
            contact=contact,
        )
        if status == MemberStatus.REGISTERED:
            # registered: the answers are in, but a required document has no file yet
            empty = [d for d in scenario.documents if d.files]
            if empty:
                victim = empty[-1]
                scenario.deficiencies.append(Deficiency(
                    DeficiencyCode.NOT_UPLOADED, victim.document_id,
                    f"「{victim.title}」が未アップロードのまま（登録済・未提出）"))
                victim.files = []
            submitted: datetime | None = None
        else:
            submitted = self.submitted_at + timedelta(minutes=j * 7)
        self._municipal(scenario, rng, present=rng.random() < 0.85)
        plan.scenarios.append(scenario)
        plan.statuses.append(status.value)
        plan.submitted_at.append(submitted)
        plan.certified_on.append(certified)
        plan.relationship_labels.append(label)
        plan.contacts.append(contact)
        plan.answers.append(answers)

    def _not_submitted(self, plan: MemberPlan, scenario: Scenario, label: str,
                       certified: date) -> None:
        rng = self.rng
        # the society still knows the municipal figures; the truth is a part-time job
        scenario.employers = (self._employer(rng, self._targets_under(rng), scenario.person),)
        self._municipal(scenario, rng, present=rng.random() < 0.8)
        plan.scenarios.append(scenario)
        plan.statuses.append(MemberStatus.NOT_SUBMITTED.value)
        plan.submitted_at.append(None)
        plan.certified_on.append(certified)
        plan.relationship_labels.append(label)
        plan.contacts.append("")
        plan.answers.append(None)

    # -- income and documents by kind --

    def _income(self, s: Scenario, rng: random.Random
                ) -> tuple[list[OccupationAnswer], Living, str | None, str]:
        k = ScenarioKind
        kind = s.kind
        occupations: list[OccupationAnswer] = []
        living = Living.TOGETHER
        since: str | None = None
        contact_lines: list[str] = []
        if kind in (k.PART_TIME_UNDER, k.PART_TIME_CONSECUTIVE_OVER, k.PART_TIME_AVERAGE_OVER,
                    k.PART_TIME_ANNUAL_OVER, k.PART_TIME_TWO_EMPLOYERS):
            self._part_time(s, rng)
            occupations.append(OccupationAnswer(occupation=Occupation.PART_TIME,
                                                amount=self._typed_salary(s)))
            if kind == k.PART_TIME_ANNUAL_OVER:
                occupations.append(OccupationAnswer(occupation=Occupation.TEMP_RISE_LAST_YEAR))
                contact_lines.append("人手不足による一時的な勤務時間延長（2023年10月～12月）")
                self._doc(DocumentKind.TEMP_RISE_CERTIFICATE,
                          "一時的な収入変動に係る事業主の証明書",
                          [TempRiseCertificatePage(s.employers[0], s.person,
                                                   ("2023-10", "2023-11", "2023-12"),
                                                   "人手不足による勤務時間の一時的な延長")],
                          variant=rng.choice(("pdf_scan", "jpeg")))
            contact_lines.insert(0, self._pay_rule_contact(s))
        elif kind == k.SHORT_TERM_PART_TIME:
            name, job, months = rng.choice(SHORT_TERM_JOBS)
            targets = {m: rng.randrange(70_000, 125_000, 100) for m in months}
            employer = self._employer(rng, targets, s.person, name=name, offset=1)
            s.employers = (employer,)
            self._salary_docs(s, rng)
            occupations.append(OccupationAnswer(occupation=Occupation.SHORT_TERM_PART_TIME,
                                                amount=self._typed_salary(s)))
            month_text = "・".join(f"{m}月" for m in months)
            contact_lines.append(f"{job}（{month_text}支払分のみ）、{employer.pay_rule_text}")
        elif kind == k.RETIRED:
            last = rng.randint(3, 9)
            targets = {m: rng.randrange(70_000, 100_000, 100) for m in range(1, last + 1)}
            employer = self._employer(rng, targets, s.person)
            s.employers = (employer,)
            s.retired_month = ym(TARGET_YEAR, last - employer.pay_month_offset or 1)
            self._salary_docs(s, rng)
            occupations.append(OccupationAnswer(occupation=Occupation.UNEMPLOYED, amount=1))
            occupations.append(OccupationAnswer(occupation=Occupation.RETIRED))
            ret_year, ret_month = s.retired_month.split("-")
            contact_lines.append(f"{ret_year}年{int(ret_month)}月退職")
            contact_lines.append(employer.pay_rule_text)
        elif kind == k.UNEMPLOYED:
            occupations.append(OccupationAnswer(occupation=Occupation.UNEMPLOYED, amount=1))
            self._income_certificate_doc(s, rng)
            if rng.random() < 0.3:
                contact_lines.append("無職のため収入はありません")
        elif kind in (k.UNEMPLOYMENT_BENEFIT, k.SICKNESS_BENEFIT):
            self._benefit(s, rng, occupations, contact_lines)
        elif kind in (k.PENSIONER, k.PENSIONER_PART_TIME, k.PENSIONER_LIVING_APART):
            self._pensions(s, rng)
            occupations.append(OccupationAnswer(
                occupation=Occupation.PENSIONER,
                amount=sum(p.annual_current for p in s.pensions)))
            if kind == k.PENSIONER_PART_TIME:
                targets = {m: rng.randrange(30_000, 90_000, 100) for m in range(1, 13)}
                s.employers = (self._employer(rng, targets, s.person),)
                self._salary_docs(s, rng)
                occupations.append(OccupationAnswer(occupation=Occupation.PART_TIME,
                                                    amount=self._typed_salary(s)))
                contact_lines.append(self._pay_rule_contact(s))
            if kind == k.PENSIONER_LIVING_APART:
                living = Living.APART_OTHER
                since = ym(rng.randint(2010, 2022), rng.randint(1, 12))
                self._remittance(s, rng)
        elif kind in (k.SELF_EMPLOYED, k.SELF_EMPLOYED_SUBSIDY):
            self._business(s, rng, occupations, contact_lines)
        elif kind == k.INVESTOR:
            broker = rng.choice(BROKERS)
            proceeds = rng.randrange(400_000, 5_000_000, 1000)
            cost = int(proceeds * rng.uniform(0.8, 1.08))
            s.investment = Investment(broker, proceeds, cost, rng.randrange(3_000, 90_000, 1))
            occupations.append(OccupationAnswer(occupation=Occupation.INVESTMENT,
                                                amount=max(1, s.investment.income)))
            self._doc(DocumentKind.TRADING_REPORT, "年間取引報告書（令和5年分）",
                      [TradingReportPage(s.investment, s.person)],
                      variant=_pick(rng, (("pdf", 6), ("jpeg", 3), ("png", 1))))
            contact_lines.append("特定口座（源泉徴収あり）のため確定申告はしていない")
        elif kind in (k.STUDENT, k.STUDENT_BOARDING):
            school, faculty = rng.choice(SCHOOLS)
            grade = min(4, max(1, s.age_at_year_end - 18))
            occupations.append(OccupationAnswer(
                occupation=Occupation.STUDENT_LIVING_TOGETHER if kind == k.STUDENT
                else Occupation.STUDENT_BOARDING))
            if kind == k.STUDENT_BOARDING:
                living = Living.APART_STUDENT
                since = ym(TARGET_YEAR - grade + 1, 4)
            if kind == k.STUDENT or rng.random() < 0.6:
                targets = {m: rng.randrange(25_000, 85_000, 100) for m in range(1, 13)}
                for m in (8, 9) if rng.random() < 0.5 else ():
                    targets[m] += rng.randrange(10_000, 40_000, 100)
                s.employers = (self._employer(rng, targets, s.person),)
                wrong = self.deficiency == DeficiencyCode.WRONG_DOCUMENT or (
                    self.deficiency is None and rng.random() < 0.12)
                if wrong:
                    self.deficiency = None
                    doc = self._doc(DocumentKind.PAYSLIP, "給与明細書（令和5年1月～12月支払分）",
                                    [StudentCertificatePage(school, faculty, grade, s.person)],
                                    variant="jpeg")
                    s.deficiencies.append(Deficiency(
                        DeficiencyCode.WRONG_DOCUMENT, doc.document_id,
                        "給与明細書の欄に在学証明書がアップロードされている（Q23: 不可）",
                        doc.files[0].file_id if doc.files else None))
                    self._bonus_doc(s, rng)
                else:
                    self._salary_docs(s, rng)
                occupations.append(OccupationAnswer(occupation=Occupation.PART_TIME,
                                                    amount=self._typed_salary(s)))
                contact_lines.append(f"{school}{faculty}{grade}年、{self._pay_rule_contact(s)}")
            else:
                occupations.append(OccupationAnswer(occupation=Occupation.UNEMPLOYED, amount=1))
                self._income_certificate_doc(s, rng)
                contact_lines.append(f"{school}{faculty}{grade}年（アルバイトなし）")
        elif kind == k.REMOVAL:
            occupations.append(OccupationAnswer(occupation=Occupation.REMOVAL))
            occupations.append(OccupationAnswer(occupation=Occupation.UNEMPLOYED, amount=1))
            insurer = rng.choice(OTHER_INSURERS)
            joined = date(2024, 4, 1)
            self._doc(DocumentKind.OTHER_INSURANCE_CARD, "就職先の健康保険証の写し",
                      [InsuranceCardPage(insurer, f"{rng.randint(1000, 9999)}",
                                         f"{rng.randint(1, 999)}", s.person, joined)],
                      variant=_pick(rng, (("jpeg", 12), ("heic", 1), ("png", 2))))
            self._income_certificate_doc(s, rng)
            contact_lines.append("2024年4月就職（就職先の健康保険に加入済）")
        return occupations, living, since, "\n".join(c for c in contact_lines if c)

    def _pay_rule_contact(self, s: Scenario) -> str:
        if len(s.employers) == 1:
            return s.employers[0].pay_rule_text
        return " / ".join(f"{e.name.split()[0]}: {e.pay_rule_text}" for e in s.employers)

    def _typed_salary(self, s: Scenario) -> int:
        total = s.salary_total
        if self.deficiency == DeficiencyCode.AMOUNT_WITHOUT_COMMUTE:
            self.deficiency = None
            commute = sum(p.commute for e in s.employers for p in e.payslips)
            if commute:
                s.deficiencies.append(Deficiency(
                    DeficiencyCode.AMOUNT_WITHOUT_COMMUTE, None,
                    f"入力された収入見込 {total - commute:,}円 は通勤手当 {commute:,}円 を含まない"
                    f"（正: {total:,}円）"))
                total -= commute
        s.typed_amounts[Occupation.PART_TIME.value] = max(total, 1)
        return max(total, 1)

    # part-time salary patterns

    def _targets_under(self, rng: random.Random) -> dict[int, int]:
        base = rng.randrange(55_000, 90_000, 100)
        return {m: min(100_000, max(20_000, base + rng.randrange(-9_000, 9_000, 100)))
                for m in range(1, 13)}

    def _part_time(self, s: Scenario, rng: random.Random) -> None:
        k = ScenarioKind
        for _attempt in range(40):
            if s.kind == k.PART_TIME_TWO_EMPLOYERS:
                a = {m: rng.randrange(45_000, 75_000, 100) for m in range(1, 13)}
                b = {m: rng.randrange(15_000, 45_000, 100) for m in range(1, 13)}
                first = self._employer(rng, a, s.person)
                s.employers = (first, self._employer(rng, b, s.person, avoid=first.name))
            else:
                targets = self._targets_under(rng)
                if s.kind == k.PART_TIME_CONSECUTIVE_OVER:
                    start = rng.randint(1, 9)
                    for m in range(start, start + 3 + rng.choice((0, 0, 1))):
                        if m <= 12:
                            targets[m] = rng.randrange(112_000, 132_000, 100)
                elif s.kind == k.PART_TIME_AVERAGE_OVER:
                    start = rng.randint(2, 9)
                    targets[start - 1] = min(targets[start - 1], 90_000)
                    targets[start] = rng.randrange(122_000, 135_000, 100)
                    targets[start + 1] = rng.randrange(95_000, 104_000, 100)
                    targets[start + 2] = rng.randrange(112_000, 120_000, 100)
                    if start + 3 <= 12:
                        targets[start + 3] = min(targets[start + 3], 90_000)
                elif s.kind == k.PART_TIME_ANNUAL_OVER:
                    targets = {m: rng.randrange(100_000, 118_000, 100) for m in range(1, 13)}
                    for m in (10, 11, 12):
                        targets[m] = rng.randrange(135_000, 160_000, 100)
                s.employers = (self._employer(rng, targets, s.person),)
            pattern = s.over_pattern()
            annual_over = s.annual_income >= s.annual_limit
            ok = {
                k.PART_TIME_UNDER: pattern is None and not annual_over,
                k.PART_TIME_CONSECUTIVE_OVER: pattern == "consecutive" and not annual_over,
                k.PART_TIME_AVERAGE_OVER: pattern == "average" and not annual_over,
                k.PART_TIME_ANNUAL_OVER: annual_over,
                k.PART_TIME_TWO_EMPLOYERS: True,
            }[s.kind]
            if ok:
                break
        self._salary_docs(s, rng)

    def _employer(self, rng: random.Random, targets: dict[int, int], person: Person, *,
                  name: str | None = None, offset: int | None = None,
                  avoid: str | None = None) -> Employer:
        name = name or rng.choice([e for e in PART_TIME_EMPLOYERS if e != avoid])
        cutoff: DayOfMonth = rng.choice((15, 20, 25, "end", "end", 10))
        if offset is None:
            offset = 0 if cutoff in (10, 15) and rng.random() < 0.6 else 1
        if offset == 0:
            assert cutoff != "end"
            pay_day: DayOfMonth = rng.choice((25, "end")) if cutoff in (10, 15) else "end"
        else:
            pay_day = rng.choice((5, 10, 15, 20, 25))
        wage = rng.randrange(1_000, 1_350, 10)
        commute_monthly = rng.choice((0, 0, 4_200, 6_300, 8_400, 12_600, 15_400))
        hours_per_day = rng.choice((4, 5, 6))
        slips = []
        for month in sorted(targets):
            target = targets[month]
            pay_date = _weekday_back(clamp_day(TARGET_YEAR, month, pay_day))
            cy, cm = add_months(TARGET_YEAR, month, -offset)
            period_end = clamp_day(cy, cm, cutoff)
            py, pm = add_months(cy, cm, -1)
            period_start = clamp_day(py, pm, cutoff) + timedelta(days=1)
            other = rng.choice((0, 0, 0, 0, rng.randrange(1_000, 8_000, 10)))
            overtime_q = rng.choice((0, 0, 0, rng.randint(2, 24)))
            overtime_pay = wage * overtime_q * 5 // 16  # x1.25 per quarter hour
            rest = max(wage, target - commute_monthly - other - overtime_pay)
            quarters = max(4, rest * 4 // wage)
            base = wage * quarters // 4
            gross = base + overtime_pay + other + commute_monthly
            emp_rate = 5 if month <= 3 else 6
            emp_ins = gross * emp_rate // 1000 if quarters >= 320 else 0
            taxable = gross - commute_monthly - emp_ins
            tax = 0 if taxable < 88_000 else ((taxable - 88_000) * 3063 // 100_000 + 130)
            days = min(23, -(-quarters // (hours_per_day * 4)))
            slips.append(Payslip(
                pay_month=ym(TARGET_YEAR, month), pay_date=pay_date,
                period_start=period_start, period_end=period_end, work_days=days,
                hours_quarters=quarters, overtime_quarters=overtime_q, hourly_wage=wage,
                base_pay=base, overtime_pay=overtime_pay, other_allowance=other,
                commute=commute_monthly, employment_insurance=emp_ins, income_tax=tax,
                resident_tax=0,
            ))
        bonuses: list[Bonus] = []
        if len(targets) >= 6 and rng.random() < 0.4:
            for month, day in ((7, 10), (12, 8)):
                if month in targets:
                    gross = rng.randrange(20_000, 80_000, 1000)
                    bonuses.append(Bonus(_weekday_back(date(TARGET_YEAR, month, day)), gross,
                                         gross * 6 // 1000, gross * 2042 // 100_000))
        _, street = rng.choice(ADDRESSES)
        return Employer(
            name=name, address=f"{street}{rng.randint(1, 9)}-{rng.randint(1, 20)}",
            employee_no=f"{rng.randint(1, 9999):04d}", hourly_wage=wage, cutoff_day=cutoff,
            pay_day=pay_day, pay_month_offset=offset, payslips=tuple(slips),
            bonuses=tuple(bonuses),
        )

    def _salary_docs(self, s: Scenario, rng: random.Random) -> None:
        pages: list[PageSource] = [PayslipPage(e, p, s.person)
                                   for e in s.employers for p in e.payslips]
        variant = self.payslip_variant or _pick(rng, (
            ("pdf", 60), ("pdf_scan", 44), ("jpeg", 20), ("png", 10), ("heic", 1),
        ))
        self.payslip_variant = None
        comment = ""
        missing: Payslip | None = None
        if self.deficiency == DeficiencyCode.MISSING_MONTH and len(pages) >= 3:
            self.deficiency = None
            victim_index = rng.randrange(1, len(pages) - 1)
            victim = pages.pop(victim_index)
            assert isinstance(victim, PayslipPage)
            missing = victim.slip
            if rng.random() < 0.5:
                comment = f"{int(missing.pay_month[5:])}月分の給与明細書は紛失しました"
        doc = self._doc(DocumentKind.PAYSLIP, "給与明細書（令和5年1月～12月支払分）", pages,
                        variant=variant, comment=comment, group_by_employer=True)
        if missing is not None:
            s.deficiencies.append(Deficiency(
                DeficiencyCode.MISSING_MONTH, doc.document_id,
                f"{missing.pay_month} 支払分の給与明細書がない"
                + ("（コメントあり）" if comment else "（コメントなし）"), month=missing.pay_month))
        self._bonus_doc(s, rng)

    def _bonus_doc(self, s: Scenario, rng: random.Random) -> None:
        pages: list[PageSource] = []
        for e in s.employers:
            for b in e.bonuses:
                pages.append(BonusPage(e, b, s.person))
                if payslip_style(e) == "western":
                    # this payroll system prints the bonus slip and that month's payslip into
                    # one file: a multi-page bonus document whose second page is a payslip
                    month = f"{b.pay_date:%Y-%m}"
                    pages += [PayslipPage(e, p, s.person) for p in e.payslips
                              if p.pay_month == month]
        if pages:
            self._doc(DocumentKind.BONUS_SLIP, "賞与明細書（令和5年1月～12月支払分）", pages,
                      variant=_pick(rng, (("pdf", 5), ("jpeg", 3), ("png", 1), ("gif", 1))))
        else:
            self._doc(DocumentKind.BONUS_SLIP, "賞与明細書（令和5年1月～12月支払分）", [],
                      proceed_without=True, comment="賞与支給なし")

    def _pensions(self, s: Scenario, rng: random.Random) -> None:
        pensions = []
        kinds = ["老齢基礎年金・老齢厚生年金"]
        if s.relationship == "parent" and rng.random() < 0.25:
            kinds.append("遺族厚生年金")
        elif rng.random() < 0.05:
            kinds = ["障害基礎年金"]
        for title in kinds:
            if title.startswith("老齢"):
                current = rng.randrange(620_000, 1_450_000, 1)
            elif title.startswith("遺族"):
                current = rng.randrange(300_000, 900_000, 1)
            else:
                current = 795_000
            previous = current * 1000 // 1022
            care = (rng.randrange(4_500, 7_500, 100) * 2) if s.age_at_year_end >= 65 else 0
            payments = []
            for month in (2, 4, 6, 8, 10, 12):
                annual = previous if month <= 4 else current
                amount = annual // 6 + (annual % 6 if month == 2 else 0)
                pay = _weekday_back(date(TARGET_YEAR, month, 15))
                payments.append(PensionPayment(pay, amount, care if title.startswith("老齢")
                                               else 0, 0))
            code = f"{rng.randint(1000, 9999)}-{rng.randint(100000, 999999)}"
            pensions.append(Pension(title, code, previous, current, tuple(payments)))
        s.pensions = tuple(pensions)
        if self.deficiency == DeficiencyCode.PROCEED_WITHOUT:
            self.deficiency = None
            doc = self._doc(DocumentKind.PENSION_NOTICE, "年金振込通知書または年金額改定通知書", [],
                            proceed_without=True,
                            comment="紛失したため年金事務所に再発行を依頼中です")
            s.deficiencies.append(Deficiency(
                DeficiencyCode.PROCEED_WITHOUT, doc.document_id,
                "年金の通知書が「未提出で進める」で提出されていない（再発行待ち）"))
            return
        self._doc(DocumentKind.PENSION_NOTICE, "年金振込通知書または年金額改定通知書",
                  [PensionPage(p, s.person) for p in s.pensions],
                  variant=_pick(rng, (("jpeg", 20), ("pdf_scan", 12), ("heic", 1), ("bmp", 4),
                                      ("gif", 4), ("png", 4))))

    def _remittance(self, s: Scenario, rng: random.Random) -> None:
        monthly = rng.randrange(20_000, 100_000, 5_000)
        day = rng.choice((5, 10, 25, 27))
        transfers = tuple((_weekday_back(date(TARGET_YEAR, m, day)), monthly)
                          for m in range(1, 13) if rng.random() > 0.04)
        s.remittance = Remittance(rng.choice(BANKS), transfers)
        style: Literal["online", "passbook"] = "online" if rng.random() < 0.5 else "passbook"
        pages: list[PageSource] = [RemittancePage(s.remittance, self.insured, s.person, style)]
        self._doc(DocumentKind.REMITTANCE_PROOF, "送金証明（令和5年1月～12月分の振込記録）",
                  pages, variant="png" if style == "online" else rng.choice(("jpeg", "pdf_scan")))

    def _business(self, s: Scenario, rng: random.Random, occupations: list[OccupationAnswer],
                  contact_lines: list[str]) -> None:
        trade, trade_name = rng.choice(TRADES)
        revenue = rng.randrange(600_000, 3_200_000, 1)
        subsidy = 0
        if s.kind == ScenarioKind.SELF_EMPLOYED_SUBSIDY:
            subsidy = rng.randrange(300_000, 1_000_001, 1000)
        cost = int(revenue * rng.uniform(0.1, 0.45))
        direct = tuple((n, int(revenue * rng.uniform(0.0, 0.08)))
                       for n in rng.sample(("外注工賃", "荷造運賃", "原材料費"), 2))
        other = tuple((n, rng.randrange(lo, hi, 100)) for n, lo, hi in (
            ("地代家賃", 0, 600_000), ("水道光熱費", 20_000, 90_000), ("通信費", 30_000, 80_000),
            ("減価償却費", 0, 200_000), ("消耗品費", 20_000, 120_000),
            ("旅費交通費", 10_000, 70_000)))
        blue = rng.random() < 0.5
        filed = rng.random() < 0.85
        s.business = Business(trade, trade_name, blue, filed, revenue, subsidy, cost, direct,
                              other, (650_000 if rng.random() < 0.7 else 100_000) if blue else 0)
        s.subsidy = subsidy
        occupations.append(OccupationAnswer(occupation=Occupation.SELF_EMPLOYED, amount=revenue))
        s.typed_amounts[Occupation.SELF_EMPLOYED.value] = revenue
        if filed:
            parts: list[PageSource] = [TaxReturnPage(s.business, s.person, p)
                                       for p in ("first", "second", "statement")]
            self._doc(DocumentKind.TAX_RETURN,
                      "令和5年分 確定申告書（第一表・第二表）および収支内訳書または青色申告決算書",
                      parts, variant=_pick(rng, (("pdf", 5), ("pdf_scan", 3), ("jpeg", 2))),
                      near_limit=self.near_limit)
        else:
            self._doc(DocumentKind.RESIDENT_TAX_RETURN, "令和5年分 住民税申告書の写し",
                      [TaxReturnPage(s.business, s.person, "resident")],
                      variant=rng.choice(("jpeg", "pdf_scan")))
            contact_lines.append("確定申告はしていない（住民税申告のみ）")
        if subsidy:
            occupations.append(OccupationAnswer(occupation=Occupation.SELF_EMPLOYED_SUBSIDY,
                                                amount=subsidy))
            s.typed_amounts[Occupation.SELF_EMPLOYED_SUBSIDY.value] = subsidy
            self._doc(DocumentKind.OTHER, "持続化給付金の給付通知書",
                      [SubsidyNoticePage(s.person, subsidy, date(TARGET_YEAR, 3, 17))],
                      variant=rng.choice(("pdf", "jpeg", "png")))
            contact_lines.append(f"持続化給付金 {subsidy:,}円 受給（雑収入に計上）")
        contact_lines.insert(0, f"{trade}{'（' + trade_name + '）' if trade_name else ''}")

    def _benefit(self, s: Scenario, rng: random.Random, occupations: list[OccupationAnswer],
                 contact_lines: list[str]) -> None:
        if s.kind == ScenarioKind.UNEMPLOYMENT_BENEFIT:
            last = rng.randint(2, 5)
            targets = {m: rng.randrange(80_000, 105_000, 100) for m in range(1, last + 1)}
            s.employers = (self._employer(rng, targets, s.person, offset=1),)
            left = date(TARGET_YEAR, last - 1, 28) if last > 1 else date(TARGET_YEAR, 1, 31)
            s.retired_month = ym(left.year, left.month)
            start = left + timedelta(days=rng.choice((8, 70)))
            days = rng.choice((90, 120))
            daily = rng.choice((rng.randrange(2_900, 3_600, 1), rng.randrange(3_700, 5_100, 1)))
            end = start + timedelta(days=days - 1)
            paid = min(days, (date(TARGET_YEAR, 12, 31) - start).days + 1)
            s.benefit = Benefit("unemployment", daily, start, end, paid, left)
            self._salary_docs(s, rng)
            occupations.append(OccupationAnswer(occupation=Occupation.UNEMPLOYMENT_BENEFIT,
                                                amount=s.benefit.paid_in_year))
            occupations.append(OccupationAnswer(occupation=Occupation.RETIRED))
            contact_lines.append(f"{left.year}年{left.month}月退職、"
                                 f"失業給付 日額{daily:,}円 {start.month}月{start.day}日から")
            contact_lines.append(f"退職前の給与: {s.employers[0].pay_rule_text}")
            title = "雇用保険受給資格者証（両面）"
        else:
            start = date(TARGET_YEAR, rng.randint(2, 7), rng.randint(1, 28))
            days = rng.randint(30, 150)
            daily = rng.randrange(3_000, 5_500, 1)
            end = start + timedelta(days=days - 1)
            s.benefit = Benefit("sickness", daily, start, end, days)
            occupations.append(OccupationAnswer(occupation=Occupation.SOCIAL_INSURANCE_BENEFIT,
                                                amount=s.benefit.paid_in_year))
            contact_lines.append(f"傷病手当金 日額{daily:,}円 "
                                 f"{start.month}月{start.day}日～{end.month}月{end.day}日")
            title = "傷病手当金支給決定通知書"
        self._doc(DocumentKind.BENEFIT_NOTICE, title, [BenefitPage(s.benefit, s.person)],
                  variant=_pick(rng, (("jpeg", 10), ("pdf_scan", 4), ("heic", 1), ("bmp", 2))))

    def _income_certificate_doc(self, s: Scenario, rng: random.Random) -> None:
        figures = self._figures(s)
        self._doc(DocumentKind.INCOME_CERTIFICATE, "所得証明書または非課税証明書（令和6年度）",
                  [IncomeCertificatePage(figures, s.person)],
                  variant=_pick(rng, (("pdf_scan", 4), ("jpeg", 4), ("bmp", 1), ("gif", 1))))

    def _figures(self, s: Scenario) -> MunicipalFigures:
        taxable_salary = sum(p.gross - p.commute for e in s.employers for p in e.payslips
                             ) + s.bonus_total
        if taxable_salary <= 550_999:
            salary_income = 0
        elif taxable_salary <= 1_624_999:
            salary_income = taxable_salary - 550_000
        else:
            salary_income = taxable_salary * 6 // 10 + 100_000
        pension = s.pension_total
        if s.age_at_year_end >= 65:
            pension_income = max(0, pension - 1_100_000)
        else:
            pension_income = max(0, pension - 600_000)
        business = s.business.tax_income if s.business else 0
        city = next((c for c, street in ADDRESSES if s.person.address.startswith(street)),
                    self.city)
        return MunicipalFigures(city, taxable_salary, pension, business,
                                salary_income + pension_income + business)

    def _municipal(self, s: Scenario, rng: random.Random, *, present: bool) -> None:
        if present:
            s.municipal = self._figures(s)

    # -- required documents and files --

    def _doc(self, kind: DocumentKind, title: str, pages: list[PageSource], *,
             variant: str = "pdf", proceed_without: bool = False, comment: str = "",
             group_by_employer: bool = False, near_limit: bool = False) -> DocumentPlan:
        s = self.scenario
        document_id = f"doc-{self.tag}-{self.index:05d}-{s.dependent_id[-1]}-{self.doc_counter}"
        self.doc_counter += 1
        doc = DocumentPlan(document_id, kind.value, title, proceed_without=proceed_without,
                           comment=comment)
        if pages:
            if variant == "pdf_scan" and (self.near_limit or self.rng.random() < 0.01):
                near_limit = True
                self.near_limit = False
            groups: list[list[PageSource]] = []
            if group_by_employer:
                for page in pages:
                    key = page.employer.name if isinstance(page, PayslipPage) else ""
                    prev = groups[-1][-1] if groups else None
                    prev_key = prev.employer.name if isinstance(prev, PayslipPage) else None
                    if prev_key == key:
                        groups[-1].append(page)
                    else:
                        groups.append([page])
            else:
                groups = [pages]
            for group in groups:
                doc.files.extend(self._files(kind, group, variant, near_limit, document_id))
        s.documents.append(doc)
        return doc

    def _files(self, kind: DocumentKind, pages: list[PageSource], variant: str,
               near_limit: bool, document_id: str) -> list[FileSpec]:
        rng = self.rng
        fmt = {"pdf": FileFormat.PDF, "pdf_scan": FileFormat.PDF_SCAN,
               "jpeg": FileFormat.JPEG_PHOTO, "png": FileFormat.PNG_SCREENSHOT,
               "heic": FileFormat.HEIC_PHOTO, "bmp": FileFormat.BMP_SCAN,
               "gif": FileFormat.GIF_SCAN}[variant]
        if fmt in (FileFormat.PDF, FileFormat.PDF_SCAN):
            chunks = [pages]
        elif fmt == FileFormat.HEIC_PHOTO:
            chunks = [pages[i : i + 4] for i in range(0, len(pages), 4)]
        else:
            chunks = [[p] for p in pages]
        files = []
        for chunk in chunks:
            orientation = 1
            blurred = False
            if fmt == FileFormat.JPEG_PHOTO:
                orientation = _pick(rng, ((1, 6), (6, 4), (3, 1), (8, 1)))
                if self.deficiency == DeficiencyCode.BLURRED:
                    blurred = True
            files.append(self._file(kind, fmt, tuple(chunk), orientation, blurred,
                                    near_limit and fmt == FileFormat.PDF_SCAN))
            if blurred:
                self.deficiency = None
                self.scenario.deficiencies.append(Deficiency(
                    DeficiencyCode.BLURRED, document_id, "写真がぼやけて金額が読めない",
                    files[-1].file_id))
        return files

    def _file(self, kind: DocumentKind, fmt: FileFormat, pages: tuple[PageSource, ...],
              orientation: int, blurred: bool, near_limit: bool) -> FileSpec:
        rng = self.rng
        s = self.scenario
        file_id = f"f-{self.tag}-{self.index:05d}-{s.dependent_id[-1]}-{self.file_counter:03d}"
        self.file_counter += 1
        uploaded = self.submitted_at - timedelta(minutes=rng.randint(3, 4 * 24 * 60))
        uploaded = max(uploaded, ANSWER_START)
        stamp = uploaded.strftime("%Y%m%d")
        self.image_no += 1
        if fmt == FileFormat.PDF:
            base = {
                "payslip": "給与明細", "bonus_slip": "賞与明細", "tax_return": "確定申告書",
                "trading_report": "年間取引報告書", "other": "給付通知書",
                "temp_rise_certificate": "事業主証明書",
            }.get(kind.value, "document")
            name = rng.choice((f"{base}_2023.pdf", f"{base}.pdf", f"{stamp}_{base}.pdf"))
        elif fmt == FileFormat.PDF_SCAN:
            name = rng.choice((f"scan_{stamp}.pdf", f"SCN_{self.image_no:04d}.pdf",
                               f"doc{stamp}{rng.randint(100000, 999999)}.pdf"))
        elif fmt == FileFormat.JPEG_PHOTO:
            name = rng.choice((f"IMG_{self.image_no:04d}.JPG", f"IMG_{self.image_no:04d}.jpg",
                               f"{stamp}_{rng.randint(100000, 235959)}.jpg"))
        elif fmt == FileFormat.PNG_SCREENSHOT:
            name = rng.choice((f"Screenshot_{stamp}-{rng.randint(100000, 235959)}.png",
                               f"スクリーンショット {uploaded:%Y-%m-%d} {rng.randint(10, 23)}."
                               f"{rng.randint(10, 59)}.{rng.randint(10, 59)}.png"))
        elif fmt == FileFormat.HEIC_PHOTO:
            name = f"IMG_{self.image_no:04d}.HEIC"
        elif fmt == FileFormat.BMP_SCAN:
            name = f"SCAN{self.image_no:04d}.BMP"
        else:
            name = f"image{self.image_no % 1000:03d}.gif"
        return FileSpec(file_id=file_id, original_name=name, fmt=fmt, pages=pages,
                        uploaded_at=uploaded, variant=rng.getrandbits(32),
                        orientation=orientation, blurred=blurred, near_limit=near_limit)


# --- revisions ----------------------------------------------------------------------------------


def revised_members(members: int, seed: int, level: int) -> list[int]:
    """Indexes of the members whose submission changes at revision ``level`` (about 15%)."""
    return [i for i in range(members)
            if random.Random(f"{seed}:{i}:rev{level}").random() < 0.15]


def _revise(plan: MemberPlan, seed: int, tag: str, level: int) -> None:
    rng = random.Random(f"{seed}:{plan.index}:rev{level}")
    if rng.random() >= 0.15:
        return
    changed = False
    when = datetime(2024, 10, 1, 10, 0, tzinfo=JST) + timedelta(days=level - 1,
                                                               minutes=rng.randint(0, 600))
    for j, scenario in enumerate(plan.scenarios):
        answers = plan.answers[j]
        if answers is None:
            continue
        fixed = False
        # the member uploads a missing month or a sharper photo
        for deficiency in list(scenario.deficiencies):
            if deficiency.code == DeficiencyCode.MISSING_MONTH and deficiency.document_id:
                doc = next(d for d in scenario.documents
                           if d.document_id == deficiency.document_id)
                month = deficiency.month
                page = next((PayslipPage(e, p, scenario.person) for e in scenario.employers
                             for p in e.payslips if p.pay_month == month), None)
                if page is not None:
                    doc.files.append(FileSpec(
                        file_id=f"f-{tag}-{plan.index:05d}-{j}-r{level}-0",
                        original_name=f"IMG_{rng.randint(1000, 9999)}.JPG",
                        fmt=FileFormat.JPEG_PHOTO, pages=(page,), uploaded_at=when,
                        variant=rng.getrandbits(32), orientation=6))
                    doc.comment = ""
                    scenario.deficiencies.remove(deficiency)
                    fixed = True
            elif deficiency.code == DeficiencyCode.BLURRED and deficiency.file_id:
                for doc in scenario.documents:
                    for k, f in enumerate(doc.files):
                        if f.file_id == deficiency.file_id:
                            doc.files[k] = replace(
                                f, file_id=f"f-{tag}-{plan.index:05d}-{j}-r{level}-1",
                                blurred=False, uploaded_at=when, variant=rng.getrandbits(32))
                scenario.deficiencies.remove(deficiency)
                fixed = True
        last = j == len(plan.scenarios) - 1
        if fixed or rng.random() < 0.5 or (last and not changed):
            # the member corrects an answer through the call centre (seed 004 Q21)
            occupations = list(answers.occupations)
            for n, occ in enumerate(occupations):
                if occ.occupation in (Occupation.PART_TIME, Occupation.SHORT_TERM_PART_TIME):
                    true_amount = max(1, scenario.salary_total)
                    if occ.amount != true_amount:
                        occupations[n] = occ.model_copy(update={"amount": true_amount})
                        scenario.typed_amounts[occ.occupation.value] = true_amount
                    break
            contact = (answers.contact + "\n" if answers.contact else "") + (
                f"{when.month}月{when.day}日 コールセンター経由で修正")
            plan.answers[j] = answers.model_copy(update={"occupations": occupations,
                                                         "contact": contact[:2000]})
            scenario.deficiencies[:] = [
                d for d in scenario.deficiencies
                if d.code != DeficiencyCode.AMOUNT_WITHOUT_COMMUTE]
            plan.contacts[j] = contact
            changed = True
    if changed:
        plan.revision = level
        plan.updated_at = when


# --- to the bundle schema -----------------------------------------------------------------------


def build_submission(plan: MemberPlan) -> Submission:
    """The submission object as the web system exports it (no ground truth)."""
    dependents = []
    for j, scenario in enumerate(plan.scenarios):
        municipal = None
        if scenario.municipal is not None:
            m = scenario.municipal
            municipal = MunicipalIncome(year=TARGET_YEAR, salary_income=m.salary_income,
                                        pension_income=m.pension_income or None,
                                        total_income=m.total_income)
        documents = [
            RequiredDocument(
                document_id=d.document_id,
                kind=DocumentKind(d.kind),
                title=d.title,
                files=[UploadedFile(file_id=f.file_id, original_name=f.original_name,
                                    media_type=f.media_type,
                                    uploaded_at=f.uploaded_at) for f in d.files],
                proceed_without=d.proceed_without,
                comment=d.comment,
            )
            for d in scenario.documents
        ]
        person = scenario.person
        dependents.append(Dependent(
            dependent_id=scenario.dependent_id,
            name=person.name,
            kana=person.kana,
            relationship=Relationship(scenario.relationship),
            relationship_label=plan.relationship_labels[j],
            birth_date=person.birth_date,
            certified_on=plan.certified_on[j],
            status=MemberStatus(plan.statuses[j]),
            submitted_at=plan.submitted_at[j],
            answers=plan.answers[j],
            municipal_income=municipal,
            required_documents=documents,
        ))
    insured = plan.person
    return Submission(
        submission_id=plan.submission_id,
        revision=plan.revision,
        updated_at=plan.updated_at,
        insured=Insured(
            member_id=plan.member_id,
            card_symbol=plan.card_symbol,
            card_number=plan.card_number,
            name=insured.name,
            kana=insured.kana,
            office=Office(code=plan.office_code, name=plan.office_name),
            employee_code=plan.employee_code,
            birth_date=insured.birth_date,
            annual_income=plan.annual_income,
        ),
        dependents=dependents,
    )

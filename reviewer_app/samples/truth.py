"""Ground truth of the sample population: what each document really says.

These dataclasses are the generator's own record (for tests, the demo and benchmarks). They are
never written into a bundle: the bundle holds only what the web system would export (the answers,
the required documents and the uploaded files).
"""

from __future__ import annotations

import calendar
import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum
from fractions import Fraction
from typing import Literal

from reviewer_app.bundle.schema import Answers
from reviewer_app.domain.mynumber import check_digit
from reviewer_app.domain.wareki import format_wareki

JST = timezone(timedelta(hours=9))
TARGET_YEAR = 2023
MONTHLY_LIMIT = 108_333  # floor(1,300,000 / 12)
MONTHLY_LIMIT_60 = 150_000  # floor(1,800,000 / 12)
ANNUAL_LIMIT = 1_300_000
ANNUAL_LIMIT_60 = 1_800_000

DayOfMonth = int | Literal["end"]
"""A day of the month (1–31), or ``"end"`` for 末日."""


def wareki_month(year: int, month: int) -> str:
    """``令和5年3月``."""
    text = format_wareki(date(year, month, 1))
    return text[: text.index("月") + 1]


def yen(amount: int) -> str:
    """``123,456``."""
    return f"{amount:,}"


def day_text(day: DayOfMonth) -> str:
    return "末日" if day == "end" else f"{day}日"


def clamp_day(year: int, month: int, day: DayOfMonth) -> date:
    last = calendar.monthrange(year, month)[1]
    return date(year, month, last if day == "end" else min(day, last))


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def ym(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


class ScenarioKind(StrEnum):
    """What kind of case a dependent is (the generator's label, not a survey answer)."""

    PART_TIME_UNDER = "part_time_under"  # clearly under the monthly and annual limits
    PART_TIME_CONSECUTIVE_OVER = "part_time_consecutive_over"  # 3 consecutive months over
    PART_TIME_AVERAGE_OVER = "part_time_average_over"  # a 3-month average over, no run of 3
    PART_TIME_ANNUAL_OVER = "part_time_annual_over"  # annual over, temp-rise certificate
    PART_TIME_TWO_EMPLOYERS = "part_time_two_employers"
    SHORT_TERM_PART_TIME = "short_term_part_time"  # seasonal job, a few months only
    RETIRED = "retired"  # left a job during the year, now without income
    UNEMPLOYED = "unemployed"  # no income (types 1 yen, seed 004 Q20)
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit"  # 失業給付 (daily amount)
    SICKNESS_BENEFIT = "sickness_benefit"  # 傷病手当金 (social-insurance benefit)
    PENSIONER = "pensioner"
    PENSIONER_PART_TIME = "pensioner_part_time"
    PENSIONER_LIVING_APART = "pensioner_living_apart"  # parent living apart, remittance proof
    SELF_EMPLOYED = "self_employed"
    SELF_EMPLOYED_SUBSIDY = "self_employed_subsidy"  # 持続化給付金
    INVESTOR = "investor"
    STUDENT = "student"  # 19–22, living together, part-time job
    STUDENT_BOARDING = "student_boarding"  # 下宿中の学生 (living apart)
    REMOVAL = "removal"  # found a job with its own insurance (扶養削除)
    NOT_SUBMITTED = "not_submitted"  # 未提出: no answers at all


class DeficiencyCode(StrEnum):
    """Problems put into the population on purpose (the examiner should find them)."""

    MISSING_MONTH = "missing_month"  # a payslip month was not uploaded
    BLURRED = "blurred"  # an unreadable (blurred) photo
    WRONG_DOCUMENT = "wrong_document"  # e.g. 在学証明書 uploaded where payslips were asked
    PROCEED_WITHOUT = "proceed_without"  # 未提出で進める where the document was really needed
    NOT_UPLOADED = "not_uploaded"  # registered but a required document has no file
    AMOUNT_WITHOUT_COMMUTE = "amount_without_commute"  # typed income leaves out 通勤手当


@dataclass(frozen=True)
class Deficiency:
    code: DeficiencyCode
    document_id: str | None  # the required document concerned, when there is one
    detail: str  # a sentence for people (Japanese)
    file_id: str | None = None  # the file concerned (blurred photo, wrong document)
    month: str | None = None  # YYYY-MM: the payment month concerned (missing month)


# --- income sources ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Payslip:
    pay_month: str  # YYYY-MM of the payment date (支払日基準)
    pay_date: date
    period_start: date  # 勤怠期間
    period_end: date
    work_days: int
    hours_quarters: int  # hours worked x 4 (quarter hours)
    overtime_quarters: int
    hourly_wage: int
    base_pay: int  # 基本給
    overtime_pay: int  # 残業手当
    other_allowance: int  # 深夜手当 / 資格手当 …
    commute: int  # 通勤手当 (non-taxable; counts as income)
    employment_insurance: int
    income_tax: int
    resident_tax: int

    @property
    def gross(self) -> int:
        """総支給額."""
        return self.base_pay + self.overtime_pay + self.other_allowance + self.commute

    @property
    def deductions(self) -> int:
        return self.employment_insurance + self.income_tax + self.resident_tax

    @property
    def net(self) -> int:
        return self.gross - self.deductions


@dataclass(frozen=True)
class Bonus:
    pay_date: date
    gross: int
    employment_insurance: int
    income_tax: int

    @property
    def net(self) -> int:
        return self.gross - self.employment_insurance - self.income_tax


@dataclass(frozen=True)
class Employer:
    name: str
    address: str
    employee_no: str
    hourly_wage: int
    cutoff_day: DayOfMonth  # 締め日
    pay_day: DayOfMonth  # 支払日
    pay_month_offset: int  # 0 当月払い, 1 翌月払い
    payslips: tuple[Payslip, ...]
    bonuses: tuple[Bonus, ...] = ()

    @property
    def pay_rule_text(self) -> str:
        """``15日締め・25日払い`` / ``末日締め・翌月10日払い`` (seed 004 Q30)."""
        when = "翌月" if self.pay_month_offset == 1 else ("当月" if self.pay_month_offset == 0
                                                          else "翌々月")
        return f"{day_text(self.cutoff_day)}締め・{when}{day_text(self.pay_day)}払い"

    def gross_by_month(self) -> dict[str, int]:
        return {p.pay_month: p.gross for p in self.payslips}


@dataclass(frozen=True)
class PensionPayment:
    pay_date: date
    amount: int  # gross for the two months
    care_insurance: int  # 介護保険料 deducted
    income_tax: int

    @property
    def net(self) -> int:
        return self.amount - self.care_insurance - self.income_tax


@dataclass(frozen=True)
class Pension:
    title: str  # 老齢基礎年金・老齢厚生年金 / 遺族厚生年金 / 障害基礎年金
    pension_code: str  # 基礎年金番号・年金コード
    annual_previous: int  # 令和4年度 annual amount
    annual_current: int  # 令和5年度 annual amount (from April 2023)
    payments: tuple[PensionPayment, ...]  # paid in the target year

    @property
    def paid_in_year(self) -> int:
        return sum(p.amount for p in self.payments)

    @property
    def disability(self) -> bool:
        return "障害" in self.title


@dataclass(frozen=True)
class Business:
    trade: str  # 業種
    trade_name: str  # 屋号
    blue_return: bool  # 青色申告
    filed_tax_return: bool  # False: 住民税申告 only (seed 004 Q37)
    revenue: int  # 売上（収入）金額
    misc_income: int  # 雑収入 (e.g. 持続化給付金)
    cost_of_sales: int  # 売上原価 (direct)
    direct_expenses: tuple[tuple[str, int], ...]  # 外注工賃, 荷造運賃 … (direct)
    other_expenses: tuple[tuple[str, int], ...]  # 地代家賃, 水道光熱費 … (not direct)
    blue_deduction: int  # 青色申告特別控除

    @property
    def direct_total(self) -> int:
        return self.cost_of_sales + sum(v for _, v in self.direct_expenses)

    @property
    def expenses_total(self) -> int:
        return self.direct_total + sum(v for _, v in self.other_expenses)

    @property
    def tax_income(self) -> int:
        """所得 under tax law (what the member must NOT type)."""
        return max(0, self.revenue + self.misc_income - self.expenses_total - self.blue_deduction)

    @property
    def insurance_income(self) -> int:
        """Income for health insurance: revenue minus direct expenses, never below 0."""
        return max(0, self.revenue + self.misc_income - self.direct_total)


@dataclass(frozen=True)
class Investment:
    broker: str
    proceeds: int  # 譲渡の対価の額
    acquisition_cost: int  # 取得費及び譲渡に要した費用の額等
    dividends: int  # 配当等の額

    @property
    def gain(self) -> int:
        return self.proceeds - self.acquisition_cost

    @property
    def income(self) -> int:
        return max(0, self.gain) + self.dividends


@dataclass(frozen=True)
class Remittance:
    bank: str
    transfers: tuple[tuple[date, int], ...]

    @property
    def total_in_year(self) -> int:
        return sum(a for d, a in self.transfers if d.year == TARGET_YEAR)


@dataclass(frozen=True)
class Benefit:
    kind: Literal["unemployment", "sickness"]
    daily_amount: int
    start: date
    end: date
    days_paid: int  # days paid in the target year
    left_job_on: date | None = None

    @property
    def paid_in_year(self) -> int:
        return self.daily_amount * self.days_paid


@dataclass(frozen=True)
class MunicipalFigures:
    """What the municipality reports (マイナンバー情報連携) and the income certificate shows."""

    city: str
    salary_income: int  # 給与収入 (taxable: 通勤手当 excluded)
    pension_income: int
    business_income: int  # 事業所得
    total_income: int  # 合計所得


# --- what a file shows -------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    kana: str
    birth_date: date
    address: str


# The payroll systems whose slips the generator draws (samples.payslips): each employer prints
# with one of them, chosen from its employee number so that no random draw changes the population.
PAYSLIP_STYLES = ("classic", "grid", "fullwidth", "western")


def payslip_style(employer: Employer) -> str:
    """``classic``: 給与明細書, 和暦, 総支給額; ``grid``: 給与支給明細書, 西暦 2023/03/25, items in
    columns, 支給額計; ``fullwidth``: 給料明細書, full-width digits and ￥, 支給合計;
    ``western``: 支給明細書, 2023.03.25, 総支給金額 (its bonus slips come in one file with the
    payslip of the same month)."""
    return PAYSLIP_STYLES[int(employer.employee_no) % len(PAYSLIP_STYLES)]


def prints_my_number(employer: Employer) -> bool:
    """Some payroll systems print the employee's 個人番号 on every slip (about one in six)."""
    return int(employer.employee_no) % 6 == 1


def my_number_of(person: Person) -> str:
    """A made-up 個人番号 with a valid check digit, derived from the sample person (the digits
    come from a hash of the generated name and birth date, not from any register)."""
    digest = hashlib.sha256(f"sample-my-number:{person.name}:{person.birth_date}".encode())
    first = f"{int(digest.hexdigest(), 16) % 10**11:011d}"
    return first + str(check_digit(first))


@dataclass(frozen=True)
class PayslipPage:
    employer: Employer
    slip: Payslip
    employee: Person

    @property
    def my_number(self) -> str | None:
        """The 個人番号 printed on the slip, if its payroll system prints one."""
        return my_number_of(self.employee) if prints_my_number(self.employer) else None


@dataclass(frozen=True)
class BonusPage:
    employer: Employer
    bonus: Bonus
    employee: Person

    @property
    def my_number(self) -> str | None:
        return my_number_of(self.employee) if prints_my_number(self.employer) else None


@dataclass(frozen=True)
class PensionPage:
    pension: Pension
    holder: Person


@dataclass(frozen=True)
class TaxReturnPage:
    business: Business
    taxpayer: Person
    part: Literal["first", "second", "statement", "resident"]  # 第一表/第二表/収支内訳書/住民税申告


@dataclass(frozen=True)
class TradingReportPage:
    investment: Investment
    holder: Person


@dataclass(frozen=True)
class RemittancePage:
    remittance: Remittance
    sender: Person
    recipient: Person
    style: Literal["online", "passbook"]


@dataclass(frozen=True)
class BenefitPage:
    benefit: Benefit
    holder: Person


@dataclass(frozen=True)
class IncomeCertificatePage:
    figures: MunicipalFigures
    holder: Person


@dataclass(frozen=True)
class StudentCertificatePage:
    school: str
    faculty: str
    grade: int
    student: Person


@dataclass(frozen=True)
class InsuranceCardPage:
    insurer_name: str
    symbol: str
    number: str
    holder: Person
    acquired_on: date


@dataclass(frozen=True)
class TempRiseCertificatePage:
    employer: Employer
    employee: Person
    months: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class SubsidyNoticePage:
    recipient: Person
    amount: int
    paid_on: date


PageSource = (
    PayslipPage
    | BonusPage
    | PensionPage
    | TaxReturnPage
    | TradingReportPage
    | RemittancePage
    | BenefitPage
    | IncomeCertificatePage
    | StudentCertificatePage
    | InsuranceCardPage
    | TempRiseCertificatePage
    | SubsidyNoticePage
)


class FileFormat(StrEnum):
    PDF = "pdf"  # generated PDF with a text layer
    PDF_SCAN = "pdf_scan"  # image-only scanned PDF, no text layer
    JPEG_PHOTO = "jpeg_photo"  # phone photo on a desk, EXIF orientation
    PNG_SCREENSHOT = "png_screenshot"  # phone screenshot of a web payslip
    HEIC_PHOTO = "heic_photo"  # 4032x3024 phone photo, several pages on it
    BMP_SCAN = "bmp_scan"
    GIF_SCAN = "gif_scan"


MEDIA_TYPES: dict[FileFormat, str] = {
    FileFormat.PDF: "application/pdf",
    FileFormat.PDF_SCAN: "application/pdf",
    FileFormat.JPEG_PHOTO: "image/jpeg",
    FileFormat.PNG_SCREENSHOT: "image/png",
    FileFormat.HEIC_PHOTO: "image/heic",
    FileFormat.BMP_SCAN: "image/bmp",
    FileFormat.GIF_SCAN: "image/gif",
}


@dataclass(frozen=True)
class FileSpec:
    """One uploaded file: how to render it and what it shows."""

    file_id: str
    original_name: str
    fmt: FileFormat
    pages: tuple[PageSource, ...]
    uploaded_at: datetime
    variant: int  # per-file randomness for the renderer (angle, lighting …)
    orientation: int = 1  # EXIF orientation of photos
    blurred: bool = False
    near_limit: bool = False  # padded close to (under) the 5 MB upload limit

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.fmt]


@dataclass
class DocumentPlan:
    """One required document and the files uploaded for it."""

    document_id: str
    kind: str  # DocumentKind value
    title: str
    files: list[FileSpec] = field(default_factory=list)
    proceed_without: bool = False
    comment: str = ""


@dataclass
class Scenario:
    """Ground truth for one dependent: the figures behind every document and the planted flaws."""

    member_id: str
    dependent_id: str
    kind: ScenarioKind
    person: Person
    relationship: str  # Relationship value
    age_at_year_end: int
    employers: tuple[Employer, ...] = ()
    pensions: tuple[Pension, ...] = ()
    business: Business | None = None
    subsidy: int = 0  # 持続化給付金
    investment: Investment | None = None
    remittance: Remittance | None = None
    benefit: Benefit | None = None
    other_income: int = 0  # question 5 (遺産相続 …)
    retired_month: str | None = None  # YYYY-MM
    living_apart: bool = False
    municipal: MunicipalFigures | None = None
    documents: list[DocumentPlan] = field(default_factory=list)
    deficiencies: list[Deficiency] = field(default_factory=list)
    typed_amounts: dict[str, int] = field(default_factory=dict)  # occupation -> typed amount

    # -- derived figures (payment-date basis) --

    @property
    def monthly_limit(self) -> int:
        disabled = any(p.disability for p in self.pensions)
        return MONTHLY_LIMIT_60 if self.age_at_year_end >= 60 or disabled else MONTHLY_LIMIT

    @property
    def annual_limit(self) -> int:
        disabled = any(p.disability for p in self.pensions)
        return ANNUAL_LIMIT_60 if self.age_at_year_end >= 60 or disabled else ANNUAL_LIMIT

    def salary_by_month(self) -> dict[str, int]:
        """Gross salary of every payment month of the target year, all employers, 0 if none."""
        totals = {ym(TARGET_YEAR, m): 0 for m in range(1, 13)}
        for employer in self.employers:
            for slip in employer.payslips:
                if slip.pay_month in totals:
                    totals[slip.pay_month] += slip.gross
        return totals

    @property
    def bonus_total(self) -> int:
        return sum(
            b.gross for e in self.employers for b in e.bonuses if b.pay_date.year == TARGET_YEAR
        )

    def monthly_totals(self) -> dict[str, Fraction]:
        """Salary of each payment month plus a twelfth of the year's bonuses (RULES.md §3)."""
        share = Fraction(self.bonus_total, 12)
        return {k: v + share for k, v in self.salary_by_month().items()}

    @property
    def salary_total(self) -> int:
        return sum(self.salary_by_month().values()) + self.bonus_total

    @property
    def pension_total(self) -> int:
        return sum(p.paid_in_year for p in self.pensions)

    @property
    def annual_income(self) -> int:
        """Income as the health-insurance rules count it for the target year."""
        total = self.salary_total + self.pension_total + self.other_income
        if self.business is not None:
            total += self.business.insurance_income
        if self.investment is not None:
            total += self.investment.income
        if self.benefit is not None:
            total += self.benefit.paid_in_year
        return total

    def over_pattern(self) -> Literal["consecutive", "average"] | None:
        """Which monthly rule of RULES.md §5 the true monthly totals trigger, if any."""
        values = list(self.monthly_totals().values())
        limit = self.monthly_limit
        for i in range(10):
            if all(v > limit for v in values[i : i + 3]):
                return "consecutive"
        for i in range(10):
            if sum(values[i : i + 3]) / 3 > limit:
                return "average"
        return None

    def files(self) -> list[FileSpec]:
        return [f for d in self.documents for f in d.files]


@dataclass
class MemberPlan:
    """One insured member, their dependents' scenarios and the submission's metadata."""

    index: int
    member_id: str
    submission_id: str
    card_symbol: str
    card_number: str
    person: Person
    office_code: str
    office_name: str
    employee_code: str
    annual_income: int | None
    insured_has_card: bool
    scenarios: list[Scenario]
    statuses: list[str]  # MemberStatus value per dependent
    submitted_at: list[datetime | None]
    certified_on: list[date | None]
    relationship_labels: list[str]
    contacts: list[str]
    answers: list[Answers | None]  # per dependent (None: 未提出)
    revision: int = 1
    updated_at: datetime = datetime(2024, 9, 2, 9, 0, tzinfo=JST)

"""The data inside an export bundle, format version 1 (see ``docs/bundle-format.md``).

Everything here arrives from outside the application, so every field is validated: unknown keys
are refused, strings have length limits, amounts are non-negative integer yen, dates are ISO 8601.
The models are frozen; the store copies what it needs.

Names follow ``GLOSSARY.md``. The survey questions follow the member manual (seed ``000_…``):
1 the insured's card, 2 the dependent's details, 3 the dependent's card, 4 occupation and expected
income (every option, several may apply), 5 other income, 6 living together or apart, 7 contact.
"""

from __future__ import annotations

import base64
import binascii
import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from reviewer_app.domain.text import neutralize
from reviewer_app.security import aead, recipients

FORMAT_NAME = "reviewer-app-bundle"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024  # the web system's upload limit (seed 000: 5 MB per file)
ALLOWED_MEDIA_TYPES = (
    "image/jpeg",
    "image/png",
    "image/bmp",
    "image/gif",
    "application/pdf",
    "image/heic",
)

_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")
_YEAR_MONTH_RE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("date-time must carry a time zone offset, e.g. 2024-09-02T10:00:00+09:00")
    return value


Id = Annotated[str, StringConstraints(pattern=_ID_RE.pattern)]
"""An identifier: ASCII letters, digits, ``_`` and ``-``, 1–64 characters; never a path."""
# Member-supplied text is neutralised as it is validated (domain.text): no bidi override, line
# break in a one-line field or control character reaches a screen, a CSV or a letter.
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=100),
                      AfterValidator(neutralize)]
LongText = Annotated[str, StringConstraints(max_length=2000),
                     AfterValidator(lambda text: neutralize(text, multiline=True))]
Yen = Annotated[int, Field(ge=0, le=10_000_000_000)]
YearMonth = Annotated[str, StringConstraints(pattern=_YEAR_MONTH_RE.pattern)]
AwareDateTime = Annotated[datetime, AfterValidator(_aware)]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Base64 = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9+/]+={0,2}$", max_length=4096)]
FileName = Annotated[str, StringConstraints(min_length=1, max_length=255),
                     AfterValidator(neutralize)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


# --- the manifest -------------------------------------------------------------------------------


class Insurer(_Model):
    code: Annotated[str, StringConstraints(pattern=r"^\d{8}$")]  # 保険者番号 (8 digits)
    name: ShortText


class AnswerPeriod(_Model):
    start: AwareDateTime
    end: AwareDateTime


class Survey(_Model):
    survey_id: Id
    name: ShortText
    # the calendar year whose income is checked
    target_year: Annotated[int, Field(ge=2000, le=2100)]
    answer_period: AnswerPeriod
    submission_deadline: date
    non_submission_exclusion_date: date  # seed 004: 令和6年9月1日付で扶養除外


class Recipient(_Model):
    """The bundle key wrapped for one workspace (X25519 + HKDF-SHA256 + AES-256-GCM)."""

    key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    alg: Literal["X25519-HKDF-SHA256-A256GCM"]
    ephemeral_public_key: Base64
    wrapped_key: Base64

    @classmethod
    def wrapping(cls, bundle_key: bytes, public: X25519PublicKey) -> Recipient:
        """The entry for ``public`` (security.recipients does the cryptography)."""
        wrapped = recipients.wrap_bundle_key(bundle_key, public)
        return cls(key_id=wrapped.key_id, alg=recipients.ALG,
                   ephemeral_public_key=base64.b64encode(wrapped.ephemeral_public_key).decode(),
                   wrapped_key=base64.b64encode(wrapped.wrapped_key).decode())

    def unwrap(self, private: X25519PrivateKey) -> bytes:
        """The bundle key; raises :class:`aead.DecryptionError` if it is not for ``private``."""
        try:
            ephemeral_pub = base64.b64decode(self.ephemeral_public_key, validate=True)
            wrapped = base64.b64decode(self.wrapped_key, validate=True)
        except (binascii.Error, ValueError):
            raise aead.DecryptionError("recipient entry is not valid base64") from None
        return recipients.unwrap_bundle_key(ephemeral_pub, wrapped, private)


class ObjectKind(StrEnum):
    SUBMISSION = "submission"
    FILE = "file"


class ObjectEntry(_Model):
    object_id: Id
    kind: ObjectKind
    # ciphertext bytes: a 12-byte nonce and a 16-byte tag around the plaintext
    size: Annotated[int, Field(ge=28, le=MAX_FILE_BYTES + 28)]
    sha256: Sha256Hex  # of the ciphertext as stored in the zip entry


class Manifest(_Model):
    format: Literal["reviewer-app-bundle"]
    version: Literal[1]
    bundle_id: Id
    created_at: AwareDateTime
    exporter_key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
    insurer: Insurer
    survey: Survey
    recipients: Annotated[list[Recipient], Field(min_length=1, max_length=64)]
    objects: Annotated[list[ObjectEntry], Field(max_length=1_000_000)]


# --- one submission: the insured member and their dependents ------------------------------------


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


class OccupationAnswer(_Model):
    occupation: Occupation
    amount: Yen | None = None  # expected annual income; members type 1 for zero (seed 004 Q20)


class Living(StrEnum):
    """Question 6."""

    TOGETHER = "together"  # 同居
    APART_INSURED_POSTING = "apart_insured_posting"  # 別居 (被保険者が単身赴任中)
    APART_STUDENT = "apart_student"  # 別居 (被扶養者が就学<下宿>のため)
    APART_OTHER = "apart_other"  # 別居 (その他)


class Answers(_Model):
    insured_has_card: bool  # question 1
    dependent_details_confirmed: bool  # question 2
    dependent_has_card: bool  # question 3
    occupations: Annotated[list[OccupationAnswer], Field(min_length=1, max_length=20)]  # q4
    other_income: Yen | None = None  # question 5 (遺産相続など)
    living: Living  # question 6
    living_apart_since: YearMonth | None = None  # question 6: 別居日 (year and month)
    contact: LongText = ""  # question 7: 連絡欄 (退職年月, 確定申告していない, 一時的収入増の理由…)


class MunicipalIncome(_Model):
    """Income the society obtained from the municipality (マイナンバー情報連携)."""

    year: Annotated[int, Field(ge=2000, le=2100)]
    salary_income: Yen | None = None  # 給与収入
    pension_income: Yen | None = None  # 公的年金等収入
    total_income: Yen | None = None  # 合計所得


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


class UploadedFile(_Model):
    file_id: Id  # the object id of the file in this bundle
    original_name: FileName
    media_type: Literal[
        "image/jpeg", "image/png", "image/bmp", "image/gif", "application/pdf", "image/heic"
    ]
    uploaded_at: AwareDateTime


class RequiredDocument(_Model):
    document_id: Id
    kind: DocumentKind
    title: ShortText  # as the member saw it on the required-documents screen
    files: Annotated[list[UploadedFile], Field(max_length=100)] = []
    proceed_without: bool = False  # 「未提出で進める」
    comment: LongText = ""  # the member's comment (e.g. 賞与支給なし)


class Dependent(_Model):
    dependent_id: Id
    name: ShortText
    kana: ShortText
    relationship: Relationship
    relationship_label: ShortText  # as printed: 妻, 夫, 長男, 母, …
    birth_date: date
    certified_on: date | None = None  # when dependency was first certified
    status: MemberStatus
    submitted_at: AwareDateTime | None = None
    answers: Answers | None = None  # absent while nothing was answered (未提出)
    municipal_income: MunicipalIncome | None = None
    required_documents: Annotated[list[RequiredDocument], Field(max_length=50)] = []


class Office(_Model):
    code: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    name: ShortText


class Insured(_Model):
    member_id: Id
    card_symbol: Annotated[str, StringConstraints(pattern=r"^\d{1,8}$")]  # 記号
    card_number: Annotated[str, StringConstraints(pattern=r"^\d{1,10}$")]  # 番号
    name: ShortText
    kana: ShortText
    office: Office
    employee_code: Annotated[str, StringConstraints(max_length=20)] = ""
    birth_date: date
    annual_income: Yen | None = None  # where the society knows it


class Submission(_Model):
    """One insured member's answers for every dependent surveyed, as of one revision."""

    submission_id: Id
    revision: Annotated[int, Field(ge=1, le=1_000_000)]
    updated_at: AwareDateTime
    insured: Insured
    dependents: Annotated[list[Dependent], Field(min_length=1, max_length=20)]

    def file_ids(self) -> list[str]:
        """Every file object this submission refers to, in order."""
        return [
            f.file_id
            for d in self.dependents
            for doc in d.required_documents
            for f in doc.files
        ]

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

# The answers' vocabularies are the domain's (issue 12 §3); the schema names them as its own.
from reviewer_app.domain.vocabulary import OCCUPATIONS_WITH_AMOUNT as OCCUPATIONS_WITH_AMOUNT
from reviewer_app.domain.vocabulary import DocumentKind as DocumentKind
from reviewer_app.domain.vocabulary import Living as Living
from reviewer_app.domain.vocabulary import MemberStatus as MemberStatus
from reviewer_app.domain.vocabulary import Occupation as Occupation
from reviewer_app.domain.vocabulary import Relationship as Relationship
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


class OccupationAnswer(_Model):
    occupation: Occupation
    amount: Yen | None = None  # expected annual income; members type 1 for zero (seed 004 Q20)


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

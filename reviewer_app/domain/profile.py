"""Rule profiles: how one society applies the rules where societies differ (RULES.md).

A profile is data (``resources/profiles/*.toml``). ``profile_from_mapping`` validates a parsed
mapping key by key; a problem raises :class:`ProfileError` naming the source, the key and the
problem. Keys left out take the value of the seed's policy (profile ``default``), so a profile
states only where it differs; unknown keys are errors, because a misspelt key would otherwise
silently fall back to the default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

EXCLUSION_RULES = ("three_consecutive_months", "three_month_average")
DATE_BASES = (
    "attendance_period_start",  # seed: first day of the attendance period of the first month
    "first_day_of_first_over_month",  # 1st of the first payment month over the monthly limit
    "first_day_of_month_after_trigger",  # 1st of the month after the trigger's third month
    "day_after_third_pay_day",  # the day after the pay day of the trigger's third month
)
MULTIPLE_EMPLOYER_BASES = ("first_day_of_payment_month", "same_as_single_employer")
CERTIFICATE_COUNTING = ("total", "consecutive")
CONTRACT_COVERAGE = ("all", "certified_on_or_after_effective_date")
AGE_REFERENCES = ("judgment_date", "target_year_end")
RECERTIFICATION_BASES = ("attendance_period_start", "first_day_of_month")


class ProfileError(ValueError):
    """An invalid profile: ``source`` (file), ``key`` (``section.key``) and the problem."""

    def __init__(self, source: str, key: str, problem_ja: str, problem_en: str) -> None:
        super().__init__(f"{source}: {key}: {problem_en}")
        self.source = source
        self.key = key
        self.problem_ja = problem_ja
        self.problem_en = problem_en


@dataclass(frozen=True, slots=True)
class RuleProfile:
    name: str = "default"
    title: str = "標準(調査案内どおり)"
    description: str = ""
    # [limits]
    annual_limit: int = 1_300_000
    senior_annual_limit: int = 1_800_000
    senior_age: int = 60
    senior_age_reference: str = "judgment_date"
    young_adult_annual_limit: int = 1_500_000
    young_adult_min_age: int = 19
    young_adult_max_age: int = 22
    young_adult_from: date = date(2025, 10, 1)
    late_elderly_age: int = 75
    # [exclusion]
    exclusion_rules: tuple[str, ...] = EXCLUSION_RULES
    exclusion_date_basis: str = "attendance_period_start"
    multiple_employers_basis: str = "first_day_of_payment_month"
    # [certificate]
    certificate_max_uses: int = 2
    certificate_counting: str = "total"
    # [labour_contract]
    contract_effective_from: date = date(2026, 4, 1)
    contract_coverage: str = "all"
    # [checks]
    half_income_check: bool = True
    # [recertification]
    recertification_enabled: bool = True
    recertification_date_basis: str = "attendance_period_start"


class _WrongType(Exception):
    pass


class _BadValue(Exception):
    def __init__(self, ja: str, en: str) -> None:
        super().__init__(en)
        self.ja = ja
        self.en = en


# A converter returns the converted value, raises _WrongType for a value of the wrong type and
# _BadValue for a value of the right type outside what the setting allows.
_Converter = Callable[[Any], Any]


def _int_range(lo: int, hi: int) -> _Converter:
    def check(value: Any) -> Any:
        if type(value) is not int:  # bool is an int subclass; TOML true is not a count
            raise _WrongType
        if not lo <= value <= hi:
            raise _BadValue(f"{lo}から{hi}までの整数にしてください",
                            f"must be an integer from {lo} to {hi}")
        return value
    return check


def _choice(options: tuple[str, ...]) -> _Converter:
    def check(value: Any) -> Any:
        if not isinstance(value, str):
            raise _WrongType
        if value not in options:
            listed = ", ".join(options)
            raise _BadValue(f"{listed} のいずれかにしてください", f"must be one of {listed}")
        return value
    return check


def _text(value: Any) -> Any:
    if not isinstance(value, str):
        raise _WrongType
    if not value.strip():
        raise _BadValue("空にできません", "must not be empty")
    return value


def _bool(value: Any) -> Any:
    if not isinstance(value, bool):
        raise _WrongType
    return value


def _date(value: Any) -> Any:
    # tomllib gives a date for an unquoted TOML date; accept an ISO string too.
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise _WrongType
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _BadValue("YYYY-MM-DD 形式の日付にしてください",
                        "must be a date YYYY-MM-DD") from None


def _rules(value: Any) -> Any:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _WrongType
    listed = ", ".join(EXCLUSION_RULES)
    if any(v not in EXCLUSION_RULES for v in value) or len(set(value)) != len(value):
        raise _BadValue(f"{listed} から重複なく選んでください",
                        f"must list distinct rules among {listed}")
    return tuple(value)


_YEN = _int_range(1, 100_000_000)
_AGE = _int_range(0, 150)
# (section, key) → (attribute, expected type in words (ja, en), converter)
_SPEC: dict[tuple[str, str], tuple[str, tuple[str, str], _Converter]] = {
    ("", "title"): ("title", ("文字列", "a string"), _text),
    ("", "description"): ("description", ("文字列", "a string"), _text),
    ("limits", "annual"): ("annual_limit", ("整数", "an integer"), _YEN),
    ("limits", "senior_annual"): ("senior_annual_limit", ("整数", "an integer"), _YEN),
    ("limits", "senior_age"): ("senior_age", ("整数", "an integer"), _AGE),
    ("limits", "senior_age_reference"): (
        "senior_age_reference", ("文字列", "a string"), _choice(AGE_REFERENCES)),
    ("limits", "young_adult_annual"): ("young_adult_annual_limit", ("整数", "an integer"), _YEN),
    ("limits", "young_adult_min_age"): ("young_adult_min_age", ("整数", "an integer"), _AGE),
    ("limits", "young_adult_max_age"): ("young_adult_max_age", ("整数", "an integer"), _AGE),
    ("limits", "young_adult_from"): ("young_adult_from", ("日付", "a date"), _date),
    ("limits", "late_elderly_age"): ("late_elderly_age", ("整数", "an integer"), _AGE),
    ("exclusion", "rules"): ("exclusion_rules", ("文字列の配列", "a list of strings"), _rules),
    ("exclusion", "date_basis"): (
        "exclusion_date_basis", ("文字列", "a string"), _choice(DATE_BASES)),
    ("exclusion", "multiple_employers"): (
        "multiple_employers_basis", ("文字列", "a string"), _choice(MULTIPLE_EMPLOYER_BASES)),
    ("certificate", "max_uses"): (
        "certificate_max_uses", ("整数", "an integer"), _int_range(0, 99)),
    ("certificate", "counting"): (
        "certificate_counting", ("文字列", "a string"), _choice(CERTIFICATE_COUNTING)),
    ("labour_contract", "effective_from"): (
        "contract_effective_from", ("日付", "a date"), _date),
    ("labour_contract", "coverage"): (
        "contract_coverage", ("文字列", "a string"), _choice(CONTRACT_COVERAGE)),
    ("checks", "half_income"): ("half_income_check", ("真偽値", "a boolean"), _bool),
    ("recertification", "enabled"): ("recertification_enabled", ("真偽値", "a boolean"), _bool),
    ("recertification", "date_basis"): (
        "recertification_date_basis", ("文字列", "a string"), _choice(RECERTIFICATION_BASES)),
}
_SECTIONS = frozenset(section for section, _ in _SPEC if section)
_REQUIRED = (("", "title"), ("", "description"))


def profile_from_mapping(data: Mapping[str, Any], source: str, name: str = "") -> RuleProfile:
    """A validated profile from a parsed TOML mapping; ``source`` names the file in errors."""
    values: dict[str, Any] = {"name": name or source}
    for key, value in data.items():
        if key in _SECTIONS:
            if not isinstance(value, Mapping):
                raise ProfileError(source, key, "表(テーブル)にしてください", "must be a table")
            for sub, sub_value in value.items():
                _set(values, source, key, sub, sub_value)
        else:
            _set(values, source, "", key, value)
    for section, key in _REQUIRED:
        if _SPEC[(section, key)][0] not in values:
            raise ProfileError(source, key, "必須の項目がありません", "is required but missing")
    profile = RuleProfile(**values)
    if profile.young_adult_min_age > profile.young_adult_max_age:
        raise ProfileError(source, "limits.young_adult_min_age",
                           "young_adult_max_age 以下にしてください",
                           "must not exceed young_adult_max_age")
    return profile


def _set(values: dict[str, Any], source: str, section: str, key: str, value: Any) -> None:
    dotted = f"{section}.{key}" if section else key
    spec = _SPEC.get((section, key))
    if spec is None:
        raise ProfileError(source, dotted, "不明な項目です(綴りを確かめてください)",
                           "is not a known setting (check the spelling)")
    attribute, (kind_ja, kind_en), convert = spec
    try:
        values[attribute] = convert(value)
    except _WrongType:
        raise ProfileError(source, dotted, f"{kind_ja}にしてください",
                           f"must be {kind_en}") from None
    except _BadValue as exc:
        raise ProfileError(source, dotted, exc.ja, exc.en) from None


PROFILE_FIELDS = tuple(f.name for f in fields(RuleProfile))

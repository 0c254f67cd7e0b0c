"""The JSON contract of issue 2: the income sheet in (``sheet_from_json``, ``case_from_json``),
the sheet and the evaluation out (``sheet_to_json``, ``evaluation_to_json``).

JSON is the edge: the stored sheet, the ``calc`` command, a decision's sealed snapshot. Inside,
the sheet is :class:`~reviewer_app.domain.sheet.IncomeSheet` and the evaluation
:class:`~reviewer_app.domain.engine.Evaluation`.

Input is untrusted and read field by field: a wrong type, format or choice raises
:class:`~reviewer_app.domain.sheet.CaseInputError` with the field's path
(``employers[0].payments[3].gross``) and the problem in Japanese and English;
:func:`~reviewer_app.domain.sheet.to_case` then checks what is required and every range. Unknown
keys are errors: a misspelt optional field (``"gros"``) would otherwise be silently dropped and
change the verdict.

Output amounts are exact, never a float: integral amounts are JSON integers; a month's bonus share
(and so its total) is a twelfth of a yen amount, and when it is not integral it is written as a
string that :class:`fractions.Fraction` reads exactly: the decimal when it terminates
(``"10000.5"``, ``"8333.25"``), else the reduced fraction (``"25000/3"`` for 100,000 / 12).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from typing import Any, TypeVar

from reviewer_app.domain.case import (
    Case,
    Dependent,
    Insured,
    LabourContract,
    Payment,
    Survey,
    TemporaryRiseCertificate,
)
from reviewer_app.domain.dates import CUTOFF_END, YearMonth
from reviewer_app.domain.engine import Evaluation, Exclusion
from reviewer_app.domain.sheet import (
    BenefitEntry,
    BonusEntry,
    BusinessEntry,
    CaseInputError,
    EmployerEntry,
    IncomeSheet,
    OtherIncomeEntry,
    PensionEntry,
    required,
    to_case,
)
from reviewer_app.domain.vocabulary import BenefitKind, Relationship

T = TypeVar("T")


def _path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def _obj(value: Any, path: str, allowed: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CaseInputError(path or "(root)", "オブジェクト({…})にしてください",
                             "must be an object")
    for key in value:
        if key not in allowed:
            raise CaseInputError(_path(path, key), "不明な項目です(綴りを確かめてください)",
                                 "is not a known field (check the spelling)")
    return value


def _list(value: Any, path: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise CaseInputError(path, "配列([…])にしてください", "must be an array")
    return value


def _required(obj: dict[str, Any], key: str, path: str) -> Any:
    if key not in obj or obj[key] is None:
        raise required(_path(path, key))
    return obj[key]


def _int(value: Any, path: str) -> int:
    # bool is an int in Python but never a count of yen; floats are rejected so that 98000.7
    # cannot be silently truncated. Ranges are the sheet's (sheet.to_case).
    if type(value) is not int:
        raise CaseInputError(path, "整数にしてください", "must be an integer")
    return value


def _bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise CaseInputError(path, "true か false にしてください", "must be true or false")
    return value


def _str(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise CaseInputError(path, "文字列にしてください", "must be a string")
    return value


def _date(value: Any, path: str) -> date:
    if isinstance(value, str) and len(value) == 10:
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise CaseInputError(path, "YYYY-MM-DD 形式の実在する日付にしてください",
                         "must be an existing date YYYY-MM-DD")


def _month(value: Any, path: str) -> YearMonth:
    month = YearMonth.parse(value)
    if month is None:
        raise CaseInputError(path, "YYYY-MM 形式の年月にしてください", "must be a month YYYY-MM")
    return month


def _choice(value: Any, path: str, options: tuple[str, ...]) -> str:
    if value not in options:
        listed = ", ".join(options)
        raise CaseInputError(path, f"{listed} のいずれかにしてください", f"must be one of {listed}")
    return str(value)


def _relationship(value: Any, path: str) -> Relationship:
    return Relationship(_choice(value, path, tuple(Relationship)))


def _benefit_kind(value: Any, path: str) -> BenefitKind:
    return BenefitKind(_choice(value, path, tuple(BenefitKind)))


def _cutoff(value: Any, path: str) -> int:
    if value == "end":
        return CUTOFF_END
    if type(value) is not int:
        raise CaseInputError(path, '1から31までの整数か "end"(末日)にしてください',
                             'must be an integer from 1 to 31 or "end"')
    return value


def _opt(obj: dict[str, Any], key: str, path: str, conv: Callable[[Any, str], T]) -> T | None:
    value = obj.get(key)
    return None if value is None else conv(value, _path(path, key))


_ROOT = frozenset({
    "judgment_date", "target_year", "dependent", "insured", "employers", "pensions",
    "self_employment", "other_income", "benefits", "labour_contract",
    "temporary_rise_certificate", "recertification_from", "survey",
})
_DEPENDENT = frozenset({"birth_date", "relationship", "disability_pension", "living_with_insured",
                        "lives_abroad", "residence_exception", "certified_on", "name"})
_EMPLOYER = frozenset({"name", "cutoff_day", "pay_month_offset", "pay_day", "payments", "bonuses"})
_PAYMENT = frozenset({"month", "gross"})


# --- in ------------------------------------------------------------------------------------------


def sheet_from_json(data: object, *, allow_profile: bool = False) -> IncomeSheet:
    """The sheet in ``data``; :class:`CaseInputError` for a wrong type, format, choice or key, or
    a missing field the sheet cannot be without. A ``"profile"`` key is an unknown field unless
    ``allow_profile`` (the ``calc`` command; a stored sheet never chooses its profile)."""
    if not allow_profile and isinstance(data, dict) and "profile" in data:
        raise CaseInputError(
            "profile", "ルールプロファイルはワークスペースの設定で決まり、案件ごとには選べません",
            "the rule profile is the workspace's setting and cannot be chosen per case")
    root = _obj(data, "", _ROOT | {"profile"} if allow_profile else _ROOT)
    judgment_date = _date(_required(root, "judgment_date", ""), "judgment_date")
    target_year = _int(_required(root, "target_year", ""), "target_year")
    dep = _obj(_required(root, "dependent", ""), "dependent", _DEPENDENT)
    dependent = Dependent(
        birth_date=_date(_required(dep, "birth_date", "dependent"), "dependent.birth_date"),
        relationship=_relationship(dep.get("relationship", "other"), "dependent.relationship"),
        disability_pension=_bool(dep.get("disability_pension", False),
                                 "dependent.disability_pension"),
        living_with_insured=_bool(dep.get("living_with_insured", True),
                                  "dependent.living_with_insured"),
        lives_abroad=_bool(dep.get("lives_abroad", False), "dependent.lives_abroad"),
        residence_exception=_opt(dep, "residence_exception", "dependent", _str),
        certified_on=_opt(dep, "certified_on", "dependent", _date),
    )
    insured = None
    if root.get("insured") is not None:
        ins = _obj(root["insured"], "insured", frozenset({"annual_income", "annual_remittance"}))
        insured = Insured(_opt(ins, "annual_income", "insured", _int),
                          _opt(ins, "annual_remittance", "insured", _int))
    return IncomeSheet(
        judgment_date=judgment_date, target_year=target_year, dependent=dependent,
        insured=insured,
        employers=tuple(_employer(e, f"employers[{i}]")
                        for i, e in enumerate(_list(root.get("employers"), "employers"))),
        pensions=tuple(_pension(p, f"pensions[{i}]")
                       for i, p in enumerate(_list(root.get("pensions"), "pensions"))),
        self_employment=tuple(
            _business(s, f"self_employment[{i}]")
            for i, s in enumerate(_list(root.get("self_employment"), "self_employment"))),
        other_income=tuple(
            _other(o, f"other_income[{i}]")
            for i, o in enumerate(_list(root.get("other_income"), "other_income"))),
        benefits=tuple(_benefit(b, f"benefits[{i}]")
                       for i, b in enumerate(_list(root.get("benefits"), "benefits"))),
        labour_contract=_contract(root.get("labour_contract")),
        temporary_rise_certificate=_certificate(root.get("temporary_rise_certificate")),
        recertification_from=_opt(root, "recertification_from", "", _month),
        survey=_survey(root.get("survey")),
    )


def case_from_json(data: object) -> Case:
    """The engine's case of ``data`` (the ``calc`` command's input, which may name a profile)."""
    sheet = sheet_from_json(data, allow_profile=True)
    assert isinstance(data, dict)  # sheet_from_json refused anything else
    profile = _opt(data, "profile", "", _str)
    return to_case(sheet, profile=profile)


def _employer(value: Any, path: str) -> EmployerEntry:
    e = _obj(value, path, _EMPLOYER)
    payments: list[Payment] = []
    for j, raw in enumerate(_list(e.get("payments"), f"{path}.payments")):
        pp = f"{path}.payments[{j}]"
        p = _obj(raw, pp, _PAYMENT)
        payments.append(Payment(_month(_required(p, "month", pp), f"{pp}.month"),
                                _int(_required(p, "gross", pp), f"{pp}.gross")))
    bonuses: list[BonusEntry] = []
    for j, raw in enumerate(_list(e.get("bonuses"), f"{path}.bonuses")):
        bp = f"{path}.bonuses[{j}]"
        b = _obj(raw, bp, _PAYMENT)
        bonuses.append(BonusEntry(_opt(b, "month", bp, _month), _opt(b, "gross", bp, _int)))
    return EmployerEntry(
        name=_str(e.get("name", ""), f"{path}.name"),
        # absent: the defaults older sheets were written with; null: unknown (issue 13)
        cutoff_day=_opt(e, "cutoff_day", path, _cutoff) if "cutoff_day" in e else CUTOFF_END,
        pay_month_offset=_opt(e, "pay_month_offset", path, _int)
        if "pay_month_offset" in e else 0,
        pay_day=_opt(e, "pay_day", path, _cutoff),
        payments=tuple(payments), bonuses=tuple(bonuses),
    )


def _pension(value: Any, path: str) -> PensionEntry:
    p = _obj(value, path, frozenset({"kind", "annual"}))
    return PensionEntry(_str(p.get("kind", "other"), f"{path}.kind"),
                        _opt(p, "annual", path, _int))


def _business(value: Any, path: str) -> BusinessEntry:
    s = _obj(value, path, frozenset({"revenue", "direct_expenses", "label"}))
    return BusinessEntry(_opt(s, "revenue", path, _int), _opt(s, "direct_expenses", path, _int),
                         _str(s.get("label", ""), f"{path}.label"))


def _other(value: Any, path: str) -> OtherIncomeEntry:
    o = _obj(value, path, frozenset({"label", "amount"}))
    return OtherIncomeEntry(_str(o.get("label", ""), f"{path}.label"),
                            _opt(o, "amount", path, _int))


def _benefit(value: Any, path: str) -> BenefitEntry:
    b = _obj(value, path, frozenset({"kind", "daily_amount", "start_date"}))
    return BenefitEntry(_opt(b, "kind", path, _benefit_kind), _opt(b, "daily_amount", path, _int),
                        _opt(b, "start_date", path, _date))


def _contract(value: Any) -> LabourContract | None:
    if value is None:
        return None
    c = _obj(value, "labour_contract", frozenset({"annual_expected"}))
    return LabourContract(_int(_required(c, "annual_expected", "labour_contract"),
                               "labour_contract.annual_expected"))


def _certificate(value: Any) -> TemporaryRiseCertificate | None:
    if value is None:
        return None
    path = "temporary_rise_certificate"
    c = _obj(value, path, frozenset({"submitted", "previous_uses"}))
    uses = tuple(_int(y, f"{path}.previous_uses[{i}]")
                 for i, y in enumerate(_list(c.get("previous_uses"), f"{path}.previous_uses")))
    return TemporaryRiseCertificate(_bool(c.get("submitted", True), f"{path}.submitted"), uses)


def _survey(value: Any) -> Survey | None:
    if value is None:
        return None
    s = _obj(value, "survey", frozenset({"submitted", "exclusion_date"}))
    return Survey(_bool(s.get("submitted", True), "survey.submitted"),
                  _opt(s, "exclusion_date", "survey", _date))


# --- out -----------------------------------------------------------------------------------------


def _drop_none(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if v is not None}


def sheet_to_json(sheet: IncomeSheet) -> dict[str, Any]:
    """The sheet as issue 2's JSON (what is stored); :func:`sheet_from_json` reads it back equal.

    Fields not entered are left out; empty lists too."""
    dep = sheet.dependent
    dependent: dict[str, Any] = {
        "birth_date": dep.birth_date.isoformat(), "relationship": dep.relationship.value,
        "living_with_insured": dep.living_with_insured, "lives_abroad": dep.lives_abroad}
    if dep.disability_pension:
        dependent["disability_pension"] = True
    if dep.residence_exception is not None:
        dependent["residence_exception"] = dep.residence_exception
    if dep.certified_on is not None:
        dependent["certified_on"] = dep.certified_on.isoformat()
    out: dict[str, Any] = {"judgment_date": sheet.judgment_date.isoformat(),
                           "target_year": sheet.target_year, "dependent": dependent}
    if sheet.insured is not None:
        out["insured"] = _drop_none({"annual_income": sheet.insured.annual_income,
                                     "annual_remittance": sheet.insured.annual_remittance})
    lists: dict[str, list[dict[str, Any]]] = {
        "employers": [_employer_json(e) for e in sheet.employers],
        "pensions": [_drop_none({"kind": p.kind, "annual": p.annual}) for p in sheet.pensions],
        "self_employment": [
            _drop_none({"revenue": s.revenue, "direct_expenses": s.direct_expenses,
                        "label": s.label or None}) for s in sheet.self_employment],
        "other_income": [_drop_none({"label": o.label, "amount": o.amount})
                         for o in sheet.other_income],
        "benefits": [
            _drop_none({"kind": b.kind.value if b.kind is not None else None,
                        "daily_amount": b.daily_amount,
                        "start_date": b.start_date.isoformat() if b.start_date else None})
            for b in sheet.benefits],
    }
    out.update({k: v for k, v in lists.items() if v})
    if sheet.labour_contract is not None:
        out["labour_contract"] = {"annual_expected": sheet.labour_contract.annual_expected}
    if sheet.temporary_rise_certificate is not None:
        cert = sheet.temporary_rise_certificate
        out["temporary_rise_certificate"] = {"submitted": cert.submitted,
                                             "previous_uses": list(cert.previous_uses)}
    if sheet.recertification_from is not None:
        out["recertification_from"] = str(sheet.recertification_from)
    if sheet.survey is not None:
        out["survey"] = _drop_none({
            "submitted": sheet.survey.submitted,
            "exclusion_date": (sheet.survey.exclusion_date.isoformat()
                               if sheet.survey.exclusion_date else None)})
    return out


def _employer_json(e: EmployerEntry) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": e.name, "cutoff_day": "end" if e.cutoff_day == CUTOFF_END else e.cutoff_day,
        # None is written as null: unknown, not the default an absent key stands for
        "pay_month_offset": e.pay_month_offset,
        "payments": [{"month": str(p.month), "gross": p.gross} for p in e.payments]}
    if e.pay_day is not None:
        out["pay_day"] = e.pay_day
    if e.bonuses:
        out["bonuses"] = [_drop_none({"month": str(b.month) if b.month else None,
                                      "gross": b.gross}) for b in e.bonuses]
    return out


def exact_amount(value: Fraction | int) -> int | str:
    """An amount for JSON without a float: an integer, or the exact decimal text when it
    terminates, else the reduced fraction; ``Fraction(text)`` reads either back exactly."""
    value = Fraction(value)
    if value.denominator == 1:
        return value.numerator
    denominator = value.denominator
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    digits = 0
    scaled = value
    while scaled.denominator != 1:
        scaled *= 10
        digits += 1
    whole, frac = divmod(abs(scaled.numerator), 10 ** digits)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{frac:0{digits}d}"


def _exclusion(ex: Exclusion) -> dict[str, Any]:
    return {"rule": ex.rule, "date": ex.date.isoformat() if ex.date else None,
            "months": list(ex.months), "date_basis": ex.date_basis}


def evaluation_to_json(ev: Evaluation) -> dict[str, Any]:
    src = ev.income_by_source
    return {
        "profile": ev.profile,
        "annual_income": ev.annual_income,
        "assessed_income": ev.assessed_income,
        "income_by_source": {"salary": src.salary, "bonus": src.bonus, "pension": src.pension,
                             "self_employment": src.self_employment, "other": src.other},
        "annual_limit": ev.annual_limit,
        "limit_basis": ev.limit_basis,
        "monthly_limit": ev.monthly_limit,
        "age_on_judgment_date": ev.age_on_judgment_date,
        "months": [
            {"month": r.month, "salary": r.salary, "bonus_share": exact_amount(r.bonus_share),
             "total": exact_amount(r.total), "over": r.over, "missing": r.missing,
             "period_start": r.period_start.isoformat(), "employers": r.employers}
            for r in ev.months],
        "exclusion": _exclusion(ev.exclusion),
        "monthly_trigger": _exclusion(ev.monthly_trigger),
        "recertification": {
            "date": ev.recertification.date.isoformat() if ev.recertification.date else None,
            "months": list(ev.recertification.months)},
        "checks": [{"code": c.code, "result": c.result, "message": c.message,
                    "date": c.date.isoformat() if c.date else None} for c in ev.checks],
        "verdict": ev.verdict.value,
        "explanation": list(ev.explanation),
    }

"""The JSON contract of issue 2: ``case_from_json`` (input) and ``evaluation_to_json`` (output).

Input is untrusted and validated field by field; the first problem raises :class:`CaseInputError`
with the field's path (``employers[0].payments[3].gross``) and the problem in Japanese and English.
Unknown keys are errors: a misspelt optional field (``"gros"``) would otherwise be silently
dropped and change the verdict.

Output amounts are JSON-ready numbers, exact wherever a decimal can be: integral amounts are
``int``; a bonus share is a twelfth of a yen amount, and when it terminates it is a multiple of
1/4, which a ``float`` (and ``json.dumps``) writes exactly (``10000.5``, ``8333.25``). A share that
does not terminate in decimal (``100000 / 12``) is written as the nearest float: no decimal
literal could be exact, and every comparison was made exactly before that point.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reviewer_app.domain.case import (
    BENEFIT_KINDS,
    RELATIONSHIPS,
    Benefit,
    Bonus,
    Case,
    Dependent,
    Employer,
    Insured,
    LabourContract,
    OtherIncome,
    Payment,
    Pension,
    SelfEmployment,
    Survey,
    TemporaryRiseCertificate,
)
from reviewer_app.domain.dates import CUTOFF_END, YearMonth
from reviewer_app.domain.engine import Evaluation, Exclusion

MAX_YEN = 10_000_000_000  # ten billion yen: beyond any dependent, catches stray digits


class CaseInputError(ValueError):
    def __init__(self, field: str, problem_ja: str, problem_en: str) -> None:
        super().__init__(f"{field}: {problem_en}")
        self.field = field
        self.problem_ja = problem_ja
        self.problem_en = problem_en


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
        raise CaseInputError(_path(path, key), "必須の項目がありません", "is required")
    return obj[key]


def _int(value: Any, path: str, lo: int, hi: int) -> int:
    # bool is an int in Python but never a count of yen; floats are rejected so that 98000.7
    # cannot be silently truncated.
    if type(value) is not int:
        raise CaseInputError(path, "整数にしてください", "must be an integer")
    if not lo <= value <= hi:
        raise CaseInputError(path, f"{lo:,}から{hi:,}までにしてください",
                             f"must be from {lo:,} to {hi:,}")
    return value


def _yen(value: Any, path: str) -> int:
    return _int(value, path, 0, MAX_YEN)


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
    if isinstance(value, str) and len(value) == 7 and value[4] == "-" \
            and value[:4].isdigit() and value[5:].isdigit() and 1 <= int(value[5:]) <= 12:
        return YearMonth(int(value[:4]), int(value[5:]))
    raise CaseInputError(path, "YYYY-MM 形式の年月にしてください", "must be a month YYYY-MM")


def _choice(value: Any, path: str, options: tuple[str, ...]) -> Any:
    if value not in options:
        listed = ", ".join(options)
        raise CaseInputError(path, f"{listed} のいずれかにしてください", f"must be one of {listed}")
    return value


_ROOT = frozenset({
    "judgment_date", "target_year", "profile", "dependent", "insured", "employers", "pensions",
    "self_employment", "other_income", "benefits", "labour_contract",
    "temporary_rise_certificate", "recertification_from", "survey",
})
_DEPENDENT = frozenset({"birth_date", "relationship", "disability_pension", "living_with_insured",
                        "lives_abroad", "residence_exception", "certified_on", "name"})
_EMPLOYER = frozenset({"name", "cutoff_day", "pay_month_offset", "pay_day", "payments", "bonuses"})
_PAYMENT = frozenset({"month", "gross"})


INCOME_KEYS = ("employers", "pensions", "self_employment", "other_income", "benefits",
               "labour_contract", "temporary_rise_certificate")


def nothing_entered(sheet: object) -> bool:
    """True while the sheet holds no income entry at all (no employer, pension, business, other
    income, benefit, contract or certificate): the engine would say 扶養継続 at 0 yen, which
    is no verdict but the absence of data (issue 13)."""
    return not isinstance(sheet, dict) or not any(sheet.get(k) for k in INCOME_KEYS)


def case_from_json(data: object) -> Case:
    root = _obj(data, "", _ROOT)
    judgment = _date(_required(root, "judgment_date", ""), "judgment_date")
    target_year = _int(_required(root, "target_year", ""), "target_year", 1990, 2100)
    profile = root.get("profile")
    if profile is not None:
        profile = _str(profile, "profile")
    dep = _obj(_required(root, "dependent", ""), "dependent", _DEPENDENT)
    dependent = Dependent(
        birth_date=_date(_required(dep, "birth_date", "dependent"), "dependent.birth_date"),
        relationship=_choice(dep.get("relationship", "other"), "dependent.relationship",
                             RELATIONSHIPS),
        disability_pension=_bool(dep.get("disability_pension", False),
                                 "dependent.disability_pension"),
        living_with_insured=_bool(dep.get("living_with_insured", True),
                                  "dependent.living_with_insured"),
        lives_abroad=_bool(dep.get("lives_abroad", False), "dependent.lives_abroad"),
        residence_exception=_opt(dep, "residence_exception", "dependent", _str),
        certified_on=_opt(dep, "certified_on", "dependent", _date),
    )
    if dependent.birth_date > judgment:
        raise CaseInputError("dependent.birth_date", "判定日より後の日付です",
                             "is after the judgment date")
    insured = Insured()
    if root.get("insured") is not None:
        ins = _obj(root["insured"], "insured", frozenset({"annual_income", "annual_remittance"}))
        insured = Insured(_opt(ins, "annual_income", "insured", _yen),
                          _opt(ins, "annual_remittance", "insured", _yen))
    employers = tuple(_employer(e, f"employers[{i}]")
                      for i, e in enumerate(_list(root.get("employers"), "employers")))
    return Case(
        judgment_date=judgment, target_year=target_year, dependent=dependent, profile=profile,
        insured=insured, employers=employers,
        pensions=tuple(_pension(p, f"pensions[{i}]")
                       for i, p in enumerate(_list(root.get("pensions"), "pensions"))),
        self_employment=tuple(
            _self_employment(s, f"self_employment[{i}]")
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


def _opt(obj: dict[str, Any], key: str, path: str, conv: Any) -> Any:
    value = obj.get(key)
    return None if value is None else conv(value, _path(path, key))


def _cutoff(value: Any, path: str) -> int:
    if value == "end":
        return CUTOFF_END
    if type(value) is not int:
        raise CaseInputError(path, '1から31までの整数か "end"(末日)にしてください',
                             'must be an integer from 1 to 31 or "end"')
    return _int(value, path, 1, 31)


def _employer(value: Any, path: str) -> Employer:
    e = _obj(value, path, _EMPLOYER)
    payments = tuple(
        Payment(_month(_required(p, "month", pp), f"{pp}.month"),
                _yen(_required(p, "gross", pp), f"{pp}.gross"))
        for j, raw in enumerate(_list(e.get("payments"), f"{path}.payments"))
        for pp in (f"{path}.payments[{j}]",)
        for p in (_obj(raw, pp, _PAYMENT),))
    bonuses = tuple(
        Bonus(_month(_required(b, "month", bp), f"{bp}.month"),
              _yen(_required(b, "gross", bp), f"{bp}.gross"))
        for j, raw in enumerate(_list(e.get("bonuses"), f"{path}.bonuses"))
        for bp in (f"{path}.bonuses[{j}]",)
        for b in (_obj(raw, bp, _PAYMENT),))
    return Employer(
        name=_str(e.get("name", ""), f"{path}.name"),
        cutoff_day=_cutoff(e.get("cutoff_day", "end"), f"{path}.cutoff_day"),
        pay_month_offset=_int(e.get("pay_month_offset", 0), f"{path}.pay_month_offset", 0, 2),
        pay_day=_opt(e, "pay_day", path, _cutoff),
        payments=payments, bonuses=bonuses,
    )


def _pension(value: Any, path: str) -> Pension:
    p = _obj(value, path, frozenset({"kind", "annual"}))
    return Pension(_str(p.get("kind", "other"), f"{path}.kind"),
                   _yen(_required(p, "annual", path), f"{path}.annual"))


def _self_employment(value: Any, path: str) -> SelfEmployment:
    s = _obj(value, path, frozenset({"revenue", "direct_expenses", "label"}))
    return SelfEmployment(_yen(_required(s, "revenue", path), f"{path}.revenue"),
                          _yen(s.get("direct_expenses", 0), f"{path}.direct_expenses"))


def _other(value: Any, path: str) -> OtherIncome:
    o = _obj(value, path, frozenset({"label", "amount"}))
    return OtherIncome(_str(o.get("label", ""), f"{path}.label"),
                       _yen(_required(o, "amount", path), f"{path}.amount"))


def _benefit(value: Any, path: str) -> Benefit:
    b = _obj(value, path, frozenset({"kind", "daily_amount", "start_date"}))
    return Benefit(_choice(_required(b, "kind", path), f"{path}.kind", BENEFIT_KINDS),
                   _yen(_required(b, "daily_amount", path), f"{path}.daily_amount"),
                   _opt(b, "start_date", path, _date))


def _contract(value: Any) -> LabourContract | None:
    if value is None:
        return None
    c = _obj(value, "labour_contract", frozenset({"annual_expected"}))
    return LabourContract(_yen(_required(c, "annual_expected", "labour_contract"),
                               "labour_contract.annual_expected"))


def _certificate(value: Any) -> TemporaryRiseCertificate | None:
    if value is None:
        return None
    path = "temporary_rise_certificate"
    c = _obj(value, path, frozenset({"submitted", "previous_uses"}))
    uses = tuple(_int(y, f"{path}.previous_uses[{i}]", 1990, 2100)
                 for i, y in enumerate(_list(c.get("previous_uses"), f"{path}.previous_uses")))
    return TemporaryRiseCertificate(_bool(c.get("submitted", True), f"{path}.submitted"), uses)


def _survey(value: Any) -> Survey:
    if value is None:
        return Survey()
    s = _obj(value, "survey", frozenset({"submitted", "exclusion_date"}))
    return Survey(_bool(s.get("submitted", True), "survey.submitted"),
                  _opt(s, "exclusion_date", "survey", _date))


def _number(twelfths: int) -> int | float:
    if twelfths % 12 == 0:
        return twelfths // 12
    return twelfths / 12  # see the module docstring: exact whenever a decimal can be


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
            {"month": r.month, "salary": r.salary, "bonus_share": _number(r.bonus_twelfths),
             "total": _number(r.total_twelfths), "over": r.over, "missing": r.missing,
             "period_start": r.period_start.isoformat(), "employers": r.employers}
            for r in ev.months],
        "exclusion": _exclusion(ev.exclusion),
        "monthly_trigger": _exclusion(ev.monthly_trigger),
        "recertification": {
            "date": ev.recertification.date.isoformat() if ev.recertification.date else None,
            "months": list(ev.recertification.months)},
        "checks": [{"code": c.code, "result": c.result, "message": c.message,
                    "date": c.date.isoformat() if c.date else None} for c in ev.checks],
        "verdict": ev.verdict,
        "explanation": list(ev.explanation),
    }

"""The JSON contract: parsing with field paths, and exact output numbers."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from reviewer_app.domain.caseio import case_from_json, evaluation_to_json
from reviewer_app.domain.engine import evaluate
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.sheet import CaseInputError

SEED = json.loads((Path(__file__).resolve().parents[3] / "examples" / "seed_case.json")
                  .read_text(encoding="utf-8"))


def _with(path: list[str | int], value: Any) -> dict[str, Any]:
    data: dict[str, Any] = copy.deepcopy(SEED)
    node: Any = data
    for key in path[:-1]:
        node = node[key]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "value", "field"), [
    (["judgment_date"], KeyError, "judgment_date"),
    (["judgment_date"], "2024-02-30", "judgment_date"),
    (["target_year"], "2023", "target_year"),
    (["dependent", "birth_date"], KeyError, "dependent.birth_date"),
    (["dependent", "relationship"], "wife", "dependent.relationship"),
    (["dependent", "living_with_insured"], "yes", "dependent.living_with_insured"),
    (["employers", 0, "cutoff_day"], 32, "employers[0].cutoff_day"),
    (["employers", 0, "cutoff_day"], "last", "employers[0].cutoff_day"),
    (["employers", 0, "pay_month_offset"], 3, "employers[0].pay_month_offset"),
    (["employers", 0, "payments", 3, "gross"], 98000.5, "employers[0].payments[3].gross"),
    (["employers", 0, "payments", 3, "gross"], -1, "employers[0].payments[3].gross"),
    (["employers", 0, "payments", 3, "gross"], True, "employers[0].payments[3].gross"),
    (["employers", 0, "payments", 3, "month"], "2023-13", "employers[0].payments[3].month"),
    (["employers", 0, "payments", 3, "gros"], 1, "employers[0].payments[3].gros"),
    (["employers", 0, "bonuses"], {}, "employers[0].bonuses"),
    (["benefits"], [{"kind": "pension", "daily_amount": 1}], "benefits[0].kind"),
    (["insured"], [], "insured"),
])
def test_invalid_field_is_named_with_its_path(path: list[str | int], value: Any,
                                              field: str) -> None:
    with pytest.raises(CaseInputError) as info:
        case_from_json(_with(path, value))
    assert info.value.field == field
    assert info.value.problem_ja and info.value.problem_en


def test_root_must_be_an_object() -> None:
    with pytest.raises(CaseInputError) as info:
        case_from_json([1, 2])
    assert info.value.field == "(root)"


def test_cutoff_end_equals_31() -> None:
    case = case_from_json(_with(["employers", 0, "cutoff_day"], "end"))
    assert case.employers[0].cutoff_day == 31


def test_output_follows_contract_field_names() -> None:
    out = evaluation_to_json(evaluate(case_from_json(SEED), RuleProfile()))
    for key in ("profile", "annual_income", "income_by_source", "annual_limit", "limit_basis",
                "monthly_limit", "age_on_judgment_date", "months", "exclusion",
                "recertification", "checks", "verdict", "explanation"):
        assert key in out
    assert set(out["income_by_source"]) == {"salary", "bonus", "pension", "self_employment",
                                            "other"}
    assert set(out["months"][0]) == {"month", "salary", "bonus_share", "total", "over",
                                     "missing", "period_start", "employers"}
    assert out["exclusion"]["date"] == "2023-02-16"
    assert out["exclusion"]["months"] == ["2023-03", "2023-04", "2023-05"]


def test_fractional_bonus_share_is_written_exactly() -> None:
    data = _with(["employers", 0, "bonuses"], [{"month": "2023-07", "gross": 120_006}])
    out = evaluation_to_json(evaluate(case_from_json(data), RuleProfile()))
    text = json.dumps(out)
    assert out["months"][0]["bonus_share"] == "10000.5"  # exact: no float anywhere
    assert Fraction(out["months"][0]["bonus_share"]) == Fraction(120_006, 12)
    assert '"bonus_share": "10000.5"' in text
    assert '"total": "108000.5"' in text  # 98,000 + 10,000.5
    assert isinstance(out["months"][0]["salary"], int)


def test_a_share_that_does_not_end_in_decimal_is_written_as_its_fraction() -> None:
    data = _with(["employers", 0, "bonuses"], [{"month": "2023-07", "gross": 100_000}])
    out = evaluation_to_json(evaluate(case_from_json(data), RuleProfile()))
    assert out["months"][0]["bonus_share"] == "25000/3"  # 100,000 / 12, exactly
    assert Fraction(out["months"][0]["total"]) == 98_000 + Fraction(100_000, 12)
    assert not any(isinstance(m[k], float) for m in out["months"] for k in m)
    assert json.loads(json.dumps(out), parse_float=_no_float) == out


def _no_float(text: str) -> float:
    raise AssertionError(f"a float in the JSON: {text}")

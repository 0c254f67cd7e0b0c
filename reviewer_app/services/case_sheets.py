"""The income sheet of one case (issue 2's input, typed: :class:`~reviewer_app.domain.sheet.
IncomeSheet`).

``default_sheet`` pre-fills it from the submission; ``validate_sheet`` runs the rules engine's
input contract (:func:`~reviewer_app.domain.sheet.to_case`); ``differences`` says which parts of
two sheets differ, by path and month, never by amount (it is shown and may be logged).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from typing import Any

from reviewer_app.bundle import schema
from reviewer_app.domain.case import Case as DomainCase
from reviewer_app.domain.case import Dependent, Insured, Survey
from reviewer_app.domain.caseio import sheet_to_json
from reviewer_app.domain.field_words import describe_field
from reviewer_app.domain.sheet import CaseInputError, IncomeSheet, to_case
from reviewer_app.domain.vocabulary import Living, MemberStatus, Occupation
from reviewer_app.services.case_errors import InvalidIncomeSheet

JST = timezone(timedelta(hours=9))


def default_sheet(*, answer_start: datetime, target_year: int, exclusion_date: date,
                  insured: schema.Insured, dependent: schema.Dependent) -> IncomeSheet:
    """The sheet before the examiner types anything: the facts the submission gives.

    ``judgment_date`` is the first day of the answer period (in Japan time); the dependent
    lives with the insured only when question 6 says 同居; 海外居住者 ticked in question 4 makes
    ``lives_abroad``; ``survey.submitted`` is the member-side status. No employers: the examiner
    enters them from the payslips.
    """
    occupations = {a.occupation for a in dependent.answers.occupations} \
        if dependent.answers else set()
    return IncomeSheet(
        judgment_date=answer_start.astimezone(JST).date(),
        target_year=target_year,
        dependent=Dependent(
            birth_date=dependent.birth_date, relationship=dependent.relationship,
            living_with_insured=(dependent.answers is None
                                 or dependent.answers.living is Living.TOGETHER),
            lives_abroad=Occupation.LIVES_ABROAD in occupations,
            certified_on=dependent.certified_on),
        insured=Insured(annual_income=insured.annual_income)
        if insured.annual_income is not None else None,
        survey=Survey(submitted=dependent.status is MemberStatus.SUBMITTED,
                      exclusion_date=exclusion_date),
    )


def validate_sheet(sheet: IncomeSheet) -> DomainCase:
    """The domain case of ``sheet``, or :class:`InvalidIncomeSheet` naming the field."""
    try:
        return to_case(sheet)
    except CaseInputError as exc:
        raise InvalidIncomeSheet(exc.field, exc.problem_ja, exc.problem_en,
                                 describe_field(exc.field, sheet)) from None


def _leaves(value: Any, path: str, out: dict[str, Any]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _leaves(item, f"{path}.{key}" if path else str(key), out)
    elif isinstance(value, list):
        monthly = all(isinstance(v, dict) and isinstance(v.get("month"), str) for v in value)
        for i, item in enumerate(value):
            # payments and bonuses are compared by month, so an inserted row is one difference
            label = f"{path} {item['month']}" if monthly and value else f"{path}[{i}]"
            out[label] = json.dumps(item, sort_keys=True, ensure_ascii=False)
            if not monthly:
                _leaves(item, label, out)
    else:
        out[path] = value


def differences(mine: IncomeSheet, theirs: IncomeSheet | None) -> list[str]:
    """Paths whose values differ (``employers[0].payments 2024-03``, ``dependent.birth_date``)."""
    a: dict[str, Any] = {}
    b: dict[str, Any] = {}
    _leaves(sheet_to_json(mine), "", a)
    _leaves(sheet_to_json(theirs) if theirs is not None else {}, "", b)
    changed = [k for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)]
    # report the most specific path only: drop a container when one of its children is listed
    return [k for k in changed
            if not any(o != k and (o.startswith(k + ".") or o.startswith(k + " ")
                                   or o.startswith(k + "[")) for o in changed)]

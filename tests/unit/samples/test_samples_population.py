"""The sample population: deterministic, valid against the bundle schema, the mix of a survey."""

from __future__ import annotations

from collections import Counter

import pytest

from reviewer_app.bundle.schema import MemberStatus, Occupation, Submission
from reviewer_app.samples.people import QUOTA, build_submission, generate_population
from reviewer_app.samples.truth import (
    DeficiencyCode,
    FileFormat,
    PayslipPage,
    ScenarioKind,
)


def _json(members: int, seed: int, revision: int = 1) -> list[str]:
    return [build_submission(p).model_dump_json()
            for p in generate_population(members, seed, revision)]


def test_same_seed_same_submissions_and_other_seed_differs() -> None:
    assert _json(12, 7) == _json(12, 7)
    assert _json(12, 7) != _json(12, 8)


def test_member_i_depends_only_on_seed_and_i() -> None:
    assert _json(20, 3)[:10] == _json(10, 3)


@pytest.fixture(scope="module")
def population() -> list:  # type: ignore[type-arg]
    return generate_population(50, 11)


def test_every_submission_validates_against_the_schema(population: list) -> None:  # type: ignore[type-arg]
    for plan in population:
        submission = build_submission(plan)
        again = Submission.model_validate_json(submission.model_dump_json())
        assert again == submission
        assert 1 <= len(submission.dependents) <= 3
        ids = submission.file_ids()
        assert len(ids) == len(set(ids))


def test_fifty_members_have_every_kind_deficiency_and_format(population: list) -> None:  # type: ignore[type-arg]
    kinds = Counter(s.kind for p in population for s in p.scenarios)
    assert set(kinds) == set(ScenarioKind)
    codes = {d.code for p in population for s in p.scenarios for d in s.deficiencies}
    assert codes == set(DeficiencyCode)
    formats = {f.fmt for p in population for s in p.scenarios for f in s.files()}
    assert formats == set(FileFormat)
    assert any(f.near_limit for p in population for s in p.scenarios for f in s.files())
    assert len(QUOTA) < 50


def test_ground_truth_matches_the_kind(population: list) -> None:  # type: ignore[type-arg]
    for plan in population:
        for s in plan.scenarios:
            if s.kind == ScenarioKind.PART_TIME_CONSECUTIVE_OVER:
                assert s.over_pattern() == "consecutive"
                assert s.annual_income < s.annual_limit
            elif s.kind == ScenarioKind.PART_TIME_AVERAGE_OVER:
                assert s.over_pattern() == "average"
            elif s.kind == ScenarioKind.PART_TIME_UNDER:
                assert s.over_pattern() is None
            elif s.kind == ScenarioKind.PART_TIME_ANNUAL_OVER:
                assert s.annual_income >= s.annual_limit
            elif s.kind == ScenarioKind.PART_TIME_TWO_EMPLOYERS:
                assert len(s.employers) == 2
            elif s.kind in (ScenarioKind.PENSIONER, ScenarioKind.PENSIONER_LIVING_APART):
                assert s.age_at_year_end >= 60 and s.pensions
            elif s.kind in (ScenarioKind.STUDENT, ScenarioKind.STUDENT_BOARDING):
                assert 19 <= s.age_at_year_end <= 22 or s.age_at_year_end == 18
            elif s.kind == ScenarioKind.PENSIONER_LIVING_APART:
                assert s.remittance is not None and s.remittance.total_in_year > 0


def test_answers_follow_the_member_manual(population: list) -> None:  # type: ignore[type-arg]
    for plan in population:
        submission = build_submission(plan)
        for dep, s in zip(submission.dependents, plan.scenarios, strict=True):
            if s.kind == ScenarioKind.NOT_SUBMITTED:
                assert dep.status == MemberStatus.NOT_SUBMITTED
                assert dep.answers is None and dep.required_documents == []
                continue
            assert dep.answers is not None
            occupations = {o.occupation: o.amount for o in dep.answers.occupations}
            if Occupation.UNEMPLOYED in occupations:
                assert occupations[Occupation.UNEMPLOYED] == 1  # seed 004 Q20
            if s.kind == ScenarioKind.RETIRED:
                assert "退職" in dep.answers.contact
            if s.employers and s.kind != ScenarioKind.NOT_SUBMITTED:
                assert "締め" in dep.answers.contact
            for doc in dep.required_documents:
                if dep.status == MemberStatus.REGISTERED:
                    continue
                if doc.kind == "bonus_slip" and not doc.files:
                    assert doc.proceed_without and doc.comment == "賞与支給なし"


def test_payslip_files_cover_every_month_unless_one_is_missing(population: list) -> None:  # type: ignore[type-arg]
    for plan in population:
        for s in plan.scenarios:
            if not s.employers or s.kind == ScenarioKind.NOT_SUBMITTED:
                continue
            shown = {(p.employer.name, p.slip.pay_month) for f in s.files() for p in f.pages
                     if isinstance(p, PayslipPage)}
            truth = {(e.name, p.pay_month) for e in s.employers for p in e.payslips}
            missing = {d.month for d in s.deficiencies if d.code == DeficiencyCode.MISSING_MONTH}
            other = {d.code for d in s.deficiencies} & {
                DeficiencyCode.WRONG_DOCUMENT, DeficiencyCode.NOT_UPLOADED}
            if other:
                continue
            assert {m for _, m in truth - shown} == missing


def test_revision_two_changes_a_subset_and_leaves_the_rest_identical() -> None:
    first = _json(40, 5)
    second = _json(40, 5, revision=2)
    changed = [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]
    assert 0 < len(changed) < 40
    for i in changed:
        assert Submission.model_validate_json(second[i]).revision == 2
    for i in set(range(40)) - set(changed):
        assert Submission.model_validate_json(second[i]).revision == 1

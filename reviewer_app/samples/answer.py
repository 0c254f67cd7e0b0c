"""The web system's side of a re-submission, for the demo and the tests (issue 7 §3).

:func:`answer_population` takes the sample population and a results export read back with the
web system's key, and plays the members who were sent a deficiency notice: every other one of
them (in member order: the first, the third, …) uploads a corrected file for each document the
notice asks for again and submits; the others do not answer. Every member who answers carries
the next revision; everybody else stays as exported before, so an import of the bundle updates
exactly the members who answered.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from reviewer_app.bundle.results import DependentResult, iter_notice_documents
from reviewer_app.samples.people import generate_population
from reviewer_app.samples.truth import JST, MemberPlan


@dataclass(frozen=True)
class Answered:
    plans: list[MemberPlan]
    revision: int  # the revision the answering members now carry
    answered: list[str]  # member ids that re-uploaded
    ignored: list[str]  # member ids that were notified and did not answer


def answer_population(members: int, seed: int, base_revision: int,
                      results: list[DependentResult]) -> Answered:
    plans = generate_population(members, seed, base_revision)
    asked: dict[str, dict[str, list[str]]] = {}  # member id -> dependent id -> document ids
    for result in results:
        documents = list(iter_notice_documents(result))
        if documents:
            asked.setdefault(result.member_id, {})[result.dependent_id] = documents
    reviewed = max((r.reviewed_revision for r in results), default=base_revision)
    level = max(reviewed, base_revision, *(p.revision for p in plans)) + 1
    notified = [p for p in plans if p.member_id in asked]
    answered, ignored = [], []
    for n, plan in enumerate(notified):
        if n % 2:
            ignored.append(plan.member_id)
            continue
        _reupload(plan, asked[plan.member_id], seed, level)
        answered.append(plan.member_id)
    return Answered(plans, level, answered, ignored)


def _reupload(plan: MemberPlan, documents: dict[str, list[str]], seed: int, level: int) -> None:
    rng = random.Random(f"{seed}:{plan.member_id}:answer{level}")
    when = datetime(2024, 10, 8, 9, 0, tzinfo=JST) + timedelta(days=level,
                                                              minutes=rng.randint(0, 600))
    for j, scenario in enumerate(plan.scenarios):
        wanted = documents.get(scenario.dependent_id)
        if not wanted or plan.answers[j] is None:
            continue
        for doc in scenario.documents:
            if doc.document_id not in wanted or not doc.files:
                continue
            # A sharper copy of what was there: the same pages, rendered afresh.
            source = doc.files[0]
            doc.files.append(replace(
                source, file_id=f"{source.file_id[:40]}-a{level}", blurred=False,
                uploaded_at=when, variant=rng.getrandbits(32),
                original_name=f"再提出_{source.original_name}"[:255]))
            doc.comment = ""
        plan.statuses[j] = "submitted"
        plan.submitted_at[j] = when
    plan.revision = level
    plan.updated_at = when

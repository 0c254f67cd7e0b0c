"""Write a realistic sample bundle: the population of :mod:`people`, the documents of
:mod:`documents`, sealed with :class:`~reviewer_app.bundle.writer.BundleWriter`.

The same ``(members, seed, revision)`` always gives the same bundle id, the same submissions and
the same file bytes (the signature and the key wrapping are fresh each time: they use fresh
randomness by design). Documents are rendered in worker processes when there are many of them;
the order of objects in the bundle does not depend on the number of workers.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from reviewer_app.bundle.schema import AnswerPeriod, Insurer, Submission, Survey
from reviewer_app.samples.documents import render_file
from reviewer_app.samples.people import (
    ANSWER_END,
    ANSWER_START,
    build_submission,
    generate_population,
    seed_tag,
)
from reviewer_app.samples.truth import JST, TARGET_YEAR, FileSpec, MemberPlan, Scenario

INSURER = Insurer(code="06139812", name="サンプル工業健康保険組合")
SURVEY = Survey(
    survey_id="survey-2024-income-2023",
    name="令和6年度 被扶養者資格調査（令和5年収入）",
    target_year=TARGET_YEAR,
    answer_period=AnswerPeriod(start=ANSWER_START, end=ANSWER_END),
    submission_deadline=date(2024, 9, 30),
    non_submission_exclusion_date=date(2024, 9, 1),  # seed 004: 令和6年9月1日付で扶養除外
)
_PARALLEL_FROM = 120  # files: below this a worker pool costs more than it saves


def bundle_id_for(seed: int, members: int, revision: int) -> str:
    """``sample-<seed tag>-<members>m-r<revision>``: the same inputs give the same id."""
    return f"sample-{seed_tag(seed)}-{members}m-r{revision}"


def created_at_for(revision: int) -> datetime:
    """Export time: after the answer period, one day later per revision."""
    return datetime(2024, 10, 1, 23, 0, tzinfo=JST) + timedelta(days=revision - 1)


@dataclass
class GeneratedBundle:
    path: Path
    bundle_id: str
    revision: int
    members: int
    dependents: int
    attachments: int
    file_bytes: int  # plaintext bytes of every attached file
    bundle_bytes: int  # size of the bundle file
    seconds: float
    plans: list[MemberPlan] = field(repr=False)
    submissions: list[Submission] = field(repr=False)

    @property
    def scenarios(self) -> list[Scenario]:
        """Ground truth for every dependent, in bundle order."""
        return [s for plan in self.plans for s in plan.scenarios]

    def summary(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "bundle_id": self.bundle_id,
            "revision": self.revision,
            "members": self.members,
            "dependents": self.dependents,
            "attachments": self.attachments,
            "file_bytes": self.file_bytes,
            "bundle_bytes": self.bundle_bytes,
            "seconds": round(self.seconds, 2),
        }


def _render_fast(spec: FileSpec) -> bytes:
    return render_file(spec, fast=True)


def _render_full(spec: FileSpec) -> bytes:
    return render_file(spec, fast=False)


def rendered_files(
    plans: Sequence[MemberPlan], *, fast: bool = False, workers: int | None = None
) -> Iterator[tuple[MemberPlan, FileSpec | None, bytes]]:
    """Each plan's files with their bytes, in order, then ``(plan, None, b"")`` after each plan.

    ``workers`` processes render in parallel (default: up to 2, one per CPU, only for many
    files); at most a few dozen rendered files wait in memory.
    """
    render: Callable[[FileSpec], bytes] = _render_fast if fast else _render_full
    total = sum(len(s.files()) for p in plans for s in p.scenarios)
    if workers is None:
        workers = min(2, os.cpu_count() or 1) if total >= _PARALLEL_FROM else 1
    if workers <= 1:
        for plan in plans:
            for scenario in plan.scenarios:
                for spec in scenario.files():
                    yield plan, spec, render(spec)
            yield plan, None, b""
        return
    import multiprocessing

    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from _pipelined(pool, plans, render, window=workers * 12)


def _pipelined(
    pool: Executor, plans: Sequence[MemberPlan], render: Callable[[FileSpec], bytes],
    window: int,
) -> Iterator[tuple[MemberPlan, FileSpec | None, bytes]]:
    queue: deque[tuple[MemberPlan, FileSpec | None, Future[bytes] | None]] = deque()
    in_flight = 0

    def drain(limit: int) -> Iterator[tuple[MemberPlan, FileSpec | None, bytes]]:
        nonlocal in_flight
        while queue and (in_flight > limit or queue[0][2] is None):
            plan, spec, future = queue.popleft()
            if future is None:
                yield plan, None, b""
            else:
                in_flight -= 1
                yield plan, spec, future.result()

    for plan in plans:
        for scenario in plan.scenarios:
            for spec in scenario.files():
                queue.append((plan, spec, pool.submit(render, spec)))
                in_flight += 1
                yield from drain(window)
        queue.append((plan, None, None))
        yield from drain(window)
    yield from drain(-1)


def generate_bundle(
    out: Path,
    *,
    members: int,
    seed: int,
    signing_key: Ed25519PrivateKey,
    recipients: Sequence[X25519PublicKey],
    revision: int = 1,
    fast: bool = False,
    workers: int | None = None,
    plans: list[MemberPlan] | None = None,
    bundle_id: str | None = None,
) -> GeneratedBundle:
    """Write a sample bundle of ``members`` insured members to ``out`` and describe it.

    ``revision`` > 1 revises about 15 % of the members per level (new files, corrected amounts,
    a note in the contact field); their submissions carry that revision number, the others
    stay byte-for-byte as in revision 1. ``fast`` lowers image resolution (benchmarks).
    ``plans`` (with ``bundle_id``) writes a population made elsewhere, e.g. the members' answers
    to a results export (:mod:`reviewer_app.samples.answer`).
    """
    from reviewer_app.bundle.writer import BundleWriter

    started = time.monotonic()
    if plans is None:
        plans = generate_population(members, seed, revision)
    bundle_id = bundle_id or bundle_id_for(seed, members, revision)
    submissions: list[Submission] = []
    attachments = 0
    file_bytes = 0
    with BundleWriter(
        out,
        signing_key=signing_key,
        recipients=recipients,
        insurer=INSURER,
        survey=SURVEY,
        bundle_id=bundle_id,
        created_at=created_at_for(revision),
    ) as writer:
        for plan, spec, data in rendered_files(plans, fast=fast, workers=workers):
            if spec is None:
                submission = build_submission(plan)
                writer.add_submission(submission)
                submissions.append(submission)
            else:
                writer.add_file(spec.file_id, data)
                attachments += 1
                file_bytes += len(data)
    return GeneratedBundle(
        path=out,
        bundle_id=bundle_id,
        revision=revision,
        members=len(plans),
        dependents=sum(len(p.scenarios) for p in plans),
        attachments=attachments,
        file_bytes=file_bytes,
        bundle_bytes=out.stat().st_size,
        seconds=time.monotonic() - started,
        plans=plans,
        submissions=submissions,
    )

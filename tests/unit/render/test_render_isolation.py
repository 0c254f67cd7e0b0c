"""Child processes with a deadline and a memory budget per request (issue 9), and the importer's
content-check pool built on them. The handlers are deterministic (``helpers_isolation``): a
sleep that outlasts its deadline, an allocation over its budget, an abort."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from helpers_crafted import DAMAGED_KINDS
from helpers_documents import make_jpeg, make_pdf

from reviewer_app.render.checker import ContentChecker
from reviewer_app.render.isolation import ChildFailed, LimitedChild
from reviewer_app.render.problems import FileProblem

FACTORY = "helpers_isolation:make_handler"
MB = 1024 * 1024
linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="the memory budget needs RLIMIT_AS and /proc")


@pytest.fixture(scope="module")
def child() -> Iterator[LimitedChild]:
    worker = LimitedChild(FACTORY)
    yield worker
    worker.stop()


def test_payloads_go_both_ways_as_raw_bytes(child: LimitedChild) -> None:
    reply, data = child.request(("echo",), timeout=30, budget=None,
                                payloads=[b"abc" * 1000, b"", b"xy"])
    assert reply == ("echoed", [3000, 0, 2]) and data == [(b"abc" * 1000)[::-1], b"", b"yx"]


def test_a_request_past_its_deadline_kills_the_child() -> None:
    worker = LimitedChild(FACTORY)
    with pytest.raises(ChildFailed) as info:
        worker.request(("sleep", 60), timeout=0.3, budget=None)
    assert info.value.kind == "timeout"
    assert not worker.alive()


@linux_only
def test_an_allocation_over_the_budget_fails_and_one_within_it_does_not() -> None:
    worker = LimitedChild(FACTORY)
    try:
        assert worker.request(("alloc", 32 * MB), timeout=30, budget=128 * MB)[0] == 32 * MB
        with pytest.raises(ChildFailed) as info:
            worker.request(("alloc", 512 * MB), timeout=30, budget=128 * MB)
        assert info.value.kind == "memory"
    finally:
        worker.kill()


@linux_only
def test_the_budget_applies_per_request_not_for_life(child: LimitedChild) -> None:
    assert child.request(("alloc", 64 * MB), timeout=30, budget=None)[0] == 64 * MB
    assert child.request(("alloc", 16 * MB), timeout=30, budget=48 * MB)[0] == 16 * MB
    assert child.request(("alloc", 96 * MB), timeout=30, budget=None)[0] == 96 * MB


def test_a_crashing_child_is_reported_not_fatal() -> None:
    worker = LimitedChild(FACTORY)
    with pytest.raises(ChildFailed) as info:
        worker.request(("abort",), timeout=30, budget=None)
    assert info.value.kind == "crash"


def test_an_unexpected_handler_error_is_a_crash_and_the_child_is_replaced() -> None:
    worker = LimitedChild(FACTORY)
    with pytest.raises(ChildFailed) as info:
        worker.request(("raise",), timeout=30, budget=None)
    assert info.value.kind == "crash" and "RuntimeError" in info.value.detail
    assert not worker.alive()


# --- the content-check pool -----------------------------------------------------------------


@pytest.fixture(scope="module")
def checker() -> Iterator[ContentChecker]:
    pool = ContentChecker(2)
    yield pool
    pool.close()


def test_checker_accepts_sound_files_and_reports_page_counts(checker: ContentChecker) -> None:
    jpeg = checker.check(make_jpeg(), "image/jpeg")
    pdf = checker.check(make_pdf(3), "application/pdf")
    assert (jpeg.problem, jpeg.page_count) == (None, 1)
    assert (pdf.problem, pdf.page_count) == (None, 3)


def test_checker_finds_every_damaged_kind_in_its_children(checker: ContentChecker) -> None:
    futures = [(kind, checker.submit(kind.make(), kind.declared)) for kind in DAMAGED_KINDS]
    assert [(kind.name, future.result().problem) for kind, future in futures] == [
        (kind.name, kind.problem) for kind in DAMAGED_KINDS]


def test_a_check_that_outlasts_its_limit_is_too_complex_and_the_pool_goes_on() -> None:
    pool = ContentChecker(1, timeout_s=0.3, factory=FACTORY)
    try:
        verdict = pool.check(make_jpeg(), "__sleep__")
        assert verdict.problem is FileProblem.TOO_COMPLEX and "timeout" in verdict.detail
        assert pool.check(b"abc", "__echo__").problem is None
    finally:
        pool.close()


def test_a_hostile_file_in_a_batch_is_named_alone() -> None:
    pool = ContentChecker(1, timeout_s=0.5, factory=FACTORY)
    try:
        declared = ["__ok__"] * 4 + ["__sleep__"] + ["__ok__"] * 4
        futures = [pool.submit(bytes([n]) * 100, kind) for n, kind in enumerate(declared)]
        verdicts = [future.result().problem for future in futures]
        assert verdicts == [None] * 4 + [FileProblem.TOO_COMPLEX] + [None] * 4
    finally:
        pool.close()


def test_a_check_that_crashes_its_child_is_damaged() -> None:
    pool = ContentChecker(1, factory=FACTORY)
    try:
        verdict = pool.check(make_jpeg(), "__abort__")
        assert verdict.problem is FileProblem.DAMAGED and "crash" in verdict.detail
    finally:
        pool.close()


def test_checks_run_in_process_where_no_child_can_start() -> None:
    pool = ContentChecker(1, use_process=False)
    try:
        assert pool.check(make_pdf(2), "application/pdf").page_count == 2
        assert pool.check(make_jpeg()[:300], "image/jpeg").problem is FileProblem.DAMAGED
    finally:
        pool.close()

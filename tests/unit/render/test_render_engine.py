"""The viewer's renderer (issue 9): PDFs and photos in child processes, each request under a
deadline and a memory budget; a slow page never holds up another document; abandoning a
document stops its render; cancelled jobs never run. No timing is asserted: the slow page is a
content bomb that takes seconds on any machine, the fast documents milliseconds."""

from __future__ import annotations

import multiprocessing
import queue
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
from helpers_crafted import content_bomb_pdf
from helpers_documents import is_red, make_heic, make_jpeg, make_pdf, make_png, pixel

from reviewer_app.render import engine as engine_module
from reviewer_app.render.engine import ABANDON_GRACE_S, RenderEngine, render_budget
from reviewer_app.render.errors import DocumentError
from reviewer_app.render.types import DocumentInfo, RenderedPage, RenderRequest

PDF = "application/pdf"
Results = queue.Queue[tuple[str, Any]]


@pytest.fixture(scope="module")
def three_pages() -> bytes:
    return make_pdf(3)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """One page whose drawing instructions inflate to 540 MB (issue 9): seconds per render."""
    return content_bomb_pdf(540_000_000)


@pytest.fixture(params=[True, False], ids=["process", "thread"])
def engine(request: pytest.FixtureRequest) -> Iterator[RenderEngine]:
    engine = RenderEngine(use_process=request.param)
    assert engine.wait_ready(60)
    yield engine
    engine.shutdown()


def collect(results: Results, name: str) -> Any:
    return lambda outcome: results.put((name, outcome))


def wait_for(results: Results, name: str, timeout: float = 60) -> Any:
    while True:
        got, outcome = results.get(timeout=timeout)
        if got == name:
            return outcome


def test_engine_opens_and_renders_off_the_calling_thread(engine: RenderEngine,
                                                         three_pages: bytes) -> None:
    results: Results = queue.Queue()
    engine.open("doc", three_pages, PDF, collect(results, "open"))
    info = wait_for(results, "open")
    assert isinstance(info, DocumentInfo) and info.page_count == 3
    engine.render("doc", three_pages, PDF, RenderRequest(2, 0, 200, 283),
                  collect(results, "p3"))
    page = wait_for(results, "p3")
    assert isinstance(page, RenderedPage) and page.width == 200
    engine.render("doc", three_pages, PDF, RenderRequest(7, 0, 200, 283),
                  collect(results, "p8"))
    error = wait_for(results, "p8")
    assert isinstance(error, DocumentError) and error.code == "document-render-failed"


def test_engine_reports_corrupt_pdf_as_value(engine: RenderEngine) -> None:
    results: Results = queue.Queue()
    engine.open("bad", b"%PDF-1.4 nonsense", PDF, collect(results, "open"))
    outcome = wait_for(results, "open")
    assert isinstance(outcome, DocumentError) and outcome.code == "document-corrupt"


def test_photos_open_with_a_quick_pass_and_render_upright(engine: RenderEngine) -> None:
    results: Results = queue.Queue()
    data = make_jpeg(640, 480, orientation=6)
    engine.open("photo", data, "image/jpeg", collect(results, "open"), quick_rotation=0,
                on_quick=collect(results, "quick"))
    quick = wait_for(results, "quick")
    info = wait_for(results, "open")
    assert isinstance(info, DocumentInfo) and info.page_sizes == ((640.0, 480.0),)
    assert isinstance(quick, RenderedPage) and max(quick.width, quick.height) <= 640
    engine.render("photo", data, "image/jpeg", RenderRequest(0, 0, 320, 240),
                  collect(results, "exact"))
    page = wait_for(results, "exact")
    assert isinstance(page, RenderedPage) and (page.width, page.height) == (320, 240)
    assert is_red(pixel(page, 5, 5))


def test_a_render_without_its_document_opens_it_in_whichever_worker_runs_it(
        engine: RenderEngine) -> None:
    results: Results = queue.Queue()
    data = make_heic(640, 480)
    engine.render("never-opened", data, "image/heic", RenderRequest(0, 0, 64, 48),
                  collect(results, "page"))
    assert isinstance(wait_for(results, "page"), RenderedPage)


def test_engine_survives_its_child_process_dying(three_pages: bytes) -> None:
    engine = RenderEngine(workers=1)
    try:
        assert engine.wait_ready(60)
        results: Results = queue.Queue()
        engine.open("doc", three_pages, PDF, collect(results, "open"))
        assert isinstance(wait_for(results, "open"), DocumentInfo)
        children = [c for c in multiprocessing.active_children()
                    if c.name.startswith("reviewer-render")]
        assert children
        for child in children:
            child.kill()
            child.join(5)
        engine.render("doc", three_pages, PDF, RenderRequest(0, 0, 100, 141),
                      collect(results, "first"))
        first = wait_for(results, "first")
        # The job in flight when the child died fails with a message; the next one works again.
        assert isinstance(first, DocumentError) and first.code == "document-render-failed"
        engine.render("doc", three_pages, PDF, RenderRequest(0, 0, 100, 141),
                      collect(results, "second"))
        assert isinstance(wait_for(results, "second"), RenderedPage)
    finally:
        engine.shutdown()


def test_a_page_past_its_deadline_is_stopped_with_a_message(bomb: bytes) -> None:
    engine = RenderEngine(workers=1)
    try:
        results: Results = queue.Queue()
        engine.render("bomb", bomb, PDF, RenderRequest(0, 0, 300, 424),
                      collect(results, "bomb"), deadline_s=0.5)
        error = wait_for(results, "bomb")
        assert isinstance(error, DocumentError) and error.code == "document-timeout"
        assert "時間がかかりすぎる" in error.ja and "took too long" in error.en
        # its worker was replaced: the next document renders
        engine.render("doc", make_pdf(1), PDF, RenderRequest(0, 0, 100, 141),
                      collect(results, "next"))
        assert isinstance(wait_for(results, "next"), RenderedPage)
    finally:
        engine.shutdown()


def test_a_slow_page_does_not_hold_up_another_document(bomb: bytes,
                                                       three_pages: bytes) -> None:
    engine = RenderEngine(workers=2)
    try:
        assert engine.wait_ready(60)
        results: Results = queue.Queue()
        engine.render("bomb", bomb, PDF, RenderRequest(0, 0, 300, 424),
                      collect(results, "bomb"), deadline_s=120)
        while "bomb" not in engine.running_keys():
            time.sleep(0.01)
        engine.render("doc", three_pages, PDF, RenderRequest(0, 0, 100, 141),
                      collect(results, "doc"))
        name, outcome = results.get(timeout=60)
        assert name == "doc" and isinstance(outcome, RenderedPage)
        assert "bomb" in engine.running_keys()  # still drawing on the other worker

        # Abandoning the slow document stops its render: nothing calls back for it.
        while (engine.running_for("bomb") or 0.0) <= ABANDON_GRACE_S:
            time.sleep(0.05)
        engine.abandon("bomb")
        while "bomb" in engine.running_keys():
            time.sleep(0.05)
        engine.render("doc", three_pages, PDF, RenderRequest(1, 0, 100, 71),
                      collect(results, "doc-2"))
        assert isinstance(wait_for(results, "doc-2"), RenderedPage)
        assert results.empty()  # the bomb never answered
    finally:
        engine.shutdown()


@pytest.mark.skipif(not sys.platform.startswith("linux"),
                    reason="the memory budget needs RLIMIT_AS and /proc")
def test_a_decode_over_its_memory_budget_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine_module, "DECODE_ALLOWANCE", 8 * 1024 * 1024)
    # Without PyMuPDF loaded the child has little memory mapped and free, so its growth is
    # what the budget limits (see the engine's module doc).
    engine = RenderEngine(workers=1, warm_pdf=False)
    try:
        results: Results = queue.Queue()
        # A PNG decodes in full whatever the output: 36 MB for a 400 x 300 view.
        scan = make_png(4000, 3000)
        engine.render("scan", scan, "image/png", RenderRequest(0, 0, 400, 300),
                      collect(results, "png"))
        error = wait_for(results, "png")
        assert isinstance(error, DocumentError) and error.code == "document-over-memory"
        # A JPEG decodes at the DCT scale of the output (1/8): within the same small budget.
        photo = make_jpeg(4000, 3000, quality=60)
        engine.render("photo", photo, "image/jpeg", RenderRequest(0, 0, 400, 300),
                      collect(results, "jpeg"))
        assert isinstance(wait_for(results, "jpeg"), RenderedPage)
    finally:
        engine.shutdown()


def test_the_budget_grows_with_the_output_only() -> None:
    small = render_budget(RenderRequest(0, 0, 100, 100))
    large = render_budget(RenderRequest(0, 0, 2000, 2000))
    clipped = render_budget(RenderRequest(0, 0, 20000, 20000, (0, 0, 100, 100)))
    assert small == clipped < large
    assert large - small == engine_module.OUTPUT_FACTOR * 3 * (2000 * 2000 - 100 * 100)


def test_cancelled_jobs_never_run(three_pages: bytes) -> None:
    engine = RenderEngine(workers=1, use_process=False)
    try:
        results: Results = queue.Queue()
        # Keep the worker busy with an open so the next jobs queue up behind it.
        engine.open("doc", three_pages, PDF, collect(results, "open"))
        for number in range(3):
            engine.render("doc", three_pages, PDF, RenderRequest(number, 0, 100, 141),
                          collect(results, f"p{number}"), priority=5,
                          tag="stale" if number < 2 else "wanted")
        engine.cancel("stale")
        seen = {results.get(timeout=30)[0] for _ in range(2)}
        assert seen == {"open", "p2"}
        with pytest.raises(queue.Empty):
            results.get(timeout=0.3)
    finally:
        engine.shutdown()

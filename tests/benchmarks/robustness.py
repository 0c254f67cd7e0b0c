"""Every file under DIR through the import's content check and the viewer's render path (issue 9).

    uv run python tests/benchmarks/robustness.py DIR [--slowest 10]

Each file goes, in child processes that are replaced when one fails, through

* the **import check** (``render.inspect.inspect_file``, with the importer's time and memory
  limits): *accepted* or *quarantined* with its reason; and
* the **render path** of the viewer (``render.backend``, with the viewer's deadline and memory
  budget): open, with a photo's quick pass, the first page fitted into 1000 x 1400 pixels, and
  its 96-pixel thumbnail under the background deadline: *rendered* or a *clean error* (the
  message the examiner sees, by code).

Both report *crash* (the child died), *timeout* or *out of memory* (the child ran out of its
limit) separately: those are the outcomes the limits exist for, and none of them may take the
application down. The declared type of a file is its extension's (as the web system declares
uploads); a file without a known extension is declared as what its bytes look like. Totals per
outcome, the two steps against each other (a file the check accepts but the viewer cannot show
is damage the check did not find), the slowest files of each step and the largest child's peak
memory are printed.
Make a corpus with ``make_corpus.py``; never commit one.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]

DECLARED = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
            ".gif": "image/gif", ".bmp": "image/bmp", ".heic": "image/heic",
            ".heif": "image/heic", ".pdf": "application/pdf"}
FIT = (1000, 1400)
THUMBNAIL_WIDTH = 96


class Isolated:
    """One kind of child, replaced whenever a request kills it."""

    def __init__(self, factory: str) -> None:
        self.factory = factory
        self._child: Any = None

    def request(self, message: Any, *, timeout: float, budget: int | None,
                payloads: tuple[bytes, ...] = ()) -> tuple[Any, list[bytes]]:
        from reviewer_app.render.isolation import ChildFailed, LimitedChild

        if self._child is None:
            self._child = LimitedChild(self.factory, name="robustness")
        try:
            result: tuple[Any, list[bytes]] = self._child.request(
                message, timeout=timeout, budget=budget, payloads=list(payloads))
            return result
        except ChildFailed:
            self._child = None  # killed by request(); the next file gets a new one
            raise

    def stop(self) -> None:
        if self._child is not None:
            self._child.stop()
            self._child = None


def _failure_outcome(failure: Any) -> str:
    return {"timeout": "timeout", "memory": "out of memory"}.get(failure.kind, "crash")


def check(checker: Isolated, data: bytes, declared: str) -> str:
    from reviewer_app.render.checker import CHECK_BUDGET_BYTES, CHECK_TIMEOUT_S
    from reviewer_app.render.isolation import ChildFailed

    try:
        reply, _ = checker.request(("inspect", [declared]), timeout=CHECK_TIMEOUT_S,
                                   budget=CHECK_BUDGET_BYTES, payloads=(data,))
    except ChildFailed as failure:
        return _failure_outcome(failure)
    verdict = reply[0]
    return "accepted" if verdict.problem is None else f"quarantined: {verdict.problem.value}"


def render(renderer: Isolated, data: bytes, key: str) -> str:
    """The viewer's path for one file: open (+ quick pass), fitted first page, thumbnail."""
    from reviewer_app.render.engine import (
        DEADLINE_BACKGROUND_S,
        DEADLINE_VIEW_S,
        DECODE_ALLOWANCE,
        OPEN_BUDGET,
        render_budget,
    )
    from reviewer_app.render.isolation import START_TIMEOUT_S, ChildFailed
    from reviewer_app.render.sniff import PDF, sniff_media_type
    from reviewer_app.render.types import RenderRequest

    media_type = sniff_media_type(data)
    if media_type is None:
        return "clean error: document-unsupported"
    try:
        if media_type == PDF:
            renderer.request(("prepare-pdf",), timeout=START_TIMEOUT_S, budget=None)
        quick = None if media_type == PDF else 0
        reply, _ = renderer.request(("open", key, media_type, quick), timeout=DEADLINE_VIEW_S,
                                    budget=OPEN_BUDGET + DECODE_ALLOWANCE, payloads=(data,))
        if reply[0] == "error":
            return f"clean error: {reply[3]}"
        width, height = reply[1].page_sizes[0]
        zoom = min(FIT[0] / max(width, 1e-3), FIT[1] / max(height, 1e-3))
        whole = RenderRequest(0, 0, max(1, round(width * zoom)), max(1, round(height * zoom)))
        thumb_zoom = THUMBNAIL_WIDTH / max(width, 1e-3)
        thumb = RenderRequest(0, 0, THUMBNAIL_WIDTH, max(1, round(height * thumb_zoom)))
        for request, deadline in ((whole, DEADLINE_VIEW_S), (thumb, DEADLINE_BACKGROUND_S)):
            reply, _ = renderer.request(("render", key, request), timeout=deadline,
                                        budget=render_budget(request))
            if reply[0] == "error":
                return f"clean error: {reply[3]}"
        renderer.request(("close", key), timeout=DEADLINE_VIEW_S, budget=None)
    except ChildFailed as failure:
        return _failure_outcome(failure)
    return "rendered"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--slowest", type=int, default=10)
    args = parser.parse_args()
    from reviewer_app.render.sniff import sniff_media_type

    files = sorted(p for p in args.dir.rglob("*") if p.is_file())
    checker = Isolated("reviewer_app.render.inspect:make_handler")
    renderer = Isolated("reviewer_app.render.backend:make_handler")
    checks: Counter[str] = Counter()
    renders: Counter[str] = Counter()
    both: Counter[tuple[str, str]] = Counter()
    check_times: list[tuple[float, str, str]] = []
    render_times: list[tuple[float, str, str]] = []
    # Start both children first: their start (MuPDF's import) is not any file's time.
    from reviewer_app.render.isolation import START_TIMEOUT_S

    checker.request(("inspect", ["image/png"]), timeout=START_TIMEOUT_S, budget=None,
                    payloads=(b"warm-up",))
    renderer.request(("prepare-pdf",), timeout=START_TIMEOUT_S, budget=None)
    started = time.perf_counter()
    try:
        for n, path in enumerate(files):
            data = path.read_bytes()
            declared = DECLARED.get(path.suffix.lower()) or sniff_media_type(data) or "image/png"
            t = time.perf_counter()
            outcome = check(checker, data, declared)
            check_times.append((time.perf_counter() - t, path.name, outcome))
            checks[outcome] += 1
            t = time.perf_counter()
            shown = render(renderer, data, f"file-{n}")
            render_times.append((time.perf_counter() - t, path.name, shown))
            renders[shown] += 1
            both[outcome.split(":")[0], shown.split(":")[0]] += 1
    finally:
        checker.stop()
        renderer.stop()
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{len(files)} files from {args.dir} in {elapsed:.0f} s")
    for title, counts in (("import check", checks), ("render path", renders)):
        print(f"\n{title}:")
        for outcome, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
            print(f"  {count:5d}  {outcome}")
    print("\nimport check x render path:")
    for (checked, shown), count in sorted(both.items(), key=lambda item: -item[1]):
        print(f"  {count:5d}  {checked} -> {shown}")
    for title, times in (("slowest import checks", check_times),
                         ("slowest renders", render_times)):
        print(f"\n{title}:")
        for seconds, name, outcome in sorted(times, reverse=True)[: args.slowest]:
            print(f"  {seconds * 1000:8.0f} ms  {name}  ({outcome})")
    print(f"\nlargest child's peak resident memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

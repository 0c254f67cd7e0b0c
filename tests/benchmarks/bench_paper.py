"""Paper survey entry (issue 14): how long one entry takes through the service, and the check.

    uv run python tests/benchmarks/bench_paper.py [--members 24] [--runs 3]

A demo workspace is made in a temporary folder (its two paper members are entered while it is
created). Each run enters a not-submitted dependent's answers with the sample generator's
12-page scanned payslips (about 0.5 MB, split by page range into two files: the whole scan is
checked in the bounded child, split by PyMuPDF, each part checked again, sealed and stored),
then a second examiner checks it. Printed: the median wall time of each step in ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=40)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from reviewer_app.commands.demo import DEMO_SEED, ensure_demo_workspace
    from reviewer_app.samples.paper import paper_samples
    from reviewer_app.services.paper import PaperService, Scan
    from reviewer_app.services.workspace import open_session

    root = Path(tempfile.mkdtemp(prefix="bench-paper-"))
    try:
        started = time.perf_counter()
        demo = ensure_demo_workspace(root / "demo", members=args.members, seed=DEMO_SEED)
        print(f"demo workspace with paper members: {time.perf_counter() - started:.1f} s")
        samples = paper_samples(args.members, DEMO_SEED, count=2 + args.runs)[2:]
        enter_ms, check_ms = [], []
        with open_session(demo.dir, "examiner", demo.passwords["examiner"]) as examiner, \
                open_session(demo.dir, "examiner2", demo.passwords["examiner2"]) as second:
            for k, sample in enumerate(samples):
                scan = root / f"scan{k}.pdf"
                scan.write_bytes(sample.scan_pdf)
                service = PaperService(examiner)
                target = service.find(sample.member, sample.dependent_id)
                half = sample.pages // 2
                t0 = time.perf_counter()
                service.enter(target.case_id, sample.answers,
                              [Scan("payslip", scan, (1, half)),
                               Scan("payslip", scan, (half + 1, sample.pages))])
                t1 = time.perf_counter()
                PaperService(second).check(target.case_id)
                t2 = time.perf_counter()
                enter_ms.append((t1 - t0) * 1000)
                check_ms.append((t2 - t1) * 1000)
                print(f"  entry {k + 1}: {len(sample.scan_pdf) / 1e6:.2f} MB, "
                      f"{sample.pages} pages: enter {enter_ms[-1]:.0f} ms, "
                      f"check {check_ms[-1]:.0f} ms")
        print(f"median enter {statistics.median(enter_ms):.0f} ms, "
              f"check {statistics.median(check_ms):.0f} ms ({len(enter_ms)} runs)")
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

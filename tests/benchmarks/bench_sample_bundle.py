"""Benchmark: generate the 500-member sample bundle the import benchmark uses.

    uv run python tests/benchmarks/bench_sample_bundle.py [--members 500] [--fast] [--workers K]

Prints the time, the counts and the sizes. Goal: 500 members (about 1,000 dependents and
3,000 attachments) within 2–3 minutes on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from collections import Counter
from pathlib import Path


def main() -> None:
    from reviewer_app.samples.generate import generate_bundle
    from reviewer_app.security.keys import generate_recipient_key, generate_signing_key

    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fast", action="store_true")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sample-") as tmp:
        out = Path(tmp) / "bench.rvb"
        started = time.perf_counter()
        result = generate_bundle(out, members=args.members, seed=args.seed,
                                 signing_key=generate_signing_key(),
                                 recipients=[generate_recipient_key().public_key()],
                                 fast=args.fast, workers=args.workers)
        seconds = time.perf_counter() - started
    formats = Counter(f.fmt.value for s in result.scenarios for f in s.files())
    kinds = Counter(s.kind.value for s in result.scenarios)
    print(json.dumps({
        "members": result.members,
        "dependents": result.dependents,
        "attachments": result.attachments,
        "file_mb": round(result.file_bytes / 1e6, 1),
        "bundle_mb": round(result.bundle_bytes / 1e6, 1),
        "seconds": round(seconds, 1),
        "cpus": os.cpu_count(),
        "fast": args.fast,
        "formats": dict(formats.most_common()),
        "kinds": dict(kinds.most_common()),
    }, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()

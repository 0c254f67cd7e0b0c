"""Import benchmark (issue 3 §7): ``uv run python tests/benchmarks/bench_import.py [--members N…]``.

For each size (default 500 then 1,000 members, two dependents each, three files per dependent):
generate a bundle addressed to a fresh SQLite workspace, import it in a child process (so its
peak RSS is its own), and print

* the import's throughput (bundle file bytes / wall time of ``import_bundle``),
* the machine's raw rate measured in the same run over the same bytes: every object's ciphertext
  SHA-256 and AES-256-GCM decryption (``raw crypto``, the DESIGN.md baseline), and the same
  including reading the entries from the zip (``raw + zip read``),
* the ratio, and peak memory: ru_maxrss of the importing child and, in a second child, the
  tracemalloc peak of Python allocations during the import.

The bundles are synthetic (``tests/integration/helpers_synthetic.py``). With ``--documents real``
(the default) every file is a genuine scanned-looking PDF, JPEG or PNG at a realistic size, so the
importer's content check (issue 9) does its real work; ``--documents padded`` uses the older
stand-ins (real headers followed by random bytes), which the content check quarantines as
damaged. Generation takes seconds to a minute, so nothing is cached.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing as mp
import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "integration"), str(ROOT)]


def _child(ws_dir: str, password: str, bundle: str, trace: bool, out: Any) -> None:
    from reviewer_app.services.importing import import_bundle
    from reviewer_app.services.workspace import open_session

    with open_session(Path(ws_dir), "examiner", password) as ws:
        if trace:
            tracemalloc.start()
        start = time.perf_counter()
        summary = import_bundle(ws, Path(bundle))
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1] if trace else 0
        if trace:
            tracemalloc.stop()
    out.send({"elapsed": elapsed, "peak_traced": peak, "attachments": summary.attachments,
              "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
              "children_maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
              "quarantined": dict(getattr(summary, "quarantined", {}))})


def _run_child(ws_dir: Path, password: str, bundle: Path, trace: bool) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_child, args=(str(ws_dir), password, str(bundle), trace, child))
    proc.start()
    result: dict[str, Any] = parent.recv()
    proc.join()
    return result


def _raw_rates(bundle: Path, bundle_key: bytes) -> tuple[float, float, int]:
    """(crypto-only MB/s, with-zip-read MB/s, ciphertext bytes) over every object."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    aes = AESGCM(bundle_key)
    crypto = 0.0
    total = 0
    start = time.perf_counter()
    with zipfile.ZipFile(bundle) as zf:
        for info in zf.infolist():
            if not info.filename.startswith("objects/"):
                continue
            with zf.open(info) as fh:
                sealed = fh.read()
            t = time.perf_counter()
            hashlib.sha256(sealed).hexdigest()
            aes.decrypt(sealed[:12], sealed[12:], info.filename[8:].encode())
            crypto += time.perf_counter() - t
            total += len(sealed)
    with_read = time.perf_counter() - start
    return total / crypto / 1e6, total / with_read / 1e6, total


def bench(members: int, workdir: Path, *, real: bool, scale: float) -> dict[str, Any]:
    from helpers_import import bundle_keys, make_workspace
    from helpers_synthetic import write_synthetic_bundle

    from reviewer_app.bundle.reader import open_bundle
    from reviewer_app.services.exporters import recipient_private_key, trusted_keys

    rows: dict[str, Any] = {"members": members}
    for attempt, trace in ((0, False), (1, True)):
        root = workdir / f"m{members}-{attempt}"
        ws = make_workspace(root, None)
        keys = bundle_keys(ws)
        bundle = root / "bundle.zip"
        t = time.perf_counter()
        counts = write_synthetic_bundle(bundle, keys, members, scale=scale, real=real)
        rows["generate_s"] = time.perf_counter() - t
        os.sync()  # the bundle on disk, so its write-back does not compete with the import
        size = bundle.stat().st_size
        admin = ws.login("admin")
        with admin.transaction(readonly=True) as db:
            trusted = trusted_keys(db)
        reader = open_bundle(bundle, trusted_signers=trusted,
                             recipient_key=recipient_private_key(admin))
        own = [r for r in reader.manifest.recipients]
        bundle_key = own[0].unwrap(recipient_private_key(admin))
        reader.close()
        ws.close()
        if not trace:
            rows["raw_crypto"], rows["raw_read"], rows["cipher_bytes"] = _raw_rates(
                bundle, bundle_key)
            result = _run_child(ws.dir, ws.password("examiner"), bundle, trace=False)
            rows.update(size=size, files=counts["files"], dependents=counts["dependents"],
                        elapsed=result["elapsed"], maxrss_mib=result["maxrss_kib"] / 1024,
                        children_maxrss_mib=result["children_maxrss_kib"] / 1024,
                        quarantined=result["quarantined"])
            rows["import"] = size / result["elapsed"] / 1e6
            # a second raw measurement after the import, so both see the same cache state
            crypto2, read2, _ = _raw_rates(bundle, bundle_key)
            rows["raw_crypto"] = max(rows["raw_crypto"], crypto2)
            rows["raw_read"] = max(rows["raw_read"], read2)
        else:
            result = _run_child(ws.dir, ws.password("examiner"), bundle, trace=True)
            rows["traced_peak_mib"] = result["peak_traced"] / 2**20
        shutil.rmtree(root, ignore_errors=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[500, 1000])
    parser.add_argument("--documents", choices=("real", "padded"), default="real",
                        help="genuine documents (default) or padded stand-ins")
    parser.add_argument("--scale", type=float, default=0.4,
                        help="file size factor (1.0: 600 KB PDF, 1.5 MB JPEG, 400 KB PNG)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where bundles and workspaces go (default: a temp dir)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-", dir=args.workdir))
    try:
        for members in args.members:
            r = bench(members, workdir, real=args.documents == "real", scale=args.scale)
            print(f"{r['members']} members, {r['dependents']} dependents, {r['files']} files, "
                  f"{r['size'] / 1e6:,.0f} MB bundle (generated in {r['generate_s']:.1f} s)")
            print(f"  import        {r['import']:8.1f} MB/s  ({r['elapsed']:.2f} s)")
            print(f"  raw crypto    {r['raw_crypto']:8.1f} MB/s  (SHA-256 + AES-GCM decrypt)")
            print(f"  raw + zip read{r['raw_read']:8.1f} MB/s")
            print(f"  ratio raw/import {r['raw_crypto'] / r['import']:.2f}x "
                  f"(vs raw + read {r['raw_read'] / r['import']:.2f}x); goal <= 2x")
            print(f"  peak memory   ru_maxrss {r['maxrss_mib']:.0f} MiB, "
                  f"tracemalloc peak {r['traced_peak_mib']:.1f} MiB, "
                  f"largest child (content check) {r['children_maxrss_mib']:.0f} MiB")
            print(f"  quarantined   {sum(r['quarantined'].values())} "
                  f"{dict(sorted(r['quarantined'].items()))}")
            sys.stdout.flush()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

"""Backup benchmark (issue 10 §2): ``uv run python tests/benchmarks/bench_backup.py [--gb 1.0]``.

Builds a SQLite workspace holding about ``--gb`` GB of documents (a synthetic bundle, as
bench_import.py makes, imported through the services), then in child processes (so that each peak
RSS is its own) takes a backup with ``reviewer_app.services.backup.backup_workspace`` and restores
it with ``restore_workspace``, and prints for each: wall time, throughput over the database's
size, peak memory (ru_maxrss of the child) and the tracemalloc peak of Python allocations.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "integration"), str(ROOT)]

MB_PER_MEMBER = 5.0  # helpers_synthetic: two dependents, three files of ~2.5 MB together


def _child(kind: str, args: tuple[str, str], out: Any) -> None:
    from reviewer_app.services.backup import backup_workspace, restore_workspace

    tracemalloc.start()
    start = time.perf_counter()
    if kind == "backup":
        backup_workspace(Path(args[0]), Path(args[1]))
    else:
        restore_workspace(Path(args[0]), Path(args[1]))
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    out.send({"elapsed": elapsed, "traced_peak": peak,
              "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss})


def _run_child(kind: str, *args: str) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_child, args=(kind, args, child))
    proc.start()
    result: dict[str, Any] = parent.recv()
    proc.join()
    return result


def build(workdir: Path, gigabytes: float) -> tuple[Path, int, float]:
    from helpers_import import bundle_keys, make_workspace
    from helpers_synthetic import write_synthetic_bundle

    from reviewer_app.services.importing import import_bundle

    members = max(1, round(gigabytes * 1000 / MB_PER_MEMBER))
    ws = make_workspace(workdir / "build", None)
    keys = bundle_keys(ws)
    bundle = workdir / "bundle.zip"
    start = time.perf_counter()
    counts = write_synthetic_bundle(bundle, keys, members)
    with ws.login("examiner") as session:
        import_bundle(session, bundle)
    ws.close()
    bundle.unlink()
    return ws.dir, counts["bytes"], time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gb", type=float, default=1.0, help="documents in the workspace (GB)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="where the workspace and the backup go (default: a temp dir)")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-backup-", dir=args.workdir))
    try:
        directory, documents, built = build(workdir, args.gb)
        database = (directory / "workspace.sqlite3").stat().st_size
        print(f"workspace: {documents / 1e9:.2f} GB of documents, database "
              f"{database / 1e9:.2f} GB (built in {built:.0f} s)")
        out = workdir / "backup.rvbackup"
        backup = _run_child("backup", str(directory), str(out))
        print(f"  backup   {backup['elapsed']:7.1f} s  {database / backup['elapsed'] / 1e6:7.0f} "
              f"MB/s  peak RSS {backup['maxrss_kib'] / 1024:5.0f} MiB  tracemalloc peak "
              f"{backup['traced_peak'] / 2**20:6.1f} MiB  file {out.stat().st_size / 1e9:.2f} GB")
        restore = _run_child("restore", str(out), str(workdir / "restored"))
        print(f"  restore  {restore['elapsed']:7.1f} s  {database / restore['elapsed'] / 1e6:7.0f}"
              f" MB/s  peak RSS {restore['maxrss_kib'] / 1024:5.0f} MiB  tracemalloc peak "
              f"{restore['traced_peak'] / 2**20:6.1f} MiB  (checksums, integrity_check, "
              "audit chain)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()

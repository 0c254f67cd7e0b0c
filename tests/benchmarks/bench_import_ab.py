"""Import throughput, this tree against a baseline tree, alternating on one bundle (issue 9).

    git archive main reviewer_app resources db | (mkdir -p /tmp/base && tar -x -C /tmp/base)
    uv run python tests/benchmarks/bench_import_ab.py --base /tmp/base [--members 1000]

Other work on a shared machine moves a single import's throughput by 20 % or more from one run
to the next, so a before/after comparison of two separate benchmark runs says little. This one
makes one bundle of genuine documents (``helpers_synthetic``, ``real=True``) addressed to two
empty workspaces, one initialised by each tree, and imports it ``--rounds`` times into a fresh
copy of each, alternating which tree goes first. Each import runs in its own process with that
tree's code (``PYTHONPATH``). It prints every run, the median throughput of each tree and their
ratio; the content check's children are counted in the "new" tree's wall time, as they should.
It also prints the CPU seconds each import spent (its process and its children): that figure
does not depend on what else the machine runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TESTS = [str(ROOT / "tests"), str(ROOT / "tests" / "integration")]

_MAKE_WORKSPACE = """
import json, sys
from pathlib import Path
from helpers_import import make_workspace
from reviewer_app.security import keys as key_text
from reviewer_app.services.exporters import trust_exporter
from reviewer_app.services.workspace import open_session
ws = make_workspace(Path(sys.argv[1]), None)
with open_session(ws.dir, "admin", ws.password("admin")) as admin:
    trust_exporter(admin, sys.argv[2])
print(json.dumps({"dir": str(ws.dir), "password": ws.password("examiner"),
                  "recipient": ws.recipient_public_text()}))
"""

_IMPORT = """
import json, resource, sys, time
from pathlib import Path
from reviewer_app.services.importing import import_bundle
from reviewer_app.services.workspace import open_session
def cpu(who):
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime
with open_session(Path(sys.argv[1]), "examiner", sys.argv[2]) as ws:
    start, cpu0 = time.perf_counter(), cpu(resource.RUSAGE_SELF)
    summary = import_bundle(ws, Path(sys.argv[3]))
    elapsed, cpu_self = time.perf_counter() - start, cpu(resource.RUSAGE_SELF) - cpu0
try:  # the content check's children count once they have exited
    from reviewer_app.render.checker import shared_checker
    shared_checker().close()
except ImportError:
    pass
print(json.dumps({"elapsed": elapsed, "attachments": summary.attachments,
                  "quarantined": dict(getattr(summary, "quarantined", {})),
                  "cpu_self": cpu_self, "cpu_children": cpu(resource.RUSAGE_CHILDREN),
                  "maxrss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _run(code: str, tree: Path, *args: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tree), *TESTS]))
    out = subprocess.run([sys.executable, "-c", code, *args], env=env, check=True,
                         capture_output=True, text=True, cwd=tree).stdout
    result: dict[str, object] = json.loads(out.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the baseline tree")
    parser.add_argument("--members", type=int, default=1000)
    parser.add_argument("--scale", type=float, default=0.45)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    sys.path[:0] = [str(ROOT), *TESTS]
    from helpers_bundles import BundleKeys
    from helpers_synthetic import write_synthetic_bundle

    from reviewer_app.security import keys as key_text
    from reviewer_app.security.keys import generate_signing_key

    trees = {"base": args.base.resolve(), "new": ROOT}
    work = Path(tempfile.mkdtemp(prefix="bench-import-ab-", dir=args.workdir))
    try:
        signing = generate_signing_key()
        signer_text = key_text.public_key_to_text(signing.public_key())
        templates = {name: _run(_MAKE_WORKSPACE, tree, str(work / name), signer_text)
                     for name, tree in trees.items()}
        recipients = [key_text.public_key_from_text(str(t["recipient"]))
                      for t in templates.values()]
        bundle = work / "bundle.zip"
        t0 = time.perf_counter()
        counts = write_synthetic_bundle(
            bundle, BundleKeys(signing, recipients[0]), args.members,  # type: ignore[arg-type]
            scale=args.scale, real=True, also_to=tuple(recipients[1:]))
        size = bundle.stat().st_size
        print(f"{counts['members']} members, {counts['files']} files, {size / 1e6:,.0f} MB "
              f"bundle of genuine documents (generated in {time.perf_counter() - t0:.0f} s)")
        os.sync()
        rates: dict[str, list[float]] = {name: [] for name in trees}
        cpu: dict[str, list[float]] = {name: [] for name in trees}
        for round_no in range(args.rounds):
            order = list(trees) if round_no % 2 == 0 else list(reversed(trees))
            for name in order:
                copy = work / f"run-{name}"
                shutil.copytree(Path(str(templates[name]["dir"])), copy)
                load = os.getloadavg()[0]
                result = _run(_IMPORT, trees[name], str(copy), str(templates[name]["password"]),
                              str(bundle))
                shutil.rmtree(copy)
                rate = size / float(str(result["elapsed"])) / 1e6
                rates[name].append(rate)
                spent = float(str(result["cpu_self"])) + float(str(result["cpu_children"]))
                cpu[name].append(spent)
                print(f"  round {round_no + 1} {name:<4} {rate:7.1f} MB/s "
                      f"({float(str(result['elapsed'])):.1f} s, cpu {spent:.1f} s of which "
                      f"children {float(str(result['cpu_children'])):.1f} s, load {load:.1f}, "
                      f"rss {float(str(result['maxrss_mib'])):.0f} MiB, "
                      f"quarantined {result['quarantined']})", flush=True)
        base, new = statistics.median(rates["base"]), statistics.median(rates["new"])
        print(f"median: base {base:.1f} MB/s, new {new:.1f} MB/s, new/base {new / base:.3f}")
        cb, cn = statistics.median(cpu["base"]), statistics.median(cpu["new"])
        print(f"median CPU seconds (import process + its children): base {cb:.1f}, "
              f"new {cn:.1f}, new/base {cn / cb:.3f}")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

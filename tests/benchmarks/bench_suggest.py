"""Suggestion benchmark (issue 11 §5): how well the readers read the generator's payslips.

Run on demand (pytest does not collect this directory); OCR needs the extra:

    uv sync --extra ocr
    uv run python tests/benchmarks/bench_suggest.py [--members 80] [--seed 5] [--pages 60]

Over the sample generator's payslip and bonus-slip files, whose true payment month, kind and
gross are recorded (samples.truth), per source — the text layer (PDF), photos (JPEG photos,
HEIC photos, PNG screenshots) and scans (scanned PDFs, BMP and GIF scans) — it prints:

* right: slips whose month, kind and gross were all suggested correctly;
* none: slips with no suggestion (the examiner types them);
* wrong: suggestions that match no slip of their page; confident wrong: those at or above the
  confidence the UI shows as sure (suggest.model.CONFIDENT) — worse than none;
* processor seconds per page of the reading process (OCR runs on one core) and wall seconds;
* the peak resident memory of the reading child process.

Goals: text layer 100 % right and 0 confident wrong; photos and scans at least 90 % right and
under 1 % confident wrong; under 1 s per page for OCR on one core. Blurred photos (planted as
unreadable) are left out of the share and reported on their own line: they should give no
confident suggestion. Files are read one at a time by the same child process the window uses
(suggest.worker.SuggestWorker).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # the project root

from reviewer_app.samples.documents import render_file
from reviewer_app.samples.people import generate_population
from reviewer_app.samples.truth import (
    BonusPage,
    FileFormat,
    FileSpec,
    PayslipPage,
    payslip_style,
)
from reviewer_app.suggest import ocr
from reviewer_app.suggest.model import CONFIDENT
from reviewer_app.suggest.worker import SuggestWorker

SOURCES: dict[FileFormat, str] = {
    FileFormat.PDF: "text", FileFormat.JPEG_PHOTO: "photo", FileFormat.HEIC_PHOTO: "photo",
    FileFormat.PNG_SCREENSHOT: "photo", FileFormat.PDF_SCAN: "scan",
    FileFormat.BMP_SCAN: "scan", FileFormat.GIF_SCAN: "scan",
}


@dataclass
class Tally:
    slips: int = 0
    right: int = 0
    none: int = 0
    wrong: int = 0
    confident_wrong: int = 0
    pages: int = 0
    cpu: float = 0.0
    wall: float = 0.0
    misses: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        share = self.right / self.slips if self.slips else 0.0
        cw = self.confident_wrong / self.slips if self.slips else 0.0
        per_cpu = self.cpu / self.pages if self.pages else 0.0
        per_wall = self.wall / self.pages if self.pages else 0.0
        return (f"{name:<14} slips {self.slips:4d}  right {self.right:4d} ({share:6.1%})  "
                f"none {self.none:3d}  wrong {self.wrong:3d}  confident wrong "
                f"{self.confident_wrong:3d} ({cw:5.1%})  {per_cpu:5.2f} s cpu/page  "
                f"{per_wall:5.2f} s wall/page")


def truth(page: PayslipPage | BonusPage) -> tuple[str, str, int]:
    if isinstance(page, PayslipPage):
        return page.slip.pay_month, "salary", page.slip.gross
    return f"{page.bonus.pay_date:%Y-%m}", "bonus", page.bonus.gross


def files(members: int, seed: int) -> list[FileSpec]:
    return [f for plan in generate_population(members, seed) for s in plan.scenarios
            for f in s.files() if f.pages and all(isinstance(p, PayslipPage | BonusPage)
                                                   for p in f.pages)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--members", type=int, default=80)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--pages", type=int, default=60,
                        help="pages read per source at most (text: four times as many)")
    args = parser.parse_args()
    if not ocr.available():
        print("bench_suggest: the OCR extra is not installed (uv sync --extra ocr)")
        return 2
    budget = {"text": args.pages * 4, "photo": args.pages, "scan": args.pages}
    tallies: dict[str, Tally] = defaultdict(Tally)
    done: dict[str, int] = defaultdict(int)
    with SuggestWorker() as worker:
        worker.read(render_file(files(1, args.seed)[0]))  # start the child, load the models
        for spec in files(args.members, args.seed):
            source = SOURCES[spec.fmt]
            if done[source] >= budget[source]:
                continue
            done[source] += len(spec.pages)
            result = worker.read(render_file(spec))
            names = ["blurred" if spec.blurred else source, f"  {spec.fmt.value}"]
            if not spec.blurred:
                names += [f"  {payslip_style(p.employer)}" for p in spec.pages[:1]
                          if isinstance(p, PayslipPage | BonusPage)]
            _score(spec, result, [tallies[n] for n in names])
        peak_mb = worker.child_peak_kb / 1024
    print(f"bench_suggest: {ocr.package()}, confident = {CONFIDENT}, members {args.members}, "
          f"seed {args.seed}")
    for name in sorted(tallies, key=lambda n: (n.strip() != n, n)):
        print(tallies[name].line(name))
    print(f"peak memory of the reading child process: {peak_mb:.0f} MB")
    for name in ("text", "photo", "scan", "blurred"):
        for miss in tallies[name].misses[:12]:
            print(f"  {name}: {miss}")
    return 0


def _score(spec: FileSpec, result: object, tallies: list[Tally]) -> None:
    from reviewer_app.suggest.model import FileResult

    assert isinstance(result, FileResult)
    pages = result.pages if result.error is None else ()
    # a photo of several slips is one page holding all of them
    groups = [list(spec.pages)] if len(pages) == 1 and len(spec.pages) > 1 else \
        [[p] for p in spec.pages]
    for tally in tallies:
        tally.pages += max(1, len(spec.pages))
        tally.cpu += result.cpu_seconds
        tally.wall += result.seconds
    for index, sources in enumerate(groups):
        readings = list(pages[index].readings) if index < len(pages) else []
        for source in sources:
            assert isinstance(source, PayslipPage | BonusPage)
            want = truth(source)
            hit = next((r for r in readings if (r.month, r.kind.value, r.gross) == want), None)
            for tally in tallies:
                tally.slips += 1
                if hit is not None:
                    tally.right += 1
                elif not readings:
                    tally.none += 1
            if hit is not None:
                readings.remove(hit)
            elif not readings:
                tallies[0].misses.append(f"{spec.file_id} p{index + 1} none, truth {want}")
        for r in readings:
            got = (r.month, r.kind.value, r.gross, r.confidence)
            for tally in tallies:
                tally.wrong += 1
                tally.confident_wrong += r.confidence >= CONFIDENT
            wanted = [truth(s) for s in sources if isinstance(s, PayslipPage | BonusPage)]
            tallies[0].misses.append(f"{spec.file_id} p{index + 1} wrong {got}, truth {wanted}")


if __name__ == "__main__":
    sys.exit(main())

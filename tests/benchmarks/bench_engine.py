"""Benchmark: evaluate 100,000 generated cases on one core and print cases per second.

Run on demand: ``uv run python tests/benchmarks/bench_engine.py [N]``. Cases are generated
deterministically (fixed seed) before timing: 1–3 employers, 12–24 months, bonuses, some
pensions, self-employment and benefits. Goal (DESIGN.md): at least 10,000 cases per second.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date

from reviewer_app.domain.case import (
    Benefit,
    Bonus,
    Case,
    Dependent,
    Employer,
    Insured,
    Payment,
    Pension,
    SelfEmployment,
)
from reviewer_app.domain.dates import YearMonth
from reviewer_app.domain.engine import evaluate
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.vocabulary import BenefitKind, Relationship

GOAL = 10_000


def generate(n: int, seed: int = 20240902) -> list[Case]:
    rng = random.Random(seed)
    cases: list[Case] = []
    for _ in range(n):
        months = rng.randint(12, 24)
        employers = []
        for e in range(rng.randint(1, 3)):
            base = rng.randint(30_000, 140_000) // (e + 1)
            payments = tuple(Payment(YearMonth.from_index(2023 * 12 + m),
                                     max(0, base + rng.randint(-20_000, 20_000)))
                             for m in range(months))
            bonuses = tuple(Bonus(YearMonth(2023 + k // 2, 7 if k % 2 == 0 else 12),
                                  rng.randint(1, 200_000))
                            for k in range(rng.randint(0, 3)))
            employers.append(Employer(f"E{e}", rng.choice((10, 15, 20, 25, 31)),
                                      rng.randint(0, 2), rng.choice((None, 5, 25)),
                                      payments, bonuses))
        birth = date(rng.randint(1950, 2006), rng.randint(1, 12), rng.randint(1, 28))
        cases.append(Case(
            judgment_date=date(2024, 9, 2) if rng.random() < 0.5 else date(2025, 10, 15),
            target_year=2023,
            dependent=Dependent(birth, rng.choice((Relationship.SPOUSE, Relationship.CHILD,
                                                   Relationship.PARENT)),
                                living_with_insured=rng.random() < 0.9),
            insured=Insured(rng.choice((None, 5_000_000)), rng.choice((None, 1_400_000))),
            employers=tuple(employers),
            pensions=(Pension("old_age", 600_000),) if rng.random() < 0.1 else (),
            self_employment=((SelfEmployment(800_000, 950_000),) if rng.random() < 0.05 else ()),
            benefits=((Benefit(BenefitKind.UNEMPLOYMENT, rng.randint(2_000, 6_000),
                               date(2023, 6, 1)),) if rng.random() < 0.05 else ()),
        ))
    return cases


def main(argv: list[str]) -> int:
    n = int(argv[1]) if len(argv) > 1 else 100_000
    profile = RuleProfile()
    t0 = time.perf_counter()
    cases = generate(n)
    t1 = time.perf_counter()
    verdicts: dict[str, int] = {}
    for case in cases:
        ev = evaluate(case, profile)
        verdicts[ev.verdict] = verdicts.get(ev.verdict, 0) + 1
    t2 = time.perf_counter()
    rate = n / (t2 - t1)
    print(f"generated {n} cases in {t1 - t0:.1f} s; verdicts {dict(sorted(verdicts.items()))}")
    print(f"evaluated {n} cases in {t2 - t1:.2f} s: {rate:,.0f} cases/s "
          f"(goal {GOAL:,}/s: {'met' if rate >= GOAL else 'NOT met'})")
    return 0 if rate >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))

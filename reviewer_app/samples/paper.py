"""Paper surveys of the sample population (issue 14): what a member who did not answer on the web
wrote on the paper form, and a scanner's multi-page PDF of the payslips they enclosed.

The not-submitted dependents of :func:`~reviewer_app.samples.people.generate_population` have a
part-time job in their ground truth; a paper survey answers question 4 with it (② パート・アルバイト
and the year's expected income) and encloses the year's payslips, scanned into one PDF (one page
per slip, image only, as an office scanner makes it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from reviewer_app.domain.vocabulary import Living, MemberStatus, Occupation
from reviewer_app.samples.documents import render_file
from reviewer_app.samples.people import generate_population
from reviewer_app.samples.truth import JST, FileFormat, FileSpec, PayslipPage


@dataclass(frozen=True)
class PaperSample:
    """One paper survey: who (記号-番号, the dependent's id), the answers as the service takes
    them, and the scanned payslips (a PDF of ``pages`` pages)."""

    member: str  # SYMBOL-NUMBER
    dependent_id: str
    answers: dict[str, Any]
    scan_pdf: bytes
    pages: int


def paper_samples(members: int, seed: int, count: int = 2, *,
                  fast: bool = True) -> list[PaperSample]:
    """Paper surveys for the first ``count`` not-submitted dependents who have payslips."""
    out: list[PaperSample] = []
    for plan in generate_population(members, seed):
        for j, scenario in enumerate(plan.scenarios):
            if plan.statuses[j] != MemberStatus.NOT_SUBMITTED.value or not scenario.employers:
                continue
            employer = scenario.employers[0]
            pages = tuple(PayslipPage(employer, slip, scenario.person)
                          for slip in employer.payslips)
            spec = FileSpec(file_id=f"paper-{scenario.dependent_id}", original_name="scan.pdf",
                            fmt=FileFormat.PDF_SCAN, pages=pages,
                            uploaded_at=datetime(2024, 9, 10, 10, 0, tzinfo=JST),
                            variant=plan.index * 31 + j)
            answers = {
                "insured_has_card": True, "dependent_details_confirmed": True,
                "dependent_has_card": True,
                "occupations": [{"occupation": Occupation.PART_TIME.value,
                                 "amount": scenario.salary_total}],
                "living": Living.TOGETHER.value,
                "contact": f"{employer.pay_rule_text}（紙の調査票）",
            }
            out.append(PaperSample(f"{plan.card_symbol}-{plan.card_number}",
                                   scenario.dependent_id, answers,
                                   render_file(spec, fast=fast), len(pages)))
            if len(out) == count:
                return out
    return out

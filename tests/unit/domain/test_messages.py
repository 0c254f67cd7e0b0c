"""Issue 13: the engine explains with message codes and parameters; Japanese and English
renderers produce the text. The Japanese is the engine's wording (pinned by test_rules and the
other domain tests); here: the English, the codes, and what an unknown schedule says."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from domain_builders import DEFAULT, check, employer, make_case, run

from reviewer_app.domain.case import Benefit, Dependent, Insured, Survey
from reviewer_app.domain.engine import Evaluation
from reviewer_app.domain.messages import EN, JA, en_months, msg, render
from reviewer_app.domain.vocabulary import BenefitKind, Relationship

JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


def _varied() -> list[Evaluation]:
    apart = Dependent(birth_date=date(1985, 6, 1), relationship=Relationship.SPOUSE,
                      living_with_insured=False, lives_abroad=True)
    cases = [
        make_case(employer([100_000, 100_000] + [120_000] * 3 + [110_000] * 7)),
        make_case(employer([90_000, 200_000, 200_000, 200_000] + [50_000] * 8)),
        make_case(employer([90_000] * 3 + [None] * 9)),
        make_case(employer([50_000] * 12), insured=Insured(annual_income=700_000)),
        make_case(employer([50_000] * 12), dependent=apart),
        make_case(employer([50_000] * 12), birth=date(1949, 3, 1),
                  survey=Survey(submitted=False, exclusion_date=date(2024, 9, 1))),
        make_case(employer([0] * 12),
                  benefits=(Benefit(BenefitKind.UNEMPLOYMENT, 4000, date(2023, 5, 1)),)),
        make_case(employer([200_000] * 3 + [50_000] * 9 + [50_000] * 6)),
    ]
    return [run(c) for c in cases]


def test_every_code_has_a_japanese_and_an_english_rendering() -> None:
    assert set(JA) == set(EN)
    with pytest.raises(KeyError):
        msg("no_such_code")


def test_the_japanese_explanation_is_the_japanese_rendering_of_the_codes() -> None:
    ev = run(make_case(employer([100_000, 100_000] + [120_000] * 3 + [110_000] * 7)))
    assert ev.explanation == tuple(render(line, "ja") for line in ev.explanation_lines)
    assert ev.explained("ja") == ev.explanation
    assert ev.explanation[-1] == "判定案: 扶養除外。"
    assert [c.message for c in ev.checks] == [c.text("ja") for c in ev.checks]


def test_the_english_explanation_of_the_seed_case_names_date_rule_and_verdict() -> None:
    ev = run(make_case(employer([100_000, 100_000] + [120_000] * 3 + [110_000] * 7)))
    lines = ev.explained("en")
    assert lines[0] == "Judged on the income of 2023."
    text = " ".join(lines)
    assert "over the monthly limit of ¥108,333 three months in a row" in text
    assert "16 Feb 2023" in text
    assert "The exclusion date is 16 Feb 2023 (reason: over the monthly limit three months " \
           "in a row)." in lines
    assert lines[-1] == "Proposed verdict: Exclude."


def test_no_english_line_or_check_contains_japanese() -> None:
    for ev in _varied():
        for line in ev.explained("en"):
            assert not JAPANESE.search(line), line
        for c in ev.checks:
            assert c.text("en") and not JAPANESE.search(c.text("en")), c.text("en")


def test_english_months_are_grouped_by_year() -> None:
    assert en_months(("2023-03", "2023-04", "2023-05")) == "Mar, Apr, May 2023"
    assert en_months(("2023-12", "2024-01")) == "Dec 2023; Jan 2024"


def test_an_unknown_cutoff_takes_the_payment_month_and_the_explanation_says_so() -> None:
    known = run(make_case(employer([100_000, 100_000] + [120_000] * 3 + [110_000] * 7)))
    unknown_employer = replace(
        employer([100_000, 100_000] + [120_000] * 3 + [110_000] * 7),
        cutoff_day=None, pay_month_offset=None)
    ev = run(make_case(unknown_employer))
    assert known.exclusion.date == date(2023, 2, 16)  # 15日締め当月払い: from 16 February
    assert ev.exclusion.date == date(2023, 3, 1)  # unknown: the payment month's first day
    assert ev.verdict == known.verdict
    text = "".join(ev.explanation)
    assert "締め日・支払月が不明の勤務先があるため" in text
    assert "cutoff day or pay month is unknown" in " ".join(ev.explained("en"))
    assert "不明" not in "".join(known.explanation)


def test_an_unknown_pay_day_counts_as_month_end_and_the_explanation_says_so() -> None:
    profile = replace(DEFAULT, exclusion_date_basis="day_after_third_pay_day")
    amounts = [100_000, 100_000] + [120_000] * 3 + [110_000] * 7
    with_day = run(make_case(employer(amounts, pay_day=25)), profile)
    without = run(make_case(employer(amounts, pay_day=None)), profile)
    assert with_day.exclusion.date == date(2023, 5, 26)
    assert without.exclusion.date == date(2023, 6, 1)  # 31 May is the latest it can be, + 1
    assert "支払日が不明のため" in "".join(without.explanation)
    assert "支払日が不明" not in "".join(with_day.explanation)
    assert "The pay day is unknown" in " ".join(without.explained("en"))
    assert check(without, "monthly_limit") == check(with_day, "monthly_limit")

"""Which annual, monthly and daily limit applies to a dependent (RULES.md §2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reviewer_app.domain.case import Case
from reviewer_app.domain.dates import legal_age
from reviewer_app.domain.profile import RuleProfile
from reviewer_app.domain.vocabulary import PensionKind, Relationship

UNDER_60 = "under_60"
SIXTY_OR_OVER = "60_or_over"
DISABILITY = "disability_pension"
AGE_19_TO_22 = "age_19_to_22"

BASIS_JA = {
    UNDER_60: "60歳未満",
    SIXTY_OR_OVER: "60歳以上",
    DISABILITY: "障害年金受給者",
    AGE_19_TO_22: "19歳以上23歳未満(配偶者を除く)",
}


@dataclass(frozen=True, slots=True)
class Limits:
    annual: int
    monthly: int  # floor(annual / 12); a month is over when its total is greater
    basis: str

    def daily_over(self, daily_amount: int) -> bool:
        """A benefit is over when ``daily_amount * 360 >= annual``."""
        return daily_amount * 360 >= self.annual


def limits_for(case: Case, profile: RuleProfile) -> Limits:
    dep = case.dependent
    reference = (case.judgment_date if profile.senior_age_reference == "judgment_date"
                 else date(case.target_year, 12, 31))
    candidates: list[tuple[int, str]] = [(profile.annual_limit, UNDER_60)]
    if legal_age(dep.birth_date, reference) >= profile.senior_age:
        candidates.append((profile.senior_annual_limit, SIXTY_OR_OVER))
    if dep.disability_pension or any(p.kind == PensionKind.DISABILITY for p in case.pensions):
        candidates.append((profile.senior_annual_limit, DISABILITY))
    if case.judgment_date >= profile.young_adult_from and dep.relationship != Relationship.SPOUSE:
        age_end_of_year = legal_age(dep.birth_date, date(case.judgment_date.year, 12, 31))
        if profile.young_adult_min_age <= age_end_of_year <= profile.young_adult_max_age:
            candidates.append((profile.young_adult_annual_limit, AGE_19_TO_22))
    # The most favourable limit applies; ties keep the first listed basis (age before disability).
    annual, basis = max(candidates, key=lambda c: c[0])
    return Limits(annual, annual // 12, basis)

"""Issue 13: a new employer row starts from the same dependent's employers of the year before
(names and pay schedules, never amounts), or unknown when there is no such sheet."""

from __future__ import annotations

import pytest
from casework_fixtures import PersonSpec, seed_case
from sheets import employer, payments, with_employers
from workspace_fixture import WorkspaceFixture

from reviewer_app.domain.sheet import EmployerEntry
from reviewer_app.services.casework import CaseService

PDF = b"%PDF-1.4\n% a payslip\n" + bytes(range(256)) * 40


def _spec(number: int) -> PersonSpec:
    return PersonSpec(number, files=[(PDF, "application/pdf", "給与.pdf")])


def test_the_previous_years_employers_come_without_amounts(
        workspace: WorkspaceFixture) -> None:
    admin = workspace.login("admin")
    last_year = seed_case(admin, _spec(1), year=2023)
    this_year = seed_case(admin, _spec(1), year=2024)
    other_person = seed_case(admin, _spec(2), year=2024)
    service = CaseService(workspace.login("examiner"))
    old = service.open_case(last_year.case_id)
    sheet = with_employers(
        old.income_sheet,
        employer(payments({"2023-01": 98_000}), name="株式会社サンプル", cutoff_day=15,
                 pay_month_offset=0, pay_day=10),
        employer(payments({"2023-02": 20_000}), name="B商店", cutoff_day=20,
                 pay_month_offset=1, pay_day=None))
    service.save_income_sheet(last_year.case_id, sheet, old.income_version)

    detail = service.open_case(this_year.case_id)
    assert detail.previous_employers == (
        EmployerEntry("株式会社サンプル", 15, 0, 10), EmployerEntry("B商店", 20, 1, None))
    assert service.open_case(other_person.case_id).previous_employers == ()
    # the year before looks back one more year: nothing there
    assert service.open_case(last_year.case_id).previous_employers == ()


def test_without_a_stored_sheet_the_year_before_gives_nothing(
        workspace: WorkspaceFixture) -> None:
    admin = workspace.login("admin")
    seed_case(admin, _spec(1), year=2023)
    this_year = seed_case(admin, _spec(1), year=2024)
    detail = CaseService(workspace.login("examiner")).open_case(this_year.case_id)
    assert detail.previous_employers == ()


@pytest.mark.parametrize("unknown", ["cutoff_day", "pay_month_offset"])
def test_an_employer_with_an_unknown_schedule_is_saved_and_read_back_unknown(
        workspace: WorkspaceFixture, unknown: str) -> None:
    admin = workspace.login("admin")
    case = seed_case(admin, _spec(1))
    service = CaseService(workspace.login("examiner"))
    detail = service.open_case(case.case_id)
    entry = EmployerEntry("A社", cutoff_day=None if unknown == "cutoff_day" else 15,
                          pay_month_offset=None if unknown == "pay_month_offset" else 0,
                          pay_day=None)
    sheet = with_employers(detail.income_sheet, entry)
    service.save_income_sheet(case.case_id, sheet, detail.income_version)
    assert service.open_case(case.case_id).income_sheet.employers == (entry,)

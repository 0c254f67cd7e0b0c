"""Rule profiles: the shipped files load, and every kind of mistake names file, key, problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.domain.profile import ProfileError, RuleProfile, profile_from_mapping
from reviewer_app.profiles import list_profiles, load_profile


def test_shipped_profiles_load_with_titles() -> None:
    names = list_profiles()
    assert {"default", "mhlw_strict", "first_month_over"} <= set(names)
    for name in names:
        profile = load_profile(name)
        assert profile.name == name
        assert profile.title.strip() and profile.description.strip()


def test_default_profile_is_the_seed_policy() -> None:
    profile = load_profile("default")
    assert profile.exclusion_rules == ("three_consecutive_months", "three_month_average")
    assert profile.exclusion_date_basis == "attendance_period_start"
    assert profile.multiple_employers_basis == "first_day_of_payment_month"
    assert (profile.certificate_max_uses, profile.certificate_counting) == (2, "total")


def test_other_societies_differ_where_they_should() -> None:
    assert load_profile("mhlw_strict").certificate_counting == "consecutive"
    first = load_profile("first_month_over")
    assert first.exclusion_date_basis == "first_day_of_first_over_month"
    assert first.senior_age_reference == "target_year_end"
    assert first.contract_coverage == "certified_on_or_after_effective_date"


BASE = {"title": "t", "description": "d"}


@pytest.mark.parametrize(("data", "key", "problem"), [
    ({**BASE, "colour": "red"}, "colour", "not a known setting"),
    ({**BASE, "limits": {"anual": 1}}, "limits.anual", "not a known setting"),
    ({**BASE, "limits": {"annual": "1300000"}}, "limits.annual", "must be an integer"),
    ({**BASE, "limits": {"annual": True}}, "limits.annual", "must be an integer"),
    ({**BASE, "limits": {"annual": 0}}, "limits.annual", "from 1"),
    ({**BASE, "limits": 3}, "limits", "must be a table"),
    ({**BASE, "certificate": {"counting": "sometimes"}}, "certificate.counting", "one of"),
    ({**BASE, "exclusion": {"rules": ["three_consecutive_months"] * 2}}, "exclusion.rules",
     "distinct"),
    ({**BASE, "exclusion": {"rules": "three_month_average"}}, "exclusion.rules", "list"),
    ({**BASE, "labour_contract": {"effective_from": "April"}}, "labour_contract.effective_from",
     "YYYY-MM-DD"),
    ({**BASE, "checks": {"half_income": "yes"}}, "checks.half_income", "boolean"),
    ({"description": "d"}, "title", "required"),
    ({**BASE, "limits": {"young_adult_min_age": 23}}, "limits.young_adult_min_age", "exceed"),
])
def test_invalid_profile_names_source_key_and_problem(data: dict[str, object], key: str,
                                                     problem: str) -> None:
    with pytest.raises(ProfileError) as info:
        profile_from_mapping(data, "society.toml")
    assert info.value.source == "society.toml"
    assert info.value.key == key
    assert problem in info.value.problem_en
    assert info.value.problem_ja
    assert "society.toml" in str(info.value) and key in str(info.value)


def test_omitted_keys_take_the_seed_policy() -> None:
    assert profile_from_mapping(BASE, "x.toml", name="x") == RuleProfile(
        name="x", title="t", description="d")


def test_unknown_profile_name_lists_known(tmp_path: Path) -> None:
    with pytest.raises(ProfileError) as info:
        load_profile("no_such")
    assert "default" in info.value.problem_en


def test_malformed_toml_names_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("title = \n", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(str(path))
    assert info.value.source.endswith("broken.toml")
    assert "TOML" in info.value.problem_en


def test_pyinstaller_bundle_dir_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    (tmp_path / "resources" / "profiles").mkdir(parents=True)
    (tmp_path / "resources" / "profiles" / "frozen.toml").write_text(
        'title = "凍結"\ndescription = "bundle"\n', encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert list_profiles() == ["frozen"]
    assert load_profile("frozen").title == "凍結"

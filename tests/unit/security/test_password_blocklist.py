"""The password policy refuses common passwords (issue 8 §6), decorated or not."""

from __future__ import annotations

import pytest

from reviewer_app.errors import InputError
from reviewer_app.services.users import check_password_policy, common_passwords


def test_the_shipped_list_holds_the_thousand_most_common_passwords() -> None:
    listed = common_passwords()
    assert len(listed) >= 1000
    assert {"123456", "password", "qwerty", "iloveyou", "1qaz2wsx", "passw0rd"} <= listed


@pytest.mark.parametrize("password", [
    "password", "12345678", "qwertyuiop", "iloveyou", "1qaz2wsx", "trustno1",
    "PASSWORD", "Password", "PaSsWoRd",          # case does not help
    "Password123!", "Dragon2024!", "!!sunshine!!", "monkey 1234", "2024letmein",
    "ＰＡＳＳＷＯＲＤ１２３",                          # full-width letters and digits (NFKC)
    "パスワード123!", "examiner2024", "Supervisor1", "reviewer-app",  # this application's words
])
def test_common_passwords_and_their_decorated_forms_are_refused(password: str) -> None:
    with pytest.raises(InputError) as info:
        check_password_policy(password)
    assert info.value.code == "common_password"
    assert "よく使われるパスワード" in info.value.message("ja")
    assert "most common passwords" in info.value.message("en")


@pytest.mark.parametrize("password", [
    "correct horse battery", "new password 1", "sato password", "枝豆と夕焼けの三番線",
    "2024-12-31 kurumi", "dragonfly garden",
])
def test_uncommon_passwords_pass(password: str) -> None:
    check_password_policy(password)


def test_length_is_still_checked_first() -> None:
    with pytest.raises(InputError) as info:
        check_password_policy("1234567")
    assert info.value.code == "weak_password"

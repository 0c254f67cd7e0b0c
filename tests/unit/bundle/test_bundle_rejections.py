"""Every refusal of the bundle reader: the defective bundle, the code, the subject, the message."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_bundles import DEFECTS, Defect, make_keys, open_with, read_everything

from reviewer_app.bundle.errors import CODES, BundleError


def test_every_code_has_a_defect() -> None:
    assert {d.code for d in DEFECTS} == CODES


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_defective_bundle_is_refused_with_code_subject_and_message(
    defect: Defect, tmp_path: Path
) -> None:
    keys = make_keys()
    path = tmp_path / "bundle.zip"
    defect.build(path, keys)
    with pytest.raises(BundleError) as info:
        read_everything(path, keys)
    error = info.value
    subject = defect.expected_subject(path)
    assert (error.code, error.subject) == (defect.code, subject)
    assert subject in error.message("ja")
    assert subject in error.message("en")
    assert "バンドルを取り込めません" in error.message("ja")


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda d: d.name)
def test_refusal_happens_at_open_or_while_reading(defect: Defect, tmp_path: Path) -> None:
    """Checks that need no decryption refuse at open_bundle, before any object is decrypted."""
    keys = make_keys()
    path = tmp_path / "bundle.zip"
    defect.build(path, keys)
    if defect.at_open:
        with pytest.raises(BundleError):
            open_with(keys, path).close()
    else:
        open_with(keys, path).close()


def test_invalid_field_names_the_json_path(tmp_path: Path) -> None:
    keys = make_keys()
    by_name = {d.name: d for d in DEFECTS}
    for name, path_expected in [
        ("manifest_invalid_field", "insurer.code"),
        ("submission_invalid_field", "dependents[0].kana"),
    ]:
        path = tmp_path / f"{name}.zip"
        by_name[name].build(path, keys)
        with pytest.raises(BundleError) as info:
            read_everything(path, keys)
        assert info.value.field_path == path_expected
        assert path_expected in info.value.message("ja")
        assert path_expected in info.value.message("en")

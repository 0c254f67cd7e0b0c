"""``reviewer-app calc``: valid cases, every kind of invalid input, text output, profiles."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer_app.cli import main

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "examples" / "seed_case.json"


def _calc(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["calc", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_seed_case_prints_16_february(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _calc(capsys, str(SEED))
    data = json.loads(out)
    assert status == 0
    assert data["exclusion"]["date"] == "2023-02-16"
    assert data["exclusion"]["rule"] == "three_consecutive_months"
    assert data["verdict"] == "exclude"
    assert "一" in out or "月" in out  # ensure_ascii=False: Japanese is written as is


@pytest.mark.parametrize(("example", "date", "verdict"), [
    ("two_employers.json", "2023-04-01", "needs_review"),
    ("recertification.json", "2023-01-21", "exclude"),
])
def test_other_examples(capsys: pytest.CaptureFixture[str], example: str, date: str,
                        verdict: str) -> None:
    status, out, _ = _calc(capsys, str(ROOT / "examples" / example))
    data = json.loads(out)
    assert (status, data["exclusion"]["date"], data["verdict"]) == (0, date, verdict)


def test_reads_standard_input(capsys: pytest.CaptureFixture[str],
                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(SEED.read_text(encoding="utf-8")))
    status, out, _ = _calc(capsys, "-")
    assert status == 0
    assert json.loads(out)["exclusion"]["date"] == "2023-02-16"


def test_text_format_explains_in_japanese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _calc(capsys, str(SEED), "--format", "text")
    assert status == 0
    assert "判定案: 扶養除外" in out
    assert "除外日: 2023年2月16日" in out
    assert "1,375,000円" in out


def test_profile_option_overrides_case(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = _calc(capsys, str(SEED), "--profile", "first_month_over")
    data = json.loads(out)
    assert (status, data["profile"], data["exclusion"]["date"]) == (
        0, "first_month_over", "2023-03-01")


def test_profile_by_path(capsys: pytest.CaptureFixture[str]) -> None:
    path = ROOT / "resources" / "profiles" / "month_after_trigger.toml"
    status, out, _ = _calc(capsys, str(SEED), "--profile", str(path))
    assert (status, json.loads(out)["exclusion"]["date"]) == (0, "2023-06-01")


def _write(tmp_path: Path, text: str, name: str = "case.json") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _seed_with(**changes: object) -> str:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    data.update(changes)
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize(("text", "names"), [
    ("{not json", "JSON"),
    (_seed_with(target_year="2023"), "target_year"),
    (_seed_with(judgment_date=None), "judgment_date"),
    (_seed_with(employers=[{"payments": [{"month": "2023-01", "gross": "98000"}]}]),
     "employers[0].payments[0].gross"),
    (_seed_with(profile="no_such_society"), "no_such_society"),
    (_seed_with(unknown_field=1), "unknown_field"),
])
def test_invalid_input_exits_2_naming_the_field(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, names: str) -> None:
    status, out, err = _calc(capsys, _write(tmp_path, text))
    assert status == 2
    assert out == ""
    assert names in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_missing_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = _calc(capsys, str(tmp_path / "nope.json"))
    assert status == 2
    assert "nope.json" in err


def test_invalid_profile_file_names_file_and_key(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    bad = _write(tmp_path, 'title = "x"\ndescription = "y"\n[exclusion]\ndate_basis = "soon"\n',
                 "bad.toml")
    status, _, err = _calc(capsys, str(SEED), "--profile", bad)
    assert status == 2
    assert "bad.toml" in err
    assert "exclusion.date_basis" in err


def test_english_message(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REVIEWER_APP_LANG", "en")
    status, _, err = _calc(capsys, _write(tmp_path, _seed_with(target_year=1.5)))
    assert status == 2
    assert "target_year" in err and "must be an integer" in err


def test_subprocess_prints_seed_date_and_rejects_bad_input(tmp_path: Path) -> None:
    ok = subprocess.run([sys.executable, "-m", "reviewer_app.cli", "calc", str(SEED)],
                        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=False)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["exclusion"]["date"] == "2023-02-16"
    bad = subprocess.run([sys.executable, "-m", "reviewer_app.cli", "calc", "-"],
                         input='{"judgment_date": "2024-09-02"}', capture_output=True, text=True,
                         encoding="utf-8", cwd=ROOT, check=False)
    assert bad.returncode == 2
    assert "target_year" in bad.stderr
    assert "Traceback" not in bad.stderr

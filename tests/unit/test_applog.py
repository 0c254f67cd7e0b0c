"""The log file's privacy rules (reviewer_app.applog): tracebacks keep types and frames, never
messages; the folder follows REVIEWER_APP_LOG_DIR; --version names what the operator reports."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from reviewer_app import applog


def _raise_chained() -> None:
    try:
        raise KeyError("山田 花子")
    except KeyError as exc:
        raise ValueError("年収 1,234,567 円 / 0123-456") from exc


def test_a_traceback_keeps_types_and_frames_but_no_message() -> None:
    with pytest.raises(ValueError) as caught:
        _raise_chained()
    text = applog.scrubbed_traceback(caught.value)
    assert "KeyError (message withheld" in text and "ValueError (message withheld" in text
    assert text.index("KeyError") < text.index("which led to") < text.index("ValueError")
    assert "_raise_chained" in text and "test_applog.py" in text
    for secret in ("山田", "花子", "1,234,567", "0123-456"):
        assert secret not in text


def test_the_formatter_scrubs_logger_exception(tmp_path: Path) -> None:
    handler = logging.FileHandler(tmp_path / "x.log", encoding="utf-8")
    handler.setFormatter(applog.PrivacyFormatter(applog.FORMAT))
    logger = logging.getLogger("test_applog.formatter")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        try:
            _raise_chained()
        except ValueError:
            logger.exception("failed on case %s", 12)
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = (tmp_path / "x.log").read_text(encoding="utf-8")
    assert "failed on case 12" in text and "ValueError (message withheld" in text
    assert "山田" not in text and "1,234,567" not in text


def test_the_log_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setenv(applog.LOG_DIR_ENV, str(tmp_path / "elsewhere"))
    assert applog.log_file() == tmp_path / "elsewhere" / "reviewer-app.log"
    monkeypatch.delenv(applog.LOG_DIR_ENV)
    assert applog.log_dir().name.lower() in ("log", "logs")  # platformdirs' user log folder


def test_version_names_the_schema_and_the_libraries(capsys: pytest.CaptureFixture[str]) -> None:
    from reviewer_app.cli import main
    from reviewer_app.store import migrate

    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    import reviewer_app

    assert lines[0] == f"reviewer-app {reviewer_app.__version__}"
    assert lines[1] == f"database schema: {migrate.head_revision()}"
    names = [line.split(":")[0] for line in lines[2:]]
    assert names[:5] == ["Qt", "PyMuPDF", "Pillow", "pillow-heif", "cryptography"]
    assert all("not installed" not in line and "unknown" not in line for line in lines)

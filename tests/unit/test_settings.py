from __future__ import annotations

from pathlib import Path

import pytest

from reviewer_app.ui.qt import QtCore
from reviewer_app.ui.settings import DATE_STYLE, IDLE_LOCK_MINUTES, LANGUAGE, Settings


def _settings(tmp_path: Path) -> tuple[Settings, QtCore.QSettings]:
    store = QtCore.QSettings(str(tmp_path / "s.ini"), QtCore.QSettings.Format.IniFormat)
    return Settings(store), store


def test_defaults_are_japanese_wareki_and_ten_minutes(tmp_path: Path) -> None:
    settings, _ = _settings(tmp_path)
    assert settings.get(LANGUAGE) == "ja"
    assert settings.get(DATE_STYLE) == "wareki"
    assert settings.get(IDLE_LOCK_MINUTES) == 10


def test_values_round_trip_and_survive_reopen(tmp_path: Path) -> None:
    settings, store = _settings(tmp_path)
    settings.set(LANGUAGE, "en")
    settings.set(IDLE_LOCK_MINUTES, 3)
    store.sync()
    again, _ = _settings(tmp_path)
    assert again.get(LANGUAGE) == "en"
    assert again.get(IDLE_LOCK_MINUTES) == 3


def test_a_corrupt_stored_value_reads_as_the_default(tmp_path: Path) -> None:
    settings, store = _settings(tmp_path)
    store.setValue(IDLE_LOCK_MINUTES.key, "forever")
    store.setValue(LANGUAGE.key, "fr")
    assert settings.get(IDLE_LOCK_MINUTES) == 10
    assert settings.get(LANGUAGE) == "ja"


def test_an_invalid_value_is_refused_when_set(tmp_path: Path) -> None:
    settings, _ = _settings(tmp_path)
    with pytest.raises(ValueError):
        settings.set(IDLE_LOCK_MINUTES, 0)

"""Typed user settings, registered in one place (as Picard does), stored with QSettings.

Each option has a type, a default and a validator, so a hand-edited or older settings file can
never hand the UI a value it cannot use: an invalid stored value reads as the default.
``SETTINGS_VERSION`` and ``_upgrade`` give later versions a path to rename or convert options.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

from reviewer_app.ui.qt import QtCore

T = TypeVar("T")

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Option(Generic[T]):
    key: str
    default: T
    parse: Callable[[object], T]


def _choice(*allowed: str) -> Callable[[object], str]:
    def parse(value: object) -> str:
        text = str(value)
        if text not in allowed:
            raise ValueError(text)
        return text

    return parse


def _minutes(value: object) -> int:
    minutes = int(str(value))
    if not 1 <= minutes <= 240:
        raise ValueError(minutes)
    return minutes


def _splitter_state(value: object) -> str:
    """A splitter's ``saveState()`` as base64 text (what QSettings stores portably)."""
    text = str(value)
    base64.b64decode(text.encode("ascii"), validate=True)  # binascii.Error is a ValueError
    return text


def case_splitter_option(user: str) -> Option[str]:
    """The case view's viewer/tabs splitter of one signed-in user (empty: the default)."""
    return Option(f"layout/{user.encode('utf-8').hex()}/case_splitter", "", _splitter_state)


LANGUAGE = Option("ui/language", "ja", _choice("ja", "en"))
IDLE_LOCK_MINUTES = Option("security/idle_lock_minutes", 10, _minutes)
DATE_STYLE = Option("ui/date_style", "wareki", _choice("wareki", "western"))
LAST_USER = Option("session/last_user", "", str)


class Settings:
    """Read and write the options; ``store`` is injectable so tests use a temporary file."""

    def __init__(self, store: QtCore.QSettings | None = None) -> None:
        self._store = store or QtCore.QSettings("reviewer-app", "reviewer-app")
        self._upgrade()

    def get(self, option: Option[T]) -> T:
        raw = self._store.value(option.key)
        if raw is None:
            return option.default
        try:
            return option.parse(raw)
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        option.parse(value)  # refuse to store what could not be read back
        self._store.setValue(option.key, value)

    def _upgrade(self) -> None:
        stored = int(str(self._store.value("meta/version", 0)) or 0)
        if stored < SETTINGS_VERSION:
            # Version 1 is the first; later versions convert options here, oldest first.
            self._store.setValue("meta/version", SETTINGS_VERSION)

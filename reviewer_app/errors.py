"""Failures that reach a person: what is wrong and what to do, in Japanese and English.

Every layer raises a subclass of :class:`UserError` for a failure the user can act on; the CLI and
the window show ``message(lang)`` and never a traceback. Keep the text free of secrets, amounts and
personal data: it may be logged.
"""

from __future__ import annotations

import os

LANGUAGES = ("ja", "en")


def current_language() -> str:
    """The language for messages: ``REVIEWER_APP_LANG`` (``ja`` or ``en``), Japanese by default."""
    lang = os.environ.get("REVIEWER_APP_LANG", "ja").strip().lower()[:2]
    return lang if lang in LANGUAGES else "ja"


class UserError(Exception):
    """An error with a message for a person, in both languages.

    ``code`` is a stable machine-readable name (tests and scripts match on it); ``subject`` names
    the field, object or file concerned when there is one.
    """

    exit_code = 1

    def __init__(self, ja: str, en: str, *, code: str = "error", subject: str | None = None):
        super().__init__(en)
        self.ja = ja
        self.en = en
        self.code = code
        self.subject = subject

    def message(self, lang: str | None = None) -> str:
        return self.ja if (lang or current_language()) == "ja" else self.en


class InputError(UserError):
    """Invalid input from the command line or a file the user gave (exit status 2)."""

    exit_code = 2

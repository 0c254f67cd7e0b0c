"""Languages: Japanese is the source language of every ``tr()`` string, English is a translation
loaded from ``resources/i18n/reviewer_app_en.qm`` (compiled from the ``.ts`` beside it with
``pyside6-lrelease``; ``tests/unit/test_translations.py`` keeps the two in step).
"""

from __future__ import annotations

from reviewer_app.resources import resource_path
from reviewer_app.ui.qt import QtCore

LANGUAGES = {"ja": "日本語", "en": "English"}


def qm_path(lang: str) -> str:
    return str(resource_path("i18n", f"reviewer_app_{lang}.qm"))


def install_translator(app: QtCore.QCoreApplication, lang: str) -> QtCore.QTranslator | None:
    """Install the translator for ``lang``; Japanese needs none (it is the source text).

    The returned translator must be kept alive by the caller (Qt does not own it).
    """
    if lang == "ja":
        return None
    translator = QtCore.QTranslator(app)
    if not translator.load(qm_path(lang)):
        return None
    app.installTranslator(translator)
    return translator

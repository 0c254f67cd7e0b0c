"""The English translation is complete, keeps every placeholder, and the committed .qm is what
``pyside6-lrelease`` makes of the committed .ts (``tools/update_translations.py`` refreshes both).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from reviewer_app.resources import resource_path

TS = resource_path("i18n", "reviewer_app_en.ts")
QM = resource_path("i18n", "reviewer_app_en.qm")
PLACEHOLDER = re.compile(r"\{\w*\}")


def _messages() -> list[tuple[str, ET.Element]]:
    root = ET.parse(TS).getroot()
    return [(context.findtext("name") or "", message)
            for context in root.iter("context") for message in context.iter("message")]


def test_every_message_has_a_finished_english_translation() -> None:
    messages = _messages()
    assert len(messages) > 300
    unfinished = [(ctx, m.findtext("source")) for ctx, m in messages
                  if (translation := m.find("translation")) is None
                  or translation.get("type") in ("unfinished", "obsolete")
                  or not (m.findtext("translation") or "").strip()]
    assert unfinished == []


def test_translations_keep_every_placeholder() -> None:
    wrong = [(ctx, m.findtext("source")) for ctx, m in _messages()
             if sorted(PLACEHOLDER.findall(m.findtext("source") or ""))
             != sorted(PLACEHOLDER.findall(m.findtext("translation") or ""))]
    assert wrong == []


def test_committed_qm_is_the_lrelease_output_of_the_ts(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or str(Path(sys.executable).parent
                                                        / "pyside6-lrelease")
    if not Path(lrelease).exists():
        pytest.skip("pyside6-lrelease is not installed")
    fresh = tmp_path / "fresh.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(fresh)], check=True,
                   stdout=subprocess.DEVNULL)
    assert fresh.read_bytes() == QM.read_bytes(), \
        "run: uv run python tools/update_translations.py"


def test_the_english_translator_translates_window_labels() -> None:
    from reviewer_app.ui.qt import QtCore

    translator = QtCore.QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("CaseTabs", "収入") == "Income"
    assert translator.translate("QueueModel", "被扶養者") == "Dependent"
    assert translator.translate("LoginDialog", "ログイン") == "Sign in"

"""The built-in CJK fallback renders Japanese where the system has no CJK font."""

from __future__ import annotations

import pytest

from reviewer_app.ui.fonts import FALLBACK_FAMILY, ensure_japanese_font
from reviewer_app.ui.qt import QtGui, QtWidgets


@pytest.mark.gui
def test_builtin_fallback_font_covers_japanese(qapp: QtWidgets.QApplication) -> None:
    original = qapp.font()
    try:
        family = ensure_japanese_font(qapp, force_builtin=True)
        assert family == FALLBACK_FAMILY
        assert family in qapp.font().families()
        metrics = QtGui.QFontMetrics(QtGui.QFont(family, 12))
        for char in "被扶養者資格調査令和ア":
            assert metrics.inFontUcs4(ord(char)), char
    finally:
        qapp.setFont(original)

"""Japanese text must render on a machine without any CJK font (a fresh Windows VM or a minimal
Linux desktop would otherwise draw tofu boxes). PyMuPDF, which we ship for PDFs anyway, carries
the Droid Sans Fallback font (CJK coverage, ~3.5 MB), so we register it with Qt when the system
offers no family that covers Japanese, instead of bundling a second copy of a CJK font.
"""

from __future__ import annotations

from reviewer_app.ui.qt import QtGui

FALLBACK_FAMILY = "Droid Sans Fallback"


def system_has_japanese_font() -> bool:
    return bool(QtGui.QFontDatabase.families(QtGui.QFontDatabase.WritingSystem.Japanese))


def ensure_japanese_font(app: QtGui.QGuiApplication, *, force_builtin: bool = False) -> str | None:
    """Make Japanese render. Returns the family registered, or None when the system had one.

    ``force_builtin`` registers the built-in font even if the system has one (used by tests to
    exercise the fallback on a machine that has CJK fonts installed).
    """
    if system_has_japanese_font() and not force_builtin:
        return None
    import pymupdf  # heavy; only needed on machines without a CJK font

    data = pymupdf.Font("japan").buffer
    font_id = QtGui.QFontDatabase.addApplicationFontFromData(bytes(data))
    if font_id < 0:
        return None
    families = QtGui.QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    family = families[0]
    font = app.font()
    # Keep the platform's Latin face first and fall back to the CJK face per glyph.
    font.setFamilies([*font.families(), family])
    app.setFont(font)
    return family

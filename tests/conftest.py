"""Shared test setup: Qt offscreen, English-independent messages, shared fixtures."""

from __future__ import annotations

import os

# Qt must not look for a screen; set before any Qt import (pytest-qt imports Qt at collection).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tests match on Japanese messages unless they set the language themselves.
os.environ.setdefault("REVIEWER_APP_LANG", "ja")

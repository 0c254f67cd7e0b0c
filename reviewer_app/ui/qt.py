"""The one place that imports the Qt binding (as qutebrowser's ``qt/`` package does).

UI modules import from here: ``from reviewer_app.ui.qt import QtCore, QtGui, QtWidgets``.
"""

from PySide6 import QtCore, QtGui, QtWidgets

Signal = QtCore.Signal
Slot = QtCore.Slot
Qt = QtCore.Qt

__all__ = ["Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot"]

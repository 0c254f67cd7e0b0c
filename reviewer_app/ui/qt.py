"""The one place that imports the Qt binding (as qutebrowser's ``qt/`` package does).

UI modules import from here: ``from reviewer_app.ui.qt import QtCore, QtGui, QtWidgets``.
"""

from datetime import date

from PySide6 import QtCore, QtGui, QtWidgets

Signal = QtCore.Signal
Slot = QtCore.Slot
Qt = QtCore.Qt
# What Qt hands item models and delegates as an index (either kind), for their signatures.
ModelIndex = QtCore.QModelIndex | QtCore.QPersistentModelIndex



def qdate(d: date) -> QtCore.QDate:
    return QtCore.QDate(d.year, d.month, d.day)


def pydate(q: QtCore.QDate) -> date:
    return date(q.year(), q.month(), q.day())


__all__ = ["ModelIndex", "Qt", "QtCore", "QtGui", "QtWidgets", "Signal", "Slot", "pydate", "qdate"]

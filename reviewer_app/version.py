"""``reviewer-app --version``: the application, its database schema and the libraries that matter
when a society's IT staff report a problem (Qt, PyMuPDF, Pillow, pillow-heif, cryptography)."""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence
from typing import Any

from reviewer_app import __version__


def _module_version(module: str, *attributes: str) -> str:
    import importlib

    try:
        loaded = importlib.import_module(module)
    except ImportError:
        return "not installed"
    for attribute in attributes:
        value = getattr(loaded, attribute, None)
        if value:
            return str(value)
    return "unknown"


def _ocr() -> str:
    from reviewer_app.suggest import ocr

    package = ocr.package()
    if package is None or not ocr.available():
        return "none (the optional extra reviewer-app[ocr] reads photos and scans)"
    return package


def version_lines() -> list[str]:
    """One ``name: version`` line each, in a fixed order."""
    from reviewer_app.store import migrate

    try:
        from PySide6 import QtCore

        qt = f"{QtCore.qVersion()} (PySide6 {_module_version('PySide6', '__version__')})"
    except ImportError:
        qt = "not installed"
    return [
        f"reviewer-app {__version__}",
        f"database schema: {migrate.head_revision()}",
        f"Qt: {qt}",
        f"PyMuPDF: {_module_version('pymupdf', 'VersionBind', '__version__')}",
        f"Pillow: {_module_version('PIL', '__version__')}",
        f"pillow-heif: {_module_version('pillow_heif', '__version__')}",
        f"cryptography: {_module_version('cryptography', '__version__')}",
        f"SQLAlchemy: {_module_version('sqlalchemy', '__version__')}",
        f"OCR: {_ocr()}",
        f"Python: {platform.python_version()} ({sys.platform}"
        f"{', packaged' if getattr(sys, 'frozen', False) else ''})",
    ]


class VersionAction(argparse.Action):
    """``--version``: print :func:`version_lines` and exit 0."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS,
                 default: Any = argparse.SUPPRESS, help: str | None = None) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=default, nargs=0,
                         help=help)

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        print("\n".join(version_lines()))
        parser.exit(0)

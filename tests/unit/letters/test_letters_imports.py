"""The letters package stays pure: standard library, PyMuPDF and the domain only."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import reviewer_app.letters

ALLOWED_PREFIXES = ("pymupdf", "reviewer_app.domain", "reviewer_app.letters")


def test_letters_import_only_stdlib_pymupdf_and_domain() -> None:
    package = Path(reviewer_app.letters.__file__).parent
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                assert (name.startswith(ALLOWED_PREFIXES) or top in sys.stdlib_module_names
                        or top == "__future__"), f"{module.name} imports {name}"

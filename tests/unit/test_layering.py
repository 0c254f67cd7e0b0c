"""The layering of DESIGN.md, enforced (issue 12 §9): domain imports only the standard library and
itself; ui never imports store, bundle or security; services never import ui. The exceptions
standing today are listed with their reason; a new one fails."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "reviewer_app"

# (importing module, imported module): why it is allowed for now.
EXCEPTIONS: dict[tuple[str, str], str] = {
    # The 調査票 and 書類 tabs still render the bundle's answer models; issue 12 §4 replaces
    # them with view objects from the services.
    ("ui.case.answers_tab", "bundle.schema"): "answers shown as imported (issue 12 §4)",
    ("ui.case.documents_tab", "bundle.schema"): "document kinds (issue 12 §4)",
}
FORBIDDEN_FOR_UI = ("store", "bundle", "security")


def imports_of(path: Path) -> list[str]:
    """Absolute modules imported by one file (``reviewer_app.x.y`` and third-party names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def violations(package: Path) -> list[str]:
    out: list[str] = []
    for path in sorted(package.rglob("*.py")):
        parts = path.relative_to(package).with_suffix("").parts
        module = ".".join(p for p in parts if p != "__init__")
        layer = parts[0] if len(parts) > 1 else ""
        for imported in imports_of(path):
            top = imported.split(".")[0]
            inner = imported.removeprefix("reviewer_app.") if top == "reviewer_app" else None
            target = inner.split(".")[0] if inner else ""
            if inner is not None and (module, inner) in EXCEPTIONS:
                continue
            if layer == "domain" and (
                    (inner is None and top not in sys.stdlib_module_names)
                    or (inner is not None and target != "domain")):
                out.append(f"{module} (domain) imports {imported}")
            if layer == "ui" and target in FORBIDDEN_FOR_UI:
                out.append(f"{module} (ui) imports {imported}")
            if layer == "services" and target == "ui":
                out.append(f"{module} (services) imports {imported}")
    return out


def test_the_package_keeps_its_layers() -> None:
    assert violations(PACKAGE) == []


def test_every_listed_exception_still_exists() -> None:
    """An exception that was fixed is taken off the list (it must not linger as a licence)."""
    for module, imported in EXCEPTIONS:
        path = PACKAGE.joinpath(*module.split(".")).with_suffix(".py")
        assert f"reviewer_app.{imported}" in imports_of(path), (module, imported)


def test_a_deliberate_violation_is_reported(tmp_path: Path) -> None:
    package = tmp_path / "reviewer_app"
    for layer in ("domain", "ui", "services"):
        (package / layer).mkdir(parents=True)
    (package / "domain" / "rules.py").write_text(
        "import json\nimport sqlalchemy\nfrom reviewer_app.store import models\n")
    (package / "ui" / "page.py").write_text("from reviewer_app.security import keys\n")
    (package / "services" / "thing.py").write_text("import reviewer_app.ui.app\n")
    assert violations(package) == [
        "domain.rules (domain) imports sqlalchemy",
        "domain.rules (domain) imports reviewer_app.store",
        "services.thing (services) imports reviewer_app.ui.app",
        "ui.page (ui) imports reviewer_app.security",
    ]

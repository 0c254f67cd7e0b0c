"""The layering of DESIGN.md, enforced (issue 12 §9): domain imports only the standard library and
itself; the window talks to the services (and the pure domain and review rules), never to the
store, the bundle format, the key ring, the rule profiles' files, the commands or the renderers;
services never import ui; security (keys and cryptography) imports none of the layers that use it
(the bundle ⇄ security cycle stays gone). The one exception is written here with its reason; a new
one fails."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "reviewer_app"

# (importing module or package, imported module or package): why it is allowed.
EXCEPTIONS: dict[tuple[str, str], str] = {
    ("ui.viewer", "render"): "the document viewer shows the render layer's pixels: decoding, "
                             "the PDF process and the page cache live there, not in services",
}
FORBIDDEN_FOR_UI = ("store", "bundle", "security", "profiles", "render", "commands", "cli",
                    "samples", "letters", "exports")
FORBIDDEN_FOR_SECURITY = ("bundle", "store", "services", "ui")


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


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def excepted(module: str, inner: str) -> bool:
    return any(_within(module, m) and _within(inner, i) for m, i in EXCEPTIONS)


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
            if inner is not None and excepted(module, inner):
                continue
            if layer == "domain" and (
                    (inner is None and top not in sys.stdlib_module_names)
                    or (inner is not None and target != "domain")):
                out.append(f"{module} (domain) imports {imported}")
            if layer == "ui" and target in FORBIDDEN_FOR_UI:
                out.append(f"{module} (ui) imports {imported}")
            if layer == "services" and target == "ui":
                out.append(f"{module} (services) imports {imported}")
            if layer == "security" and target in FORBIDDEN_FOR_SECURITY:
                out.append(f"{module} (security) imports {imported}")
    return out


def test_the_package_keeps_its_layers() -> None:
    assert violations(PACKAGE) == []


def test_every_listed_exception_is_still_used() -> None:
    """An exception that was fixed is taken off the list (it must not linger as a licence)."""
    for module, imported in EXCEPTIONS:
        base = PACKAGE.joinpath(*module.split("."))
        files = sorted(base.rglob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
        assert any(_within(name.removeprefix("reviewer_app."), imported)
                   for path in files for name in imports_of(path)), (module, imported)


def test_a_deliberate_violation_is_reported(tmp_path: Path) -> None:
    package = tmp_path / "reviewer_app"
    for layer in ("domain", "ui", "ui/viewer", "services", "security"):
        (package / layer).mkdir(parents=True)
    (package / "domain" / "rules.py").write_text(
        "import json\nimport sqlalchemy\nfrom reviewer_app.store import models\n")
    (package / "ui" / "page.py").write_text(
        "from reviewer_app.security import keys\nfrom reviewer_app.profiles import load_profile\n"
        "from reviewer_app.render.pdf import PdfEngine\nfrom reviewer_app.services import cases\n")
    (package / "ui" / "viewer" / "pages.py").write_text(  # the listed exception: allowed
        "from reviewer_app.render.pdf import PdfEngine\nfrom reviewer_app.bundle import schema\n")
    (package / "services" / "thing.py").write_text("import reviewer_app.ui.app\n")
    (package / "security" / "recipients.py").write_text("from reviewer_app.bundle import schema\n")
    assert violations(package) == [
        "domain.rules (domain) imports sqlalchemy",
        "domain.rules (domain) imports reviewer_app.store",
        "security.recipients (security) imports reviewer_app.bundle",
        "services.thing (services) imports reviewer_app.ui.app",
        "ui.page (ui) imports reviewer_app.security",
        "ui.page (ui) imports reviewer_app.profiles",
        "ui.page (ui) imports reviewer_app.render.pdf",
        "ui.viewer.pages (ui) imports reviewer_app.bundle",
    ]

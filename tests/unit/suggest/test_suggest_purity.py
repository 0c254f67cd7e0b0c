"""The parsers stay pure: plain data in and out, no PDF library, no imaging, no OCR (issue 11 §1),
so that they are tested on words and boxes alone."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

PURE = ("model", "normalize", "layout", "payslip", "mynumber")
PACKAGE = Path(__file__).resolve().parents[3] / "reviewer_app"
_spec = importlib.util.spec_from_file_location(
    "layering", Path(__file__).resolve().parents[1] / "test_layering.py")
assert _spec is not None and _spec.loader is not None
_layering = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_layering)
imports_of = _layering.imports_of


def test_the_parsing_modules_import_only_the_standard_library_domain_and_each_other() -> None:
    for name in PURE:
        for imported in imports_of(PACKAGE / "suggest" / f"{name}.py"):
            top = imported.split(".")[0]
            if top == "reviewer_app":
                inner = imported.split(".")[1]
                assert inner == "domain" or (inner == "suggest" and imported.split(".")[2]
                                             in PURE), (name, imported)
            else:
                assert top in sys.stdlib_module_names, (name, imported)


def test_the_window_process_never_loads_the_ocr_libraries() -> None:
    """onnxruntime and OpenCV load in the readers' child process only (suggest.worker)."""
    import subprocess

    code = ("import sys\n"
            "from reviewer_app.services import suggestions\n"
            "from reviewer_app.suggest.reader import engine_name\n"
            "from reviewer_app.version import version_lines\n"
            "engine_name(); version_lines()\n"
            "print(sorted(m for m in ('onnxruntime', 'cv2', 'numpy', 'rapidocr_onnxruntime')"
            " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"

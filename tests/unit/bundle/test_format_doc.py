"""docs/bundle-format.md stays true: its exporter sketch makes bundles the importer accepts."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

from helpers_bundles import (
    CREATED_AT,
    PDF_ID,
    PNG_ID,
    insurer,
    make_keys,
    make_pdf,
    make_png,
    read_everything,
    submission_dict,
    survey,
)

from reviewer_app.bundle.errors import CODES
from reviewer_app.security.keys import public_key_to_text

DOCS = Path(__file__).resolve().parents[3] / "docs"
DOC = (DOCS / "bundle-format.md").read_text(encoding="utf-8")


def _exporter_sketch() -> dict[str, Any]:
    section = DOC.split("## 9.", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    namespace: dict[str, Any] = {}
    exec(compile(code[1], "bundle-format.md#9", "exec"), namespace)
    return namespace


def test_exporter_sketch_in_the_doc_makes_an_importable_bundle(tmp_path: Path) -> None:
    sketch = _exporter_sketch()
    keys = make_keys()
    raw = sketch["parse_public_key"](
        public_key_to_text(keys.recipient_public) + "\n", "reviewer-app-x25519"
    )
    assert raw == keys.recipient_public.public_bytes_raw()
    submission = submission_dict(1, [(PNG_ID, "image/png"), (PDF_ID, "application/pdf")])
    path = tmp_path / "doc.bundle.zip"
    sketch["export_bundle"](
        path,
        keys.signing,
        [keys.recipient_public],
        {
            "bundle_id": "export-1",
            "created_at": CREATED_AT.isoformat(),
            "insurer": insurer().model_dump(mode="json"),
            "survey": survey().model_dump(mode="json"),
        },
        [
            (PNG_ID, "file", make_png()),
            (PDF_ID, "file", make_pdf()),
            ("s-sub-0001-r1", "submission", json.dumps(submission).encode()),
        ],
    )
    assert read_everything(path, keys)["files"] == 2


def test_doc_lists_every_error_code() -> None:
    for code in CODES:
        assert f"`{code}`" in DOC


def test_generated_appendices_are_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("gen_schema", DOCS / "gen_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.regenerate(DOC) == DOC, "run `uv run python docs/gen_schema.py`"

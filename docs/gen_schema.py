"""Regenerate the JSON Schema appendices of ``docs/bundle-format.md`` from ``bundle/schema.py``
and ``bundle/results.py``.

    uv run python docs/gen_schema.py          # rewrite the appendices in place
    uv run python docs/gen_schema.py --check  # exit 1 if the document is out of date (for CI)

The appendices sit between ``<!-- BEGIN GENERATED: name -->`` and ``<!-- END GENERATED: name -->``
markers; everything else in the document is written by hand.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from pydantic import BaseModel

from reviewer_app.bundle import results, schema

DOC = Path(__file__).with_name("bundle-format.md")
SECTIONS: dict[str, type[BaseModel]] = {
    "manifest": schema.Manifest,
    "submission": schema.Submission,
    "results-manifest": results.ResultsManifest,
    "results-object": results.ResultsChunk,
}


def render(model: type[BaseModel]) -> str:
    text = json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False)
    return f"```json\n{text}\n```\n"


def regenerate(document: str) -> str:
    for name, model in SECTIONS.items():
        pattern = re.compile(
            rf"(<!-- BEGIN GENERATED: {name} -->\n).*?(<!-- END GENERATED: {name} -->)", re.S
        )
        if not pattern.search(document):
            raise SystemExit(f"{DOC.name}: markers for {name!r} are missing")
        document = pattern.sub(lambda m, model=model: m[1] + render(model) + m[2], document)
    return document


def main(argv: list[str]) -> int:
    current = DOC.read_text(encoding="utf-8")
    updated = regenerate(current)
    if "--check" in argv:
        if updated != current:
            print(f"{DOC} is out of date: run `uv run python docs/gen_schema.py`", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

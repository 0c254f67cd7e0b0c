"""``reviewer-app suggest [--json] FILE...``: what the readers find in payslips and bonus slips.

For each file, each slip read on each page: the payment month, the kind (salary or bonus), the
gross total, where it came from (the PDF's text layer or OCR), a confidence and the gross's
rectangle (PDF points, or pixels of the upright image). A file that cannot be read gets an
``error`` entry and the others go on; the exit status is then 1. The text output also names the
pages where a My Number shows (never the number).

Files are read in a child process with a time limit (reviewer_app.suggest.worker), as the
window does.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from reviewer_app.errors import current_language

KIND_JA = {"salary": "給与", "bonus": "賞与"}


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "suggest",
        help="給与・賞与明細書から金額を読み取る (read amounts from payslips)",
        description="給与明細書・賞与明細書（PDF・画像）から支給月・種類・総支給額を読み取って"
                    "表示します (reads the payment month, kind and gross total from payslips "
                    "and bonus slips, PDF or image).",
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE",
                        help="PDF・JPEG・PNG・HEIC などのファイル (PDF or image files)")
    parser.add_argument("--json", action="store_true",
                        help="JSON で出力する (print JSON)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import print_json
    from reviewer_app.suggest.worker import SuggestWorker

    lang = current_language()
    entries: list[dict[str, Any]] = []
    with SuggestWorker() as worker:
        for path in args.files:
            entries.append(_entry(path, worker, lang))
    if args.json:
        print_json({"files": [{k: v for k, v in e.items() if not k.startswith("_")}
                              for e in entries]})
    else:
        _print_text(entries, lang)
    return 1 if any("error" in e for e in entries) else 0


def _entry(path: Path, worker: Any, lang: str) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return {"file": str(path), "error": (
            f"ファイルを読めません（{reason}）。パスを確かめてください。" if lang == "ja"
            else f"Cannot read the file ({reason}). Check the path.")}
    result = worker.read(data)
    if result.error is not None:
        return {"file": str(path), "error": result.error[0 if lang == "ja" else 1]}
    suggestions = [{
        "page": page.page, "month": r.month, "kind": r.kind.value, "gross": r.gross,
        "source": page.source.value, "confidence": r.confidence, "box": list(r.box.rounded()),
    } for page in result.pages for r in page.readings]
    my_numbers = sorted({page.page for page in result.pages if page.my_numbers})
    return {"file": str(path), "suggestions": suggestions, "_my_numbers": my_numbers}


def _print_text(entries: list[dict[str, Any]], lang: str) -> None:
    ja = lang == "ja"
    for entry in entries:
        print(entry["file"])
        if "error" in entry:
            print(f"  {'読み取れません' if ja else 'not read'}: {entry['error']}")
            continue
        if not entry["suggestions"]:
            print("  " + ("金額は見つかりませんでした" if ja else "no amount found"))
        for s in entry["suggestions"]:
            kind = KIND_JA[s["kind"]] if ja else s["kind"]
            source = {"text": "文字情報", "ocr": "OCR"}[s["source"]] if ja else s["source"]
            print(f"  p{s['page']}  {s['month']}  {kind}  {s['gross']:,}{'円' if ja else ' yen'}"
                  f"  ({source}, {s['confidence']:.2f})")
        if entry["_my_numbers"]:
            pages = ", ".join(f"p{p}" for p in entry["_my_numbers"])
            print("  " + (f"マイナンバーが写っています: {pages}" if ja
                          else f"a My Number shows on {pages}"))
    sys.stdout.flush()

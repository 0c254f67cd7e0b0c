"""``reviewer-app calc [FILE]``: evaluate one case given as JSON (issue 2's contract)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from reviewer_app.errors import InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "calc",
        help="1件の収入を判定する (evaluate one case)",
        description="被扶養者1人分の収入をJSONで受け取り、判定結果を出力します "
                    "(reads one case as JSON, prints its evaluation).",
    )
    parser.add_argument("file", nargs="?", default="-", metavar="FILE",
                        help="ケースのJSONファイル。省略または - で標準入力 "
                             "(case JSON; - for stdin)")
    parser.add_argument("--profile", metavar="NAME|PATH",
                        help="ルールプロファイルの名前かTOMLのパス (rule profile; overrides the "
                             "case's \"profile\")")
    parser.add_argument("--format", choices=("json", "text"), default="json",
                        help="json(既定)または text(日本語の説明) (output format)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # Imported here so that other subcommands do not pay for the engine at start-up.
    from reviewer_app.commands.common import print_json
    from reviewer_app.domain.caseio import case_from_json, evaluation_to_json
    from reviewer_app.domain.engine import evaluate
    from reviewer_app.domain.profile import ProfileError
    from reviewer_app.domain.sheet import CaseInputError
    from reviewer_app.profiles import DEFAULT_PROFILE, load_profile

    data = _read_json(args.file)
    try:
        case = case_from_json(data)
    except CaseInputError as exc:
        raise InputError(f"入力の {exc.field} が不正です: {exc.problem_ja}。",
                         f"Invalid input field {exc.field}: {exc.problem_en}.",
                         code="invalid_case", subject=exc.field) from None
    name = args.profile or case.profile or DEFAULT_PROFILE
    try:
        profile = load_profile(name)
    except ProfileError as exc:
        field = "--profile" if args.profile else "profile"
        raise InputError(
            f"{field} のプロファイル {exc.source} の {exc.key} が不正です: {exc.problem_ja}。",
            f"{field}: profile {exc.source}, key {exc.key}: {exc.problem_en}.",
            code="invalid_profile", subject=f"{exc.source}:{exc.key}") from None
    evaluation = evaluate(case, profile)
    if args.format == "json":
        print_json(evaluation_to_json(evaluation))
    else:
        _print_text(evaluation, profile.title)
    return 0


def _read_json(file: str) -> object:
    label = "標準入力" if file == "-" else file
    try:
        if file == "-":
            text = sys.stdin.read()
        else:
            with open(file, encoding="utf-8") as handle:
                text = handle.read()
    except OSError as exc:
        raise InputError(f"{label} を読めません ({exc.strerror})。パスを確かめてください。",
                         f"Cannot read {file} ({exc.strerror}). Check the path.",
                         code="unreadable", subject=file) from None
    except UnicodeDecodeError:
        raise InputError(f"{label} はUTF-8のテキストではありません。",
                         f"{file} is not UTF-8 text.", code="invalid_json", subject=file) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{label} はJSONとして読めません({exc.lineno}行{exc.colno}列: {exc.msg})。",
            f"{file} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            code="invalid_json", subject=file) from None


def _print_text(ev: Any, profile_title: str) -> None:
    from reviewer_app.domain.explain import jdate, yen
    from reviewer_app.domain.vocabulary import LABELS_JA

    out = sys.stdout
    out.write(f"判定案: {LABELS_JA[ev.verdict]}\n")
    out.write(f"プロファイル: {profile_title}\n")
    out.write(f"年間収入: {yen(ev.annual_income)}(限度額 {yen(ev.annual_limit)}、"
              f"月額限度額 {yen(ev.monthly_limit)})\n")
    day = jdate(ev.exclusion.date) if ev.exclusion.date else "なし"
    out.write(f"除外日: {day}\n")
    if ev.recertification.date:
        out.write(f"遡り再認定日: {jdate(ev.recertification.date)}\n")
    out.write("\n")
    for line in ev.explanation:
        out.write(f"・{line}\n")

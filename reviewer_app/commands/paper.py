"""``reviewer-app paper``: paper surveys (紙の調査票, issue 14) for bulk intake.

* ``paper add --member SYMBOL-NUMBER --dependent ID|NAME --answers FILE.json
  [--attach DOC=FILE[@FIRST-LAST]]… [--correction] [--reason TEXT]``: enter the answers (the
  structure of an imported submission's ``answers``, docs/bundle-format.md) and the scans;
* ``paper check --member … --dependent …``: the second person's 入力確認;
* ``paper mark --member … --dependent … --reason TEXT [--on DATE]``: switch to paper;
* ``paper deadline DATE|none``: the society's own deadline for paper surveys (admins).

The services (services.paper) validate everything; their messages name the field.
"""

from __future__ import annotations

import argparse
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

from reviewer_app.commands.common import add_workspace_args, print_json
from reviewer_app.errors import InputError

_ATTACH = re.compile(r"^(?P<doc>[a-z_]+)=(?P<file>.+?)(?:@(?P<first>\d+)-(?P<last>\d+))?$")


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "paper", help="紙の調査票を入力する (paper surveys: enter, check, mark)",
        description="紙で回答された調査票の入力・スキャンの添付・入力確認。 Paper surveys: enter "
        "the answers and scans, check an entry (入力確認), switch a dependent to paper.")
    sub = parser.add_subparsers(dest="paper_command", required=True, metavar="COMMAND")

    add = sub.add_parser("add", help="回答とスキャンを入力する (enter answers and scans)")
    _person_args(add)
    add.add_argument("--answers", required=True, type=Path, metavar="FILE.json",
                     help="回答のJSON (the answers as in a bundle's answers object)")
    add.add_argument("--attach", action="append", default=[], metavar="DOC=FILE[@FIRST-LAST]",
                     help="書類の種類=ファイル、PDFはページ範囲も可 (e.g. payslip=scan.pdf@1-3)")
    add.add_argument("--correction", action="store_true",
                     help="入力済みの調査票の訂正 (a correction: a new revision)")
    add.set_defaults(func=run_add)

    check = sub.add_parser("check", help="入力確認をする (check another person's entry)")
    _person_args(check)
    check.set_defaults(func=run_check)

    mark = sub.add_parser("mark", help="紙での回答に切り替える (switch a dependent to paper)")
    _person_args(mark)
    mark.add_argument("--reason", required=True, help="理由 (reason)")
    mark.add_argument("--on", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD",
                      help="切り替えた日 (default: today)")
    mark.set_defaults(func=run_mark)

    deadline = sub.add_parser("deadline", help="紙の提出期限 (the paper deadline; admin only)")
    add_workspace_args(deadline)
    deadline.add_argument("date", metavar="YYYY-MM-DD|none")
    deadline.set_defaults(func=run_deadline)


def _person_args(parser: argparse.ArgumentParser) -> None:
    add_workspace_args(parser)
    parser.add_argument("--member", required=True, metavar="SYMBOL-NUMBER",
                        help="被保険者の記号-番号 (the insured's card symbol-number)")
    parser.add_argument("--dependent", required=True, metavar="ID|NAME",
                        help="被扶養者のIDまたは氏名 (the dependent's id or name)")


def parse_attach(values: list[str]) -> list[Any]:
    from reviewer_app.services.paper import PaperInputError, Scan

    out = []
    for index, value in enumerate(values):
        found = _ATTACH.match(value)
        if found is None:
            raise PaperInputError(
                f"attach[{index}]", f"「{value}」は 書類の種類=ファイル[@開始-終了] の形で"
                "指定してください（例: payslip=scan.pdf@1-3）。",
                f"'{value}' must be DOC=FILE[@FIRST-LAST] (e.g. payslip=scan.pdf@1-3).",
                code="invalid_attach")
        pages = ((int(found["first"]), int(found["last"]))
                 if found["first"] is not None else None)
        out.append(Scan(found["doc"], Path(found["file"]), pages))
    return out


def _answers(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"answers: 回答のファイル {path} を読めません（{exc}）。",
                         f"answers: cannot read the answers file {path} ({exc}).",
                         code="invalid_answers_file", subject="answers") from None


def _session(args: argparse.Namespace) -> Any:
    from reviewer_app.commands.common import read_password_file
    from reviewer_app.services.workspace import open_session

    return open_session(args.workspace, args.user, read_password_file(args.password_file))


def run_add(args: argparse.Namespace) -> int:
    from reviewer_app.services.paper import PaperService

    answers = _answers(args.answers)
    if not isinstance(answers, dict):
        raise InputError("answers: 回答のJSONはオブジェクト（{…}）にしてください。",
                         "answers: the answers JSON must be an object ({…}).",
                         code="invalid_answers_file", subject="answers")
    scans = parse_attach(args.attach)
    with _session(args) as ws:
        service = PaperService(ws)
        target = service.find(args.member, args.dependent)
        result = service.enter(target.case_id, answers, scans, correction=args.correction)
    print_json({"case_id": result.case_id, "revision": result.revision, "files": result.files,
                "quarantined": result.quarantined, "awaiting_check": True})
    return 0


def run_check(args: argparse.Namespace) -> int:
    from reviewer_app.services.paper import PaperService

    with _session(args) as ws:
        service = PaperService(ws)
        target = service.find(args.member, args.dependent)
        service.check(target.case_id)
    print(f"案件 {target.case_id} の入力確認をしました (entry checked)。")
    return 0


def run_mark(args: argparse.Namespace) -> int:
    from reviewer_app.services.clock import today_jst
    from reviewer_app.services.paper import PaperService

    with _session(args) as ws:
        service = PaperService(ws)
        target = service.find(args.member, args.dependent)
        service.mark(target.case_id, args.reason, args.on or today_jst())
    print(f"案件 {target.case_id} を紙の調査票に切り替えました (switched to paper)。")
    return 0


def run_deadline(args: argparse.Namespace) -> int:
    from reviewer_app.services.paper import set_paper_deadline

    text = args.date.strip().lower()
    try:
        deadline = None if text == "none" else date.fromisoformat(text)
    except ValueError:
        raise InputError("日付は YYYY-MM-DD か none で指定してください。",
                         "give the date as YYYY-MM-DD or none.", code="invalid_date",
                         subject="date") from None
    with _session(args) as ws:
        set_paper_deadline(ws, deadline)
    print("紙の提出期限を設定しました (paper deadline set)。")
    return 0

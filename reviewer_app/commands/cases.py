"""``reviewer-app cases --workspace DIR --user NAME --password-file F [--status S] [--json]``.

``--status`` takes a case status (``in_review`` or ``in-review`` …) or one of the queue's views
``not-submitted`` (未提出), ``resubmitted`` (再提出あり), ``overdue`` (期限切れ).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from reviewer_app.commands.common import add_workspace_args
from reviewer_app.domain.vocabulary import CaseStatus

# services.queue.QueueView's values; spelled out so building the parser imports no SQLAlchemy
VIEWS = ("not_submitted", "resubmitted", "overdue")
STATUS_CHOICES = [s.value.replace("_", "-") for s in CaseStatus] + \
    [v.replace("_", "-") for v in VIEWS]


def parse_status(text: str) -> str:
    """A ``--status`` value normalised to its code (``-`` and ``_`` alike, any case)."""
    value = text.strip().lower().replace("-", "_")
    if value in {s.value for s in CaseStatus} or value in VIEWS:
        return value
    raise argparse.ArgumentTypeError(
        f"状態「{text}」はありません (unknown status {text!r}); choose one of "
        + ", ".join(STATUS_CHOICES))


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "cases",
        help="審査対象の一覧 (list the cases under review)",
        description="被扶養者ごとに1行: ケースID、記号-番号、氏名、続柄、状態、添付数 "
                    "(one row per dependent under review).",
    )
    add_workspace_args(parser)
    parser.add_argument(
        "--status", type=parse_status, default=None, metavar="STATUS",
        help="状態または絞り込みで一覧を絞る (only cases with this status or in this view): "
             + ", ".join(STATUS_CHOICES))
    parser.add_argument("--json", action="store_true", help="JSONで出力 (print JSON)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import print_json, read_password_file
    from reviewer_app.domain.vocabulary import LABELS_JA
    from reviewer_app.services.cases import list_cases
    from reviewer_app.services.queue import QueueFilter, QueueView
    from reviewer_app.services.workspace import open_session

    status: str | None = args.status
    f = None if status is None else (
        QueueFilter(view=QueueView(status)) if status in VIEWS
        else QueueFilter(status=CaseStatus(status)))
    password = read_password_file(args.password_file)
    with open_session(args.workspace, args.user, password) as ws:
        rows = list_cases(ws, f)
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    out = sys.stdout
    out.write("ケース\t記号-番号\t氏名\t続柄\t状態\t添付\n")
    for row in rows:
        flag = " (更新あり)" if row.updated_after_review else ""
        out.write(f"{row.case_id}\t{row.card}\t{row.name}\t{row.relationship_label}\t"
                  f"{LABELS_JA.get(row.status, row.status)}{flag}\t{row.attachments}\n")
    out.write(f"計 {len(rows)} 件\n")
    return 0

"""``reviewer-app progress --workspace DIR --user NAME --password-file F [--json] [--today D]``:
the survey's progress (supervisors and admins)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from reviewer_app.commands.common import add_workspace_args
from reviewer_app.domain.vocabulary import LABELS_EN, LABELS_JA, CaseStatus

if TYPE_CHECKING:
    from reviewer_app.services.progress import ProgressReport


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "progress",
        help="調査の進捗 (the survey's progress; supervisors and admins)",
        description="状態別・判定別・担当者別・事業所別の件数、不備連絡の未回答と期限切れ、未提出、"
                    "提出期限までの日数 (counts by status, verdict, holder and office; notices "
                    "outstanding and overdue; non-submitters; days to the deadline).",
    )
    add_workspace_args(parser)
    parser.add_argument("--json", action="store_true", help="JSONで出力 (print JSON)")
    parser.add_argument("--today", type=_day, metavar="YYYY-MM-DD", default=None,
                        help="基準日 (the day to report for; default: today in Japan)")
    parser.add_argument("--survey", type=int, metavar="ID", default=None,
                        help="調査ID (survey id; default: the newest survey)")
    parser.set_defaults(func=run)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"日付は YYYY-MM-DD で指定してください (a date as YYYY-MM-DD): {text}") from None


def run(args: argparse.Namespace) -> int:
    from datetime import datetime

    from reviewer_app.commands.common import print_json, read_password_file
    from reviewer_app.errors import current_language
    from reviewer_app.services.progress import JST, progress_report
    from reviewer_app.services.workspace import open_session

    today: date = args.today or datetime.now(JST).date()
    password = read_password_file(args.password_file)
    with open_session(args.workspace, args.user, password) as ws:
        report = progress_report(ws, today, args.survey)
    if args.json:
        print_json(report.as_json())
        return 0
    sys.stdout.write(format_text(report, current_language()))
    return 0




def format_text(report: ProgressReport, lang: str) -> str:
    """The report as lines for a terminal (Japanese, or English for ``lang="en"``)."""
    ja = lang == "ja"
    labels = LABELS_JA if ja else LABELS_EN
    names = {status.value: labels[status] for status in CaseStatus}
    s, n, v = report.survey, report.notices, report.done_by_verdict
    statuses = list(names)
    lines: list[str] = []
    if ja:
        lines += [
            f"{s.name}（調査 {s.survey_id}）  基準日 {report.today.isoformat()}",
            f"提出期限 {s.submission_deadline.isoformat()}（{_days_ja(report.days_left)}）"
            f"  未提出による除外日 {s.non_submission_exclusion_date.isoformat()}",
            f"対象 {report.total} 件: " + "、".join(
                f"{names[k]} {report.by_status.count(k)}" for k in statuses),
            f"完了の内訳: 扶養継続 {v.continued}、扶養除外 {v.excluded}、その他 {v.other}",
            f"不備連絡: 未回答 {n.outstanding}（うち期限切れ {n.overdue}）、"
            f"再提出あり {n.answered}",
            f"未提出の被扶養者（未完了）: {report.non_submitters}",
            "", "担当者\t計\t" + "\t".join(names[k] for k in statuses)]
    else:
        lines += [
            f"{s.name} (survey {s.survey_id})  as of {report.today.isoformat()}",
            f"Submission deadline {s.submission_deadline.isoformat()} "
            f"({_days_en(report.days_left)})  non-submission exclusion date "
            f"{s.non_submission_exclusion_date.isoformat()}",
            f"{report.total} cases: " + ", ".join(
                f"{names[k]} {report.by_status.count(k)}" for k in statuses),
            f"Done: continue {v.continued}, exclude {v.excluded}, other {v.other}",
            f"Deficiency notices: {n.outstanding} unanswered ({n.overdue} overdue), "
            f"{n.answered} answered",
            f"Dependents with nothing submitted (not done): {report.non_submitters}",
            "", "Holder\ttotal\t" + "\t".join(names[k] for k in statuses)]
    for holder in report.holders:
        lines.append(f"{holder.name}\t{holder.counts.total}\t"
                     + "\t".join(str(holder.counts.count(k)) for k in statuses))
    lines.append(("（未割当）" if ja else "(unassigned)") + f"\t{report.unassigned.total}\t"
                 + "\t".join(str(report.unassigned.count(k)) for k in statuses))
    lines += ["", "事業所\t名称\t計\t完了" if ja else "Office\tname\ttotal\tdone"]
    lines += [f"{o.office_code}\t{o.office_name}\t{o.total}\t{o.done}" for o in report.offices]
    return "\n".join(lines) + "\n"


def _days_ja(days: int) -> str:
    if days > 0:
        return f"あと {days} 日"
    return "本日" if days == 0 else f"{-days} 日経過"


def _days_en(days: int) -> str:
    if days > 0:
        return f"{days} days left"
    return "today" if days == 0 else f"passed {-days} days ago"

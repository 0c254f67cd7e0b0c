"""``reviewer-app export results|exclusions|letters …``: what the society sends and files.

Each subcommand lives in ``reviewer_app.commands.export_<name>`` with ``register(subparsers)``,
like the top-level commands (a module that does not exist yet is skipped).
"""

from __future__ import annotations

import argparse
from typing import Any

SUBCOMMAND_MODULES = ("export_results", "export_exclusions", "export_letters")


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="結果・除外者一覧・通知文書を書き出す (write results, exclusion lists, letters)",
        description="Webシステムへの結果バンドル、除外者一覧、通知文書(PDF)を書き出します。",
    )
    from reviewer_app.cli import register_commands

    sub = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    register_commands(sub, SUBCOMMAND_MODULES)

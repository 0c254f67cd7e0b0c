"""``reviewer-app export results|exclusions|letters …``: what the society sends and files.

Each subcommand lives in ``reviewer_app.commands.export_<name>`` with ``register(subparsers)``,
like the top-level commands (a module that does not exist yet is skipped).
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

SUBCOMMAND_MODULES = ("export_results", "export_exclusions", "export_letters")


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="結果・除外者一覧・通知文書を書き出す (write results, exclusion lists, letters)",
        description="Webシステムへの結果バンドル、除外者一覧、通知文書(PDF)を書き出します。",
    )
    sub = parser.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    for name in SUBCOMMAND_MODULES:
        try:
            module = importlib.import_module(f"reviewer_app.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reviewer_app.commands.{name}":
                continue
            raise
        module.register(sub)

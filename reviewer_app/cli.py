"""The ``reviewer-app`` command.

Each subcommand lives in ``reviewer_app.commands.<name>`` and exposes
``register(subparsers) -> None``, which adds its parser and sets ``func`` (a callable taking the
parsed ``argparse.Namespace`` and returning the exit status). Modules import their heavy
dependencies inside ``func`` so that ``reviewer-app calc`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from reviewer_app.errors import UserError

# Order is the order of ``--help``. A module listed here that does not exist yet is skipped, so
# that commands can land one by one.
COMMAND_MODULES = (
    "gui",
    "demo",
    "calc",
    "init",
    "users",
    "trust_exporter",
    "sample_bundle",
    "import_bundle",
    "cases",
    "audit",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer-app",
        description="被扶養者資格調査の審査アプリ (dependent eligibility survey reviewer)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"reviewer_app.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reviewer_app.commands.{name}":
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        # No subcommand: open the window when it exists, otherwise show help.
        if "gui" in parser._subparsers._group_actions[0].choices:  # type: ignore[union-attr]
            args = parser.parse_args(["gui", *(argv or [])])
            func = args.func
        else:
            parser.print_help()
            return 0
    try:
        status: int = func(args)
    except UserError as exc:
        print(f"reviewer-app: {exc.message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return status


if __name__ == "__main__":
    sys.exit(main())

"""The ``reviewer-app`` command.

Each subcommand lives in ``reviewer_app.commands.<name>`` and exposes
``register(subparsers) -> None``, which adds its parser and sets ``func`` (a callable taking the
parsed ``argparse.Namespace`` and returning the exit status). Modules import their heavy
dependencies inside ``func`` so that ``reviewer-app calc`` starts fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from reviewer_app.errors import UserError

# Order is the order of ``--help``. A module listed here that does not exist yet is skipped, so
# that commands can land one by one.
COMMAND_MODULES = (
    "gui",
    "demo",
    "calc",
    "suggest",
    "init",
    "users",
    "trust_exporter",
    "trust_web_system",
    "sample_bundle",
    "import_bundle",
    "cases",
    "progress",
    "audit",
    "export",
    "society_contact",
    "paper",
    "backup",
    "restore",
    "upgrade",
)


def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The parser, and the names of the commands that are installed."""
    parser = argparse.ArgumentParser(
        prog="reviewer-app",
        description="被扶養者資格調査の審査アプリ (dependent eligibility survey reviewer)",
    )
    from reviewer_app.version import VersionAction

    parser.add_argument("--version", action=VersionAction,
                        help="版と使用ライブラリの版を表示 (print the versions and exit)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser, register_commands(sub, COMMAND_MODULES)


def register_commands(subparsers: Any, names: Sequence[str]) -> set[str]:
    """``reviewer_app.commands.<name>.register(subparsers)`` for each name whose module exists
    (a command group such as ``export`` uses it for its own subcommands)."""
    installed: set[str] = set()
    for name in names:
        try:
            module = importlib.import_module(f"reviewer_app.commands.{name}")
        except ModuleNotFoundError as exc:
            if exc.name == f"reviewer_app.commands.{name}":
                continue
            raise
        module.register(subparsers)
        installed.add(name)
    return installed


def main(argv: Sequence[str] | None = None) -> int:
    parser, installed = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        # No subcommand: open the window when it exists, otherwise show help.
        if "gui" in installed:
            args = parser.parse_args(["gui"])
            func = args.func
        else:
            parser.print_help()
            return 0
    import logging

    from reviewer_app import applog

    applog.setup()
    log = logging.getLogger("reviewer_app.cli")
    log.info("command %s started", args.command or "gui")
    try:
        status: int = func(args)
    except UserError as exc:
        log.info("command %s refused: %s", args.command or "gui", exc.code)
        print(f"reviewer-app: {exc.message()}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``reviewer-app calc … | head``): stop quietly, as Unix tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:
        applog.log_unexpected(log, f"command {args.command or 'gui'} failed", exc)
        raise
    log.info("command %s finished with status %s", args.command or "gui", status)
    return status


if __name__ == "__main__":
    sys.exit(main())

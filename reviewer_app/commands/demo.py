"""``reviewer-app demo [--workspace DIR] [--members N] [--no-window]``: try the window on made-up
people.

On first use it creates a workspace (SQLite), an admin and the users ``examiner``,
``examiner2`` (to try a conflicting edit from a second window) and ``supervisor`` with random
passwords, generates a signed and encrypted sample bundle for it, pins the bundle's signing key
and imports it. The passwords are kept in ``DIR/demo-passwords.txt`` (mode 0600) so that a reused
demo can print them again: acceptable for a demo workspace of invented people, never for a real
one.
"""

from __future__ import annotations

import argparse
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PASSWORDS_FILE = "demo-passwords.txt"
DEMO_USERS = (("examiner", "examiner"), ("examiner2", "examiner"), ("supervisor", "supervisor"))
DEFAULT_MEMBERS = 40
DEMO_SEED = 20240601


def default_demo_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("reviewer-app")) / "demo"


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "demo",
        help="デモ用ワークスペースで画面を開く (open the window on a demo workspace)",
        description="架空の会員のサンプルバンドルを取り込んだデモ用ワークスペースを作成（または再利用）"
        "し、画面を開きます。 Creates (or reuses) a demo workspace with a generated sample "
        "bundle of invented members, prints the demo users' passwords and opens the window.",
    )
    parser.add_argument("--workspace", type=Path, metavar="DIR", default=None,
                        help="デモ用ワークスペースのフォルダ (default: the user data folder/demo)")
    parser.add_argument("--members", type=int, default=DEFAULT_MEMBERS, metavar="N",
                        help=f"作成時の会員数 (members in the sample bundle, default "
                        f"{DEFAULT_MEMBERS})")
    parser.add_argument("--no-window", action="store_true",
                        help="作成だけして画面を開かない (create only; for tests and CI)")
    parser.set_defaults(func=run)


@dataclass(frozen=True)
class DemoWorkspace:
    dir: Path
    passwords: dict[str, str]  # user name -> password
    created: bool


def read_passwords(directory: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    path = directory / PASSWORDS_FILE
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or "\t" not in line:
            continue
        name, password = line.split("\t", 1)
        out[name.strip()] = password.strip()
    return out


def _write_passwords(directory: Path, passwords: dict[str, str]) -> None:
    path = directory / PASSWORDS_FILE
    text = ("# reviewer-app demo workspace: invented people, passwords kept for convenience.\n"
            "# Never keep passwords like this for a real workspace.\n"
            + "".join(f"{name}\t{pw}\n" for name, pw in passwords.items()))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    os.chmod(path, 0o600)


def ensure_demo_workspace(directory: Path, members: int = DEFAULT_MEMBERS,
                          seed: int = DEMO_SEED) -> DemoWorkspace:
    """The demo workspace at ``directory``: reused when it has its passwords file, else created."""
    from reviewer_app.errors import UserError
    from reviewer_app.services.workspace import WORKSPACE_FILE

    directory = Path(directory)
    if (directory / WORKSPACE_FILE).exists():
        if not (directory / PASSWORDS_FILE).exists():
            raise UserError(
                f"{directory} はデモ用ではないワークスペースです（{PASSWORDS_FILE} がありません）。"
                "別のフォルダを --workspace で指定してください。",
                f"{directory} is a workspace that is not a demo ({PASSWORDS_FILE} is missing). "
                "Give another folder with --workspace.",
                code="not_a_demo_workspace", subject=str(directory),
            )
        return DemoWorkspace(directory, read_passwords(directory), created=False)
    return _create(directory, members, seed)


def _create(directory: Path, members: int, seed: int) -> DemoWorkspace:
    import tempfile

    from reviewer_app.samples.generate import generate_bundle
    from reviewer_app.security import keys
    from reviewer_app.services.exporters import trust_exporter
    from reviewer_app.services.importing import import_bundle
    from reviewer_app.services.users import add_user
    from reviewer_app.services.workspace import RECIPIENT_FILE, init_workspace, open_session

    passwords = {"admin": secrets.token_urlsafe(12)}
    for name, _role in DEMO_USERS:
        passwords[name] = secrets.token_urlsafe(9)
    init_workspace(directory, None, "admin", passwords["admin"])
    _write_passwords(directory, passwords)
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    recipient = keys.public_key_from_text(
        (directory / RECIPIENT_FILE).read_text(encoding="utf-8").strip())
    assert isinstance(recipient, X25519PublicKey)
    signing_key = keys.generate_signing_key()
    with open_session(directory, "admin", passwords["admin"]) as admin:
        for name, role in DEMO_USERS:
            add_user(admin, name, role, passwords[name])
        trust_exporter(admin, keys.public_key_to_text(signing_key.public_key()),
                       "demo sample generator")
        with tempfile.TemporaryDirectory(prefix="reviewer-demo-") as tmp:
            bundle = Path(tmp) / "demo.rvb"
            # fast: 100 dpi scans and smaller photos, still legible; keeps creation short.
            generate_bundle(bundle, members=members, seed=seed, signing_key=signing_key,
                            recipients=[recipient], fast=True)
            import_bundle(admin, bundle)
    return DemoWorkspace(directory, passwords, created=True)


def run(args: argparse.Namespace) -> int:
    import time

    directory: Path = args.workspace or default_demo_dir()
    started = time.monotonic()
    if not (directory / PASSWORDS_FILE).exists():
        print(f"デモ用ワークスペースを作成しています (creating the demo workspace): {directory}")
    demo = ensure_demo_workspace(directory, members=args.members)
    if demo.created:
        print(f"作成しました ({time.monotonic() - started:.1f} s)。")
    else:
        print(f"既存のデモ用ワークスペースを使います (reusing): {demo.dir}")
    print("デモ用ワークスペースです。架空の人物のデータで、パスワードは "
          f"{demo.dir / PASSWORDS_FILE} に保存されています。実運用には使わないでください。")
    print("This is a DEMO workspace of invented people; its passwords are kept in the file "
          "above. Never use it for real cases.")
    for name, _role in (("admin", "admin"), *DEMO_USERS):
        if name in demo.passwords:
            print(f"  {name:<11} {demo.passwords[name]}")
    if args.no_window:
        return 0
    from reviewer_app.ui.app import run_gui

    return run_gui(demo.dir, prefill_user="examiner",
                   prefill_password=None, demo=True)

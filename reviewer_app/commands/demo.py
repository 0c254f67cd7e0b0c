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
from datetime import date
from pathlib import Path
from typing import Any

PASSWORDS_FILE = "demo-passwords.txt"
# The web system's side of the demo: its exporter signing key and its X25519 key, raw 32 bytes
# (mode 0600), and what the sample bundle was made from. A demo of invented people only.
WEB_DIR = "demo-web-system"
EXPORTER_KEY_FILE = "exporter.key"
WEB_KEY_FILE = "web-system.key"
SAMPLE_FILE = "sample.json"
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
    parser.add_argument("--answer", type=Path, metavar="RESULTS",
                        help="Webシステム役: 書き出した結果バンドルを読み、不備連絡を受けた"
                        "会員の一部が再提出した次の版を作って取り込む (play the web system: "
                        "members answer the notices in RESULTS; the next revision is imported)")
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
        passwords = read_passwords(directory)
        _upgrade_demo(directory, passwords)
        return DemoWorkspace(directory, passwords, created=False)
    from reviewer_app.private_files import owner_only_umask

    # The passwords file, the web system's keys and sample.json: owner-only like the workspace.
    with owner_only_umask():
        return _create(directory, members, seed)


def _upgrade_demo(directory: Path, passwords: dict[str, str]) -> None:
    """A demo made by an earlier version is upgraded by its admin at once (a backup is still
    made first): a real workspace waits for its admin (services/upgrade), a demo need not."""
    from reviewer_app.services.upgrade import pending_upgrade, upgrade_workspace
    from reviewer_app.store import migrate

    current, _head, _backend = pending_upgrade(directory)
    if migrate.schema_state(current or None) == "older":
        result = upgrade_workspace(directory, "admin", passwords["admin"])
        _certify_demo_users(directory, passwords, result.uncertified)


def _certify_demo_users(directory: Path, passwords: dict[str, str],
                        names: tuple[str, ...]) -> None:
    """A demo from before issue 8: each user signs in once (which gives them their own keys)
    and the admin certifies those keys, as an operator would with ``users certify``."""
    import contextlib

    from reviewer_app.services.authority import NotCertified
    from reviewer_app.services.users import certify_user
    from reviewer_app.services.workspace import open_session

    for name in names:
        if name in passwords:
            # refused as expected: the keys now exist, waiting for the admin
            with contextlib.suppress(NotCertified):
                open_session(directory, name, passwords[name]).close()
    with open_session(directory, "admin", passwords["admin"]) as admin:
        for name in names:
            if name in passwords:
                certify_user(admin, name)


def _create(directory: Path, members: int, seed: int) -> DemoWorkspace:
    import tempfile

    from reviewer_app.samples.generate import generate_bundle
    from reviewer_app.security import keys
    from reviewer_app.services.exporters import trust_exporter
    from reviewer_app.services.importing import import_bundle
    from reviewer_app.services.letters import set_society_contact
    from reviewer_app.services.results import trust_web_system
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
    web_key = keys.generate_recipient_key()
    _keep_web_system(directory, signing_key, web_key, members, seed)
    with open_session(directory, "admin", passwords["admin"]) as admin:
        for name, role in DEMO_USERS:
            add_user(admin, name, role, passwords[name])
        trust_exporter(admin, keys.public_key_to_text(signing_key.public_key()),
                       "demo sample generator")
        trust_web_system(admin, keys.public_key_to_text(web_key.public_key()))
        set_society_contact(admin, "業務部 適用グループ(デモ)\n"
                                   "〒100-0000 東京都千代田区架空町1-2-3\n"
                                   "電話 03-0000-0000(平日 9:00〜17:00)")
        with tempfile.TemporaryDirectory(prefix="reviewer-demo-") as tmp:
            bundle = Path(tmp) / "demo.rvb"
            # fast: 100 dpi scans and smaller photos, still legible; keeps creation short.
            generate_bundle(bundle, members=members, seed=seed, signing_key=signing_key,
                            recipients=[recipient], fast=True)
            import_bundle(admin, bundle)
    enter_paper_surveys(directory, passwords, members, seed)
    return DemoWorkspace(directory, passwords, created=True)


PAPER_FOLDER = "paper-sample"  # a third paper survey for a newcomer to enter (issue 14)


def enter_paper_surveys(directory: Path, passwords: dict[str, str], members: int,
                        seed: int) -> list[int]:
    """Two paper members entered through the services (issue 14): the first with the sample
    generator's scanned payslips (one PDF split by page range into two files), checked by a
    second examiner and ready for review; the second with its answers only, waiting for its
    入力確認. A third survey's answers and scan are left in ``paper-sample/`` for a newcomer to
    enter. Returns the two case ids."""
    import json
    import tempfile

    from reviewer_app.samples.paper import paper_samples
    from reviewer_app.services.paper import PaperService, Scan
    from reviewer_app.services.workspace import open_session

    samples = paper_samples(members, seed, count=3)
    if len(samples) < 2:
        return []
    cases: list[int] = []
    with open_session(directory, "examiner", passwords["examiner"]) as examiner, \
            tempfile.TemporaryDirectory(prefix="reviewer-paper-") as tmp:
        service = PaperService(examiner)
        for k, sample in enumerate(samples[:2]):
            target = service.find(sample.member, sample.dependent_id)
            service.mark(target.case_id, "PC・スマートフォンがなく紙で回答（デモ）",
                         date(2024, 8, 1))
            scans: list[Scan] = []
            if k == 0:
                scan = Path(tmp) / "scan.pdf"
                scan.write_bytes(sample.scan_pdf)
                half = sample.pages // 2
                scans = [Scan("payslip", scan, (1, half)),
                         Scan("payslip", scan, (half + 1, sample.pages))]
            service.enter(target.case_id, sample.answers, scans, today=date(2024, 9, 10))
            cases.append(target.case_id)
    with open_session(directory, "examiner2", passwords["examiner2"]) as second:
        PaperService(second).check(cases[0])
    if len(samples) > 2:
        folder = directory / PAPER_FOLDER
        folder.mkdir(exist_ok=True)
        third = samples[2]
        (folder / "answers.json").write_text(
            json.dumps(third.answers, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        _private_file(folder / "scan.pdf", third.scan_pdf)
        (folder / "README.txt").write_text(
            f"被保険者 {third.member} / 被扶養者 {third.dependent_id}\n"
            "ファイル→紙の調査票を入力、または reviewer-app paper add --member "
            f"{third.member} --dependent {third.dependent_id} --answers answers.json "
            f"--attach payslip=scan.pdf@1-{third.pages}\n", encoding="utf-8")
    return cases


def _private_file(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _keep_web_system(directory: Path, signing_key: Any, web_key: Any, members: int,
                     seed: int) -> None:
    import json

    from reviewer_app.security import keys

    web = directory / WEB_DIR
    web.mkdir(mode=0o700, exist_ok=True)
    _private_file(web / EXPORTER_KEY_FILE, keys.private_key_bytes(signing_key))
    _private_file(web / WEB_KEY_FILE, keys.private_key_bytes(web_key))
    (web / SAMPLE_FILE).write_text(json.dumps({"members": members, "seed": seed,
                                               "revision": 1, "fast": True}), encoding="utf-8")


def answer_results(directory: Path, results: Path) -> Any:
    """Play the web system on the demo: read ``results`` with the demo's web-system key, let
    some notified members re-upload (samples.answer), sign the next revision with the demo's
    exporter key and import it as the admin. Returns (import summary, answered, ignored)."""
    import json
    import tempfile

    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from reviewer_app.commands.sample_bundle import read_answer
    from reviewer_app.errors import UserError
    from reviewer_app.samples.generate import generate_bundle
    from reviewer_app.security import keys
    from reviewer_app.services.importing import import_bundle
    from reviewer_app.services.results import RESULTS_SIGNER_FILE
    from reviewer_app.services.workspace import RECIPIENT_FILE, open_session

    web = directory / WEB_DIR
    if not (web / SAMPLE_FILE).exists():
        raise UserError(
            f"{directory} にはWebシステム役の鍵 ({WEB_DIR}) がありません。"
            "このデモ用ワークスペースは古い版で作られています。フォルダを消して作り直してください。",
            f"{directory} has no web-system keys ({WEB_DIR}): it was made by an older version. "
            "Delete the folder and run the demo again.", code="demo_without_web_system")
    sample = json.loads((web / SAMPLE_FILE).read_text(encoding="utf-8"))
    answer = read_answer(results, web / WEB_KEY_FILE, directory / RESULTS_SIGNER_FILE,
                         sample["members"], sample["seed"], sample["revision"])
    recipient = keys.public_key_from_text(
        (directory / RECIPIENT_FILE).read_text(encoding="utf-8"))
    assert isinstance(recipient, X25519PublicKey)
    signing_key = keys.signing_key_from_bytes((web / EXPORTER_KEY_FILE).read_bytes())
    passwords = read_passwords(directory)
    with tempfile.TemporaryDirectory(prefix="reviewer-demo-") as tmp:
        bundle = Path(tmp) / "answer.rvb"
        generate_bundle(bundle, members=sample["members"], seed=sample["seed"],
                        signing_key=signing_key, recipients=[recipient],
                        revision=sample["revision"], fast=bool(sample.get("fast", True)),
                        plans=answer.plans, bundle_id=answer.bundle_id)
        with open_session(directory, "admin", passwords["admin"]) as admin:
            summary = import_bundle(admin, bundle)
    return summary, answer.answered, answer.ignored


def run(args: argparse.Namespace) -> int:
    import time

    directory: Path = args.workspace or default_demo_dir()
    if not args.no_window:
        from reviewer_app.platform_check import ensure_window_platform

        # Before building the workspace: a missing X library is said first, not after a minute.
        ensure_window_platform()
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
    if args.answer is not None:
        summary, answered, ignored = answer_results(demo.dir, args.answer)
        print(f"Webシステム役: 不備連絡を受けた {len(answered) + len(ignored)} 名のうち "
              f"{len(answered)} 名が書類を再提出しました (members answered the notices)。")
        print(f"  取込 {summary.bundle_id}: 更新 {summary.updated}、変更なし {summary.unchanged}、"
              f"審査に戻ったケース {summary.resubmitted_cases} 件")
    if args.no_window:
        return 0
    from reviewer_app.ui.app import run_gui

    return run_gui(demo.dir, prefill_user="examiner",
                   prefill_password=None, demo=True)

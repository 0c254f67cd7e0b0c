"""``reviewer-app sample-bundle OUT --members N [--seed S] [--recipient PUBKEYFILE …]
[--signing-key KEYFILE] [--revision R] [--json]``.

Writes a realistic, deterministic sample bundle (see :mod:`reviewer_app.samples`). Without
``--signing-key`` a fresh exporter key signs it and only its public half is written, to
``OUT.signer.pub``: the private key is never written to disk (pin the public key with
``trust-exporter``; a later bundle signed by another fresh key needs pinning again, or pass a raw
32-byte key with ``--signing-key``).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reviewer_app.errors import InputError


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "sample-bundle",
        help="サンプルのバンドルを作る (write a realistic sample bundle)",
        description="デモ・テスト・ベンチマーク用に、現実的なサンプルのバンドルを決定的に作成します。"
        " Writes a deterministic, realistic sample bundle for demos, tests and benchmarks.",
    )
    parser.add_argument("out", type=Path, metavar="OUT", help="作成するバンドル (bundle to write)")
    parser.add_argument("--members", type=int, required=True, metavar="N",
                        help="被保険者の人数 (number of insured members)")
    parser.add_argument("--seed", type=int, default=1, metavar="S",
                        help="乱数の種。同じ種なら同じ内容 (same seed, same contents; default 1)")
    parser.add_argument("--recipient", type=Path, action="append", default=[],
                        metavar="PUBKEYFILE",
                        help="宛先ワークスペースの recipient.pub（複数可）"
                        " (a workspace's recipient.pub; repeatable)")
    parser.add_argument("--signing-key", type=Path, metavar="KEYFILE",
                        help="署名に使う Ed25519 秘密鍵（32バイトの生データ）"
                        " (raw 32-byte Ed25519 private key)")
    parser.add_argument("--revision", type=int, default=1, metavar="R",
                        help="改訂番号。2以上で一部の提出内容が変わる"
                        " (>1 revises a subset of submissions)")
    parser.add_argument("--fast", action="store_true",
                        help="画像の解像度を下げて速く作る (lower image resolution, faster)")
    parser.add_argument("--workers", type=int, default=None, metavar="K",
                        help="書類を描くプロセス数 (rendering processes; default: up to 2)")
    parser.add_argument("--answer", type=Path, metavar="RESULTS",
                        help="結果バンドルを読み、不備連絡を受けた会員の一部が書類を再提出した次の版を"
                        "作る (play the members' answers to a results export)")
    parser.add_argument("--web-key", type=Path, metavar="KEYFILE",
                        help="--answer: Webシステムの X25519 秘密鍵（32バイト）"
                        " (the web system's raw X25519 private key)")
    parser.add_argument("--results-signer", type=Path, metavar="PUBFILE",
                        help="--answer: ワークスペースの results-signer.pub"
                        " (the workspace's results signing key)")
    parser.add_argument("--json", action="store_true", help="JSONで出力 (print JSON)")
    parser.set_defaults(func=run)


def _read_recipient(path: Path) -> Any:
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

    from reviewer_app.security.keys import public_key_from_text

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "UTF-8 text expected"
        raise InputError(
            f"宛先の公開鍵ファイル {path} を読めません ({reason})。"
            "ワークスペースの recipient.pub を指定してください。",
            f"Cannot read the recipient key file {path} ({reason}). "
            "Give a workspace's recipient.pub.",
            code="recipient_file", subject=str(path),
        ) from None
    key = public_key_from_text(text)
    if not isinstance(key, X25519PublicKey):
        raise InputError(
            f"{path} は宛先の鍵（reviewer-app-x25519 …）ではありません。"
            "ワークスペースの recipient.pub を指定してください。",
            f"{path} is not a recipient key (reviewer-app-x25519 …). "
            "Give a workspace's recipient.pub.",
            code="recipient_not_x25519", subject=str(path),
        )
    return key


def _read_signing_key(path: Path) -> Any:
    from reviewer_app.security.keys import RAW_KEY_BYTES, signing_key_from_bytes

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"署名鍵ファイル {path} を読めません ({exc.strerror})。パスを確かめてください。",
            f"Cannot read the signing key file {path} ({exc.strerror}). Check the path.",
            code="signing_key_file", subject=str(path),
        ) from None
    if len(data) != RAW_KEY_BYTES:
        raise InputError(
            f"署名鍵ファイル {path} は32バイトの Ed25519 秘密鍵ではありません"
            f"（{len(data)} バイト）。",
            f"The signing key file {path} is not a raw 32-byte Ed25519 private key "
            f"({len(data)} bytes).",
            code="signing_key_format", subject=str(path),
        )
    return signing_key_from_bytes(data)


@dataclass(frozen=True)
class _Answer:
    plans: list[Any]
    bundle_id: str
    answered: list[str]
    ignored: list[str]


def read_answer(results_path: Path, web_key_path: Path | None, signer_path: Path | None,
                members: int, seed: int, revision: int) -> _Answer:
    """The population with the members' answers to the results bundle at ``results_path``."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from reviewer_app.bundle.results import read_results
    from reviewer_app.samples.answer import answer_population
    from reviewer_app.samples.generate import bundle_id_for
    from reviewer_app.security.keys import (
        RAW_KEY_BYTES,
        public_key_from_text,
        recipient_key_from_bytes,
    )

    if web_key_path is None or signer_path is None:
        raise InputError(
            "--answer には --web-key（Webシステムの秘密鍵）と --results-signer"
            "（ワークスペースの results-signer.pub）も指定してください。",
            "--answer needs --web-key (the web system's private key) and --results-signer "
            "(the workspace's results-signer.pub).", code="answer_keys", subject="--answer")
    try:
        raw = web_key_path.read_bytes()
        signer = public_key_from_text(signer_path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"鍵ファイルを読めません ({exc.strerror}): {exc.filename}",
                         f"Cannot read a key file ({exc.strerror}): {exc.filename}",
                         code="answer_keys", subject=str(exc.filename)) from None
    if len(raw) != RAW_KEY_BYTES or not isinstance(signer, Ed25519PublicKey):
        raise InputError(
            "--web-key は32バイトの X25519 秘密鍵、--results-signer は reviewer-app-ed25519 "
            "の公開鍵を指定してください。",
            "--web-key must be a raw 32-byte X25519 private key and --results-signer a "
            "reviewer-app-ed25519 public key.", code="answer_keys", subject="--web-key")
    opened = read_results(results_path, web_system_key=recipient_key_from_bytes(raw),
                          trusted_workspaces=[signer])
    done = answer_population(members, seed, revision, opened.results)
    bundle_id = f"{bundle_id_for(seed, members, revision)}-answer{opened.manifest.sequence}"
    return _Answer(done.plans, bundle_id, done.answered, done.ignored)


def run(args: argparse.Namespace) -> int:
    from reviewer_app.commands.common import print_json
    from reviewer_app.samples.generate import generate_bundle
    from reviewer_app.security.keys import generate_signing_key, key_id, public_key_to_text

    out: Path = args.out
    if args.members < 1 or args.members > 100_000:
        raise InputError("--members は 1 以上 100000 以下で指定してください。",
                         "--members must be between 1 and 100000.",
                         code="members_range", subject="--members")
    if args.revision < 1 or args.revision > 1000:
        raise InputError("--revision は 1 以上 1000 以下で指定してください。",
                         "--revision must be between 1 and 1000.",
                         code="revision_range", subject="--revision")
    if not args.recipient:
        raise InputError(
            "宛先がありません。--recipient にワークスペースの recipient.pub を指定してください。",
            "No recipient. Give a workspace's recipient.pub with --recipient.",
            code="no_recipient", subject="--recipient",
        )
    if not out.parent.is_dir():
        raise InputError(f"出力先のフォルダ {out.parent} がありません。",
                         f"The output folder {out.parent} does not exist.",
                         code="out_dir", subject=str(out.parent))
    if out.is_dir():
        raise InputError(f"{out} はフォルダです。作成するファイルの名前を指定してください。",
                         f"{out} is a folder. Give the name of the file to write.",
                         code="out_is_dir", subject=str(out))
    recipients = [_read_recipient(path) for path in args.recipient]
    if args.signing_key is not None:
        signing_key = _read_signing_key(args.signing_key)
        signer_file: Path | None = None
    else:
        signing_key = generate_signing_key()
        signer_file = out.with_name(out.name + ".signer.pub")

    answered = None
    if args.answer is not None:
        answered = read_answer(args.answer, args.web_key, args.results_signer, args.members,
                               args.seed, args.revision)
    result = generate_bundle(
        out, members=args.members, seed=args.seed, signing_key=signing_key,
        recipients=recipients, revision=args.revision, fast=args.fast, workers=args.workers,
        plans=answered.plans if answered else None,
        bundle_id=answered.bundle_id if answered else None)
    public = signing_key.public_key()
    if signer_file is not None:
        signer_file.write_text(public_key_to_text(public) + "\n", encoding="utf-8")
    summary = result.summary()
    summary["signer_key_id"] = key_id(public)
    summary["signer_pub"] = str(signer_file) if signer_file else None
    if answered is not None:
        summary["answered_members"] = answered.answered
        summary["ignored_members"] = answered.ignored
    if args.json:
        print_json(summary)
    else:
        print(f"バンドルを作成しました (bundle written): {out}")
        print(f"  bundle id   {result.bundle_id} (revision {result.revision})")
        print(f"  被保険者     {result.members} members")
        print(f"  被扶養者     {result.dependents} dependents")
        print(f"  添付資料     {result.attachments} attachments, "
              f"{result.file_bytes / 1e6:.1f} MB")
        print(f"  バンドル     {result.bundle_bytes / 1e6:.1f} MB in {result.seconds:.1f} s")
        print(f"  署名鍵 key id {key_id(public)}")
        if signer_file is not None:
            print(f"  公開鍵       {signer_file}  (trust-exporter で登録してください)")
        if answered is not None:
            print(f"  再提出       {len(answered.answered)} members (不備連絡に回答), "
                  f"未回答 {len(answered.ignored)} members")
    return 0

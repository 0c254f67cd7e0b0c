"""A corpus of crafted and mutated uploads for ``robustness.py`` (issue 9); no third-party files.

    uv run python tests/benchmarks/make_corpus.py OUT [--mutations 30] [--seed 9]

Writes into OUT (created): sound documents of every accepted type made by
``helpers_documents`` (JPEG with EXIF turn, PNG grey/RGBA, GIF, BMP, HEIC with thumbnail, text and
scanned PDFs), every crafted file of ``helpers_crafted`` (bombs, extreme shapes, damaged,
encrypted and page-less PDFs, a HEIC with a broken main image), and ``--mutations`` mutants of
each sound document: truncations, flipped bits, overwritten runs, a deleted or duplicated span,
a damaged header. The seed makes the corpus the same every time; the files are not committed.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]

EXTENSION = {"image/jpeg": "jpg", "image/png": "png", "image/gif": "gif", "image/bmp": "bmp",
             "image/heic": "heic", "application/pdf": "pdf"}


def sound_documents() -> dict[str, tuple[str, bytes]]:
    from helpers_documents import (
        make_bmp,
        make_gif,
        make_heic,
        make_jpeg,
        make_pdf,
        make_png,
        make_scanned_pdf,
    )

    return {
        "jpeg-photo": ("image/jpeg", make_jpeg(1600, 1200, orientation=6)),
        "jpeg-small": ("image/jpeg", make_jpeg(320, 240)),
        "png-rgb": ("image/png", make_png(800, 600)),
        "png-rgba": ("image/png", make_png(400, 300, mode="RGBA")),
        "png-grey": ("image/png", make_png(640, 480, mode="L")),
        "gif": ("image/gif", make_gif(320, 240)),
        "bmp": ("image/bmp", make_bmp(320, 240)),
        "heic": ("image/heic", make_heic(1024, 768)),
        "pdf-text": ("application/pdf", make_pdf(3)),
        "pdf-scan": ("application/pdf", make_scanned_pdf(2, target_bytes=600_000, dpi=120)),
    }


Mutation = Callable[[bytes, random.Random], tuple[str, bytes]]


def _truncate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    keep = rng.choice([0.01, 0.05, 0.2, 0.5, 0.8, 0.95, 0.999])
    return f"cut{int(keep * 1000)}", data[: max(1, int(len(data) * keep))]


def _flip(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    count = rng.choice([1, 8, 64])
    out = bytearray(data)
    for _ in range(count):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return f"flip{count}", bytes(out)


def _overwrite(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    length = rng.choice([16, 256, 4096])
    start = rng.randrange(max(1, len(data) - length))
    fill = rng.choice([b"\x00", b"\xff", bytes([rng.randrange(256)])])
    out = bytearray(data)
    out[start : start + length] = fill * min(length, len(data) - start)
    return f"run{length}", bytes(out)


def _delete(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    length = rng.choice([1, 100, 5000])
    start = rng.randrange(max(1, len(data) - length))
    return f"del{length}", data[:start] + data[start + length :]


def _duplicate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    length = rng.choice([64, 2048])
    start = rng.randrange(max(1, len(data) - length))
    span = data[start : start + length]
    return f"dup{length}", data[:start] + span + span + data[start + length :]


def _header(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    out = bytearray(data)
    for _ in range(4):
        at = rng.randrange(min(len(out), 64))
        out[at] = rng.randrange(256)
    return "head", bytes(out)


MUTATIONS: tuple[Mutation, ...] = (_truncate, _flip, _overwrite, _delete, _duplicate, _header)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--mutations", type=int, default=30, help="mutants per sound document")
    parser.add_argument("--seed", type=int, default=9)
    args = parser.parse_args()
    from helpers_crafted import (
        DAMAGED_KINDS,
        content_bomb_pdf,
        heic_broken_main_image,
        long_jpeg,
        streamed_png,
    )

    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    written = 0

    def write(name: str, media_type: str, data: bytes) -> None:
        nonlocal written
        (out / f"{name}.{EXTENSION[media_type]}").write_bytes(data)
        written += 1

    sound = sound_documents()
    for name, (media_type, data) in sound.items():
        write(f"sound-{name}", media_type, data)
        for n in range(args.mutations):
            label, mutant = rng.choice(MUTATIONS)(data, rng)
            write(f"mutant-{name}-{n:02d}-{label}", media_type, mutant)
    for kind in DAMAGED_KINDS:
        write(f"crafted-{kind.name}", kind.declared, kind.make())
    write("crafted-content-bomb-540mb", "application/pdf", content_bomb_pdf(540_000_000))
    write("crafted-png-50mp-transparent", "image/png", streamed_png(7071, 7071, colour_type=6))
    write("crafted-png-4x12500000", "image/png", streamed_png(4, 12_500_000))
    write("crafted-jpeg-65327x169", "image/jpeg", long_jpeg())
    write("crafted-heic-broken-main-image", "image/heic", heic_broken_main_image(2048, 1536))
    print(f"{written} files in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

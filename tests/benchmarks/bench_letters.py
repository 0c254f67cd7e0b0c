"""Benchmark: render 10,000 letters (a mix of kinds) into one PDF.

Run on demand: ``uv run python tests/benchmarks/bench_letters.py [N] [PER_STORY] [PER_PART]``.
Prints wall time, pages, output size and peak memory (the process's max RSS, which includes
MuPDF's C heap that tracemalloc cannot see). ``PER_STORY`` and ``PER_PART`` are
``render_letters``'s ``letters_per_story`` (letters laid out by one Story) and
``letters_per_part`` (letters per DocumentWriter; the parts are joined with ``insert_pdf``).
"""

from __future__ import annotations

import random
import resource
import sys
import time
from datetime import date, timedelta

import pymupdf

from reviewer_app.letters import (
    LETTERS_PER_PART,
    LETTERS_PER_STORY,
    Addressee,
    ExclusionLetter,
    Letter,
    NoticeItemText,
    NoticeLetter,
    RecertificationLetter,
    Society,
    render_letters,
    reply_deadline_from,
)

SOCIETY = Society("〇〇健康保険組合", "業務部 適用グループ（扶養調査担当）\n"
                  "〒100-0001 東京都千代田区千代田1-1-1 〇〇ビル5階\n"
                  "電話 03-1234-5678（平日 9:00〜17:00）")
SURNAMES = ("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤",
            "吉田", "山田", "佐々木", "山口", "松本")
GIVEN = ("太郎", "一郎", "健", "大輔", "翔", "花子", "美咲", "陽子", "さくら", "結衣",
         "優子", "恵", "直樹", "拓也", "彩")
RELATIONS = ("妻", "夫", "長男", "長女", "次男", "次女", "母", "父")
DOCS = ("給与明細書", "賞与明細書", "年金振込通知書", "確定申告書", "労働条件通知書")


def generate(n: int, seed: int = 20240902) -> list[Letter]:
    rng = random.Random(seed)
    letters: list[Letter] = []
    for i in range(n):
        surname = rng.choice(SURNAMES)
        to = Addressee(f"case-{i}", f"{surname} {rng.choice(GIVEN)}", str(rng.randint(1, 99)),
                       str(rng.randint(1, 9999)), f"第{rng.randint(1, 40)}営業所",
                       f"{surname} {rng.choice(GIVEN)}", rng.choice(RELATIONS))
        issued = date(2024, 10, 1) + timedelta(days=rng.randint(0, 30))
        kind = i % 3
        if kind == 0:
            letters.append(ExclusionLetter(
                to, issued, date(2024, rng.randint(1, 9), rng.choice((1, 16))),
                f"令和6年{rng.randint(1, 6)}月からの給与の総支給額が3か月連続で月額限度額"
                "108,333円を超えたため。"))
        elif kind == 1:
            items = tuple(NoticeItemText(f"{d}（令和5年分）",
                                         "画像が不鮮明で金額が読み取れません。",
                                         f"{d}の鮮明な写し", "" if rng.random() < .5 else "両面")
                          for d in rng.sample(DOCS, rng.randint(1, 4)))
            letters.append(NoticeLetter(to, issued, issued + timedelta(days=14), items))
        else:
            letters.append(RecertificationLetter(to, issued, date(2024, rng.randint(1, 9), 16),
                                                 reply_deadline_from(issued)))
    return letters


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    per_story = int(sys.argv[2]) if len(sys.argv) > 2 else LETTERS_PER_STORY
    per_part = int(sys.argv[3]) if len(sys.argv) > 3 else LETTERS_PER_PART
    letters = generate(n)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start, cpu_start = time.perf_counter(), time.process_time()
    pdf = render_letters(letters, SOCIETY, letters_per_story=per_story,
                         letters_per_part=per_part)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss   # KiB on Linux
    doc = pymupdf.open("pdf", pdf)
    mode = f"{per_story} per story, {per_part} per part"
    print(f"{n} letters ({mode}): {wall:.1f} s wall, {cpu:.1f} s CPU, {n / wall:.0f} letters/s, "
          f"{doc.page_count} pages, {len(pdf) / 1e6:.2f} MB, "
          f"peak RSS {rss / 1024:.0f} MiB (before rendering {rss_before / 1024:.0f} MiB)")


if __name__ == "__main__":
    main()

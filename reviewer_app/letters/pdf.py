"""Letters to one A4 PDF with PyMuPDF's Story (HTML + CSS), the CJK font embedded as a subset.

A Story lays out up to ``LETTERS_PER_STORY`` letters; every letter after the first in a Story
has ``page-break-before: always``, so each letter starts on a fresh page and a long one flows
onto more pages. All Stories share one ``Archive`` holding the font; the writer embeds it once
and ``subset_fonts`` then keeps only the glyphs used.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from functools import cache

import pymupdf

from reviewer_app.letters.model import ExclusionLetter, Letter, NoticeLetter, Society
from reviewer_app.letters.wording import letter_html

A4 = pymupdf.paper_rect("a4")   # 595 × 842 pt
# Margins in points: 20 mm at the sides, 17 mm at the top, 16 mm at the bottom.
_WHERE = pymupdf.Rect(57, 48, A4.width - 57, A4.height - 45)
# A letter longer than this is a bug in the caller (thousands of items), not a letter.
_MAX_PAGES_PER_LETTER = 50
_FONT_FILE = "letter-font.ttf"
# Letters laid out by one Story. Drawing costs about 10 ms per Story on top of the text (each
# Story loads the 3.5 MB font anew; the PDF writer presumably hashes it to find it embedded), and
# layout grows faster than linearly with a Story's length. Measured on 1,000 letters: 1 per Story
# 54 letters/s, 100 per Story 235/s, 1,000 per Story 57/s (tests/benchmarks/bench_letters.py).
LETTERS_PER_STORY = 100
# Letters per DocumentWriter, joined with insert_pdf: one writer for 10,000 letters took 65 s to
# draw, 2,000 letters took 2.5 s and 1,000 took 1.2 s (the writer's cost per page grows). End to
# end, 10,000 letters: 28–33 s CPU in parts of 500–2,000, 43 s in one part.
LETTERS_PER_PART = 1000

_CSS = f"""
@font-face {{ font-family: letterfont; src: url({_FONT_FILE}); }}
* {{ font-family: letterfont; }}
body {{ font-size: 10pt; line-height: 1.45; color: #000; }}
p {{ margin: 0 0 0.45em 0; text-align: justify; }}
p.date {{ text-align: right; margin: 0; }}
p.to {{ margin: 0.4em 0 0.8em 0; }}
span.name {{ font-size: 12pt; }}
p.from {{ text-align: right; margin: 0 0 0.1em 0; font-size: 11pt; }}
h1 {{ font-size: 14pt; text-align: center; margin: 0.3em 0 0.9em 0; font-weight: normal; }}
p.closing, p.end {{ text-align: right; }}
p.ki {{ text-align: center; margin: 0.4em 0 0.6em 0; }}
p.subhead {{ margin: 0.8em 0 0.3em 0; font-size: 11pt; }}
p.item-title {{ margin: 0.8em 0 0.2em 0; font-size: 11pt; }}
div.facts {{ border: 0.6pt solid #555; padding: 3pt 8pt 1pt 8pt; margin: 0 0 0.8em 0; }}
p.fact {{ margin: 0 0 0.2em 1em; text-indent: -1em; text-align: left; }}
span.label {{ color: #333; }}
p.contact {{ text-align: right; font-size: 8.5pt; line-height: 1.35; margin: 0 0 0.4em 0; }}
div.letter.next {{ page-break-before: always; }}
"""


@cache
def _font_bytes() -> bytes:
    # Droid Sans Fallback, shipped inside PyMuPDF (the same face ui/fonts.py gives Qt).
    return bytes(pymupdf.Font("japan").buffer)


def _archive() -> pymupdf.Archive:
    archive = pymupdf.Archive()
    archive.add(_font_bytes(), _FONT_FILE)
    return archive


def _story_html(letters: Sequence[Letter], society: Society) -> str:
    # Each letter but the first breaks to a new page. (A break before the very first element
    # made place() return no progress and loop for ever in PyMuPDF 1.28.2.)
    parts = [f'<div class="{"letter" if i == 0 else "letter next"}">'
             f"{letter_html(letter, society)}</div>" for i, letter in enumerate(letters)]
    return f"<html><body>{''.join(parts)}</body></html>"


def _write(letters: Sequence[Letter], society: Society, letters_per_story: int) -> bytes:
    archive = _archive()
    out = io.BytesIO()
    writer = pymupdf.DocumentWriter(out)
    for start in range(0, len(letters), letters_per_story):
        chunk = letters[start:start + letters_per_story]
        story = pymupdf.Story(html=_story_html(chunk, society), user_css=_CSS, archive=archive)
        more, pages = 1, 0
        while more:
            if pages == _MAX_PAGES_PER_LETTER * len(chunk):
                raise ValueError(f"a letter needs more than {_MAX_PAGES_PER_LETTER} pages")
            device = writer.begin_page(A4)
            more, _filled = story.place(_WHERE)
            story.draw(device)
            writer.end_page()
            pages += 1
    writer.close()
    return out.getvalue()


def _part(letters: Sequence[Letter], society: Society,
          letters_per_story: int) -> pymupdf.Document:
    doc = pymupdf.open("pdf", _write(letters, society, letters_per_story))
    doc.subset_fonts()
    return doc


def render_letters(letters: Sequence[Letter], society: Society, *,
                   letters_per_story: int = LETTERS_PER_STORY,
                   letters_per_part: int = LETTERS_PER_PART) -> bytes:
    """One PDF: every letter starts on a new page and may span several; font subset embedded.

    The two keywords are tuning knobs for the benchmark; the defaults measured best.
    """
    if not letters:
        raise ValueError("no letters to render")
    if letters_per_story < 1 or letters_per_part < 1:
        raise ValueError("letters_per_story and letters_per_part must be at least 1")
    parts = [letters[i:i + letters_per_part] for i in range(0, len(letters), letters_per_part)]
    doc = _part(parts[0], society, letters_per_story)
    try:
        for part in parts[1:]:
            # Each part brings its own font subset (a few tens of kB): cheaper than one
            # writer for all pages, which slowed down more than linearly.
            other = _part(part, society, letters_per_story)
            try:
                doc.insert_pdf(other)
            finally:
                other.close()
        doc.set_metadata({"title": society.name, "producer": "reviewer-app", "creator": ""})
        # garbage=1 drops the full font the subset replaced; garbage=3 (dedupe) adds nothing
        # here (each part embeds its font once) and grew quadratically with the page count.
        data: bytes = doc.tobytes(garbage=1, deflate=True)
    finally:
        doc.close()
    return data


_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def letter_file_stem(letter: Letter) -> str:
    """A file name part for the member's own file: the kind and the caller's opaque ``ref``,
    never a name or card number (anything outside ``A-Za-z0-9_-`` is replaced)."""
    if isinstance(letter, ExclusionLetter):
        kind = "exclusion"
    elif isinstance(letter, NoticeLetter):
        kind = "notice"
    else:
        kind = "recertification"
    ref = _UNSAFE.sub("_", letter.to.ref).strip("_")[:64]
    if not ref:
        raise ValueError("the addressee's ref is empty or has no ASCII letter or digit")
    return f"{kind}-{ref}"

"""Letters to one A4 PDF with PyMuPDF's Story (HTML + CSS), the CJK font embedded as a subset.

One Story per letter: each letter then starts on a fresh page by construction, and a long one
flows onto more pages. (A single Story with ``page-break-before`` for every letter looped without
end in PyMuPDF 1.28.2 when tried.) All stories share one ``Archive`` holding the font, so the
writer embeds the font once; ``subset_fonts`` then keeps only the glyphs used.
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

_CSS = f"""
@font-face {{ font-family: letterfont; src: url({_FONT_FILE}); }}
* {{ font-family: letterfont; }}
body {{ font-size: 10pt; line-height: 1.45; color: #000; }}
p {{ margin: 0 0 0.45em 0; text-align: justify; }}
p.date {{ text-align: right; margin: 0; }}
p.to {{ margin: 0.4em 0 0.8em 0; }}
span.name {{ font-size: 12pt; }}
p.from {{ text-align: right; margin: 0 0 0.6em 0; font-size: 11pt; }}
h1 {{ font-size: 14pt; text-align: center; margin: 0.3em 0 0.9em 0; font-weight: normal; }}
p.closing, p.end {{ text-align: right; }}
p.ki {{ text-align: center; margin: 0.4em 0 0.6em 0; }}
p.subhead {{ margin: 0.8em 0 0.3em 0; font-size: 11pt; }}
p.item-title {{ margin: 0.8em 0 0.2em 0; font-size: 11pt; }}
div.facts {{ border: 0.6pt solid #555; padding: 3pt 8pt 1pt 8pt; margin: 0 0 0.8em 0; }}
p.fact {{ margin: 0 0 0.2em 1em; text-indent: -1em; text-align: left; }}
span.label {{ color: #333; }}
div.contact {{ border: 0.6pt solid #555; padding: 3pt 8pt; margin-top: 0.6em; font-size: 9.5pt; }}
div.contact p {{ margin: 0; }}
p.contact-title {{ font-size: 9.5pt; }}
"""


@cache
def _font_bytes() -> bytes:
    # Droid Sans Fallback, shipped inside PyMuPDF (the same face ui/fonts.py gives Qt).
    return bytes(pymupdf.Font("japan").buffer)


def _archive() -> pymupdf.Archive:
    archive = pymupdf.Archive()
    archive.add(_font_bytes(), _FONT_FILE)
    return archive


def _write(letters: Sequence[Letter], society: Society) -> bytes:
    archive = _archive()
    out = io.BytesIO()
    writer = pymupdf.DocumentWriter(out)
    for letter in letters:
        body = letter_html(letter, society)
        story = pymupdf.Story(html=f"<html><body>{body}</body></html>", user_css=_CSS,
                              archive=archive)
        more, pages = 1, 0
        while more:
            if pages == _MAX_PAGES_PER_LETTER:
                raise ValueError(f"a letter needs more than {_MAX_PAGES_PER_LETTER} pages")
            device = writer.begin_page(A4)
            more, _filled = story.place(_WHERE)
            story.draw(device)
            writer.end_page()
            pages += 1
    writer.close()
    return out.getvalue()


def render_letters(letters: Sequence[Letter], society: Society) -> bytes:
    """One PDF: every letter starts on a new page and may span several; font subset embedded."""
    if not letters:
        raise ValueError("no letters to render")
    doc = pymupdf.open("pdf", _write(letters, society))
    try:
        doc.subset_fonts()
        doc.set_metadata({"title": society.name, "producer": "reviewer-app", "creator": ""})
        data: bytes = doc.tobytes(garbage=3, deflate=True)
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

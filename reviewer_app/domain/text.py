"""Member-supplied text made safe to show (issue 8 §8).

Names, kana, file names and comments come from members through the web system. A right-to-left
override can make ``請求書‮fdp.exe`` read as ``請求書exe.pdf``; a newline or a NUL can break a
list row, a CSV line or a letter. :func:`neutralize` removes the invisible bidirectional
controls (so the characters show in their stored order), turns line breaks and tabs into spaces
(kept as line breaks where ``multiline``), and replaces every other control character with
U+FFFD (�), so the examiner sees that something was there. Pure: the bundle schema applies it to
every free-text field it validates, so stored and displayed text are both neutral.
"""

from __future__ import annotations

import unicodedata

REPLACEMENT = "\ufffd"
# Embeddings, overrides, isolates and marks (Unicode UAX #9): invisible, and able to reorder text.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
                          "\u200e\u200f\u061c")
_BREAKS = frozenset("\r\n\u2028\u2029\x0b\x0c\x85")


def neutralize(text: str, *, multiline: bool = False) -> str:
    """``text`` with bidi controls removed, breaks as spaces (or ``\\n``), controls as U+FFFD."""
    if text.isprintable() and not any(ch in BIDI_CONTROLS for ch in text):
        return text  # the common case: nothing to do (isprintable is False for any control)
    out: list[str] = []
    previous_cr = False
    for ch in text:
        if ch in BIDI_CONTROLS:
            continue
        if ch in _BREAKS:
            if multiline:
                if not (ch == "\n" and previous_cr):
                    out.append("\n")
            else:
                if not (ch == "\n" and previous_cr):
                    out.append(" ")
            previous_cr = ch == "\r"
            continue
        previous_cr = False
        if ch == "\t":
            out.append(" ")
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") and ch != " ":
            out.append(REPLACEMENT)
        else:
            out.append(ch)
    return "".join(out)

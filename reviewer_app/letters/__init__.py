"""Printable letters to members as one A4 PDF (pure rendering: no database, no Qt).

Build frozen dataclasses and render them::

    from reviewer_app.letters import (Addressee, ExclusionLetter, NoticeItemText, NoticeLetter,
                                      RecertificationLetter, Society, letter_file_stem,
                                      render_letters)

    society = Society("〇〇健康保険組合", "業務部 適用グループ\\n東京都…\\n電話 03-…")
    to = Addressee(ref="case-12", insured_name="山田 太郎", card_symbol="12",
                   card_number="3456", office_name="本社", dependent_name="山田 花子",
                   relationship_label="妻")
    pdf: bytes = render_letters([ExclusionLetter(to, issued_on, exclusion_date, reason)],
                                society)
    name = letter_file_stem(letter) + ".pdf"   # "exclusion-case-12.pdf": no personal data

Letters:
- ``ExclusionLetter``: 扶養家族除外のお知らせ (exclusion date, reason, the 減 application, and
  遡り再認定 within 30 days, seed 004);
- ``NoticeLetter``: 書類不備のお知らせ on paper (every item: title, problem, what to submit,
  note; the reply deadline);
- ``RecertificationLetter``: 扶養家族再認定のご案内 (re-certification date, documents within
  30 days: ``wording.reply_deadline_from(issued_on)`` computes that deadline).

``render_letters`` returns one PDF in which every letter starts on a new page (a long one spans
several); dates are 和暦; the CJK font (Droid Sans Fallback from PyMuPDF) is embedded as a
subset, so the file prints anywhere. Every value is HTML-escaped. Imports only the standard
library, ``pymupdf`` and ``reviewer_app.domain``.
"""

from reviewer_app.letters.model import (
    Addressee,
    ExclusionLetter,
    Letter,
    NoticeItemText,
    NoticeLetter,
    RecertificationLetter,
    Society,
)
from reviewer_app.letters.pdf import (
    A4,
    LETTERS_PER_PART,
    LETTERS_PER_STORY,
    letter_file_stem,
    render_letters,
)
from reviewer_app.letters.wording import reply_deadline_from, title_of

__all__ = [
    "A4",
    "LETTERS_PER_PART",
    "LETTERS_PER_STORY",
    "Addressee",
    "ExclusionLetter",
    "Letter",
    "NoticeItemText",
    "NoticeLetter",
    "RecertificationLetter",
    "Society",
    "letter_file_stem",
    "render_letters",
    "reply_deadline_from",
    "title_of",
]

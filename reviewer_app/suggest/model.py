"""What the readers hand to the parser, and what the parser finds: plain frozen data.

Coordinates are those of the page as the viewer shows it: PDF points for a PDF page (origin
top-left, the page's own rotation applied), pixels of the upright image for a photo or scan (EXIF
orientation applied). A :class:`Word` carries two boxes: ``box``, where it is on the page (what
the viewer highlights), and ``layout``, the same box on the straightened page (a photo is rarely
level; rows and columns are found on the straightened one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# A suggestion at or above this confidence is shown as "read with confidence"; below it the UI
# marks it for a closer look. The benchmark counts a wrong suggestion at or above it as
# "confident wrong" (worse than no suggestion at all).
CONFIDENT = 0.9


class Kind(StrEnum):
    SALARY = "salary"  # 給与
    BONUS = "bonus"  # 賞与


class Source(StrEnum):
    TEXT = "text"  # the PDF's text layer
    OCR = "ocr"  # recognised from pixels


@dataclass(frozen=True, slots=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    def union(self, other: Box) -> Box:
        return Box(min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1),
                   max(self.y1, other.y1))

    def scaled(self, factor: float) -> Box:
        return Box(self.x0 * factor, self.y0 * factor, self.x1 * factor, self.y1 * factor)

    def rounded(self) -> tuple[float, float, float, float]:
        return (round(self.x0, 1), round(self.y0, 1), round(self.x1, 1), round(self.y1, 1))

    def x_overlap(self, other: Box) -> float:
        return max(0.0, min(self.x1, other.x1) - max(self.x0, other.x0))

    def y_overlap(self, other: Box) -> float:
        return max(0.0, min(self.y1, other.y1) - max(self.y0, other.y0))


@dataclass(frozen=True, slots=True)
class Word:
    """A run of text the reader saw as one piece (a PDF word, an OCR box)."""

    text: str
    box: Box
    conf: float = 1.0  # the reader's own confidence; 1.0 for a text layer
    layout: Box | None = None  # on the straightened page; None: the same as ``box``

    @property
    def at(self) -> Box:
        return self.layout if self.layout is not None else self.box


@dataclass(frozen=True, slots=True)
class PageText:
    """Everything read on one page."""

    words: tuple[Word, ...]
    width: float
    height: float
    source: Source


@dataclass(frozen=True, slots=True)
class Reading:
    """One payslip or bonus slip read on a page (a photo may hold several)."""

    month: str  # YYYY-MM, the payment month
    kind: Kind
    gross: int
    confidence: float
    box: Box  # where the gross amount was read
    month_box: Box
    kind_box: Box | None  # the title that gave the kind; None when the kind was assumed


@dataclass(frozen=True, slots=True)
class MyNumberHit:
    """Where a 個人番号 (12 digits, valid check digit) shows. Never the number itself."""

    box: Box
    labelled: bool  # 個人番号 or マイナンバー stands next to it


@dataclass(frozen=True, slots=True)
class PageResult:
    """What one page gave: readings, My Number hits, and the page's size in its own units."""

    page: int  # 1-based
    width: float
    height: float
    source: Source
    readings: tuple[Reading, ...] = ()
    my_numbers: tuple[MyNumberHit, ...] = ()


@dataclass(frozen=True, slots=True)
class FileResult:
    """What one file gave; ``error`` (ja, en) when it could not be read at all."""

    pages: tuple[PageResult, ...] = ()
    error: tuple[str, str] | None = None
    engine: str = ""  # which readers produced it (cache key and report)
    seconds: float = 0.0  # wall time in the reader
    cpu_seconds: float = 0.0  # processor time of the reader's process (OCR uses one core)
    notes: tuple[str, ...] = field(default=())  # pages that failed alone, in English

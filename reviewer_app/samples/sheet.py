"""The drawing primitives of the sample documents: a page as a list of operations.

A :class:`Sheet` holds text, lines, boxes and seals in PDF points (origin top-left); the
generator (:mod:`reviewer_app.samples.documents`) draws it into a PDF page or rasterises it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import pymupdf

FONT = "japan"  # PyMuPDF's built-in CJK font (Droid Sans Fallback)
A4 = (595.0, 842.0)
A5_LANDSCAPE = (595.0, 420.0)
CARD = (340.0, 215.0)

Color = tuple[float, float, float]
BLACK: Color = (0.0, 0.0, 0.0)
GREY: Color = (0.45, 0.45, 0.45)
RED: Color = (0.85, 0.1, 0.1)
BLUE_FILL: Color = (0.86, 0.91, 0.97)
GREEN_FILL: Color = (0.88, 0.95, 0.88)
PALE: Color = (0.96, 0.96, 0.96)


# --- layout ------------------------------------------------------------------------------------


def _runs(s: str) -> list[str]:
    """``s`` cut into runs of ASCII and of other characters."""
    runs: list[str] = []
    for ch in s:
        if runs and (runs[-1][-1] < "\x80") == (ch < "\x80"):
            runs[-1] += ch
        else:
            runs.append(ch)
    return runs


def _run_width(run: str, size: float) -> float:
    if run[0] < "\x80":
        return float(pymupdf.get_text_length(run, fontname="helv", fontsize=size))
    return len(run) * size  # the built-in CJK font is monospaced, one em per character


@dataclass
class Sheet:
    """A page as a list of drawing operations, in PDF points (origin top-left)."""

    width: float
    height: float
    ops: list[tuple[object, ...]] = field(default_factory=list)

    def text(self, x: float, y: float, s: str, size: float = 9, *, color: Color = BLACK,
             align: Literal["left", "right", "center"] = "left") -> None:
        """Text on baseline ``y``; ASCII in Helvetica, the rest in the CJK font."""
        runs = _runs(s)
        widths = [_run_width(run, size) for run in runs]
        if align != "left":
            w = sum(widths)
            x = x - w if align == "right" else x - w / 2
        for run, w in zip(runs, widths, strict=True):
            self.ops.append(("text", x, y, run, size, color))
            x += w

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.6,
             color: Color = BLACK) -> None:
        self.ops.append(("line", x0, y0, x1, y1, width, color))

    def rect(self, x0: float, y0: float, x1: float, y1: float, *, fill: Color | None = None,
             stroke: Color | None = BLACK, width: float = 0.6) -> None:
        self.ops.append(("rect", x0, y0, x1, y1, fill, stroke, width))

    def seal(self, x: float, y: float, r: float, label: str) -> None:
        """A red seal (印) with up to four characters."""
        self.ops.append(("circle", x, y, r))
        size = r * (0.9 if len(label) <= 2 else 0.62)
        if len(label) <= 2:
            self.text(x, y + size * 0.35, label, size, color=RED, align="center")
        else:
            half = (len(label) + 1) // 2
            self.text(x, y - size * 0.1, label[:half], size, color=RED, align="center")
            self.text(x, y + size * 0.95, label[half:], size, color=RED, align="center")

    def table(self, x: float, y: float, widths: list[float], rows: list[list[str]], *,
              row_h: float = 16, size: float = 8.5, header: bool = True,
              fill: Color = BLUE_FILL, right_from: int = 1) -> float:
        """A grid; columns from ``right_from`` on are right-aligned. Returns the bottom y."""
        total = sum(widths)
        for r, row in enumerate(rows):
            top = y + r * row_h
            if header and r == 0:
                self.rect(x, top, x + total, top + row_h, fill=fill, stroke=None)
            cx = x
            for c, cell in enumerate(row):
                w = widths[c]
                if c >= right_from and not (header and r == 0):
                    self.text(cx + w - 4, top + row_h - 4.5, cell, size, align="right")
                elif header and r == 0:
                    self.text(cx + w / 2, top + row_h - 4.5, cell, size, align="center")
                else:
                    self.text(cx + 4, top + row_h - 4.5, cell, size)
                cx += w
        bottom = y + len(rows) * row_h
        for r in range(len(rows) + 1):
            self.line(x, y + r * row_h, x + total, y + r * row_h, 0.5)
        cx = x
        for w in [0.0, *widths]:
            cx += w
            self.line(cx, y, cx, bottom, 0.5)
        return bottom


def draw(page: pymupdf.Page, sheet: Sheet, *, paper: bool = False) -> None:
    """Draw the sheet; ``paper`` first fills the page white (for rasters with alpha)."""
    shape = page.new_shape()
    if paper:
        shape.draw_rect(page.rect)
        shape.finish(color=None, fill=(1.0, 1.0, 1.0), width=0)
    for op in sheet.ops:
        if op[0] == "line":
            _, x0, y0, x1, y1, width, color = op
            shape.draw_line((x0, y0), (x1, y1))
            shape.finish(color=color, width=width)
        elif op[0] == "rect":
            _, x0, y0, x1, y1, fill, stroke, width = op
            shape.draw_rect(pymupdf.Rect(x0, y0, x1, y1))
            shape.finish(color=stroke, fill=fill, width=width)
        elif op[0] == "circle":
            _, x, y, r = op
            shape.draw_circle((x, y), r)
            shape.finish(color=RED, width=1.4)
    for op in sheet.ops:
        if op[0] == "text":
            _, x, y, run, size, color = op
            text = str(run)
            font = "helv" if text[0] < "\x80" else FONT
            shape.insert_text((x, y), text, fontname=font, fontsize=size, color=color)
    shape.commit()

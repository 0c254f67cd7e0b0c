"""Optical character recognition of photos and scans: RapidOCR (PP-OCRv4 models in ONNX).

Why RapidOCR (``rapidocr-onnxruntime``): its wheel carries its three models (detection,
orientation, recognition; 16 MB), so nothing is downloaded at run time, and on the generator's
scans and photos it read the payslips that Tesseract 5 with Debian's ``tesseract-ocr-jpn`` did not
(Tesseract dropped the tables' cells and turned 令和 into 今和/信和/金和; see
tests/benchmarks/bench_suggest.py and docs/suggestions.md for the figures). Its cost is size:
onnxruntime, OpenCV and numpy add about 200 MB to an installation, so it is the optional extra
``reviewer-app[ocr]``; without it, text-layer PDFs are still read and images are reported as
"OCR not installed".

The recogniser was trained on Chinese: it writes a few simplified forms (额 for 額), which
:func:`reviewer_app.suggest.normalize.fold` maps back, and its kana are weaker than its kanji and
digits, which is all a payslip's labels and amounts need.

One intra-op thread: the benchmark's figure is per core, and the application runs this in one
child process beside the window. Import is lazy (onnxruntime and OpenCV take ~0.5 s to import).
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import logging
import math
from typing import Any

from PIL import Image

from .layout import skew_of, straighten
from .model import Box, Word

# The readers scale pictures themselves (reader.py: a quick pass, and a sharper one when needed);
# RapidOCR's own reduction must not undo that.
_NO_REDUCTION = 10_000
# Boxes with at least this many characters vote for the page's slant (short ones are noisy).
_SLANT_MIN_CHARS = 3

_engine: Any = None


class OcrUnavailable(RuntimeError):
    """The optional OCR extra is not installed."""


def package() -> str | None:
    """``rapidocr-onnxruntime 1.4.4`` when installed, else None."""
    try:
        return f"rapidocr-onnxruntime {importlib.metadata.version('rapidocr-onnxruntime')}"
    except importlib.metadata.PackageNotFoundError:
        return None


def available() -> bool:
    """Installed (without importing it: onnxruntime and OpenCV load only in the readers' child
    process, never in the window's)."""
    return package() is not None and importlib.util.find_spec("rapidocr_onnxruntime") is not None


def _get_engine() -> Any:
    global _engine
    if _engine is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise OcrUnavailable(str(exc)) from None
        # RapidOCR logs every call at INFO on its own logger; the application's log keeps only
        # warnings from it (and never the text it read).
        logging.getLogger("RapidOCR").setLevel(logging.WARNING)
        _engine = RapidOCR(intra_op_num_threads=1, inter_op_num_threads=1, use_cls=False,
                           max_side_len=_NO_REDUCTION, print_verbose=False)
    return _engine


def read_image(image: Image.Image) -> tuple[list[Word], float]:
    """The words on ``image`` (boxes in its own pixels) and the page's slant in radians.

    Each word's ``layout`` is its box on the page turned level (see :mod:`layout`)."""
    import numpy as np

    engine = _get_engine()
    rgb = image.convert("RGB")
    pixels = np.asarray(rgb)[:, :, ::-1]  # the models were trained on OpenCV's BGR order
    result, _elapsed = engine(np.ascontiguousarray(pixels), use_cls=False)
    words: list[Word] = []
    slopes: list[tuple[float, float]] = []
    for quad, text, score in result or ():
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        (x0, y0), (x1, y1) = quad[0], quad[1]
        length = math.hypot(float(x1) - float(x0), float(y1) - float(y0))
        if length > 0 and len(text) >= _SLANT_MIN_CHARS:
            slopes.append((math.atan2(float(y1) - float(y0), float(x1) - float(x0)), length))
        words.append(Word(str(text), Box(min(xs), min(ys), max(xs), max(ys)), float(score)))
    angle = skew_of(slopes)
    return straighten(words, angle, rgb.width, rgb.height), angle

"""What the caller hands the viewer: attachments grouped by the required document they answer."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class AttachmentRef:
    """One uploaded file. ``media_type`` is what the store recorded (sniffed again on display);
    ``rotation`` is the clockwise turn the examiner last chose for it (0, 90, 180, 270)."""

    attachment_id: str
    name: str
    media_type: str
    rotation: int = 0
    is_new: bool = False  # 新着: arrived with a re-submission
    # quarantined by the import (a render.problems.FileProblem value): shown as its reason,
    # never fetched or decoded (issue 9)
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class AttachmentGroup:
    """A required document (e.g. 給与明細 4〜6月分) and the files uploaded for it."""

    title: str
    attachments: Sequence[AttachmentRef]

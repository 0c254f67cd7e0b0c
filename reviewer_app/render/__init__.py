"""Decoding and rendering of uploaded documents into plain pixel buffers (no Qt in here).

- :mod:`.sniff` types files by magic bytes and counts pixels from headers (shared with import).
- :mod:`.problems` names what can be wrong with an upload; :mod:`.inspect` finds it, and
  :mod:`.checker` runs that check for the importer in limited child processes (issue 9).
- :mod:`.images` decodes photos and scans with Pillow/pillow-heif, :mod:`.pdf` holds PyMuPDF.
- :mod:`.engine` runs both in child processes (:mod:`.isolation`) with a deadline and a memory
  budget per request; :mod:`.backend` is what those children run.
- :mod:`.cache` keeps rendered pages within a byte budget.
Failures come back as :class:`~.errors.DocumentError` values with Japanese and English text.

Nothing is imported here: the review rules need :mod:`.problems` alone, and the application's
own process should not load MuPDF (about 120 MB) just because a submodule was imported. Import
the submodules directly.
"""

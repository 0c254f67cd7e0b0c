"""``python -m reviewer_app`` and the packaged executable's entry point (build.spec).

``multiprocessing.freeze_support()`` comes first: the PDF renderer (reviewer_app.render.pdf) and
any other "spawn" child start the frozen executable again, and this call turns that start into
the child's work instead of a second ``reviewer-app``.
"""

from __future__ import annotations

import multiprocessing
import sys


def run() -> None:
    multiprocessing.freeze_support()
    from reviewer_app.cli import main

    sys.exit(main())


if __name__ == "__main__":
    run()

"""A child handler for the isolation tests (imported by the spawned child from ``tests/``).

Requests: ``("echo",)`` returns each payload reversed; ``("sleep", seconds)``;
``("alloc", n_bytes)`` allocates and touches that much; ``("abort",)`` kills the child the way a
decoder crash does; ``("raise",)`` raises an unexpected exception. As a content checker
(``("inspect", declared)``) the declared type says what to do: ``__sleep__``, ``__abort__``, or
anything else for an accepted file.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

from reviewer_app.render.inspect import Inspection


def make_handler() -> Callable[[Any, list[bytes]], tuple[Any, list[bytes]]]:
    def handle(message: Any, payloads: list[bytes]) -> tuple[Any, list[bytes]]:
        kind = message[0]
        if kind == "inspect":
            if "__sleep__" in message[1]:
                time.sleep(60)
            if "__abort__" in message[1]:
                os.abort()
            return [Inspection(None, None, 1, detail="test handler")] * len(message[1]), []
        if kind == "echo":
            return ("echoed", [len(p) for p in payloads]), [p[::-1] for p in payloads]
        if kind == "sleep":
            time.sleep(message[1])
            return "slept", []
        if kind == "alloc":
            block = bytearray(message[1])
            block[:: 4096] = b"x" * len(block[:: 4096])
            return len(block), []
        if kind == "abort":
            os.abort()
        raise RuntimeError("unexpected request")

    return handle

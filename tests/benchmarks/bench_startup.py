"""Time from starting ``reviewer-app demo`` to the sign-in window on screen (issue 13).

    uv run python tests/benchmarks/bench_startup.py [--runs N] [--display offscreen|xcb]

Two cases, each in a temporary HOME (so the demo's default workspace and the settings are
fresh and nothing of the user's is touched):

- **new**: no demo workspace yet; the command creates it (users, keys, a signed and encrypted
  sample bundle imported) and then opens the window;
- **existing**: the demo workspace of a previous run is reused.

Each is timed from the ``subprocess`` start to the line the application prints when its
sign-in window has been shown (environment variable ``REVIEWER_APP_QUIT_AT_LOGIN``, see
``reviewer_app.ui.app``), for both ``uv run reviewer-app demo`` and ``python -m reviewer_app
demo`` (the difference is uv's own start-up). Not collected by pytest; prints figures only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from reviewer_app.ui.app import LOGIN_SHOWN_ENV, LOGIN_SHOWN_LINE

ROOT = Path(__file__).resolve().parents[2]


def _env(home: Path, display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "QT_QPA"))}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"),
               XDG_CONFIG_HOME=str(home / ".config"), XDG_CACHE_HOME=str(home / ".cache"),
               QT_QPA_PLATFORM=display, REVIEWER_APP_LOG_DIR=str(home / "log"))
    env[LOGIN_SHOWN_ENV] = "1"
    return env


def time_to_login(command: list[str], home: Path, display: str) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=ROOT, env=_env(home, display), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.strip() == LOGIN_SHOWN_LINE:
            elapsed = time.perf_counter() - start
            break
    proc.wait(timeout=120)
    if elapsed is None:
        raise RuntimeError(f"no sign-in window: status {proc.returncode}\n"
                           f"{proc.stderr.read() if proc.stderr else ''}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--display", default=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = parser.parse_args()
    uv = shutil.which("uv")
    commands = {"python -m reviewer_app demo": [sys.executable, "-m", "reviewer_app", "demo"]}
    if uv is not None:
        commands["uv run reviewer-app demo"] = [uv, "run", "--frozen", "reviewer-app", "demo"]
    print(f"display {args.display}, {args.runs} runs each, seconds to the sign-in window")
    for name, command in commands.items():
        new: list[float] = []
        existing: list[float] = []
        for _ in range(args.runs):
            with tempfile.TemporaryDirectory(prefix="bench-startup-") as tmp:
                home = Path(tmp)
                new.append(time_to_login(command, home, args.display))
                existing.append(time_to_login(command, home, args.display))
        for label, figures in (("new demo workspace", new), ("existing workspace", existing)):
            print(f"{name:30s} {label:20s} median {statistics.median(figures):6.2f} s  "
                  f"(min {min(figures):.2f}, max {max(figures):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Build the packaged application from a fresh clone: dist/reviewer-app/ (one folder; the
# executable dist/reviewer-app/reviewer-app is both the command and the window).
#   bash tools/build.sh            # Linux (and macOS); on Windows see README "Packaging"
# Needs uv; installs the locked dependencies (PyInstaller is in the dev group of uv.lock) with the
# OCR extra (issue 11: photos and scans are read in the packaged application too).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v uv >/dev/null 2>&1; then
  python3 -m pip install --quiet uv
fi
uv sync --frozen --extra ocr
uv run --frozen pyinstaller --noconfirm --clean --log-level WARN build.spec
exe=dist/reviewer-app/reviewer-app
"$exe" --version
echo "build: $(du -sh dist/reviewer-app | cut -f1) in dist/reviewer-app" \
     "($(find dist/reviewer-app -type f | wc -l) files)"

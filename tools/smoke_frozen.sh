#!/usr/bin/env bash
# Run the PACKAGED executable (not the source) through the steps an installation needs:
# --version; calc on the shipped example (compared with the source's answer); init,
# sample-bundle, trust-exporter, import and cases into a temporary workspace; backup and
# restore; and the window offscreen: sign in, open a case with a PDF, quit (gui --smoke-test).
#   bash tools/smoke_frozen.sh [EXECUTABLE]      (default dist/reviewer-app/reviewer-app)
# Exits non-zero at the first step that fails.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=$(realpath "${1:-dist/reviewer-app/reviewer-app}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export QT_QPA_PLATFORM=offscreen REVIEWER_APP_LOG_DIR="$tmp/log" REVIEWER_APP_LANG=en
passed=-1
step() { passed=$((passed + 1)); echo "smoke: $*"; }

step "--version"
"$exe" --version | tee "$tmp/version.txt"
for name in "reviewer-app " "database schema: " "Qt: " "PyMuPDF: " "Pillow: " "pillow-heif: " \
            "cryptography: " "OCR: rapidocr-onnxruntime "; do
  grep -q "^$name" "$tmp/version.txt" || { echo "smoke: --version lacks $name" >&2; exit 1; }
done
grep -q "packaged" "$tmp/version.txt" || { echo "smoke: not the packaged executable" >&2; exit 1; }

step "calc examples/seed_case.json (same answer as the source)"
"$exe" calc examples/seed_case.json > "$tmp/calc-frozen.json"
uv run --frozen reviewer-app calc examples/seed_case.json > "$tmp/calc-source.json"
diff "$tmp/calc-source.json" "$tmp/calc-frozen.json"

step "suggest: a text-layer PDF and a photo (OCR in a spawn child of the packaged executable)"
uv run --frozen python - "$tmp" <<'PY'
import sys
from pathlib import Path

sys.path.insert(0, "tests")
from helpers_payslips import Slip, payslip_pdf, photo_of

pdf = payslip_pdf(Slip())
Path(sys.argv[1], "slip.pdf").write_bytes(pdf)
Path(sys.argv[1], "slip.jpg").write_bytes(photo_of(pdf))
PY
"$exe" suggest --json "$tmp/slip.pdf" "$tmp/slip.jpg" > "$tmp/suggest.json"
uv run --frozen python - "$tmp/suggest.json" <<'PY'
import json
import sys

files = json.load(open(sys.argv[1], encoding="utf-8"))["files"]
got = [[(s["month"], s["gross"], s["source"]) for s in f["suggestions"]] for f in files]
assert got == [[("2023-03", 140800, "text")], [("2023-03", 140800, "ocr")]], got
PY

step "init"
head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$tmp/admin.pw"
ws="$tmp/ws"
"$exe" init --workspace "$ws" --admin admin --password-file "$tmp/admin.pw"

step "users add examiner"
head -c 24 /dev/urandom | base64 | tr -d '/+=' > "$tmp/examiner.pw"
"$exe" users add --workspace "$ws" --user admin --password-file "$tmp/admin.pw" \
  examiner --role examiner --new-password-file "$tmp/examiner.pw"

step "sample-bundle (two rendering processes: spawn children of the packaged executable)"
"$exe" sample-bundle "$tmp/sample.rvb" --members 6 --seed 3 --fast --workers 2 \
  --recipient "$ws/recipient.pub"

step "trust-exporter"
"$exe" trust-exporter --workspace "$ws" --user admin --password-file "$tmp/admin.pw" \
  "$tmp/sample.rvb.signer.pub" --label smoke

step "import"
"$exe" import --workspace "$ws" --user admin --password-file "$tmp/admin.pw" --json \
  "$tmp/sample.rvb" > "$tmp/import.json"
grep -q '"dependents"' "$tmp/import.json"

step "cases"
"$exe" cases --workspace "$ws" --user examiner --password-file "$tmp/examiner.pw" --json \
  > "$tmp/cases.json"
grep -q '"case_id"' "$tmp/cases.json"

step "audit verify"
"$exe" audit verify --workspace "$ws"

step "backup and restore"
"$exe" backup --workspace "$ws" --out "$tmp/ws.rvbackup"
"$exe" restore "$tmp/ws.rvbackup" --workspace "$tmp/restored"
"$exe" audit verify --workspace "$tmp/restored"

step "the window, offscreen: sign in, open a case, first PDF page, quit"
"$exe" gui --workspace "$ws" --smoke-test --user examiner --password-file "$tmp/examiner.pw" \
  --smoke-timeout 120 2> "$tmp/gui.err" | tee "$tmp/gui.txt"
grep -q "rendered in a child process" "$tmp/gui.txt"

step "no library or Qt log lines on the console; the log file has them"
if [ -s "$tmp/gui.err" ]; then cat "$tmp/gui.err" >&2; echo "smoke: console output" >&2; exit 1; fi
grep -q "alembic.runtime.migration" "$tmp/log/reviewer-app.log"
grep -q "smoke test passed" "$tmp/log/reviewer-app.log"
passed=$((passed + 1))
echo "smoke: all steps of the packaged executable passed"
echo "smoke: $passed passed, 0 failed"

#!/usr/bin/env bash
# Runs the site locally on the sample content, the way a CDN serves it (the
# strict CSP header, 404.html for unknown paths), and rebuilds on change.
# Prints the URL to open. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

port="${PORT:-8000}"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

scripts/build.sh / dist
trunk watch --release --dist dist --ignore dist >/dev/null 2>&1 &
pids+=($!)
node scripts/serve.mjs --dir dist --port "$port" &
pids+=($!)
sleep 1
printf '\n  linernotes is running: open http://127.0.0.1:%s/\n\n' "$port"
wait

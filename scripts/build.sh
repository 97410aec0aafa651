#!/usr/bin/env bash
# The production build: `dist/` for a site at the root of its host, or, with
# a path prefix, for a site under a sub-path.
#   scripts/build.sh                 -> dist/
#   scripts/build.sh /magazine/ dist-magazine
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
public_url="${1:-/}"
dist="${2:-dist}"
wasm_release_env
trunk build --release --public-url "$public_url" --dist "$dist"

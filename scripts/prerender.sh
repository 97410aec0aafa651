#!/bin/sh
# Renders the built site's pages to static HTML (src/bin/prerender.rs).
# Trunk runs this after every build, on the directory it is about to
# publish; run it by hand on a built directory after changing its content
# or site.json:   scripts/prerender.sh dist
set -eu
cd "$(dirname "$0")/.."
exec cargo run --quiet --features ssr --bin prerender -- "${1:-${TRUNK_STAGING_DIR:-dist}}"

#!/bin/sh
# Renders the built site's pages to static HTML (src/bin/prerender.rs).
# Trunk runs this after every build, on the directory it is about to
# publish; run it by hand on a built directory after changing its content
# or site.json:   scripts/prerender.sh dist
#
# LINERNOTES_SITE_JSON names a site.json to publish instead of the built one
# (the dev command points comments at its local Isso this way), so the pages
# are rendered with the settings they will be served with.
set -eu
cd "$(dirname "$0")/.."
dir="${1:-${TRUNK_STAGING_DIR:-dist}}"
if [ -n "${LINERNOTES_SITE_JSON:-}" ]; then
  cp "$LINERNOTES_SITE_JSON" "$dir/site.json"
fi
exec cargo run --quiet --features ssr --bin prerender -- "$dir"

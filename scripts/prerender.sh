#!/bin/sh
# Renders the built site's pages to static HTML (src/bin/prerender.rs).
# Trunk runs this after every build, on the directory it is about to
# publish; run it by hand on a built directory after changing its content
# or site.json:   scripts/prerender.sh dist
#
# Markdown articles (content/articles/*.md) are compiled to their JSON first,
# the index and search files rebuilt, and the sources left out of the
# directory: the site serves the JSON. A source with problems stops here,
# with each problem as file:line:column.
#
# LINERNOTES_SITE_JSON names a site.json to publish instead of the built one
# (the dev command points comments at its local Isso this way), so the pages
# are rendered with the settings they will be served with.
set -eu
cd "$(dirname "$0")/.."
# Trunk runs this hook with the environment of its release build, whose own
# copy of the standard library is for the .wasm only (scripts/env.sh).
unset RUSTC_BOOTSTRAP CARGO_UNSTABLE_BUILD_STD CARGO_UNSTABLE_BUILD_STD_FEATURES CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS
dir="${1:-${TRUNK_STAGING_DIR:-dist}}"
if [ -n "${LINERNOTES_SITE_JSON:-}" ]; then
  cp "$LINERNOTES_SITE_JSON" "$dir/site.json"
fi
if ls "$dir"/content/articles/*.md >/dev/null 2>&1; then
  cargo run --quiet --features ssr --bin publish -- index "$dir/content" >/dev/null
  rm -f "$dir"/content/articles/*.md
fi
# Nor what the tool keeps beside them: drafts `export-md` could not
# compile (`.slug.md`) and its record of what it wrote (`.compiled`).
rm -f "$dir"/content/articles/.*.md "$dir"/content/articles/.compiled
# The code the first screen does not need goes to files of its own and the
# JS glue is minified first: the pages and mount.json take the integrity of
# the glue and the .wasm from index.html, which the step updates.
node scripts/ship-wasm.mjs "$dir"
exec cargo run --quiet --features ssr --bin prerender -- "$dir"

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
# The .wasm's standard library is compiled with it, optimised for size
# (about 10 KB brotli less than the prebuilt one). Unstable Cargo options,
# allowed like the -Z flags in .cargo/config.toml; scripts/prerender.sh,
# which Trunk runs after the build, builds for the host without them.
export RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
trunk build --release --public-url "$public_url" --dist "$dist"

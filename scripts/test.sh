#!/usr/bin/env bash
# Every test, offline: native (cargo test), browser (wasm-bindgen-test in
# headless Chromium), then end-to-end (Chromium driving the release build,
# served like a CDN with the strict CSP header, against a real Isso).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh
# A clean clone builds every tree once: incremental caches would only fill the disk.
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "formatting and lints (rustfmt, clippy for the host, the prerenderer and the browser)"
cargo fmt --check
cargo clippy --quiet --all-targets -- -D warnings
cargo clippy --quiet --all-targets --features ssr -- -D warnings
cargo clippy --quiet --lib --bin linernotes --test web --target wasm32-unknown-unknown --features hydrate -- -D warnings
# The release build's split points (src/deferred.rs) compile only with `split`.
cargo clippy --quiet --lib --bin linernotes --target wasm32-unknown-unknown --features hydrate,split -- -D warnings

step "native tests (cargo test), the prerenderer's property tests (--features ssr)"
cargo test --quiet
cargo test --quiet --features ssr --test prerender_properties

step "browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --target wasm32-unknown-unknown --features csr --test web

step "release builds: / and /magazine/"
scripts/build.sh / dist
scripts/build.sh /magazine/ dist-magazine

step "end-to-end tests (Chromium, CSP, real servers)"
node --test --test-concurrency=1 tests/node/ e2e/

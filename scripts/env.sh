# Sourced by the scripts: the project's tools first on PATH. npm's binaryen
# must win over any system wasm-opt (Debian's builds a wasm that does not run).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

# The release .wasm is built with its own copy of the standard library,
# compiled like the app (size first, link-time optimised with it) and with
# core's smaller algorithms (`optimize_for_size`: e.g. a simple sort): about
# 9 KB less brotli .wasm than the prebuilt library. Both are unstable cargo
# options, allowed on the stable toolchain by RUSTC_BOOTSTRAP=1, as the -Z
# flags in .cargo/config.toml are. Set only around Trunk's release builds:
# host builds (tests, the prerenderer) use the prebuilt library.
#
# A panic in the release .wasm stops it at once (`-Cpanic=immediate-abort`,
# also unstable): no unwinding tables, panic messages or formatting for
# them, about 8 KB less brotli. The reader still gets a message and a
# Reload: boot.js (mount.js when embedded) catches the stop. This variable
# adds to the wasm target's rustflags in .cargo/config.toml.
#
# The linker keeps its relocations in the .wasm (`--emit-relocs`): with them
# scripts/ship-wasm.mjs can move the code of src/deferred.rs into files
# of its own, fetched when the reader needs it.
wasm_release_env() {
  export RUSTC_BOOTSTRAP=1
  export CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  export CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Clink-args=--emit-relocs"
}

# Sourced by the scripts: the project's tools first on PATH. npm's binaryen
# must win over any system wasm-opt (Debian's builds a wasm that does not run).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$root/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

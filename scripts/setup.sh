#!/usr/bin/env bash
# Installs what linernotes needs to build and test, skipping what is already
# there: the wasm target, Trunk, wasm-bindgen-cli (at the Cargo.lock version),
# wasm-opt (npm's binaryen), Chromium and ChromeDriver, Node packages, the
# Isso comment server (with gunicorn, to run it as in production) in a local
# virtual environment, nginx (the caching proxy of the comment tests), and
# Debian's stock WordPress stack with GNU time (the import tests and benchmarks).
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
ISSO_VERSION=0.14.0
GUNICORN_VERSION=27.0.1
WASM_SPLIT_VERSION=0.2.4
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
# Whether .venv has a Python package at exactly this version. (Not `pip show |
# grep -q`: grep quits early, pip dies of SIGPIPE, and pipefail says "missing".)
venv_has() { [ "$(.venv/bin/python -c "import importlib.metadata as m; print(m.version('$1'))" 2>/dev/null)" = "$2" ]; }

wbg_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
pinned=$(sed -n 's/^wasm_bindgen = "\(.*\)"/\1/p' Trunk.toml)
if [ "$wbg_version" != "$pinned" ]; then
  echo "Trunk.toml pins wasm-bindgen $pinned but Cargo.lock has $wbg_version: make them equal" >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# The release .wasm is built with its own copy of the standard library
# (scripts/env.sh, wasm_release_env), which needs the library's sources.
if [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
  say "adding the standard library's sources (rust-src)"
  rustup component add rust-src
fi

if ! cargo clippy --version >/dev/null 2>&1 || ! cargo fmt --version >/dev/null 2>&1; then
  say "adding clippy and rustfmt"
  rustup component add clippy rustfmt
fi

if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing Trunk $TRUNK_VERSION (takes several minutes the first time)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wbg_version" ]; then
  say "installing wasm-bindgen-cli $wbg_version"
  # Not --locked: its lock file pins a crate version the registry no longer serves.
  cargo install wasm-bindgen-cli --version "$wbg_version" --force
fi

# Cuts the code the first screen does not need out of the release .wasm
# (scripts/ship-wasm.mjs).
# It has no --version: cargo's list of installed tools tells.
if ! command -v wasm-split-cli >/dev/null || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked
fi

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  say "installing Node.js"
  as_root apt-get update -qq
  as_root apt-get install -y -qq nodejs npm
fi

if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  say "installing nginx"
  as_root apt-get update -qq
  as_root apt-get install -y -qq nginx
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "installing Chromium and ChromeDriver"
  as_root apt-get update -qq
  as_root apt-get install -y -qq chromium chromium-driver
fi

# The WordPress import's tests and benchmarks run Debian's own WordPress on
# nginx, php-fpm and MariaDB (scripts/wordpress.mjs), and time the import
# with GNU time (scripts/bench-import.mjs).
wp_ready() {
  for f in /usr/share/wordpress/wp-load.php /usr/share/wordpress/wp-content/themes/twentytwentythree \
           /usr/sbin/nginx /usr/sbin/php-fpm8.2 /usr/bin/php /usr/sbin/mariadbd /usr/bin/mariadb-install-db /usr/bin/time; do
    [ -e "$f" ] || return 1
  done
  php -r 'exit(function_exists("imagecreatetruecolor") && function_exists("mysqli_connect") ? 0 : 1);'
}
if ! wp_ready; then
  say "installing WordPress, nginx, php-fpm, MariaDB and GNU time from Debian (for the import tests)"
  as_root apt-get update -qq
  # Without Apache: scripts/wordpress.mjs runs its own nginx, php-fpm and
  # MariaDB on loopback, whatever the system services do.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    wordpress wordpress-theme-twentytwentythree nginx php-fpm php-cli php-gd php-mysql mariadb-server time libapache2-mod-php8.2-
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing Node packages from package-lock.json"
  npm ci --no-audit --no-fund
fi

if [ ! -x .venv/bin/isso ] || ! venv_has isso "$ISSO_VERSION"; then
  say "installing Isso $ISSO_VERSION into .venv"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check "isso==$ISSO_VERSION"
fi

if ! venv_has gunicorn "$GUNICORN_VERSION"; then
  say "installing gunicorn $GUNICORN_VERSION into .venv"
  .venv/bin/pip install --quiet --disable-pip-version-check "gunicorn==$GUNICORN_VERSION"
fi

# Trunk builds offline (it must not download tools), so fetch crates first:
# the app's, and those of the standard library that the release .wasm
# builds from source (scripts/env.sh), which a plain fetch leaves out.
cargo fetch --quiet
(source scripts/env.sh && wasm_release_env && cargo fetch --quiet --target wasm32-unknown-unknown)

#!/usr/bin/env bash
# Runs the site locally on the sample content, the way a CDN serves it (the
# strict CSP header, 404.html for unknown paths), and rebuilds on change:
# a saved article (.md or .json), index.json or image is compiled, indexed
# and prerendered again in about a second and the open page reloads
# (scripts/live.mjs); code and style changes go through Trunk's rebuild.
# Prints the URL to open once the site answers. Ctrl-C stops everything.
# PORT and ISSO_PORT change the ports, DIST the folder it builds into.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
source scripts/env.sh

port="${PORT:-8000}"
isso_port="${ISSO_PORT:-8081}"
dist="${DIST:-dist}"
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM

# A real Isso on loopback, its database in a scratch directory; the site is
# built with a site.json that points comments at it.
settings=.scratch/dev-site.json
mkdir -p .scratch
node -e '
  const [file, out, endpoint] = process.argv.slice(1);
  const site = JSON.parse(require("fs").readFileSync(file, "utf8"));
  site.comments = { provider: "isso", endpoint };
  require("fs").writeFileSync(out, JSON.stringify(site, null, 2));
' public/site.json "$settings" "http://127.0.0.1:$isso_port"
export LINERNOTES_SITE_JSON="$PWD/$settings"
node scripts/isso.mjs --port "$isso_port" --origin "http://127.0.0.1:$port" &
pids+=($!)
scripts/build.sh / "$dist"
# Content is the live loop's: Trunk rebuilds only for code, style and the rest.
# The release .wasm's build settings, for Trunk alone (scripts/env.sh).
(wasm_release_env && exec trunk watch --release --dist "$dist" --ignore "$dist" --ignore public/content --ignore public/images) >/dev/null 2>&1 &
pids+=($!)
node scripts/live.mjs --dir "$dist" --port "$port" --content public/content --images public/images &
live=$!
pids+=("$live")
# The live server first builds the publisher's tools: wait until it answers.
until (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do
  if ! kill -0 "$live" 2>/dev/null; then
    echo "dev: the site server stopped before it answered (see above)" >&2
    exit 1
  fi
  sleep 0.5
done
printf '\n  linernotes is running: open http://127.0.0.1:%s/\n  comments: Isso at http://127.0.0.1:%s/\n\n' "$port" "$isso_port"
wait

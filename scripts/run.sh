#!/usr/bin/env bash
# Runs the collector on embedded defaults: a private redis-server with append-only persistence in the data
# folder (unless Redis__Configuration names another Redis), a privacy hash key generated once and kept in the
# data folder, and reports written as files under the data folder. Arguments go to the collector (e.g. --urls).
#
# It installs only what the collector needs (redis-server, with apt-get as root; the .NET SDK is assumed) and
# builds only the collector, in Release, when a source changed since its last build. Ctrl+C, SIGTERM to this
# script or SIGTERM to the collector stop the collector gracefully first and Redis last; if this script is killed,
# both are stopped with it. Environment: TELEMETRY_DATA (data folder, default .data), TELEMETRY_REDIS_PORT
# (default 6390).
set -euo pipefail
cd "$(dirname "$0")/.."

data=$(realpath -m "${TELEMETRY_DATA:-.data}")
mkdir -p "$data/redis" "$data/reports"
project=src/Telemetry.Server
output=$project/bin/Release/net10.0
built=$output/.sources-built

if ! command -v dotnet >/dev/null; then
  echo "run: the .NET 10 SDK is missing (dotnet); see https://dot.net" >&2
  exit 1
fi
if [[ -z ${Redis__Configuration:-} ]] && ! command -v redis-server >/dev/null; then
  if [[ $(id -u) -ne 0 ]]; then
    echo "run: redis-server is missing; install it with: sudo apt-get install redis-server" >&2
    exit 1
  fi
  echo "run: installing redis-server with apt-get (the only system package the collector needs)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
fi

# The script handles every stop itself: a signal stops the current child (the build or the collector), and the
# code after the wait below stops Redis once the collector is gone. Children run in the background because bash
# runs a trap only after a foreground command ends.
child=
redis_pid=
stopping=
on_signal() {
  stopping=1
  [[ -z $child ]] || kill -TERM "$child" 2>/dev/null || true
}
stop_redis() {
  [[ -n $redis_pid ]] || return 0
  kill -TERM "$redis_pid" 2>/dev/null || true
  wait "$redis_pid" 2>/dev/null || true
  redis_pid=
}
trap on_signal INT TERM HUP
trap stop_redis EXIT

# Waits for the current child; a signal interrupts wait while the child is still stopping, so wait again.
wait_child() {
  local status=0
  wait "$child" || status=$?
  while kill -0 "$child" 2>/dev/null; do
    status=0
    wait "$child" || status=$?
  done
  child=
  return "$status"
}

# Builds when the collector was never built or any source or build setting is newer than the last build.
# MSBuild would find nothing to do too, but only after several seconds of evaluation.
# The insights page is bundled by esbuild from npm; without it the collector builds with a notice in its place.
if [[ ! -x node_modules/@esbuild/linux-x64/bin/esbuild ]] && command -v npm >/dev/null; then
  echo "run: installing the npm packages the insights page is built with (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null || echo "run: npm ci failed; the insights page will be a notice" >&2
fi
if [[ ! -e $built ]] || [[ -n $(find src protos Directory.Build.props Directory.Build.targets Directory.Packages.props global.json .editorconfig package-lock.json \
  \( -name bin -o -name obj \) -prune -o -type f -newer "$built" -print -quit) ]]; then
  echo "run: building the collector ($project, Release)"
  # Marked when the build starts, so a source saved during the build is newer than the mark.
  mkdir -p "$output" && touch "$built.next"
  # Analyzers and documentation files check the code (CI and scripts/test.sh run them); running it needs neither.
  # No build servers: nothing of the build outlives it.
  dotnet build "$project" -c Release -nologo -v q -nodeReuse:false -p:UseSharedCompilation=false \
    -p:RunAnalyzers=false -p:GenerateDocumentationFile=false &
  child=$!
  build_status=0
  wait_child || build_status=$?
  [[ -z $stopping ]] || exit 130
  ((build_status == 0)) || { echo "run: the build failed" >&2; exit 1; }
  mv "$built.next" "$built"
fi

if [[ -z ${Redis__Configuration:-} ]]; then
  redis_port=${TELEMETRY_REDIS_PORT:-6390}
  # setsid: Ctrl+C signals the terminal's whole foreground process group, but Redis must outlive the collector's
  # graceful stop (it acknowledges the last uploads). --pdeathsig: Redis stops if this script is killed.
  # noeviction: an evicted stream key would be lost reports. everysec: an acknowledged report survives a crash
  # of Redis itself; an operating-system crash may lose the last second.
  setsid setpriv --pdeathsig TERM redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$data/redis" \
    --appendonly yes --appendfsync everysec --maxmemory-policy noeviction --save '' \
    --logfile "$data/redis/redis.log" &
  redis_pid=$!
  for _ in $(seq 100); do
    [[ $(redis-cli -p "$redis_port" ping 2>/dev/null) == PONG ]] && break
    kill -0 "$redis_pid" 2>/dev/null || break
    sleep 0.1
  done
  if [[ $(redis-cli -p "$redis_port" ping 2>/dev/null) != PONG ]]; then
    echo "run: redis-server did not start on 127.0.0.1:$redis_port (TELEMETRY_REDIS_PORT); from $data/redis/redis.log:" >&2
    tail -n 5 "$data/redis/redis.log" >&2
    exit 1
  fi
  export Redis__Configuration="127.0.0.1:$redis_port"
  redis_note="Redis 127.0.0.1:$redis_port (append-only files in $data/redis)"
else
  redis_note="Redis ${Redis__Configuration} (not started here)"
fi

if [[ -z ${Privacy__HashKey:-} ]]; then
  [[ -s $data/hash-key ]] || (umask 077 && head -c 32 /dev/urandom | base64 > "$data/hash-key")
  Privacy__HashKey=$(cat "$data/hash-key")
  export Privacy__HashKey
fi
export Upload__Files__Directory=${Upload__Files__Directory:-$data/reports}
export Insights__DuckDbPath=${Insights__DuckDbPath:-$data/insights.duckdb}
# The insights page's read token, generated once like the hash key.
if [[ -z ${Insights__ReadToken:-} ]]; then
  [[ -s $data/insights-token ]] || (umask 077 && head -c 18 /dev/urandom | base64 | tr '+/' '-_' > "$data/insights-token")
  Insights__ReadToken=$(cat "$data/insights-token")
  export Insights__ReadToken
fi

cat <<MSG
run: $redis_note
run: reports are stored in $Upload__Files__Directory/<product>/<yyyy-MM-dd>/<segment>.ndjson.gz (gzip'd JSON
     lines); a file appears once closed: about 10 s after reports stop arriving, every 5 minutes under steady
     traffic, and when the collector stops
run: insights at http://<operations address>/insights/ (default http://127.0.0.1:9464/insights/); read token in
     $data/insights-token (Insights__ReadToken)
run: starting the collector; its "Listening" line gives the gRPC, operations and intake addresses. Ctrl+C stops it.
     Then: scripts/send-example.sh [gRPC host:port]   (default 127.0.0.1:50051)
MSG
[[ -z $stopping ]] || exit 130
# --pdeathsig: the collector stops (gracefully) if this script is killed.
setpriv --pdeathsig TERM dotnet "$output/Telemetry.Server.dll" "$@" &
child=$!
status=0
wait_child || status=$?
stop_redis
exit "$status"

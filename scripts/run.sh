#!/usr/bin/env bash
# Runs the collector on embedded defaults: a private redis-server with append-only persistence in the data
# folder (unless Redis__Configuration names another Redis), a privacy hash key generated once and kept in the
# data folder, and reports written as files under the data folder. Arguments go to the service (e.g. --urls).
set -euo pipefail
cd "$(dirname "$0")/.."

data=$(realpath -m "${TELEMETRY_DATA:-.data}")
mkdir -p "$data/redis" "$data/reports"

if [[ -z ${Redis__Configuration:-} ]]; then
  if ! command -v redis-server >/dev/null; then
    if [[ $(id -u) -ne 0 ]]; then
      echo "run: redis-server is missing; install it with: sudo apt-get install redis-server" >&2
      exit 1
    fi
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  fi
  redis_port=${TELEMETRY_REDIS_PORT:-6390}
  # noeviction: an evicted stream key would be lost reports. everysec: an acknowledged report survives a crash
  # of Redis itself; an operating-system crash may lose the last second.
  redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$data/redis" --appendonly yes \
    --appendfsync everysec --maxmemory-policy noeviction --save '' --daemonize yes \
    --pidfile "$data/redis/redis.pid" --logfile "$data/redis/redis.log"
  trap 'redis-cli -p "$redis_port" shutdown >/dev/null 2>&1 || true' EXIT
  export Redis__Configuration="127.0.0.1:$redis_port"
fi

if [[ -z ${Privacy__HashKey:-} ]]; then
  [[ -s $data/hash-key ]] || (umask 077 && head -c 32 /dev/urandom | base64 > "$data/hash-key")
  Privacy__HashKey=$(cat "$data/hash-key")
  export Privacy__HashKey
fi
export Upload__Files__Directory=${Upload__Files__Directory:-$data/reports}

cat <<MSG
Telemetry collector: gRPC on 127.0.0.1:50051 (h2c), health and metrics on http://127.0.0.1:9464
  Redis:   ${Redis__Configuration}      reports: ${Upload__Files__Directory}
  Inspect: node_modules/.bin/buf curl --protocol grpc --http2-prior-knowledge --list-services http://127.0.0.1:50051
  Health:  node_modules/.bin/buf curl --protocol grpc --http2-prior-knowledge http://127.0.0.1:50051/grpc.health.v1.Health/Check
  Report:  scripts/send-example.sh       (installs buf with npm on first use; metrics: curl http://127.0.0.1:9464/metrics)
MSG
dotnet run --project src/Telemetry.Server -c Release -- "$@"

#!/usr/bin/env bash
# End-to-end ingestion benchmark: builds the collector and the benchmark in Release, then runs the benchmark,
# which starts a private redis-server (appendonly yes, appendfsync everysec, as scripts/run.sh) and the collector
# as its own process on free loopback ports, measures the ceilings (h2load health checks, redis-benchmark XADD, the
# buffer's append script alone), unary and streaming ingestion and the collector's memory, and prints them beside
# their targets.
# The collector exports its metrics and traces over OTLP to the benchmark meanwhile (--no-otlp: scrape endpoint only).
# Arguments go to the benchmark, e.g. --runs 5 --seconds 10 (see BenchmarkOptions.cs). Takes about 2 minutes.
# scripts/bench-ingest-vs.sh <git-rev> runs the same benchmark against an older commit's collector as well.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in redis-server redis-benchmark redis-cli h2load; do
  if ! command -v "$tool" >/dev/null; then
    echo "bench-ingest: $tool is missing; run scripts/setup.sh (Debian redis-server, nghttp2-client)" >&2
    exit 1
  fi
done

dotnet build src/Telemetry.Server -c Release -v quiet -nologo
dotnet build benchmarks/Telemetry.Ingestion.Benchmarks -c Release -v quiet -nologo
exec dotnet benchmarks/Telemetry.Ingestion.Benchmarks/bin/Release/net10.0/Telemetry.Ingestion.Benchmarks.dll \
  --collector src/Telemetry.Server/bin/Release/net10.0/Telemetry.Server.dll "$@"

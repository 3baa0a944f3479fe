#!/usr/bin/env bash
# Insights benchmark: builds the collector, telemetry-uploader and the benchmark in Release, then ingests a generated
# population (by default 1,000,000 reports from 50,000 installations over 90 days) through the real path: gRPC ->
# collector -> a private redis-server -> the uploader in the collector -> file sink + DuckDB rollups. Prints rollup
# lag after upload, p50/p95 per dashboard question cold and cached, the collector's peak RSS, and the time
# `telemetry-uploader insights rebuild` takes, beside their targets.
# A quick run: scripts/bench-insights.sh --reports 50000 --installations 5000. Other options: --days, --samples,
# --batch-size, --senders (see benchmarks/Telemetry.Insights.Benchmarks/BenchOptions.cs).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null; then
  echo "bench-insights: redis-server is missing; run scripts/setup.sh" >&2
  exit 1
fi

dotnet build src/Telemetry.Server -c Release -v quiet -nologo
dotnet build src/Telemetry.Uploader -c Release -v quiet -nologo
dotnet build benchmarks/Telemetry.Insights.Benchmarks -c Release -v quiet -nologo
exec dotnet benchmarks/Telemetry.Insights.Benchmarks/bin/Release/net10.0/Telemetry.Insights.Benchmarks.dll "$@"

#!/usr/bin/env bash
# Fault and fuzz suite: builds the collector and benchmarks/Telemetry.Chaos in Release, then runs the suite against
# the collector as its own process, with its own redis-server and file sink on free loopback ports.
#   scripts/chaos.sh [--long]            faults under load (about 4 minutes): none, Redis kill -9, collector kill -9,
#                                        collector SIGTERM, separate uploader kill -9, PostgreSQL down, sink disk full
#                                        (a tmpfs; skipped where it cannot be mounted), Redis Cluster master kill -9,
#                                        overload at three times the drain rate; a table of sent/acknowledged/stored/
#                                        lost/duplicated/pushed back. --long strikes each kill three times, keeps
#                                        PostgreSQL and the disk down for 60 s and overloads for 60 s
#   scripts/chaos.sh --fuzz [--inputs N] [--seed N]
#                                        N hostile inputs (default 100000): each must get a correct status, the
#                                        collector must stay up and its RSS come back within 20%
#   scripts/chaos.sh --soak [--minutes N] [--rate N] [--sample-seconds N]
#                                        N minutes (default 60) at N reports/s (500), sampling collector RSS and GC
#                                        committed memory, Redis used_memory, buffer depth and p99 acknowledgement
#                                        latency every N s (10); passes when each is flat after the first fifth
# Further options: --clients N (4), --load-seconds N (8), --only FAULT (the faults whose name contains FAULT). Ends with "chaos: N passed, N failed"; exit 1 on failure.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v redis-server >/dev/null; then
  echo "chaos: redis-server is missing; run scripts/setup.sh" >&2
  exit 1
fi

dotnet build src/Telemetry.Server -c Release -v quiet -nologo
dotnet build src/Telemetry.Uploader -c Release -v quiet -nologo
dotnet build benchmarks/Telemetry.Chaos -c Release -v quiet -nologo
exec dotnet benchmarks/Telemetry.Chaos/bin/Release/net10.0/Telemetry.Chaos.dll \
  --collector src/Telemetry.Server/bin/Release/net10.0/Telemetry.Server.dll \
  --uploader src/Telemetry.Uploader/bin/Release/net10.0/telemetry-uploader.dll "$@"

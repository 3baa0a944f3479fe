#!/usr/bin/env bash
# Regenerates docs/fields.md, the field catalogue, from the telemetry.v1 descriptors.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Telemetry.Cli -- fields --output docs/fields.md

#!/usr/bin/env bash
# Sends one example report to a running collector with buf curl (gRPC through server reflection) and prints
# the collector's answer. Usage: scripts/send-example.sh [address]   (default 127.0.0.1:50051)
set -euo pipefail
cd "$(dirname "$0")/.."
address=${1:-127.0.0.1:50051}
if [[ ! -x node_modules/.bin/buf ]]; then
  echo "send-example: installing buf (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

report_id=$(cat /proc/sys/kernel/random/uuid)
cluster_id=${TELEMETRY_EXAMPLE_CLUSTER:-$(cat /proc/sys/kernel/random/uuid)}
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
node_modules/.bin/buf curl --protocol grpc --http2-prior-knowledge \
  "http://$address/telemetry.v1.IngestService/IngestReports" -d @- <<JSON
{
  "requestId": "$(cat /proc/sys/kernel/random/uuid)",
  "reports": [{
    "reportId": "$report_id",
    "schemaVersion": 1,
    "reportTime": "$now",
    "instance": {"clusterId": "$cluster_id", "createdTime": "$now", "intervalPeriod": "14400s"},
    "build": {"version": "1.0.0"},
    "environment": {"os": "linux", "arch": "amd64", "logicalCpus": 2},
    "generic": {"product": "example", "metrics": {"requests": {"intValue": "42"}, "storage": {"stringValue": "s3"}}}
  }]
}
JSON

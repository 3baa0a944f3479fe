#!/usr/bin/env bash
# Fails when the committed generated clients differ from what protos/ generates now (CI runs this).
set -euo pipefail
cd "$(dirname "$0")/.."

clients/generate.sh
changes=$(git status --porcelain --untracked-files=all clients)
if [[ -n $changes ]]; then
  echo "check-generated: the generated clients are stale; run clients/generate.sh and commit the result:" >&2
  echo "$changes" >&2
  git --no-pager diff --stat -- clients >&2
  exit 1
fi
echo "check-generated: the generated clients match protos/"

#!/usr/bin/env bash
# Regenerates every client's messages and stubs from protos/ (see protos/buf.gen.yaml). Needs buf from the root
# npm tools, the TypeScript client's npm dependencies (protoc-gen-es) and the Debian plugins that
# scripts/setup.sh installs.
set -euo pipefail
cd "$(dirname "$0")/.."

buf=node_modules/.bin/buf
if [[ ! -x $buf ]]; then
  echo "generate: $buf is missing; run 'npm ci' in the repository root (or scripts/setup.sh)" >&2
  exit 1
fi
if [[ ! -x clients/typescript/node_modules/.bin/protoc-gen-es ]]; then
  (cd clients/typescript && npm ci --no-audit --no-fund --loglevel=error)
fi
for plugin in protoc protoc-gen-go protoc-gen-go-grpc grpc_python_plugin grpc_java_plugin; do
  command -v "$plugin" >/dev/null || { echo "generate: $plugin is missing; run scripts/setup.sh as root" >&2; exit 1; }
done

"$buf" generate protos --template protos/buf.gen.yaml

#!/usr/bin/env bash
# Measures the gRPC layer (src/Telemetry.Grpc) against a bare Kestrel ceiling: unary calls with h2load, one-way
# streaming with the project's client, and server allocations per message. Not a test; not run by scripts/test.sh.
# Extra arguments go to the benchmark, e.g. --requests 50000 --rounds 1 --stream-messages 200000.
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in h2load nghttp protoc; do
  command -v "$tool" >/dev/null || { echo "bench-grpc: $tool is missing; run scripts/setup.sh" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Request bodies as in grpc-wire-notes §16: an empty message (prefix only), and a 100-byte SimpleRequest asking for
# a 100-byte answer, encoded by protoc and length-prefixed.
printf '\x00\x00\x00\x00\x00' >"$work/empty.grpc"
body=$(printf 'x%.0s' {1..100})
printf 'response_size: 100\npayload { body: "%s" }\n' "$body" |
  protoc -I/usr/share/grpc-proto --encode=grpc.testing.SimpleRequest grpc/testing/messages.proto >"$work/msg.bin"
/usr/bin/python3 -c 'import struct,sys;m=open(sys.argv[1],"rb").read();sys.stdout.buffer.write(b"\0"+struct.pack(">I",len(m))+m)' \
  "$work/msg.bin" >"$work/req.grpc"

dotnet build benchmarks/Telemetry.Grpc.Benchmarks -c Release --nologo --verbosity quiet
export DOTNET_gcServer=1 DOTNET_TieredPGO=1

# The whole run is bounded: each h2load run and stream has its own limit inside, this is the outer one.
timeout 20m benchmarks/Telemetry.Grpc.Benchmarks/bin/Release/net10.0/Telemetry.Grpc.Benchmarks \
  --empty-request "$work/empty.grpc" --unary-request "$work/req.grpc" "$@"

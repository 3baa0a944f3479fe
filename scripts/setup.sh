#!/usr/bin/env bash
# Installs everything the build, the tests and CI need on a fresh Debian machine: system packages (as root, only
# those missing), the npm tools pinned in package-lock.json, and the NuGet packages of the solution. Running the
# collector needs none of it but redis-server, which scripts/run.sh installs itself.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  # Servers the tests start on loopback ports.
  redis-server postgresql
  # protoc and the stub generators of the generated clients (clients/), which CI checks are current.
  protobuf-compiler protobuf-compiler-grpc
  # The generated clients' live suites: Python, Go; h2load for the ingestion benchmark.
  python3-grpcio python3-protobuf golang-go golang-google-grpc-dev golang-google-protobuf-dev
  nghttp2-client
  # The headless browser the insights dashboard test drives (through puppeteer-core from npm).
  chromium
  # promtool, which checks the collector's /metrics exposition in the tests.
  prometheus
  # The Go stub generators and the Go protobuf API that matches google.golang.org/protobuf; gRPC and protobuf
  # for Java with the jars grpc-netty needs, and JUnit 5.
  protoc-gen-go protoc-gen-go-grpc golang-github-golang-protobuf-1-5-dev
  protobuf-compiler-grpc-java-plugin libgrpc-java libprotobuf-java libnetty-java libperfmark-java libgoogle-gson-java
  junit5
)

missing=()
for package in "${apt_packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "setup: missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [[ ! -x node_modules/.bin/buf ]] || [[ package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "setup: installing npm tools (npm ci)"
  # npm ci installs exactly the lock file and never rewrites it, so set-up leaves the tree clean. The lock file
  # lists every platform's optional buf binary, which npm ci requires.
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

dotnet restore Telemetry.sln --verbosity quiet

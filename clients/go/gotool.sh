#!/usr/bin/env bash
# Runs the go command in GOPATH mode against Debian's Go packages (/usr/share/gocode), without network: this
# directory is linked into a private GOPATH as telemetry/clients/go. Usage: ./gotool.sh test ./...
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
gopath=$here/.gopath
mkdir -p "$gopath/src/telemetry/clients"
ln -sfn "$here" "$gopath/src/telemetry/clients/go"
export GO111MODULE=off GOPATH="$gopath:/usr/share/gocode" GOFLAGS= GOPROXY=off
cd "$gopath/src/telemetry/clients/go"
exec go "$@"

#!/usr/bin/env bash
# Builds the Java client with plain javac against Debian's jars (Maven Central is not reachable), and runs its
# JUnit 5 tests. Usage: ./build.sh [compile|test|example|classpath]  (default: test)
set -euo pipefail
cd "$(dirname "$0")"

jars=(
  protobuf grpc-api grpc-context grpc-core grpc-netty grpc-protobuf grpc-protobuf-lite grpc-stub
  guava perfmark-api gson jsr305 error_prone_annotations geronimo-annotation-1.3-spec
  netty-buffer netty-codec netty-codec-http netty-codec-http2 netty-codec-socks netty-common netty-handler
  netty-handler-proxy netty-resolver netty-transport netty-transport-native-unix-common
)
classpath=""
for jar in "${jars[@]}"; do
  path=/usr/share/java/$jar.jar
  [[ -f $path ]] || { echo "build: $path is missing; run scripts/setup.sh as root" >&2; exit 1; }
  classpath+="$path:"
done
junit=/usr/share/java/junit-platform-console-standalone.jar

compile() {
  rm -rf build
  mkdir -p build/classes build/test-classes
  find gen src/main/java src/examples/java -name '*.java' >build/main-sources.txt
  javac -encoding UTF-8 -nowarn -d build/classes -cp "$classpath" @build/main-sources.txt
  find src/test/java -name '*.java' >build/test-sources.txt
  javac -encoding UTF-8 -Xlint:all,-processing,-try -d build/test-classes -cp "$classpath:build/classes:$junit" @build/test-sources.txt
}

case ${1:-test} in
  compile) compile ;;
  classpath) echo "${classpath}build/classes" ;;
  example)
    compile
    exec java -cp "${classpath}build/classes" com.telemetry.examples.ReportExample
    ;;
  test)
    compile
    exec java -Dtelemetry.classpath="${classpath}build/classes" -jar "$junit" --disable-banner --disable-ansi-colors --details=tree --fail-if-no-tests \
      -cp "${classpath}build/classes:build/test-classes" --select-package com.telemetry.client
    ;;
  *) echo "usage: $0 [compile|test|example|classpath]" >&2; exit 2 ;;
esac

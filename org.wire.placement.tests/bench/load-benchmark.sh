#!/bin/sh
# Issue 11 item 5: the load-aware cost against the constant one, every optimum checked against GLPK.
# Usage: org.wire.placement.tests/bench/load-benchmark.sh [--graphs N] [--seed S]
set -e
cd "$(dirname "$0")/../.."
command -v glpsol >/dev/null || { echo "glpsol not found: apt-get install -y glpk-utils" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -o -q -pl org.wire.placement.tests -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "org.wire.placement.tests/target/test-classes:$(cat org.wire.placement.tests/target/bench-classpath.txt)" \
    org.wire.placement.bench.LoadAwareBenchmark "$@"

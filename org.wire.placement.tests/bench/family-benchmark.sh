#!/bin/sh
# Issue 11 benchmark: graph families x policy sets, every optimum checked against GLPK (and z3 with --z3).
# Usage: org.wire.placement.tests/bench/family-benchmark.sh [--graphs N] [--seed S] [--z3]
# Families: existing, single-entry-hub, denser, alibaba-like; sets: P1, P1+P2, two mixed sets.
# Requires glpsol (Debian: apt-get install -y glpk-utils); --z3 needs z3 (apt-get install -y z3).
set -e
cd "$(dirname "$0")/../.."
command -v glpsol >/dev/null || { echo "glpsol not found: apt-get install -y glpk-utils" >&2; exit 2; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -o -q -pl org.wire.placement.tests -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "org.wire.placement.tests/target/test-classes:$(cat org.wire.placement.tests/target/bench-classpath.txt)" \
    org.wire.placement.bench.FamilyBenchmark "$@"

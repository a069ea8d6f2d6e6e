#!/bin/sh
# Growth of Wire.place with the graph (issue 11, item 4): N services, 2.5 N edges, 1,000 policies (500 free P1 +
# 500 pinned P2); median of several runs, wall and CPU time, match sets shared against one search per policy.
# Usage: org.wire.placement.tests/bench/scale-benchmark.sh [--seed S] [--runs R] [--dataplanes istio=10,cilium=4] [N...]
#        (default sizes 5000 10000 20000 40000)
set -e
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -o -q -pl org.wire.placement.tests -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -cp "org.wire.placement.tests/target/test-classes:$(cat org.wire.placement.tests/target/bench-classpath.txt)" \
    org.wire.placement.bench.ScaleBenchmark "$@"

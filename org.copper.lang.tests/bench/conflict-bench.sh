#!/usr/bin/env bash
# Issue 11, item 4: conflict check time, grouped (shipped) against pairwise (the check it replaced), same run.
# Usage: org.copper.lang.tests/bench/conflict-bench.sh [N...]   (default 1000 2000 4000 8000 16000 32000)
set -e
cd "$(dirname "$0")/../.."
. tools/find-jdk.sh && copper_find_jdk
./mvnw -o -q -pl org.copper.lang.tests -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" -Xss512m -cp "org.copper.lang.tests/target/test-classes:$(cat org.copper.lang.tests/target/bench-classpath.txt)" \
    org.copper.lang.api.ConflictGrowthBenchmark "$@"

#!/usr/bin/env bash
# Runs a benchmark's main class from a test module's test classes, on the JDK ./copper would use.
# Usage (from a bench script): tools/run-bench.sh MODULE CLASS [JVM-OPTION...] -- [ARG...]
# Builds MODULE's test classes and writes its test class path first (offline: the dependencies are already in ~/.m2).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. tools/find-jdk.sh && copper_find_jdk
module="$1" main="$2"; shift 2
jvm=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do jvm+=("$1"); shift; done
[ $# -gt 0 ] && shift
./mvnw -o -q -pl "$module" -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
exec "$JAVA_HOME/bin/java" "${jvm[@]}" -cp "$module/target/test-classes:$(cat "$module/target/bench-classpath.txt")" "$main" "$@"

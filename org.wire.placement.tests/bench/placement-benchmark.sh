#!/bin/sh
# Wire placement benchmark (ours vs z3 on the paper's formulation, plus the 20,000-service run).
# Usage: org.wire.placement.tests/bench/placement-benchmark.sh [--graphs N] [--seed S] [--dataplanes istio=10,cilium=4]
#                                                          [--z3-timeout SEC] [--scale N] [--no-z3]
# z3 comes from the Debian package (apt-get install -y z3); without it only our solver is measured.
set -e
cd "$(dirname "$0")/../.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
exec ./mvnw -o -q -pl org.wire.placement,org.wire.placement.tests test-compile exec:java -Dexec.args="$*"

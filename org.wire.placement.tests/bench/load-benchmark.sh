#!/bin/sh
# Issue 11 item 5: the load-aware cost against the constant one, every optimum checked against GLPK.
# Usage: org.wire.placement.tests/bench/load-benchmark.sh [--graphs N] [--seed S]
set -e
cd "$(dirname "$0")/../.."
command -v glpsol >/dev/null || { echo "glpsol not found: apt-get install -y glpk-utils" >&2; exit 2; }
exec tools/run-bench.sh org.wire.placement.tests org.wire.placement.bench.LoadAwareBenchmark -- "$@"

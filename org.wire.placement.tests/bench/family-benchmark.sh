#!/bin/sh
# Issue 11 benchmark: graph families x policy sets, every optimum checked against GLPK (and z3 with --z3).
# Usage: org.wire.placement.tests/bench/family-benchmark.sh [--graphs N] [--seed S] [--z3]
# Families: existing, single-entry-hub, denser, alibaba-like; sets: P1, P1+P2, two mixed sets.
# Requires glpsol (Debian: apt-get install -y glpk-utils); --z3 needs z3 (apt-get install -y z3).
set -e
cd "$(dirname "$0")/../.."
command -v glpsol >/dev/null || { echo "glpsol not found: apt-get install -y glpk-utils" >&2; exit 2; }
exec tools/run-bench.sh org.wire.placement.tests org.wire.placement.bench.FamilyBenchmark -- "$@"

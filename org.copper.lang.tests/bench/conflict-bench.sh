#!/usr/bin/env bash
# Issue 11, item 4: conflict check time, grouped (shipped) against pairwise (the check it replaced), same run.
# Usage: org.copper.lang.tests/bench/conflict-bench.sh [N...]   (default 1000 2000 4000 8000 16000 32000)
set -e
cd "$(dirname "$0")/../.."
exec tools/run-bench.sh org.copper.lang.tests org.copper.lang.api.ConflictGrowthBenchmark -Xss512m -- "$@"

#!/bin/sh
# Growth of Wire.place with the graph (issue 11, item 4): N services, 2.5 N edges, 1,000 policies (500 free P1 +
# 500 pinned P2); median of several runs, wall and CPU time, match sets shared against one search per policy.
# Usage: org.wire.placement.tests/bench/scale-benchmark.sh [--seed S] [--runs R] [--dataplanes istio=10,cilium=4] [N...]
#        (default sizes 5000 10000 20000 40000)
set -e
cd "$(dirname "$0")/../.."
exec tools/run-bench.sh org.wire.placement.tests org.wire.placement.bench.ScaleBenchmark -- "$@"

#!/usr/bin/env bash
# Checking time against the size of one context pattern (issue 16): a policy whose context is
# 'frontend (s0|s1|...|sN-1)* backend', checked with ./copper check, JVM start included; and a
# baseline run on a one-service pattern, so that "work beyond JVM start" is the difference.
# Usage: org.wire.placement.tests/bench/pattern-growth.sh [N...]   (default: 100 300 1000 3000 10000)
# Also times deep nesting (10,000 levels of parentheses in a pattern, of '(' in a condition, of 'if').
# Prints one Markdown table row per input; a run is cut off after ${COPPER_BENCH_TIMEOUT:-300} s.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
timeout_s="${COPPER_BENCH_TIMEOUT:-300}"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100 300 1000 3000 10000)

policy() { # $1 file, $2 context pattern, $3 body statements
  printf 'import "common.cui";\npolicy p (\n    act (Request request)\n    context (%s)\n) {\n    [Ingress]\n    %s\n}\n' "'$2'" "$3" >"$1"
}

alternatives() {
  local n=$1 i out="s0"
  for ((i = 1; i < n; i++)); do out+="|s$i"; done
  printf 'frontend (%s)* backend' "$out"
}

repeat() { # $1 text, $2 count
  local i out=""
  for ((i = 0; i < $2; i++)); do out+="$1"; done
  printf '%s' "$out"
}

run() { # $1 label, $2 file: prints "| label | seconds | exit code | first line of output |"
  local start end code first
  start=$(date +%s.%N)
  set +e
  first=$(timeout "$timeout_s" "$root/copper" check "$2" 2>&1 | head -c 300 | head -1)
  code=${PIPESTATUS[0]}
  set -e
  end=$(date +%s.%N)
  [ "$code" = 124 ] && first="(killed after $timeout_s s)"
  printf '| %s | %.1f | %s | %s |\n' "$1" "$(echo "$end - $start" | bc)" "$code" "${first:-(no output)}"
}

"$root/copper" --help >/dev/null # build the jar first, outside the timings
echo "| input | wall time (s) | exit code | first line of output |"
echo "|---|---|---|---|"
policy "$work/base.cup" "frontend backend" "Deny(request);"
run "baseline: 'frontend backend'" "$work/base.cup"
for n in "${sizes[@]}"; do
  policy "$work/alt$n.cup" "$(alternatives "$n")" "Deny(request);"
  run "$n alternatives" "$work/alt$n.cup"
done
policy "$work/parens.cup" "frontend $(repeat '(' 10000)backend$(repeat ')' 10000)" "Deny(request);"
run "10,000 nested parentheses in a pattern" "$work/parens.cup"
policy "$work/cond.cup" "frontend backend" "if ($(repeat '(' 10000)HasHeader(request, 'x')$(repeat ')' 10000)) { Deny(request); }"
run "10,000 nested parentheses in a condition" "$work/cond.cup"
policy "$work/ifs.cup" "frontend backend" "$(repeat "if (HasHeader(request, 'x')) " 10000)Deny(request);"
run "10,000 nested ifs" "$work/ifs.cup"
policy "$work/nots.cup" "frontend backend" "if ($(repeat '!' 10000)HasHeader(request, 'x')) { Deny(request); }"
run "10,000 nested '!'" "$work/nots.cup"

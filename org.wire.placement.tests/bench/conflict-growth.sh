#!/usr/bin/env bash
# Time of `copper check --graph` against the number of policies (issue 11, item 4): the conflict check used to
# compare every pair of policies. Generates a 200-service graph and N policies (N doubling), a realistic mix of
# header writes, removals, version routes and denials over patterns 'frontend .* X', '.* X' and 'P X'; and the
# issue's case of 500 policies setting one header to different values. Prints one Markdown row per input with
# wall time and CPU time (user + system, all threads; JVM start included), the load average when the run began,
# exit code, warning lines and output bytes.
# Usage: org.wire.placement.tests/bench/conflict-growth.sh [--copper PATH/TO/copper] [N...]
#        (default sizes 1000 2000 4000 8000 16000 32000; a run is cut off after ${COPPER_BENCH_TIMEOUT:-600} s)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
copper="$root/copper"
if [ "${1:-}" = "--copper" ]; then copper="$2"; shift 2; fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 2000 4000 8000 16000 32000)
timeout_s="${COPPER_BENCH_TIMEOUT:-600}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

awk 'BEGIN { srand(11); n = 200
  printf "{\n  \"name\": \"growth\",\n  \"services\": [\"frontend\""
  for (i = 1; i < n; i++) printf ", \"s%d\"", i
  printf "],\n  \"edges\": ["
  for (i = 1; i < n; i++) { p = int(rand() * i); printf "%s[\"%s\", \"s%d\"]", (i > 1 ? ", " : ""), (p == 0 ? "frontend" : "s" p), i; parent[i] = p }
  for (k = 0; k < n; k++) { a = int(rand() * (n - 1)); b = a + 1 + int(rand() * (n - 1 - a)); if (b < n && !seen[a "," b]++ && parent[b] != a) printf ", [\"%s\", \"s%d\"]", (a == 0 ? "frontend" : "s" a), b }
  printf "],\n  \"databases\": []\n}\n"
  for (i = 1; i < n; i++) print "s" i, (parent[i] == 0 ? "frontend" : "s" parent[i]) > "'"$work"'/parents.txt"
}' >"$work/graph.json"

policies() { # $1 count, $2 file
  awk -v N="$1" -v parents="$work/parents.txt" 'BEGIN { srand(N)
    while ((getline line < parents) > 0) { split(line, f, " "); m++; svc[m] = f[1]; par[m] = f[2] }
    print "import \"common.cui\";"
    for (k = 0; k < N; k++) {
      i = 1 + int(rand() * m); x = svc[i]; r = rand()
      ctx = r < 0.4 ? "frontend .* " x : r < 0.8 ? ".* " x : par[i] " " x
      a = rand()
      if (a < 0.7) body = "[Ingress] SetHeader(r, \x27x-h" (k % 40) "\x27, \x27v" int(rand() * 3) "\x27);"
      else if (a < 0.8) body = "[Ingress] RemoveHeader(r, \x27x-h" (k % 40) "\x27);"
      else if (a < 0.95) body = "[Egress] RouteToVersion(r, \x27" x "\x27, \x27v" int(rand() * 2) "\x27);"
      else body = "[Ingress] Deny(r);"
      printf "policy p%d (act (Request r) context (\x27%s\x27)) { %s }\n", k, ctx, body
    } }' >"$2"
}

run() { # $1 label, $2 file, $3 extra args
  local start end code lines bytes load cpu
  load=$(cut -d' ' -f1 /proc/loadavg)
  start=$(date +%s.%N)
  set +e
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U + %S' -o "$work/time.txt" timeout "$timeout_s" "$copper" check $3 "$2" >"$work/out.txt" 2>&1
  code=$?
  set -e
  end=$(date +%s.%N)
  cpu=$(tail -1 "$work/time.txt" | bc)
  lines=$(grep -c ' conflicts with ' "$work/out.txt" || true)
  bytes=$(wc -c <"$work/out.txt")
  [ "$code" = 124 ] && code="killed after $timeout_s s"
  printf '| %s | %.1f | %.1f | %s | %s | %s | %s |\n' "$1" "$(echo "$end - $start" | bc)" "$cpu" "$load" "$code" "$lines" "$bytes"
}

"$copper" --help >/dev/null # build the jar first, outside the timings
echo "| input | wall time (s) | CPU time (s) | load average | exit code | conflict warnings | output bytes |"
echo "|---|---|---|---|---|---|---|"
for n in "${sizes[@]}"; do
  policies "$n" "$work/p$n.cup"
  run "$n policies ($(( $(wc -c <"$work/p$n.cup") / 1024 )) KB), no graph" "$work/p$n.cup" ""
  run "$n policies, --graph (200 services)" "$work/p$n.cup" "--graph $work/graph.json"
done
{
  echo 'import "common.cui";'
  for ((k = 0; k < 500; k++)); do
    echo "policy one$k (act (Request r) context ('.* s5')) { [Ingress] SetHeader(r, 'x-one', 'v$k'); }"
  done
} >"$work/one-header.cup"
run "500 policies, one header, 500 values, --graph" "$work/one-header.cup" "--graph $work/graph.json"

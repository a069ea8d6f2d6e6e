#!/bin/bash
# Runs every bpf test as root and prints "N passed, M failed" as the last line.
# Each test script cleans up after itself (trap); this checks nothing was left behind.
cd "$(dirname "$0")/.." || exit 1
if [ "$(id -u)" -ne 0 ]; then
	echo "bpf tests need root (BPF programs, cgroups)"; echo "0 passed, 1 failed"; exit 1
fi
missing=""
for c in bpftool h2load nghttpd nghttp curl wrk haproxy; do
	command -v "$c" > /dev/null || missing+=" $c"
done
/usr/bin/python3 -c "import h2, hpack" 2> /dev/null || missing+=" python3-h2"
if [ -n "$missing" ]; then
	echo "missing test dependencies:$missing (run: bash bpf/install-deps.sh)"; echo "0 passed, 1 failed"; exit 1
fi
PASSED=0; FAILED=0
CG_ROOT=$(bash -c 'source tests/lib.sh; rm -rf "$WORK"; echo "$CG_ROOT"')
run() {   # run SCRIPT TIMEOUT
	local out rc line
	echo "== $1"
	out=$(timeout --kill-after=10 "$2" bash "tests/$1" 2>&1); rc=$?
	echo "$out" | grep -v '^RESULT '
	line=$(echo "$out" | awk '/^RESULT / { p += $2; f += $3; n++ } END { if (n) print p, f }')
	if [ -z "$line" ]; then
		echo "FAIL: $1 did not finish (exit $rc)"; FAILED=$((FAILED + 1))
	else
		set -- $line
		PASSED=$((PASSED + $1)); FAILED=$((FAILED + $2))
	fi
}
leftovers() {   # programs, maps, cgroups and processes of ours still around
	local n=0
	bpftool map show 2>/dev/null | grep -q "name cw_stats" && { echo "left behind: cw_stats map"; n=1; }
	bpftool prog show 2>/dev/null | grep -qE "name (add_socket|parse_rx|find_header|propagate_ctx) " && { echo "left behind: programs"; n=1; }
	ls -d $CG_ROOT/copper-test-* 2>/dev/null && { echo "left behind: cgroups"; n=1; }
	pgrep -f "build/copper-bpf attach" > /dev/null && { echo "left behind: loader"; n=1; }
	pgrep -f "tests/h2svc.py" > /dev/null && { echo "left behind: services"; n=1; }
	return $n
}
sweep() {   # a test killed by its timeout cannot run its trap: remove what it left
	local f p d
	for f in /tmp/copper-test.*/pids; do
		[ -f "$f" ] || continue
		while read -r p; do kill -9 "$p" 2>/dev/null; done < "$f"
		rm -rf "$(dirname "$f")"
	done
	for d in $CG_ROOT/copper-test-*/*/ $CG_ROOT/copper-test-*/; do
		[ -d "$d" ] || continue
		while read -r p; do kill -9 "$p" 2>/dev/null; done < "$d/cgroup.procs"
		sleep 0.2
		rmdir "$d" 2>/dev/null
	done
}
trap 'sweep; echo "0 passed, 1 failed"; exit 130' INT TERM
if ! leftovers > /dev/null; then
	echo "note: copper state from an earlier run exists before the tests start"
fi
run cli.sh 60
run deployment.sh 600
[ -f tests/unit.sh ] && run unit.sh 180
run chain.sh 120
[ -f tests/jaeger.sh ] && run jaeger.sh 60
[ -f tests/robust.sh ] && run robust.sh 400
[ -f tests/lossy.sh ] && run lossy.sh 120
sleep 1
echo "== cleanup"
if leftovers; then echo "PASS: nothing left behind"; PASSED=$((PASSED + 1)); else echo "FAIL: leftovers"; FAILED=$((FAILED + 1)); fi
sweep
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]

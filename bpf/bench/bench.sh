#!/bin/bash
# Benchmark: h2load -> nghttpd on loopback, one hop, all configurations in one run with
# interleaved rounds (the machine is shared, so medians of alternating rounds):
#   base        no programs
#   floor       both services attached with programs that do nothing (COPPER_BENCH_FLOOR):
#               the kernel's socket-map send (client) and receive (server) paths alone
#   send only   client service attached (inserts a 1-id context), server plain
#   recv only   server service attached (parses each request), client plain
#   1 id        both attached, context of 1 service (3-byte value)
#   255 ids     both attached, the client service holds a 255-service context for the
#               trace id, so every request carries the 766-byte truncated+flagged value
#   old_*       OLD_LOADER=path: the same with another build (e.g. an earlier commit)
# Reports mean request time at 1 connection/1 stream, req/s and CPU per request (both
# cgroups) at 1 connection/16 streams,
# plus in-program ns per call (kernel.bpf_stats_enabled). Writes build/bench.md.
source "$(dirname "$0")/../tests/lib.sh"
ROUNDS=${ROUNDS:-5}
N1=${N1:-5000}        # requests at 1 connection, 1 stream, per round
N16=${N16:-40000}     # requests at 1 connection, 16 streams, per round
PORT=18401
old_stats=$(sysctl -n kernel.bpf_stats_enabled)
restore() { sysctl -qw kernel.bpf_stats_enabled="$old_stats"; cleanup; }
trap restore EXIT

CGC=$(new_cgroup bench-client); CGS=$(new_cgroup bench-server)
mkdir -p "$WORK/www" && echo ok > "$WORK/www/index.html"
# other work shares the CPUs: give the measured processes priority
run_in "$CGS" nice -n -20 nghttpd --no-tls -d "$WORK/www" $PORT > /dev/null
wait_port $PORT || exit 1
T=$(tp)
in_client() { sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CGC" "$@"; }

h2l() { in_client nice -n -20 h2load "$@" -H "traceparent: $T" http://127.0.0.1:$PORT/index.html 2>&1; }
# CPU time of both services' cgroups (cpu.stat usage_usec: scheduler run time, which on
# this kernel (no IRQ time accounting) includes the loopback softirq work done in the
# processes' context, so also the receive-side programs): far less disturbed by other
# load on the machine than wall-clock rates are.
cpu_us() { awk '/^usage_usec/ { s += $2 } END { print s }' "$CGC/cpu.stat" "$CGS/cpu.stat"; }
lat() { h2l -n "$N1" -c 1 -m 1 | awk '/^time for request:/ { v=$6; u=v; sub(/[a-z]+$/,"",v); if (u ~ /ms$/) v*=1000; print v }'; }
thr() {   # prints req/s and CPU ns per request
	local c0 c1 r
	c0=$(cpu_us)
	r=$(h2l -n "$N16" -c 1 -m 16 | awk '/^finished in/ { gsub(",",""); printf "%d\n", $4 }')
	c1=$(cpu_us)
	echo "$r $(( (c1 - c0) * 1000 / N16 ))"
}
median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR]=$1 } END { print a[int((NR+1)/2)] }'; }
best_low() { tr ' ' '\n' | grep . | sort -g | head -1; }     # least disturbed round
best_high() { tr ' ' '\n' | grep . | sort -g | tail -1; }

seed_255() {   # the client service learns a 255-service context for trace $T
	in_client $PY - "$T" "$1" <<'EOF'
import socket, sys
import hpack
t = sys.argv[1]
ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen(1)
c = socket.create_connection(ls.getsockname()); s, _ = ls.accept()
if len(sys.argv) > 2 and sys.argv[2] == "hex":      # the format of builds before base-64 tokens
    chain = "".join("%04x." % i for i in range(1000, 1255))
else:
    D = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
    chain = "".join(D[i >> 12 & 63] + D[i >> 6 & 63] + D[i & 63] for i in range(1000, 1255))
blk = hpack.Encoder().encode([(":method", "GET"), (":scheme", "http"), (":path", "/"),
                              (":authority", "seed"), ("traceparent", t), ("x-copper-ctx", chain)])
c.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + len(blk).to_bytes(3, "big") + b"\x01\x05\x00\x00\x00\x01" + blk)
want, got = 24 + 9 + len(blk), 0
while got < want:
    got += len(s.recv(65536))
EOF
}
loaders=()
attach() {   # attach MODE (old_* modes use $OLD_LOADER, e.g. a build of an earlier commit)
	loaders=()
	local LOADER=$LOADER m=$1
	case $m in old_*) LOADER=$OLD_LOADER; m=${m#old_} ;; esac
	case $m in
	floor) loaders+=("$(COPPER_BENCH_FLOOR=1 start_loader "$CGC" 1)" "$(COPPER_BENCH_FLOOR=1 start_loader "$CGS" 2)") || exit 1 ;;
	send) loaders+=("$(start_loader "$CGC" 1)") || exit 1 ;;
	recv) loaders+=("$(start_loader "$CGS" 2)") || exit 1 ;;
	*) loaders+=("$(start_loader "$CGC" 1)" "$(start_loader "$CGS" 2)") || exit 1 ;;
	esac
	[ "$m" = ids255 ] && seed_255 "$([ "$1" = old_ids255 ] && echo "${OLD_FORMAT:-hex}")"
	return 0
}
detach() {
	local p
	for p in "${loaders[@]}"; do kill "$p"; wait "$p" 2>/dev/null; done
	loaders=()
	eventually sh -c "! bpftool prog show | grep -q 'name find_header '"
}

MODES="base floor send recv ids1 ids255"
# OLD_LOADER=path: also measure that build's receive side and 255-id configuration, same run
[ -n "$OLD_LOADER" ] && MODES="base floor old_recv recv old_ids255 send ids1 ids255"
declare -A L T16 C16
for r in $(seq "$ROUNDS"); do
	for m in $MODES; do
		[ $m != base ] && attach $m
		L[$m]+="$(lat) "
		set -- $(thr)
		T16[$m]+="$1 "; C16[$m]+="$2 "
		[ $m != base ] && detach
	done
done

# in-program cost in passes of their own (statistics slow the programs down a little),
# each on freshly loaded programs so that the kernel's counters cover that load alone
prog_ns() {   # prog_ns NAME REQUESTS
	bpftool prog show name "$1" 2>/dev/null | awk -v n="$2" '/run_time_ns/ { for (i=1;i<NF;i++) { if ($i=="run_time_ns") t=$(i+1); if ($i=="run_cnt") c=$(i+1) } } END { if (c) printf "%.0f ns (%.1f requests per call)", t/n, n/c; else print "n/a" }'
}
NT_ROUNDS=${NT_ROUNDS:-1000}
CHAIN255=$(/usr/bin/python3 -c 'D="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"; print("".join(D[i>>12&63]+D[i>>6&63]+D[i&63] for i in range(1000,1255)))')
STATS_ROWS=""
stats_pass() {   # stats_pass LABEL MODE REQUESTS load-command...
	local label=$1 mode=$2 n=$3; shift 3
	attach "$mode"
	sysctl -qw kernel.bpf_stats_enabled=1
	"$@" > /dev/null
	STATS_ROWS+="| $label | $(prog_ns find_header "$n") | $(prog_ns parse_rx "$n") |"$'\n'
	[ "$mode" = ids255 ] && { INS=$(stat_of 1 tx_inserted); TRUNC=$(stat_of 1 tx_truncated); }
	sysctl -qw kernel.bpf_stats_enabled=0
	detach
}
newtrace() { in_client $PY "$BPF_DIR/bench/newtrace.py" 127.0.0.1:$PORT "$NT_ROUNDS" "$@"; }
stats_pass "255-service context, 1 stream (h2load, one trace id)" ids255 "$N1" h2l -n "$N1" -c 1 -m 1
stats_pass "255-service context, 16 streams (h2load, one trace id)" ids255 "$N16" h2l -n "$N16" -c 1 -m 16
stats_pass "new trace id per request, no context yet (origin), 16 per send" ids1 $((NT_ROUNDS * 16)) newtrace
stats_pass "new trace id per request with a 255-service context from upstream, 16 per send" ids1 $((NT_ROUNDS * 16)) newtrace "$CHAIN255"

declare -A LM TM LB TB CM CB
for m in $MODES; do
	LM[$m]=$(echo ${L[$m]} | median); TM[$m]=$(echo ${T16[$m]} | median)
	CM[$m]=$(echo ${C16[$m]} | median); CB[$m]=$(echo ${C16[$m]} | best_low)
	LB[$m]=$(echo ${L[$m]} | best_low); TB[$m]=$(echo ${T16[$m]} | best_high)
done
row() {   # row MODE LABEL: best round (least disturbed by other load), then median
	local dlb dtb dlm dtm
	dlb=$(awk -v a="${LB[$1]}" -v b="${LB[base]}" 'BEGIN { printf "%+.0f", a - b }')
	dtb=$(awk -v a="${TB[$1]}" -v b="${TB[base]}" 'BEGIN { printf "%+.1f", (a / b - 1) * 100 }')
	dlm=$(awk -v a="${LM[$1]}" -v b="${LM[base]}" 'BEGIN { printf "%+.0f", a - b }')
	dtm=$(awk -v a="${TM[$1]}" -v b="${TM[base]}" 'BEGIN { printf "%+.1f", (a / b - 1) * 100 }')
	local cpu dcb dcm dpb dpm
	cpu=$(awk -v a="${CB[$1]}" -v m="${CM[$1]}" 'BEGIN { printf "%.2f us (%.2f)", a / 1000, m / 1000 }')
	dcb=$(awk -v a="${CB[$1]}" -v b="${CB[base]}" 'BEGIN { printf "%+.2f", (a - b) / 1000 }')
	dcm=$(awk -v a="${CM[$1]}" -v b="${CM[base]}" 'BEGIN { printf "%+.2f", (a - b) / 1000 }')
	dpb=$(awk -v a="${CB[$1]}" -v b="${CB[base]}" 'BEGIN { printf "%+.1f", (b / a - 1) * 100 }')
	dpm=$(awk -v a="${CM[$1]}" -v b="${CM[base]}" 'BEGIN { printf "%+.1f", (b / a - 1) * 100 }')
	echo "| $2 | ${LB[$1]} us (${LM[$1]}) | **$dlb us** ($dlm) | ${TB[$1]} (${TM[$1]}) | **$dtb %** ($dtm) | $cpu | **$dcb us** ($dcm) | **$dpb %** ($dpm) |"
}
{
echo "| configuration (h2load -> nghttpd, loopback, one hop); best round (median) | request time, 1 conn, 1 stream | added per hop | req/s, 1 conn, 16 streams | change | CPU per request, 16 streams | added CPU | CPU-bound req/s change |"
echo "|---|---|---|---|---|---|---|---|"
row base "without the add-on"
row floor "kernel floor: both sides on the socket-map paths, programs that do nothing"
row send "send side only (client inserts a 1-id context)"
row recv "receive side only (server parses every request)"
row ids1 "both, context of 1 service"
row ids255 "both, 255-service context (target: <= 3 us, >= -15 %)"
if [ -n "$OLD_LOADER" ]; then
	row old_recv "previous build: receive side only"
	row old_ids255 "previous build: both, 255-service context"
fi
echo ""
echo "| in-program time per request (kernel.bpf_stats_enabled) | client side: find_header + propagate_ctx | server side: parse_rx |"
echo "|---|---|---|"
printf "%s" "$STATS_ROWS"
echo ""
echo "$ROUNDS interleaved rounds of $N1 and $N16 requests; best = fastest round, (median). Rounds, request time (us):"
for m in $MODES; do echo "$m [${L[$m]% }]"; done
echo "req/s:"
for m in $MODES; do echo "$m [${T16[$m]% }]"; done
echo "CPU ns per request at 16 streams (client + server cgroups):"
for m in $MODES; do echo "$m [${C16[$m]% }]"; done
echo "Contexts inserted in the statistics pass: $INS, of which truncated+flagged: $TRUNC."
} | tee "$BPF_DIR/build/bench.md"

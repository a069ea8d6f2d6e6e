#!/bin/bash
# Benchmark: h2load -> nghttpd on loopback, one hop. Every configuration is set up at once
# on its own client/server cgroup pair (programs attach per cgroup, so the pairs do not
# see each other's), and the rounds alternate between them: the VM's speed changes in
# phases of seconds, and a round of every configuration takes well under one, so each
# round compares configurations under the same conditions. Configurations:
#   base        no programs
#   floor       both services attached with programs that do nothing (COPPER_BENCH_FLOOR):
#               the kernel's socket-map send (client) and receive (server) paths alone
#   floor_send, floor_recv   the same on one side only
#   send        client service attached (inserts a 1-id context), server plain
#   recv        server service attached (parses each request), client plain
#   ids1        both attached, context of 1 service (3-byte value)
#   ids255      both attached, the client service holds a 255-service context for the
#               trace id, so every request carries the 766-byte truncated+flagged value
#   old_*       OLD_LOADER=path: recv and ids255 with another build (e.g. an earlier commit)
# Per round and configuration: mean request time at 1 connection/1 stream, req/s and CPU
# per request (both cgroups) at 1 connection/16 streams. Reported: best round, median, and
# the median over rounds of the difference to base in the same round. Then in-program time
# per request (kernel.bpf_stats_enabled) in passes of their own. Writes build/bench.md.
source "$(dirname "$0")/../tests/lib.sh"
ROUNDS=${ROUNDS:-30}
N1=${N1:-5000}        # requests at 1 connection, 1 stream, per round
N16=${N16:-20000}     # requests at 1 connection, 16 streams, per round
NT_ROUNDS=${NT_ROUNDS:-1000}   # sends of 16 new-trace requests in the new-trace passes
old_stats=$(sysctl -n kernel.bpf_stats_enabled)
restore() { sysctl -qw kernel.bpf_stats_enabled="$old_stats"; cleanup; }
trap restore EXIT
sysctl -qw kernel.bpf_stats_enabled=0

MODES="base floor floor_send floor_recv send recv ids1 ids255"
[ -n "$OLD_LOADER" ] && MODES="$MODES old_recv old_ids255"
T=$(tp)
mkdir -p "$WORK/www" && echo ok > "$WORK/www/index.html"
declare -A CGC CGS PORTS LOADERS
CHAIN255=$($PY -c 'D="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"; print("".join(D[i>>12&63]+D[i>>6&63]+D[i&63] for i in range(1000,1255)))')
# the 4-hex-digit format of builds before 3-character tokens
HEX255=$($PY -c 'print("".join("%04x." % i for i in range(1000, 1255)))')

in_cg() { local cg=$1; shift; sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$cg" "$@"; }
# the client service learns a 255-service context for trace $T: a request carrying it
# arrives at a socket of that service
seed() {   # seed CGROUP CHAIN
	in_cg "$1" $PY - "$T" "$2" <<'EOF'
import socket, sys
import hpack
ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen(1)
c = socket.create_connection(ls.getsockname()); s, _ = ls.accept()
blk = hpack.Encoder().encode([(":method", "GET"), (":scheme", "http"), (":path", "/"),
                              (":authority", "seed"), ("traceparent", sys.argv[1]),
                              ("x-copper-ctx", sys.argv[2])])
c.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + len(blk).to_bytes(3, "big") + b"\x01\x05\x00\x00\x00\x01" + blk)
want, got = 24 + 9 + len(blk), 0
while got < want:
    got += len(s.recv(65536))
EOF
}

attach() {   # attach MODE: loaders for that pair (old_* use $OLD_LOADER)
	local m=$1 L=$LOADER p
	case $m in old_*) L=$OLD_LOADER; m=${m#old_} ;; esac
	local c=${CGC[$1]} s=${CGS[$1]} ps=()
	case $m in
	base) ;;
	floor) ps+=("$(COPPER_BENCH_FLOOR=1 LOADER=$L start_loader "$c" 1)" "$(COPPER_BENCH_FLOOR=1 LOADER=$L start_loader "$s" 2)") ;;
	floor_send) ps+=("$(COPPER_BENCH_FLOOR=1 LOADER=$L start_loader "$c" 1)") ;;
	floor_recv) ps+=("$(COPPER_BENCH_FLOOR=1 LOADER=$L start_loader "$s" 2)") ;;
	send) ps+=("$(LOADER=$L start_loader "$c" 1)") ;;
	recv) ps+=("$(LOADER=$L start_loader "$s" 2)") ;;
	*) ps+=("$(LOADER=$L start_loader "$c" 1)" "$(LOADER=$L start_loader "$s" 2)") ;;
	esac
	for p in "${ps[@]}"; do [ -n "$p" ] || { echo "bench: attaching $1 failed" >&2; exit 1; }; done
	if [ "$m" = ids255 ]; then
		[ "$1" = old_ids255 ] && [ "${OLD_FORMAT:-hex}" = hex ] && seed "$c" "$HEX255" || seed "$c" "$CHAIN255"
	fi
	LOADERS[$1]="${ps[*]}"
}
detach() {   # detach MODE
	local p
	for p in ${LOADERS[$1]}; do kill "$p"; wait "$p" 2> /dev/null; done
	LOADERS[$1]=""
}

i=0
for m in $MODES; do
	CGC[$m]=$(new_cgroup "c-$m"); CGS[$m]=$(new_cgroup "s-$m"); PORTS[$m]=$((18410 + i)); i=$((i + 1))
	# other work shares the CPUs: give the measured processes priority
	run_in "${CGS[$m]}" nice -n -20 nghttpd --no-tls -d "$WORK/www" "${PORTS[$m]}" > /dev/null
	wait_port "${PORTS[$m]}" || exit 1
	attach "$m"
done

h2l() {   # h2l MODE h2load-args...
	local m=$1; shift
	in_cg "${CGC[$m]}" nice -n -20 h2load "$@" -H "traceparent: $T" "http://127.0.0.1:${PORTS[$m]}/index.html" 2>&1
}
# CPU time of both services' cgroups (cpu.stat usage_usec: scheduler run time, which on
# this kernel (no IRQ time accounting) includes the loopback softirq work done in the
# processes' context, so also the receive-side programs)
cpu_us() { awk '/^usage_usec/ { s += $2 } END { print s }' "${CGC[$1]}/cpu.stat" "${CGS[$1]}/cpu.stat"; }
lat() { h2l "$1" -n "$N1" -c 1 -m 1 | awk '/^time for request:/ { v=$6; u=v; sub(/[a-z]+$/,"",v); if (u ~ /ms$/) v*=1000; print v }'; }
thr() {   # prints req/s and CPU ns per request
	local c0 c1 r
	c0=$(cpu_us "$1")
	r=$(h2l "$1" -n "$N16" -c 1 -m 16 | awk '/^finished in/ { gsub(",",""); printf "%d\n", $4 }')
	c1=$(cpu_us "$1")
	echo "$r $(( (c1 - c0) * 1000 / N16 ))"
}
for m in $MODES; do h2l "$m" -n 2000 -c 1 -m 16 > /dev/null; done   # warm-up

declare -A L T16 C16
set -- $MODES
for r in $(seq "$ROUNDS"); do
	# a different starting configuration each round, so none is always first
	k=$(( (r - 1) % $# )); order="${*:k+1} ${*:1:k}"
	for m in $order; do
		L[$m]+="$(lat "$m") "
		set -- $(thr "$m")
		T16[$m]+="$1 "; C16[$m]+="$2 "
		set -- $MODES
	done
done
for m in $MODES; do detach "$m"; done

median() { tr ' ' '\n' | grep . | sort -g | awk '{ a[NR]=$1 } END { if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2 }'; }
best_low() { tr ' ' '\n' | grep . | sort -g | head -1; }     # least disturbed round
best_high() { tr ' ' '\n' | grep . | sort -g | tail -1; }
# paired: per round, the difference to base in the same round (absolute, or in % for rates)
paired() {   # paired "values" "base values" abs|pct
	paste <(echo $1 | tr ' ' '\n') <(echo $2 | tr ' ' '\n') | awk -v k="$3" 'NF == 2 { if (k == "pct") printf "%.2f\n", ($1 / $2 - 1) * 100; else print $1 - $2 }' | median
}

# in-program cost, each pass on freshly loaded programs so that the kernel's counters
# cover that load alone (statistics slow the programs down a little); the passes are
# repeated in turn (STATS_REPS) and the median reported, as the VM's speed varies
prog_ns() {   # prog_ns NAME REQUESTS -> "ns-per-request requests-per-call"
	bpftool prog show name "$1" 2>/dev/null | awk -v n="$2" '/run_time_ns/ { for (i=1;i<NF;i++) { if ($i=="run_time_ns") t=$(i+1); if ($i=="run_cnt") c=$(i+1) } } END { if (c) printf "%.0f %.1f", t/n, n/c; else print "0 0" }'
}
declare -A SC SS SK
stats_pass() {   # stats_pass KEY MODE REQUESTS load-command...
	local key=$1 mode=$2 n=$3; shift 3
	attach "$mode"
	sysctl -qw kernel.bpf_stats_enabled=1
	"$@" > /dev/null
	set -- $(prog_ns find_header "$n"); SC[$key]+="$1 "; SK[$key]=$2
	set -- $(prog_ns parse_rx "$n"); SS[$key]+="$1 "
	[ "$mode" = ids255 ] && { INS=$(stat_of 1 tx_inserted); TRUNC=$(stat_of 1 tx_truncated); }
	sysctl -qw kernel.bpf_stats_enabled=0
	detach "$mode"
}
newtrace() { in_cg "${CGC[ids1]}" $PY "$BPF_DIR/bench/newtrace.py" "127.0.0.1:${PORTS[ids1]}" "$NT_ROUNDS" "$@"; }
for rep in $(seq "${STATS_REPS:-3}"); do
	stats_pass s1 ids255 "$N1" h2l ids255 -n "$N1" -c 1 -m 1
	stats_pass s16 ids255 "$N16" h2l ids255 -n "$N16" -c 1 -m 16
	stats_pass nt ids1 $((NT_ROUNDS * 16)) newtrace
	stats_pass nt255 ids1 $((NT_ROUNDS * 16)) newtrace "$CHAIN255"
done
STATS_ROWS=""
stats_row() {   # stats_row KEY LABEL
	STATS_ROWS+="| $2 | $(echo ${SC[$1]} | median) ns [${SC[$1]% }] | $(echo ${SS[$1]} | median) ns [${SS[$1]% }] | ${SK[$1]} |"$'\n'
}
stats_row s1 "255-service context, 1 stream (h2load, one trace id)"
stats_row s16 "255-service context, 16 streams (h2load, one trace id)"
stats_row nt "new trace id per request, no context yet (origin), 16 per send"
stats_row nt255 "new trace id per request with a 255-service context from upstream, 16 per send"

row() {   # row MODE LABEL
	local m=$1 lb lm tb tm cb cm dl dt dc dp
	lb=$(echo ${L[$m]} | best_low); lm=$(echo ${L[$m]} | median)
	tb=$(echo ${T16[$m]} | best_high); tm=$(echo ${T16[$m]} | median)
	cb=$(echo ${C16[$m]} | best_low); cm=$(echo ${C16[$m]} | median)
	dl=$(paired "${L[$m]}" "${L[base]}" abs); dt=$(paired "${T16[$m]}" "${T16[base]}" pct)
	dc=$(paired "${C16[$m]}" "${C16[base]}" abs)
	dp=$(paste <(echo ${C16[$m]} | tr ' ' '\n') <(echo ${C16[base]} | tr ' ' '\n') | awk 'NF == 2 { printf "%.2f\n", ($2 / $1 - 1) * 100 }' | median)
	awk -v lb="$lb" -v lm="$lm" -v dl="$dl" -v tb="$tb" -v tm="$tm" -v dt="$dt" -v cb="$cb" -v cm="$cm" -v dc="$dc" -v dp="$dp" -v label="$2" 'BEGIN {
		printf "| %s | %d / %d us | **%+.1f us** | %d / %d | **%+.1f %%** | %.2f / %.2f us | **%+.2f us** | %+.1f %% |\n",
			label, lb, lm, dl, tb, tm, dt, cb / 1000, cm / 1000, dc / 1000, dp }'
}
{
echo "| configuration (h2load -> nghttpd, loopback, one hop) | request time, 1 conn, 1 stream: best / median | added per hop (paired median) | req/s, 1 conn, 16 streams: best / median | change (paired median) | CPU per request, 16 streams: best / median | added CPU (paired median) | CPU-bound req/s change (paired median) |"
echo "|---|---|---|---|---|---|---|---|"
row base "without the add-on"
row floor "kernel floor: both sides on the socket-map paths, programs that do nothing"
row floor_send "kernel floor, send side only (client's sk_msg path, empty program)"
row floor_recv "kernel floor, receive side only (server's sk_skb path, empty program)"
row send "send side only (client inserts a 1-id context)"
row recv "receive side only (server parses every request)"
row ids1 "both, context of 1 service"
row ids255 "both, 255-service context (target: <= 3 us, >= -15 %)"
if [ -n "$OLD_LOADER" ]; then
	row old_recv "previous build: receive side only"
	row old_ids255 "previous build: both, 255-service context"
fi
echo ""
echo "| in-program time per request (kernel.bpf_stats_enabled), median [passes] | client side: find_header + propagate_ctx | server side: parse_rx | requests per call |"
echo "|---|---|---|---|"
printf "%s" "$STATS_ROWS"
echo ""
echo "$ROUNDS rounds of $N1 requests at 1 stream and $N16 at 16 streams, every configuration in every round (rotating order). Rounds, request time (us):"
for m in $MODES; do echo "$m [${L[$m]% }]"; done
echo "req/s:"
for m in $MODES; do echo "$m [${T16[$m]% }]"; done
echo "CPU ns per request at 16 streams (client + server cgroups):"
for m in $MODES; do echo "$m [${C16[$m]% }]"; done
echo "Contexts inserted in the last 255-service 16-stream statistics pass: $INS, of which truncated+flagged: $TRUNC."
} | tee "$BPF_DIR/build/bench.md"

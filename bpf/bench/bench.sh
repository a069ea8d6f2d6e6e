#!/bin/bash
# Benchmark: h2load -> nghttpd on loopback, one hop, in one run with and without the
# add-on (alternating rounds, medians). The client's service holds a 255-service context
# for the benchmark's trace id, so every request carries the longest (truncated, flagged)
# x-copper-ctx value, 1276 bytes. Also reports in-program ns per call (bpf_stats_enabled).
# Writes the table to build/bench.md.
source "$(dirname "$0")/../tests/lib.sh"
ROUNDS=${ROUNDS:-5}
N1=${N1:-10000}       # requests at 1 connection, 1 stream
N16=${N16:-50000}     # requests at 1 connection, 16 streams
PORT=18401
old_stats=$(sysctl -n kernel.bpf_stats_enabled)
restore() { sysctl -qw kernel.bpf_stats_enabled="$old_stats"; cleanup; }
trap restore EXIT

CGC=$(new_cgroup bench-client); CGS=$(new_cgroup bench-server)
mkdir -p "$WORK/www" && echo ok > "$WORK/www/index.html"
# the machine is shared (builds run beside us): give the measured processes priority
run_in "$CGS" nice -n -20 nghttpd --no-tls -d "$WORK/www" $PORT > /dev/null
wait_port $PORT || exit 1
T=$(tp)
in_client() { sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CGC" "$@"; }

# mean request time (us) at 1 connection and req/s at 16 streams
h2l() { in_client nice -n -20 h2load "$@" -H "traceparent: $T" http://127.0.0.1:$PORT/index.html 2>&1; }
lat() { h2l -n "$N1" -c 1 -m 1 | awk '/^time for request:/ { v=$6; u=v; sub(/[a-z]+$/,"",v); if (u ~ /ms$/) v*=1000; print v }'; }
thr() { h2l -n "$N16" -c 1 -m 16 | awk '/^finished in/ { gsub(",",""); print $4 }'; }
median() { sort -g | awk '{ a[NR]=$1 } END { print a[int((NR+1)/2)] }'; }

loaders=()
attach() {   # attach [short]: without "short" the client service holds a 255-service context
	loaders=()
	loaders+=("$(start_loader "$CGC" 1)") || exit 1
	loaders+=("$(start_loader "$CGS" 2)") || exit 1
	[ "$1" = short ] && return 0
	# seed the client service with a 255-service context for trace $T
	in_client $PY - "$T" <<'EOF'
import socket, sys
import hpack
t = sys.argv[1]
ls = socket.socket(); ls.bind(("127.0.0.1", 0)); ls.listen(1)
c = socket.create_connection(ls.getsockname()); s, _ = ls.accept()
chain = "".join("%04x." % i for i in range(1000, 1255))
blk = hpack.Encoder().encode([(":method", "GET"), (":scheme", "http"), (":path", "/"),
                              (":authority", "seed"), ("traceparent", t), ("x-copper-ctx", chain)])
c.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + len(blk).to_bytes(3, "big") + b"\x01\x05\x00\x00\x00\x01" + blk)
want = 24 + 9 + len(blk)
got = 0
while got < want:
    got += len(s.recv(65536))
EOF
}
detach() {
	local p
	for p in "${loaders[@]}"; do kill "$p"; wait "$p" 2>/dev/null; done
	loaders=()
	eventually sh -c "! bpftool prog show | grep -q 'name find_header '"
}

declare -A L T16
for r in $(seq "$ROUNDS"); do
	L[base]+="$(lat) "; T16[base]+="$(thr) "
	attach
	L[addon]+="$(lat) "; T16[addon]+="$(thr) "
	detach
	attach short
	L[short]+="$(lat) "; T16[short]+="$(thr) "
	detach
done
# in-program cost, measured in its own pass so that statistics do not slow the rounds above
attach
sysctl -qw kernel.bpf_stats_enabled=1
h2l -n "$N1" -c 1 -m 1 > /dev/null; h2l -n "$N16" -c 1 -m 16 > /dev/null
prog_ns() { bpftool prog show name "$1" 2>/dev/null | awk '/run_time_ns/ { for (i=1;i<NF;i++) { if ($i=="run_time_ns") t=$(i+1); if ($i=="run_cnt") c=$(i+1) } } END { if (c) printf "%.0f ns x %d calls", t/c, c; else print "n/a" }'; }
NS_SOCK=$(prog_ns add_socket); NS_RX=$(prog_ns parse_rx); NS_FIND=$(prog_ns find_header); NS_PROP=$(prog_ns propagate_ctx)
INS=$(stat_of 1 tx_inserted); TRUNC=$(stat_of 1 tx_truncated)
sysctl -qw kernel.bpf_stats_enabled=0
detach

med() { echo $1 | tr ' ' '\n' | median; }
lb=$(med "${L[base]}"); la=$(med "${L[addon]}"); ls_=$(med "${L[short]}")
tb=$(med "${T16[base]}"); ta=$(med "${T16[addon]}"); ts_=$(med "${T16[short]}")
added=$(awk -v a="$la" -v b="$lb" 'BEGIN { printf "%+.0f", a - b }')
loss=$(awk -v a="$ta" -v b="$tb" 'BEGIN { printf "%.1f", (1 - a / b) * 100 }')
added_s=$(awk -v a="$ls_" -v b="$lb" 'BEGIN { printf "%+.0f", a - b }')
loss_s=$(awk -v a="$ts_" -v b="$tb" 'BEGIN { printf "%.1f", (1 - a / b) * 100 }')
{
echo "| measure (h2load -> nghttpd, loopback, 1 hop, 255-service context) | without add-on | with add-on | difference | target |"
echo "|---|---|---|---|---|"
echo "| mean request time, 1 connection, 1 stream (median of $ROUNDS x $N1) | ${lb} us | ${la} us | ${added} us per hop | <= 3 us |"
echo "| throughput, 1 connection, 16 streams (median of $ROUNDS x $N16) | ${tb} req/s | ${ta} req/s | -${loss}% | <= 15% |"
echo "| same, context of 1 service (5-byte value): request time | ${lb} us | ${ls_} us | ${added_s} us per hop | |"
echo "| same, context of 1 service: throughput at 16 streams | ${tb} req/s | ${ts_} req/s | -${loss_s}% | |"
echo ""
echo "| program (kernel.bpf_stats_enabled) | mean run time per call |"
echo "|---|---|"
echo "| add_socket (sockops) | $NS_SOCK |"
echo "| parse_rx (sk_skb, server side) | $NS_RX |"
echo "| find_header (sk_msg, client side) | $NS_FIND |"
echo "| propagate_ctx (sk_msg, tail call) | $NS_PROP |"
echo ""
echo "Rounds (interleaved): request time us: base [${L[base]% }], 255 ids [${L[addon]% }], 1 id [${L[short]% }];"
echo "req/s: base [${T16[base]% }], 255 ids [${T16[addon]% }], 1 id [${T16[short]% }]."
echo "Contexts inserted in the statistics pass: $INS, of which truncated+flagged: $TRUNC."
} | tee "$BPF_DIR/build/bench.md"

#!/bin/bash
# Robustness: more than 10^5 requests of mixed traffic between two services, all at once:
#   h2load with a traceparent (context inserted on every request, 4 connections x 16 streams),
#   h2load without a trace id, HTTP/1.1 with a traceparent (wrk), raw TCP echo.
# The server is HAProxy (a real HTTP/2 stack) in service 2's cgroup; it logs the
# x-copper-ctx of every request, so each one is checked, not just counted.
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT

N_TRACE=${N_TRACE:-70000}
N_PLAIN=${N_PLAIN:-20000}
P_H2=18301; P_H1=18302; P_ECHO=18303
CG1=$(new_cgroup client); CG2=$(new_cgroup server)
start_loader "$CG1" 1 > /dev/null || exit 1
start_loader "$CG2" 2 > /dev/null || exit 1

cat > "$WORK/haproxy.cfg" <<EOF
global
    maxconn 400
    nbthread 1
    log stdout format raw local0
defaults
    mode http
    log global
    timeout connect 5s
    timeout client 60s
    timeout server 60s
frontend h2
    bind 127.0.0.1:$P_H2 proto h2
    capture request header x-copper-ctx len 2000
    capture request header traceparent len 100
    log-format "H2 %[capture.req.hdr(0)] %[capture.req.hdr(1)] %HPO"
    http-request return status 200 content-type text/plain string ok
frontend h1
    bind 127.0.0.1:$P_H1
    capture request header x-copper-ctx len 2000
    log-format "H1 %[capture.req.hdr(0)]"
    http-request return status 200 content-type text/plain string ok
EOF
HLOG=$WORK/haproxy.log
RUN_LOG=$HLOG run_in "$CG2" haproxy -f "$WORK/haproxy.cfg" -db > /dev/null
cat > "$WORK/echo.py" <<'EOF'
import socket, sys, threading
def h(c):
    while True:
        d = c.recv(65536)
        if not d: break
        c.sendall(d)
    c.close()
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(64)
while True:
    c, _ = s.accept(); threading.Thread(target=h, args=(c,), daemon=True).start()
EOF
cat > "$WORK/rawclient.py" <<'EOF'
import os, socket, sys
ok = 0
for i in range(int(sys.argv[2])):
    c = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
    data = os.urandom(20000)
    c.sendall(data); c.shutdown(socket.SHUT_WR)
    got = b""
    while True:
        d = c.recv(65536)
        if not d: break
        got += d
    ok += got == data
    c.close()
print("raw_ok", ok)
EOF
run_in "$CG2" $PY "$WORK/echo.py" $P_ECHO > /dev/null
wait_port $P_H2 && wait_port $P_H1 && wait_port $P_ECHO || exit 1

T=$(tp)
# all four kinds of traffic at the same time, each from service 1's cgroup
in1() { sh -c 'echo $$ > "$0/cgroup.procs" && exec "$@"' "$CG1" "$@"; }
in1 timeout 300 h2load -n "$N_TRACE" -c 4 -m 16 -H "traceparent: $T" http://127.0.0.1:$P_H2/t > "$WORK/h2t.out" 2>&1 &
a=$!; PIDS+=($a)
in1 timeout 300 h2load -n "$N_PLAIN" -c 2 -m 8 http://127.0.0.1:$P_H2/p > "$WORK/h2p.out" 2>&1 &
b=$!; PIDS+=($b)
in1 timeout 300 wrk -t1 -c4 -d4s -H "traceparent: $T" http://127.0.0.1:$P_H1/h1 > "$WORK/wrk.out" 2>&1 &
c=$!; PIDS+=($c)
in1 timeout 300 $PY "$WORK/rawclient.py" $P_ECHO 40 > "$WORK/raw.out" 2>&1 &
d=$!; PIDS+=($d)
# a new trace id on every request: literals that churn the dynamic table (evictions)
N_NEW=${N_NEW:-1000}
for k in 1 2 3; do
	in1 timeout 300 $PY "$BPF_DIR/tests/h2client.py" 127.0.0.1:$P_H2 $N_NEW "traceparent:@new" > "$WORK/new$k.out" 2>&1 &
	PIDS+=($!); news+=($!)
done
wait $a $b $c $d "${news[@]}"
sleep 0.5

succ() { sed -n 's/^requests: .* \([0-9]*\) succeeded, \([0-9]*\) failed, \([0-9]*\) errored, \([0-9]*\) timeout.*/\1 \2 \3 \4/p' "$1"; }
read -r ts tf te tt <<< "$(succ "$WORK/h2t.out")"
read -r ps pf pe pt <<< "$(succ "$WORK/h2p.out")"
h1n=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$WORK/wrk.out")
h1err=$(grep -c "Socket errors\|Non-2xx" "$WORK/wrk.out")
rawok=$(sed -n 's/raw_ok //p' "$WORK/raw.out")
echo "requests: h2 with trace $ts ok/$tf failed/$te errored/$tt timeout; h2 without trace $ps ok/$pf/$pe/$pt;" \
	"HTTP/1.1 $h1n; raw TCP connections $rawok/40"
newok=$(cat "$WORK"/new*.out | grep -o ok | wc -l)
echo "h2 with a new trace id per request (python-h2, 3 connections): $newok"
total=$(( ${ts:-0} + ${ps:-0} + ${h1n:-0} + ${rawok:-0} + newok ))
check "more than 10^5 requests in the mixed run (got $total)" test "$total" -ge 100000
check "h2 with trace id: all $N_TRACE succeeded, none failed/errored/stalled" \
	test "${ts:-0}" = "$N_TRACE" -a "$tf$te$tt" = "000"
check "h2 without trace id: all $N_PLAIN succeeded" test "${ps:-0}" = "$N_PLAIN" -a "$pf$pe$pt" = "000"
check "HTTP/1.1: requests done, no socket errors or non-2xx (got ${h1n:-0})" test "${h1n:-0}" -gt 1000 -a "$h1err" = 0
check "raw TCP: 40/40 connections echoed byte-exact" test "${rawok:-0}" = 40
check "new trace id per request: all $((3 * N_NEW)) answered" test "$newok" = $((3 * N_NEW))

# every request as the server saw it
want=$(awk -v t="$T" '$1 == "H2" && $2 == "001" && $3 == t && $4 == "/t"' "$HLOG" | wc -l)
noctx_plain=$(awk '$1 == "H2" && $2 == "-" && $3 == "-" && $4 == "/p"' "$HLOG" | wc -l)
anyctx_plain=$(awk '$1 == "H2" && $4 == "/p" && $2 != "-"' "$HLOG" | wc -l)
h1ctx=$(awk '$1 == "H1" && $2 != "-"' "$HLOG" | wc -l)
newctx=$(awk '$1 == "H2" && $4 ~ /^\/req/ && $2 == "001" && $3 != "-" { print $3 }' "$HLOG" | sort -u | wc -l)
check "server saw x-copper-ctx exactly '001' on all $N_TRACE traced requests (got $want)" test "$want" = "$N_TRACE"
check "server saw no context on all $N_PLAIN untraced requests (got $noctx_plain, other $anyctx_plain)" \
	test "$noctx_plain" = "$N_PLAIN" -a "$anyctx_plain" = 0
check "HTTP/1.1 requests were never modified (with context: $h1ctx)" test "$h1ctx" = 0
check "new trace id per request: $((3 * N_NEW)) distinct trace ids arrived with exactly '001' (got $newctx)" \
	test "$newctx" = $((3 * N_NEW))
ins=$(stat_of 1 tx_inserted); rx=$(stat_of 2 rx_with_ctx); bad=$(stat_of 2 rx_bad_ctx)
ds1=$(stat_of 1 conn_desync); ds2=$(stat_of 2 conn_desync)
check "counters: $ins inserted by service 1, $rx read by service 2, 0 malformed" \
	test "${ins:-0}" = $((N_TRACE + 3 * N_NEW)) -a "${rx:-0}" = $((N_TRACE + 3 * N_NEW)) -a "${bad:-1}" = 0
check "counters: no connection given up (desync: $ds1/$ds2)" test "${ds1:-1}" = 0 -a "${ds2:-1}" = 0
"$LOADER" stats | sed 's/^/    /'
echo "RESULT $PASSED $FAILED"

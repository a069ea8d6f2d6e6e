#!/bin/bash
# Real peers: three python-h2 services, each in its own cgroup with its own loader,
# called by curl and nghttp, directly and through HAProxy. The last service reports the
# x-copper-ctx it received; it must be exactly the ids of the services before it.
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT

ID1=7; ID2=300; ID3=4660          # tokens 007 04i 18q
P1=18101; P2=18102; P3=18103; PH=18110
CG1=$(new_cgroup a); CG2=$(new_cgroup b); CG3=$(new_cgroup c)
start_loader "$CG1" $ID1 > /dev/null || exit 1
start_loader "$CG2" $ID2 > /dev/null || exit 1
start_loader "$CG3" $ID3 > /dev/null || exit 1
run_in "$CG3" $PY "$BPF_DIR/tests/h2svc.py" --port $P3 > /dev/null
run_in "$CG2" $PY "$BPF_DIR/tests/h2svc.py" --port $P2 --downstream 127.0.0.1:$P3 > /dev/null
run_in "$CG1" $PY "$BPF_DIR/tests/h2svc.py" --port $P1 --downstream 127.0.0.1:$P2 > /dev/null
wait_port $P1 && wait_port $P2 && wait_port $P3 || exit 1
WANT="00704i"


# 1. one request, curl
T=$(tp)
out=$(timeout 10 curl -s --http2-prior-knowledge -H "traceparent: $T" http://127.0.0.1:$P1/one)
check "curl: last service receives the chain '$WANT' (got '$(echo "$out" | got_ctx)')" \
	test "$(echo "$out" | got_ctx)" = "$WANT"
check "curl: trace id reaches the last service" grep -q "${T:3:32}" <<< "$out"

# 2. five requests on one connection (python-h2 client): later ones re-send headers
#    from the dynamic table; twice the same traceparent, so it is re-sent fully indexed
T=$(tp)
out=$(timeout 10 $PY "$BPF_DIR/tests/h2client.py" 127.0.0.1:$P1 5 "traceparent:$T")
n=$(echo "$out" | got_ctx | grep -cx "$WANT")
check "5 requests on one connection, same trace id: all 5 carry the chain (got $n)" test "$n" = 5
out=$(timeout 10 $PY "$BPF_DIR/tests/h2client.py" 127.0.0.1:$P1 5 "traceparent:@new")
n=$(echo "$out" | got_ctx | grep -cx "$WANT")
check "5 requests on one connection, new trace ids: all 5 carry the chain (got $n)" test "$n" = 5

# 3. nghttp, 8 concurrent streams on one connection
T=$(tp)
out=$(timeout 10 nghttp -H "traceparent: $T" http://127.0.0.1:$P1/n1 http://127.0.0.1:$P1/n2 \
	http://127.0.0.1:$P1/n3 http://127.0.0.1:$P1/n4 http://127.0.0.1:$P1/n5 \
	http://127.0.0.1:$P1/n6 http://127.0.0.1:$P1/n7 http://127.0.0.1:$P1/n8)
n=$(echo "$out" | got_ctx | grep -cx "$WANT")
check "nghttp, 8 streams: all 8 carry the chain (got $n)" test "$n" = 8

# 4. no trace id: nothing is inserted anywhere
out=$(timeout 10 curl -s --http2-prior-knowledge http://127.0.0.1:$P1/none)
check "no traceparent: request passes untouched (got '$out')" test "$out" = "ctx=-;trace=-"

# 5. the counters agree: service 1 inserted, service 3 received contexts
ins=$(stat_of $ID1 tx_inserted); rxc=$(stat_of $ID3 rx_with_ctx); bad=$(stat_of $ID3 rx_bad_ctx)
check "stats: service $ID1 inserted >= 19 contexts (got $ins)" test "${ins:-0}" -ge 19
check "stats: service $ID3 read >= 19 contexts, none malformed (got $rxc, bad $bad)" \
	test "${rxc:-0}" -ge 19 -a "${bad:-1}" = 0

# 6. HAProxy (HTTP/2 on both sides, not in any service cgroup) between services 1 and 2
cat > "$WORK/haproxy.cfg" <<EOF
global
    maxconn 400
defaults
    mode http
    timeout connect 2s
    timeout client 10s
    timeout server 10s
frontend fe
    bind 127.0.0.1:$PH proto h2
    default_backend be
backend be
    server s2 127.0.0.1:$P2 proto h2
EOF
PH1=18104
haproxy -f "$WORK/haproxy.cfg" -db > "$WORK/haproxy.log" 2>&1 &
PIDS+=($!)
run_in "$CG1" $PY "$BPF_DIR/tests/h2svc.py" --port $PH1 --downstream 127.0.0.1:$PH > /dev/null
wait_port $PH && wait_port $PH1 || exit 1
T=$(tp)
out=$(timeout 10 curl -s --http2-prior-knowledge -H "traceparent: $T" http://127.0.0.1:$PH1/h1)
check "through HAProxy, curl: the chain arrives (got '$(echo "$out" | got_ctx)')" \
	test "$(echo "$out" | got_ctx)" = "$WANT"
out=$(timeout 10 $PY "$BPF_DIR/tests/h2client.py" 127.0.0.1:$PH1 4 "traceparent:@new")
n=$(echo "$out" | got_ctx | grep -cx "$WANT")
check "through HAProxy, 4 requests on one connection: all carry the chain (got $n)" test "$n" = 4
T=$(tp)
out=$(timeout 10 nghttp -H "traceparent: $T" http://127.0.0.1:$PH1/g1 http://127.0.0.1:$PH1/g2 \
	http://127.0.0.1:$PH1/g3 http://127.0.0.1:$PH1/g4)
n=$(echo "$out" | got_ctx | grep -cx "$WANT")
check "through HAProxy, nghttp 4 streams: all carry the chain (got $n)" test "$n" = 4

echo "RESULT $PASSED $FAILED"

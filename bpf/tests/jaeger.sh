#!/bin/bash
# Jaeger applications: the trace header is uber-trace-id (--trace-header). Three
# python-h2 services forward it; the last one must receive the chain; a request that
# only has a W3C traceparent is not a traced request in this configuration.
source "$(dirname "$0")/lib.sh"
trap cleanup EXIT
H=uber-trace-id
P1=18201; P2=18202; P3=18203
CG1=$(new_cgroup j1); CG2=$(new_cgroup j2); CG3=$(new_cgroup j3)
start_loader "$CG1" 17 --trace-header $H > /dev/null || exit 1
start_loader "$CG2" 18 --trace-header $H > /dev/null || exit 1
start_loader "$CG3" 19 --trace-header $H > /dev/null || exit 1
run_in "$CG3" $PY "$BPF_DIR/tests/h2svc.py" --port $P3 --trace-header $H > /dev/null
run_in "$CG2" $PY "$BPF_DIR/tests/h2svc.py" --port $P2 --downstream 127.0.0.1:$P3 --trace-header $H > /dev/null
run_in "$CG1" $PY "$BPF_DIR/tests/h2svc.py" --port $P1 --downstream 127.0.0.1:$P2 --trace-header $H > /dev/null
wait_port $P1 && wait_port $P2 && wait_port $P3 || exit 1

out=$(timeout 10 curl -s --http2-prior-knowledge -H "$H: 5f0e1a2b3c4d5e6f:1a2b3c4d5e6f7081:0:1" http://127.0.0.1:$P1/j)
check "uber-trace-id chain: last service receives '00H00I' (got '$(echo "$out" | got_ctx)')" \
	test "$(echo "$out" | got_ctx)" = "00H00I"
out=$(timeout 10 $PY "$BPF_DIR/tests/h2client.py" 127.0.0.1:$P1 4 "$H:7a7a7a7a7a7a7a7a:1111111111111111:0:1")
n=$(echo "$out" | got_ctx | grep -cx "00H00I")
check "uber-trace-id, 4 requests on one connection: all carry the chain (got $n)" test "$n" = 4
out=$(timeout 10 curl -s --http2-prior-knowledge -H "traceparent: $(tp)" http://127.0.0.1:$P1/w3c)
check "traceparent only, Jaeger configuration: untouched (got '$out')" test "$(echo "$out" | got_ctx)" = "-"
echo "RESULT $PASSED $FAILED"

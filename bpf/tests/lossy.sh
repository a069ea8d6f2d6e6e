#!/bin/bash
# Lost segments: two services in a network namespace whose lo drops 3 % of the TCP data
# segments on receive (tc BPF ingress, so real holes that TCP repairs by retransmission);
# a client pipelines requests, each with a new trace id and a context, as separate
# segments; every request must arrive at the last service with exactly the client's
# context plus service 1, and no connection may be given up. (LOSS_DIR=egress drops on
# send instead.)
source "$(dirname "$0")/lib.sh"
NS=copper-test-$$
cleanup_ns() { cleanup; ip netns del "$NS" 2>/dev/null; }
trap cleanup_ns EXIT

clang -O2 -target bpf -DLOSS_PCT=${LOSS:-3} -I/usr/include/$(uname -m)-linux-gnu \
	-c "$BPF_DIR/tests/lossy.bpf.c" -o "$WORK/lossy.o" || { fail "build the loss program"; echo "RESULT $PASSED $FAILED"; exit 0; }
ip netns add "$NS" && ip -n "$NS" link set lo up &&
	ip netns exec "$NS" tc qdisc add dev lo clsact &&
	ip netns exec "$NS" tc filter add dev lo ${LOSS_DIR:-ingress} bpf da obj "$WORK/lossy.o" sec tc ||
	{ fail "netns with a lossy lo"; echo "RESULT $PASSED $FAILED"; exit 0; }

ID1=7; ID2=300; P1=18301; P2=18302
CG1=$(new_cgroup a); CG2=$(new_cgroup b)
start_loader "$CG1" $ID1 > /dev/null || exit 1
start_loader "$CG2" $ID2 > /dev/null || exit 1
run_in "$CG2" ip netns exec "$NS" $PY "$BPF_DIR/tests/h2svc.py" --port $P2 > /dev/null
run_in "$CG1" ip netns exec "$NS" $PY "$BPF_DIR/tests/h2svc.py" --port $P1 --downstream 127.0.0.1:$P2 > /dev/null
for p in $P1 $P2; do
	eventually ip netns exec "$NS" bash -c "echo > /dev/tcp/127.0.0.1/$p" 2>/dev/null || { fail "service on $p"; exit 1; }
done

N=90; C=${C:-4}   # requests per connection (under h2's 100 concurrent streams), connections
out=$(for _ in $(seq $C); do timeout 60 ip netns exec "$NS" $PY "$BPF_DIR/tests/h2pipeline.py" 127.0.0.1:$P1 $N "005"; done)
n=$(echo "$out" | grep -cx "ctx=005007;trace=.*")
check "3 % loss: $C x $N pipelined requests, each arrives with exactly 005007 (got $n)" test "$n" = $((C * N))
des1=$(stat_of $ID1 conn_desync); des2=$(stat_of $ID2 conn_desync)
check "no connection given up (conn_desync $des1, $des2)" test "${des1:-1}" = 0 -a "${des2:-1}" = 0
[ -n "$DEBUG" ] && "$LOADER" stats --service-id $ID1   # DEBUG=1: print the counters
echo "RESULT $PASSED $FAILED"
